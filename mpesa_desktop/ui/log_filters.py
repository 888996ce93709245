"""The filter bar of the transaction log: date range, operation, status and one search box.

``LogFilterBar`` turns what the clerk set into the ledger's ``Filters``. The search box takes a
phone number (any Kenyan form), a receipt (ten letters and digits) or free text, and says which
it understood. Edits are debounced so typing does not query the log on every key.

Signal:
    changed(): the filters changed (after a short pause in typing; at once on Enter or Clear).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from mpesa_desktop.ledger import INCOMING_OPERATION, Filters
from mpesa_desktop.ledger.queries import MIN_INDEXED_TEXT
from mpesa_desktop.ui.log_labels import OPERATION_LABELS, STATUS_LABELS

FILTER_DELAY_MS = 250
ANY_DATE = QDate(2000, 1, 1)
OPERATIONS = ("b2c", "b2b", "stk_push", INCOMING_OPERATION, "reversal", "account_balance",
              "transaction_status", "tax_remittance", "c2b_register", "c2b_simulate")
STATUS_CHOICES = (
    ("All statuses", None),
    ("Needs attention", "timed_out,unknown"),
    ("In flight", "sending,accepted,timed_out,unknown"),
    *((label, name) for name, label in STATUS_LABELS.items()),
)
_PHONE = re.compile(r"^(?:\+?254|0)?[17]\d{8}$")
_RECEIPT = re.compile(r"^(?=.*[A-Z])(?=.*\d)[A-Z0-9]{10}$")


def search_filters(text: str) -> dict[str, str]:
    """What the search box means: a phone number, a receipt, or free text (of at least
    MIN_INDEXED_TEXT characters: anything shorter searches nothing yet)."""
    text = text.strip()
    if not text:
        return {}
    compact = re.sub(r"[\s\-()]", "", text)
    if _PHONE.match(compact):
        return {"phone": compact}
    if _RECEIPT.match(text.upper()):
        return {"receipt": text.upper()}
    if len(text) < MIN_INDEXED_TEXT:
        return {}
    return {"text": text}


def date_edit(parent: QWidget, value: QDate = ANY_DATE) -> QDateEdit:
    """A date field with a calendar whose lowest value reads "Any date" (no bound)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("Any date")
    edit.setDate(value)
    return edit


class LogFilterBar(QWidget):
    """From/To dates, operation, status and the search box, as ``Filters``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = date_edit(self)
        self.date_to = date_edit(self)
        self.operation = QComboBox(self)
        self.operation.addItem("All operations", None)
        for name in OPERATIONS:
            self.operation.addItem(OPERATION_LABELS.get(name, name), name)
        self.status = QComboBox(self)
        for label, value in STATUS_CHOICES:
            self.status.addItem(label, value)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Phone, receipt or text  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (("From", self.date_from), ("To", self.date_to)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.operation)
        layout.addWidget(self.status)
        layout.addWidget(self.search, 1)

        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._timer.start)
        self.operation.currentIndexChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self._timer.start)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_now)

    def filters(self) -> Filters:
        """The filters the bar shows now."""
        start, end = self.date_from.date(), self.date_to.date()
        return Filters(
            date_from=None if start == ANY_DATE else start.toPython(),
            date_to=None if end == ANY_DATE else end.toPython(),
            operation=self.operation.currentData(),
            status=self.status.currentData(),
            **search_filters(self.search.text()),
        )

    def understood(self) -> str:
        """How the search box was read, e.g. "phone 0712345678" ("" when empty)."""
        meaning = search_filters(self.search.text())
        if not meaning and self.search.text().strip():
            return f"type at least {MIN_INDEXED_TEXT} characters to search"
        return ", ".join(f"{key} {value}" for key, value in meaning.items())

    def cancel_pending(self) -> None:
        """Drop a change not yet announced (the caller applies the filters now)."""
        self._timer.stop()

    def apply_now(self) -> None:
        """Say the filters changed without waiting for the pause in typing."""
        self._timer.stop()
        self.changed.emit()

    def clear(self) -> None:
        """Back to the whole log (one ``changed``)."""
        widgets = (self.date_from, self.date_to, self.operation, self.status, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        self.date_from.setDate(ANY_DATE)
        self.date_to.setDate(ANY_DATE)
        self.operation.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_now()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected (Ctrl+F)."""
        self.search.setFocus()
        self.search.selectAll()
