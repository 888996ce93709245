"""The status machine through a real Ledger: every legal and every illegal transition."""

from __future__ import annotations

import itertools

import pytest

from mpesa_desktop.ledger import Filters, IllegalTransition, Ledger, UnknownReference
from mpesa_desktop.ledger.statuses import STATUSES, TRANSITIONS
from tests.raw_sql import run_sql

# How to reach each status from a new row, by legal steps only.
ROUTES = {
    "draft": [],
    "sending": ["sending"],
    "accepted": ["sending", "accepted"],
    "completed": ["sending", "accepted", "completed"],
    "failed": ["sending", "accepted", "failed"],
    "timed_out": ["sending", "accepted", "timed_out"],
    "rejected": ["sending", "rejected"],
    "unknown": ["sending", "unknown"],
}
LEGAL = {
    ("draft", "sending"),
    ("sending", "accepted"),
    ("sending", "rejected"),
    ("sending", "unknown"),
    ("accepted", "completed"),
    ("accepted", "failed"),
    ("accepted", "timed_out"),
    ("timed_out", "completed"),
    ("timed_out", "failed"),
    ("unknown", "accepted"),
    ("unknown", "completed"),
    ("unknown", "failed"),
    ("awaiting_approval", "sending"),
    ("awaiting_approval", "declined"),
}
# Made only by approving or declining (``Ledger.approve``/``decline``: tests/test_team_rules.py);
# the rows are put in these statuses by hand here.
BY_APPROVAL = {("awaiting_approval", "sending"), ("awaiting_approval", "declined")}
HELD = {"awaiting_approval", "declined"}


def row_in(ledger: Ledger, status: str) -> str:
    reference = ledger.create("b2c", amount=100, party_b="254708374149", draft=True).reference
    if status in HELD:  # on the Ledger's own connection: no desk is told of it
        ledger.writing(lambda conn: conn.execute(
            "UPDATE transactions SET status = :status, approvals_needed = 1 "
            "WHERE reference = :reference", {"status": status, "reference": reference}))
    for step in ROUTES.get(status, []):
        ledger.transition(reference, step, source="user")
    assert ledger.get(reference).status == status
    return reference


def test_the_table_is_the_design():
    assert {(old, new) for old, news in TRANSITIONS.items() for new in news} == LEGAL


@pytest.mark.parametrize(("old", "new"), sorted(LEGAL - BY_APPROVAL))
def test_legal_transition_is_recorded_with_its_event(ledger, old, new):
    reference = row_in(ledger, old)
    before = len(ledger.events(reference))
    after = ledger.transition(
        reference, new, source="callback", payload={"ResultCode": 0}, receipt="QKA1B2C3D4"
    )
    assert after.status == new
    assert after.receipt == "QKA1B2C3D4"
    assert ledger.get(reference).status == new
    events = ledger.events(reference)
    assert len(events) == before + 1
    last = events[-1]
    assert (last.old_status, last.new_status, last.source) == (old, new, "callback")
    assert last.payload == {"ResultCode": 0}


ILLEGAL = sorted(
    (old, new) for old, new in itertools.product(STATUSES, STATUSES)
    if old != new and (old, new) not in LEGAL
)


@pytest.mark.parametrize(("old", "new"), ILLEGAL)
def test_illegal_transition_is_refused_and_changes_nothing(ledger, old, new):
    reference = row_in(ledger, old)
    events = ledger.events(reference)
    with pytest.raises(IllegalTransition) as caught:
        ledger.transition(reference, new, source="poll", receipt="QKA1B2C3D4")
    assert f"'{old}'" in str(caught.value) and f"'{new}'" in str(caught.value)
    row = ledger.get(reference)
    assert row.status == old
    assert row.receipt is None
    assert ledger.events(reference) == events


@pytest.mark.parametrize("status", STATUSES)
def test_repeating_the_status_records_nothing(ledger, status):
    reference = row_in(ledger, status)
    before = ledger.get(reference)
    events = ledger.events(reference)
    seen = []
    ledger.subscribe(lambda *change: seen.append(change))
    again = ledger.transition(reference, status, source="callback", payload={"again": True})
    assert again == before == ledger.get(reference)
    assert ledger.events(reference) == events
    assert seen == []


@pytest.mark.parametrize("status", STATUSES)
def test_repeating_the_status_fills_only_the_fields_the_row_lacks(ledger, status):
    reference = row_in(ledger, status)
    run_sql(ledger.location,  # a result description the row already has
            "UPDATE transactions SET result_desc = 'first word' WHERE reference = :reference",
            {"reference": reference})
    before = ledger.get(reference)
    events = ledger.events(reference)
    seen = []
    ledger.subscribe(lambda *change: seen.append(change))
    again = ledger.transition(reference, status, source="callback", receipt="QZZ9",
                              result_desc="second word", counterparty=None)
    assert again == ledger.get(reference)
    assert (again.status, again.receipt, again.result_desc) == (status, "QZZ9", "first word")
    assert again.counterparty is None
    assert again.updated_at >= before.updated_at
    assert ledger.events(reference) == events
    assert seen == [(again, status, status)]  # the row changed, its status did not
    # Once filled, a value stays: a third delivery changes nothing, and tells nobody.
    assert ledger.transition(reference, status, source="poll", receipt="QYY8") == again
    assert len(seen) == 1


def test_a_late_callback_brings_the_receipt_to_a_row_stk_query_settled(ledger):
    row = ledger.create("stk_push", amount=5, phone="0708374149")
    ledger.transition(row.reference, "accepted", source="ack", checkout_request_id="ws_CO_1",
                      merchant_request_id="29115-1")
    ledger.transition(row.reference, "completed", source="poll", result_code="0",
                      result_desc="The service request is processed successfully.")
    events = ledger.events(row.reference)
    late = ledger.transition(row.reference, "completed", source="callback",
                             payload={"Body": {"stkCallback": {"ResultCode": 0}}},
                             receipt="NLJ7RT61SV", result_code="0",
                             result_desc="Processed by the callback")
    assert (late.status, late.receipt, late.result_code) == ("completed", "NLJ7RT61SV", "0")
    assert late.result_desc == "The service request is processed successfully."
    assert ledger.events(row.reference) == events
    assert ledger.query(Filters(receipt="NLJ7RT61SV"))[0].reference == row.reference


def test_new_rows_are_sending_with_a_creation_event(ledger):
    row = ledger.create("b2c", amount=10, party_b="254708374149")
    assert row.status == "sending"
    [event] = ledger.events(row.reference)
    assert (event.seq, event.old_status, event.new_status, event.source) == (
        1, None, "sending", "user"
    )


def test_subscribers_hear_committed_changes_until_they_unsubscribe(ledger):
    heard = []

    def listener(transaction, old, new):
        # Called after the commit: a fresh read already sees the change.
        heard.append((old, new, ledger.get(transaction.reference).status))

    unsubscribe = ledger.subscribe(listener)
    row = ledger.create("b2c", amount=10, party_b="254708374149")
    ledger.transition(row.reference, "accepted", source="ack")
    unsubscribe()
    ledger.transition(row.reference, "completed", source="callback")
    assert heard == [(None, "sending", "sending"), ("sending", "accepted", "accepted")]


def test_a_failing_subscriber_does_not_undo_the_change(ledger, caplog):
    ledger.subscribe(lambda *change: 1 / 0)
    row = ledger.create("b2c", amount=10, party_b="254708374149")
    assert ledger.get(row.reference).status == "sending"
    assert "subscriber failed" in caplog.text


def test_bad_source_field_or_reference(ledger):
    row = ledger.create("b2c", amount=10, party_b="254708374149")
    with pytest.raises(ValueError, match="source must be one of"):
        ledger.transition(row.reference, "accepted", source="guess")
    with pytest.raises(TypeError, match="amount"):
        ledger.transition(row.reference, "accepted", source="ack", amount=5)
    with pytest.raises(ValueError, match="status must be one of"):
        ledger.transition(row.reference, "paid", source="ack")
    with pytest.raises(UnknownReference, match="no transaction"):
        ledger.transition("nope", "accepted", source="ack")
    assert ledger.get(row.reference).status == "sending"


def test_recover_interrupted_turns_sending_into_unknown(ledger):
    # Written by a Ledger closed since, as by a process that has ended: nobody is sending them.
    with Ledger(ledger.location) as writer:
        sending = [writer.create("b2c", amount=10 + n, party_b="254708374149") for n in range(3)]
        accepted = writer.create("b2c", amount=20, party_b="254708374149")
        writer.transition(accepted.reference, "accepted", source="ack")
    heard = []
    ledger.subscribe(lambda transaction, old, new: heard.append((old, new)))
    assert ledger.recover_interrupted() == 3
    for row in sending:
        assert ledger.get(row.reference).status == "unknown"
        assert ledger.events(row.reference)[-1].source == "startup"
    assert ledger.get(accepted.reference).status == "accepted"
    assert heard == [("sending", "unknown")] * 3
    assert ledger.recover_interrupted() == 0
