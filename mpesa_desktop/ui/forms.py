"""A reusable validated form whose fields come from the one table of Daraja limits.

Each field is declared with a ``FieldSpec`` (name, optional choices, whether it is a profile
setting shown in the folded "Sender and callbacks" section); its label, counter and rules come
from ``daraja.limits``. While the clerk types, the form shows under each field either the broken
rule or a helpful reading of the value (the normalised phone number, the amount in KES with
thousands separators), a counter on length-limited fields, and enables Send only when ``check()``
finds nothing. Text is never rewritten while typing (Picard's validators plus one ``check()``).

A tab whose choice changes what it sends (Pay a business: a KRA tax payment) calls
``set_operation``: the form then checks against that operation, hides the fields it does not
take, renames fields and shows fixed values (KRA's shortcode) read-only.

Sending: the Send button, Enter or Ctrl+Enter anywhere in the form call ``send()``, which locks
the form *before* emitting ``submitted``; a second click or key press while it is locked does
nothing, so one form can never send twice. The owner calls ``unlock()`` when the request is done
(or the confirmation was cancelled).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.daraja import limits
from mpesa_desktop.ui.field_row import RIGHT_MIDDLE, FieldRow, FieldSpec
from mpesa_desktop.ui.i18n import (
    Translated,
    again,
    on_language_change,
    show_data,
    show_text,
    translate,
)
from mpesa_desktop.ui.keyboard import give_mnemonics
from mpesa_desktop.ui.look import HINT_COLOUR, PlainLabel, text_colour

Check = Callable[[dict[str, str]], dict[str, str]]

RIGHT_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
NOTICE_STYLE = (
    "background: #fdecea; color: #8c1d18; border: 1px solid #f2b8b5;"
    " border-radius: 4px; padding: 8px;"
)


class OperationForm(QWidget):
    """A validated form for one Daraja operation.

    Signals:
        submitted(dict): the form's values (field name -> text), emitted once per ``send()``
            with the form already locked.
    """

    submitted = Signal(dict)

    def __init__(
        self,
        operation: str,
        specs: Sequence[FieldSpec],
        *,
        environment: str = "offline",
        send_text: str = "Send",
        checks: Sequence[Check] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.operation = operation
        self.environment = environment
        self._checks = list(checks)
        self._busy = False
        self._blocked_reason: str | None = None
        self._valid = False
        self._batching = False
        self.rows: dict[str, FieldRow] = {}
        self.row_labels: dict[str, QLabel] = {}
        self._skipped: set[str] = set()  # rows that are not fields of the current operation
        self._hidden: set[str] = set()
        self._fixed: dict[str, str] = {}

        self.notice = PlainLabel(self)
        self.notice.setObjectName("formNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self._main = main = QFormLayout()
        main.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        main.setLabelAlignment(RIGHT_TOP)
        main.setVerticalSpacing(6)
        main.setHorizontalSpacing(14)
        self.advanced_box = QWidget(self)
        advanced = QFormLayout(self.advanced_box)
        advanced.setContentsMargins(0, 4, 0, 0)
        advanced.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        advanced.setLabelAlignment(RIGHT_TOP)
        advanced.setVerticalSpacing(6)
        advanced.setHorizontalSpacing(14)

        for spec in specs:
            row = FieldRow(operation, spec, self.refresh, self)
            self.rows[spec.name] = row
            label = PlainLabel(self._label_text(spec.name), self)
            self.row_labels[spec.name] = label
            label.setBuddy(row.editor)
            label.setMinimumHeight(row.editor.sizeHint().height())
            label.setAlignment(RIGHT_MIDDLE)
            (advanced if spec.advanced else main).addRow(label, row)

        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("advancedToggle")
        self.advanced_toggle.setText(
            translate("Form", "Sender and callbacks (from the profile)"))
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.toggled.connect(self.show_advanced)
        has_advanced = any(spec.advanced for spec in specs)
        self.advanced_toggle.setVisible(has_advanced)
        self.show_advanced(False)

        self._send_source = send_text
        self.send_text = send_text
        self.send_button = QPushButton(send_text, self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setMinimumWidth(160)
        self.send_button.setToolTip("Ctrl+Enter")
        self.send_button.clicked.connect(self.send)
        self.status = PlainLabel(self)
        self.status.setObjectName("formStatus")
        text_colour(self.status, HINT_COLOUR)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.send_button)

        # Tab order follows the screen: main fields, the fold, its fields, then Send.
        chain: list[QWidget] = [row.editor for row in self.rows.values()
                                if not row.spec.advanced]
        chain += [self.advanced_toggle]
        chain += [row.editor for row in self.rows.values() if row.spec.advanced]
        chain += [self.send_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.notice)
        layout.addLayout(main)
        layout.addWidget(self.advanced_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.advanced_box)
        layout.addLayout(buttons)
        self._give_mnemonics()
        self.refresh()
        on_language_change(self._retranslate)

    def _give_mnemonics(self) -> None:
        """Alt+letter for Send, each field (through its label) and the fold, unique here."""
        give_mnemonics([self.send_button, *self.row_labels.values(), self.advanced_toggle])
        self.send_text = self.send_button.text()

    def _label_text(self, name: str) -> str:
        row = self.rows[name]
        optional = not row.rule.required and not row.spec.choices and name not in self._fixed
        if optional:
            return translate("Form", "{label} (optional)").fill(label=row.label_text)
        return row.label_text

    def _retranslate(self) -> None:
        """After a switch of language: labels, fold and Send in it; what was typed stays."""
        for name, row in self.rows.items():
            row.retranslate()
            self.row_labels[name].setText(self._label_text(name))
        self.advanced_toggle.setText(
            translate("Form", "Sender and callbacks (from the profile)"))
        self.send_button.setText(again(self._send_source))
        self._give_mnemonics()
        self.refresh()

    # ---- operation ----

    def set_operation(
        self,
        operation: str,
        *,
        hidden: Sequence[str] = (),
        labels: dict[str, str] | None = None,
        fixed: dict[str, str] | None = None,
    ) -> None:
        """Check and send for ``operation`` from now on.

        ``hidden`` fields are hidden and left out of the values; ``labels`` rename fields;
        ``fixed`` fields show the given value read-only. A field that ``operation`` does not take
        (the choice that switched it) stays on screen but is neither checked nor sent. Fields
        fixed before and not now are emptied; calling it with the form's first operation and no
        options restores the form as it was built.
        """
        labels = labels or {}
        fixed = fixed or {}
        taken = limits.fields_of(operation)
        released = [name for name in self._fixed if name not in fixed]
        self.operation = operation
        self._hidden = set(hidden)
        self._fixed = dict(fixed)
        self._skipped = {name for name in self.rows if name not in taken} | self._hidden
        with self._batch():
            for name, row in self.rows.items():
                if name in taken:
                    row.follow(operation, labels.get(name))
                self.row_labels[name].setText(self._label_text(name))
                row.set_fixed(name in fixed)
                if name in fixed:
                    row.set_value(fixed[name])
                if not row.spec.advanced:
                    self._main.setRowVisible(row, name not in self._hidden)
            self.clear(released)
            self._give_mnemonics()

    # ---- values ----

    def values(self) -> dict[str, str]:
        """Every field of the operation with a value (blank fields are left out so defaults
        apply)."""
        return {name: row.value() for name, row in self.rows.items()
                if row.value() and name not in self._skipped}

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Change many fields, then check and repaint once (the outermost batch does)."""
        outer = self._batching
        self._batching = True
        try:
            yield
        finally:
            self._batching = outer
        self.refresh()

    def set_values(self, values: dict[str, object], *, touched: bool = True) -> None:
        """Fill fields (unknown names are ignored); ``touched`` shows their messages at once."""
        with self._batch():
            for name, value in values.items():
                row = self.rows.get(name)
                if row is not None and name not in self._fixed:
                    row.set_value(value)
                    row.touched = row.touched or touched

    def set_defaults(self, defaults: dict[str, object]) -> None:
        """Put the (new) profile's settings in: the folded profile fields always take them (or
        are emptied when the profile has none); other fields only while the clerk has not
        typed in them."""
        with self._batch():
            for name, row in self.rows.items():
                value = defaults.get(name)
                if name in self._fixed:
                    continue
                if row.spec.advanced or (value not in (None, "") and not row.edited):
                    row.set_value(value)
        self._reveal_settings_errors(self.check())

    def reset(self) -> None:
        """Empty every field the clerk fills in (another profile was opened), then check."""
        self.clear([name for name, row in self.rows.items() if not row.spec.advanced])
        self.set_status("")

    def clear(self, names: Sequence[str]) -> None:
        """Empty the named fields (after a send) and forget that they were touched; fixed
        fields keep their value."""
        with self._batch():
            for name in names:
                row = self.rows[name]
                row.set_value(self._fixed.get(name, ""))
                row.touched = row.edited = False

    # ---- validation ----

    def check(self) -> dict[str, str]:
        """Every broken rule: field name -> short message (empty when the form may be sent)."""
        values = self.values()
        errors: dict[str, str] = {}
        for name, row in self.rows.items():
            if name in self._skipped:
                continue
            message = limits.check_field(
                self.operation, name, row.value(), self.environment, fields=values
            )
            if message:
                errors[name] = message
        for extra in self._checks:
            for name, message in extra(values).items():
                errors.setdefault(name, message)
        return errors

    def refresh(self) -> None:
        """Check every field and repaint the messages, the counters and Send."""
        if self._batching:
            return
        errors = self.check()
        for name, row in self.rows.items():
            row.show_state(errors.get(name))
        self._valid = not errors
        self._paint_send()

    def labels(self) -> dict[str, str]:
        return {name: row.label_text for name, row in self.rows.items()}

    # ---- sending and locking ----

    @property
    def busy(self) -> bool:
        return self._busy

    def send(self) -> bool:
        """Lock the form and emit ``submitted``; False (and nothing emitted) when not allowed."""
        if self._busy or self._blocked_reason:
            return False
        errors = self.check()
        if errors:
            for row in self.rows.values():
                row.touched = True
            self.refresh()
            self._reveal_settings_errors(errors)
            return False
        self._set_busy(True)
        self.submitted.emit(self.values())
        return True

    def _reveal_settings_errors(self, errors: dict[str, str]) -> None:
        """Unfold the profile settings when one of them is wrong, so its message is seen."""
        if any(self.rows[name].spec.advanced for name in errors):
            self.show_advanced(True)

    def unlock(self) -> None:
        """The request finished (or was cancelled): the form may be used again."""
        self._set_busy(False)

    def set_blocked(self, reason: str | None) -> None:
        """Keep Send disabled with ``reason`` shown above the form (e.g. live money is off)."""
        self._blocked_reason = reason
        if reason and not self.notice.styleSheet():
            self.notice.setStyleSheet(NOTICE_STYLE)
        if isinstance(reason, Translated):  # switched with the language
            show_text(self.notice, "setText", reason)
        else:
            show_data(self.notice, "setText", reason or "")
        self.notice.setVisible(bool(reason))
        self._paint_send()

    def set_environment(self, environment: str) -> None:
        if environment != self.environment:
            self.environment = environment
            self.refresh()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def show_advanced(self, shown: bool) -> None:
        self.advanced_toggle.setChecked(shown)
        self.advanced_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self.advanced_box.setVisible(shown)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for row in self.rows.values():
            row.set_locked(busy)
        self._paint_send()

    def _paint_send(self) -> None:
        self.send_button.setEnabled(self._valid and not self._busy and not self._blocked_reason)
        self.send_button.setText(translate("Form", "Sending…") if self._busy else self.send_text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Ctrl+Enter anywhere in the form sends (line edits pass Enter up to us)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.send()
            event.accept()
            return
        super().keyPressEvent(event)
