"""The repeat rule of ``Ledger.create`` (``ledger.repeats``): with a repeat window, a payout
identical to one completed within that window is not written, in the transaction that would
write it; the in-flight rule and the row's own reference are judged first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mpesa_desktop.ledger import DuplicateRow, Ledger, LedgerError
from mpesa_desktop.ledger.repeats import RepeatRefused

PAYEE = "254708374149"
DAY = timedelta(hours=24)
PAYOUT = {"amount": 500, "party_a": "600000", "party_b": PAYEE}


class Clock:
    """The ledger's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def log(ledger_location, clock):
    with Ledger(ledger_location, "offline", clock=clock) as ledger:
        yield ledger


def settled(ledger: Ledger, status: str, operation: str = "b2c", **columns):
    row = ledger.create(operation, **{**PAYOUT, **columns})
    if status == "rejected":
        return ledger.transition(row.reference, "rejected", source="ack")
    ledger.transition(row.reference, "accepted", source="ack")
    return ledger.transition(row.reference, status, source="callback", receipt="SLK4H7RT2B")


def counts(ledger: Ledger) -> tuple[int, int]:
    return ledger.reading(lambda conn: (
        conn.execute("SELECT count(*) FROM transactions").fetchone()[0],
        conn.execute("SELECT count(*) FROM events").fetchone()[0]))


def test_a_repeat_of_a_completed_payout_is_not_written(log, clock):
    first = settled(log, "completed")
    clock.now += timedelta(hours=23)
    before = counts(log)
    with pytest.raises(RepeatRefused) as caught:
        log.create("b2c", **PAYOUT, repeat_window=DAY)
    assert caught.value.twin.reference == first.reference
    assert caught.value.twin.receipt == "SLK4H7RT2B"
    assert counts(log) == before  # no row, no event
    # Without a window (the clerk said it is a second payment) it is written.
    assert log.create("b2c", **PAYOUT).status == "sending"


@pytest.mark.parametrize(("change", "after"), [
    ({"amount": 501}, timedelta(hours=1)),
    ({"party_b": "254708374150"}, timedelta(hours=1)),
    ({"party_a": "600001"}, timedelta(hours=1)),
    ({}, timedelta(hours=24, seconds=1)),  # the first is older than the window
])
def test_another_payment_or_an_older_one_is_no_repeat(log, clock, change, after):
    settled(log, "completed")
    clock.now += after
    assert log.create("b2c", **{**PAYOUT, **change}, repeat_window=DAY).status == "sending"


def test_a_bill_to_another_account_is_no_repeat(log):
    settled(log, "completed", "b2b", account_reference="INV-1")
    with pytest.raises(RepeatRefused):
        log.create("b2b", **PAYOUT, account_reference="INV-1", repeat_window=DAY)
    assert log.create("b2b", **PAYOUT, account_reference="INV-2",
                      repeat_window=DAY).status == "sending"


@pytest.mark.parametrize("status", ["failed", "rejected"])
def test_a_payout_that_paid_nobody_does_not_block_its_twin(log, status):
    settled(log, status)
    assert log.create("b2c", **PAYOUT, repeat_window=DAY).status == "sending"


def test_a_twin_in_flight_is_refused_as_in_flight_not_as_a_repeat(log):
    settled(log, "completed")
    in_flight = log.create("b2c", **PAYOUT, repeat_window=None)
    with pytest.raises(DuplicateRow) as caught:
        log.create("b2c", **PAYOUT, repeat_window=DAY)
    assert caught.value.twin.reference == in_flight.reference


def test_the_row_itself_written_again_is_refused_by_its_reference(log):
    """A bulk run planned before another run of the file paid it derives the same reference:
    the earlier row is that row, not a payment to repeat."""
    first = settled(log, "completed")
    with pytest.raises(LedgerError, match="already in the log") as caught:
        log.create("b2c", **PAYOUT, reference=first.reference, repeat_window=DAY)
    assert not isinstance(caught.value, RepeatRefused)
