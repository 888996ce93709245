"""The "Resolve…" dialog of the transaction log: a person settles a payout whose outcome is
unknown, after checking it elsewhere (the M-Pesa portal or statement, the customer).

It names the payout (plain text), asks what happened (paid / not paid), the M-Pesa receipt when
paid, and a written reason, which the row's history keeps. The fields are checked as they are
typed with the same rule the service applies (``services.resolve.check_resolution``), and
Resolve wakes up only when they pass; Cancel is the default button. Opened with ``open()``
(window-modal); the caller reads ``values()`` on ``accepted`` and calls ``services.resolve``.
Its words are in the window's language (context ``Log``), and so is the rule a field breaks
(the service's sentence, a core message).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.kenya import format_kes
from mpesa_desktop.services.resolve import check_resolution
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, core_text, name_buttons, translate
from mpesa_desktop.ui.keyboard import give_dialog_mnemonics
from mpesa_desktop.ui.log_labels import operation_label, party_of
from mpesa_desktop.ui.look import ERROR_COLOUR, HINT_COLOUR, PlainLabel, text_colour

OUTCOME_LABELS = (("completed", QT_TRANSLATE_NOOP("Log", "It was paid (completed)")),
                  ("failed", QT_TRANSLATE_NOOP("Log", "It was not paid (failed)")))
# The fields a rule can name (``check_resolution``'s keys), as the clerk reads them.
FIELD_NAMES = {"receipt": QT_TRANSLATE_NOOP("Log", "Receipt"),
               "reason": QT_TRANSLATE_NOOP("Log", "Reason")}


class ResolveDialog(QDialog):
    """Settle ``transaction`` (an unknown payout) by hand."""

    def __init__(self, transaction: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setWindowTitle(translate("Log", "Resolve a payment whose outcome is unknown"))
        self.setMinimumWidth(460)
        self.transaction = transaction
        amount = format_kes(transaction.amount) if transaction.amount is not None else ""
        what = " · ".join(part for part in (operation_label(transaction.operation), amount,
                                             party_of(transaction)) if part)
        heading = PlainLabel(what, self)
        heading.setWordWrap(True)
        explanation = PlainLabel(translate(
            "Log", "{reference}: M-Pesa has not told the app what happened to this payment. "
                   "Check it in the M-Pesa portal or statement, then say what you found.").fill(
            reference=transaction.reference), self)
        explanation.setWordWrap(True)

        self.outcomes = QButtonGroup(self)
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for status, label in OUTCOME_LABELS:
            button = QRadioButton(translate("Log", label), self)
            self.outcomes.addButton(button)
            self.outcome_buttons[status] = button
        self.receipt = QLineEdit(self)
        self.receipt.setPlaceholderText(translate("Log", "e.g. {receipt}").fill(
            receipt="SG632NMUAB"))
        self.receipt.setAccessibleName(translate("Log", "M-Pesa receipt"))
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(translate("Log", "What you checked, and where (required)"))
        self.reason.setAccessibleName(translate("Log", "Reason"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.problem = PlainLabel("", self)
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow(translate("Log", "What happened:"), self.outcome_buttons["completed"])
        form.addRow("", self.outcome_buttons["failed"])
        form.addRow(translate("Log", "&Receipt:"), self.receipt)
        form.addRow(translate("Log", "Rea&son:"), self.reason)

        self.buttons = QDialogButtonBox(self)
        self.resolve_button = self.buttons.addButton(translate("Log", "Resolve"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons)
        cancel.setDefault(True)
        self.resolve_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.outcomes.buttonToggled.connect(self._check)
        self.receipt.textChanged.connect(self._check)
        self.reason.textChanged.connect(self._check)
        self._check()
        give_dialog_mnemonics(self)  # unique letters in either language, the buttons' first

    def status(self) -> str:
        """The outcome chosen ("completed", "failed") or "" before a choice."""
        return next((status for status, button in self.outcome_buttons.items()
                     if button.isChecked()), "")

    def values(self) -> tuple[str, str, str | None]:
        """``(status, reason, receipt)`` as checked (call it once the dialog is accepted)."""
        return check_resolution(self.status(), self.reason.toPlainText(),
                                self.receipt.text() or None)

    def _check(self, *_changed: object) -> None:
        paid = self.status() == "completed"
        self.receipt.setEnabled(paid)
        if not paid and self.receipt.text():
            self.receipt.clear()  # re-enters _check
            return
        try:
            check_resolution(self.status(), self.reason.toPlainText(),
                             self.receipt.text() or None)
        except ValidationError as error:
            self.resolve_button.setEnabled(False)
            first = next(iter(error.errors.items()))
            hint = (translate("Log", "Choose what happened.") if first[0] == "status"
                    else translate("Form", "{field} {rule}").fill(
                        field=translate("Log", FIELD_NAMES[first[0]]),
                        rule=core_text(first[1])) + ".")
            self.problem.setText(hint)
            text_colour(self.problem, HINT_COLOUR if first[0] != "receipt" else ERROR_COLOUR)
            return
        self.resolve_button.setEnabled(True)
        self.problem.setText(translate("Log", "The reason is kept in the payment's history."))
        text_colour(self.problem, HINT_COLOUR)
