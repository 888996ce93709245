"""The export dialog: write the transaction log as CSV without ever freezing the window.

``ExportDialog(services, filters=None, parent=None)`` asks for the file, the date range (the log
tab's filters otherwise carry over) and the columns, then runs ``services.exports`` (the same
checks, writer and sentences as ``mpesa-desktop export``) in the services' worker. Progress
comes back to the GUI thread as a Qt signal, at most every ``PROGRESS_INTERVAL`` seconds; Cancel
stops the writer between rows and removes the partial file.
A file that exists already is replaced only after the clerk says so (``replace_question``).
Its words, and the services' sentences, are in the window's language (context ``Export``).

Signals:
    exported(str, int): the file written and its number of rows.
    failed(str): a sentence saying why nothing (complete) was written.
    cancelled(): the clerk cancelled; no file is left behind.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.ledger import Filters
from mpesa_desktop.ledger.export import DEFAULT_COLUMNS, ExportResult
from mpesa_desktop.services.exports import (
    CANCELLED_MESSAGE,
    ExportError,
    TargetExists,
    check_target,
    export_log,
    finished_message,
)
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    core_text,
    error_text,
    name_buttons,
    translate,
)
from mpesa_desktop.ui.keyboard import give_dialog_mnemonics
from mpesa_desktop.ui.log_filters import ANY_DATE, date_edit
from mpesa_desktop.ui.log_labels import operation_label, status_label
from mpesa_desktop.ui.look import PlainLabel

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices

PROGRESS_INTERVAL = 0.05
# The filters carried over from the log, as the clerk reads them (``Filters`` fields).
FILTER_NAMES = {
    "operation": QT_TRANSLATE_NOOP("Export", "operation {value}"),
    "status": QT_TRANSLATE_NOOP("Export", "status {value}"),
    "phone": QT_TRANSLATE_NOOP("Export", "phone {value}"),
    "receipt": QT_TRANSLATE_NOOP("Export", "receipt {value}"),
    "text": QT_TRANSLATE_NOOP("Export", "text {value}"),
}

# The filters whose values are names the log has words for.
WORDS_OF = {"operation": operation_label, "status": status_label}


def column_caption(name: str) -> str:
    """A column's name as its tick box reads in English (``party_a`` -> ``Party a``)."""
    return name.replace("_", " ").capitalize()


class _ProgressRelay(QObject):
    """Carries the writer's progress from the worker thread to the GUI thread.

    Signal ``progressed(int, int)``: rows written, rows in all (0 when not known).
    """

    progressed = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self._last = 0.0

    def report(self, done: int, total: int | None = None) -> None:
        """Called by the writer in the worker; emits at most every ``PROGRESS_INTERVAL``."""
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or (total and done >= total):
            self._last = now
            self.progressed.emit(int(done), int(total or 0))


def _qdate(value: date | None) -> QDate:
    """A filter's date bound as a date field's value (no bound: "Any date")."""
    if value is None:
        return ANY_DATE
    day = value.date() if isinstance(value, datetime) else value
    return QDate(day.year, day.month, day.day)


def _bound(value: QDate) -> date | None:
    """A date field's value as a filter's date bound ("Any date": no bound)."""
    return None if value == ANY_DATE else date(value.year(), value.month(), value.day())


class ExportDialog(QDialog):
    """Choose dates, columns and a file; watch the progress; cancel at any time."""

    exported = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, services: AppServices, filters: Filters | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Export", "Export the transaction log"))
        self.setModal(False)
        self._services = services
        self._task: asyncio.Future[ExportResult] | None = None
        self._filters = filters or Filters()
        self._cancel = threading.Event()
        self._running = False
        self.replace_question: QMessageBox | None = None  # open while asking to replace

        self.path = QLineEdit(self)
        self.path.setAccessibleName(translate("Export", "File to save"))
        self.path.setPlaceholderText(translate("Export", "Where to save the CSV file"))
        default_name = f"mpesa-log-{date.today():%Y-%m-%d}.csv"
        self.path.setText(str(Path.home() / default_name))
        browse = QPushButton(translate("Export", "Browse…"), self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        self.date_from = date_edit(self, _qdate(self._filters.date_from))
        self.date_to = date_edit(self, _qdate(self._filters.date_to))
        self.date_from.setAccessibleName(translate("Export", "From date"))
        self.date_to.setAccessibleName(translate("Export", "To date"))
        self.excel = QCheckBox(translate("Export", "For Excel (adds a byte-order mark)"), self)

        columns_box = QGroupBox(translate("Export", "Columns"), self)
        grid = QGridLayout(columns_box)
        self.columns: dict[str, QCheckBox] = {}
        for number, name in enumerate(DEFAULT_COLUMNS):
            box = QCheckBox(translate("Columns", column_caption(name)), columns_box)
            box.setObjectName(name)
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
            grid.addWidget(box, number // 3, number % 3)
            self.columns[name] = box

        form = QFormLayout()
        form.addRow(translate("Export", "File:"), path_row)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(PlainLabel(translate("Export", "to"), self))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        form.addRow(translate("Export", "Dates:"), dates)
        form.addRow("", self.excel)
        filtered = self._filter_summary()
        if filtered:
            form.addRow(translate("Export", "Filters:"), PlainLabel(filtered, self))

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.progress.hide()
        self.state = PlainLabel("", self)
        self.state.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            translate("Export", "Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.path.textChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(columns_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.buttons)
        give_dialog_mnemonics(self)
        self._update_buttons()

    # -- what the clerk chose ----------------------------------------------------------------

    def chosen_columns(self) -> list[str]:
        """The ticked columns, in the export's order."""
        return [name for name, box in self.columns.items() if box.isChecked()]

    def chosen_filters(self) -> Filters:
        """The log tab's filters with this dialog's date range."""
        return dataclasses.replace(self._filters, date_from=_bound(self.date_from.date()),
                                   date_to=_bound(self.date_to.date()))

    @property
    def running(self) -> bool:
        """True while the file is being written."""
        return self._running

    def _filter_summary(self) -> str:
        """The log's filters carried over, in the clerk's words (operations and statuses by
        their labels)."""
        parts = []
        for field, name in FILTER_NAMES.items():
            value = getattr(self._filters, field)
            if not value:
                continue
            if field in WORDS_OF:
                names = value.split(",") if isinstance(value, str) else value
                value = ", ".join(WORDS_OF[field](each) for each in names)
            parts.append(translate("Export", name).fill(value=value))
        return "; ".join(parts)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, translate("Export", "Export the transaction log"), self.path.text(),
            translate("Export", "CSV files (*.csv)")
        )
        if name:
            self.path.setText(name)

    def _update_buttons(self) -> None:
        ready = bool(self.path.text().strip()) and bool(self.chosen_columns())
        self.export_button.setEnabled(ready and not self._running)
        for widget in (self.path, self.date_from, self.date_to, self.excel, *self.columns.values()):
            widget.setEnabled(not self._running)

    # -- running -----------------------------------------------------------------------------

    def start(self) -> None:
        """Write the file in the worker, after asking before an existing file is replaced; the
        window stays responsive (even the check of the file runs in the worker)."""
        if self._running:
            return
        target = Path(self.path.text().strip()).expanduser()
        self._cancel = threading.Event()
        self._running = True
        self._update_buttons()
        self.state.setText(translate("Export", "Checking the file…"))
        task = asyncio.get_running_loop().create_task(
            self._services.run_blocking(check_target, target))
        task.add_done_callback(lambda done: self._target_checked(target, done))

    def _target_checked(self, target: Path, task: asyncio.Future[Path]) -> None:
        error = None if task.cancelled() else task.exception()
        if task.cancelled() or self._cancel.is_set():
            self._stopped(core_text(CANCELLED_MESSAGE))
            self.cancelled.emit()
        elif isinstance(error, TargetExists):
            self._ask_replace(target)
        elif error is not None:
            self._failed(error)
        else:
            self._begin(target)

    def _ask_replace(self, target: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, translate("Export", "Replace the file?"),
                          translate("Export", "{name} already exists in {folder}.\n"
                                              "Replace it with this export?").fill(
                              name=target.name, folder=target.parent),
                          QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        replace = box.addButton(translate("Export", "&Replace"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(translate("Buttons", "Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.replace_question = box

        def answered() -> None:
            self.replace_question = None
            if box.clickedButton() is replace:
                self._begin(target)
            else:
                self._stopped(translate(
                    "Export", "Nothing was written: choose another file, or replace this one."))
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    def _stopped(self, text: str) -> None:
        self._running = False
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        self.progress.hide()
        self.state.setText(text)

    def _begin(self, target: Path) -> None:
        self.progress.setValue(0)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.state.setText(translate("Export", "Counting the rows…"))
        relay = _ProgressRelay()
        relay.progressed.connect(self._progressed)
        self._relay = relay
        self._task = asyncio.get_running_loop().create_task(self._services.run_blocking(
            self._write, target, self.chosen_filters(), self.chosen_columns(),
            self.excel.isChecked(), relay, self._cancel,
        ))
        self._task.add_done_callback(lambda task: self._done_writing(task, target))

    def _done_writing(self, task: asyncio.Future[ExportResult], target: Path) -> None:
        error = RuntimeError("the export was stopped") if task.cancelled() else task.exception()
        if error is not None:
            self._failed(error)
        else:
            self._finished(target, task.result())

    def _write(
        self, target: Path, filters: Filters, columns: list[str], excel: bool,
        relay: _ProgressRelay, cancel: threading.Event,
    ) -> ExportResult:
        """Runs in the worker: the log's streaming writer (the clerk agreed to replace)."""
        return export_log(
            self._services.ledger, target, filters=filters, columns=columns, excel=excel,
            replace=True, progress=relay.report, cancel=cancel.is_set,
        )

    def cancel(self) -> None:
        """Stop a running export (the partial file is removed), or close the dialog."""
        if self._running:
            self._cancel.set()
            self.state.setText(translate("Export", "Cancelling…"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _progressed(self, done: int, total: int) -> None:
        if not self._running:
            return
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.state.setText(translate("Export", "Written {done} of {total} rows").fill(
                done=f"{done:,}", total=f"{total:,}"))
        else:
            self.state.setText(translate("Export", "Written {done} rows").fill(done=f"{done:,}"))

    def _finished(self, target: Path, result: ExportResult) -> None:
        if result.cancelled:
            self._stopped(core_text(finished_message(result, target)))
            self.cancelled.emit()
            return
        self._running = False
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        count = result.rows
        self.progress.setRange(0, max(count, 1))
        self.progress.setValue(max(count, 1))
        self.state.setText(core_text(finished_message(result, target)))
        self.cancel_button.setText(translate("Buttons", "Close"))
        self.exported.emit(str(target), count)

    def _failed(self, error: BaseException) -> None:
        text = (error_text(error) if isinstance(error, ExportError)
                else translate("Export", "The export failed: {error}").fill(error=error))
        self._stopped(text)
        self.failed.emit(text)

    def closeEvent(self, event: Any) -> None:
        self._cancel.set()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Closing the dialog cancels a running export."""
        self._cancel.set()
        super().done(result)

