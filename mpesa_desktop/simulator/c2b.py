"""C2B: register the validation and confirmation URLs (v1 and v2) and simulate a customer payment.

After ``callback_delay`` (a ``c2b_payment`` job) a simulated payment completes: the book is
moved and the registered ConfirmationURL gets the notification with the new balance. When
External Validation is enabled for the shortcode (``state.c2b_validation``; off by default, as on
Daraja, daraja-reference.md section 4.5) the ValidationURL is asked first: an answer with
ResultCode "0" (or no answer, when the registered ResponseType is ``Completed``) lets it complete;
any other answer cancels it. Without registered URLs the payment simply completes.
v1 registrations get the MSISDN hashed (SHA-256), v2 masked.
"""

from __future__ import annotations

from typing import Any

from mpesa_desktop.simulator import identifiers
from mpesa_desktop.simulator.book import BookError
from mpesa_desktop.simulator.journal import Transaction
from mpesa_desktop.simulator.payloads import c2b_notification
from mpesa_desktop.simulator.scenarios import SUCCESS
from mpesa_desktop.simulator.state import C2BRegistration, SimulatorState
from mpesa_desktop.simulator.validation import validate
from mpesa_desktop.simulator.wire import invalid_field


async def register(state: SimulatorState, body: dict[str, Any], version: str) -> dict:
    validate("c2b_register", body)
    shortcode = str(body["ShortCode"])
    if state.book.org(shortcode) is None:
        raise invalid_field("ShortCode")
    state.register_c2b(C2BRegistration(
        shortcode, body["ResponseType"], body["ConfirmationURL"], body["ValidationURL"], version))
    return {
        "OriginatorCoversationID": identifiers.daraja_originator_id(),
        "ResponseCode": "00000000" if version == "v2" else "0",
        "ResponseDescription": "Success",
    }


async def simulate(state: SimulatorState, body: dict[str, Any]) -> dict:
    validate("c2b_simulate", body)
    shortcode = str(body["ShortCode"])
    if state.book.org(shortcode) is None:
        raise invalid_field("ShortCode")
    originator_id = identifiers.daraja_originator_id()
    txn = state.journal.add(Transaction(
        id=originator_id,
        operation="c2b_simulate",
        command_id=body["CommandID"],
        amount=float(body["Amount"]),
        party_a=str(body["Msisdn"]),
        party_b=shortcode,
        phone=str(body["Msisdn"]),
        account_reference=body.get("BillRefNumber") or None,
        originator_conversation_id=originator_id,
        receipt=identifiers.receipt(),
    ))
    state.jobs.add("c2b_payment", state.delay, transaction=txn.id)
    return {
        "OriginatorCoversationID": originator_id,
        "ResponseCode": "0",
        "ResponseDescription": "Accept the service request successfully.",
    }


def _verdict(answer: Any, registration: C2BRegistration) -> tuple[str, str, str]:
    """(result code, description, ThirdPartyTransID) of the validation; code "0" accepts.
    No usable answer applies the registered ResponseType."""
    if not isinstance(answer, dict):
        if registration.response_type == "Completed":
            return "0", "Completed by default", ""
        return "C2B00016", "Cancelled by default: no answer from the validation URL", ""
    return (str(answer.get("ResultCode", "0")), str(answer.get("ResultDesc") or ""),
            str(answer.get("ThirdPartyTransID") or ""))


async def pay(state: SimulatorState, data: dict[str, Any]) -> None:
    """The ``c2b_payment`` job: validation (when enabled for the shortcode and URLs are
    registered), then the book; the confirmation follows at once."""
    txn = state.journal.by_originator(data["transaction"])
    if txn is None or txn.status != "pending":
        return
    registration = state.c2b_urls.get(txn.party_b or "")
    third_party = ""
    if registration is not None and registration.shortcode in state.c2b_validation:
        answer = await state.callbacks.send(
            "c2b_validation", registration.validation_url,
            c2b_notification(txn, version=registration.version, org_balance=""), txn.id)
        code, desc, third_party = _verdict(answer, registration)
        if code != "0":
            txn.receipt = None
            _finish(state, txn, code, desc)
            return
    try:
        receiver = state.book.pay_in(txn.party_a or "", txn.party_b or "", txn.amount or 0)
    except BookError as refused:
        txn.receipt = None
        _finish(state, txn, refused.result_code, refused.result_desc)
        return
    txn.credited_shortcode = receiver.shortcode
    _finish(state, txn, 0, SUCCESS.result_desc)
    if registration is not None:
        balance = f"{receiver.balances[receiver.receiving_account]:.2f}"
        state.jobs.add("callback", 0, kind="c2b_confirmation",
                       url=registration.confirmation_url,
                       payload=c2b_notification(txn, version=registration.version,
                                                org_balance=balance,
                                                third_party_id=third_party),
                       transaction=txn.id, lose=False)


def _finish(state: SimulatorState, txn: Transaction, code: int | str, desc: str) -> None:
    txn.finish(code, desc)
    state.journal.changed(txn)
