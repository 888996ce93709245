"""The Bulk tab's table: one line per payee row of the file, its problems or what became of it.

A ``QAbstractTableModel`` over plain lists (a 10,000-row file is shown without building a widget
per cell). ``show`` fills it with the lines ``shown_of`` makes of a preview (in the worker:
wording 10,000 rows would stall the window); ``apply(outcome)`` and
``apply_status`` (a ledger status change, by reference) update one line as the run goes; the
views hear of the lines changed at most every ``REPAINT_MS`` (one range, however many lines: a
view repainting once per line of a cancelled 10,000-row run would stall the window).
The lines keep the service's words (statuses, actions) as data; the headers and the Status
column are shown in the window's language (``shown_status``), the notes are worded in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor

from mpesa_desktop.kenya import format_kes
from mpesa_desktop.services.bulk import NOT_SENT, REFUSED, SKIPPED, RowOutcome
from mpesa_desktop.services.bulk_file import BulkRow, RowProblem
from mpesa_desktop.services.bulk_preview import Preview
from mpesa_desktop.ui.bulk_confirm import describe_batch, type_name
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, core_text, moment_text, translate
from mpesa_desktop.ui.log_labels import STATUS_LABELS, status_label

COLUMNS = (QT_TRANSLATE_NOOP("Bulk", "Row"), QT_TRANSLATE_NOOP("Bulk", "Name"),
           QT_TRANSLATE_NOOP("Bulk", "Phone"), QT_TRANSLATE_NOOP("Bulk", "Amount"),
           QT_TRANSLATE_NOOP("Bulk", "Payment type"), QT_TRANSLATE_NOOP("Bulk", "Status"),
           QT_TRANSLATE_NOOP("Bulk", "Receipt"), QT_TRANSLATE_NOOP("Bulk", "Note"))
STATUS, RECEIPT, NOTE = 5, 6, 7
ERROR = "error"
TO_SEND = "to send"
SENT_EARLIER = "sent earlier: "
# The table's own status words (the others are the ledger's, or the service's ``refused`` and
# ``not sent``).
STATUS_WORDS = {
    ERROR: QT_TRANSLATE_NOOP("Bulk", "error"),
    "ok": QT_TRANSLATE_NOOP("Bulk", "ok"),
    TO_SEND: QT_TRANSLATE_NOOP("Bulk", "to send"),
    REFUSED: QT_TRANSLATE_NOOP("Bulk", "refused"),
    NOT_SENT: QT_TRANSLATE_NOOP("Bulk", "not sent"),
}
BAD = QColor("#b3261e")
GOOD = QColor("#1b5e20")
FAILED_STATUSES = {ERROR, "failed", "rejected", "refused", "unknown", "timed_out"}
Index = QModelIndex | QPersistentModelIndex
REPAINT_MS = 50
# The table's lines (each a row's cells as text) and the line of each ledger reference.
Lines = tuple[list[list[str]], dict[str, int]]


class BulkTableModel(QAbstractTableModel):
    """The payee rows of the file shown in the tab."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: list[list[str]] = []
        self._by_reference: dict[str, int] = {}
        self._by_row: dict[int, int] = {}
        self._dirty: tuple[int, int] | None = None  # the first and last lines changed
        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(REPAINT_MS)
        self._repaint.timeout.connect(self._flush)

    # -- filling ----------------------------------------------------------------------------

    def show(self, lines: Lines) -> None:
        """Rows made by ``problem_lines`` or ``plan_lines`` (in a worker: 10,000 rows take
        tens of milliseconds to word)."""
        self._fill(*lines)

    def clear(self) -> None:
        self._fill([], {})

    def _fill(self, lines: list[list[str]], references: dict[str, int]) -> None:
        self._repaint.stop()
        self._dirty = None
        self.beginResetModel()
        self._lines = lines
        self._by_reference = references
        self._by_row = {int(line[0]): index for index, line in enumerate(lines)}
        self.endResetModel()

    # -- live updates -------------------------------------------------------------------------

    def apply(self, outcome: RowOutcome) -> None:
        """A row was dealt with by the run (sent, refused, not sent...)."""
        index = self._by_row.get(outcome.row)
        if index is None:
            return
        if outcome.reference:
            self._by_reference[outcome.reference] = index
        line = self._lines[index]
        line[STATUS] = (f"{SENT_EARLIER}{outcome.status}" if outcome.action == SKIPPED
                        else outcome.status)
        line[RECEIPT] = outcome.receipt or ""
        if outcome.message and outcome.action != SKIPPED:
            line[NOTE] = outcome.message
        self._changed(index)

    def apply_status(self, reference: str, status: str, receipt: str | None) -> bool:
        """A ledger row changed status; True when it is one of this file's rows."""
        index = self._by_reference.get(reference)
        if index is None:
            return False
        line = self._lines[index]
        if not line[STATUS].startswith(SENT_EARLIER):
            line[STATUS] = status
        line[RECEIPT] = receipt or line[RECEIPT]
        self._changed(index)
        return True

    def _changed(self, index: int) -> None:
        first, last = self._dirty or (index, index)
        self._dirty = (min(first, index), max(last, index))
        if not self._repaint.isActive():
            self._repaint.start()

    def _flush(self) -> None:
        if self._dirty is not None:
            first, last = self._dirty
            self._dirty = None
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def status_of(self, row: int) -> str:
        """The status shown for the spreadsheet row ``row`` (tests and the summary)."""
        return self._lines[self._by_row[row]][STATUS]

    def note_of(self, row: int) -> str:
        return self._lines[self._by_row[row]][NOTE]

    # -- the model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == STATUS:
                return shown_status(line[STATUS])
            return line[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in (STATUS, NOTE):
            status = line[STATUS]
            if status in FAILED_STATUSES or (index.column() == NOTE and line[NOTE]):
                return BAD
            if status == "completed":
                return GOOD
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("Bulk", COLUMNS[section])
        return None

    def retranslate(self) -> None:
        """The headers and the statuses in the window's new language (the notes are worded
        again by a new preview)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._lines:
            self.dataChanged.emit(self.index(0, STATUS), self.index(len(self._lines) - 1, STATUS))


def shown_status(status: str) -> str:
    """A line's status in the window's language (a ledger status as the log says it)."""
    if status.startswith(SENT_EARLIER):
        return translate("Bulk", "sent earlier: {status}").fill(
            status=shown_status(status.removeprefix(SENT_EARLIER)))
    if status in STATUS_WORDS:
        return translate("Bulk", STATUS_WORDS[status])
    return status_label(status).lower() if status in STATUS_LABELS else status


def problem_lines(rows: tuple[BulkRow, ...], problems: dict[int, list[RowProblem]]) -> Lines:
    """The file's rows as read, each with its problems (rows without any are fine)."""
    lines = []
    for row in rows:
        found = problems.get(row.number, [])
        lines.append([str(row.number), row.name, row.cells.get("phone", ""),
                      row.cells.get("amount", ""),
                      type_name(row.cells.get("command_id", "")),
                      ERROR if found else "ok", "",
                      "; ".join(f"{p.column}: {core_text(p.message)}" for p in found)])
    return lines, {}


def plan_lines(outcomes: list[RowOutcome], types: dict[int, str], notes: dict[int, str]
               ) -> Lines:
    """The prepared run: rows to send, rows an earlier run sent, with ``notes`` by row."""
    lines, references = [], {}
    for index, outcome in enumerate(outcomes):
        status = (f"{SENT_EARLIER}{outcome.status}" if outcome.action == SKIPPED
                  else TO_SEND)
        lines.append([str(outcome.row), outcome.name, outcome.phone,
                      format_kes(outcome.amount), types.get(outcome.row, ""), status,
                      outcome.receipt or "", notes.get(outcome.row, "")])
        if outcome.reference:
            references[outcome.reference] = index
    return lines, references


@dataclass(frozen=True)
class Shown:
    """What the tab shows of a preview, worded in the worker: the table's lines, the summary
    and the problems, one line each."""

    lines: Lines
    summary: str
    problems: list[str]


def shown_of(preview: Preview) -> Shown:
    """Word ``preview`` for the tab (Qt-free work: run it in the worker)."""
    if preview.problems:
        count = len(preview.problems)
        lines = (problem_lines(preview.bulk_file.rows, preview.problems_by_row())
                 if preview.bulk_file is not None else ([], {}))
        summary = (translate("Bulk", "1 problem: correct the file (or the columns above) and "
                                     "open it again; nothing can be sent while any row has a "
                                     "problem.") if count == 1 else
                   translate("Bulk", "{count} problems: correct the file (or the columns "
                                     "above) and open it again; nothing can be sent while any "
                                     "row has a problem.").fill(count=f"{count:,}"))
        return Shown(lines, summary, [problem_text(problem) for problem in preview.problems])
    bulk = preview.bulk
    assert bulk is not None
    # What the confirmation reads, worked out here in the worker once (10,000 rows).
    bulk.payees, bulk.total, bulk.repeats, bulk.skipped, bulk.needs_retyped_total  # noqa: B018
    repeated = translate("Bulk", "paid the same amount on {when} ({reference}): asked before "
                                 "sending")
    notes: dict[int, str] = {
        outcome.row: repeated.fill(when=moment_text(earlier.created_at),
                                   reference=earlier.reference)
        for outcome, earlier in bulk.repeats}
    notes.update({o.row: translate("Bulk", "sent by an earlier run of this file: not sent again")
                  for o in bulk.skipped})
    types = {o.row: type_name(o.payment_type) if o.payment_type else "" for o in bulk.outcomes}
    return Shown(plan_lines(bulk.outcomes, types, notes), describe_batch(bulk), [])


def problem_text(problem: RowProblem) -> str:
    """A problem of the file in the window's language: where (row, the column as the file
    names it), then the rule."""
    return f"{core_text(problem.where())}: {core_text(problem.message)}"
