"""Turn an operation and its snake_case fields into Daraja's wire request.

``build_request`` validates the fields (``limits.validate``, so nothing bad is ever built), then
writes the body with Daraja's exact keys, misspellings included (daraja-reference.md section 2.2):
``InitiatorName`` and ``Occassion`` for B2C, ``RecieverIdentifierType`` for B2B/tax ("4") and
reversal ("11"), ``Occasion`` for Transaction Status, ``Msisdn`` for C2B simulate. STK requests get
their Password and an EAT Timestamp; B2C v3 gets a fresh uuid4 OriginatorConversationID unless
one is given.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mpesa_desktop.daraja import limits, security

SECRET_WIRE_KEYS = frozenset({"SecurityCredential", "Password"})

PATHS = {
    "stk_push": "/mpesa/stkpush/v1/processrequest",
    "stk_query": "/mpesa/stkpushquery/v1/query",
    "c2b_register": "/mpesa/c2b/{version}/registerurl",
    "c2b_simulate": "/mpesa/c2b/v2/simulate",
    "b2c": "/mpesa/b2c/v3/paymentrequest",
    "b2b": "/mpesa/b2b/v1/paymentrequest",
    "tax_remittance": "/mpesa/b2b/v1/remittax",
    "account_balance": "/mpesa/accountbalance/v1/query",
    "reversal": "/mpesa/reversal/v1/request",
    "transaction_status": "/mpesa/transactionstatus/v1/query",
}


@dataclass(frozen=True)
class PreparedRequest:
    """A validated request ready to POST.

    ``body`` holds secrets (SecurityCredential, Password) and is kept out of ``repr``;
    ``fields`` are the normalised snake_case fields without secret ones (for the log).
    """

    operation: str
    path: str
    body: dict[str, Any] = field(repr=False)
    fields: dict[str, Any] = field(repr=False)
    originator_conversation_id: str | None = None

    @property
    def redacted_body(self) -> dict[str, Any]:
        """The wire body without SecurityCredential and Password, safe to store."""
        return {key: value for key, value in self.body.items() if key not in SECRET_WIRE_KEYS}


def _optional(body: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        body[key] = value


def _stk_push(v: dict[str, Any], now: datetime | None) -> dict[str, Any]:
    timestamp = security.eat_timestamp(now)
    return {
        "BusinessShortCode": v["business_shortcode"],
        "Password": security.stk_password(v["business_shortcode"], v["passkey"], timestamp),
        "Timestamp": timestamp,
        "TransactionType": v["transaction_type"],
        "Amount": v["amount"],
        "PartyA": v["party_a"],
        "PartyB": v["party_b"],
        "PhoneNumber": v["phone_number"],
        "CallBackURL": v["callback_url"],
        "AccountReference": v["account_reference"],
        "TransactionDesc": v["transaction_desc"],
    }


def _stk_query(v: dict[str, Any], now: datetime | None) -> dict[str, Any]:
    timestamp = security.eat_timestamp(now)
    return {
        "BusinessShortCode": v["business_shortcode"],
        "Password": security.stk_password(v["business_shortcode"], v["passkey"], timestamp),
        "Timestamp": timestamp,
        "CheckoutRequestID": v["checkout_request_id"],
    }


def _c2b_register(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    return {
        "ShortCode": v["shortcode"],
        "ResponseType": v["response_type"],
        "ConfirmationURL": v["confirmation_url"],
        "ValidationURL": v["validation_url"],
    }


def _c2b_simulate(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    return {
        "ShortCode": v["shortcode"],
        "CommandID": v["command_id"],
        "Amount": v["amount"],
        "Msisdn": v["msisdn"],
        "BillRefNumber": v.get("bill_ref_number"),
    }


def _b2c(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    body = {
        "OriginatorConversationID": v["originator_conversation_id"],
        "InitiatorName": v["initiator"],
        "SecurityCredential": v["security_credential"],
        "CommandID": v["command_id"],
        "Amount": v["amount"],
        "PartyA": v["party_a"],
        "PartyB": v["party_b"],
        "Remarks": v["remarks"],
        "QueueTimeOutURL": v["queue_timeout_url"],
        "ResultURL": v["result_url"],
    }
    _optional(body, "Occassion", v.get("occasion"))
    return body


def _b2b(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    body = {
        "Initiator": v["initiator"],
        "SecurityCredential": v["security_credential"],
        "CommandID": v["command_id"],
        "SenderIdentifierType": "4",
        "RecieverIdentifierType": "4",
        "Amount": v["amount"],
        "PartyA": v["party_a"],
        "PartyB": v["party_b"],
    }
    _optional(body, "AccountReference", v.get("account_reference"))
    _optional(body, "Requester", v.get("requester"))
    body["Remarks"] = v["remarks"]
    body["QueueTimeOutURL"] = v["queue_timeout_url"]
    body["ResultURL"] = v["result_url"]
    _optional(body, "Occassion", v.get("occasion"))
    return body


def _tax_remittance(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    return {
        "Initiator": v["initiator"],
        "SecurityCredential": v["security_credential"],
        "CommandID": "PayTaxToKRA",
        "SenderIdentifierType": "4",
        "RecieverIdentifierType": "4",
        "Amount": v["amount"],
        "PartyA": v["party_a"],
        "PartyB": v["party_b"],
        "AccountReference": v["account_reference"],
        "Remarks": v["remarks"],
        "QueueTimeOutURL": v["queue_timeout_url"],
        "ResultURL": v["result_url"],
    }


def _account_balance(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    return {
        "Initiator": v["initiator"],
        "SecurityCredential": v["security_credential"],
        "CommandID": "AccountBalance",
        "PartyA": v["party_a"],
        "IdentifierType": v["identifier_type"],
        "Remarks": v["remarks"],
        "QueueTimeOutURL": v["queue_timeout_url"],
        "ResultURL": v["result_url"],
    }


def _reversal(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    body = {
        "Initiator": v["initiator"],
        "SecurityCredential": v["security_credential"],
        "CommandID": "TransactionReversal",
        "TransactionID": v["transaction_id"],
        "Amount": v["amount"],
        "ReceiverParty": v["receiver_party"],
        "RecieverIdentifierType": "11",
        "ResultURL": v["result_url"],
        "QueueTimeOutURL": v["queue_timeout_url"],
        "Remarks": v["remarks"],
    }
    _optional(body, "Occasion", v.get("occasion"))
    return body


def _transaction_status(v: dict[str, Any], _now: datetime | None) -> dict[str, Any]:
    body = {
        "Initiator": v["initiator"],
        "SecurityCredential": v["security_credential"],
        "CommandID": "TransactionStatusQuery",
    }
    _optional(body, "TransactionID", v.get("transaction_id"))
    _optional(body, "OriginalConversationID", v.get("original_conversation_id"))
    body.update({
        "PartyA": v["party_a"],
        "IdentifierType": v["identifier_type"],
        "ResultURL": v["result_url"],
        "QueueTimeOutURL": v["queue_timeout_url"],
        "Remarks": v["remarks"],
    })
    _optional(body, "Occasion", v.get("occasion"))
    return body


_BUILDERS: dict[str, Callable[[dict[str, Any], datetime | None], dict[str, Any]]] = {
    "stk_push": _stk_push,
    "stk_query": _stk_query,
    "c2b_register": _c2b_register,
    "c2b_simulate": _c2b_simulate,
    "b2c": _b2c,
    "b2b": _b2b,
    "tax_remittance": _tax_remittance,
    "account_balance": _account_balance,
    "reversal": _reversal,
    "transaction_status": _transaction_status,
}


def build_request(operation: str, fields: dict[str, Any], environment: str = "sandbox", *,
                  now: datetime | None = None) -> PreparedRequest:
    """Validate ``fields`` and build the wire request (raises ValidationError, sends nothing).

    ``now`` (aware) fixes the STK Timestamp for tests; by default the clock is used.
    """
    values = limits.validate(operation, fields, environment)
    if operation == "b2c" and not values.get("originator_conversation_id"):
        values["originator_conversation_id"] = uuid.uuid4().hex
    body = _BUILDERS[operation](values, now)
    path = PATHS[operation].format(version=values.get("version", "v2"))
    rules = limits.fields_of(operation)
    public = {name: value for name, value in values.items() if not rules[name].secret}
    return PreparedRequest(
        operation=operation,
        path=path,
        body=body,
        fields=public,
        originator_conversation_id=values.get("originator_conversation_id"),
    )
