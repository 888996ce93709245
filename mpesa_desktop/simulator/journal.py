"""The transactions the simulator executed, findable by receipt, conversation or checkout id.

This is what ``Simulator.transactions()`` and ``GET /admin/transactions`` show: one entry per
accepted request that does something (payments, balance and status queries), never requests
Daraja refused synchronously. Entries added or marked ``changed`` since the last
``take_changed()`` are what the next checkpoint saves (``state.SimulatorState.checkpoint``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mpesa_desktop.kenya import EAT


def eat_now() -> datetime:
    return datetime.now(UTC).astimezone(EAT)


@dataclass
class Transaction:
    """status: ``pending`` (STK prompt or C2B still open), ``completed`` or ``failed``."""

    id: str
    operation: str
    status: str = "pending"
    command_id: str | None = None
    amount: float | None = None
    party_a: str | None = None
    party_b: str | None = None
    phone: str | None = None
    account_reference: str | None = None
    originator_conversation_id: str | None = None
    conversation_id: str | None = None
    checkout_request_id: str | None = None
    merchant_request_id: str | None = None
    receipt: str | None = None
    result_code: int | str | None = None
    result_desc: str | None = None
    charge: float = 0.0
    credited_shortcode: str | None = None
    reversed_by: str | None = None
    original_receipt: str | None = None
    created_at: datetime = field(default_factory=eat_now)
    completed_at: datetime | None = None

    @property
    def reversible(self) -> bool:
        return self.operation in ("stk_push", "c2b_simulate") and self.status == "completed"

    def finish(self, result_code: int | str, result_desc: str) -> None:
        self.result_code = result_code
        self.result_desc = result_desc
        self.status = "completed" if result_code == 0 else "failed"
        self.completed_at = eat_now()

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["created_at"] = self.created_at.isoformat()
        data["completed_at"] = self.completed_at.isoformat() if self.completed_at else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transaction:
        """The transaction ``as_dict`` described."""
        values = dict(data)
        values["created_at"] = datetime.fromisoformat(values["created_at"])
        if values.get("completed_at"):
            values["completed_at"] = datetime.fromisoformat(values["completed_at"])
        return cls(**values)


class Journal:
    def __init__(self) -> None:
        self._entries: list[Transaction] = []
        self._by_originator: dict[str, Transaction] = {}
        self._by_checkout: dict[str, Transaction] = {}
        self._changed: dict[str, Transaction] = {}

    def add(self, transaction: Transaction) -> Transaction:
        self.restore(transaction)
        self.changed(transaction)
        return transaction

    def restore(self, transaction: Transaction) -> None:
        """Put back a transaction a saved state holds (not a change)."""
        self._entries.append(transaction)
        if transaction.originator_conversation_id:
            self._by_originator.setdefault(transaction.originator_conversation_id, transaction)
        if transaction.checkout_request_id:
            self._by_checkout[transaction.checkout_request_id] = transaction

    def changed(self, transaction: Transaction) -> None:
        """Mark a transaction changed after it was added (settled later, reversed)."""
        self._changed[transaction.id] = transaction

    def take_changed(self) -> list[Transaction]:
        """The transactions added or changed since the last call."""
        changed, self._changed = list(self._changed.values()), {}
        return changed

    def all(self) -> list[Transaction]:
        return list(self._entries)

    def by_receipt(self, receipt: str) -> Transaction | None:
        return next((t for t in self._entries if t.receipt == receipt), None)

    def by_originator(self, originator_conversation_id: str) -> Transaction | None:
        return self._by_originator.get(originator_conversation_id)

    def by_checkout(self, checkout_request_id: str) -> Transaction | None:
        return self._by_checkout.get(checkout_request_id)
