"""Sending a rejected or failed payment again from its log row (DESIGN 3.4).

``form_values(transaction)`` turns a ledger row back into the form fields of its operation: the
row's request body is the wire body with the secrets removed, so its keys are mapped back to the
snake_case field names through the operation's declaration (``catalogue``; the row's own columns
stand in when no body was recorded).
``ResendBar`` is the strip an operation tab shows above its form while it is in re-send mode:
it says plainly which payment is being sent again and why it failed, with a way out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mpesa_desktop.catalogue import OPERATIONS, PAYOUTS, FieldKind
from mpesa_desktop.ui.i18n import show_text, translate
from mpesa_desktop.ui.log_labels import status_label
from mpesa_desktop.ui.look import PlainLabel, background, emphasise

# The operations the log can send again: the payouts, each from the tab the registry says sends
# it (``ui.tab_registry.handling``: a tax remittance from Pay a business, in its KRA tax mode).
RESENDABLE = PAYOUTS
# Never copied back: a re-send is a new request with its own id; the profile gives the rest.
NOT_COPIED = frozenset({"originator_conversation_id"})
COLUMN_FIELDS = ("amount", "party_b", "account_reference", "remarks")


def wire_fields(operation: str) -> dict[str, str]:
    """Wire key of ``operation``'s request body -> the form field it was sent from (not the
    secrets, the tagged callback URLs nor the request's own id)."""
    declared = OPERATIONS[operation]
    found = {}
    for key, source in declared.wire:
        name = source.removesuffix("?").removesuffix("|null")
        rule = declared.fields.get(name)
        if source.startswith("=") or rule is None or name in NOT_COPIED:
            continue
        if rule.secret or rule.kind in (FieldKind.URL, FieldKind.C2B_URL):
            continue
        found[key] = name
    return found


def form_values(transaction: Any) -> dict[str, object]:
    """The form fields of ``transaction``'s operation, as it was sent."""
    body = transaction.request_body
    if body:
        fields = wire_fields(transaction.operation)
        return {fields[key]: value for key, value in body.items() if key in fields}
    values = {name: getattr(transaction, name) for name in COLUMN_FIELDS}
    return {name: value for name, value in values.items() if value is not None}


def describe(transaction: Any) -> str:
    """"Sending again payment <ref> (failed: <reason>)"."""
    what = translate("Operation", OPERATIONS[transaction.operation].short)
    reason = transaction.result_desc or translate("Resend", "no reason was recorded")
    return translate("Resend", "Sending again {what} {reference} ({status}: {reason})").fill(
        what=what, reference=transaction.reference,
        status=status_label(transaction.status).lower(), reason=reason)


class ResendBar(QFrame):
    """The re-send notice above a form; ``cancelled`` when the clerk leaves re-send mode."""

    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resendBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        background(self, "#fff8e1")
        self.label = PlainLabel(self)
        self.label.setObjectName("resendText")
        self.label.setWordWrap(True)
        emphasise(self.label, "#5d4037")
        hint = PlainLabel(self)
        show_text(hint, "setText", translate(
            "Resend", "Check the details and send: the new payment is linked to the original "
                      "in the log."))
        hint.setWordWrap(True)
        self.cancel_button = QPushButton(self)
        show_text(self.cancel_button, "setText", translate("Resend", "Cancel re-send"))
        self.cancel_button.setObjectName("cancelResend")
        self.cancel_button.clicked.connect(self.cancelled)
        lines = QVBoxLayout()
        lines.setSpacing(2)
        lines.addWidget(self.label)
        lines.addWidget(hint)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addLayout(lines, 1)
        row.addWidget(self.cancel_button)
        self.hide()

    def show_for(self, transaction: Any) -> None:
        self.label.setText(describe(transaction))
        self.show()

