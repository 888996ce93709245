"""A status check's notice names the payment it asks about (issue 11): the poller's checks (by
OriginatorConversationID) and a clerk's (by receipt) alike, never by a reference."""

from __future__ import annotations

from mpesa_desktop.services.events import subject_of
from mpesa_desktop.ui.notices import notice_text

NOT_FOUND = "The transaction receipt number does not exist."


def _accepted_b2c(ledger):
    row = ledger.create("b2c", amount=1500, party_a="600000", party_b="254708374149")
    return ledger.transition(row.reference, "accepted", source="ack", conversation_id="AG_1",
                             originator_conversation_id="5f1c0d7e9a2b4c3d8e6f7a1b2c3d4e5f")


def _status_check(ledger, asked: str, outcome: str, **result):
    row = ledger.create("transaction_status", party_a="600000", account_reference=asked,
                        remarks="Status check")
    ledger.transition(row.reference, "accepted", source="ack", conversation_id="AG_2")
    return ledger.transition(row.reference, outcome, source="callback", **result)


def test_a_failed_status_check_of_a_payout_names_the_payout(ledger):
    payout = _accepted_b2c(ledger)
    check = _status_check(ledger, payout.originator_conversation_id, "failed",
                          result_code="2032", result_desc=NOT_FOUND)
    subject = subject_of(ledger, check)
    assert subject is not None and subject.reference == payout.reference
    text = notice_text(check, "failed", subject)
    assert text == f"Status check of KES 1,500 to 2547•••149 failed: {NOT_FOUND}"
    assert payout.reference not in text and payout.originator_conversation_id not in text


def test_a_clerks_status_check_by_receipt_names_the_payment(ledger):
    push = ledger.create("stk_push", amount=20, phone="0708374149", party_b="174379")
    ledger.transition(push.reference, "accepted", source="ack")
    ledger.transition(push.reference, "completed", source="callback", receipt="QKJ3ABCDEF")
    check = _status_check(ledger, "QKJ3ABCDEF", "completed", receipt="QKJ3ABCDEF")
    text = notice_text(check, "completed", subject_of(ledger, check))
    assert text == ("Status check of payment request of KES 20 from 2547•••149 completed, "
                    "receipt QKJ3ABCDEF")


def test_other_rows_have_no_subject_and_read_as_before(ledger):
    payout = _accepted_b2c(ledger)
    assert subject_of(ledger, payout) is None
    unknown = _status_check(ledger, "NOSUCHRCPT", "failed", result_desc=NOT_FOUND)
    assert subject_of(ledger, unknown) is None
    assert notice_text(unknown, "failed") == f"Status check failed: {NOT_FOUND}"
    balance = ledger.create("account_balance", party_a="600000")
    assert notice_text(balance, "unknown") == (
        "Balance check: outcome unknown; check its status before any retry")
