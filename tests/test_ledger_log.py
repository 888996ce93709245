"""The Ledger's records: write-ahead rows, redaction, re-send rules, callbacks, balances, meta."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from mpesa_desktop.ledger import (
    INCOMING_OPERATION,
    Ledger,
    LedgerError,
    RetryRefused,
    demo,
    schema,
)
from tests.raw_sql import run_sql


def test_create_writes_every_field(ledger):
    row = ledger.create(
        "b2c",
        amount=1500,
        party_a="600000",
        party_b="0708 374 149",
        remarks="Salary",
        account_reference="NOV",
        request_body={"Amount": 1500, "PartyB": "254708374149"},
    )
    assert row.operation == "b2c" and row.profile == "offline" and row.status == "sending"
    assert row.amount == 1500 and row.party_a == "600000" and row.party_b == "0708 374 149"
    assert row.phone == "254708374149"  # normalised for the phone filter
    assert row.originator_conversation_id == row.reference  # b2c: our reference is the OCID
    assert row.operator
    assert row.created_at.tzinfo is not None and row.created_at == row.updated_at
    assert len(row.reference) == 36 and row.reference.count("-") == 4
    assert row.in_flight and not row.is_final
    assert ledger.get(row.reference) == row


def test_given_reference_and_originator_id_are_kept(ledger):
    row = ledger.create("b2c", amount=10, party_b="254708374149", reference="ref-1",
                        originator_conversation_id="abc123")
    assert (row.reference, row.originator_conversation_id) == ("ref-1", "abc123")
    with pytest.raises(LedgerError, match="already in the log"):
        ledger.create("b2c", amount=10, party_b="254708374149", reference="ref-1")


def test_secrets_never_reach_the_file(ledger, ledger_location, tmp_path):
    body = {
        "InitiatorName": "testapi",
        "SecurityCredential": "SECRET-CRED-1",
        "Password": "SECRET-PASS-2",
        "passkey": "SECRET-KEY-3",
        "Nested": {"consumer_secret": "SECRET-4", "initiator_password": "SECRET-5",
                   "list": [{"relay_token": "SECRET-6", "Amount": 5}]},
        "Amount": 10,
    }
    row = ledger.create("b2c", amount=10, party_b="254708374149", request_body=body)
    ledger.transition(row.reference, "accepted", source="ack",
                      payload={"Password": "SECRET-7", "ResponseCode": "0"})
    assert row.request_body == {"InitiatorName": "testapi", "Nested": {"list": [{"Amount": 5}]},
                                "Amount": 10}
    assert ledger.events(row.reference)[-1].payload == {"ResponseCode": "0"}
    ledger.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("ledger.sqlite3*"))
    assert b"SECRET" not in raw
    stored = run_sql(ledger_location, "SELECT request_body FROM transactions") + run_sql(
        ledger_location, "SELECT payload FROM events")
    assert stored and "SECRET" not in repr(stored)


@pytest.mark.parametrize("amount", [10.5, -1, "ten", True, "inf", "nan", "1e400"])
def test_amount_must_be_whole_shillings(ledger, amount):
    with pytest.raises(ValueError, match="amount must be whole shillings"):
        ledger.create("b2c", amount=amount, party_b="254708374149")
    assert ledger.summary() == (0, 0)


def test_in_flight_rows_block_a_resend_and_retry_links_a_new_row(ledger):
    first = ledger.create("b2c", amount=500, party_b="254708374149")
    assert ledger.is_in_flight(first.reference)
    assert ledger.in_flight("b2c", party_b="254708374149", amount=500) == [first]
    assert ledger.in_flight("b2c", party_b="254708374149", amount=501) == []
    for status in ("sending", "accepted", "timed_out"):
        if status != "sending":
            ledger.transition(first.reference, status, source="ack")
        with pytest.raises(RetryRefused, match=f"'{status}'"):
            ledger.create("b2c", amount=500, party_b="254708374149", retry_of=first.reference)
    ledger.transition(first.reference, "failed", source="poll", result_code="1")
    assert not ledger.is_in_flight(first.reference)
    assert ledger.in_flight("b2c", party_b="254708374149") == []
    retry = ledger.create("b2c", amount=500, party_b="254708374149", retry_of=first.reference)
    assert retry.retry_of == first.reference
    # A second re-send of the same original while the first re-send may be paying: refused.
    with pytest.raises(RetryRefused, match="already sent again"):
        ledger.create("b2c", amount=500, party_b="254708374149", retry_of=first.reference)
    ledger.transition(retry.reference, "rejected", source="ack")
    third = ledger.create("b2c", amount=500, party_b="254708374149", retry_of=first.reference)
    assert third.retry_of == first.reference


def test_unknown_rows_can_never_be_resent(ledger):
    row = ledger.create("b2c", amount=500, party_b="254708374149")
    ledger.transition(row.reference, "unknown", source="ack")
    with pytest.raises(RetryRefused):
        ledger.create("b2c", amount=500, party_b="254708374149", retry_of=row.reference)
    with pytest.raises(LedgerError, match="no transaction"):
        ledger.create("b2c", amount=500, party_b="254708374149", retry_of="missing")


def test_pending_and_find(ledger):
    rows = {s: ledger.create("b2c", amount=10 + n, party_b="254708374149") for n, s in
            enumerate(("accepted", "timed_out", "unknown", "completed", "rejected", "sending"))}
    ledger.transition(rows["accepted"].reference, "accepted", source="ack",
                      conversation_id="AG_1")
    ledger.transition(rows["timed_out"].reference, "accepted", source="ack")
    ledger.transition(rows["timed_out"].reference, "timed_out", source="callback")
    ledger.transition(rows["unknown"].reference, "unknown", source="ack")
    ledger.transition(rows["completed"].reference, "accepted", source="ack")
    ledger.transition(rows["completed"].reference, "completed", source="callback")
    ledger.transition(rows["rejected"].reference, "rejected", source="ack")
    assert [r.reference for r in ledger.pending()] == [
        rows[s].reference for s in ("accepted", "timed_out", "unknown")
    ]
    stk = ledger.create("stk_push", amount=1, party_a="254708374149", phone="254708374149")
    ledger.transition(stk.reference, "accepted", source="ack", checkout_request_id="ws_CO_1",
                      merchant_request_id="mr-1")
    assert ledger.find(conversation_id="AG_1").reference == rows["accepted"].reference
    assert ledger.find(checkout_request_id="ws_CO_1").reference == stk.reference
    assert ledger.find(merchant_request_id="mr-1").reference == stk.reference
    ocid = rows["unknown"].reference
    assert ledger.find(originator_conversation_id=ocid).reference == ocid
    assert ledger.find(conversation_id="nope") is None
    assert ledger.find() is None


def test_duplicate_callbacks_are_kept_once(ledger, tmp_path):
    payload = {"Result": {"ResultCode": 0, "ConversationID": "AG_1", "Name": "Zoë"}}
    assert ledger.record_callback("result", payload) is True
    same_content_other_order = {"Result": {"Name": "Zoë", "ConversationID": "AG_1",
                                           "ResultCode": 0}}
    assert ledger.record_callback("result", same_content_other_order) is False
    assert ledger.record_callback("timeout", payload) is True  # another kind is another callback
    assert ledger.record_callback("result", {"Result": {"ResultCode": 1}}) is True
    assert run_sql(ledger.location, "SELECT count(*) FROM callbacks") == [(3,)]


def test_incoming_payment_is_logged_once(ledger):
    seen = []
    ledger.subscribe(lambda t, old, new: seen.append((t.operation, old, new)))
    first = ledger.record_incoming(receipt="QKA12345", amount=250, phone="0712345678",
                                   party_b="600000", account_reference="ACC1",
                                   counterparty="Zoë Wanjikũ", payload={"TransID": "QKA12345"})
    again = ledger.record_incoming(receipt="QKA12345", amount=250, phone="0712345678")
    assert again == first
    assert (first.operation, first.status, first.phone) == (
        INCOMING_OPERATION, "completed", "254712345678"
    )
    [event] = ledger.events(first.reference)
    assert (event.old_status, event.new_status, event.source) == (None, "completed", "callback")
    assert seen == [(INCOMING_OPERATION, None, "completed")]
    assert ledger.summary() == (1, 250)


@dataclass
class AccountBalance:
    account: str
    currency: str
    current: Decimal
    available: Decimal
    reserved: Decimal
    uncleared: Decimal


def test_balances_latest_result_per_account(ledger_location):
    now = [datetime(2026, 11, 1, tzinfo=UTC)]
    ledger = Ledger(ledger_location, clock=lambda: now[0])
    ledger.record_balances("r1", [AccountBalance("Working Account", "KES", Decimal(1), Decimal(1),
                                                 Decimal(0), Decimal(0))])
    now[0] += timedelta(minutes=5)
    assert ledger.record_balances("r2", [
        AccountBalance("Working Account", "KES", Decimal("481000.00"), Decimal("481000"),
                       Decimal("0"), Decimal("0")),
        {"account": "Utility Account", "currency": "KES", "current": "228037.5",
         "available": 228037.5, "reserved": None, "uncleared": "0"},
    ]) == 2
    latest = ledger.latest_balances()
    assert [(b.reference, b.account, b.current, b.reserved) for b in latest] == [
        ("r2", "Working Account", Decimal("481000.00"), Decimal("0.00")),
        ("r2", "Utility Account", Decimal("228037.50"), None),
    ]
    assert latest[0].recorded_at == now[0]
    ledger.close()


def test_meta_values(ledger):
    assert ledger.get_meta("poller.cursor") is None
    assert ledger.get_meta("poller.cursor", "0") == "0"
    ledger.set_meta("poller.cursor", "17")
    ledger.set_meta("poller.cursor", "18")
    assert ledger.get_meta("poller.cursor") == "18"


def test_writers_and_readers_on_many_threads(ledger):
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(25):  # another payee each time: no twin of a payout in flight
                row = ledger.create("b2c", amount=n, party_b=f"2547083741{i:02d}")
                ledger.transition(row.reference, "accepted", source="ack")
                ledger.query(limit=10)
                ledger.summary()
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(1, 7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ledger.summary() == (150, 25 * sum(range(1, 7)))
    assert {r.status for r in ledger.query(limit=200)} == {"accepted"}


def test_two_ledgers_on_one_file_see_each_other(ledger_location):
    one = Ledger(ledger_location)
    two = Ledger(ledger_location)
    row = one.create("b2c", amount=10, party_b="254708374149")
    two.transition(row.reference, "accepted", source="ack")
    assert one.get(row.reference).status == "accepted"
    one.close()
    two.close()


def test_demo_data_into_a_log_that_is_open_elsewhere(sqlite_ledger):
    ledger = sqlite_ledger
    row = ledger.create("b2c", amount=5, party_b="254708374149")
    assert demo.generate(ledger.path, 500, seed=3) == 500
    count, _ = ledger.summary()
    assert count == 501 and ledger.get(row.reference).status == "sending"
    assert {e.source for r in ledger.query(limit=5) for e in ledger.events(r.reference)} <= {
        "user", "ack", "callback"
    }


def test_demo_rows_say_rightly_whether_their_text_cells_are_plain(tmp_path):
    path = tmp_path / "demo.sqlite3"
    demo.generate(path, 2_000, seed=9)
    demo.generate(path, 50, seed=10, operator="-clerk")
    conn = sqlite3.connect(path)
    plain = schema.plain_cells_sql(schema.CELL_COLUMNS)
    rows = conn.execute(f"SELECT plain_cells, {plain} FROM transactions").fetchall()
    conn.close()
    assert rows.count((1, 1)) == 2_000
    assert rows.count((None, 0)) == 50
