"""Apply one callback (or STK Query answer) to the ledger: the poller's "settle" step. Qt-free.

    settle(ledger, event.kind, event.payload, ref=event.ref)  # a relay event: "callback"
    settle(ledger, "stk_query", answer)                       # an STK Query answer: "poll"

``settle`` parses the payload (``daraja.callbacks.parse_callback``), finds the transaction it is
about by OriginatorConversationID, ConversationID, CheckoutRequestID or MerchantRequestID, and
moves it through the ledger's status machine with the receipt, result code and description and
counterparty. When no id matches, ``ref`` (the ledger reference the callback URL carried, see
``services.tagged_urls``) names the row instead: that is how a request whose acknowledgement was
lost (row ``unknown``, or still ``sending``) learns Daraja's ids and its outcome. A ref is only
believed for a row of a fitting operation (a Result for an initiator request, an STK callback
for an STK push) whose ids, where it has any, are the callback's; a ref naming no such row
changes nothing. In particular:

- a Transaction Status result completes (or fails) the status query's own row, and also settles
  the original transaction it reports on (found by its OriginatorConversationID, ConversationID
  or receipt) when it says Completed, or Cancelled/Declined/Expired/Failed;
- an Account Balance result's lines go to ``ledger.record_balances`` (once per distinct result);
- a C2B confirmation becomes an incoming-payment row (``ledger.record_incoming``, once per
  receipt); a C2B validation changes nothing;
- a callback for a row still ``sending`` or ``unknown`` proves Daraja accepted it: the row goes
  through ``accepted`` to the outcome;
- a duplicate changes nothing (repeating a status is a no-op); a callback that matches no row,
  or whose change the status machine forbids, changes nothing and is logged, never raised;
- every applied callback is also kept raw with ``ledger.record_callback``.

It returns the row the payload is about as it is afterwards (for a Transaction Status result the
original transaction when it is in the log), or None when it is about no row in the log.
"""

from __future__ import annotations

import logging
from typing import Any

from mpesa_desktop.daraja.callbacks import CallbackResult, parse_callback
from mpesa_desktop.daraja.limits import format_kes
from mpesa_desktop.ledger import Filters, IllegalTransition, Transaction
from mpesa_desktop.ledger.statuses import TRANSITIONS, Status

log = logging.getLogger(__name__)

STK_KINDS = frozenset({"stk", "stk_query"})
# Rows that ask about another row: a callback about the other row must not settle them.
QUERY_OPERATIONS = frozenset({"stk_query", "transaction_status"})
FINAL_FROM_STATUS_QUERY = {
    "completed": Status.COMPLETED,
    "cancelled": Status.FAILED,
    "declined": Status.FAILED,
    "expired": Status.FAILED,
    "failed": Status.FAILED,
}
# The operations a callback's ref may name, by callback kind (STK or Result/timeout).
STK_REF_OPERATIONS = frozenset({"stk_push"})
RESULT_REF_OPERATIONS = frozenset({"b2c", "b2b", "tax_remittance", "account_balance",
                                   "reversal", "transaction_status"})
ID_FIELDS = ("originator_conversation_id", "conversation_id", "checkout_request_id",
             "merchant_request_id")
_OUTCOMES = {"completed": Status.COMPLETED, "failed": Status.FAILED,
             "timed_out": Status.TIMED_OUT}


def settle(ledger: Any, event_kind: str, payload: Any, *, source: str | None = None,
           ref: str | None = None) -> Transaction | None:
    """Apply one callback to ``ledger``; see the module docstring. ``source`` defaults to
    "poll" for ``stk_query`` answers and "callback" for everything else; ``ref`` is the
    relay event's ledger reference, if any."""
    source = source or ("poll" if event_kind == "stk_query" else "callback")
    try:
        result = parse_callback(payload, event_kind)
    except ValueError as error:
        log.warning("ignored a %s event that cannot be read: %s", event_kind, error)
        return None
    if event_kind == "c2b_validation":
        ledger.record_callback(event_kind, payload)
        return None
    if event_kind == "c2b_confirmation":
        return _record_incoming(ledger, result, payload)

    row = _match(ledger, result)
    if row is None and ref:
        row = _match_ref(ledger, result, ref)
    if row is not None:
        if result.balances and ledger.record_callback(event_kind, payload,
                                                      reference=row.reference):
            ledger.record_balances(row.reference, result.balances)
        row = _apply(ledger, row, result, source, payload)
    original = None
    if result.original_transaction:
        original = _settle_original(ledger, row, result, source, payload)
    settled = original or row
    if settled is None:
        log.info("a %s event matches no transaction in the log (ids %s, ref %s); nothing "
                 "changed", event_kind, _ids_text(result), ref or "none")
    if not (row is not None and result.balances):
        ledger.record_callback(event_kind, payload,
                               reference=settled.reference if settled else None)
    return settled


def _ids_text(result: CallbackResult) -> str:
    ids = (result.originator_conversation_id, result.conversation_id,
           result.checkout_request_id, result.merchant_request_id)
    return ", ".join(value for value in ids if value) or "none"


def _match(ledger: Any, result: CallbackResult) -> Transaction | None:
    row = ledger.find(
        originator_conversation_id=result.originator_conversation_id,
        conversation_id=result.conversation_id,
        checkout_request_id=result.checkout_request_id,
        merchant_request_id=result.merchant_request_id,
    )
    if row is None or result.kind not in STK_KINDS or row.operation != "stk_query":
        return row
    # A manual STK Query row carries the push's CheckoutRequestID too; the push is the target.
    for candidate in ledger.pending():
        if candidate.operation != "stk_query" and candidate.checkout_request_id and (
            candidate.checkout_request_id == result.checkout_request_id
        ):
            return candidate
    return None


def _match_ref(ledger: Any, result: CallbackResult, ref: str) -> Transaction | None:
    """The row ``ref`` names, when the callback can be about it (see the module docstring)."""
    row = ledger.get(ref)
    if row is None:
        return None
    fitting = STK_REF_OPERATIONS if result.kind in STK_KINDS else RESULT_REF_OPERATIONS
    if row.operation not in fitting:
        log.info("a %s callback names %s, a %s: ref ignored", result.kind, ref, row.operation)
        return None
    for name in ID_FIELDS:
        known, reported = getattr(row, name), getattr(result, name)
        if known and reported and known != reported:
            log.info("a callback names %s but its %s differs: ref ignored", ref, name)
            return None
    return row


def _fields(result: CallbackResult) -> dict[str, Any]:
    fields = {
        "originator_conversation_id": result.originator_conversation_id,
        "conversation_id": result.conversation_id,
        "checkout_request_id": result.checkout_request_id,
        "merchant_request_id": result.merchant_request_id,
        "receipt": result.receipt,
        "result_code": result.result_code or None,
        "result_desc": status_report(result) or result.result_desc or result.meaning,
        "counterparty": result.counterparty,
    }
    return {name: value for name, value in fields.items() if value}


def status_report(result: CallbackResult) -> str | None:
    """What a Transaction Status result says of the transaction asked about, in one sentence
    (kept as the query's own result, so the clerk who asked reads the answer), or None."""
    original = result.original_transaction
    if result.status != "completed" or not original:
        return None
    parts = [f"M-Pesa reports this transaction {original.get('status') or 'in no known state'}"]
    if original.get("amount") is not None:
        parts.append(format_kes(original["amount"]))
    debit = result.parameters.get("DebitPartyName")
    if debit and result.counterparty and debit != result.counterparty:
        parts.append(f"from {debit} to {result.counterparty}")
    if original.get("receipt"):
        parts.append(f"receipt {original['receipt']}")
    return ", ".join(parts) + "."


def _path(current: str, target: str) -> list[str]:
    """The statuses to go through from ``current`` to ``target`` (empty when already there)."""
    if current == target:
        return []
    if target in TRANSITIONS.get(current, frozenset()):
        return [target]
    if Status.ACCEPTED in TRANSITIONS.get(current, frozenset()) and target in TRANSITIONS[
        Status.ACCEPTED
    ]:
        return [Status.ACCEPTED, target]
    return [target]  # not allowed: the ledger refuses it and we log that


def _transition(ledger: Any, row: Transaction, target: str, source: str, payload: Any,
                fields: dict[str, Any]) -> Transaction:
    try:
        for status in _path(row.status, target):
            row = ledger.transition(row.reference, status, source=source, payload=payload,
                                    **(fields if status == target else {}))
    except IllegalTransition as error:
        log.info("left %s as it is: %s", row.reference, error)
        current = ledger.get(row.reference)
        return current if current is not None else row
    return row


def _apply(ledger: Any, row: Transaction, result: CallbackResult, source: str,
           payload: Any) -> Transaction:
    target = _OUTCOMES.get(result.status)
    if target is None:  # pending: nothing is final yet
        return row
    return _transition(ledger, row, target, source, payload, _fields(result))


def _find_original(ledger: Any, query_row: Transaction | None,
                   original: dict[str, Any]) -> Transaction | None:
    row = ledger.find(originator_conversation_id=original.get("originator_conversation_id"),
                      conversation_id=original.get("conversation_id"))
    if row is None and original.get("receipt"):
        rows = ledger.query(Filters(receipt=original["receipt"]), limit=5)
        row = next((item for item in rows if item.operation not in QUERY_OPERATIONS), None)
    if row is None or (query_row is not None and row.reference == query_row.reference):
        return None
    return row


def _settle_original(ledger: Any, query_row: Transaction | None, result: CallbackResult,
                     source: str, payload: Any) -> Transaction | None:
    original = result.original_transaction or {}
    row = _find_original(ledger, query_row, original)
    if row is None:
        log.info("a Transaction Status result reports on a transaction not in the log")
        return None
    if result.status != "completed":
        log.info("the status query about %s failed (%s); %s left as it is",
                 row.reference, result.result_code, row.reference)
        return row
    reported = (original.get("status") or "").strip().lower()
    target = FINAL_FROM_STATUS_QUERY.get(reported)
    if target is None:
        log.info("%s is still %r at M-Pesa; left as it is", row.reference, reported or "unknown")
        return row
    fields = {
        "receipt": original.get("receipt") if target == Status.COMPLETED else None,
        "result_code": result.result_code if target == Status.COMPLETED else None,
        "result_desc": f"Transaction Status query: {original.get('status')}",
        "counterparty": result.counterparty,
        "conversation_id": original.get("conversation_id"),
    }
    return _transition(ledger, row, target, source, payload,
                       {name: value for name, value in fields.items() if value})


def _record_incoming(ledger: Any, result: CallbackResult, payload: Any) -> Transaction | None:
    receipt = result.receipt or result.parameters.get("TransID")
    if not receipt:
        log.warning("ignored a C2B confirmation without a TransID")
        ledger.record_callback("c2b_confirmation", payload)
        return None
    parameters = result.parameters
    row = ledger.record_incoming(
        receipt=str(receipt),
        amount=result.amount,
        phone=result.phone,
        party_a=parameters.get("MSISDN"),
        party_b=_text(parameters.get("BusinessShortCode")),
        account_reference=_text(parameters.get("BillRefNumber")),
        counterparty=result.counterparty,
        remarks=_text(parameters.get("TransactionType")),
        payload=payload,
    )
    ledger.record_callback("c2b_confirmation", payload, reference=row.reference)
    return row


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
