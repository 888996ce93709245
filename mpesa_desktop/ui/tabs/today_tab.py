"""Today: the day at a glance (issue 15, point 5).

Four figures, money in, money out, failed and pending (amounts and counts), as buttons and as a
bar chart; the balance over the last 30 days as a line. A click on a figure or its bar lists its
rows below (the log's own rows: ``services.today.figure_filters``). Everything is read in a
worker thread, again when the tab is shown and shortly after any change in the log.

A completed payment chosen in that list gets its receipt as a PDF ("Receipt PDF…",
``ui.receipt_pdf``), issued in the business name typed here (kept in the profile's log).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.services.receipts import (
    BUSINESS_NAME_KEY,
    ReceiptError,
    has_receipt,
    receipt_of,
)
from mpesa_desktop.services.today import FIGURES, Glance, day_at_a_glance, figure_filters
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.charts import Bar, BarChart, LineChart
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    current_language,
    locale_of,
    on_language_change,
    show_text,
    translate,
)
from mpesa_desktop.ui.log_labels import OPERATION_LABELS, operation_label, status_label
from mpesa_desktop.ui.look import (
    CHART_LINE,
    ERROR_COLOUR,
    FAILED_COLOUR,
    GOOD_COLOUR,
    HEADING_COLOUR,
    HINT_COLOUR,
    PENDING_COLOUR,
    PlainLabel,
    emphasise,
    scrolling,
    text_colour,
)
from mpesa_desktop.ui.receipt_pdf import write_receipt_pdf
from mpesa_desktop.ui.tab_registry import register_tab

# The figures' colours, named in ui.look: drawn in the dark and high-contrast schemes too.
COLOURS = {"money_in": GOOD_COLOUR, "money_out": CHART_LINE, "failed": FAILED_COLOUR,
           "pending": PENDING_COLOUR}
SHOWN_ROWS = 200
REFRESH_AFTER_MS = 500
COLUMNS = (QT_TRANSLATE_NOOP("Today", "Time"), QT_TRANSLATE_NOOP("Today", "Operation"),
           QT_TRANSLATE_NOOP("Today", "Status"), QT_TRANSLATE_NOOP("Today", "Amount"),
           QT_TRANSLATE_NOOP("Today", "Party"), QT_TRANSLATE_NOOP("Today", "Receipt"),
           QT_TRANSLATE_NOOP("Today", "Reference"))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class TodayTab(QWidget):
    """The "Today" tab. ``refreshed(glance)`` after each read; ``rows_shown(figure)`` when a
    figure's rows are listed."""

    refreshed = Signal(object)
    rows_shown = Signal(str)
    receipt_written = Signal(object)  # the PDF's path
    heading = "Today"

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.glance: Glance | None = None
        self.shown_figure: str | None = None
        self.rows: list[Any] = []

        self.title = PlainLabel(self)
        show_text(self.title, "setText", translate("Today", "Today"))
        emphasise(self.title, HEADING_COLOUR, points_up=4)
        self.figure_buttons = {name: QPushButton(self) for name in COLOURS}
        for name, button in self.figure_buttons.items():
            show_text(button, "setAccessibleName", translate("Today", FIGURES[name][0]))
            button.setMinimumHeight(48)
            emphasise(button, COLOURS[name])
            button.clicked.connect(lambda _checked=False, n=name: self.show_rows(n))
        self.bars = BarChart(self)
        show_text(self.bars, "setAccessibleName", translate("Today", "Today's money by figure"))
        self.bars.clicked.connect(lambda index: self.show_rows(list(COLOURS)[index]))
        self.balance = LineChart(self)
        show_text(self.balance, "setAccessibleName", translate("Today", "Balance over 30 days"))
        self.balance_title = PlainLabel(self)
        show_text(self.balance_title, "setText",
                  translate("Today", "Balance, last 30 days (total available)"))
        self.rows_title = PlainLabel(self)
        show_text(self.rows_title, "setText",
                  translate("Today", "Choose a figure to see its rows."))
        text_colour(self.rows_title, HINT_COLOUR)
        self.table = QTableWidget(0, len(COLUMNS), self)
        show_text(self.table, "setAccessibleName", translate("Today", "Rows of the figure"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setMinimumHeight(200)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.business = QLineEdit(self)
        show_text(self.business, "setPlaceholderText",
                  translate("Today", "your business name, printed on receipts"))
        show_text(self.business, "setAccessibleName",
                  translate("Today", "Business name on receipts"))
        self.business.editingFinished.connect(self._keep_business_name)
        self.receipt_button = QPushButton(self)
        show_text(self.receipt_button, "setText", translate("Today", "Receipt PDF…"))
        self.receipt_button.setEnabled(False)
        self.receipt_button.clicked.connect(self._choose_receipt_file)
        self.receipt_note = PlainLabel("", self)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_AFTER_MS)
        self._timer.timeout.connect(self.refresh)
        bridge.status_changed.connect(lambda _change: self._timer.start())

        figures = QHBoxLayout()
        for button in self.figure_buttons.values():
            figures.addWidget(button)
        charts = QGridLayout()
        money = PlainLabel(self)
        show_text(money, "setText", translate("Today", "Today's money (KES)"))
        charts.addWidget(money, 0, 0)
        charts.addWidget(self.balance_title, 0, 1)
        charts.addWidget(self.bars, 1, 0)
        charts.addWidget(self.balance, 1, 1)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 18, 24, 18)
        column.setSpacing(10)
        column.addWidget(self.title)
        column.addLayout(figures)
        column.addLayout(charts)
        column.addWidget(self.rows_title)
        column.addWidget(self.table, 1)
        receipts = QHBoxLayout()
        business = PlainLabel(self)
        show_text(business, "setText", translate("Today", "Business name"))
        receipts.addWidget(business)
        receipts.addWidget(self.business, 1)
        receipts.addWidget(self.receipt_button)
        receipts.addWidget(self.receipt_note, 1)
        column.addLayout(receipts)
        scrolling(self, body)
        self._retranslate()
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """The column headings, and what was read, in the window's language."""
        self.table.setHorizontalHeaderLabels([translate("Today", text) for text in COLUMNS])
        if self.glance is not None:
            self._show(self.glance)

    def reload(self) -> None:
        self.shown_figure = None
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again (in a worker)."""
        services = self.bridge.services
        self.bridge.run(services.run_blocking(day_at_a_glance, services.ledger), self._show)
        if not self.business.hasFocus():
            self.bridge.run(services.run_blocking(services.ledger.get_meta, BUSINESS_NAME_KEY,
                                                  ""), self.business.setText)

    def _show(self, glance: Glance) -> None:
        self.glance = glance
        locale = locale_of(current_language())
        show_text(self.title, "setText", translate("Today", "Today, {day}").fill(
            day=locale.toString(_qdate(glance.day), "dddd d MMMM yyyy")))
        for figure in glance.figures:
            self.figure_buttons[figure.name].setText(
                f"{translate('Today', figure.label)}\n{format_kes(figure.amount)} "
                f"({figure.count:,})")
        self.bars.set_bars([Bar(translate("Today", figure.label), figure.amount,
                                COLOURS[figure.name], f"{figure.amount:,}")
                            for figure in glance.figures])
        days = [day for day, _value in glance.balances]
        self.balance.set_values([value for _day, value in glance.balances],
                                locale.toString(_qdate(days[0]), "d MMM") if days else "",
                                locale.toString(_qdate(days[-1]), "d MMM") if days else "")
        if self.shown_figure:
            self.show_rows(self.shown_figure)
        self.refreshed.emit(glance)

    def show_rows(self, figure: str) -> None:
        """List the rows behind ``figure`` (money_in, money_out, failed, pending)."""
        if self.glance is None:
            return
        self.shown_figure = figure
        services = self.bridge.services
        filters = figure_filters(figure, self.glance.day)
        self.bridge.run(services.run_blocking(services.ledger.query, filters, None, SHOWN_ROWS),
                        lambda rows: self._fill(figure, rows))

    def _fill(self, figure: str, rows: list[Any]) -> None:
        self.rows = rows
        label = translate("Today", FIGURES[figure][0])
        if len(rows) == 1:
            title = translate("Today", "{figure}: 1 row")
        elif len(rows) == SHOWN_ROWS:
            title = translate("Today", "{figure}: the newest {count} rows")
        else:
            title = translate("Today", "{figure}: {count} rows")
        show_text(self.rows_title, "setText", title.fill(figure=label, count=f"{len(rows):,}"))
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (row.created_at.astimezone(EAT).strftime("%H:%M:%S"),
                     operation_label(row.operation), status_label(row.status),
                     "" if row.amount is None else f"{row.amount:,}",
                     row.phone or row.party_b or "", row.receipt or "", row.reference)
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.rows_shown.emit(figure)


    # ---- receipts ----

    def selected_row(self) -> Any | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen and chosen[0].row() < len(self.rows) \
            else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.receipt_button.setEnabled(row is not None and has_receipt(row))

    def _keep_business_name(self) -> None:
        services = self.bridge.services
        self.bridge.run(services.run_blocking(services.ledger.set_meta, BUSINESS_NAME_KEY,
                                              self.business.text().strip()))

    def _choose_receipt_file(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        suggested = receipt_of(row, "").file_name
        name, _ = QFileDialog.getSaveFileName(self, translate("Today", "Save the receipt"),
                                              suggested, "PDF (*.pdf)")
        if name:
            self.save_receipt(row, Path(name))

    def save_receipt(self, row: Any, path: Path) -> None:
        """Write ``row``'s receipt to ``path`` as PDF (in a worker); say where."""
        try:
            receipt = receipt_of(row, self.business.text(),
                                 OPERATION_LABELS.get(row.operation, row.operation))
        except ReceiptError as error:
            self.receipt_note.setText(str(error))
            text_colour(self.receipt_note, ERROR_COLOUR)
            return

        def written(done: Path) -> None:
            self.receipt_note.setText(translate("Today", "Receipt saved to {path}").fill(
                path=done))
            text_colour(self.receipt_note, HINT_COLOUR)
            self.receipt_written.emit(done)

        self.bridge.run(self.bridge.services.run_blocking(write_receipt_pdf, path, receipt),
                        written)


register_tab(TodayTab, name="today", title="Today", order=105)
