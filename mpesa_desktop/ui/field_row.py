"""One field of an operation form: its spec, its editor, its counter and its message line.

``FieldSpec`` declares a field (its rules come from ``daraja.limits``); ``FieldRow`` shows it and
paints, for the current value, either the rule it breaks or a helpful reading of it (the phone
number as it will be sent, the amount in KES). ``OperationForm`` (``ui.forms``) lays rows out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from mpesa_desktop import kenya
from mpesa_desktop.daraja import limits
from mpesa_desktop.ui.i18n import again, core_text, translate
from mpesa_desktop.ui.look import ERROR_COLOUR, HINT_COLOUR, PlainLabel, text_colour

# Qt enum look-ups are slow in PySide; the ones used per field are looked up once.
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TOP = Qt.AlignmentFlag.AlignTop
MAX_TEXT = 32767  # QLineEdit's own maximum length
MONEY_KINDS = ("amount",)
PHONE_KINDS = ("msisdn",)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form.

    ``choices`` are ``(value, text shown)`` pairs and make a drop-down; ``advanced`` puts the field
    in the folded section of profile settings (shortcodes, initiator, callback URLs);
    ``label`` and ``placeholder`` override what the limits table says.
    """

    name: str
    label: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    advanced: bool = False


class FieldRow(QWidget):
    """The editor of one field, its counter and the message line under it.

    ``on_change()`` is called (a plain call, not a signal) whenever the value changes.
    """

    def __init__(self, operation: str, spec: FieldSpec, on_change: Callable[[], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self._on_change = on_change
        # Profile settings are meant to be prefilled: a missing one is shown at once.
        self.touched = spec.advanced
        self.edited = False  # the clerk typed in it (defaults no longer replace it)
        self.editor: QLineEdit | QComboBox
        if spec.choices:
            combo = QComboBox(self)
            for value, text in spec.choices:
                combo.addItem(translate("Catalogue", text), value)
            combo.activated.connect(self._on_edit)
            combo.currentIndexChanged.connect(lambda _index: self._on_change())
            self.editor = combo
        else:
            line = QLineEdit(self)
            line.setPlaceholderText(translate("Catalogue", spec.placeholder)
                                    if spec.placeholder else "")
            line.textEdited.connect(self._on_edit)
            line.textChanged.connect(lambda _text: self._on_change())
            self.editor = line
        self.editor.setObjectName(f"field_{spec.name}")
        self.editor.setMinimumWidth(260)
        self.counter = PlainLabel(self)
        self.counter.setObjectName(f"counter_{spec.name}")
        text_colour(self.counter, HINT_COLOUR)
        self.counter.setMinimumWidth(56)
        self.counter.setAlignment(RIGHT_MIDDLE)
        self.counter.hide()
        self.follow(operation)
        self.message = PlainLabel(self)
        self.message.setObjectName(f"message_{spec.name}")
        self.message.setWordWrap(True)
        text_colour(self.message, HINT_COLOUR)

        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.message, 1)
        under.addWidget(self.counter, 0, TOP)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.editor)
        column.addLayout(under)

    def follow(self, operation: str, label: str | None = None) -> None:
        """Take this field's rule (and label) in ``operation``: set up at first, and again when
        the form switches operation (Pay a business to KRA tax)."""
        self.rule = limits.rule(operation, self.spec.name)
        self.label_text: str = translate(
            "Catalogue", label or self.spec.label or self.rule.label)
        self.editor.setAccessibleName(self.label_text)
        self.counted = bool(self.rule.max_len) and not self.spec.choices and not self.spec.advanced
        if isinstance(self.editor, QLineEdit):
            # Room past the limit to see the counter go red.
            limit = self.rule.max_len + 20 if self.rule.max_len else MAX_TEXT
            self.editor.setMaxLength(limit)

    def retranslate(self) -> None:
        """After a switch of language: the label, the choices and the message line."""
        self.label_text = again(self.label_text)
        self.editor.setAccessibleName(self.label_text)
        if isinstance(self.editor, QComboBox):
            for index, (_value, text) in enumerate(self.spec.choices):
                self.editor.setItemText(index, translate("Catalogue", text))
        elif self.spec.placeholder:
            self.editor.setPlaceholderText(translate("Catalogue", self.spec.placeholder))

    def _on_edit(self, *_args: object) -> None:
        self.touched = True
        self.edited = True
        self._on_change()

    def value(self) -> str:
        if isinstance(self.editor, QComboBox):
            return str(self.editor.currentData() or "")
        return self.editor.text().strip()

    def set_value(self, value: object) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.editor, QComboBox):
            index = self.editor.findData(text)
            if index >= 0:
                self.editor.setCurrentIndex(index)
        else:
            self.editor.setText(text)

    def show_state(self, error: str | None) -> None:
        """Paint the counter and the message line for the current value."""
        text = self.value()
        if self.counted and self.rule.max_len:
            over = len(text) > self.rule.max_len
            self.counter.setText(f"{len(text)} / {self.rule.max_len}")
            text_colour(self.counter, ERROR_COLOUR if over else HINT_COLOUR)
            self.counter.setVisible(bool(text))
        if error and (self.touched or text):
            self.message.setText(translate("Form", "{field} {rule}").fill(
                field=self.label_text, rule=core_text(error)))
            text_colour(self.message, ERROR_COLOUR)
            self.message.setVisible(True)
            return
        hint = self.reading(text) if not error else ""
        self.message.setText(hint)
        text_colour(self.message, HINT_COLOUR)
        self.message.setVisible(bool(hint))

    def reading(self, text: str) -> str:
        """A helpful reading of a valid value: the phone as sent, the amount in KES."""
        if not text:
            return ""
        if self.rule.kind in PHONE_KINDS:
            sent = kenya.normalise_msisdn(text)
            if sent == text:
                return ""
            return translate("Form", "Sent as {number}").fill(number=sent)
        if self.rule.kind in MONEY_KINDS:
            return kenya.format_kes(limits.normalise_amount(text, self.rule))
        return ""

    def set_locked(self, locked: bool) -> None:
        self.editor.setEnabled(not locked)

    def set_fixed(self, fixed: bool) -> None:
        """A fixed field shows its value read-only (the form sets the value)."""
        if isinstance(self.editor, QLineEdit):
            self.editor.setReadOnly(fixed)
