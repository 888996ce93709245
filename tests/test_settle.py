"""settle(): callbacks shaped like Daraja's (reference samples) applied to a real ledger."""

from __future__ import annotations

import logging
from decimal import Decimal

import requests

from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.services.settle import settle
from tests.fixtures.relay import (
    b2c_result,
    balance_result,
    c2b_notification,
    queue_timeout,
    status_result,
    stk_callback,
)


def accepted_b2c(ledger, conversation_id="AG_20240706_20106e9209f64bebd05b", amount=1500,
                 operation="b2c"):
    """An accepted payout to a phone (B2C, or B2Pochi with ``operation``)."""
    row = ledger.create(operation, amount=amount, party_a="600000", party_b="254708374149",
                        remarks="Refund")
    return ledger.transition(row.reference, "accepted", source="ack",
                             conversation_id=conversation_id)


def accepted_stk(ledger, checkout="ws_CO_191220191020363925", merchant="29115-34620561-1"):
    row = ledger.create("stk_push", amount=1, party_a="254708374149", party_b="174379",
                        phone="254708374149", account_reference="INV-1")
    return ledger.transition(row.reference, "accepted", source="ack",
                             checkout_request_id=checkout, merchant_request_id=merchant)


def asked(ledger, originator_id, conversation_id, about=None):
    """A Transaction Status query of ours, acknowledged by Daraja with these ids."""
    query = ledger.create("transaction_status", party_a="600000", remarks="Status check",
                          account_reference=about)
    return ledger.transition(query.reference, "accepted", source="ack",
                             originator_conversation_id=originator_id,
                             conversation_id=conversation_id)


def history(ledger, reference):
    return [(event.old_status, event.new_status, event.source)
            for event in ledger.events(reference)]


def test_a_b2c_success_completes_the_row_with_receipt_and_counterparty(ledger):
    row = accepted_b2c(ledger)
    settled = settle(ledger, "result",
                     b2c_result(row.originator_conversation_id, row.conversation_id))
    assert settled.reference == row.reference
    assert settled.status == "completed"
    assert settled.receipt == "SG632NMUAB"
    assert settled.result_code == "0"
    assert settled.counterparty == "254708374149 - NICHOLAS JOHN SONGOK"
    assert history(ledger, row.reference)[-1] == ("accepted", "completed", "callback")
    assert ledger.events(row.reference)[-1].payload["Result"]["TransactionID"] == "SG632NMUAB"


def test_a_b2c_failure_fails_the_row_without_a_placeholder_receipt(ledger):
    row = accepted_b2c(ledger)
    settled = settle(ledger, "result",
                     b2c_result(row.originator_conversation_id, row.conversation_id, code=1))
    assert settled.status == "failed"
    assert settled.receipt is None  # OAK0000000 is not a receipt
    assert settled.result_code == "1"
    assert "insufficient" in settled.result_desc


def test_the_row_is_found_by_conversation_id_alone(ledger):
    row = accepted_b2c(ledger, conversation_id="AG_only")
    settled = settle(ledger, "result", b2c_result("someone-elses-id", "AG_only"))
    assert settled.reference == row.reference
    assert settled.status == "completed"


def test_duplicates_change_nothing(ledger):
    row = accepted_b2c(ledger)
    payload = b2c_result(row.originator_conversation_id, row.conversation_id)
    first = settle(ledger, "result", payload)
    events = history(ledger, row.reference)
    second = settle(ledger, "result", payload)
    assert second == first
    assert history(ledger, row.reference) == events
    assert ledger.record_callback("result", payload) is False  # kept once already


def test_a_callback_before_the_ack_goes_through_accepted(ledger):
    row = ledger.create("b2c", amount=500, party_a="600000", party_b="254708374149",
                        remarks="Salary")
    assert row.status == "sending"
    settled = settle(ledger, "result", b2c_result(row.originator_conversation_id, "AG_early"))
    assert settled.status == "completed"
    assert settled.conversation_id == "AG_early"
    assert history(ledger, row.reference)[1:] == [
        ("sending", "accepted", "callback"), ("accepted", "completed", "callback")]


def test_an_unknown_row_is_settled_by_its_callback(ledger):
    row = ledger.create("b2c", amount=500, party_a="600000", party_b="254708374149",
                        remarks="Salary")
    ledger.transition(row.reference, "unknown", source="ack")
    settled = settle(ledger, "result", b2c_result(row.originator_conversation_id, "AG_u"))
    assert settled.status == "completed"
    assert history(ledger, row.reference)[-1] == ("unknown", "completed", "callback")


def test_queue_timeout_then_transaction_status_completes_the_original(ledger):
    row = accepted_b2c(ledger)
    timed_out = settle(ledger, "timeout",
                       queue_timeout(row.originator_conversation_id, row.conversation_id))
    assert timed_out.status == "timed_out"

    query = ledger.create("transaction_status", party_a="600000", remarks="Status check")
    query = ledger.transition(query.reference, "accepted", source="ack",
                              originator_conversation_id="ts-oc-1", conversation_id="AG_ts_1")
    settled = settle(ledger, "result", status_result(
        "ts-oc-1", "AG_ts_1", original_originator_id=row.originator_conversation_id,
        receipt="MBN31H462N", status="Completed"))
    assert settled.reference == row.reference
    assert settled.status == "completed"
    assert settled.receipt == "MBN31H462N"
    assert history(ledger, row.reference)[-1] == ("timed_out", "completed", "callback")
    assert ledger.get(query.reference).status == "completed"


def test_transaction_status_reports_failures_and_pending_states(ledger):
    cancelled = accepted_b2c(ledger, conversation_id="AG_c")
    pending = accepted_b2c(ledger, conversation_id="AG_p", amount=1600)
    ledger.transition(cancelled.reference, "timed_out", source="callback")
    asked(ledger, "ts-a", "AG_ts_a")
    asked(ledger, "ts-b", "AG_ts_b")
    settle(ledger, "result", status_result(
        "ts-a", "AG_ts_a", original_originator_id=cancelled.originator_conversation_id,
        status="Cancelled"))
    settle(ledger, "result", status_result(
        "ts-b", "AG_ts_b", original_originator_id=pending.originator_conversation_id,
        status="Pending Authorized"))
    assert ledger.get(cancelled.reference).status == "failed"
    assert ledger.get(cancelled.reference).receipt is None
    assert ledger.get(pending.reference).status == "accepted"


def test_a_failed_status_query_leaves_the_original_alone(ledger):
    row = accepted_b2c(ledger)
    query = ledger.create("transaction_status", party_a="600000", remarks="Status check")
    ledger.transition(query.reference, "accepted", source="ack",
                      originator_conversation_id="ts-oc-2", conversation_id="AG_ts_2")
    failed = status_result("ts-oc-2", "AG_ts_2",
                           original_originator_id=row.originator_conversation_id)
    failed["Result"]["ResultCode"] = 2032
    failed["Result"]["ResultDesc"] = "The transaction receipt number does not exist."
    settle(ledger, "result", failed)
    assert ledger.get(row.reference).status == "accepted"
    assert ledger.get(query.reference).status == "failed"


def test_a_status_result_finds_the_original_by_receipt(ledger):
    row = accepted_b2c(ledger)
    ledger.transition(row.reference, "completed", source="callback", receipt="QKJ3ABCDEF")
    asked(ledger, "ts-r", "AG_ts_r")
    payload = status_result("ts-r", "AG_ts_r", original_originator_id="not-in-the-log",
                            receipt="QKJ3ABCDEF", status="Completed")
    assert settle(ledger, "result", payload).reference == row.reference
    assert history(ledger, row.reference)[-1] == ("accepted", "completed", "callback")


def test_a_balance_result_fills_the_balances_once(ledger):
    row = ledger.create("account_balance", party_a="600000", remarks="Balance")
    row = ledger.transition(row.reference, "accepted", source="ack",
                            originator_conversation_id="ab-oc", conversation_id="AG_ab")
    payload = balance_result("ab-oc", "AG_ab")
    assert settle(ledger, "result", payload).status == "completed"
    settle(ledger, "result", payload)  # a duplicate delivery
    balances = ledger.latest_balances()
    assert [line.account for line in balances] == [
        "Working Account", "Float Account", "Utility Account", "Charges Paid Account",
        "Organization Settlement Account"]
    assert balances[0].available == Decimal("700000.00")
    assert balances[3].current == Decimal("-1540.00")
    assert all(line.reference == row.reference for line in balances)


def test_stk_success_and_failure(ledger):
    paid = accepted_stk(ledger)
    cancelled = accepted_stk(ledger, checkout="ws_CO_21072024125243250722943992",
                             merchant="f1e2-4b95-a71d-b30d3cdbb7a7942864")
    settle(ledger, "stk", stk_callback(paid.checkout_request_id, paid.merchant_request_id))
    settle(ledger, "stk", stk_callback(cancelled.checkout_request_id,
                                       cancelled.merchant_request_id, code=1032))
    paid, cancelled = ledger.get(paid.reference), ledger.get(cancelled.reference)
    assert (paid.status, paid.receipt, paid.result_code) == ("completed", "NLJ7RT61SV", "0")
    assert (cancelled.status, cancelled.receipt, cancelled.result_code) == (
        "failed", None, "1032")


def test_an_stk_query_answer_settles_the_push_as_a_poll(ledger):
    push = accepted_stk(ledger)
    # A manual STK Query row carries the same CheckoutRequestID; it is not the target.
    query = ledger.create("stk_query", party_a="174379", remarks="STK query")
    ledger.transition(query.reference, "accepted", source="ack",
                      checkout_request_id=push.checkout_request_id,
                      merchant_request_id=push.merchant_request_id)
    answer = {
        "ResponseCode": "0",
        "ResponseDescription": "The service request has been accepted successfully",
        "MerchantRequestID": push.merchant_request_id,
        "CheckoutRequestID": push.checkout_request_id,
        "ResultCode": "1037",
        "ResultDesc": "No response from user.",
    }
    settled = settle(ledger, "stk_query", answer)
    assert settled.reference == push.reference
    assert settled.status == "failed"
    assert settled.result_code == "1037"
    assert history(ledger, push.reference)[-1] == ("accepted", "failed", "poll")
    assert ledger.get(query.reference).status == "accepted"


def test_c2b_confirmations_become_incoming_rows_once(ledger):
    payload = c2b_notification("RKL51ZDR4F", amount="1500.00", bill_ref="INV-77")
    assert settle(ledger, "c2b_validation", payload) is None
    incoming = settle(ledger, "c2b_confirmation", payload)
    again = settle(ledger, "c2b_confirmation", payload)
    assert again.reference == incoming.reference
    assert incoming.status == "completed"
    assert (incoming.receipt, incoming.amount, incoming.account_reference) == (
        "RKL51ZDR4F", 1500, "INV-77")
    assert incoming.party_b == "600966"
    assert incoming.counterparty == "NICHOLAS"
    assert ledger.summary() == (1, 1500)


def test_unknown_matches_and_unreadable_events_change_nothing(ledger):
    row = accepted_b2c(ledger)
    assert settle(ledger, "result", b2c_result("nobody", "AG_nobody")) is None
    assert settle(ledger, "stk", stk_callback("ws_CO_nobody", "mr-nobody")) is None
    assert settle(ledger, "result", ["not", "a", "dict"]) is None
    assert settle(ledger, "result", {"Result": "nonsense"}) is None
    assert ledger.get(row.reference).status == "accepted"
    assert ledger.summary() == (1, 1500)


def test_an_illegal_transition_is_logged_not_raised(ledger, caplog):
    row = accepted_b2c(ledger)
    settle(ledger, "result", b2c_result(row.originator_conversation_id, row.conversation_id))
    caplog.set_level(logging.INFO, logger="mpesa_desktop.services.settle")
    late = settle(ledger, "timeout",
                  queue_timeout(row.originator_conversation_id, row.conversation_id))
    assert late.status == "completed"
    assert "cannot go from 'completed' to 'timed_out'" in caplog.text


def test_relay_feed_to_settled_rows(ledger, relay):
    b2c = accepted_b2c(ledger)
    stk = accepted_stk(ledger)
    deliveries = [
        ("result", b2c_result(b2c.originator_conversation_id, b2c.conversation_id)),
        ("stk", stk_callback(stk.checkout_request_id, stk.merchant_request_id)),
        ("c2b_confirmation", c2b_notification("RKL51ZDR4G")),
    ]
    for kind, payload in deliveries + deliveries[:1]:
        assert requests.post(relay.callback_url(kind), json=payload, timeout=10).ok
    feed = RelayFeed(relay.base_url, relay.token)
    events, cursor = feed.fetch(ledger.get_meta("relay_cursor"))
    for event in events:
        settle(ledger, event.kind, event.payload)
    ledger.set_meta("relay_cursor", cursor)
    assert len(events) == 3
    assert ledger.get(b2c.reference).status == "completed"
    assert ledger.get(stk.reference).status == "completed"
    assert feed.fetch(ledger.get_meta("relay_cursor"))[0] == []
