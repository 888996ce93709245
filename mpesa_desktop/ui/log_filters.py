"""The filter bar of the transaction log: view, status, search, dates and order.

``LogFilterBar`` turns what the clerk set into the ledger's ``Filters``. "Show" picks a view
(``log_views``: Payments by default, checks and set-up a choice away); "Dates" a preset in Kenyan
time (today, yesterday, this week, this month) or the From and To days. The search box takes a
phone number (any Kenyan form), a receipt (ten letters and digits) or free text, and says which
it understood. "Sort" orders the rows by time or amount (the table's headers set it too). Edits
are debounced so typing does not query the log on every key.

Keyboard: every control has a mnemonic on its label and an accessible name; Tab leaves a date
field at once (its day, month and year are reached with the arrow keys).

Its words are declared in English (context ``Log``) and shown in the window's language, switched
live: the choices keep their place and what was typed stays.

Signal:
    changed(): the filters changed (after a short pause in typing; at once on Enter or Clear).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypedDict

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop import kenya
from mpesa_desktop.ledger import Filters
from mpesa_desktop.ledger.queries import MIN_INDEXED_TEXT
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    Translated,
    on_language_change,
    show_text,
    translate,
)
from mpesa_desktop.ui.keyboard import TabLeaves
from mpesa_desktop.ui.log_labels import STATUS_LABELS, status_label
from mpesa_desktop.ui.log_views import (
    OPERATION_VIEWS,
    PAYMENTS_VIEW,
    PERIODS,
    VIEW_OF,
    VIEWS,
    View,
    date_order_problem,
    period_range,
)
from mpesa_desktop.ui.look import HINT_COLOUR, PlainLabel, text_colour

FILTER_DELAY_MS = 250
ANY_DATE = QDate(2000, 1, 1)
STATUS_CHOICES = (
    (QT_TRANSLATE_NOOP("Log", "All statuses"), None),
    (QT_TRANSLATE_NOOP("Log", "Needs attention"), "timed_out,unknown"),
    (QT_TRANSLATE_NOOP("Log", "In flight"), "sending,accepted,timed_out,unknown"),
    *((label, name) for name, label in STATUS_LABELS.items()),
)
# (label, sort, descending); the amount orders need a view with amounts.
SORTS = (
    (QT_TRANSLATE_NOOP("Log", "Newest first"), "time", True),
    (QT_TRANSLATE_NOOP("Log", "Oldest first"), "time", False),
    (QT_TRANSLATE_NOOP("Log", "Largest amount first"), "amount", True),
    (QT_TRANSLATE_NOOP("Log", "Smallest amount first"), "amount", False),
)
# What the search box was read as (``search_filters``' keys).
SEARCH_MEANINGS = {
    "phone": QT_TRANSLATE_NOOP("Log", "phone {value}"),
    "receipt": QT_TRANSLATE_NOOP("Log", "receipt {value}"),
    "text": QT_TRANSLATE_NOOP("Log", "text {value}"),
}


def status_choice(label: str, value: str | None) -> str:
    """A choice of the Status box in the window's language."""
    return status_label(value) if value in STATUS_LABELS else translate("Log", label)


class SearchFilters(TypedDict, total=False):
    """The ``Filters`` fields the search box sets (one at most)."""

    phone: str
    receipt: str
    text: str


def search_filters(text: str) -> SearchFilters:
    """What the search box means: a phone number, a receipt, or free text (of at least
    MIN_INDEXED_TEXT characters: anything shorter searches nothing yet).

    A receipt is taken only when it mixes letters and digits: a ten-letter word or a ten-digit
    number is searched as text, which still finds it in the receipt column."""
    text = text.strip()
    if not text:
        return {}
    compact = re.sub(r"[\s\-()]", "", text)
    if kenya.is_phone(compact):
        return {"phone": compact}
    receipt = text.upper()
    if kenya.is_receipt(receipt) and not (receipt.isalpha() or receipt.isdigit()):
        return {"receipt": receipt}
    if len(text) < MIN_INDEXED_TEXT:
        return {}
    return {"text": text}


class DateField(TabLeaves, QDateEdit):
    """A date field whose Tab key leaves it (Qt's walks its sections, and stays put while it
    shows "Any date"): the sections are reached with the arrow keys."""


def date_edit(parent: QWidget, value: QDate = ANY_DATE) -> QDateEdit:
    """A date field with a calendar whose lowest value reads "Any date" (no bound)."""
    edit = DateField(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(ANY_DATE)
    show_text(edit, "setSpecialValueText", translate("Log", "Any date"))
    edit.setDate(value)
    return edit


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == ANY_DATE else date(value.year(), value.month(), value.day())


class LogFilterBar(QWidget):
    """Show, status, dates, search and sort, as ``Filters``. ``trailing`` widgets (the tab's
    buttons) close the second row; ``today`` gives Kenya's date (the clock by default)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, trailing: Sequence[QWidget] = (),
                 today: Callable[[], date] = kenya.today) -> None:
        super().__init__(parent)
        self._today = today
        self.operation = QComboBox(self)  # the view: a set of operations, or one
        for view in VIEWS:
            self.operation.addItem(view.shown_label, view.key)
        self.operation.insertSeparator(self.operation.count())
        for view in OPERATION_VIEWS:
            self.operation.addItem(view.shown_label, view.key)
        self.status = QComboBox(self)
        for label, value in STATUS_CHOICES:
            self.status.addItem(status_choice(label, value), value)
        self.search = QLineEdit(self)
        show_text(self.search, "setPlaceholderText",
                  translate("Log", "Phone, receipt or text  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.hint = PlainLabel(self)  # how the search box was understood (set by the tab)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        text_colour(self.hint, HINT_COLOUR)
        self.period = QComboBox(self)
        for key, label in PERIODS:
            self.period.addItem(translate("Log", label), key)
        self.date_from = date_edit(self)
        self.date_to = date_edit(self)
        self.sort = QComboBox(self)
        for label, _sort, _descending in SORTS:
            self.sort.addItem(translate("Log", label))
        self.captions: list[QLabel] = []
        for box in (self.operation, self.status, self.period, self.sort):
            # as wide as the longest choice, in whichever language it is in now
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self._layout(trailing)
        self._name_for_screen_readers()
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.operation.currentIndexChanged.connect(self._view_changed)
        self.status.currentIndexChanged.connect(self._timer.start)
        self.period.currentIndexChanged.connect(self._period_chosen)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_typed)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_now)
        self.sort.currentIndexChanged.connect(self.apply_now)
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """The choices in the window's new language (the chosen ones stay chosen)."""
        views = {view.key: view for view in (*VIEWS, *OPERATION_VIEWS)}
        for index in range(self.operation.count()):
            view = views.get(self.operation.itemData(index))
            if view is not None:
                self.operation.setItemText(index, view.shown_label)
        for index, (label, value) in enumerate(STATUS_CHOICES):
            self.status.setItemText(index, status_choice(label, value))
        for index, (_key, label) in enumerate(PERIODS):
            self.period.setItemText(index, translate("Log", label))
        for index, (label, _sort, _descending) in enumerate(SORTS):
            self.sort.setItemText(index, translate("Log", label))
        for caption in self.captions:
            caption.setMinimumWidth(0)
            caption.setMinimumWidth(caption.sizeHint().width() + 2)
        for edit in (self.date_from, self.date_to):
            edit.updateGeometry()  # "Any date" in another language: another width

    def _layout(self, trailing: Sequence[QWidget]) -> None:
        """What to show and which, then when and in what order; Tab follows the same path."""
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        for text, widget in ((translate("Log", "Sho&w"), self.operation),
                             (translate("Log", "St&atus"), self.status),
                             (translate("Log", "S&earch"), self.search)):
            first.addWidget(self._caption(text, widget))
            first.addWidget(widget)
        first.setStretchFactor(self.search, 1)
        first.addWidget(self.hint)
        second = QHBoxLayout()
        for text, field in ((translate("Log", "&Dates"), self.period),
                            (translate("Log", "Fro&m"), self.date_from),
                            (translate("Log", "&To"), self.date_to)):
            second.addWidget(self._caption(text, field))
            second.addWidget(field)
        second.addStretch(1)
        second.addWidget(self._caption(translate("Log", "&Sort"), self.sort))
        second.addWidget(self.sort)
        for button in trailing:
            second.addWidget(button)
        rows.addLayout(first)
        rows.addLayout(second)

    def _caption(self, text: Translated, buddy: QWidget) -> QLabel:
        caption = PlainLabel(self)
        show_text(caption, "setText", text)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(buddy)
        # Qt measures "To" kerned but draws the underlined mnemonic apart: two pixels more.
        caption.setMinimumWidth(caption.sizeHint().width() + 2)
        self.captions.append(caption)
        return caption

    def _name_for_screen_readers(self) -> None:
        for widget, name in ((self.operation, translate("Log", "Show")),
                             (self.status, translate("Log", "Status")),
                             (self.period, translate("Log", "Dates")),
                             (self.date_from, translate("Log", "From date")),
                             (self.date_to, translate("Log", "To date")),
                             (self.search, translate("Log", "Search the log")),
                             (self.sort, translate("Log", "Sort"))):
            show_text(widget, "setAccessibleName", name)
        show_text(self.search, "setAccessibleDescription", translate(
            "Log", "A phone number, a receipt, or at least three characters of text"))

    # -- what the clerk set ------------------------------------------------------------------

    def view(self) -> View:
        """The view "Show" names."""
        return VIEW_OF.get(self.operation.currentData(), PAYMENTS_VIEW)

    def filters(self) -> Filters:
        """The filters the bar shows now (a date preset is read against today's date)."""
        self._follow_period()
        _, sort, descending = SORTS[self.sort.currentIndex()]
        return Filters(
            date_from=_day(self.date_from),
            date_to=_day(self.date_to),
            operation=self.view().filter_value(),
            status=self.status.currentData(),
            sort=sort,
            descending=descending,
            **search_filters(self.search.text()),
        )

    def understood(self) -> str:
        """How the search box was read, e.g. "phone 0712345678" ("" when empty)."""
        meaning = search_filters(self.search.text())
        if not meaning and self.search.text().strip():
            return translate("Log", "type at least {count} characters to search").fill(
                count=MIN_INDEXED_TEXT)
        return ", ".join(translate("Log", SEARCH_MEANINGS[key]).fill(value=value)
                         for key, value in meaning.items())

    def date_problem(self) -> str:
        """Why the dates hold no day ("" when they do), e.g. "From ... is after To ..."."""
        return date_order_problem(_day(self.date_from), _day(self.date_to))

    def described(self) -> list[str]:
        """The filters set beyond the view, in words (for a result that is empty)."""
        parts: list[str] = []
        if self.status.currentData():
            parts.append(translate("Log", "status {status}").fill(
                status=self.status.currentText()))
        start, end = _day(self.date_from), _day(self.date_to)
        if start or end:
            period = self.period.currentData()
            days = (translate("Log", "{start} to {end}").fill(start=start or "…", end=end or "…")
                    if start != end else f"{start}")
            parts.append(days if period in ("any", "dates") else
                         f"{self.period.currentText().lower()} ({days})")
        understood = self.understood()
        if understood and search_filters(self.search.text()):
            parts.append(understood)
        return parts

    # -- changes -----------------------------------------------------------------------------

    def _view_changed(self) -> None:
        self._offer_amount_sort()
        self._timer.start()

    def _offer_amount_sort(self) -> None:
        """Sorting by amount only where rows have amounts (not checks and set-up)."""
        has_amounts = self.view().has_amounts
        model = self.sort.model()
        assert isinstance(model, QStandardItemModel)
        for row, (_, sort, _descending) in enumerate(SORTS):
            item = model.item(row)
            if sort == "amount" and item is not None:
                item.setEnabled(has_amounts)
        if not has_amounts and SORTS[self.sort.currentIndex()][1] == "amount":
            self.sort.blockSignals(True)
            self.sort.setCurrentIndex(0)
            self.sort.blockSignals(False)

    def _period_chosen(self) -> None:
        self._follow_period(force=True)
        self._timer.start()

    def _follow_period(self, *, force: bool = False) -> None:
        """Show the preset's days in From and To (today moves on at midnight)."""
        period = self.period.currentData()
        if period == "dates" or (period == "any" and not force):
            return
        start, end = period_range(period, self._today())
        self._set_dates(start, end)

    def _set_dates(self, start: date | None, end: date | None) -> None:
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(ANY_DATE if day is None else QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _dates_typed(self) -> None:
        """A date typed by hand: the preset becomes "Chosen dates" (or "Any time")."""
        chosen = "any" if self.date_from.date() == self.date_to.date() == ANY_DATE else "dates"
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(chosen))
        self.period.blockSignals(False)
        self._timer.start()

    def set_sort(self, sort: str, descending: bool) -> None:
        """Order by ``sort`` (time or amount): one ``changed`` when it is new."""
        index = [(row[1], row[2]) for row in SORTS].index((sort, descending))
        if index != self.sort.currentIndex():
            self.sort.setCurrentIndex(index)

    def cancel_pending(self) -> None:
        """Drop a change not yet announced (the caller applies the filters now)."""
        self._timer.stop()

    def apply_now(self) -> None:
        """Say the filters changed without waiting for the pause in typing."""
        self._timer.stop()
        self.changed.emit()

    def clear(self) -> None:
        """Back to the default view of the whole log, in the same order (one ``changed``)."""
        widgets = (self.operation, self.status, self.period, self.date_from, self.date_to,
                   self.search, self.sort)
        for widget in widgets:
            widget.blockSignals(True)
        self.operation.setCurrentIndex(self.operation.findData(PAYMENTS_VIEW.key))
        self.status.setCurrentIndex(0)
        self.period.setCurrentIndex(0)
        self._set_dates(None, None)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._offer_amount_sort()
        self.apply_now()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected (Ctrl+F)."""
        self.search.setFocus()
        self.search.selectAll()

