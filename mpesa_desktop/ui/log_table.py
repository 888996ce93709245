"""The table of the transaction log: its columns' widths, its sort headers, its empty note.

``LogTable(model, parent)`` is a ``QTableView`` over a ``LogModel``: one row selected at a time,
Tab leaves it (the arrow keys walk the rows), the key columns (time, what, status, amount, who,
receipt) are as wide as their widest text in the current font, the who column grows up to a name
and a phone number when there is room, and the result takes what is left. The Time and Amount
headers sort: a click asks for it (``sort_requested``) and the arrow follows what the rows are
sorted by (``show_sort``). When no row matches, ``show_empty`` says why in the middle of the
table.

Signal:
    sort_requested(str, bool): the clerk clicked a sortable header: the ledger's sort name
        (``time`` or ``amount``) and whether descending.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout

from mpesa_desktop.ui.i18n import on_language_change, show_text, translate
from mpesa_desktop.ui.log_labels import (
    OPERATION_LABELS,
    STATUS_LABELS,
    operation_label,
    status_label,
)
from mpesa_desktop.ui.log_model import SORTABLE, Column, header
from mpesa_desktop.ui.look import TITLE_COLOUR, PlainLabel, text_colour

# The key columns are as wide as their widest text (the result takes the room left): these, and
# the operation and status words measured in the window's language (``widest``).
KEY_COLUMNS = tuple(column for column in Column if column != Column.RESULT)
WIDEST = {
    Column.TIME: "2026-12-31 23:59",
    Column.AMOUNT: "1,000,000",
    Column.WHO: "Wanjiku Mwang",  # the start of a name: the rest shows when there is room
    Column.RECEIPT: "QWMOGDHNUC",  # ten wide letters: a receipt of narrower ones fits too
}
WHO_IN_FULL = "Wanjiku Odhiambo · 254712345678"
PADDING = 12
RESULT_WIDTH = 160


def widest(column: Column) -> str:
    """The widest text of a key column, in the window's language."""
    if column == Column.OPERATION:
        return max(map(operation_label, OPERATION_LABELS), key=len)
    if column == Column.STATUS:
        return max(map(status_label, STATUS_LABELS), key=len)
    return WIDEST[column]


class LogTable(QTableView):
    """The log's rows: see the module docstring."""

    sort_requested = Signal(str, bool)

    def __init__(self, model: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        show_text(self, "setAccessibleName", translate("Log", "Transaction log"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setSortingEnabled(False)  # the ledger sorts, page by page
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self._sort = ("time", True)
        self._build_header()
        # A palette, not a style sheet: style sheets make every repaint of the table slower.
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor("#cfe3f7"))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#102027"))
        self.setPalette(palette)
        self.empty_note = PlainLabel(self.viewport())
        self.empty_note.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setMargin(16)
        text_colour(self.empty_note, TITLE_COLOUR)
        self.empty_note.hide()
        QVBoxLayout(self.viewport()).addWidget(self.empty_note)

    def _build_header(self) -> None:
        bar = self.horizontalHeader()
        bar.setHighlightSections(False)
        bar.setStretchLastSection(False)
        bar.setSectionsClickable(True)
        bar.setSortIndicatorShown(True)
        bar.setSortIndicator(Column.TIME, Qt.SortOrder.DescendingOrder)
        bar.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bar.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        bar.resizeSection(Column.RESULT, RESULT_WIDTH)
        bar.setSectionResizeMode(Column.RESULT, QHeaderView.ResizeMode.Stretch)
        bar.sortIndicatorChanged.connect(self._header_clicked)
        on_language_change(self._size_columns)

    def _size_columns(self) -> None:
        """Each key column as wide as its widest text or its header, in the window's
        language."""
        bar = self.horizontalHeader()
        cells, titles = self.fontMetrics(), bar.fontMetrics()
        arrow = bar.style().pixelMetric(bar.style().PixelMetric.PM_HeaderMarkSize)
        for column in KEY_COLUMNS:
            title = titles.horizontalAdvance(header(column)) + (arrow if column in SORTABLE else 0)
            bar.resizeSection(column, max(cells.horizontalAdvance(widest(column)), title) + PADDING)
        self._who = (bar.sectionSize(Column.WHO), cells.horizontalAdvance(WHO_IN_FULL) + PADDING)

    def key_columns_width(self) -> int:
        """The width of every column but the result (the who column at its narrowest)."""
        bar = self.horizontalHeader()
        return sum(bar.sectionSize(column) for column in KEY_COLUMNS if column != Column.WHO) + (
            self._who[0])

    def width_wanted(self) -> int:
        """The width that shows the key columns, names in full, and some of the result."""
        scroll_bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        return (self.key_columns_width() - self._who[0] + self._who[1] + RESULT_WIDTH
                + scroll_bar + 2 * self.frameWidth())

    def resizeEvent(self, event: Any) -> None:
        """Room beyond the key columns and a glimpse of the result goes to the names first."""
        super().resizeEvent(event)
        narrowest, in_full = self._who
        room = self.viewport().width() - self.key_columns_width() + narrowest - RESULT_WIDTH
        self.horizontalHeader().resizeSection(Column.WHO, max(narrowest, min(room, in_full)))

    def show_sort(self, sort: str, descending: bool) -> None:
        """Put the header's arrow on the column the rows are sorted by."""
        self._sort = (sort, descending)
        column = next(column for column, name in SORTABLE.items() if name == sort)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        bar = self.horizontalHeader()
        bar.blockSignals(True)
        bar.setSortIndicator(column, order)
        bar.blockSignals(False)

    def _header_clicked(self, section: int, order: Qt.SortOrder) -> None:
        name = SORTABLE.get(Column(section))
        if name is None:  # not a column the log sorts by: the arrow goes back
            self.show_sort(*self._sort)
        else:
            self.sort_requested.emit(name, order == Qt.SortOrder.DescendingOrder)

    def show_empty(self, text: str) -> None:
        """Say in the middle of the table why it is empty."""
        self.empty_note.setText(text)
        self.empty_note.show()

    def hide_empty(self) -> None:
        self.empty_note.hide()
