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


# Each operation's wire body, key by key in Daraja's order. A value names the snake_case field
# it copies; "name?" is left out when the field is unset and "name|null" is sent as null; "=TEXT"
# is fixed text. STK's "password" and "timestamp" are worked out by ``build_request``.
_INITIATOR = (("Initiator", "initiator"), ("SecurityCredential", "security_credential"))
_STK_AUTH = (("BusinessShortCode", "business_shortcode"), ("Password", "password"),
             ("Timestamp", "timestamp"))
_B2B_TYPES = (("SenderIdentifierType", "=4"), ("RecieverIdentifierType", "=4"))
_URLS = (("QueueTimeOutURL", "queue_timeout_url"), ("ResultURL", "result_url"))
_URLS_RESULT_FIRST = (("ResultURL", "result_url"), ("QueueTimeOutURL", "queue_timeout_url"))

_WIRE: dict[str, tuple[tuple[str, str], ...]] = {
    "stk_push": (
        *_STK_AUTH, ("TransactionType", "transaction_type"), ("Amount", "amount"),
        ("PartyA", "party_a"), ("PartyB", "party_b"), ("PhoneNumber", "phone_number"),
        ("CallBackURL", "callback_url"), ("AccountReference", "account_reference"),
        ("TransactionDesc", "transaction_desc"),
    ),
    "stk_query": (*_STK_AUTH, ("CheckoutRequestID", "checkout_request_id")),
    "c2b_register": (
        ("ShortCode", "shortcode"), ("ResponseType", "response_type"),
        ("ConfirmationURL", "confirmation_url"), ("ValidationURL", "validation_url"),
    ),
    "c2b_simulate": (
        ("ShortCode", "shortcode"), ("CommandID", "command_id"), ("Amount", "amount"),
        ("Msisdn", "msisdn"), ("BillRefNumber", "bill_ref_number|null"),
    ),
    "b2c": (
        ("OriginatorConversationID", "originator_conversation_id"),
        ("InitiatorName", "initiator"), ("SecurityCredential", "security_credential"),
        ("CommandID", "command_id"), ("Amount", "amount"), ("PartyA", "party_a"),
        ("PartyB", "party_b"), ("Remarks", "remarks"), *_URLS, ("Occassion", "occasion?"),
    ),
    "b2b": (
        *_INITIATOR, ("CommandID", "command_id"), *_B2B_TYPES, ("Amount", "amount"),
        ("PartyA", "party_a"), ("PartyB", "party_b"),
        ("AccountReference", "account_reference?"), ("Requester", "requester?"),
        ("Remarks", "remarks"), *_URLS, ("Occassion", "occasion?"),
    ),
    "tax_remittance": (
        *_INITIATOR, ("CommandID", "=PayTaxToKRA"), *_B2B_TYPES, ("Amount", "amount"),
        ("PartyA", "party_a"), ("PartyB", "party_b"),
        ("AccountReference", "account_reference"), ("Remarks", "remarks"), *_URLS,
    ),
    "account_balance": (
        *_INITIATOR, ("CommandID", "=AccountBalance"), ("PartyA", "party_a"),
        ("IdentifierType", "identifier_type"), ("Remarks", "remarks"), *_URLS,
    ),
    "reversal": (
        *_INITIATOR, ("CommandID", "=TransactionReversal"),
        ("TransactionID", "transaction_id"), ("Amount", "amount"),
        ("ReceiverParty", "receiver_party"), ("RecieverIdentifierType", "=11"),
        *_URLS_RESULT_FIRST, ("Remarks", "remarks"), ("Occasion", "occasion?"),
    ),
    "transaction_status": (
        *_INITIATOR, ("CommandID", "=TransactionStatusQuery"),
        ("TransactionID", "transaction_id?"),
        ("OriginalConversationID", "original_conversation_id?"), ("PartyA", "party_a"),
        ("IdentifierType", "identifier_type"), *_URLS_RESULT_FIRST, ("Remarks", "remarks"),
        ("Occasion", "occasion?"),
    ),
}


def _wire_body(operation: str, values: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, source in _WIRE[operation]:
        if source.startswith("="):
            body[key] = source[1:]
        elif source.endswith("|null"):
            body[key] = values.get(source.removesuffix("|null"))
        elif source.endswith("?"):
            if values.get(source[:-1]) is not None:
                body[key] = values[source[:-1]]
        else:
            body[key] = values[source]
    return body


def build_request(operation: str, fields: dict[str, Any], environment: str = "sandbox", *,
                  now: datetime | None = None) -> PreparedRequest:
    """Validate ``fields`` and build the wire request (raises ValidationError, sends nothing).

    ``now`` (aware) fixes the STK Timestamp for tests; by default the clock is used.
    """
    values = limits.validate(operation, fields, environment)
    if operation == "b2c" and not values.get("originator_conversation_id"):
        values["originator_conversation_id"] = uuid.uuid4().hex
    wire_values = dict(values)
    if operation in ("stk_push", "stk_query"):
        timestamp = security.eat_timestamp(now)
        wire_values["timestamp"] = timestamp
        wire_values["password"] = security.stk_password(values["business_shortcode"],
                                                        values["passkey"], timestamp)
    body = _wire_body(operation, wire_values)
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
