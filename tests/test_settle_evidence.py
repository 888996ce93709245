"""Callbacks are evidence, not orders (issue 9, point 4): a callback moves a payout to failed
only when its ids are the ones Daraja acknowledged; a ref alone may bring a success to a row
whose acknowledgement was lost; a failure that arrives before the acknowledgement is applied
once the row learns its ids; a lone surrogate in a callback no longer drops it."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from mpesa_desktop.catalogue import OPERATIONS
from mpesa_desktop.ledger.statuses import RETRYABLE
from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.services.poller import Poller
from mpesa_desktop.services.settle import settle
from tests.fixtures.relay import b2c_result, queue_timeout, status_result, stk_callback
from tests.test_settle import accepted_b2c, accepted_stk, asked, history


def unknown_b2b(ledger):
    """A B2B whose acknowledgement was lost: it knows none of Daraja's ids."""
    row = ledger.create("b2b", amount=239, party_a="600000", party_b="600001",
                        account_reference="INV-9", remarks="Stock")
    return ledger.transition(row.reference, "unknown", source="ack")


def b2b_result(originator_id, conversation_id, *, code=0, receipt="SG632NMUAB"):
    payload = b2c_result(originator_id, conversation_id, code=code, receipt=receipt)
    payload["Result"]["ResultType"] = "0"
    return payload


@pytest.fixture
def poller(ledger):
    """A poller on ``ledger`` (no feed; nothing is ever asked of Daraja in these tests)."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        def never(row):
            raise AssertionError(f"{row.reference} was asked about")

        yield Poller(ledger=ledger, feed=None, executor=executor, stk_query=never,
                     status_query=never)


@pytest.mark.parametrize("operation", sorted(
    name for name, declared in OPERATIONS.items() if declared.pays_a_phone))
def test_a_forged_failure_naming_an_accepted_payout_changes_nothing(ledger, operation):
    row = accepted_b2c(ledger, operation=operation)  # its OriginatorConversationID is its
    # reference: the URL's ref
    before = history(ledger, row.reference)
    forged = [
        b2c_result(row.reference, "AG_made_up", code=1),  # our id, a made-up ConversationID
        b2c_result("made-up", "AG_made_up", code=1),       # ref alone
        b2c_result(row.reference, None, code=1),           # our id, no ConversationID
        queue_timeout(row.reference, "AG_made_up"),
    ]
    for payload in forged:
        kind = "timeout" if payload["Result"]["ResultType"] == 1 else "result"
        settle(ledger, kind, payload, ref=row.reference)
    after = ledger.get(row.reference)
    assert after.status == "accepted" and after.status not in RETRYABLE  # no "Send again"
    assert (after.conversation_id, after.result_code) == (row.conversation_id, None)
    assert history(ledger, row.reference) == before


def test_a_failure_needs_every_id_it_carries_to_be_the_rows(ledger):
    row = accepted_b2c(ledger, conversation_id="AG_real")
    settle(ledger, "result", b2c_result("someone-elses-id", "AG_real", code=1))
    assert ledger.get(row.reference).status == "accepted"
    settle(ledger, "result", b2c_result(row.originator_conversation_id, "AG_real", code=1))
    assert ledger.get(row.reference).status == "failed"


def test_a_forged_failure_of_a_payout_whose_ack_was_lost_changes_nothing(ledger):
    row = unknown_b2b(ledger)
    settle(ledger, "result", b2b_result("made-up", "AG_made_up", code=1), ref=row.reference)
    settle(ledger, "timeout", queue_timeout("made-up", "AG_made_up"), ref=row.reference)
    after = ledger.get(row.reference)
    assert after.status == "unknown"
    assert after.conversation_id is None  # nothing learnt from an unchecked failure
    assert [new for _old, new, _source in history(ledger, row.reference)] == [
        "sending", "unknown"]


def test_a_lost_ack_is_settled_by_the_success_its_ref_brings(ledger):
    row = unknown_b2b(ledger)
    settled = settle(ledger, "result", b2b_result("AG-oc-1", "AG_conv_1"), ref=row.reference)
    assert settled.reference == row.reference and settled.status == "completed"
    assert (settled.originator_conversation_id, settled.conversation_id) == (
        "AG-oc-1", "AG_conv_1")
    assert settled.receipt == "SG632NMUAB"
    assert history(ledger, row.reference)[-1] == ("unknown", "completed", "callback")


def test_a_forged_stk_failure_naming_a_push_changes_nothing(ledger):
    push = accepted_stk(ledger)
    settle(ledger, "stk", stk_callback("ws_CO_made_up", "1-2-3", code=1032), ref=push.reference)
    assert ledger.get(push.reference).status == "accepted"
    settle(ledger, "stk", stk_callback(push.checkout_request_id, push.merchant_request_id,
                                       code=1032))
    assert ledger.get(push.reference).status == "failed"


def test_a_forged_status_report_never_fails_the_original(ledger):
    row = accepted_b2c(ledger, conversation_id="AG_paid")
    lost = ledger.create("transaction_status", party_a="600000", remarks="Status check",
                         account_reference=row.originator_conversation_id)
    ledger.transition(lost.reference, "unknown", source="ack")  # its ack was lost
    report = status_result("made-up", "AG_made_up",
                           original_originator_id=row.originator_conversation_id,
                           status="Cancelled")
    settle(ledger, "result", report, ref=lost.reference)  # names our (unknown) query by its ref
    settle(ledger, "result", report)                      # names no query of ours
    assert ledger.get(row.reference).status == "accepted"
    assert ledger.get(lost.reference).status == "unknown"
    # The same report, answering a query Daraja acknowledged, is evidence.
    asked(ledger, "ts-1", "AG_ts_1", about=row.originator_conversation_id)
    settle(ledger, "result", status_result("ts-1", "AG_ts_1",
                                           original_originator_id=row.originator_conversation_id,
                                           status="Cancelled"))
    assert ledger.get(row.reference).status == "failed"


def test_a_failure_before_the_ack_is_applied_when_the_ack_brings_the_ids(ledger, poller):
    row = ledger.create("b2c", amount=500, party_a="600000", party_b="254711000001",
                        remarks="Salary")
    failure = b2c_result(row.originator_conversation_id, "AG_early", code=1)
    assert settle(ledger, "result", failure, ref=row.reference).status == "sending"
    # The acknowledgement is recorded (here, or by the process that sent it): now it is checked.
    ledger.transition(row.reference, "accepted", source="ack", conversation_id="AG_early",
                      originator_conversation_id=row.originator_conversation_id)
    after = ledger.get(row.reference)
    assert (after.status, after.result_code) == ("failed", "1")
    assert history(ledger, row.reference)[-1] == ("accepted", "failed", "callback")


def test_a_forged_failure_kept_before_the_ack_stays_without_effect(ledger, poller):
    row = ledger.create("b2c", amount=500, party_a="600000", party_b="254708374149",
                        remarks="Salary")
    settle(ledger, "result", b2c_result(row.reference, "AG_forged", code=1), ref=row.reference)
    ledger.transition(row.reference, "accepted", source="ack", conversation_id="AG_real",
                      originator_conversation_id=row.originator_conversation_id)
    assert ledger.get(row.reference).status == "accepted"
    settle(ledger, "result", b2c_result(row.reference, "AG_real"))
    assert ledger.get(row.reference).status == "completed"


def test_a_callback_with_a_lone_surrogate_is_applied_not_dropped(ledger, relay):
    row = accepted_b2c(ledger)
    payload = b2c_result(row.originator_conversation_id, row.conversation_id)
    payload["Result"]["ResultParameters"]["ResultParameter"][2]["Value"] = "2547 - JOHN \ud800"
    body = json.dumps(payload)  # ASCII JSON: the surrogate travels as the escape \ud800
    assert "\\ud800" in body
    answer = requests.post(relay.callback_url("result"), data=body,
                           headers={"Content-Type": "application/json"}, timeout=10)
    assert answer.status_code == 200
    feed = RelayFeed(relay.base_url, relay.token)
    with ThreadPoolExecutor(max_workers=1) as executor:
        reader = Poller(ledger=ledger, feed=feed, executor=executor, stk_query=None,
                        status_query=None)
        assert asyncio.run(reader.poll_once()) == 1
    after = ledger.get(row.reference)
    assert after.status == "completed"
    assert after.counterparty == "2547 - JOHN \ufffd"
    assert after.receipt == "SG632NMUAB"
    feed.close()


def test_a_pochi_payout_is_found_like_a_b2c_one(ledger):
    row = ledger.create("b2pochi", amount=700, party_a="600000", party_b="254708374149",
                        remarks="Stock")
    assert row.originator_conversation_id == row.reference  # its Result's ref and id
    assert row.phone == "254708374149"
    assert ledger.find(originator_conversation_id=row.reference).reference == row.reference
