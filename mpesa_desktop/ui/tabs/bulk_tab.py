"""Bulk payments: pay every row of a CSV or XLSX file (B2C), with the command line's rules.

The clerk opens a file; its header is mapped to the fields (guessed from the usual spellings,
changeable, remembered per file layout), and every row is checked as ``BulkPayout.prepare``
checks it: problems are listed per row and cell, and nothing can be sent while there is one.
Otherwise the tab shows the payees, the total in figures and words and the totals by payment
type; rows an earlier run of the same file sent are shown as such and never sent again. Send
asks for the confirmation of the whole batch (``ui.bulk_confirm``), then ``BulkPayout.send``
runs on the window's loop (every blocking step in the services' worker) at the rate set, with a
progress bar, each row's status followed live, pause, resume and cancel. Closing the window, or
a crash, leaves the rest for a later run of the same file. "Save result…" writes each row's
status and receipt (CSV or XLSX); "Save template…" the empty file to fill in.

Its words are in the window's language (context ``Bulk``) and switch live: the preview is worded
again (the file, its mapping and a run going on stay); what the file holds is data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.services.bulk import NOT_SENT, SKIPPED, BulkPayout, RowOutcome
from mpesa_desktop.services.bulk_preview import Preview, preview_file
from mpesa_desktop.services.bulk_result import write_result
from mpesa_desktop.services.bulk_sheet import (
    Sheet,
    guess_mapping,
    read_sheet,
    remembered_mapping,
)
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.bulk_confirm import bulk_confirmation, payees
from mpesa_desktop.ui.bulk_files import choose_save, copy_template
from mpesa_desktop.ui.bulk_mapping import MappingPanel
from mpesa_desktop.ui.bulk_table import BulkTableModel, Shown, problem_text, shown_of
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.errors import explain
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    core_text,
    error_text,
    on_language_change,
    show_data,
    show_text,
    translate,
)
from mpesa_desktop.ui.look import (
    ERROR_COLOUR,
    HEADING_COLOUR,
    HINT_COLOUR,
    PlainLabel,
    emphasise,
    text_colour,
)
from mpesa_desktop.ui.tab_registry import register_tab

GUIDE = QT_TRANSLATE_NOOP(
    "Bulk",
    "One payee a row, the header first: phone, amount (whole shillings), remarks; optional: "
    "payment type (BusinessPayment, SalaryPayment or PromotionPayment), name, national ID, "
    "occasion. Open the file, check the columns, read the preview, then Send. Opening the "
    "same file again never pays anyone twice: rows already sent are shown and skipped.",
)
NO_FILE = QT_TRANSLATE_NOOP("Bulk", "No file opened.")
# What became of the rows of a run (``services.bulk``'s actions), as the clerk reads it.
ACTIONS = {
    "sent": QT_TRANSLATE_NOOP("Bulk", "{count} sent"),
    "resent": QT_TRANSLATE_NOOP("Bulk", "{count} resent"),
    "skipped": QT_TRANSLATE_NOOP("Bulk", "{count} skipped"),
    "refused": QT_TRANSLATE_NOOP("Bulk", "{count} refused"),
    "not sent": QT_TRANSLATE_NOOP("Bulk", "{count} not sent"),
}
SHOWN_PROBLEMS = 500
DEFAULT_RATE, MAX_RATE = 1.0, 50.0


class BulkTab(QWidget):
    """The "Bulk payments" tab. Signals: ``previewed(preview)`` when a preview is shown,
    ``finished()`` when a run ended (done, stopped or cancelled)."""

    previewed = Signal(object)
    finished = Signal()
    heading = "Bulk payments"

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.sheet: Sheet | None = None
        self.preview: Preview | None = None
        self.bulk: BulkPayout | None = None
        self.confirm_dialog: ConfirmDialog | None = None
        self.running = False
        self._due: set[int] = set()
        self._previews = 0  # the latest preview asked for: an older one arriving is dropped

        title = PlainLabel(self)
        show_text(title, "setText", translate("Tabs", self.heading))
        emphasise(title, HEADING_COLOUR, points_up=4)
        guide = PlainLabel(self)
        show_text(guide, "setText", translate("Bulk", GUIDE))
        guide.setObjectName("bulkGuide")
        guide.setWordWrap(True)
        text_colour(guide, HINT_COLOUR)

        self.open_button = QPushButton(self)
        show_text(self.open_button, "setText", translate("Bulk", "&Open file…"))
        self.open_button.clicked.connect(self._choose_file)
        self.file_label = PlainLabel(self)
        show_text(self.file_label, "setText", translate("Bulk", NO_FILE))
        self.template_button = QPushButton(self)
        show_text(self.template_button, "setText", translate("Bulk", "Save &template…"))
        self.template_button.clicked.connect(self._choose_template)
        files = QHBoxLayout()
        files.addWidget(self.open_button)
        files.addWidget(self.file_label, 1)
        files.addWidget(self.template_button)

        self.mapping = MappingPanel(self)
        self.mapping.changed.connect(self.refresh_preview)
        self.mapping.setEnabled(False)

        self.summary = PlainLabel("", self)
        self.summary.setObjectName("bulkSummary")
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("bulkProblems")
        self.problems.setReadOnly(True)
        show_text(self.problems, "setAccessibleName", translate("Bulk", "Problems of the file"))
        self.problems.setMaximumHeight(110)
        self.problems.hide()

        self.model = BulkTableModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        show_text(self.table, "setAccessibleName", translate("Bulk", "Payees of the file"))
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for index, width in enumerate((50, 150, 120, 100, 130, 150, 110)):
            self.table.setColumnWidth(index, width)

        self.rate = QDoubleSpinBox(self)
        self.rate.setRange(0.1, MAX_RATE)
        self.rate.setValue(DEFAULT_RATE)
        show_text(self.rate, "setSuffix", translate("Bulk", " a second"))
        show_text(self.rate, "setAccessibleName", translate("Bulk", "Requests a second"))
        self.rate.valueChanged.connect(self._rate_changed)
        self.send_button = QPushButton(self)
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.ask_to_send)
        self.pause_button = QPushButton(self)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(self)
        show_text(self.cancel_button, "setText", translate("Bulk", "&Cancel run"))
        self.cancel_button.clicked.connect(self.cancel_run)
        self.result_button = QPushButton(self)
        show_text(self.result_button, "setText", translate("Bulk", "Save &result…"))
        self.result_button.clicked.connect(self._choose_result)
        self.progress = QProgressBar(self)
        show_text(self.progress, "setFormat", translate("Bulk", "%v of %m rows"))
        self.status = PlainLabel("", self)
        self.status.setObjectName("bulkStatus")
        self.status.setWordWrap(True)
        controls = QHBoxLayout()
        rate = PlainLabel(self)
        show_text(rate, "setText", translate("Bulk", "R&ate:"))
        rate.setBuddy(self.rate)
        controls.addWidget(rate)
        controls.addWidget(self.rate)
        controls.addWidget(self.send_button)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress, 1)
        controls.addWidget(self.result_button)

        column = QVBoxLayout(self)
        column.setContentsMargins(24, 18, 24, 18)
        column.setSpacing(10)
        for widget in (title, guide):
            column.addWidget(widget)
        column.addLayout(files)
        column.addWidget(self.mapping)
        column.addWidget(self.summary)
        column.addWidget(self.problems)
        column.addWidget(self.table, 1)
        column.addLayout(controls)
        column.addWidget(self.status)
        bridge.status_changed.connect(self._on_status_changed)
        self._paint_controls()
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """The buttons, the table and the preview in the window's new language."""
        self._paint_controls()
        self.model.retranslate()
        if self.window().isVisible() and self.sheet is not None and not self.running and (
                self.bulk is None or self.bulk.run_id is None):  # a run's outcomes stay shown
            self.refresh_preview()

    @property
    def services(self) -> Any:
        return self.bridge.services

    def reload(self) -> None:
        """Another profile: nothing of the previous file stays (a run going on is cancelled)."""
        if self.bulk is not None and self.running:
            self.bulk.control.cancel()
        self.sheet = self.preview = self.bulk = None
        self.model.clear()
        self.mapping.setEnabled(False)
        show_text(self.file_label, "setText", translate("Bulk", NO_FILE))
        self.summary.setText("")
        self.problems.hide()
        self.status.setText("")
        self.progress.reset()
        self._paint_controls()

    # ---- opening and previewing ----

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, translate("Bulk", "Payees file"), "",
            translate("Bulk", "Payees (*.csv *.xlsx);;All files (*)"))
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Read ``path`` in the worker, map its columns, and preview it."""
        if self.running:
            return
        self.bulk = self.preview = None
        show_text(self.file_label, "setText",
                  translate("Bulk", "Reading {file}…").fill(file=path.name))
        self._paint_controls()

        async def read() -> tuple[Sheet, dict[str, int]]:
            sheet = await self.services.run_blocking(read_sheet, path)
            mapping = await self.services.run_blocking(
                remembered_mapping, self.services.ledger, sheet.header)
            return sheet, mapping or guess_mapping(sheet.header)

        self.bridge.run(read(), self._on_read, self._on_read_failed)

    def _on_read(self, found: tuple[Sheet, dict[str, int]]) -> None:
        self.sheet, mapping = found
        show_data(self.file_label, "setText", str(self.sheet.path))
        self.mapping.set_header(self.sheet.header, mapping)
        self.mapping.setEnabled(True)
        self.refresh_preview()

    def _on_read_failed(self, error: Exception) -> None:
        self.sheet = None
        show_text(self.file_label, "setText", translate("Bulk", NO_FILE))
        self.model.clear()
        self._show_problems([problem_text(p) for p in getattr(error, "problems", [])]
                            or [error_text(error)])
        self.summary.setText(translate("Bulk", "The file cannot be read; nothing can be sent."))
        self.previewed.emit(None)

    def refresh_preview(self) -> None:
        """Check every row again under the mapping shown."""
        if self.sheet is None or self.running:
            return
        self.bulk = None
        self.summary.setText(translate("Bulk", "Checking every row…"))
        self._paint_controls()
        self._previews += 1
        asked = self._previews
        services, sheet, mapping = self.services, self.sheet, self.mapping.mapping()

        async def checked() -> tuple[Preview, Shown]:
            preview = await preview_file(services, sheet, mapping)
            return preview, await services.run_blocking(shown_of, preview)

        self.bridge.run(checked(), lambda found: self._show_preview(*found, asked),
                        self._on_read_failed)

    def _show_preview(self, preview: Preview, shown: Shown, asked: int) -> None:
        if asked != self._previews:
            return
        self.preview = preview
        self.bulk = preview.bulk if not preview.problems else None
        self.model.show(shown.lines)
        self.summary.setText(shown.summary)
        if preview.problems:
            text_colour(self.summary, ERROR_COLOUR)
            self._show_problems(shown.problems)
        else:
            text_colour(self.summary, HEADING_COLOUR)
            self.problems.hide()
        self._paint_controls()
        self.previewed.emit(preview)

    def _show_problems(self, lines: list[str]) -> None:
        shown = lines[:SHOWN_PROBLEMS]
        if len(lines) > SHOWN_PROBLEMS:
            shown.append(translate("Bulk", "…and {count} more.").fill(
                count=f"{len(lines) - SHOWN_PROBLEMS:,}"))
        self.problems.setPlainText("\n".join(shown))
        self.problems.show()

    # ---- sending ----

    def ask_to_send(self) -> None:
        """Open the confirmation of the whole batch (nothing is sent before it is accepted)."""
        bulk = self.bulk
        if bulk is None or self.running or not bulk.payees or self.confirm_dialog is not None:
            return
        dialog = bulk_confirmation(bulk, self.services.profile, self)
        self.confirm_dialog = dialog

        def accepted() -> None:
            self.confirm_dialog = None
            self.start_run(bulk, dialog.confirmed_amount, dialog.second_payment)
            dialog.deleteLater()

        def rejected() -> None:
            self.confirm_dialog = None
            self.status.setText(translate("Bulk", "Cancelled; nothing was sent."))
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.open()

    def start_run(self, bulk: BulkPayout, confirmed_total: int | None,
                  allow_repeats: bool) -> None:
        self.running = True
        self._due = {o.row for o in bulk.outcomes if o.action != SKIPPED}
        self.progress.setRange(0, len(self._due))
        self.progress.setValue(0)
        self.status.setText(translate("Bulk", "Sending…"))
        self._paint_controls()
        run = bulk.send(rate=self.rate.value(), confirmed_total=confirmed_total,
                        allow_repeats=allow_repeats, on_row=self._on_row)
        self.bridge.run(run, lambda _outcomes: self._run_ended(bulk, None),
                        lambda error: self._run_ended(bulk, error), reaches_server=True)

    def _on_row(self, outcome: RowOutcome) -> None:
        self.model.apply(outcome)
        if outcome.row in self._due and outcome.action != NOT_SENT:  # rows left by a cancel
            self.progress.setValue(self.progress.value() + 1)

    def _run_ended(self, bulk: BulkPayout, error: Exception | None) -> None:
        self.running = False
        if error is not None:
            told = explain(error, {})
            self.status.setText(translate("Bulk", "Not sent: {reason}").fill(
                reason=f"{told.headline}. {told.message}"))
        else:
            actions = Counter(outcome.action for outcome in bulk.outcomes)
            counts = ", ".join(translate("Bulk", ACTIONS.get(action, "{count} " + action)).fill(
                count=f"{count:,}") for action, count in actions.items())
            self.status.setText(
                translate("Bulk", "{stopped}. {counts}. Rows not sent are sent by opening the "
                                  "same file again.").fill(stopped=core_text(bulk.stopped),
                                                           counts=counts)
                if bulk.stopped else
                translate("Bulk", "Done: {counts}; each row's status follows in the "
                                  "table.").fill(counts=counts))
        self._paint_controls()
        self.finished.emit()

    def toggle_pause(self) -> None:
        if self.bulk is None or not self.running:
            return
        if self.bulk.control.paused:
            self.bulk.control.resume()
            self.status.setText(translate("Bulk", "Sending…"))
        else:
            self.bulk.control.pause()
            self.status.setText(
                translate("Bulk", "Paused after the row being sent; Resume goes on."))
        self._paint_controls()

    def cancel_run(self) -> None:
        """No further row is sent; the rest stay for a later run of the file."""
        if self.bulk is not None and self.running:
            self.bulk.control.cancel()
            self.status.setText(translate("Bulk", "Cancelling after the row being sent…"))

    def _rate_changed(self, rate: float) -> None:
        if self.bulk is not None:
            self.bulk.control.set_rate(rate)

    def _on_status_changed(self, change: Any) -> None:
        transaction = change.transaction
        self.model.apply_status(transaction.reference, change.new, transaction.receipt)

    def _paint_controls(self) -> None:
        bulk, running = self.bulk, self.running
        self.open_button.setEnabled(not running)
        self.mapping.setEnabled(self.sheet is not None and not running)
        self.send_button.setEnabled(bulk is not None and bulk.payees > 0 and not running
                                    and bulk.run_id is None)
        self.send_button.setText(
            translate("Bulk", "&Send to {payees}…").fill(payees=payees(bulk.payees))
            if bulk and bulk.payees else translate("Bulk", "&Send…"))
        self.pause_button.setEnabled(running)
        self.pause_button.setText(translate("Bulk", "Res&ume") if bulk and bulk.control.paused
                                  else translate("Bulk", "Pa&use"))
        self.cancel_button.setEnabled(running)
        self.result_button.setEnabled(bulk is not None and bulk.run_id is not None
                                      and not running)

    # ---- files ----

    def _choose_result(self) -> None:
        path = choose_save(self, translate("Bulk", "Save the result"), "bulk-result.csv")
        if path is not None:
            self.save_result(path)

    def save_result(self, path: Path) -> None:
        """Write each row's status, receipt and name returned (CSV or XLSX by the suffix), each
        row's status read afresh from the log, in the worker."""
        if self.bulk is not None:
            self._in_worker(write_result, path, self.bulk, self.services.ledger,
                            done=translate("Bulk", "Result saved to {path}.").fill(path=path))

    def _choose_template(self) -> None:
        path = choose_save(self, translate("Bulk", "Save the template"), "payees.xlsx")
        if path is not None:
            self.save_template(path)

    def save_template(self, path: Path) -> None:
        """Copy the template (XLSX or CSV, by ``path``'s suffix) to ``path`` in the worker."""
        self._in_worker(copy_template, path,
                        done=translate("Bulk", "Template saved to {path}.").fill(path=path))

    def _in_worker(self, fn: Any, *args: Any, done: str) -> None:
        self.bridge.run_blocking(fn, *args, on_result=lambda _: self.status.setText(done),
                                 on_error=lambda error: self.status.setText(
                                     translate("Bulk", "Not saved: {error}").fill(
                                         error=error_text(error))))


register_tab(BulkTab, name="bulk", title="Bulk payments", order=108)
