"""No payout twice: the duplicate guard of the submit pipeline (DESIGN.md section 3.4).

A payout or reversal is identified by its operation, parties and amount (a reversal by the
receipt it reverses). A second one is refused while an identical one is

- in flight in this process (a double click: the twin has not reached the ledger yet), or
- in the ledger as ``sending``, ``accepted``, ``timed_out`` or ``unknown``.

``reserve`` is synchronous and takes a thread lock, so two submits racing on the same loop (or on
two loops) cannot both pass; the reservation is released once the request's outcome is recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

from mpesa_desktop.services.errors import DuplicateError

GUARDED_OPERATIONS = frozenset({"b2c", "b2b", "tax_remittance", "reversal"})
DUPLICATE_MESSAGE = (
    "An identical {what} is already {where}; it was not sent again. Wait for its result "
    "(or check its status) before paying again."
)


def duplicate_key(operation: str, fields: dict[str, Any]) -> Hashable | None:
    """What makes two submissions the same payment; None for operations that are not guarded.

    STK pushes are keyed too, for the in-process guard only (a double click on "Request
    payment"); Daraja itself refuses a second identical push within two minutes.
    """
    if operation == "reversal":
        return (operation, fields.get("transaction_id"))
    if operation == "stk_push":
        return (operation, fields.get("phone_number"), fields.get("amount"))
    if operation in GUARDED_OPERATIONS:
        return (operation, fields.get("party_a"), fields.get("party_b"), fields.get("amount"))
    return None


def ledger_twin(ledger: Any, operation: str, columns: dict[str, Any]) -> Any | None:
    """An in-flight ledger row identical to the new payment (its ledger ``columns``), or None."""
    if operation == "reversal":
        rows = ledger.in_flight(operation, account_reference=columns.get("account_reference"))
    else:
        rows = ledger.in_flight(operation, party_a=columns.get("party_a"),
                                party_b=columns.get("party_b"), amount=columns.get("amount"))
    return rows[0] if rows else None


class InFlight:
    """The payments being submitted by this process right now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: set[Hashable] = set()

    def reserve(self, key: Hashable | None, what: str) -> None:
        """Claim ``key``; DuplicateError if another submit holds it. None keys always pass."""
        if key is None:
            return
        with self._lock:
            if key in self._keys:
                raise DuplicateError(DUPLICATE_MESSAGE.format(what=what, where="being sent"))
            self._keys.add(key)

    def release(self, key: Hashable | None) -> None:
        if key is None:
            return
        with self._lock:
            self._keys.discard(key)
