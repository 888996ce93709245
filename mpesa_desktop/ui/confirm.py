"""The confirmation a clerk gives before money moves.

It repeats the amount in figures and in words, the recipient and the purpose, plus what the log
says about it (the payment a refund reverses) and any warning. Every value is shown as plain
text, exactly as it will be sent. In a live profile above the profile's threshold the clerk must
type the amount again before the Confirm button wakes up; it is read by the one strict reader
(``daraja.amounts``), and a line under it says which rule a retyped amount such as ``1500,00``
breaks. When the same payee was paid the same amount a moment ago (``repeat``), the clerk must
also tick "this is a second payment" (``second_payment``: the payment is then sent as a
deliberate repeat, which the submit pipeline otherwise refuses). Cancel is the default button,
so Enter pressed twice never pays by accident. The dialog is opened with ``open()``
(window-modal, not a nested event loop); the caller listens to ``accepted`` / ``rejected``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop import kenya, languages
from mpesa_desktop.daraja.amounts import AmountError, parse_amount
from mpesa_desktop.ui.i18n import (
    current_language,
    error_text,
    name_buttons,
    translate,
)
from mpesa_desktop.ui.keyboard import give_dialog_mnemonics
from mpesa_desktop.ui.look import ERROR_COLOUR, HINT_COLOUR, PlainLabel, text_colour


def amount_in_words(amount: int) -> str:
    """The amount in words in the window's language."""
    return languages.amount_in_words(amount, current_language())


class ConfirmDialog(QDialog):
    """Asks "really pay this?" with everything that matters repeated."""

    def __init__(
        self,
        *,
        title: str,
        action: str,
        amount: int,
        recipient: str,
        purpose: str,
        details: Sequence[tuple[str, str]] = (),
        warnings: Sequence[str] = (),
        repeat: bool = False,
        retype: bool = False,
        live: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.amount = amount
        self.retype = retype

        heading = PlainLabel(action, self)
        heading.setObjectName("confirmHeading")
        heading.setStyleSheet("font-size: 14px; font-weight: bold;")
        figures = PlainLabel(kenya.format_kes(amount), self)
        figures.setObjectName("confirmFigures")
        figures.setStyleSheet("font-size: 26px; font-weight: bold;")
        figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = PlainLabel(amount_in_words(amount).capitalize(), self)
        words.setObjectName("confirmWords")
        words.setWordWrap(True)
        font = QFont(words.font())
        font.setItalic(True)
        words.setFont(font)
        text_colour(words, HINT_COLOUR)  # drawn in the dark and high-contrast palettes too

        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        facts.setHorizontalSpacing(14)
        for label, value in ((translate("ConfirmDialog", "To"), recipient),
                             (translate("ConfirmDialog", "Purpose"), purpose), *details):
            shown = PlainLabel(value or "-", self)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(PlainLabel(f"{label}:", self), shown)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if live:
            warning = PlainLabel(translate("ConfirmDialog", "LIVE - this moves real money"), self)
            warning.setObjectName("confirmLive")
            warning.setAlignment(Qt.AlignmentFlag.AlignCenter)
            warning.setStyleSheet(
                "background: #c62828; color: white; font-weight: bold; padding: 4px;"
            )
            layout.addWidget(warning)
        for text in warnings:
            warning = PlainLabel(text, self)
            warning.setObjectName("confirmWarning")
            warning.setWordWrap(True)
            warning.setStyleSheet("background: #fff3e0; color: #8a3b00; padding: 6px;")
            layout.addWidget(warning)
        layout.addWidget(heading)
        layout.addWidget(figures)
        layout.addWidget(words)
        layout.addWidget(line)
        layout.addLayout(facts)

        self.retype_edit = QLineEdit(self)
        self.retype_edit.setObjectName("retypeAmount")
        self.retype_edit.setPlaceholderText(
            translate("ConfirmDialog", "type the amount again, e.g. 1500"))
        self.retype_edit.setAccessibleName(translate("ConfirmDialog", "Type the amount again"))
        self.retype_edit.textChanged.connect(self._paint)
        # The rule a retyped amount breaks (e.g. "1500,00"), in the words of every other face.
        self.retype_hint = PlainLabel(self)
        self.retype_hint.setObjectName("retypeHint")
        self.retype_hint.setWordWrap(True)
        text_colour(self.retype_hint, ERROR_COLOUR)
        self.retype_hint.hide()
        if retype:
            prompt = PlainLabel(translate(
                "ConfirmDialog", "This is a large live payment. Type the amount again:"), self)
            prompt.setWordWrap(True)
            prompt.setBuddy(self.retype_edit)
            layout.addWidget(prompt)
            layout.addWidget(self.retype_edit)
            layout.addWidget(self.retype_hint)
        else:
            self.retype_edit.hide()

        self.repeat = repeat
        self.repeat_box = QCheckBox(
            translate("ConfirmDialog", "Yes, this is a &second payment to this payee"), self)
        self.repeat_box.setObjectName("confirmRepeat")
        self.repeat_box.toggled.connect(self._paint)
        if repeat:
            layout.addWidget(self.repeat_box)
        else:
            self.repeat_box.hide()

        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button: QPushButton = self.buttons.addButton(
            f"{action.split()[0]} {kenya.format_kes(amount)}",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        name_buttons(self.buttons)
        give_dialog_mnemonics(self)
        self._paint()
        (self.retype_edit if retype else self.cancel_button).setFocus()

    @property
    def confirmed_amount(self) -> int | None:
        """The retyped amount (an int) when one was asked for and typed, else None."""
        if not self.retype:
            return None
        try:
            return parse_amount(self.retype_edit.text())
        except AmountError:
            return None

    @property
    def second_payment(self) -> bool:
        """True when the clerk was asked and ticked "this is a second payment"."""
        return self.repeat and self.repeat_box.isChecked()

    def _paint(self) -> None:
        text = self.retype_edit.text().strip()
        try:
            typed, problem = (parse_amount(text) if text else None), ""
        except AmountError as error:
            problem = translate("ConfirmDialog", "Amount again {rule}").fill(
                rule=error_text(error))
            typed = None
        self.retype_hint.setText(problem)
        self.retype_hint.setVisible(bool(problem))
        retyped = not self.retype or typed == self.amount
        self.confirm_button.setEnabled(retyped and (not self.repeat or self.repeat_box.isChecked()))

