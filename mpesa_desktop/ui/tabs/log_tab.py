"""The Transaction log tab: search the ledger, see a row's history, act on it, export it.

``LogTab(services, parent=None)`` shows a filter bar (date range, operation, status, and one box
for a phone number, a receipt or free text; Ctrl+F focuses it), the count and total of the
filter, the log itself (``LogModel``, paged, newest first) and a detail pane with the selected
row's history and raw payloads. Every read runs in the services' worker; the tab only waits.

Actions on the selected row: Check status (a Transaction Status request through
``services.submit``), Refund this (emits ``refund_requested``), Send again… (a rejected or failed
payment or refund; emits ``resend_requested``), Resolve… (a payout whose outcome is unknown,
settled by hand with a reason: ``ResolveDialog``, then ``services.resolve``), Copy receipt, and
Export (the ``ExportDialog`` with the current filters).

Signals:
    refund_requested(dict): ``{"receipt": str, "amount": int | None, "phone": str | None}`` of
        the selected row; the main window connects it to the Refund tab's ``fill``.
    resend_requested(object): the selected rejected or failed row (a ``Transaction`` of
        ``resend.RESENDABLE``); the main window hands it to its operation tab's ``resend``.
    summary_changed(object, object): the number of rows and their total in shillings for the
        filter (Python ints: a total passes 2**31).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.daraja.errors import DarajaError
from mpesa_desktop.daraja.limits import format_kes
from mpesa_desktop.ledger import INCOMING_OPERATION, Filters
from mpesa_desktop.ledger.statuses import RETRYABLE
from mpesa_desktop.services.poller import STATUS_QUERYABLE, status_query_fields
from mpesa_desktop.services.resolve import resolvable
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.export_dialog import ExportDialog
from mpesa_desktop.ui.log_detail import LogDetail
from mpesa_desktop.ui.log_filters import LogFilterBar
from mpesa_desktop.ui.log_model import Column, LogModel, Role
from mpesa_desktop.ui.resend import RESENDABLE
from mpesa_desktop.ui.resolve_dialog import ResolveDialog

SUMMARY_DELAY_MS = 400
REFUNDABLE = ("stk_push", INCOMING_OPERATION)
COLUMN_WIDTHS = {
    Column.TIME: 150,
    Column.OPERATION: 120,
    Column.STATUS: 96,
    Column.AMOUNT: 110,
    Column.PARTY: 130,
    Column.RECEIPT: 115,
    Column.RESULT: 240,
}


class LogTab(QWidget):
    """Search, inspect and export the transaction log."""

    refund_requested = Signal(dict)
    resend_requested = Signal(object)
    summary_changed = Signal(object, object)

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bridge = ServicesBridge(services)
        self.destroyed.connect(self._bridge.shutdown)
        self._summary_generation = 0
        self._count_after_page = False
        self._export_dialog: ExportDialog | None = None
        self.model = LogModel(services, self)

        self._build_filter_bar()
        self._build_table()
        self.detail = LogDetail(self)
        self._build_actions()

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(self._actions)  # on top: notices appear at the window's foot
        right_layout.addWidget(self.detail, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([880, 420])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._filter_bar)
        layout.addLayout(self._summary_bar)
        layout.addWidget(splitter, 1)

        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_DELAY_MS)
        self._summary_timer.timeout.connect(self._refresh_summary)
        self._connect()
        # The first query waits for the event loop to run (the window is built before it).
        QTimer.singleShot(0, self, self.apply_filters)

    # -- construction ------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.filter_bar = LogFilterBar(self)
        self.clear_button = QPushButton("Clear filters", self)
        self.export_button = QPushButton("Export…", self)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_bar, 1)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.export_button)
        self._filter_bar = bar

        self.search_hint = QLabel(self)
        self.search_hint.setStyleSheet("color: #607d8b;")
        self.summary = QLabel("Counting…", self)
        self.summary.setStyleSheet("font-weight: 600;")
        self.loading = QLabel("", self)
        self.loading.setStyleSheet("color: #607d8b;")
        self.message = QLabel("", self)
        self.message.setStyleSheet("color: #37474f;")
        summary_bar = QHBoxLayout()
        summary_bar.addWidget(self.summary)
        summary_bar.addWidget(self.search_hint)
        summary_bar.addStretch(1)
        summary_bar.addWidget(self.message)
        summary_bar.addWidget(self.loading)
        self._summary_bar = summary_bar

        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.RESULT, QHeaderView.ResizeMode.Stretch)
        # Our reference is long and shown in the detail pane; the result takes the room left.
        self.table.setColumnHidden(Column.REFERENCE, True)
        # A palette, not a style sheet: style sheets make every repaint of the table slower.
        palette = self.table.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor("#cfe3f7"))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#102027"))
        self.table.setPalette(palette)

    def _build_actions(self) -> None:
        self.check_button = QPushButton("Check status", self)
        self.check_button.setToolTip("Ask Safaricom what happened to this transaction")
        self.refund_button = QPushButton("Refund this", self)
        self.refund_button.setToolTip("Fill the Refund form with this payment")
        self.resend_button = QPushButton("Send again…", self)
        self.resend_button.setToolTip(
            "Fill this payment's form again to re-send it (only a rejected or failed one)"
        )
        self.resolve_button = QPushButton("Resolve…", self)
        self.resolve_button.setToolTip(
            "Say what happened to a payment whose outcome is unknown, after checking it in the "
            "M-Pesa portal (with a written reason)"
        )
        self.copy_button = QPushButton("Copy receipt", self)
        actions = QHBoxLayout()
        for button in (self.check_button, self.refund_button, self.resend_button,
                       self.resolve_button, self.copy_button):
            actions.addWidget(button)
        self._actions = actions
        self._update_actions()

    def _connect(self) -> None:
        self.filter_bar.changed.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button.clicked.connect(self.open_export)
        self.check_button.clicked.connect(self.check_status)
        self.refund_button.clicked.connect(self.request_refund)
        self.resend_button.clicked.connect(self.request_resend)
        self.resolve_button.clicked.connect(self.open_resolve)
        self.copy_button.clicked.connect(self.copy_receipt)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.load_failed.connect(self.message.setText)
        self.model.modelReset.connect(self._selection_changed)
        self.model.dataChanged.connect(self._rows_changed)
        self.model.log_changed.connect(self._summary_timer.start)
        self._bridge.status_changed.connect(self.model.on_status_change)

    # -- filters -----------------------------------------------------------------------------

    def current_filters(self) -> Filters:
        """The filters the bar shows now."""
        return self.filter_bar.filters()

    def apply_filters(self) -> None:
        """Query the log again with the bar's filters, and count them."""
        self.filter_bar.cancel_pending()
        understood = self.filter_bar.understood()
        self.search_hint.setText(f"  ·  {understood}" if understood else "")
        self.message.setText("")
        self.summary.setText("Counting…")
        self._count_after_page = True
        self.model.set_filters(self.current_filters())
        if not self.model.loading:  # no page was requested (no loop yet): count now
            self._loading_changed(False)

    def _loading_changed(self, busy: bool) -> None:
        self.loading.setText("Loading…" if busy else "")
        # The count waits for the first page to be read and painted: the page comes first.
        if not busy and self._count_after_page:
            self._count_after_page = False
            QTimer.singleShot(0, self, self._refresh_summary)

    def clear_filters(self) -> None:
        """Back to the whole log."""
        self.filter_bar.clear()

    def focus_search(self) -> None:
        """Ctrl+F: type a phone number, receipt or words."""
        self.filter_bar.focus_search()

    def _refresh_summary(self) -> None:
        self._summary_generation += 1
        generation = self._summary_generation
        filters = self.model.filters

        def show(result: tuple[int, int]) -> None:
            if generation != self._summary_generation:
                return
            count, total = result
            noun = "transaction" if count == 1 else "transactions"
            self.summary.setText(f"{count:,} {noun} · total {format_kes(total or 0)}")
            self.summary_changed.emit(count, total or 0)

        def failed(error: Exception) -> None:
            if generation == self._summary_generation:
                self.summary.setText("Could not count the log")
                self.message.setText(str(error))

        self._bridge.run_blocking(self._services.ledger.summary, filters,
                                  on_result=show, on_error=failed)

    # -- selection and actions ---------------------------------------------------------------

    def selected_transaction(self) -> Any:
        """The transaction of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(Role.TRANSACTION) if rows else None

    def _selection_changed(self, *_changes: QItemSelection) -> None:
        transaction = self.selected_transaction()
        self.detail.show_transaction(transaction)
        self._update_actions()
        if transaction is not None:
            self._load_events(transaction.reference)

    def _rows_changed(self) -> None:
        transaction = self.selected_transaction()
        shown = self.detail.transaction
        if transaction is None or shown is None or transaction.reference != shown.reference:
            return
        if transaction.status != shown.status or transaction.updated_at != shown.updated_at:
            self.detail.show_transaction(transaction)
            self._update_actions()
            self._load_events(transaction.reference)

    def _load_events(self, reference: str) -> None:
        self._bridge.run_blocking(
            self._services.ledger.events, reference,
            on_result=lambda events: self.detail.show_events(reference, events),
            on_error=lambda error: self.message.setText(str(error)),
        )

    def _update_actions(self) -> None:
        transaction = self.selected_transaction()
        has_row = transaction is not None
        queryable = has_row and transaction.operation in STATUS_QUERYABLE
        self.check_button.setEnabled(has_row and bool(
            transaction.receipt or (queryable and transaction.originator_conversation_id)
        ))
        self.copy_button.setEnabled(has_row and bool(transaction.receipt))
        self.refund_button.setEnabled(
            has_row
            and bool(transaction.receipt)
            and transaction.status == "completed"
            and transaction.operation in REFUNDABLE
        )
        self.resend_button.setEnabled(
            has_row and transaction.operation in RESENDABLE and transaction.status in RETRYABLE
        )
        self.resolve_button.setEnabled(resolvable(transaction))

    def check_status(self) -> None:
        """Send a Transaction Status request for the selected row."""
        transaction = self.selected_transaction()
        if transaction is None:
            return
        if transaction.receipt:  # the receipt is what M-Pesa knows a finished payment by
            fields = {"transaction_id": transaction.receipt,
                      "remarks": f"Status check of {transaction.receipt}"}
        else:  # as the poller asks (the profile's defaults fill the rest)
            fields = status_query_fields(transaction)
        self.check_button.setEnabled(False)
        self.message.setText("Asking Safaricom…")

        def sent(_status_row: Any) -> None:
            self.message.setText("Status check sent; the row updates when the answer arrives.")
            self._update_actions()

        def failed(error: Exception) -> None:
            text = str(error) if isinstance(error, DarajaError) else "The status check failed."
            self.message.setText(text)
            self._update_actions()

        self._bridge.run(self._services.submit("transaction_status", fields),
                         on_result=sent, on_error=failed)

    def request_refund(self) -> None:
        """Hand the selected payment to the Refund form."""
        transaction = self.selected_transaction()
        if transaction is None or not transaction.receipt:
            return
        self.refund_requested.emit(
            {"receipt": transaction.receipt, "amount": transaction.amount,
             "phone": transaction.phone}
        )

    def request_resend(self) -> None:
        """Hand the selected rejected or failed payment to its form, to be sent again."""
        transaction = self.selected_transaction()
        if transaction is not None and self.resend_button.isEnabled():
            self.resend_requested.emit(transaction)

    def open_resolve(self) -> ResolveDialog | None:
        """Ask how the selected unknown payout ended, then resolve it (window-modal)."""
        transaction = self.selected_transaction()
        if not resolvable(transaction):
            return None
        dialog = ResolveDialog(transaction, self)
        dialog.accepted.connect(lambda: self._resolve(transaction.reference, dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _resolve(self, reference: str, values: tuple[str, str, str | None]) -> None:
        self.resolve_button.setEnabled(False)

        def done(row: Any) -> None:
            self.message.setText(f"Resolved as {row.status}; the reason is in its history.")
            self._update_actions()

        def failed(error: Exception) -> None:
            self.message.setText(str(error))
            self._update_actions()

        self._bridge.run(self._services.resolve(reference, *values),
                         on_result=done, on_error=failed)

    def copy_receipt(self) -> None:
        """Put the selected row's receipt on the clipboard."""
        transaction = self.selected_transaction()
        if transaction is not None and transaction.receipt:
            QGuiApplication.clipboard().setText(transaction.receipt)
            self.message.setText(f"Copied {transaction.receipt}")

    def open_export(self) -> ExportDialog:
        """Open the export dialog with the current filters (one at a time)."""
        if self._export_dialog is None or not self._export_dialog.isVisible():
            self._export_dialog = ExportDialog(self._services, self.current_filters(), self)
        self._export_dialog.show()
        self._export_dialog.raise_()
        return self._export_dialog
