"""The transaction log as a Qt table model, fetched page by page from the ledger.

``LogModel`` is a hand-written ``QAbstractTableModel`` over ``Ledger.query``. It has as many
rows as the filters match (counted when they are set), so the scroll bar is the whole log, but
it holds only a bounded window of them (``MAX_HELD``), around the rows last on screen: memory
stays flat however far the clerk scrolls. A row asked for and not held has no data yet; its
block of rows is read in the worker (on from a held neighbour by keyset, back from the end by
keyset for Ctrl+End, else by skipping rows: a jump of the scroll bar) and repainted when it
arrives (``dataChanged``); rows far from the view are forgotten. Every query runs in the
services' worker through ``services.run_blocking``; the GUI thread never touches SQLite. The
first page of new filters replaces the rows in one model reset (the old rows stay until then);
the rows below it are added when they have been counted.

The rows come in the filters' order (newest first unless they sort otherwise: the headers of
:data:`SORTABLE` columns set it). The columns put what a clerk recognises first (time, what,
status, amount, who, receipt); our own reference is only in the detail pane.

Status changes (``StatusChange`` events, delivered on the GUI thread by the caller) mark rows
dirty; a short timer then repaints the dirty rows in one ``dataChanged`` per batch. Newest first,
a change to a transaction newer than the first row counts the log again and inserts the new
rows at the top (``rowsInserted``; the rows held move down).

Signals:
    loading_changed(bool): rows started (True) or ended (False) being read.
    load_failed(str): a page could not be read; the message is for the clerk.
    log_changed(): a status event changed the log (the totals may be stale).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import replace
from enum import IntEnum
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
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
MAX_HELD = 2_000  # rows held at most, around the rows on screen (memory flat at any size)
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


# The headers in English; shown in the window's language (``header``).
HEADERS = {
    Column.TIME: QT_TRANSLATE_NOOP("Log", "Time (EAT)"),
    Column.OPERATION: QT_TRANSLATE_NOOP("Log", "What"),
    Column.STATUS: QT_TRANSLATE_NOOP("Log", "Status"),
    Column.AMOUNT: QT_TRANSLATE_NOOP("Log", "Amount"),
    Column.WHO: QT_TRANSLATE_NOOP("Log", "Who"),
    Column.RECEIPT: QT_TRANSLATE_NOOP("Log", "Receipt"),
    Column.RESULT: QT_TRANSLATE_NOOP("Log", "Result"),
}
# The columns the log can be sorted by (a click on the header), and the ledger's sort name.
SORTABLE = {Column.TIME: "time", Column.AMOUNT: "amount"}
SORT_HELP = {
    Column.TIME: QT_TRANSLATE_NOOP(
        "Log", "East Africa Time. Click to sort by this column; click again to reverse"),
    Column.AMOUNT: QT_TRANSLATE_NOOP(
        "Log", "Kenya shillings (KES). Click to sort by this column; click again to reverse"),
}


def header(column: Column) -> str:
    """A column's header in the window's language."""
    return translate("Log", HEADERS[column])

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
                 page_size: int = PAGE_SIZE, max_held: int = MAX_HELD) -> None:
        super().__init__(parent)
        self._services = services
        self._page_size = page_size
        self._max_held = max(max_held, 4 * page_size)
        self._filters: Any = None
        self._count = 0  # the rows matching the filters: the scroll bar is the whole log
        self._rows: dict[int, Any] = {}  # the rows held, by row number
        self._row_of: dict[str, int] = {}
        self._text_cache: dict[str, tuple[str, ...]] = {}
        self._pending: set[int] = set()  # the first rows of the blocks being read
        self._focus = 0  # the row last asked for: the rows held are those nearest it
        self._replace = False
        self._counted = False
        self._loading = False
        self._generation = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._dirty: set[int] = set()
        self._head_stale = False
        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(REPAINT_DELAY_MS)
        self._repaint_timer.timeout.connect(self._flush_changes)
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """The headers and the words of the rows held, in the window's new language."""
        self._text_cache.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(Column) - 1))

    # -- what the view asks -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return header(column)
        if role == Qt.ItemDataRole.InitialSortOrderRole and column in SORTABLE:
            return Qt.SortOrder.DescendingOrder  # newest, largest first
        if role == Qt.ItemDataRole.ToolTipRole and column in SORT_HELP:
            return translate("Log", SORT_HELP[column])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called thousands of times per repaint: plain int comparisons and cached texts.
        row = index.row()
        transaction = self._rows.get(row)  # an invalid index has row -1
        if transaction is None:
            if 0 <= row < self._count:
                self._want(row)
            return None
        column = index.column()
        role = int(role)
        if role == _DISPLAY:
            return self._texts(transaction)[column]
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        if role in _STATUS_ROLES:
            colours = _STATUS_QCOLOURS.get(transaction.status, _NEUTRAL)
            if role == Role.STATUS_COLOUR:
                return colours
            if column == Column.STATUS:
                return colours[0] if role == _BACKGROUND else colours[1]
            return None
        if role == _TOOLTIP:
            return self._tooltip(transaction, Column(column))
        if role == Role.TRANSACTION:
            return transaction
        if role == Role.REFERENCE:
            return transaction.reference
        if role == Role.STATUS:
            return transaction.status
        return None

    def _texts(self, transaction: Any) -> tuple[str, ...]:
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
            return (translate("Log", "{result} (code {code})").fill(
                result=transaction.result_desc, code=code) if code else transaction.result_desc)
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
        """True while rows are being read in the worker."""
        return self._loading

    @property
    def counted(self) -> bool:
        """True once the rows of the current filters are all counted (``rowCount`` is final)."""
        return self._counted

    @property
    def rows_held(self) -> int:
        """How many rows the model holds now (at most ``MAX_HELD`` plus a page)."""
        return len(self._rows)

    def transaction(self, row: int) -> Any:
        """The Transaction shown on ``row``, or None while it is being read."""
        return self._rows.get(row)

    def row_of(self, reference: str) -> int | None:
        """The row showing the transaction ``reference``, if it is held."""
        return self._row_of.get(reference)

    def set_filters(self, filters: Any) -> None:
        """Show the transactions matching ``filters`` from the top. The rows on screen stay
        until the first page of the new filters replaces them (one repaint, no blank flash)."""
        self._generation += 1
        self._filters = filters
        self._replace = True
        self._counted = False
        self._pending.clear()
        self._dirty.clear()
        self._set_loading(True)
        if not self._spawn(self._load_first(self._generation, filters)):
            self._set_loading(False)

    async def _load_first(self, generation: int, filters: Any) -> None:
        """The top page first (shown at once), then, when there is more, the count (the rows
        below it are added: the scroll bar grows to the whole log)."""
        ledger = self._services.ledger
        try:
            page = await self._services.run_blocking(ledger.query, filters,
                                                     limit=self._page_size)
            if generation != self._generation:
                return
            self._reset_rows(len(page), page)
            self._set_loading(bool(self._pending))  # the page is in: the count is not awaited
            if len(page) == self._page_size:
                count = (await self._services.run_blocking(ledger.summary, filters))[0]
                if generation != self._generation:
                    return
                if count > self._count:
                    self.beginInsertRows(QModelIndex(), self._count, count - 1)
                    self._count = count
                    self.endInsertRows()
            self._counted = True
        except Exception as error:  # shown to the clerk in plain words
            if generation == self._generation:
                self._reset_rows(0, [])
                self._set_loading(False)
                self.load_failed.emit(translate(
                    "Log", "Could not read the transaction log: {error}").fill(error=error))

    def _reset_rows(self, count: int, rows: list[Any]) -> None:
        self.beginResetModel()
        self._replace = False
        self._count = max(count, len(rows))
        self._rows = dict(enumerate(rows))
        self._row_of = {row.reference: number for number, row in enumerate(rows)}
        self._text_cache = {}
        self._dirty.clear()
        self.endResetModel()

    def _block_of(self, row: int) -> tuple[int, int]:
        """The rows read together with ``row``: ``(first, how many)``. The last page of the
        log is read from its end (Ctrl+End needs no scan); the others are whole pages."""
        size = self._page_size
        tail = max(0, self._count - size)
        if row >= tail:
            return tail, self._count - tail
        first = row - row % size
        return first, min(size, tail - first)

    def _want(self, row: int) -> None:
        """Row ``row`` is on screen but not held: read its block in the worker."""
        if self._replace or self._filters is None:
            return
        first, size = self._block_of(row)
        self._focus = row
        if first in self._pending or size <= 0:
            return
        self._pending.add(first)
        self._set_loading(True)
        if not self._spawn(self._load_block(self._generation, self._filters, first, size)):
            self._pending.discard(first)
            self._set_loading(bool(self._pending))

    async def _load_block(self, generation: int, filters: Any, first: int, size: int) -> None:
        ledger, end = self._services.ledger, first + size
        by_time = filters.sort == "time"
        reverse = replace(filters, descending=not filters.descending)
        # The cheapest way to the block: on from a held neighbour (keyset), back from the end
        # (keyset, by time), and only failing those, a count of rows to skip (OFFSET).
        if first - 1 in self._rows:
            read = partial(ledger.query, filters, after=self._rows[first - 1], limit=size)
        elif by_time and end in self._rows:
            read = partial(self._backwards, ledger, reverse, self._rows[end], size)
        elif by_time and end == self._count:
            read = partial(self._backwards, ledger, reverse, None, size)
        else:
            read = partial(ledger.query, filters, offset=first, limit=size)
        try:
            page = await self._services.run_blocking(read)
        except Exception as error:  # shown to the clerk in plain words
            if generation == self._generation:
                self._pending.discard(first)
                self._set_loading(bool(self._pending))
                self.load_failed.emit(translate(
                    "Log", "Could not read the transaction log: {error}").fill(error=error))
            return
        if generation != self._generation:
            return
        self._pending.discard(first)
        for offset, transaction in enumerate(page[: self._count - first]):
            self._hold(first + offset, transaction)
        if page:
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(first + len(page) - 1, len(Column) - 1), [])
        self._forget_far_rows()
        self._set_loading(bool(self._pending))

    @staticmethod
    def _backwards(ledger: Any, reverse: Any, before: Any, size: int) -> list[Any]:
        """``size`` rows before the row ``before`` (or the last ``size``), in the filters'
        order: read in the reverse order, then turned round."""
        return ledger.query(reverse, after=before, limit=size)[::-1]

    def _hold(self, row: int, transaction: Any) -> None:
        old = self._rows.get(row)
        if old is not None and self._row_of.get(old.reference) == row:
            del self._row_of[old.reference]
        self._rows[row] = transaction
        self._row_of[transaction.reference] = row
        self._text_cache.pop(transaction.reference, None)

    def _forget_far_rows(self) -> None:
        """Keep at most ``MAX_HELD`` rows: those nearest the rows last asked for."""
        if len(self._rows) <= self._max_held:
            return
        keep = sorted(self._rows, key=lambda row: abs(row - self._focus))[: self._max_held // 2]
        kept = set(keep)
        for row in [row for row in self._rows if row not in kept]:
            transaction = self._rows.pop(row)
            if self._row_of.get(transaction.reference) == row:
                del self._row_of[transaction.reference]
            self._text_cache.pop(transaction.reference, None)
            self._dirty.discard(row)

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
        head = self._rows.get(0)
        if head is None:  # the top is not held (or the log was empty): count again
            return not self._loading or self._count > 0
        newest = local_time(head.created_at)
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
        """New rows at the top (newest first): count again and insert them above the rows
        held, which move down by as many."""
        ledger = self._services.ledger

        def head() -> tuple[int, list[Any]]:  # in the worker
            return ledger.summary(filters)[0], ledger.query(filters, limit=self._page_size)

        try:
            count, page = await self._services.run_blocking(head)
        except Exception:  # the next block read reports a broken log; nothing to insert now
            return
        if generation != self._generation:
            return
        added = count - self._count
        top = self._rows.get(0)
        if added <= 0:
            return
        if added >= len(page) or (top is not None and page[added].reference != top.reference):
            self.set_filters(filters)  # more new rows than a page, or not only at the top
            return
        self.beginInsertRows(QModelIndex(), 0, added - 1)
        self._count = count
        self._rows = {row + added: transaction for row, transaction in self._rows.items()}
        self._row_of = {reference: row + added for reference, row in self._row_of.items()}
        self._dirty = {row + added for row in self._dirty}
        self._pending.clear()  # blocks on their way would land on moved rows: asked again
        self._focus += added
        for row, transaction in enumerate(page[:added]):
            self._hold(row, transaction)
        self.endInsertRows()
