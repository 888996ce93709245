"""Reconcile: the log against M-Pesa's own record (issue 15), and the Pull Transactions set-up.

The clerk picks the Org Portal's statement export (CSV or XLSX) or asks Pull Transactions for a
time range, and presses Reconcile; the matching (``reconcile.matching``) runs in a worker thread.
The categories are listed with their counts, the most serious first; choosing one shows its rows
(the first ``SHOWN_ROWS``, read in a worker too); "Save report…" writes every verdict as CSV.
Open rows M-Pesa completed are settled as it runs, their history naming the statement's row.
Below, the one-time registration of the shortcode for Pull Transactions. Its words, the
categories and the columns are in the window's language and switch live; what differs in a row
(the matching's note, kept in the result's table) and the report file stay English.
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
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    core_text,
    error_text,
    on_language_change,
    show_text,
    translate,
)
from mpesa_desktop.ui.keyboard import TabLeaves
from mpesa_desktop.ui.log_labels import operation_label, status_label
from mpesa_desktop.ui.look import ERROR_COLOUR, HINT_COLOUR, PlainLabel, scrolling, text_colour
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import OperationTab

SHOWN_ROWS = 1000
MIN_TABLE_HEIGHT = 220
COLUMNS = (QT_TRANSLATE_NOOP("Reconcile", "Receipt"), QT_TRANSLATE_NOOP("Reconcile", "Time"),
           QT_TRANSLATE_NOOP("Reconcile", "Paid in"), QT_TRANSLATE_NOOP("Reconcile", "Withdrawn"),
           QT_TRANSLATE_NOOP("Reconcile", "Log amount"),
           QT_TRANSLATE_NOOP("Reconcile", "What differs"),
           QT_TRANSLATE_NOOP("Reconcile", "Other party"),
           QT_TRANSLATE_NOOP("Reconcile", "Log status"),
           QT_TRANSLATE_NOOP("Reconcile", "Operation"),
           QT_TRANSLATE_NOOP("Reconcile", "Reference"))
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


class TimeField(TabLeaves, QDateTimeEdit):
    """A date and time of the Pull range; Tab leaves it (its parts take the arrow keys)."""


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

        self.from_file = QRadioButton(self)
        self.from_file.setChecked(True)
        self.path = QLineEdit(self)
        choose = QPushButton(self)
        choose.clicked.connect(self._choose_file)
        self.from_pull = QRadioButton(self)
        now = datetime.now(EAT)
        self.start = TimeField(eat_qt(now - timedelta(days=1)), self)
        self.end = TimeField(eat_qt(now + timedelta(minutes=1)), self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.run_button = QPushButton(self)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start_reconciliation)
        self.save_button = QPushButton(self)
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
        start, end = PlainLabel(self), PlainLabel(self)
        times.addWidget(start)
        times.addWidget(self.start)
        times.addSpacing(12)
        times.addWidget(end)
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
        for widget, setter, text in (
            (self.from_file, "setText",
             translate("Reconcile", "Statement file (the Org Portal's export, CSV or XLSX)")),
            (self.path, "setPlaceholderText", translate("Reconcile", "the statement file")),
            (choose, "setText", translate("Reconcile", "Choose…")),
            (self.from_pull, "setText", translate(
                "Reconcile", "Pull Transactions (online: payments received, last 48 hours)")),
            (self.run_button, "setText", translate("Reconcile", "Reconcile")),
            (self.save_button, "setText", translate("Reconcile", "Save report…")),
            (start, "setText", translate("Reconcile", "From")),
            (end, "setText", translate("Reconcile", "To")),
            (self.path, "setAccessibleName", translate("Reconcile", "Statement file")),
            (self.start, "setAccessibleName", translate("Reconcile", "From")),
            (self.end, "setAccessibleName", translate("Reconcile", "To")),
            (self.categories, "setAccessibleName", translate("Reconcile", "Categories")),
            (self.table, "setAccessibleName", translate("Reconcile", "Rows of the category")),
        ):
            show_text(widget, setter, text)
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
        self._retranslate()
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """The columns, the categories' names and the verdict in the window's language."""
        self.table.setHorizontalHeaderLabels([translate("Reconcile", text) for text in COLUMNS])
        self.table.resizeColumnsToContents()  # each heading whole, in either language
        if self.result is not None:
            self._say_verdict()
            for row in range(self.categories.count()):
                item = self.categories.item(row)
                item.setText(self._category_text(Category(item.data(Qt.ItemDataRole.UserRole))))

    def _category_text(self, category: Category) -> str:
        assert self.result is not None
        return f"{core_text(LABELS[category])}: {self.result.counts[category]:,}"

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
                self._error(translate("Reconcile", "To must be after From."))
                return
            from mpesa_desktop.reconcile.pulled import reconcile_pull

            work: Any = reconcile_pull(services, start, end)
            source: str = translate("Reconcile", "M-Pesa (Pull Transactions)")
        else:
            path = Path(self.path.text().strip())
            if not self.path.text().strip():
                self._error(translate("Reconcile", "Choose the statement file first."))
                return
            from mpesa_desktop.reconcile.matching import reconcile
            from mpesa_desktop.reconcile.statement import read_statement

            def matched() -> Reconciliation:
                return reconcile(services.ledger, read_statement(path), source=path.name)

            work = services.run_blocking(matched)
            source = path.name
        self.run_button.setEnabled(False)
        self._say(translate("Reconcile", "Reconciling the log with {source}…").fill(
            source=source), HINT_COLOUR)
        self.bridge.run(work, self._show_result, self._failed,
                        reaches_server=self.from_pull.isChecked())

    def _show_result(self, result: Reconciliation) -> None:
        self.run_button.setEnabled(True)
        self._drop_result()
        self.result = result
        self.save_button.setEnabled(True)
        self._say_verdict()
        self.categories.blockSignals(True)
        for category in ORDER:
            count = result.counts[category]
            item = QListWidgetItem(self._category_text(category))
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
        self._error(error_text(error))

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
                     row.other_party or "", status_label(row.log_status) if row.log_status
                     else "", operation_label(row.operation) if row.operation else "",
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
            translate("Reconcile", "Showing {shown} of {total}: Save report… writes them "
                                   "all.").fill(shown=f"{len(rows):,}", total=f"{total:,}")
            if total > len(rows) else "")
        self.rows_shown.emit(category)

    # ---- files ----

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("Reconcile", "Statement file"), "",
                                              translate("Reconcile", "Statements (*.csv *.xlsx);;"
                                                                     "All files (*)"))
        if name:
            self.path.setText(name)
            self.from_file.setChecked(True)

    def _choose_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, translate("Reconcile", "Save the report"),
                                              "reconciliation.csv", "CSV (*.csv)")
        if name:
            self.save_report(Path(name))

    def save_report(self, path: Path) -> None:
        """Write every verdict to ``path`` (in a worker); say so when done."""
        if self.result is None:
            return
        self.bridge.run(self.bridge.services.run_blocking(self.result.write_csv, path),
                        lambda count: self._say(translate(
                            "Reconcile", "Wrote {count} rows to {path}.").fill(
                            count=f"{count:,}", path=path), HINT_COLOUR), self._failed)

    # ---- helpers ----

    def _drop_result(self) -> None:
        if self.result is not None:
            self.result.close()
        self.result = None
        self.categories.clear()
        self.table.setRowCount(0)
        self.shown_note.setText("")
        self.save_button.setEnabled(False)

    def _say_verdict(self) -> None:
        """How many rows of the result shown need a look (or that everything matches)."""
        assert self.result is not None
        problems = self.result.problems
        self._say(translate("Reconcile", "{count} to look at.").fill(count=f"{problems:,}")
                  if problems else translate("Reconcile", "Everything matches."),
                  ERROR_COLOUR if problems else HINT_COLOUR)

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
