"""Field checks in Daraja's order: the first bad field gives ``400.002.02 Bad Request - Invalid X``.

One table per operation lists its wire fields in the order Daraja checks them (the order of the
portal's parameter tables, daraja-reference.md section 3). Numbers may come as JSON numbers or
strings (section 2.1). Amount bounds (B2C 10, STK 250,000) are not checked here: Daraja answers
them with ResultCode 2 or 3 in the callback, and so does the simulator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mpesa_desktop import kenya
from mpesa_desktop.kenya import KRA_SHORTCODE
from mpesa_desktop.simulator.wire import invalid_field

Check = Callable[[Any], bool]
FORBIDDEN_URL_WORDS = ("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query")
_AMOUNT = re.compile(r"\d+(\.0+)?")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*")
_PULL_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    return None


def digits(low: int, high: int) -> Check:
    def check(value: Any) -> bool:
        text = _as_text(value)
        return text is not None and text.isdigit() and low <= len(text) <= high
    return check


def text(low: int, high: int) -> Check:
    def check(value: Any) -> bool:
        return isinstance(value, str) and low <= len(value) <= high and value.strip() != ""
    return check


def choice(*allowed: str) -> Check:
    def check(value: Any) -> bool:
        return _as_text(value) in allowed
    return check


def msisdn(value: Any) -> bool:
    text_value = _as_text(value)
    return text_value is not None and kenya.is_msisdn(text_value)


def shortcode(value: Any) -> bool:
    text_value = _as_text(value)
    return text_value is not None and kenya.is_shortcode(text_value)


def amount(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer() and value >= 1
    text_value = _as_text(value)
    return (text_value is not None and _AMOUNT.fullmatch(text_value) is not None
            and float(text_value) >= 1)


def url(value: Any) -> bool:
    return isinstance(value, str) and _URL.fullmatch(value) is not None


def c2b_url(value: Any) -> bool:
    return url(value) and not any(word in value.lower() for word in FORBIDDEN_URL_WORDS)


def timestamp(value: Any) -> bool:
    text_value = _as_text(value)
    return text_value is not None and len(text_value) == 14 and text_value.isdigit()


def pull_time(value: Any) -> bool:
    """Pull Transactions' ``YYYY-MM-DD HH:MM:SS``."""
    return isinstance(value, str) and _PULL_TIME.fullmatch(value) is not None


def pixels(value: Any) -> bool:
    """A Dynamic QR ``Size``: whole pixels, 100 to 2000 (the simulator's bounds)."""
    text_value = _as_text(value)
    return text_value is not None and text_value.isdigit() and 100 <= int(text_value) <= 2000


@dataclass(frozen=True)
class Rule:
    field: str
    check: Check
    required: bool = True


SHORTCODE: Check = shortcode
INITIATOR = text(1, 64)
CREDENTIAL = text(1, 4096)
OCCASION = text(0, 100)

_INITIATOR_URLS = (Rule("QueueTimeOutURL", url), Rule("ResultURL", url))



def _payout(*command_ids: str) -> tuple[Rule, ...]:
    """B2C's body (v1; v3 adds OriginatorConversationID first), B2Pochi's too (section 1.2)."""
    return (
        Rule("InitiatorName", INITIATOR),
        Rule("SecurityCredential", CREDENTIAL),
        Rule("CommandID", choice(*command_ids)),
        Rule("Amount", amount),
        Rule("PartyA", SHORTCODE),
        Rule("PartyB", msisdn),
        Rule("Remarks", text(2, 100)),
        *_INITIATOR_URLS,
        Rule("Occassion", OCCASION, required=False),
    )


_B2C = _payout("SalaryPayment", "BusinessPayment", "PromotionPayment")
_ORIGINATOR = Rule("OriginatorConversationID", text(1, 128))

RULES: dict[str, tuple[Rule, ...]] = {
    "stk_push": (
        Rule("BusinessShortCode", SHORTCODE),
        Rule("Password", text(1, 1024)),
        Rule("Timestamp", timestamp),
        Rule("TransactionType", choice("CustomerPayBillOnline", "CustomerBuyGoodsOnline")),
        Rule("Amount", amount),
        Rule("PartyA", msisdn),
        Rule("PartyB", SHORTCODE),
        Rule("PhoneNumber", msisdn),
        Rule("CallBackURL", url),
        Rule("AccountReference", text(1, 12)),
        Rule("TransactionDesc", text(0, 13), required=False),
    ),
    "stk_query": (
        Rule("BusinessShortCode", SHORTCODE),
        Rule("Password", text(1, 1024)),
        Rule("Timestamp", timestamp),
        Rule("CheckoutRequestID", text(1, 100)),
    ),
    "c2b_register": (
        Rule("ShortCode", SHORTCODE),
        Rule("ResponseType", choice("Completed", "Cancelled")),
        Rule("ConfirmationURL", c2b_url),
        Rule("ValidationURL", c2b_url),
    ),
    "c2b_simulate": (
        Rule("ShortCode", SHORTCODE),
        Rule("CommandID", choice("CustomerPayBillOnline", "CustomerBuyGoodsOnline")),
        Rule("Amount", amount),
        Rule("Msisdn", msisdn),
        Rule("BillRefNumber", text(0, 20), required=False),
    ),
    "b2c": (_ORIGINATOR, *_B2C),
    "b2c_v1": _B2C,
    "b2pochi": (_ORIGINATOR, *_payout("BusinessPayToPochi")),
    "b2b": (
        Rule("Initiator", INITIATOR),
        Rule("SecurityCredential", CREDENTIAL),
        Rule("CommandID", choice("BusinessPayBill", "BusinessBuyGoods", "BusinessPayToBulk")),
        Rule("SenderIdentifierType", choice("4")),
        Rule("RecieverIdentifierType", choice("4")),
        Rule("Amount", amount),
        Rule("PartyA", SHORTCODE),
        Rule("PartyB", SHORTCODE),
        Rule("AccountReference", text(0, 13), required=False),
        Rule("Requester", msisdn, required=False),
        Rule("Remarks", text(1, 100)),
        *_INITIATOR_URLS,
        Rule("Occassion", OCCASION, required=False),
    ),
    "tax_remittance": (
        Rule("Initiator", INITIATOR),
        Rule("SecurityCredential", CREDENTIAL),
        Rule("CommandID", choice("PayTaxToKRA")),
        Rule("SenderIdentifierType", choice("4")),
        Rule("RecieverIdentifierType", choice("4")),
        Rule("Amount", amount),
        Rule("PartyA", SHORTCODE),
        Rule("PartyB", choice(KRA_SHORTCODE)),
        Rule("AccountReference", text(1, 13)),
        Rule("Remarks", text(1, 100)),
        *_INITIATOR_URLS,
    ),
    "account_balance": (
        Rule("Initiator", INITIATOR),
        Rule("SecurityCredential", CREDENTIAL),
        Rule("CommandID", choice("AccountBalance")),
        Rule("PartyA", SHORTCODE),
        Rule("IdentifierType", choice("1", "2", "4")),
        Rule("Remarks", text(1, 100)),
        *_INITIATOR_URLS,
    ),
    "reversal": (
        Rule("Initiator", INITIATOR),
        Rule("SecurityCredential", CREDENTIAL),
        Rule("CommandID", choice("TransactionReversal")),
        Rule("TransactionID", text(1, 20)),
        Rule("Amount", amount),
        Rule("ReceiverParty", SHORTCODE),
        Rule("RecieverIdentifierType", choice("11")),
        Rule("ResultURL", url),
        Rule("QueueTimeOutURL", url),
        Rule("Remarks", text(2, 100)),
        Rule("Occasion", OCCASION, required=False),
    ),
    "dynamic_qr": (
        Rule("MerchantName", text(1, 100)),
        Rule("RefNo", text(1, 100)),
        Rule("Amount", amount),
        Rule("TrxCode", choice("BG", "WA", "PB", "SM", "SB")),
        Rule("CPI", digits(5, 12)),
        Rule("Size", pixels),
    ),
    "pull_register": (
        Rule("ShortCode", SHORTCODE),
        Rule("RequestType", choice("Pull")),
        Rule("NominatedNumber", msisdn),
        Rule("CallBackURL", url),
    ),
    "pull_query": (
        Rule("ShortCode", SHORTCODE),
        Rule("StartDate", pull_time),
        Rule("EndDate", pull_time),
        Rule("OffSetValue", digits(1, 9), required=False),
    ),
    "transaction_status": (
        Rule("Initiator", INITIATOR),
        Rule("SecurityCredential", CREDENTIAL),
        Rule("CommandID", choice("TransactionStatusQuery")),
        Rule("TransactionID", text(1, 20), required=False),
        Rule("OriginalConversationID", text(1, 128), required=False),
        Rule("PartyA", digits(5, 12)),
        Rule("IdentifierType", choice("1", "2", "4")),
        Rule("ResultURL", url),
        Rule("QueueTimeOutURL", url),
        Rule("Remarks", text(1, 100)),
        Rule("Occasion", OCCASION, required=False),
    ),
}


def first_field(operation: str) -> str:
    """The field Daraja names when the whole body is unreadable (wrong Content-Type, bad JSON)."""
    return RULES[operation][0].field


def validate(operation: str, body: Mapping[str, Any]) -> None:
    """Raise the Refusal for the first bad field, in Daraja's order."""
    for rule in RULES[operation]:
        value = body.get(rule.field)
        if value is None or value == "":
            if rule.required or _required_here(operation, rule.field, body):
                raise invalid_field(rule.field)
        elif not rule.check(value):
            raise invalid_field(rule.field)


def _required_here(operation: str, field_name: str, body: Mapping[str, Any]) -> bool:
    """Fields required only with others: a status query needs a receipt or a conversation id;
    a B2B pay bill needs the account number."""
    if operation == "transaction_status" and field_name == "TransactionID":
        return not body.get("OriginalConversationID")
    if operation == "b2b" and field_name == "AccountReference":
        return body.get("CommandID") == "BusinessPayBill"
    return False
