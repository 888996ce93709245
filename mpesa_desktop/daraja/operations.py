"""Turn an operation and its snake_case fields into Daraja's wire request.

``build_request`` validates the fields (``limits.validate``, so nothing bad is ever built), then
writes the body the operation's declaration (``catalogue``) lays out, with Daraja's exact keys,
misspellings included (daraja-reference.md section 2.2):
``InitiatorName`` and ``Occassion`` for B2C, ``RecieverIdentifierType`` for B2B/tax ("4") and
reversal ("11"), ``Occasion`` for Transaction Status, ``Msisdn`` for C2B simulate. STK requests get
their Password and an EAT Timestamp; B2C v3 and B2Pochi get a fresh uuid4
OriginatorConversationID unless one is given.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mpesa_desktop import catalogue
from mpesa_desktop.daraja import limits, security

SECRET_WIRE_KEYS = frozenset({"SecurityCredential", "Password"})

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


def _wire_body(operation: str, values: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, source in catalogue.operation(operation).wire:
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
    if "originator_conversation_id" in limits.fields_of(operation) and not values.get(
        "originator_conversation_id"
    ):
        values["originator_conversation_id"] = uuid.uuid4().hex
    wire_values = dict(values)
    if operation in catalogue.STK_OPERATIONS:
        timestamp = security.eat_timestamp(now)
        wire_values["timestamp"] = timestamp
        wire_values["password"] = security.stk_password(values["business_shortcode"],
                                                        values["passkey"], timestamp)
    body = _wire_body(operation, wire_values)
    path = catalogue.operation(operation).path.format(version=values.get("version", "v2"))
    rules = limits.fields_of(operation)
    public = {name: value for name, value in values.items() if not rules[name].secret}
    return PreparedRequest(
        operation=operation,
        path=path,
        body=body,
        fields=public,
        originator_conversation_id=values.get("originator_conversation_id"),
    )
