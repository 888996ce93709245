"""The initiator operations: B2C (v3 and v1), B2Pochi, B2B, tax remittance, account balance,
reversal and transaction status. B2Pochi is B2C to a Pochi la Biashara wallet: the same body
(``CommandID`` ``BusinessPayToPochi``), limits, books and Result (daraja-reference.md 1.2, 4.2).

Each is validated, acknowledged and executed at once (so a connection dropped after the answer
leaves an executed payment behind); its Result goes to ResultURL after ``callback_delay`` (or, in
the queue-timeout scenario, a timeout notice goes to QueueTimeOutURL instead), by a ``callback``
job (``jobs``). A credential that
does not decrypt to the initiator's configured password gives ResultCode 2001.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from mpesa_desktop.simulator import identifiers, payloads
from mpesa_desktop.simulator.book import BookError, invalid_debit_party, not_permitted
from mpesa_desktop.simulator.journal import Transaction
from mpesa_desktop.simulator.scenarios import PAYOUTS, SUCCESS
from mpesa_desktop.simulator.state import SimulatorState
from mpesa_desktop.simulator.validation import validate
from mpesa_desktop.simulator.wire import Refusal

ACCEPTED = "Accept the service request successfully."
B2C_MINIMUM = 10
B2C_MAXIMUM = 250_000

Executor = Callable[[SimulatorState, Transaction, dict[str, Any]], dict]


def _b2c(state: SimulatorState, txn: Transaction, body: dict[str, Any]) -> dict:
    amount = txn.amount or 0
    if amount < B2C_MINIMUM:
        raise BookError(2, "Declined due to limit rule (below minimum)")
    if amount > B2C_MAXIMUM:
        raise BookError(3, "Declined due to limit rule: greater than the maximum transaction "
                           "amount.")
    txn.charge = state.book.b2c(txn.party_a or "", txn.party_b or "", amount)
    txn.receipt = identifiers.receipt()
    _succeed(txn)
    payer = state.book.org(txn.party_a or "")
    assert payer is not None  # book.b2c checked it
    return payloads.b2c_result(txn, payer, registered=True)


def _b2b(state: SimulatorState, txn: Transaction, body: dict[str, Any]) -> dict:
    receiver = state.book.b2b(txn.party_a or "", txn.party_b or "", txn.amount or 0,
                              txn.command_id or "")
    txn.receipt = identifiers.receipt()
    txn.credited_shortcode = receiver.shortcode
    _succeed(txn)
    payer = state.book.org(txn.party_a or "")
    assert payer is not None
    return payloads.b2b_result(txn, payer, receiver, body.get("Occassion"))


def _balance(state: SimulatorState, txn: Transaction, body: dict[str, Any]) -> dict:
    org = state.book.org(txn.party_a or "")
    if org is None:
        raise invalid_debit_party()
    _succeed(txn)
    return payloads.balance_result(replace(txn, receipt=identifiers.receipt()), org)


def invalid_original() -> BookError:
    return BookError("R000002", "The OriginalTransactionID is invalid.")


def _reversal(state: SimulatorState, txn: Transaction, body: dict[str, Any]) -> dict:
    """Reverse a completed STK or C2B payment, once, into ``ReceiverParty``'s books (the
    shortcode the payment credited or its head office), for at most the amount paid."""
    original = state.journal.by_receipt(str(body["TransactionID"]))
    if original is None:
        raise invalid_original()
    if not original.reversible:
        raise not_permitted()
    if not state.book.may_reverse(str(body["ReceiverParty"]), original.credited_shortcode):
        raise invalid_original()  # not a payment this party received
    if original.reversed_by:
        raise BookError("R000001", "The transaction has already been reversed")
    if (txn.amount or 0) > (original.amount or 0):
        raise BookError(25, "InvalidRequestParameters")
    customer = original.party_a or ""
    payer = state.book.refund(original.credited_shortcode or "", customer, txn.amount or 0)
    txn.party_a = payer.shortcode
    txn.party_b = customer
    txn.original_receipt = original.receipt
    txn.receipt = identifiers.receipt()
    original.reversed_by = txn.receipt
    state.journal.changed(original)
    _succeed(txn)
    return payloads.reversal_result(txn, payer, customer)


def _status(state: SimulatorState, txn: Transaction, body: dict[str, Any]) -> dict:
    original = None
    if body.get("TransactionID"):
        original = state.journal.by_receipt(str(body["TransactionID"]))
    if original is None and body.get("OriginalConversationID"):
        original = state.journal.by_originator(str(body["OriginalConversationID"]))
    if original is None or original.operation == "transaction_status":
        raise BookError(2032, "The transaction receipt number does not exist.")
    _succeed(txn)
    debit, credit = _parties(state, original)
    view = replace(txn, receipt=original.receipt or identifiers.PLACEHOLDER_RECEIPT)
    return payloads.status_result(view, original, debit, credit)


def _parties(state: SimulatorState, original: Transaction) -> tuple[str, str]:
    """(debit party, credit party) public names of a transaction."""
    def org_name(shortcode: str | None) -> str:
        org = state.book.org(shortcode or "")
        return org.public_name if org else str(shortcode)

    if original.operation in ("stk_push", "c2b_simulate"):
        return (payloads.customer_public_name(original.party_a or ""),
                org_name(original.credited_shortcode or original.party_b))
    if original.operation in PAYOUTS or original.operation == "reversal":
        return org_name(original.party_a), payloads.customer_public_name(original.party_b or "")
    return org_name(original.party_a), org_name(original.party_b)


def _succeed(txn: Transaction) -> None:
    txn.finish(0, SUCCESS.result_desc)


EXECUTORS: dict[str, Executor] = {
    "b2c": _b2c, "b2pochi": _b2c, "b2b": _b2b, "tax_remittance": _b2b, "account_balance": _balance,
    "reversal": _reversal, "transaction_status": _status,
}


def _transaction(operation: str, body: dict[str, Any], originator_id: str) -> Transaction:
    conversation_id = identifiers.conversation_id()
    party_b = body.get("PartyB") or body.get("ReceiverParty")
    return Transaction(
        id=conversation_id,
        operation=operation,
        command_id=body.get("CommandID"),
        amount=float(body["Amount"]) if body.get("Amount") is not None else None,
        party_a=str(body["PartyA"]) if body.get("PartyA") is not None else None,
        party_b=str(party_b) if party_b is not None else None,
        phone=str(body["PartyB"]) if operation in PAYOUTS else None,
        account_reference=body.get("AccountReference"),
        originator_conversation_id=originator_id,
        conversation_id=conversation_id,
    )


async def handle(state: SimulatorState, operation: str, body: dict[str, Any],
                 rules: str | None = None) -> dict:
    """Validate, acknowledge, execute and schedule the callback of one initiator request."""
    validate(rules or operation, body)
    if "OriginatorConversationID" in body and operation in PAYOUTS:
        originator_id = str(body["OriginatorConversationID"])
        if state.journal.by_originator(originator_id) is not None:
            raise Refusal(500, "500.002.1001", "Duplicate OriginatorConversationID.")
    else:
        originator_id = identifiers.daraja_originator_id()
    txn = state.journal.add(_transaction(operation, body, originator_id))
    scenario = state.scenarios.pick(operation, txn.phone)
    initiator = str(body.get("InitiatorName") or body.get("Initiator"))
    try:
        if not state.credentials.is_valid(initiator, str(body["SecurityCredential"])):
            raise BookError(2001, "The initiator information is invalid.")
        if scenario.result_code != 0:
            raise BookError(scenario.result_code, scenario.result_desc)
        payload = EXECUTORS[operation](state, txn, body)
    except BookError as refused:
        txn.finish(refused.result_code, refused.result_desc)
        payload = payloads.failure_result(txn)
    if scenario.queue_timeout:
        kind, url = "timeout", body["QueueTimeOutURL"]
        payload = payloads.timeout_result(txn)
    else:
        kind, url = "result", body["ResultURL"]
    state.jobs.add("callback", state.delay, kind=kind, url=url, payload=payload,
                   transaction=txn.id, lose=scenario.lose_callback)
    return {
        "ConversationID": txn.conversation_id,
        "OriginatorConversationID": originator_id,
        "ResponseCode": "0",
        "ResponseDescription": ACCEPTED,
    }
