"""Parse every callback Daraja sends (and STK Query answers) into one normalised result.

Shapes (daraja-reference.md section 4): the Result envelope (B2C, B2B, tax, balance, reversal,
Transaction Status, queue timeouts), the STK callback, and the C2B validation/confirmation
notification. The parsers never raise on a dict, whatever its contents, and survive every quirk
listed there: single objects where lists are documented, items without ``Value``, repeated keys,
codes as numbers or strings, placeholder receipts on failures (``OAK0000000``, ``XXXXXXXXXX``),
amounts as ``1``, ``1.0`` or ``"5.00"``, times in East Africa Time as ``20191219102115`` or
``"06.07.2024 22:48:52"``, and the packed AccountBalance string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from mpesa_desktop import kenya
from mpesa_desktop.daraja import codes
from mpesa_desktop.kenya import EAT

KINDS = ("result", "timeout", "stk", "c2b_validation", "c2b_confirmation", "stk_query")
_PLACEHOLDER_RE = re.compile(r"^(?:X{10}|[A-Z]{0,3}0{7,10})$")
_STILL_PROCESSING = frozenset({"4999", "500.001.1001"})
TIMEOUT_MEANING = ("M-Pesa did not process the request in time (queue timeout). It may still "
                   "complete: check its status before doing anything else.")


@dataclass(frozen=True)
class AccountBalance:
    """One account's line of an Account Balance result (shillings, to the cent)."""

    account: str
    currency: str
    current: Decimal | None
    available: Decimal | None
    reserved: Decimal | None
    uncleared: Decimal | None


@dataclass(frozen=True)
class CallbackResult:
    """What a callback says, normalised. ``status``: completed, failed, timed_out or pending."""

    kind: str
    status: str
    result_code: str
    result_desc: str
    meaning: str
    originator_conversation_id: str | None = None
    conversation_id: str | None = None
    merchant_request_id: str | None = None
    checkout_request_id: str | None = None
    receipt: str | None = None
    amount: int | None = None
    balances: list[AccountBalance] = field(default_factory=list)
    counterparty: str | None = None
    phone: str | None = None
    completed_at: datetime | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    original_transaction: dict[str, Any] | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


# ---- tolerant readers ----

def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict]:
    """A documented list that may arrive as one object, or be missing."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _code(value: Any) -> str:
    text = _text(value) or ""
    return str(int(text)) if text.isdigit() else text


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool | dict | list):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or number.adjusted() > 15:
        return None
    return number


def _amount(value: Any) -> int | None:
    number = _decimal(value)
    if number is None:
        return None
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _money(value: Any) -> Decimal | None:
    number = _decimal(value)
    return number.quantize(Decimal("0.01")) if number is not None else None


def _eat_time(value: Any) -> datetime | None:
    """``YYYYMMDDHHmmss`` or ``dd.MM.yyyy HH:mm:ss`` (EAT) -> an aware UTC datetime."""
    text = _text(value)
    if not text:
        return None
    for pattern in ("%Y%m%d%H%M%S", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=EAT).astimezone(UTC)
        except ValueError:
            continue
    return None


def _receipt(value: Any) -> str | None:
    text = (_text(value) or "").upper()
    if not kenya.is_receipt(text) or _PLACEHOLDER_RE.match(text):
        return None
    return text


def _pairs(items: list[dict], name_key: str) -> dict[str, Any]:
    """Key/value items into a dict; a repeated key's later values go to ``Key_2``, ``Key_3``."""
    result: dict[str, Any] = {}
    for item in items:
        name = _text(item.get(name_key))
        if not name:
            continue
        key, n = name, 1
        while key in result:
            n += 1
            key = f"{name}_{n}"
        result[key] = item.get("Value")
    return result


def _phone(value: Any) -> str | None:
    text = _text(value)
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if kenya.is_msisdn(digits):
        return digits
    return text


def parse_balances(packed: Any) -> list[AccountBalance]:
    """``Working Account|KES|700000.00|700000.00|0.00|0.00&Utility Account|...`` per account."""
    if not isinstance(packed, str):
        return []
    balances = []
    for chunk in packed.split("&"):
        parts = [part.strip() for part in chunk.split("|")]
        if not parts[0]:
            continue
        parts += [""] * (6 - len(parts))
        balances.append(AccountBalance(
            account=parts[0], currency=parts[1] or "KES",
            current=_money(parts[2]), available=_money(parts[3]),
            reserved=_money(parts[4]), uncleared=_money(parts[5]),
        ))
    return balances


# ---- shapes ----

def _status_for(kind: str, code: str) -> str:
    if kind == "timeout":
        return "timed_out"
    if not code or code in _STILL_PROCESSING:
        return "pending"
    return "completed" if codes.is_success(code) else "failed"


def _meaning(status: str, code: str) -> str:
    if status == "timed_out":
        return TIMEOUT_MEANING
    if not code:
        return "No result yet."
    return codes.result_meaning(code)


def _parse_result(payload: dict, kind: str) -> CallbackResult:
    result = _dict(payload.get("Result"))
    code = _code(result.get("ResultCode"))
    status = _status_for(kind, code)
    params = _pairs(_items(_dict(result.get("ResultParameters")).get("ResultParameter")), "Key")
    for key, value in _pairs(_items(_dict(result.get("ReferenceData")).get("ReferenceItem")),
                             "Key").items():
        params.setdefault(key, value)
    receipt = _receipt(params.get("TransactionReceipt") or result.get("TransactionID"))
    original = None
    if "ReceiptNo" in params or "TransactionStatus" in params:
        original = {
            "receipt": _receipt(params.get("ReceiptNo")),
            "originator_conversation_id": _text(params.get("OriginatorConversationID")),
            "conversation_id": _text(params.get("ConversationID")),
            "status": _text(params.get("TransactionStatus")),
            "amount": _amount(params.get("Amount")),
        }
    counterparty = _text(
        params.get("ReceiverPartyPublicName") or params.get("CreditPartyPublicName")
        or params.get("CreditPartyName") or params.get("DebitPartyName_2"))
    # "254705912645 - NICHOLAS JOHN SONGOK": the phone is the first word, when it is one.
    first_word = re.match(r"\w*", counterparty or "")
    phone = first_word.group() if first_word and kenya.is_msisdn(first_word.group()) else None
    completed = next((params[key] for key in (
        "TransactionCompletedDateTime", "TransCompletedTime", "FinalisedTime",
        "BOCompletedTime") if params.get(key) is not None), None)
    return CallbackResult(
        kind=kind, status=status, result_code=code,
        result_desc=_text(result.get("ResultDesc")) or "",
        meaning=_meaning(status, code),
        originator_conversation_id=_text(result.get("OriginatorConversationID")),
        conversation_id=_text(result.get("ConversationID")),
        receipt=receipt if status == "completed" else None,
        amount=_amount(params.get("TransactionAmount", params.get("Amount"))),
        balances=parse_balances(params.get("AccountBalance")),
        counterparty=counterparty, phone=phone,
        completed_at=_eat_time(completed),
        parameters=params, original_transaction=original, raw=payload,
    )


def _parse_stk(payload: dict, kind: str) -> CallbackResult:
    callback = _dict(_dict(payload.get("Body")).get("stkCallback"))
    code = _code(callback.get("ResultCode"))
    status = _status_for(kind, code)
    params = _pairs(_items(_dict(callback.get("CallbackMetadata")).get("Item")), "Name")
    return CallbackResult(
        kind=kind, status=status, result_code=code,
        result_desc=_text(callback.get("ResultDesc")) or "",
        meaning=_meaning(status, code),
        merchant_request_id=_text(callback.get("MerchantRequestID")),
        checkout_request_id=_text(callback.get("CheckoutRequestID")),
        receipt=_receipt(params.get("MpesaReceiptNumber")) if status == "completed" else None,
        amount=_amount(params.get("Amount")),
        phone=_phone(params.get("PhoneNumber")),
        completed_at=_eat_time(params.get("TransactionDate")),
        parameters=params, raw=payload,
    )


def _parse_c2b(payload: dict, kind: str) -> CallbackResult:
    names = (_text(payload.get(key)) for key in ("FirstName", "MiddleName", "LastName"))
    status = "pending" if kind == "c2b_validation" else "completed"
    meaning = ("A customer payment is waiting for your approval." if status == "pending"
               else "Customer payment received.")
    return CallbackResult(
        kind=kind, status=status, result_code="0", result_desc=_text(
            payload.get("TransactionType")) or "", meaning=meaning,
        receipt=_receipt(payload.get("TransID")),
        amount=_amount(payload.get("TransAmount")),
        counterparty=" ".join(name for name in names if name) or None,
        phone=_phone(payload.get("MSISDN")),
        completed_at=_eat_time(payload.get("TransTime")),
        parameters={key: value for key, value in payload.items()
                    if not isinstance(value, dict | list)},
        raw=payload,
    )


def _detect(payload: dict) -> str:
    if isinstance(payload.get("Body"), dict) and "stkCallback" in payload["Body"]:
        return "stk"
    if "Result" in payload:
        return "result"
    if "TransID" in payload or "TransAmount" in payload:
        return "c2b_confirmation"
    if "CheckoutRequestID" in payload or "errorCode" in payload:
        return "stk_query"
    return "result"


def _require_dict(payload: Any, what: str) -> dict:
    if not isinstance(payload, dict):
        raise ValueError(f"{what} must be a JSON object, not {type(payload).__name__}")
    return payload


def parse_callback(payload: dict, kind: str | None = None) -> CallbackResult:
    """Normalise a callback; ``kind`` is the relay path's kind or None to detect it."""
    payload = _require_dict(payload, "a callback")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown callback kind {kind!r}; choose one of {', '.join(KINDS)}")
    shape = _detect(payload)
    label = kind or shape
    if shape == "stk":
        return _parse_stk(payload, label)
    if shape == "c2b_confirmation":
        return _parse_c2b(payload, label)
    if shape == "stk_query":
        return parse_stk_query(payload)
    return _parse_result(payload, label)


def parse_stk_query(response: dict) -> CallbackResult:
    """Normalise an STK Push Query answer (or its "still being processed" error body)."""
    response = _require_dict(response, "an STK query answer")
    if response.get("errorCode") is not None:
        code = _code(response.get("errorCode"))
        return CallbackResult(
            kind="stk_query", status="pending", result_code=code,
            result_desc=_text(response.get("errorMessage")) or "",
            meaning="The customer has not finished yet. Check again in a moment.",
            checkout_request_id=_text(response.get("CheckoutRequestID")), raw=response)
    code = _code(response.get("ResultCode"))
    status = _status_for("stk_query", code)
    return CallbackResult(
        kind="stk_query", status=status, result_code=code,
        result_desc=_text(response.get("ResultDesc")) or "",
        meaning=_meaning(status, code),
        merchant_request_id=_text(response.get("MerchantRequestID")),
        checkout_request_id=_text(response.get("CheckoutRequestID")),
        raw=response,
    )
