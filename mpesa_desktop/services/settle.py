"""Apply one callback (or STK Query answer) to the ledger: the poller's "settle" step. Qt-free.

    settle(ledger, event.kind, event.payload, ref=event.ref)  # a relay event: "callback"
    settle(ledger, "stk_query", answer)                       # an STK Query answer: "poll"

``settle`` parses the payload (``daraja.callbacks.parse_callback``), finds the transaction it is
about, and moves it through the ledger's status machine with the receipt, result code and
description and counterparty.

**Callbacks are evidence, not orders.** Anyone who holds the callback path can post to it, and a
callback URL's ``?ref=`` names our row (for a B2C it is also the OriginatorConversationID we
chose). So a callback is believed only as far as its identifiers prove it:

- *Finding the row.* By OriginatorConversationID, ConversationID, CheckoutRequestID or
  MerchantRequestID; when none matches, by ``ref`` (the ledger reference its callback URL
  carried, ``services.tagged_urls``) for a row of a fitting operation (a Result for an initiator
  request, an STK callback for an STK push). A callback whose Daraja-issued id (below) differs
  from the row's, or, without that id to vouch for it, any of whose ids differs from one the row
  knows, is about no row of ours: it changes nothing.
- *Verified*: the callback carries the id Daraja gave us in its acknowledgement of that row, its
  ConversationID (Result, queue timeout) or CheckoutRequestID (STK), which no URL and no request
  of ours shows. An STK Query answer (the answer to our own request) is verified too.
- *Named*: the row knows no such id yet (its acknowledgement was lost, row ``unknown``, or is
  not recorded yet, row ``sending``), so only the ref or our own id ties the callback to it.

A verified callback may complete the row; it may fail it (or time it out) only when every id it
carries equals the row's (OriginatorConversationID and ConversationID: what was sent and
acknowledged). A named one may only bring a **success**, with
the ids, receipt and result Daraja returns: believing a false success can never pay twice (a
completed row is never sent again), while a false failure would open "Send again" on a payout
that may have been paid. A named failure or queue timeout changes nothing: it is kept (with the
row's reference) and looked at again when the row learns its ids from its acknowledgement
(``settle_kept``, which the poller runs then), else the row waits for Transaction Status or a
person (``services.resolve``). A Transaction Status query's own row is never settled by a named
callback: its answer speaks about another row, so it must be verified.

Transaction Status results: the query's row completes (or fails) as above, and its report about
the original transaction (found by its OriginatorConversationID, ConversationID or receipt)
settles that one when it says Completed, or Cancelled/Declined/Expired/Failed. A verified "no
such transaction" (2032) counts towards "never reached M-Pesa" (``services.status_answers``).

Also:

- an Account Balance result's lines go to ``ledger.record_balances`` (once per distinct result);
- a C2B confirmation becomes an incoming-payment row (``ledger.record_incoming``, once per
  receipt); a C2B validation changes nothing;
- a callback for a row still ``sending`` or ``unknown`` proves Daraja accepted it: the row goes
  through ``accepted`` to the outcome;
- a duplicate changes nothing (repeating a status is a no-op); a callback that matches no row,
  or whose change the status machine forbids, changes nothing and is logged, never raised;
- every callback is also kept raw with ``ledger.record_callback``.

It returns the row the payload is about as it is afterwards (for a Transaction Status result the
original transaction when it is in the log), or None when it is about no row in the log.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from mpesa_desktop.catalogue import ASKS_ABOUT_ANOTHER, RESULT_ANSWERED, STK_ANSWERED
from mpesa_desktop.daraja.callbacks import CallbackResult, parse_callback
from mpesa_desktop.kenya import format_kes
from mpesa_desktop.ledger import Filters, IllegalTransition, Ledger, Transaction, settling
from mpesa_desktop.ledger.statuses import TRANSITIONS, Status
from mpesa_desktop.services.status_answers import (
    FINAL_FROM_STATUS_QUERY,
    NEVER_REACHED_AFTER,
    NOT_FOUND,
    note_not_found,
)

log = logging.getLogger(__name__)

STK_KINDS = frozenset({"stk", "stk_query"})
ID_FIELDS = ("originator_conversation_id", "conversation_id", "checkout_request_id",
             "merchant_request_id")
_OUTCOMES = {"completed": Status.COMPLETED, "failed": Status.FAILED,
             "timed_out": Status.TIMED_OUT}


def settle(ledger: Ledger, event_kind: str, payload: Any, *, source: str | None = None,
           ref: str | None = None,
           never_reached_after: timedelta = NEVER_REACHED_AFTER) -> Transaction | None:
    """Apply one callback to ``ledger``; see the module docstring. ``source`` defaults to
    "poll" for ``stk_query`` answers and "callback" for everything else; ``ref`` is the
    relay event's ledger reference, if any; ``never_reached_after`` is how long after its
    request a second "no such transaction" answer settles an unknown row."""
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
    verified = row is not None and (event_kind == "stk_query" or _verified(row, result))
    awaiting_ack = False
    if row is not None:
        if result.balances and ledger.record_callback(event_kind, payload,
                                                      reference=row.reference):
            ledger.record_balances(row.reference, result.balances)
        before = row
        row = _apply(ledger, row, result, source, payload, verified)
        if verified and _not_found(before, row, result):
            note_not_found(ledger, row, payload, never_reached_after=never_reached_after)
        awaiting_ack = (not verified and row.status == before.status
                        and not getattr(before, _issued_id(result)))
    original = None
    if row is not None and verified and result.original_transaction:
        original = _settle_original(ledger, row, result, source, payload)
    settled = original or row
    if settled is None:
        log.info("a %s event matches no transaction in the log (ids %s, ref %s); nothing "
                 "changed", event_kind, _ids_text(result), ref or "none")
    if not (row is not None and result.balances):
        ledger.record_callback(event_kind, payload,
                               reference=settled.reference if settled else None)
    if awaiting_ack and row is not None:
        # Kept for when the acknowledgement brings the ids; if it came while this callback was
        # being kept, nobody else will look again (``settle_kept`` ran before it was kept).
        fresh = ledger.get(row.reference)
        if fresh is not None and getattr(fresh, _issued_id(result)):
            return settle(ledger, event_kind, payload, source=source, ref=ref,
                          never_reached_after=never_reached_after)
    return settled


def settle_kept(ledger: Ledger, reference: str, **options: Any) -> Transaction | None:
    """Look again at the callbacks kept about ``reference`` (run it when the row has just
    learnt Daraja's ids from its acknowledgement: a failure that arrived before could not be
    verified then). Already applied ones change nothing. Returns the row as it is afterwards."""
    for kind, payload in settling.kept_callbacks(ledger, reference):
        settle(ledger, kind, payload, ref=reference, **options)
    return ledger.get(reference)


def _ids_text(result: CallbackResult) -> str:
    ids = (result.originator_conversation_id, result.conversation_id,
           result.checkout_request_id, result.merchant_request_id)
    return ", ".join(value for value in ids if value) or "none"


def _contradicts(row: Transaction, result: CallbackResult) -> str | None:
    """The name of an id the callback carries that differs from the row's, or None."""
    for name in ID_FIELDS:
        known, reported = getattr(row, name), getattr(result, name)
        if known and reported and known != reported:
            return name
    return None


def _differing(row: Transaction, result: CallbackResult) -> str | None:
    """Why the callback is not about ``row``: the id Daraja issued for it differs, or (when
    that id does not match) any id the row knows differs. None when it may be about it."""
    if _verified(row, result):
        return None
    name = _issued_id(result)
    known, reported = getattr(row, name), getattr(result, name)
    if known and reported and known != reported:
        return name
    return _contradicts(row, result)


def _issued_id(result: CallbackResult) -> str:
    """The id Daraja issues in its acknowledgement, for this kind of callback."""
    return "checkout_request_id" if result.kind in STK_KINDS else "conversation_id"


def _verified(row: Transaction, result: CallbackResult) -> bool:
    name = _issued_id(result)
    known = getattr(row, name)
    return bool(known) and known == getattr(result, name)


def _match(ledger: Ledger, result: CallbackResult) -> Transaction | None:
    row = ledger.find(
        originator_conversation_id=result.originator_conversation_id,
        conversation_id=result.conversation_id,
        checkout_request_id=result.checkout_request_id,
        merchant_request_id=result.merchant_request_id,
    )
    if row is not None and result.kind in STK_KINDS and row.operation == "stk_query":
        # A manual STK Query row carries the push's CheckoutRequestID too; the push is the target.
        row = next((candidate for candidate in ledger.pending()
                    if candidate.operation != "stk_query" and candidate.checkout_request_id
                    and candidate.checkout_request_id == result.checkout_request_id), None)
    if row is None:
        return None
    differing = _differing(row, result)
    if differing:
        log.info("a callback about %s carries another %s: ignored", row.reference, differing)
        return None
    return row


def _match_ref(ledger: Ledger, result: CallbackResult, ref: str) -> Transaction | None:
    """The row ``ref`` names, when the callback can be about it (see the module docstring)."""
    row = ledger.get(ref)
    if row is None:
        return None
    # The operations a callback's ref may name: those its kind (STK or Result) answers.
    fitting = STK_ANSWERED if result.kind in STK_KINDS else RESULT_ANSWERED
    if row.operation not in fitting:
        log.info("a %s callback names %s, a %s: ref ignored", result.kind, ref, row.operation)
        return None
    differing = _differing(row, result)
    if differing:
        log.info("a callback names %s but its %s differs: ref ignored", ref, differing)
        return None
    return row


def _believed(row: Transaction, result: CallbackResult, target: str, verified: bool) -> bool:
    """Whether a callback may move ``row`` to ``target`` (the module docstring's rule)."""
    if target == Status.COMPLETED:
        return verified or (row.operation != "transaction_status"
                            and not row.conversation_id and not row.checkout_request_id)
    return verified and _contradicts(row, result) is None


def _not_found(before: Transaction, after: Transaction, result: CallbackResult) -> bool:
    """A status query of ours answered "no such transaction" just now (not a repeat)."""
    return (after.operation == "transaction_status" and result.result_code == NOT_FOUND
            and before.status != after.status and after.status == Status.FAILED)


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


def _transition(ledger: Ledger, row: Transaction, target: str, source: str, payload: Any,
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


def _apply(ledger: Ledger, row: Transaction, result: CallbackResult, source: str,
           payload: Any, verified: bool) -> Transaction:
    target = _OUTCOMES.get(result.status)
    if target is None:  # pending: nothing is final yet
        return row
    if not _believed(row, result, target, verified):
        log.warning("a %s callback about %s (%s) cannot be checked against the ids Daraja "
                    "gave it: kept, nothing changed", result.kind, row.reference, result.status)
        return row
    return _transition(ledger, row, target, source, payload, _fields(result))


def _find_original(ledger: Ledger, query_row: Transaction,
                   original: dict[str, Any]) -> Transaction | None:
    row = ledger.find(originator_conversation_id=original.get("originator_conversation_id"),
                      conversation_id=original.get("conversation_id"))
    if row is None and original.get("receipt"):
        rows = ledger.query(Filters(receipt=original["receipt"]), limit=5)
        row = next((item for item in rows if item.operation not in ASKS_ABOUT_ANOTHER), None)
    if row is None or row.reference == query_row.reference:
        return None
    return row


def _settle_original(ledger: Ledger, query_row: Transaction, result: CallbackResult,
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


def _record_incoming(ledger: Ledger, result: CallbackResult, payload: Any) -> Transaction | None:
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
