"""M-Pesa Express: STK push (paybill and buy goods) and STK push query.

A push is acknowledged at once; the customer "answers" after ``callback_delay`` (an
``stk_answer`` job): the outcome is decided (scenario, product, limits, the customer's wallet),
the book is moved and the callback is posted. A query before that answers 500.001.1001 "The
transaction is being processed"; after it, the outcome with a string ResultCode.
"""

from __future__ import annotations

from typing import Any

from mpesa_desktop.daraja.security import stk_password
from mpesa_desktop.simulator import identifiers
from mpesa_desktop.simulator.book import BookError, not_permitted
from mpesa_desktop.simulator.journal import Transaction
from mpesa_desktop.simulator.payloads import stk_callback
from mpesa_desktop.simulator.scenarios import Scenario, scenario_named
from mpesa_desktop.simulator.state import SimulatorState
from mpesa_desktop.simulator.validation import validate
from mpesa_desktop.simulator.wire import Refusal, invalid_field

STK_MAXIMUM = 250_000
ACCEPTED = "Success. Request accepted for processing"
QUERY_DESCRIPTIONS = {1037: "No response from user."}


def _check_merchant(state: SimulatorState, body: dict[str, Any]) -> str:
    shortcode = str(body["BusinessShortCode"])
    passkey = state.config.stk_passkeys.get(shortcode)
    if passkey is None:
        raise Refusal(500, "500.001.1001", "Merchant does not exist")
    if body["Password"] != stk_password(shortcode, passkey, str(body["Timestamp"])):
        raise Refusal(500, "500.001.1001", "Wrong credentials")
    return shortcode


async def push(state: SimulatorState, body: dict[str, Any]) -> dict:
    validate("stk_push", body)
    _check_merchant(state, body)
    merchant_request_id = identifiers.merchant_request_id()
    checkout_request_id = identifiers.checkout_request_id()
    txn = state.journal.add(Transaction(
        id=checkout_request_id,
        operation="stk_push",
        command_id=body["TransactionType"],
        amount=float(body["Amount"]),
        party_a=str(body["PartyA"]),
        party_b=str(body["PartyB"]),
        phone=str(body["PhoneNumber"]),
        account_reference=body.get("AccountReference"),
        checkout_request_id=checkout_request_id,
        merchant_request_id=merchant_request_id,
    ))
    scenario = state.scenarios.pick("stk_push", txn.phone)
    state.jobs.add("stk_answer", state.delay, transaction=txn.id, scenario=scenario.name,
                   url=body["CallBackURL"])
    return {
        "MerchantRequestID": merchant_request_id,
        "CheckoutRequestID": checkout_request_id,
        "ResponseCode": "0",
        "ResponseDescription": ACCEPTED,
        "CustomerMessage": ACCEPTED,
    }


async def answer(state: SimulatorState, data: dict[str, Any]) -> None:
    """The ``stk_answer`` job: the customer answers; the callback follows at once."""
    txn = state.journal.by_checkout(data["transaction"])
    if txn is None or txn.status != "pending":
        return
    scenario = scenario_named(data["scenario"])
    _settle(state, txn, scenario)
    state.journal.changed(txn)
    state.jobs.add("callback", 0, kind="stk", url=data["url"], payload=stk_callback(txn),
                   transaction=txn.id, lose=scenario.lose_callback)


def _settle(state: SimulatorState, txn: Transaction, scenario: Scenario) -> None:
    if scenario.result_code != 0:
        txn.finish(scenario.result_code, scenario.result_desc)
        return
    receiver = state.book.org(txn.party_b or "")
    wants_till = txn.command_id == "CustomerBuyGoodsOnline"
    try:
        if receiver is None or wants_till != (receiver.kind == "till"):
            raise not_permitted()
        if (txn.amount or 0) > STK_MAXIMUM:
            raise BookError(3, "Declined due to limit rule: greater than the maximum "
                               "transaction amount.")
        state.book.pay_in(txn.party_a or "", receiver.shortcode, txn.amount or 0)
    except BookError as refused:
        txn.finish(refused.result_code, refused.result_desc)
        return
    txn.receipt = identifiers.receipt()
    txn.credited_shortcode = receiver.shortcode
    txn.finish(0, scenario.result_desc)


async def query(state: SimulatorState, body: dict[str, Any]) -> dict:
    validate("stk_query", body)
    _check_merchant(state, body)
    txn = state.journal.by_checkout(str(body["CheckoutRequestID"]))
    if txn is None:
        raise invalid_field("CheckoutRequestID")
    if txn.status == "pending":
        raise Refusal(500, "500.001.1001", "The transaction is being processed")
    return {
        "ResponseCode": "0",
        "ResponseDescription": "The service request has been accepted successfully",
        "MerchantRequestID": txn.merchant_request_id,
        "CheckoutRequestID": txn.checkout_request_id,
        "ResultCode": str(txn.result_code),
        "ResultDesc": QUERY_DESCRIPTIONS.get(txn.result_code, txn.result_desc),  # type: ignore[arg-type]
    }
