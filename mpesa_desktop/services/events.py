"""The one stream of status-change events the services publish to both faces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mpesa_desktop.catalogue import ASKS_ABOUT_ANOTHER, Op
from mpesa_desktop.ledger import Filters, Ledger

STATUS_CHECK = Op.TRANSACTION_STATUS.value


@dataclass(frozen=True)
class StatusChange:
    """A ledger row changed status: ``transaction`` is the row after the change.

    ``old`` is None for a newly written row. ``subject``: for a status check (the poller's or a
    clerk's), the payment it asks about when the log has it, so a notice can name the payment
    rather than the check (see ``subject_of``); None otherwise.
    """

    transaction: Any
    old: str | None
    new: str
    subject: Any = None


def subject_of(ledger: Ledger, row: Any) -> Any:
    """The row a status check asks about, or None (not a status check, or not in the log).

    A status check keeps what it asks by in ``account_reference``: the payment's
    OriginatorConversationID (the poller) or its receipt (a clerk's check of a finished one).
    Blocking: call it where the ledger is written, never on a GUI thread."""
    asked = row.account_reference if row.operation == STATUS_CHECK else None
    if not asked:
        return None
    found = ledger.find(originator_conversation_id=asked)
    if found is None:
        found = next((candidate for candidate in ledger.query(Filters(receipt=asked), limit=5)
                      if candidate.operation not in ASKS_ABOUT_ANOTHER), None)
    return found if found is not None and found.reference != row.reference else None
