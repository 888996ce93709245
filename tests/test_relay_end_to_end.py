"""Offline end to end below the services: the simulator's real callbacks travel through the relay
to the feed, and ``settle`` applies them to a real ledger.

Requests go to the simulator as bare Daraja HTTP (``daraja_http``), with the relay's callback
URLs; the ledger rows are written as the services write them (``sending``, then ``accepted`` with
the ack's ids).
"""

from __future__ import annotations

import time

import requests

from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.services.settle import settle
from tests.fixtures.simulator import wait_until

CURSOR = "relay_cursor"


def apply_feed(ledger, relay) -> int:
    """One poller round: read after the stored cursor, settle each event, keep the cursor."""
    events, cursor = RelayFeed(relay.base_url, relay.token).fetch(ledger.get_meta(CURSOR))
    for event in events:
        settle(ledger, event.kind, event.payload)
    ledger.set_meta(CURSOR, cursor)
    return len(events)


def settled(ledger, relay, reference, status=None):
    def done():
        apply_feed(ledger, relay)
        row = ledger.get(reference)
        return row if (row.status == status if status else row.is_final) else None

    return wait_until(done, timeout=10)


def send(ledger, daraja_http, relay, operation, *, amount=None, phone=None, **overrides):
    """Write the row, send the request with the relay's URLs, record the ack."""
    body = daraja_http.body(operation, result_url=relay.callback_url("result"), **overrides)
    row = ledger.create(operation, amount=amount, party_b=phone, phone=phone, remarks="e2e",
                        originator_conversation_id=body.get("OriginatorConversationID"))
    response = daraja_http.send(operation, body)
    assert response.status_code == 200, response.text
    ack = response.json()
    ids = {
        "conversation_id": ack.get("ConversationID"),
        "originator_conversation_id": ack.get("OriginatorConversationID"),
        "checkout_request_id": ack.get("CheckoutRequestID"),
        "merchant_request_id": ack.get("MerchantRequestID"),
    }
    return ledger.transition(row.reference, "accepted", source="ack",
                             **{key: value for key, value in ids.items() if value})


def test_b2c_results_settle_through_the_relay_and_a_resend_changes_nothing(
        ledger, relay, simulator, daraja_http):
    paid = send(ledger, daraja_http, relay, "b2c", amount=100, phone="254708374149")
    short = send(ledger, daraja_http, relay, "b2c", amount=100, phone="254711000001",
                 PartyB="254711000001")
    paid = settled(ledger, relay, paid.reference)
    short = settled(ledger, relay, short.reference)
    assert paid.status == "completed" and paid.receipt and paid.result_code == "0"
    assert paid.counterparty and "254708374149" in paid.counterparty
    assert (short.status, short.receipt, short.result_code) == ("failed", None, "1")

    events_before = ledger.events(paid.reference)
    requests.post(simulator.url + "/admin/resend", json={"id": 1}, timeout=5).raise_for_status()
    wait_until(lambda: any(event.deliveries == 2 for event in relay.store.events_after(0)))
    assert apply_feed(ledger, relay) == 0
    assert ledger.events(paid.reference) == events_before


def test_stk_success_and_cancellation(ledger, relay, daraja_http):
    paid = send(ledger, daraja_http, relay, "stk_push", amount=10, phone="254708374149",
                CallBackURL=relay.callback_url("stk"))
    cancelled = send(ledger, daraja_http, relay, "stk_push", amount=10, phone="254711001032",
                     PhoneNumber="254711001032", PartyA="254711001032",
                     CallBackURL=relay.callback_url("stk"))
    paid = settled(ledger, relay, paid.reference)
    cancelled = settled(ledger, relay, cancelled.reference)
    assert paid.status == "completed" and paid.receipt
    assert (cancelled.status, cancelled.result_code) == ("failed", "1032")


def test_account_balance_fills_the_balances(ledger, relay, daraja_http):
    row = send(ledger, daraja_http, relay, "account_balance")
    assert settled(ledger, relay, row.reference).status == "completed"
    balances = ledger.latest_balances()
    assert balances and all(line.reference == row.reference for line in balances)
    assert any(line.account == "Utility Account" for line in balances)


def test_queue_timeout_then_transaction_status_completes_the_payout(ledger, relay, daraja_http):
    row = send(ledger, daraja_http, relay, "b2c", amount=100, phone="254711000408",
               PartyB="254711000408")
    settled(ledger, relay, row.reference, status="timed_out")

    deadline = time.monotonic() + 10
    while ledger.get(row.reference).status == "timed_out":
        assert time.monotonic() < deadline, "Transaction Status never settled the payout"
        query = send(ledger, daraja_http, relay, "transaction_status",
                     OriginalConversationID=row.originator_conversation_id)
        settled(ledger, relay, query.reference)
    final = ledger.get(row.reference)
    assert final.status == "completed"
    assert final.receipt
    assert ledger.events(row.reference)[-1].old_status == "timed_out"


def test_c2b_payments_become_incoming_rows(ledger, relay, daraja_http):
    register = daraja_http.send("c2b_register", daraja_http.body(
        "c2b_register", ConfirmationURL=relay.callback_url("c2b_confirmation"),
        ValidationURL=relay.callback_url("c2b_validation")))
    assert register.status_code == 200, register.text
    assert daraja_http.send("c2b_simulate", daraja_http.body(
        "c2b_simulate", Amount=750, BillRefNumber="INV-9")).status_code == 200

    def incoming():
        apply_feed(ledger, relay)
        return ledger.summary()[0] == 1

    wait_until(incoming, timeout=10)
    [row] = ledger.query()
    assert (row.operation, row.status, row.amount, row.account_reference) == (
        "c2b_payment", "completed", 750, "INV-9")
    assert row.receipt


def test_b2b_tax_and_a_reversal_of_an_stk_payment(ledger, relay, daraja_http):
    paybill = send(ledger, daraja_http, relay, "b2b", amount=239)
    tax = send(ledger, daraja_http, relay, "tax_remittance", amount=500)
    stk = send(ledger, daraja_http, relay, "stk_push", amount=10, phone="254708374149",
               CallBackURL=relay.callback_url("stk"))
    stk = settled(ledger, relay, stk.reference)
    reversal = send(ledger, daraja_http, relay, "reversal", amount=10,
                    TransactionID=stk.receipt)
    for row in (paybill, tax, reversal):
        final = settled(ledger, relay, row.reference)
        assert final.status == "completed", (final.operation, final.result_desc)
        assert final.receipt and final.result_code == "0"
    assert ledger.get(reversal.reference).receipt != stk.receipt
