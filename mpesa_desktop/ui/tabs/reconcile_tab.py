"""Reconcile: the log against M-Pesa's own record (issue 15), and the Pull Transactions set-up.

The clerk picks the Org Portal's statement export (CSV or XLSX) or asks Pull Transactions for a
time range, and presses Reconcile; the matching (``reconcile.matching``) runs in a worker thread.
The categories are listed with their counts, the most serious first; choosing one shows its rows
(the first ``SHOWN_ROWS``, read in a worker too); "Save report…" writes every verdict as CSV.
Open rows M-Pesa completed are settled as it runs, their history naming the statement's row.
Below, the one-time registration of the shortcode for Pull Transactions.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.catalogue import Op
from mpesa_desktop.kenya import EAT
from mpesa_desktop.reconcile.report import LABELS, ORDER, PROBLEMS, Category, Reconciliation
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import translate
from mpesa_desktop.ui.look import ERROR_COLOUR, HINT_COLOUR, PlainLabel, scrolling, text_colour
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import OperationTab

SHOWN_ROWS = 1000
MIN_TABLE_HEIGHT = 220
COLUMNS = ("Receipt", "Time", "Paid in", "Withdrawn", "Log amount", "What differs",
           "Other party", "Log status", "Operation", "Reference")
AMOUNT_COLUMNS = (2, 3, 4)


class PullRegisterSection(OperationTab):
    """Register the shortcode for Pull Transactions (once)."""

    operation = "pull_register"
    heading = "Register for Pull Transactions"
    blurb = ("Once per shortcode: lets the app ask M-Pesa for the payments it received (the "
             "last 48 hours), to reconcile without a statement file.")
    send_text = "Register"
    scrolls = False

    def specs(self) -> list[FieldSpec]:
        return [FieldSpec("shortcode"), FieldSpec("nominated_number"), FieldSpec("callback_url")]


def _money(cents: int | None) -> str:
    return f"{cents / 100:,.2f}" if cents else ""


class ReconcileTab(QWidget):
    """The "Reconcile" tab. ``finished(result)`` is emitted when a reconciliation is shown;
    ``rows_shown(category)`` when a category's rows are in the table."""

    finished = Signal(object)
    rows_shown = Signal(object)
    heading = "Reconcile"

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.result: Reconciliation | None = None

        self.from_file = QRadioButton(translate(
            "Reconcile", "Statement file (the Org Portal's export, CSV or XLSX)"), self)
        self.from_file.setChecked(True)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(translate("Reconcile", "the statement file"))
        choose = QPushButton(translate("Reconcile", "Choose…"), self)
        choose.clicked.connect(self._choose_file)
        self.from_pull = QRadioButton(translate(
            "Reconcile", "Pull Transactions (online: payments received, last 48 hours)"), self)
        now = datetime.now(EAT)
        self.start = QDateTimeEdit(eat_qt(now - timedelta(days=1)), self)
        self.end = QDateTimeEdit(eat_qt(now + timedelta(minutes=1)), self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.run_button = QPushButton(translate("Reconcile", "Reconcile"), self)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start_reconciliation)
        self.save_button = QPushButton(translate("Reconcile", "Save report…"), self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._choose_report)
        self.status = PlainLabel("", self)
        self.status.setWordWrap(True)

        source = QGridLayout()
        source.addWidget(self.from_file, 0, 0, 1, 2)
        source.addWidget(self.path, 1, 0)
        source.addWidget(choose, 1, 1)
        source.addWidget(self.from_pull, 2, 0, 1, 2)
        times = QHBoxLayout()
        times.addWidget(PlainLabel(translate("Reconcile", "From"), self))
        times.addWidget(self.start)
        times.addSpacing(12)
        times.addWidget(PlainLabel(translate("Reconcile", "To"), self))
        times.addWidget(self.end)
        times.addStretch(1)
        source.addLayout(times, 3, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)

        self.categories = QListWidget(self)
        self.categories.setFixedWidth(250)
        self.categories.currentItemChanged.connect(self._category_chosen)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.shown_note = PlainLabel("", self)
        text_colour(self.shown_note, HINT_COLOUR)
        results = QHBoxLayout()
        results.addWidget(self.categories)
        table_column = QVBoxLayout()
        table_column.addWidget(self.table, 1)
        table_column.addWidget(self.shown_note)
        results.addLayout(table_column, 1)

        self.table.setMinimumHeight(MIN_TABLE_HEIGHT)
        self.categories.setMinimumHeight(MIN_TABLE_HEIGHT)
        for widget, name in ((self.path, translate("Reconcile", "Statement file")),
                             (self.start, translate("Reconcile", "From")),
                             (self.end, translate("Reconcile", "To")),
                             (self.categories, translate("Reconcile", "Categories")),
                             (self.table, translate("Reconcile", "Rows of the category"))):
            widget.setAccessibleName(name)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.register = PullRegisterSection(bridge, self)

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 18, 24, 18)
        column.setSpacing(10)
        column.addLayout(source)
        column.addLayout(buttons)
        column.addLayout(results, 1)
        column.addWidget(line)
        column.addWidget(self.register)
        scrolling(self, body)  # a small screen scrolls down to the set-up

    def reload(self) -> None:
        """Another profile: its log is another; the result shown belongs to the old one."""
        self.register.reload()
        self._drop_result()
        self.status.setText("")

    # ---- running ----

    def start_reconciliation(self) -> None:
        services = self.bridge.services
        if self.from_pull.isChecked():
            start, end = (_aware(edit.dateTime()) for edit in (self.start, self.end))
            if end <= start:
                self._error("To must be after From.")
                return
            from mpesa_desktop.reconcile.pulled import reconcile_pull

            work: Any = reconcile_pull(services, start, end)
            source = "M-Pesa (Pull Transactions)"
        else:
            path = Path(self.path.text().strip())
            if not self.path.text().strip():
                self._error("Choose the statement file first.")
                return
            from mpesa_desktop.reconcile.matching import reconcile
            from mpesa_desktop.reconcile.statement import read_statement

            def matched() -> Reconciliation:
                return reconcile(services.ledger, read_statement(path), source=path.name)

            work = services.run_blocking(matched)
            source = path.name
        self.run_button.setEnabled(False)
        self._say(f"Reconciling the log with {source}…", HINT_COLOUR)
        self.bridge.run(work, self._show_result, self._failed,
                        reaches_server=self.from_pull.isChecked())

    def _show_result(self, result: Reconciliation) -> None:
        self.run_button.setEnabled(True)
        self._drop_result()
        self.result = result
        self.save_button.setEnabled(True)
        problems = result.problems
        self._say(f"{problems:,} to look at." if problems else "Everything matches.",
                  ERROR_COLOUR if problems else HINT_COLOUR)
        self.categories.blockSignals(True)
        for category in ORDER:
            count = result.counts[category]
            item = QListWidgetItem(f"{LABELS[category]}: {count:,}")
            item.setData(Qt.ItemDataRole.UserRole, category)
            if count and category in PROBLEMS:
                item.setForeground(QColor(ERROR_COLOUR))
            elif not count:
                item.setForeground(QColor(HINT_COLOUR))
            self.categories.addItem(item)
        self.categories.blockSignals(False)
        first = next((i for i, c in enumerate(ORDER) if result.counts[c]), 0)
        self.categories.setCurrentRow(first)
        self.finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self.run_button.setEnabled(True)
        self._error(str(error))

    def _category_chosen(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        result = self.result
        if item is None or result is None:
            return
        category = Category(item.data(Qt.ItemDataRole.UserRole))  # Qt keeps it as text

        def read() -> list[Any]:
            return list(result.rows(category, limit=SHOWN_ROWS))

        self.bridge.run(self.bridge.services.run_blocking(read),
                        lambda rows: self._fill(category, rows), self._failed)

    def _fill(self, category: Category, rows: list[Any]) -> None:
        if self.result is None:
            return
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            when = row.completed_at.astimezone(EAT).strftime("%Y-%m-%d %H:%M:%S") \
                if row.completed_at else ""
            cells = (row.receipt or "", when, _money(row.paid_in), _money(row.withdrawn),
                     "" if row.log_amount is None else f"{row.log_amount:,}", row.note,
                     row.other_party or "", row.log_status or "", row.operation or "",
                     row.reference or "")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in AMOUNT_COLUMNS:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, cell)
        self.table.resizeColumnsToContents()
        total = self.result.counts[category]
        self.shown_note.setText(
            f"Showing {len(rows):,} of {total:,}: Save report… writes them all."
            if total > len(rows) else "")
        self.rows_shown.emit(category)

    # ---- files ----

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("Reconcile", "Statement file"), "",
                                              "Statements (*.csv *.xlsx);;All files (*)")
        if name:
            self.path.setText(name)
            self.from_file.setChecked(True)

    def _choose_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the report", "reconciliation.csv",
                                              "CSV (*.csv)")
        if name:
            self.save_report(Path(name))

    def save_report(self, path: Path) -> None:
        """Write every verdict to ``path`` (in a worker); say so when done."""
        if self.result is None:
            return
        self.bridge.run(self.bridge.services.run_blocking(self.result.write_csv, path),
                        lambda count: self._say(f"Wrote {count:,} rows to {path}.",
                                                HINT_COLOUR), self._failed)

    # ---- helpers ----

    def _drop_result(self) -> None:
        if self.result is not None:
            self.result.close()
        self.result = None
        self.categories.clear()
        self.table.setRowCount(0)
        self.shown_note.setText("")
        self.save_button.setEnabled(False)

    def _say(self, text: str, colour: str) -> None:
        self.status.setText(text)
        text_colour(self.status, colour)

    def _error(self, text: str) -> None:
        self._say(text, ERROR_COLOUR)


def eat_qt(moment: datetime) -> QDateTime:
    """``moment``'s East Africa wall-clock time, as the tab's date-time fields show it."""
    local = moment.astimezone(EAT)
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute))


def _aware(moment: QDateTime) -> datetime:
    """A date-time typed in the tab, read as East Africa Time (whatever the machine's zone)."""
    day, clock = moment.date(), moment.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                    tzinfo=EAT)


register_tab(ReconcileTab, name="reconcile", title="Reconcile", order=110,
             handles=(Op.PULL_REGISTER, Op.PULL_QUERY))
