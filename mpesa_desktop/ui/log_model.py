"""The transaction log as a Qt table model, fetched page by page from the ledger.

``LogModel`` is a hand-written ``QAbstractTableModel`` over ``Ledger.query`` with keyset
pagination: it holds only the pages the view has scrolled to, so a log of a million rows opens
as fast as one of a hundred. Every query runs in the services' worker through
``services.run_blocking``; the GUI thread never touches SQLite. The first page of new filters
replaces the rows in one model reset (the old rows stay until then); later pages arrive as
``rowsInserted`` when the view scrolls to the end (``canFetchMore``/``fetchMore``).

The rows come in the filters' order (newest first unless they sort otherwise: the headers of
:data:`SORTABLE` columns set it). The columns put what a clerk recognises first (time, what,
status, amount, who, receipt); our own reference is only in the detail pane.

Status changes (``StatusChange`` events, delivered on the GUI thread by the caller) mark rows
dirty; a short timer then repaints the dirty rows in one ``dataChanged`` per batch. Newest first,
a change to a transaction newer than the first loaded row pulls in the new head of the log.

Signals:
    loading_changed(bool): a page request started (True) or ended (False).
    load_failed(str): a page could not be read; the message is for the clerk.
    log_changed(): a status event changed the log (the totals may be stale).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from mpesa_desktop.ui.log_labels import (
    STATUS_COLOURS,
    local_time,
    operation_label,
    status_colours,
    status_label,
    who_of,
)

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices

PAGE_SIZE = 200
REPAINT_DELAY_MS = 40

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)


class Column(IntEnum):
    """The columns of the log, left to right."""

    TIME = 0
    OPERATION = 1
    STATUS = 2
    AMOUNT = 3
    WHO = 4
    RECEIPT = 5
    RESULT = 6


HEADERS = {
    Column.TIME: "Time (EAT)",
    Column.OPERATION: "What",
    Column.STATUS: "Status",
    Column.AMOUNT: "Amount",
    Column.WHO: "Who",
    Column.RECEIPT: "Receipt",
    Column.RESULT: "Result",
}
# The columns the log can be sorted by (a click on the header), and the ledger's sort name.
SORTABLE = {Column.TIME: "time", Column.AMOUNT: "amount"}

class Role(IntEnum):
    """Named data roles beyond Qt's own."""

    TRANSACTION = Qt.ItemDataRole.UserRole + 1  # the ledger's Transaction object
    REFERENCE = Qt.ItemDataRole.UserRole + 2  # our reference (str)
    STATUS = Qt.ItemDataRole.UserRole + 3  # the status name (str)
    STATUS_COLOUR = Qt.ItemDataRole.UserRole + 4  # (background, foreground) QColors


_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGNMENTS = tuple(
    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column == Column.AMOUNT
    else int(Qt.AlignmentFlag.AlignCenter) if column == Column.STATUS
    else _LEFT
    for column in Column
)
_STATUS_ROLES = frozenset({_BACKGROUND, _FOREGROUND, int(Role.STATUS_COLOUR)})
_STATUS_QCOLOURS = {status: status_colours(status) for status in STATUS_COLOURS}
_NEUTRAL = status_colours("draft")


class LogModel(QAbstractTableModel):
    """The ledger's transactions, newest first, for the current filters."""

    loading_changed = Signal(bool)
    load_failed = Signal(str)
    log_changed = Signal()

    def __init__(self, services: AppServices, parent: Any = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._services = services
        self._page_size = page_size
        self._filters: Any = None
        self._rows: list[Any] = []
        self._row_of: dict[str, int] = {}
        self._text_cache: dict[str, tuple[str, ...]] = {}
        self._more = True
        self._replace = False
        self._settling = False
        self._loading = False
        self._generation = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._dirty: set[int] = set()
        self._head_stale = False
        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(REPAINT_DELAY_MS)
        self._repaint_timer.timeout.connect(self._flush_changes)

    # -- what the view asks -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.InitialSortOrderRole and column in SORTABLE:
            return Qt.SortOrder.DescendingOrder  # newest, largest first
        if role == Qt.ItemDataRole.ToolTipRole and column in SORTABLE:
            unit = "Kenya shillings (KES). " if column == Column.AMOUNT else "East Africa Time. "
            return f"{unit}Click to sort by this column; click again to reverse"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called thousands of times per repaint: plain int comparisons and cached texts.
        row = index.row()
        if row < 0 or row >= len(self._rows):  # an invalid index has row -1
            return None
        column = index.column()
        role = int(role)
        if role == _DISPLAY:
            return self._texts(row)[column]
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        if role in _STATUS_ROLES:
            colours = _STATUS_QCOLOURS.get(self._rows[row].status, _NEUTRAL)
            if role == Role.STATUS_COLOUR:
                return colours
            if column == Column.STATUS:
                return colours[0] if role == _BACKGROUND else colours[1]
            return None
        if role == _TOOLTIP:
            return self._tooltip(self._rows[row], Column(column))
        if role == Role.TRANSACTION:
            return self._rows[row]
        if role == Role.REFERENCE:
            return self._rows[row].reference
        if role == Role.STATUS:
            return self._rows[row].status
        return None

    def _texts(self, row: int) -> tuple[str, ...]:
        transaction = self._rows[row]
        texts = self._text_cache.get(transaction.reference)
        if texts is None:
            texts = tuple(self._display(transaction, column) for column in Column)
            self._text_cache[transaction.reference] = texts
        return texts

    @staticmethod
    def _display(transaction: Any, column: Column) -> str:
        if column == Column.TIME:
            moment = local_time(transaction.created_at)
            return moment.strftime("%Y-%m-%d %H:%M") if moment else ""
        if column == Column.OPERATION:
            return operation_label(transaction.operation)
        if column == Column.STATUS:
            return status_label(transaction.status)
        if column == Column.AMOUNT:
            return "" if transaction.amount is None else f"{transaction.amount:,}"
        if column == Column.WHO:
            return who_of(transaction)
        if column == Column.RECEIPT:
            return transaction.receipt or ""
        return transaction.result_desc or ""

    @staticmethod
    def _tooltip(transaction: Any, column: Column) -> str | None:
        if column == Column.RESULT and transaction.result_desc:
            code = transaction.result_code
            return f"{transaction.result_desc} (code {code})" if code else transaction.result_desc
        if column == Column.TIME:
            moment = local_time(transaction.created_at)
            return moment.strftime("%Y-%m-%d %H:%M:%S EAT") if moment else None
        if column == Column.WHO:
            return who_of(transaction) or None
        return None

    # -- paging ------------------------------------------------------------------------------

    @property
    def filters(self) -> Any:
        """The filters the rows were queried with (the ledger's filter object)."""
        return self._filters

    @property
    def loading(self) -> bool:
        """True while a page is being read in the worker."""
        return self._loading

    def transaction(self, row: int) -> Any:
        """The Transaction shown on ``row``."""
        return self._rows[row]

    def row_of(self, reference: str) -> int | None:
        """The row showing the transaction ``reference``, if it is loaded."""
        return self._row_of.get(reference)

    def set_filters(self, filters: Any) -> None:
        """Show the transactions matching ``filters`` from the top. The rows on screen stay
        until the first page of the new filters replaces them (one repaint, no blank flash)."""
        self._generation += 1
        self._filters = filters
        self._replace = True
        self._more = True
        self._loading = False
        self._dirty.clear()
        self._request_page()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._more and not self._replace
                and not self._settling and self._filters is not None)

    def _settled(self) -> None:
        self._settling = False

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._request_page()

    def _request_page(self) -> None:
        if self._loading or not self._more or self._filters is None:
            return
        self._set_loading(True)
        after = self._rows[-1] if self._rows and not self._replace else None
        if not self._spawn(self._load_page(self._generation, self._filters, after)):
            self._set_loading(False)

    async def _load_page(self, generation: int, filters: Any, after: Any) -> None:
        ledger = self._services.ledger
        try:
            page = await self._services.run_blocking(
                ledger.query, filters, after=after, limit=self._page_size
            )
        except Exception as error:  # shown to the clerk in plain words
            if generation == self._generation:
                if self._replace:
                    self._reset_rows([])
                self._more = False
                self._set_loading(False)
                self.load_failed.emit(f"Could not read the transaction log: {error}")
            return
        if generation != self._generation:
            return
        self._more = len(page) >= self._page_size
        if self._replace:
            self._reset_rows(page)
        else:
            page = [row for row in page if row.reference not in self._row_of]
            if page:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                for offset, transaction in enumerate(page):
                    self._row_of[transaction.reference] = first + offset
                self._rows.extend(page)
                self.endInsertRows()
        self._set_loading(False)

    def _reset_rows(self, rows: list[Any]) -> None:
        # While the view digests the reset it scrolls to the top of a not yet resized scroll
        # bar and would ask for a second page at once; it asks again when really at the end.
        self._settling = True
        QTimer.singleShot(0, self, self._settled)
        self.beginResetModel()
        self._replace = False
        self._rows = list(rows)
        self._row_of = {row.reference: number for number, row in enumerate(self._rows)}
        self._text_cache = {}
        self._dirty.clear()
        self.endResetModel()

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> bool:
        """Run ``coroutine`` on the GUI's asyncio loop; False when no loop runs (yet or any
        more), and nothing is started."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coroutine.close()
            return False
        task = loop.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    # -- live status changes -----------------------------------------------------------------

    def on_status_change(self, change: Any) -> None:
        """Take one ``StatusChange``; rows repaint in a batch a few milliseconds later."""
        transaction = change.transaction
        row = self._row_of.get(transaction.reference)
        if row is not None:
            self._rows[row] = transaction
            self._text_cache.pop(transaction.reference, None)
            self._dirty.add(row)
        elif self._is_newer_than_head(transaction):
            self._head_stale = True
        if not self._repaint_timer.isActive():
            self._repaint_timer.start()

    def _is_newer_than_head(self, transaction: Any) -> bool:
        if self._filters is None or self._replace:  # the page on its way will include it
            return False
        if (self._filters.sort, self._filters.descending) != ("time", True):
            return False  # its place is elsewhere: it shows when the filters are applied again
        if not self._rows:
            return not self._loading
        newest = local_time(self._rows[0].created_at)
        moment = local_time(transaction.created_at)
        return moment is not None and newest is not None and moment >= newest

    def _flush_changes(self) -> None:
        if self._dirty:
            top, bottom = min(self._dirty), max(self._dirty)
            self._dirty.clear()
            last = len(Column) - 1
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, last), [])
        if self._head_stale:
            self._head_stale = False
            self._spawn(self._load_head(self._generation, self._filters))
        self.log_changed.emit()

    async def _load_head(self, generation: int, filters: Any) -> None:
        ledger = self._services.ledger
        try:
            page = await self._services.run_blocking(ledger.query, filters, limit=self._page_size)
        except Exception:  # the next page load reports a broken log; nothing to insert now
            return
        if generation != self._generation:
            return
        fresh: list[Any] = []
        for transaction in page:
            if transaction.reference in self._row_of:
                break
            fresh.append(transaction)
        else:
            if self._rows:  # more new rows than a page: start over from the top
                self.set_filters(filters)
                return
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
        self._rows[:0] = fresh
        self._row_of = {row.reference: number for number, row in enumerate(self._rows)}
        self._dirty = {row + len(fresh) for row in self._dirty}
        self.endInsertRows()

