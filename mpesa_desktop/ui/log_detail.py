"""The detail pane of the transaction log: one transaction's fields, history and raw payloads.

``LogDetail`` shows what the log knows about the selected row: the amount and status as a title,
its parties, Daraja's ids, receipt and result, then every status change (time, old -> new,
source), and, folded away under a toggle, the request body (secrets already removed by the
ledger) and the raw payload of each event. The events are read by the tab in the worker and
handed to ``show_events``; this widget does no I/O. Its words are in the window's language
(context ``Log``) and switch live; the payloads and what Daraja said are data, shown as they are.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.kenya import format_kes
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, on_language_change, show_text, translate
from mpesa_desktop.ui.log_labels import (
    local_time,
    operation_label,
    party_of,
    status_colours,
    status_label,
)
from mpesa_desktop.ui.look import HINT_COLOUR, PlainLabel, text_colour

FIELDS = (
    ("reference", QT_TRANSLATE_NOOP("Log", "Reference")),
    ("created_at", QT_TRANSLATE_NOOP("Log", "Created")),
    ("updated_at", QT_TRANSLATE_NOOP("Log", "Updated")),
    ("party_a", QT_TRANSLATE_NOOP("Log", "From")),
    ("party_b", QT_TRANSLATE_NOOP("Log", "To")),
    ("phone", QT_TRANSLATE_NOOP("Log", "Phone")),
    ("counterparty", QT_TRANSLATE_NOOP("Log", "Name")),
    ("account_reference", QT_TRANSLATE_NOOP("Log", "Account ref.")),
    ("remarks", QT_TRANSLATE_NOOP("Log", "Remarks")),
    ("receipt", QT_TRANSLATE_NOOP("Log", "Receipt")),
    ("result", QT_TRANSLATE_NOOP("Log", "Result")),
    ("originator_conversation_id", QT_TRANSLATE_NOOP("Log", "Originator conv. ID")),
    ("conversation_id", QT_TRANSLATE_NOOP("Log", "Conversation ID")),
    ("checkout_request_id", QT_TRANSLATE_NOOP("Log", "Checkout request ID")),
    ("operator", QT_TRANSLATE_NOOP("Log", "Operator")),
)
HISTORY_COLUMNS = (QT_TRANSLATE_NOOP("Log", "Time (EAT)"), QT_TRANSLATE_NOOP("Log", "Change"),
                   QT_TRANSLATE_NOOP("Log", "Source"))


def _when(value: Any) -> str:
    moment = local_time(value)
    return moment.strftime("%Y-%m-%d %H:%M:%S EAT") if moment else ""


def _field_text(transaction: Any, name: str) -> str:
    if name in ("created_at", "updated_at"):
        return _when(getattr(transaction, name, None))
    if name == "result":
        desc = transaction.result_desc or ""
        code = transaction.result_code
        return (translate("Log", "{result} (code {code})").fill(result=desc, code=code)
                if code not in (None, "") else desc)
    value = getattr(transaction, name, None)
    return "" if value is None else str(value)


def _pretty(payload: Any) -> str:
    if payload in (None, "", {}):
        return ""
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except ValueError:
            return payload
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True)


class LogDetail(QFrame):
    """Everything the log knows about one transaction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logDetail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(340)
        self._transaction: Any = None
        self._events: list[Any] = []  # the history of the transaction on show
        self._empty = False

        self.title = PlainLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.title.setWordWrap(True)
        self.status = PlainLabel(self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.hide()

        self._form = QFormLayout()
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._form.setHorizontalSpacing(10)
        self._form.setVerticalSpacing(3)
        self._values: dict[str, QLabel] = {}
        for name, label in FIELDS:
            value = PlainLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            # A long id (a CheckoutRequestID has no space to wrap at) is cut at the pane's edge,
            # never its caption: the whole value is in its tooltip and in what is copied.
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            caption = PlainLabel(self)
            show_text(caption, "setText", translate("Log", "{field}:").fill(
                field=translate("Log", label)))
            text_colour(caption, HINT_COLOUR)
            caption.setMinimumWidth(caption.sizeHint().width())
            self._form.addRow(caption, value)
            self._values[name] = value

        history_label = PlainLabel(self)
        show_text(history_label, "setText", translate("Log", "History"))
        history_label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        self.history = QTreeWidget(self)
        self.history.setRootIsDecorated(False)
        show_text(self.history, "setAccessibleName", translate("Log", "History"))

        self.history.setAlternatingRowColors(True)
        self.history.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setStretchLastSection(True)
        self.history.setMinimumHeight(90)

        self.raw_toggle = QToolButton(self)
        show_text(self.raw_toggle, "setText", translate("Log", "Raw payloads"))
        self.raw_toggle.setCheckable(True)
        self.raw_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.raw_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.raw_toggle.setAutoRaise(True)
        self.raw_toggle.toggled.connect(self._fold)
        self.raw = QPlainTextEdit(self)
        self.raw.setReadOnly(True)
        self.raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        show_text(self.raw, "setPlaceholderText", translate(
            "Log", "No request body or callback payload is recorded for this row."))
        self.raw.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.status, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self._form)
        layout.addWidget(history_label)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.raw_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.raw, 2)
        self.show_transaction(None)
        self._retranslate()
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """The headings, and the row on show, in the window's language."""
        self.history.setHeaderLabels([translate("Log", text) for text in HISTORY_COLUMNS])
        transaction, events = self._transaction, self._events
        self._transaction, self._empty = None, False
        self.show_transaction(transaction)
        if transaction is not None:
            self.show_events(transaction.reference, events)

    @property
    def transaction(self) -> Any:
        """The transaction on show, or None."""
        return self._transaction

    def show_transaction(self, transaction: Any) -> None:
        """Show ``transaction``'s fields (None: an empty pane); the history follows later."""
        if transaction is None and self._empty:
            return  # already empty (every new filter clears the selection)
        self._empty = transaction is None
        same = (
            transaction is not None
            and self._transaction is not None
            and transaction.reference == self._transaction.reference
        )
        self._transaction = transaction
        if transaction is None:
            self.title.setText(translate("Log", "Select a transaction to see its details"))
            self.status.hide()
        else:
            amount = format_kes(transaction.amount) if transaction.amount is not None else ""
            parts = (operation_label(transaction.operation), amount, party_of(transaction))
            self.title.setText(" · ".join(part for part in parts if part))
            background, foreground = status_colours(transaction.status)
            self.status.setText(status_label(transaction.status))
            self.status.setStyleSheet(
                f"background: {background.name()}; color: {foreground.name()};"
                " border-radius: 9px; padding: 2px 12px; font-weight: 600;"
            )
            self.status.show()
        for name, value in self._values.items():
            text = _field_text(transaction, name) if transaction is not None else ""
            value.setText(text)
            value.setToolTip(text)
            self._form.setRowVisible(value, bool(text))
        if not same:
            self._events = []
            self.history.clear()
            self.raw.setPlainText(self._request_text())

    def show_events(self, reference: str, events: list[Any]) -> None:
        """Fill the history and the raw payloads, if ``reference`` is still on show."""
        if self._transaction is None or self._transaction.reference != reference:
            return
        self._events = events
        self.history.clear()
        raw = [self._request_text()]
        for event in events:
            old = status_label(event.old_status) if event.old_status else translate("Log", "new")
            change = f"{old} → {status_label(event.new_status)}"
            source = translate("Source", event.source)
            item = QTreeWidgetItem([_when(event.at), change, source])
            item.setForeground(1, status_colours(event.new_status)[1])
            self.history.addTopLevelItem(item)
            payload = _pretty(event.payload)
            if payload:
                raw.append(f"── {_when(event.at)} · {change} ({source})\n{payload}")
        self.raw.setPlainText("\n\n".join(part for part in raw if part))

    def _request_text(self) -> str:
        if self._transaction is None:
            return ""
        body = _pretty(getattr(self._transaction, "request_body", None))
        heading = translate("Log", "Request (secrets removed)")
        return f"── {heading}\n{body}" if body else ""

    def _fold(self, unfolded: bool) -> None:
        self.raw_toggle.setArrowType(
            Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow
        )
        self.raw.setVisible(unfolded)
