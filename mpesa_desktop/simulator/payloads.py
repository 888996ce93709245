"""Callback bodies shaped like Daraja's, quirks included (daraja-reference.md section 4).

- Result envelope: ``ResultType`` a number for B2C, reversal and status, a string for balance and
  B2B; ``ResultCode`` a number except the R0000xx codes; on failure ``TransactionID`` is the
  placeholder ``OAK0000000`` and ``ResultParameter`` is a single object (or absent); valueless
  items (``{"Key": "TransactionReason"}``, ``{"Key": "Occassion"}``); ``ReferenceItem`` an object
  carrying the internalsandbox QueueTimeoutURL, or a list for B2B.
- STK: numbers for ``Amount``, ``TransactionDate``, ``PhoneNumber``; ``Balance`` without a value.
- C2B v2 masks the MSISDN (``2547 ***** 149``); v1 sends its SHA-256 hash.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from mpesa_desktop.simulator.book import OrgAccounts
from mpesa_desktop.simulator.identifiers import PLACEHOLDER_RECEIPT
from mpesa_desktop.simulator.journal import Transaction, eat_now

INTERNAL_QUEUE_URL = "https://internalsandbox.safaricom.co.ke/mpesa/{}/v1/submit"
QUEUE_KIND = {
    "b2c": "b2cresults", "b2pochi": "b2cresults", "b2b": "b2bresults",
    "tax_remittance": "b2bresults",
    "account_balance": "abresults", "reversal": "reversalresults",
}
_FIRST = ("JOHN", "MARY", "NICHOLAS", "FAITH", "PETER", "GRACE", "JAMES", "AMINA")
_LAST = ("DOE", "WANJIKU", "SONGOK", "OTIENO", "KAMAU", "ACHIENG", "MWANGI", "HASSAN")


def compact(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


def customer_name(msisdn: str) -> tuple[str, str]:
    """A stable (first, last) name for a phone number."""
    digest = hashlib.sha256(str(msisdn).encode()).digest()
    return _FIRST[digest[0] % len(_FIRST)], _LAST[digest[1] % len(_LAST)]


def customer_public_name(msisdn: str) -> str:
    first, last = customer_name(msisdn)
    return f"{msisdn} - {first} {last}"


def item(key: str, *value: Any) -> dict:
    """A ``{"Key", "Value"}`` item; without a value when none is given (a Daraja quirk)."""
    return {"Key": key, "Value": value[0]} if value else {"Key": key}


def _money(value: float) -> str:
    return f"{value:.2f}"


def envelope(txn: Transaction, result_type: int | str, result_code: int | str | None, desc: str,
             transaction_id: str, parameters: list | dict | None, reference: list | dict | None
             ) -> dict:
    result: dict[str, Any] = {
        "ResultType": result_type,
        "ResultCode": result_code,
        "ResultDesc": desc,
        "OriginatorConversationID": txn.originator_conversation_id,
        "ConversationID": txn.conversation_id,
        "TransactionID": transaction_id,
    }
    if parameters is not None:
        result["ResultParameters"] = {"ResultParameter": parameters}
    if reference is not None:
        result["ReferenceData"] = {"ReferenceItem": reference}
    return {"Result": result}


def _queue_item(operation: str) -> dict:
    return item("QueueTimeoutURL", INTERNAL_QUEUE_URL.format(QUEUE_KIND.get(operation, "results")))


def failure_result(txn: Transaction) -> dict:
    """A failed initiator operation: placeholder receipt, one ResultParameter as an object."""
    result_type: int | str = "0" if txn.operation in ("account_balance", "b2b",
                                                      "tax_remittance") else 0
    if txn.operation in ("reversal", "transaction_status"):
        parameters = None
    else:
        parameters = item("BOCompletedTime", int(compact(eat_now())))
    reference = item("Occasion") if txn.operation == "transaction_status" else _queue_item(
        txn.operation)
    return envelope(txn, result_type, txn.result_code, txn.result_desc or "",
                    PLACEHOLDER_RECEIPT, parameters, reference)


def timeout_result(txn: Transaction) -> dict:
    """What the QueueTimeOutURL gets (no official sample; the generic envelope, reference 4.3)."""
    return envelope(txn, 1, 1, "The service request timed out.", PLACEHOLDER_RECEIPT, None,
                    _queue_item(txn.operation))


def b2c_result(txn: Transaction, payer: OrgAccounts, registered: bool) -> dict:
    completed = txn.completed_at or eat_now()
    parameters = [
        item("TransactionAmount", int(txn.amount or 0)),
        item("TransactionReceipt", txn.receipt),
        item("B2CRecipientIsRegisteredCustomer", "Y" if registered else "N"),
        item("B2CChargesPaidAccountAvailableFunds",
             payer.balances.get("Charges Paid Account", 0.0)),
        item("ReceiverPartyPublicName", customer_public_name(txn.party_b or "")),
        item("TransactionCompletedDateTime", completed.strftime("%d.%m.%Y %H:%M:%S")),
        item("B2CUtilityAccountAvailableFunds", payer.balances.get("Utility Account", 0.0)),
        item("B2CWorkingAccountAvailableFunds", payer.balances.get("Working Account", 0.0)),
    ]
    return envelope(txn, 0, 0, txn.result_desc or "", txn.receipt or "", parameters,
                    _queue_item(txn.operation))


def _packed_amount(value: float) -> str:
    return (f"{{Amount={{CurrencyCode=KES, MinimumAmount={round(value * 100)}, "
            f"BasicAmount={_money(value)}}}}}")


def b2b_result(txn: Transaction, payer: OrgAccounts, receiver: OrgAccounts,
               occasion: str | None) -> dict:
    working = payer.balances.get("Working Account", 0.0)
    parameters = [
        item("DebitAccountBalance", _packed_amount(working)),
        item("Amount", _money(txn.amount or 0)),
        item("DebitPartyAffectedAccountBalance", payer.account_string("Working Account")),
        item("TransCompletedTime", compact(txn.completed_at or eat_now())),
        item("DebitPartyCharges", ""),
        item("ReceiverPartyPublicName", receiver.public_name),
        item("Currency", "KES"),
        item("InitiatorAccountCurrentBalance", _packed_amount(working)),
    ]
    reference = [item("BillReferenceNumber", txn.account_reference or ""),
                 _queue_item(txn.operation)]
    reference.append(item("Occassion", occasion) if occasion else item("Occassion"))
    return envelope(txn, "0", 0, txn.result_desc or "", txn.receipt or "", parameters, reference)


def balance_result(txn: Transaction, org: OrgAccounts) -> dict:
    parameters = [
        item("AccountBalance", org.balance_string()),
        item("BOCompletedTime", compact(txn.completed_at or eat_now())),
    ]
    return envelope(txn, "0", 0, txn.result_desc or "", txn.receipt or "", parameters,
                    _queue_item("account_balance"))


def reversal_result(txn: Transaction, payer: OrgAccounts, customer: str) -> dict:
    parameters = [
        item("DebitAccountBalance", payer.account_string(payer.receiving_account)),
        item("Amount", float(txn.amount or 0)),
        item("TransCompletedTime", int(compact(txn.completed_at or eat_now()))),
        item("OriginalTransactionID", txn.original_receipt),
        item("Charge", 0.0),
        item("CreditPartyPublicName", customer_public_name(customer)),
        item("DebitPartyPublicName", payer.public_name),
    ]
    return envelope(txn, 0, 0, txn.result_desc or "", txn.receipt or "", parameters,
                    _queue_item("reversal"))


STATUS_WORDS = {0: "Completed", 1032: "Cancelled", 1037: "Expired"}
REASON_TYPES = {
    "b2c": "Business Payment to Customer via API",
    "b2pochi": "Business Payment to Customer via API",
    "b2b": "Business to Business Transfer via API",
    "tax_remittance": "Pay Tax to KRA via API",
    "reversal": "Reversal via API",
    "stk_push": "Customer Pay Bill Online",
    "c2b_simulate": "Customer Pay Bill",
}


def status_result(txn: Transaction, original: Transaction, debit_party: str,
                  credit_party: str) -> dict:
    """A Transaction Status result describing ``original`` (reference 4.2, duplicate key too)."""
    if original.status == "pending":
        status_word = "Initiated"
    else:
        status_word = STATUS_WORDS.get(original.result_code, "Declined")  # type: ignore[arg-type]
    charges = f"Fee For B2C Payment|KES|{_money(original.charge)}" if original.charge else ""
    finalised = original.completed_at or original.created_at
    parameters = [
        item("DebitPartyName", debit_party),
        item("DebitPartyName", credit_party),
        item("OriginatorConversationID", original.originator_conversation_id or ""),
        item("InitiatedTime", int(compact(original.created_at))),
        item("DebitAccountType", "Utility Account"),
        item("DebitPartyCharges", charges),
        item("TransactionReason"),
        item("ReasonType", REASON_TYPES.get(original.operation, "Pay via API")),
        item("TransactionStatus", status_word),
        item("FinalisedTime", int(compact(finalised))),
        item("Amount", float(original.amount or 0)),
        item("ConversationID", original.conversation_id or ""),
        item("ReceiptNo", original.receipt or ""),
    ]
    return envelope(txn, 0, 0, txn.result_desc or "", txn.receipt or "", parameters,
                    item("Occasion"))


def stk_callback(txn: Transaction) -> dict:
    callback: dict[str, Any] = {
        "MerchantRequestID": txn.merchant_request_id,
        "CheckoutRequestID": txn.checkout_request_id,
        "ResultCode": txn.result_code,
        "ResultDesc": txn.result_desc,
    }
    if txn.result_code == 0:
        callback["CallbackMetadata"] = {"Item": [
            {"Name": "Amount", "Value": int(txn.amount or 0)},
            {"Name": "MpesaReceiptNumber", "Value": txn.receipt},
            {"Name": "Balance"},
            {"Name": "TransactionDate", "Value": int(compact(txn.completed_at or eat_now()))},
            {"Name": "PhoneNumber", "Value": int(txn.phone or 0)},
        ]}
    return {"Body": {"stkCallback": callback}}


def masked_msisdn(msisdn: str) -> str:
    return f"{msisdn[:4]} ***** {msisdn[-3:]}"


def hashed_msisdn(msisdn: str) -> str:
    return hashlib.sha256(msisdn.encode()).hexdigest()


def c2b_notification(txn: Transaction, *, version: str, org_balance: str,
                     third_party_id: str = "") -> dict:
    phone = txn.phone or ""
    first, last = customer_name(phone)
    buy_goods = txn.command_id == "CustomerBuyGoodsOnline"
    return {
        "TransactionType": "Buy Goods" if buy_goods else "Pay Bill",
        "TransID": txn.receipt,
        "TransTime": compact(txn.created_at),
        "TransAmount": _money(txn.amount or 0),
        "BusinessShortCode": txn.party_b,
        "BillRefNumber": "" if buy_goods else (txn.account_reference or ""),
        "InvoiceNumber": "",
        "OrgAccountBalance": org_balance,
        "ThirdPartyTransID": third_party_id,
        "MSISDN": hashed_msisdn(phone) if version == "v1" else masked_msisdn(phone),
        "FirstName": first,
        "MiddleName": "",
        "LastName": last,
    }
