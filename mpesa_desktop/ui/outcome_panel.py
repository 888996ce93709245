"""The panel under a form that follows the request just sent, live.

It shows the ledger reference, a coloured status (Sending, Accepted, Completed...), what it means
in plain words, the receipt and Daraja's ids; an error's technical details stay folded behind a
"Details" button. ``track(transaction)`` starts following a row; ``apply(change)`` takes every
services ``StatusChange`` and repaints only for the row it follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.daraja.codes import is_success
from mpesa_desktop.kenya import format_kes
from mpesa_desktop.ui.errors import Explanation, result_meaning
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    again,
    announce,
    on_language_change,
    show_text,
    translate,
)
from mpesa_desktop.ui.log_model import status_colours, status_label
from mpesa_desktop.ui.look import PANEL_BACKGROUND, TITLE_COLOUR, PlainLabel, background, emphasise

STATUS_WORDS = {
    "sending": QT_TRANSLATE_NOOP("Outcome", "Sending to M-Pesa…"),
    "accepted": QT_TRANSLATE_NOOP("Outcome",
                                  "M-Pesa accepted the request; waiting for the result."),
    "completed": QT_TRANSLATE_NOOP("Outcome", "Completed."),
    "failed": QT_TRANSLATE_NOOP("Outcome", "Failed."),
    "timed_out": QT_TRANSLATE_NOOP("Outcome",
                                   "Timed out at M-Pesa; a status check will settle it."),
    "rejected": QT_TRANSLATE_NOOP("Outcome", "M-Pesa refused the request; nothing happened."),
    "unknown": QT_TRANSLATE_NOOP("Outcome",
                                 "Outcome unknown: check its status before any retry."),
    "awaiting_approval": QT_TRANSLATE_NOOP("Outcome",
                                           "Waiting for an approver; nothing is sent before."),
    "declined": QT_TRANSLATE_NOOP("Outcome", "Declined by an approver; nothing was sent."),
}


class OutcomePanel(QFrame):
    """What happened to the last request of a tab."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outcomePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        background(self, PANEL_BACKGROUND)
        self.reference: str | None = None
        self.status: str | None = None
        self.history: list[str] = []

        self.title = PlainLabel(self)
        show_text(self.title, "setText", translate("Outcome", "Last request"))
        emphasise(self.title, TITLE_COLOUR)
        self.badge = PlainLabel(self)
        self.badge.setObjectName("statusBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumWidth(96)
        self.badge.hide()
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.badge)

        self.summary = PlainLabel(translate("Outcome", "Nothing sent yet."), self)
        self.summary.setObjectName("outcomeSummary")
        # What the panel shows, to show again in another language: (method, arguments).
        self._shown: tuple[Callable[..., None], tuple[Any, ...]] = (self.reset, ())
        on_language_change(self._retranslate)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.facts.setHorizontalSpacing(14)
        self._fact_labels: dict[str, QLabel] = {}
        for key, label in (
            ("reference", translate("Outcome", "Reference")),
            ("amount", translate("Outcome", "Amount")),
            ("receipt", translate("Outcome", "Receipt")),
            ("conversation", translate("Outcome", "Daraja ID")),
        ):
            value = PlainLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fact_labels[key] = value
            caption = PlainLabel(self)
            show_text(caption, "setText", translate("Outcome", "{fact}:").fill(fact=label))
            self.facts.addRow(caption, value)

        self.details_toggle = QToolButton(self)
        show_text(self.details_toggle, "setText", translate("Outcome", "Details"))
        self.details_toggle.setCheckable(True)
        self.details_toggle.setAutoRaise(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.details_toggle.toggled.connect(self._fold)
        self.details_toggle.hide()
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("outcomeDetails")
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(120)
        self.details.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addLayout(self.facts)
        layout.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        self._show_facts(None)

    # ---- what the tab calls ----

    def add_row(self, row: QHBoxLayout) -> None:
        """Add a tab's own controls (e.g. STK "Check now") at the bottom of the panel."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)

    def _retranslate(self) -> None:
        """After a switch of language: show the same outcome again, in the new one."""
        show, arguments = self._shown
        show(*(again(argument) if isinstance(argument, str) else argument
               for argument in arguments))

    def reset(self) -> None:
        """Forget the last request (another profile was opened)."""
        self._shown = (self.reset, ())
        self.reference = None
        self.status = None
        self.history = []
        self.badge.hide()
        self._say(translate("Outcome", "Nothing sent yet."))
        self._show_facts(None)
        self._set_details("")

    def show_sending(self, what: str) -> None:
        """The request left the form: nothing is known yet but that it is on its way."""
        self._shown = (self.show_sending, (what,))
        self.reference = None
        self.history = ["sending"]
        self._badge("sending")
        self._say(f"{what}\n{translate('Outcome', STATUS_WORDS['sending'])}")
        self._show_facts(None)
        self._set_details("")

    def track(self, transaction: Any) -> None:
        """Follow ``transaction`` (a ledger row) from now on."""
        self.reference = transaction.reference
        self._paint(transaction)

    def apply(self, change: Any) -> None:
        """A services StatusChange: repaint if it concerns the followed row."""
        transaction = change.transaction
        if self.reference is not None and transaction.reference == self.reference:
            self._paint(transaction)

    def show_error(self, explanation: Explanation, transaction: Any | None = None) -> None:
        """The request did not go (or its outcome is unknown): say so in plain words."""
        self._shown = (self.show_error, (explanation, transaction))
        if transaction is not None:
            self.reference = transaction.reference
            self._badge(transaction.status)
            self._show_facts(transaction)
        else:
            self._badge("rejected", translate("Outcome", "Not sent"))
            self._show_facts(None)
        self._say(f"{explanation.headline}\n{explanation.message}")
        self._set_details(explanation.details)

    # ---- painting ----

    def _paint(self, transaction: Any) -> None:
        self._shown = (self._paint, (transaction,))
        status = transaction.status
        if not self.history or self.history[-1] != status:
            self.history.append(status)
        self._badge(status)
        words = (translate("Outcome", STATUS_WORDS[status]) if status in STATUS_WORDS
                 else status_label(status))
        meaning = ""
        if status in ("completed", "failed", "timed_out"):
            meaning = result_meaning(transaction.result_code, transaction.result_desc)
        if status == "completed" and meaning and is_success(transaction.result_code):
            # Success needs no explanation, except the answer a status check brought back.
            asked = transaction.operation == "transaction_status"
            meaning = transaction.result_desc if asked else ""
        self._say(words + (f"\n{meaning}" if meaning else ""))
        self._show_facts(transaction)
        raw = []
        if transaction.result_code not in (None, ""):
            raw.append(translate("Outcome", "Result code: {code}")
                       .fill(code=transaction.result_code))
        if transaction.result_desc:
            raw.append(translate("Outcome", "Daraja says: {words}")
                       .fill(words=transaction.result_desc))
        self._set_details("\n".join(raw))

    def _badge(self, status: str, text: str | None = None) -> None:
        self.status = status
        background, foreground = status_colours(status)
        self.badge.setText(text or status_label(status))
        self.badge.setStyleSheet(
            f"background: {background.name()}; color: {foreground.name()};"
            " border-radius: 9px; padding: 2px 10px; font-weight: bold;"
        )
        self.badge.show()

    def _say(self, text: str) -> None:
        """Show ``text`` as the outcome and announce it to a screen reader (a status change
        is read out without the clerk moving the focus)."""
        self.summary.setText(text)
        announce(self.summary, text)

    def _show_facts(self, transaction: Any | None) -> None:
        values = {
            "reference": getattr(transaction, "reference", None),
            "amount": format_kes(transaction.amount)
            if transaction is not None and transaction.amount is not None
            else None,
            "receipt": getattr(transaction, "receipt", None),
            "conversation": getattr(transaction, "conversation_id", None)
            or getattr(transaction, "checkout_request_id", None),
        }
        for row, (key, value) in enumerate(values.items()):
            self._fact_labels[key].setText(value or "")
            self.facts.setRowVisible(row, bool(value))

    def _set_details(self, text: str) -> None:
        self.details.setPlainText(text)
        self.details_toggle.setVisible(bool(text))
        if not text:
            self.details_toggle.setChecked(False)
        self.details.setVisible(bool(text) and self.details_toggle.isChecked())

    def _fold(self, shown: bool) -> None:
        self.details_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self.details.setVisible(shown)
