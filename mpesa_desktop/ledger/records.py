"""The ledger's records as immutable dataclasses, and how times are stored.

Times are stored as fixed-width UTC text (``2026-11-28T04:31:50.123456Z``), so text order is time
order, and handed out as aware ``datetime`` objects in UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from mpesa_desktop.ledger.statuses import FINAL, IN_FLIGHT

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

TRANSACTION_COLUMNS: tuple[str, ...] = (
    "id",
    "reference",
    "operation",
    "profile",
    "status",
    "amount",
    "party_a",
    "party_b",
    "phone",
    "account_reference",
    "remarks",
    "conversation_id",
    "originator_conversation_id",
    "checkout_request_id",
    "merchant_request_id",
    "receipt",
    "result_code",
    "result_desc",
    "counterparty",
    "operator",
    "created_at",
    "updated_at",
    "request_body",
    "retry_of",
)
SELECT_TRANSACTION = f"SELECT {', '.join(TRANSACTION_COLUMNS)} FROM transactions"

# Fields a status change may fill in (Daraja's ids and the outcome).
RESULT_FIELDS: frozenset[str] = frozenset(
    {
        "conversation_id",
        "originator_conversation_id",
        "checkout_request_id",
        "merchant_request_id",
        "receipt",
        "result_code",
        "result_desc",
        "counterparty",
    }
)


def store_time(moment: datetime) -> str:
    """An aware datetime as the ledger's UTC text; a naive one is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def load_time(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Transaction:
    """One row of the log. ``amount`` is whole shillings; times are aware UTC datetimes."""

    id: int
    reference: str
    operation: str
    profile: str
    status: str
    amount: int | None
    party_a: str | None
    party_b: str | None
    phone: str | None
    account_reference: str | None
    remarks: str | None
    conversation_id: str | None
    originator_conversation_id: str | None
    checkout_request_id: str | None
    merchant_request_id: str | None
    receipt: str | None
    result_code: str | None
    result_desc: str | None
    counterparty: str | None
    operator: str
    created_at: datetime
    updated_at: datetime
    request_body: dict[str, Any] | None
    retry_of: str | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Transaction:
        values = list(row)
        values[20] = load_time(values[20])
        values[21] = load_time(values[21])
        values[22] = json.loads(values[22]) if values[22] else None
        return cls(*values)

    @property
    def in_flight(self) -> bool:
        """The money may be moving: this row must never be sent again."""
        return self.status in IN_FLIGHT

    @property
    def is_final(self) -> bool:
        return self.status in FINAL


@dataclass(frozen=True, slots=True)
class Event:
    """One status change of a transaction; ``old_status`` is None for the row's creation.
    ``seq`` numbers the changes of one transaction from 1."""

    seq: int
    reference: str
    at: datetime
    old_status: str | None
    new_status: str
    source: str
    payload: Any


@dataclass(frozen=True, slots=True)
class Balance:
    """One account's line of an Account Balance result (amounts in shillings, to the cent)."""

    reference: str | None
    recorded_at: datetime
    account: str
    currency: str
    current: Decimal | None
    available: Decimal | None
    reserved: Decimal | None
    uncleared: Decimal | None
