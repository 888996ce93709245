"""Non-modal notices of status changes, e.g. "KES 1,500 to 2547•••149 completed, receipt QKJ3...".

``notice_text(transaction, new_status, subject)`` says in one line what happened to a
transaction, with phone numbers masked (the notice may be seen over a clerk's shoulder); it
returns None for changes that need no notice (a request merely accepted, a form's own rejection).
A status check (the poller's or a clerk's) is named by the payment it asks about, its
``subject``: "Status check of KES 1,500 to 2547•••149 failed: ...", never by a reference.

``NoticeArea`` stacks those lines in the bottom-right corner of the window; each notice closes by
itself after a while or with its close button, and none takes the keyboard focus. The main
window lays the area out under its tabs (it never floats over a form: the tabs make room while
notices show) and connects its status-change signal to ``NoticeArea.show_change``.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from mpesa_desktop.catalogue import OPERATIONS, Key, Money, Op
from mpesa_desktop.kenya import format_kes
from mpesa_desktop.ledger import INCOMING_OPERATION
from mpesa_desktop.ui.i18n import announce, translate
from mpesa_desktop.ui.log_labels import status_colours
from mpesa_desktop.ui.look import PlainLabel

NOTICE_STATUSES = ("completed", "failed", "timed_out", "unknown")
NOTICE_TIMEOUT_MS = 8000
MAX_NOTICES = 4
NOTICE_TEXT_WIDTH = 380
_PHONE = re.compile(r"^\+?\d{9,15}$")


def mask_phone(value: str | None) -> str:
    """``254708374149`` -> ``2547•••149``; shortcodes and names are left as they are."""
    if not value:
        return ""
    text = value.strip()
    if not _PHONE.match(text) or len(text.lstrip("+")) < 10:
        return text
    return f"{text[:4]}•••{text[-3:]}"


def _money(transaction: Any) -> str:
    return format_kes(transaction.amount) if transaction.amount is not None else ""


def _what(transaction: Any) -> str:
    """Which payment or request this is, as the subject of a sentence (not yet capitalised)."""
    operation = transaction.operation
    amount = _money(transaction)
    if operation == INCOMING_OPERATION:
        return _from(amount, transaction.phone or transaction.party_a)
    declared = OPERATIONS.get(operation)
    if declared is None:
        return operation.replace("_", " ")
    if declared.pays_a_phone:
        return translate("Notices", "{amount} to {phone}").fill(
            amount=amount, phone=mask_phone(transaction.phone or transaction.party_b))
    if declared.key is Key.PAYMENT:
        return translate("Notices", "{amount} to business {shortcode}").fill(
            amount=amount, shortcode=transaction.party_b or "").strip()
    if declared.key is Key.RECEIPT:
        short = translate("Operation", declared.short)
        if not amount:
            return short
        return translate("Notices", "{short} of {amount}").fill(short=short, amount=amount)
    if declared.money is Money.IN:
        return translate("Notices", "{short} of {amount} from {phone}").fill(
            short=translate("Operation", declared.short), amount=amount,
            phone=mask_phone(transaction.phone))
    if operation == Op.C2B_SIMULATE:
        return _from(amount, transaction.phone or transaction.party_a)
    return translate("Operation", declared.noun)


def _from(amount: str, phone: str | None) -> str:
    return translate("Notices", "{amount} from {phone}").fill(amount=amount,
                                                              phone=mask_phone(phone))


def notice_text(transaction: Any, new_status: str, subject: Any = None) -> str | None:
    """One line for a status change worth telling the clerk about, or None. ``subject``: the
    payment a status check asks about (``StatusChange.subject``)."""
    if new_status not in NOTICE_STATUSES:
        return None
    what = _what(transaction)
    if subject is not None:
        what = translate("Notices", "{what} of {subject}").fill(what=what, subject=_what(subject))
    what = what[:1].upper() + what[1:]
    if new_status == "completed":
        if transaction.receipt:
            return translate("Notices", "{what} completed, receipt {receipt}").fill(
                what=what, receipt=transaction.receipt)
        return translate("Notices", "{what} completed").fill(what=what)
    if new_status == "failed":
        if transaction.result_desc:
            return translate("Notices", "{what} failed: {reason}").fill(
                what=what, reason=transaction.result_desc)
        return translate("Notices", "{what} failed").fill(what=what)
    if new_status == "timed_out":
        return translate("Notices", "{what} timed out at Safaricom; a status check will "
                                    "settle it").fill(what=what)
    return translate("Notices", "{what}: outcome unknown; check its status before any "
                                "retry").fill(what=what)


class Notice(QFrame):
    """One notice: a coloured edge for the status, the sentence, and a close button.

    Signal ``dismissed()``: the clerk clicked the close button.
    """

    dismissed = Signal()

    def __init__(self, text: str, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        background, foreground = status_colours(status)
        self.setObjectName("notice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(
            f"QFrame#notice {{ background: {background.name()}; border: 1px solid #cfd8dc;"
            f" border-left: 5px solid {foreground.name()}; border-radius: 4px; }}"
            f" QLabel {{ color: #212121; background: transparent; border: none; }}"
        )
        self.label = PlainLabel(text, self)
        self.label.setWordWrap(True)
        # A wrapped label only knows its height for a given width, which a floating stack
        # never gives it: fix the width and the height it needs for it.
        self.label.setFixedWidth(NOTICE_TEXT_WIDTH)
        self.label.setMinimumHeight(self.label.heightForWidth(NOTICE_TEXT_WIDTH))
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.setToolTip(translate("Notices", "Dismiss"))
        close.setAccessibleName(translate("Notices", "Dismiss"))
        close.clicked.connect(self.dismissed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(text)
        announce(self, text)


class NoticeArea(QWidget):
    """A stack of notices, hidden (taking no room) while there are none; never modal."""

    def __init__(
        self, parent: QWidget, *, timeout_ms: int = NOTICE_TIMEOUT_MS, limit: int = MAX_NOTICES
    ) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
        self._limit = limit
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 12, 8)
        self._layout.setSpacing(6)
        self.hide()

    def notices(self) -> list[Notice]:
        """The notices on screen, oldest first."""
        found = (item.widget() for i in range(self._layout.count())
                 if (item := self._layout.itemAt(i)) is not None)
        return [notice for notice in found if isinstance(notice, Notice)]

    def texts(self) -> list[str]:
        """The sentences on screen, oldest first."""
        return [notice.label.text() for notice in self.notices()]

    def show_change(self, change: Any) -> None:
        """Show a notice for a ``StatusChange`` when it is worth one."""
        if change.old == change.new:
            return
        text = notice_text(change.transaction, change.new, change.subject)
        if text:
            self.show_text(text, change.new)

    def show_text(self, text: str, status: str) -> Notice:
        """Add a notice; the oldest goes when there are too many."""
        while len(self.notices()) >= self._limit:
            self._remove(self.notices()[0])
        notice = Notice(text, status, self)
        notice.dismissed.connect(lambda: self._remove(notice))
        self._layout.addWidget(notice)
        QTimer.singleShot(self._timeout_ms, notice, lambda: self._remove(notice))
        self.show()
        return notice

    def _remove(self, notice: Notice) -> None:
        if notice not in self.notices():
            return
        self._layout.removeWidget(notice)
        notice.hide()
        notice.deleteLater()
        if not self.notices():
            self.hide()
