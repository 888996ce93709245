"""The clerk's words and colours for the log: statuses, operations, times in Kenyan time.

Shared by the log model, its detail pane, the filter bar and the notices, so a status reads and
looks the same everywhere. The words are declared in English (the ledger's data stays English)
and shown in the window's language: ``status_label`` and ``operation_label`` translate them
(contexts ``Status`` and ``Operation``; ``i18n_sources`` lists them for the .ts). Colours are
soft tints with dark text, readable on plain, alternate and selected rows alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtGui import QColor

from mpesa_desktop.catalogue import OPERATIONS
from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import INCOMING_OPERATION
from mpesa_desktop.ui.i18n import translate

OPERATION_LABELS = {INCOMING_OPERATION: "Payment in",
                    **{name: declared.label for name, declared in OPERATIONS.items()}}

STATUS_LABELS = {
    "draft": "Draft",
    "sending": "Sending",
    "accepted": "Accepted",
    "completed": "Completed",
    "failed": "Failed",
    "timed_out": "Timed out",
    "rejected": "Rejected",
    "unknown": "Unknown",
    "awaiting_approval": "To approve",
    "declined": "Declined",
}

# Background and text colour of each status.
STATUS_COLOURS = {
    "draft": ("#eceff1", "#37474f"),
    "sending": ("#e3f2fd", "#0d47a1"),
    "accepted": ("#e8eaf6", "#283593"),
    "completed": ("#e8f5e9", "#1b5e20"),
    "failed": ("#ffebee", "#b71c1c"),
    "timed_out": ("#fff3e0", "#e65100"),
    "rejected": ("#fce4ec", "#880e4f"),
    "unknown": ("#fff8e1", "#795548"),
    "awaiting_approval": ("#f3e5f5", "#4a148c"),
    "declined": ("#efebe9", "#3e2723"),
}


def status_label(status: str) -> str:
    """The clerk's words for a status, in the window's language."""
    return translate("Status", STATUS_LABELS.get(status, status.replace("_", " ").capitalize()))


def status_colours(status: str) -> tuple[QColor, QColor]:
    """Background and text colour of a status."""
    background, text = STATUS_COLOURS.get(status, ("#eceff1", "#37474f"))
    return QColor(background), QColor(text)


def operation_label(operation: str) -> str:
    """The clerk's words for an internal operation name, in the window's language."""
    return translate("Operation",
                     OPERATION_LABELS.get(operation, operation.replace("_", " ").capitalize()))


def local_time(value: datetime | str | None) -> datetime | None:
    """A ledger timestamp (aware datetime or ISO text, UTC) in East Africa Time."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(EAT)


def party_of(transaction: Any) -> str:
    """The phone number or party the clerk recognises the row by."""
    return transaction.phone or transaction.party_b or transaction.party_a or ""


def name_of(transaction: Any) -> str:
    """The other party's name as M-Pesa gave it ("" when unknown). A payout's result names
    its receiver as "2547XXXXXXXX - NAME": the number is the party already shown."""
    name = (transaction.counterparty or "").strip()
    number, dash, rest = name.partition(" - ")
    return rest.strip() if dash and number.strip().lstrip("+").isdigit() else name


def who_of(transaction: Any) -> str:
    """Who the money went to or came from: the name first, then the phone or party."""
    name, party = name_of(transaction), party_of(transaction)
    return f"{name} · {party}" if name and party and name != party else name or party
