"""The actions on the log's selected row, as a panel of buttons beside its detail.

``LogActions(services, bridge, parent)`` shows Check status (a Transaction Status request through
``services.submit``), Refund this (a completed customer payment), Send again… (a rejected or
failed payment or refund), Resolve… (a payout whose outcome is unknown, settled by hand with a
reason: ``ResolveDialog``, then ``services.resolve``) and Copy receipt. ``show_transaction(row)``
tells it the selected row (None: no row), and each button is enabled only where its action
applies to that row. Its words are in the window's language (context ``Log``); what an error
itself says is quoted as it is.

Signals:
    refund_requested(dict): ``{"receipt": str, "amount": int | None, "phone": str | None}`` of
        the row.
    resend_requested(object): the row (a rejected or failed ``Transaction`` of
        ``resend.RESENDABLE``).
    said(str): a sentence for the clerk about an action (sent, resolved, copied, or what failed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from mpesa_desktop.errors import KnownError
from mpesa_desktop.ledger import Transaction
from mpesa_desktop.ledger.statuses import RETRYABLE
from mpesa_desktop.services.poller import STATUS_QUERYABLE, status_query_fields
from mpesa_desktop.services.resolve import resolvable
from mpesa_desktop.services.review import REFUNDABLE_OPERATIONS
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.i18n import show_text, translate
from mpesa_desktop.ui.log_labels import status_label
from mpesa_desktop.ui.resend import RESENDABLE
from mpesa_desktop.ui.resolve_dialog import ResolveDialog

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices

ACTION_COLUMNS = 2  # the buttons wrap so the detail pane stays narrow


class LogActions(QWidget):
    """Check status, Refund this, Send again…, Resolve… and Copy receipt for one row."""

    refund_requested = Signal(dict)
    resend_requested = Signal(object)
    said = Signal(str)

    def __init__(self, services: AppServices, bridge: ServicesBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bridge = bridge
        self.transaction: Transaction | None = None
        self.check_button = QPushButton(self)
        self.refund_button = QPushButton(self)
        self.resend_button = QPushButton(self)
        self.resolve_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        for button, text, tip in (
            (self.check_button, translate("Log", "Check stat&us"),
             translate("Log", "Ask Safaricom what happened to this transaction")),
            (self.refund_button, translate("Log", "&Refund this"),
             translate("Log", "Fill the Refund form with this payment")),
            (self.resend_button, translate("Log", "Send a&gain…"),
             translate("Log", "Fill this payment's form again to re-send it (only a rejected "
                              "or failed one)")),
            (self.resolve_button, translate("Log", "Reso&lve…"),
             translate("Log", "Say what happened to a payment whose outcome is unknown, after "
                              "checking it in the M-Pesa portal (with a written reason)")),
            (self.copy_button, translate("Log", "Cop&y receipt"),
             translate("Log", "Copy the receipt of this payment")),
        ):
            show_text(button, "setText", text)
            show_text(button, "setToolTip", tip)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for number, button in enumerate(self.buttons()):
            layout.addWidget(button, *divmod(number, ACTION_COLUMNS))
        self.check_button.clicked.connect(self.check_status)
        self.refund_button.clicked.connect(self.request_refund)
        self.resend_button.clicked.connect(self.request_resend)
        self.resolve_button.clicked.connect(self.open_resolve)
        self.copy_button.clicked.connect(self.copy_receipt)
        self._update()

    def buttons(self) -> tuple[QPushButton, ...]:
        """The buttons in the order Tab reaches them."""
        return (self.check_button, self.refund_button, self.resend_button,
                self.resolve_button, self.copy_button)

    def show_transaction(self, transaction: Transaction | None) -> None:
        """Act on ``transaction`` (the selected row, or None) from now on."""
        self.transaction = transaction
        self._update()

    def _update(self) -> None:
        transaction = self.transaction
        if transaction is None:
            for button in self.buttons():
                button.setEnabled(False)
            return
        queryable = transaction.operation in STATUS_QUERYABLE
        self.check_button.setEnabled(bool(
            transaction.receipt or (queryable and transaction.originator_conversation_id)
        ))
        self.copy_button.setEnabled(bool(transaction.receipt))
        self.refund_button.setEnabled(
            bool(transaction.receipt)
            and transaction.status == "completed"
            and transaction.operation in REFUNDABLE_OPERATIONS
        )
        self.resend_button.setEnabled(
            transaction.operation in RESENDABLE and transaction.status in RETRYABLE
        )
        self.resolve_button.setEnabled(resolvable(transaction))

    def check_status(self) -> None:
        """Send a Transaction Status request for the row."""
        transaction = self.transaction
        if transaction is None:
            return
        if transaction.receipt:  # the receipt is what M-Pesa knows a finished payment by
            fields = {"transaction_id": transaction.receipt,
                      "remarks": f"Status check of {transaction.receipt}"}
        else:  # as the poller asks (the profile's defaults fill the rest)
            fields = status_query_fields(transaction)
        self.check_button.setEnabled(False)
        self.said.emit(translate("Log", "Asking Safaricom…"))

        def sent(_status_row: Any) -> None:
            self.said.emit(translate(
                "Log", "Status check sent; the row updates when the answer arrives."))
            self._update()

        def failed(error: Exception) -> None:
            self.said.emit(str(error) if isinstance(error, KnownError)
                           else translate("Log", "The status check failed."))
            self._update()

        self._bridge.run(self._services.submit("transaction_status", fields),
                         on_result=sent, on_error=failed)

    def request_refund(self) -> None:
        """Hand the row, a payment received, to the Refund form."""
        transaction = self.transaction
        if transaction is None or not transaction.receipt:
            return
        self.refund_requested.emit(
            {"receipt": transaction.receipt, "amount": transaction.amount,
             "phone": transaction.phone}
        )

    def request_resend(self) -> None:
        """Hand the row, a rejected or failed payment, to its form, to be sent again."""
        if self.transaction is not None and self.resend_button.isEnabled():
            self.resend_requested.emit(self.transaction)

    def open_resolve(self) -> ResolveDialog | None:
        """Ask how the row, an unknown payout, ended, then resolve it (window-modal)."""
        transaction = self.transaction
        if transaction is None or not resolvable(transaction):
            return None
        dialog = ResolveDialog(transaction, self)
        dialog.accepted.connect(lambda: self._resolve(transaction.reference, dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _resolve(self, reference: str, values: tuple[str, str, str | None]) -> None:
        self.resolve_button.setEnabled(False)

        def done(row: Any) -> None:
            self.said.emit(translate(
                "Log", "Resolved as {status}; the reason is in its history.").fill(
                status=status_label(row.status).lower()))
            self._update()

        def failed(error: Exception) -> None:
            self.said.emit(str(error))
            self._update()

        self._bridge.run(self._services.resolve(reference, *values),
                         on_result=done, on_error=failed)

    def copy_receipt(self) -> None:
        """Put the row's receipt on the clipboard."""
        transaction = self.transaction
        if transaction is not None and transaction.receipt:
            QGuiApplication.clipboard().setText(transaction.receipt)
            self.said.emit(translate("Log", "Copied {receipt}").fill(
                receipt=transaction.receipt))
