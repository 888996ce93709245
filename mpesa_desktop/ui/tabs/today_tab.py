"""Today: the day at a glance (issue 15, point 5).

Four figures, money in, money out, failed and pending (amounts and counts), as buttons and as a
bar chart; the balance over the last 30 days as a line. A click on a figure or its bar lists its
rows below (the log's own rows: ``services.today.figure_filters``). Everything is read in a
worker thread, again when the tab is shown and shortly after any change in the log.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.services.today import Glance, day_at_a_glance, figure_filters
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.charts import Bar, BarChart, LineChart
from mpesa_desktop.ui.log_labels import OPERATION_LABELS, STATUS_LABELS
from mpesa_desktop.ui.look import HEADING_COLOUR, HINT_COLOUR, PlainLabel, emphasise, text_colour
from mpesa_desktop.ui.tab_registry import register_tab

COLOURS = {"money_in": "#2e7d32", "money_out": "#1565c0", "failed": "#c62828",
           "pending": "#ef6c00"}
SHOWN_ROWS = 200
REFRESH_AFTER_MS = 500
COLUMNS = ("Time", "Operation", "Status", "Amount", "Party", "Receipt", "Reference")


class TodayTab(QWidget):
    """The "Today" tab. ``refreshed(glance)`` after each read; ``rows_shown(figure)`` when a
    figure's rows are listed."""

    refreshed = Signal(object)
    rows_shown = Signal(str)
    heading = "Today"

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.glance: Glance | None = None
        self.shown_figure: str | None = None
        self.rows: list[Any] = []

        self.title = PlainLabel("Today", self)
        emphasise(self.title, HEADING_COLOUR, points_up=4)
        self.figure_buttons = {name: QPushButton(self) for name in COLOURS}
        for name, button in self.figure_buttons.items():
            button.setMinimumHeight(48)
            button.setStyleSheet(f"QPushButton {{ color: {COLOURS[name]}; font-weight: bold; }}")
            button.clicked.connect(lambda _checked=False, n=name: self.show_rows(n))
        self.bars = BarChart(self)
        self.bars.setAccessibleName("Today's money by figure")
        self.bars.clicked.connect(lambda index: self.show_rows(list(COLOURS)[index]))
        self.balance = LineChart(self)
        self.balance.setAccessibleName("Balance over 30 days")
        self.balance_title = PlainLabel("Balance, last 30 days (total available)", self)
        self.rows_title = PlainLabel("Choose a figure to see its rows.", self)
        text_colour(self.rows_title, HINT_COLOUR)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Rows of the figure")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setMinimumHeight(200)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_AFTER_MS)
        self._timer.timeout.connect(self.refresh)
        bridge.status_changed.connect(lambda _change: self._timer.start())

        figures = QHBoxLayout()
        for button in self.figure_buttons.values():
            figures.addWidget(button)
        charts = QGridLayout()
        charts.addWidget(PlainLabel("Today's money (KES)", self), 0, 0)
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
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

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

    def _show(self, glance: Glance) -> None:
        self.glance = glance
        self.title.setText(f"Today, {glance.day:%A %d %B %Y}")
        for figure in glance.figures:
            self.figure_buttons[figure.name].setText(
                f"{figure.label}\n{format_kes(figure.amount)} ({figure.count:,})")
        self.bars.set_bars([Bar(figure.label, figure.amount, COLOURS[figure.name],
                                f"{figure.amount:,}") for figure in glance.figures])
        days = [day for day, _value in glance.balances]
        self.balance.set_values([value for _day, value in glance.balances],
                                f"{days[0]:%d %b}" if days else "",
                                f"{days[-1]:%d %b}" if days else "")
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
        label = next(f.label for f in self.glance.figures if f.name == figure) \
            if self.glance else figure
        more = " (the newest)" if len(rows) == SHOWN_ROWS else ""
        self.rows_title.setText(f"{label}: {len(rows):,} row{'' if len(rows) == 1 else 's'}"
                                f"{more}")
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (row.created_at.astimezone(EAT).strftime("%H:%M:%S"),
                     OPERATION_LABELS.get(row.operation, row.operation),
                     STATUS_LABELS.get(row.status, row.status),
                     "" if row.amount is None else f"{row.amount:,}",
                     row.phone or row.party_b or "", row.receipt or "", row.reference)
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.rows_shown.emit(figure)


register_tab(TodayTab, name="today", title="Today", order=105)
