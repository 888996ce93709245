"""The Transaction log tab: search the ledger, see a row's history, act on it, export it.

``LogTab(services, parent=None)`` shows a filter bar (``LogFilterBar``: the view, "Payments" by
default, status, dates with presets, one box for a phone number, a receipt or free text, Ctrl+F
focuses it, and the order), the totals of the filter (money in, money out, pending and failed
apart: ``log_views.totals_text``), the log itself (``LogModel``, paged; the Time and Amount
headers sort it) and a detail pane with the selected row's history and raw payloads. An empty
result says why. Every read runs in the services' worker; the tab only waits.

Keyboard: Tab goes from control to control and leaves the table (the arrow keys walk its rows);
every control has a mnemonic or a labelled buddy and an accessible name.

Its words are in the window's language and switch live (the filters, the selection and the rows
read stay); the ledger's data stays as it is.

Actions on the selected row (``LogActions``): Check status, Refund this (emits
``refund_requested``), Send again… (emits ``resend_requested``), Resolve… and Copy receipt; and
Export (the ``ExportDialog`` with the current filters).

Signals:
    refund_requested(dict): ``{"receipt": str, "amount": int | None, "phone": str | None}`` of
        the selected row; the main window connects it to the Refund tab's ``fill``.
    resend_requested(object): the selected rejected or failed row (a ``Transaction`` of
        ``resend.RESENDABLE``); the main window hands it to its operation tab's ``resend``.
    summary_changed(object): the ``ledger.queries.Totals`` of the filter (Python ints: a total
        passes 2**31).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.ledger import Filters
from mpesa_desktop.ledger.queries import Totals
from mpesa_desktop.services.directions import MONEY_IN, MONEY_OUT
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.export_dialog import ExportDialog
from mpesa_desktop.ui.i18n import error_text, on_language_change, show_text, translate
from mpesa_desktop.ui.log_actions import LogActions
from mpesa_desktop.ui.log_detail import LogDetail
from mpesa_desktop.ui.log_filters import LogFilterBar
from mpesa_desktop.ui.log_model import LogModel, Role
from mpesa_desktop.ui.log_table import LogTable
from mpesa_desktop.ui.log_views import TOTALS_HELP, View, empty_text, totals_text
from mpesa_desktop.ui.look import HINT_COLOUR, TITLE_COLOUR, PlainLabel, text_colour
from mpesa_desktop.ui.tab_registry import LOG_TAB, register_tab

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices

SUMMARY_DELAY_MS = 400


class LogTab(QWidget):
    """Search, inspect and export the transaction log."""

    refund_requested = Signal(dict)
    resend_requested = Signal(object)
    summary_changed = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bridge = ServicesBridge(services)
        self.destroyed.connect(self._bridge.shutdown)
        self._summary_generation = 0
        self._count_after_page = False
        self._export_dialog: ExportDialog | None = None
        self.model = LogModel(services, self)

        self._build_filter_bar()
        self.table = LogTable(self.model, self)
        self.detail = LogDetail(self)
        self.row_actions = LogActions(services, self._bridge, self)
        self._view: View = self.filter_bar.view()
        self._split_by_clerk = False  # once the clerk drags the splitter, it stays theirs

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.side = right = QWidget(self)  # the row's actions and detail
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.row_actions)  # on top: notices appear at the window's foot
        self.detail_scroll = detail_scroll = QScrollArea(right)  # a short window scrolls them
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it shows
        right_layout.addWidget(detail_scroll, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._split_by_hand)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.filter_bar)
        layout.addLayout(self._summary_bar)
        layout.addWidget(self.splitter, 1)
        for first, second in ((self.filter_bar.sort, self.clear_button),
                              (self.clear_button, self.export_button),
                              (self.export_button, self.table),
                              (self.table, self.row_actions.check_button)):
            QWidget.setTabOrder(first, second)

        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_DELAY_MS)
        self._summary_timer.timeout.connect(self._refresh_summary)
        self._connect()
        # The first query waits for the event loop to run (the window is built before it).
        QTimer.singleShot(0, self, self.apply_filters)
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """What the tab said about the filters, in the window's new language (the rows and
        the detail pane switch themselves)."""
        self._show_understood()
        if not self._split_by_clerk:  # the key columns' words have another width
            self._share_width()
        # A closed window reads nothing (its services may be closed before it is deleted).
        if (self.window().isVisible() and self.model.filters is not None
                and not self.model.loading):
            self._update_empty_note()
            self._refresh_summary()

    # -- construction ------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.clear_button = QPushButton(self)
        show_text(self.clear_button, "setText", translate("Log", "&Clear filters"))
        show_text(self.clear_button, "setToolTip",
                  translate("Log", "Back to all payments, any time"))
        self.export_button = QPushButton(self)
        show_text(self.export_button, "setText", translate("Log", "E&xport…"))
        show_text(self.export_button, "setToolTip",
                  translate("Log", "Save the rows of these filters as a CSV file"))
        self.filter_bar = LogFilterBar(self, trailing=(self.clear_button, self.export_button))

        self.search_hint = self.filter_bar.hint
        self.summary = PlainLabel(translate("Log", "Counting…"), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # The totals take the room left, and never widen the window (a long text is cut).
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        show_text(self.summary, "setToolTip", translate("Log", TOTALS_HELP))
        show_text(self.summary, "setAccessibleName", translate("Log", "Totals"))
        self.loading = PlainLabel("", self)
        text_colour(self.loading, HINT_COLOUR)
        self.message = PlainLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        text_colour(self.message, TITLE_COLOUR)
        self.message.setMaximumWidth(420)
        summary_bar = QHBoxLayout()
        summary_bar.addWidget(self.summary, 1)
        summary_bar.addWidget(self.message)
        summary_bar.addWidget(self.loading)
        self._summary_bar = summary_bar

        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)

    def _connect(self) -> None:
        self.filter_bar.changed.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button.clicked.connect(self.open_export)
        self.row_actions.refund_requested.connect(self.refund_requested)
        self.row_actions.resend_requested.connect(self.resend_requested)
        self.row_actions.said.connect(self.message.setText)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.sort_requested.connect(self._header_clicked)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.load_failed.connect(self.message.setText)
        self.model.modelReset.connect(self._selection_changed)
        self.model.rowsInserted.connect(self._update_empty_note)
        self.model.dataChanged.connect(self._rows_changed)
        self.model.log_changed.connect(self._summary_timer.start)
        self._bridge.status_changed.connect(self.model.on_status_change)

    def resizeEvent(self, event: Any) -> None:
        """The table keeps the room its key columns need, whatever the window's width."""
        super().resizeEvent(event)
        if not self._split_by_clerk:
            self._share_width()

    def _split_by_hand(self) -> None:
        self._split_by_clerk = True

    def _share_width(self) -> None:
        """The table as wide as its key columns want (three fifths of a wide window), the
        detail pane the rest."""
        total = self.splitter.width() - self.splitter.handleWidth()
        scroll_bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        detail = max(self.side.minimumSizeHint().width(),
                     self.detail.minimumWidth() + scroll_bar)
        table = max(min(self.table.width_wanted(), total - detail), total * 3 // 5)
        self.splitter.setSizes([table, total - table])

    # -- filters -----------------------------------------------------------------------------

    def current_filters(self) -> Filters:
        """The filters the bar shows now."""
        return self.filter_bar.filters()

    def apply_filters(self) -> None:
        """Query the log again with the bar's filters, and count them."""
        self.filter_bar.cancel_pending()
        self._show_understood()
        self.message.setText("")
        self.summary.setText(translate("Log", "Counting…"))
        self._count_after_page = True
        filters = self.current_filters()
        self._view = self.filter_bar.view()
        self.table.show_sort(filters.sort, filters.descending)
        self.model.set_filters(filters)
        if not self.model.loading:  # no page was requested (no loop yet): count now
            self._loading_changed(False)

    def _show_understood(self) -> None:
        understood = self.filter_bar.understood()
        self.search_hint.setText(f"· {understood}" if understood else "")

    def _loading_changed(self, busy: bool) -> None:
        self.loading.setText(translate("Log", "Loading…") if busy else "")
        if not busy:
            self._update_empty_note()
        # The count waits for the first page to be read and painted: the page comes first.
        if not busy and self._count_after_page:
            self._count_after_page = False
            QTimer.singleShot(0, self, self._refresh_summary)

    def clear_filters(self) -> None:
        """Back to the default view of the whole log."""
        self.filter_bar.clear()

    def focus_search(self) -> None:
        """Ctrl+F: type a phone number, receipt or words."""
        self.filter_bar.focus_search()

    def _header_clicked(self, sort: str, descending: bool) -> None:
        """A click on the Time or Amount header: sort by it (by amount only where the rows
        have amounts), else the arrow goes back."""
        if sort != "amount" or self.filter_bar.view().has_amounts:
            self.filter_bar.set_sort(sort, descending)
        filters = self.model.filters or self.current_filters()
        self.table.show_sort(filters.sort, filters.descending)

    def _update_empty_note(self, *_inserted: Any) -> None:
        """Say why the table is empty (worked out in the worker), or hide the note."""
        filters = self.model.filters
        if filters is None or self.model.rowCount() or self.model.loading:
            self.table.hide_empty()
            return
        view, bar = self._view, self.filter_bar
        problem, described = bar.date_problem(), bar.described()

        def look_elsewhere() -> tuple[bool, bool]:  # in the worker
            if problem:
                return False, False
            ledger = self._services.ledger
            everywhere = replace(filters, operation=None, sort="time", descending=True)
            elsewhere = view.operations is not None and bool(ledger.query(everywhere, limit=1))
            return elsewhere, not elsewhere and not ledger.query(Filters(), limit=1)

        def show(found: tuple[bool, bool]) -> None:
            if self.model.filters is filters and not self.model.rowCount():
                self.table.show_empty(empty_text(view, problem, described, *found))

        self._bridge.run_blocking(look_elsewhere, on_result=show,
                                  on_error=lambda error: self.message.setText(error_text(error)))

    def _refresh_summary(self) -> None:
        self._summary_generation += 1
        generation = self._summary_generation
        filters, view = self.model.filters, self._view

        def show(totals: Totals) -> None:
            if generation != self._summary_generation:
                return
            self.summary.setText(totals_text(totals, view))
            self.summary_changed.emit(totals)

        def failed(error: Exception) -> None:
            if generation == self._summary_generation:
                self.summary.setText(translate("Log", "Could not count the log"))
                self.message.setText(error_text(error))

        self._bridge.run_blocking(self._services.ledger.totals, filters, MONEY_IN, MONEY_OUT,
                                  on_result=show, on_error=failed)

    # -- selection ---------------------------------------------------------------------------

    def selected_transaction(self) -> Any:
        """The transaction of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(Role.TRANSACTION) if rows else None

    def _selection_changed(self, *_changes: QItemSelection) -> None:
        transaction = self.selected_transaction()
        self.detail.show_transaction(transaction)
        self.row_actions.show_transaction(transaction)
        if transaction is not None:
            self._load_events(transaction.reference)

    def _rows_changed(self) -> None:
        transaction = self.selected_transaction()
        shown = self.detail.transaction
        if transaction is None or shown is None or transaction.reference != shown.reference:
            return
        if transaction.status != shown.status or transaction.updated_at != shown.updated_at:
            self.detail.show_transaction(transaction)
            self.row_actions.show_transaction(transaction)
            self._load_events(transaction.reference)

    def _load_events(self, reference: str) -> None:
        self._bridge.run_blocking(
            self._services.ledger.events, reference,
            on_result=lambda events: self.detail.show_events(reference, events),
            on_error=lambda error: self.message.setText(error_text(error)),
        )

    def open_export(self) -> ExportDialog:
        """Open the export dialog with the current filters (one at a time)."""
        if self._export_dialog is None or not self._export_dialog.isVisible():
            self._export_dialog = ExportDialog(self._services, self.current_filters(), self)
        self._export_dialog.show()
        self._export_dialog.raise_()
        return self._export_dialog


# The log reads the services itself (its own bridge); a new profile re-runs its filters.
register_tab(LogTab, name=LOG_TAB, title="Transaction log", order=100,
             build=lambda bridge, window: LogTab(bridge.services, window),
             reload=LogTab.apply_filters)
