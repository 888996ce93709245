"""What the log shows and says: its views, its date presets, its totals and why it is empty.

A *view* is a set of operations shown together: "Payments" (money in and out, the default),
"Money in", "Money out", "Checks and set-up", "Everything", or one operation. The sets come from
``services.directions``. Date presets are whole days in Kenyan time. The texts are plain words
for the clerk, declared in English (context ``Log``) and returned in the window's language; no
widgets here, so every rule is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mpesa_desktop.kenya import format_kes
from mpesa_desktop.ledger.queries import Sum, Totals
from mpesa_desktop.services.directions import (
    HOUSEKEEPING,
    LOGGED_OPERATIONS,
    MONEY_IN,
    MONEY_OUT,
    PAYMENTS,
)
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, translate
from mpesa_desktop.ui.log_labels import OPERATION_LABELS


@dataclass(frozen=True)
class View:
    """A set of operations shown together. ``operations`` None shows every row; ``hides`` says
    what the view leaves out (for the clerk, when nothing matches). ``label`` and ``hides`` are
    English, shown through ``shown_label`` and ``empty_text``."""

    key: str
    label: str
    operations: frozenset[str] | None
    hides: str

    @property
    def payments(self) -> bool:
        """Whether every row of the view moves money (its rows are called payments)."""
        return self.operations is not None and self.operations <= PAYMENTS

    @property
    def shown_label(self) -> str:
        """The view's name in the window's language (one operation: its label)."""
        context = "Operation" if self.key in OPERATION_LABELS else "Log"
        return translate(context, self.label)

    def count_text(self, count: int) -> str:
        if self.payments:
            text = (translate("Log", "{count} payment") if count == 1
                    else translate("Log", "{count} payments"))
        else:
            text = (translate("Log", "{count} row") if count == 1
                    else translate("Log", "{count} rows"))
        return text.fill(count=f"{count:,}")

    @property
    def shows_in(self) -> bool:
        return self.operations is None or bool(self.operations & MONEY_IN)

    @property
    def shows_out(self) -> bool:
        return self.operations is None or bool(self.operations & MONEY_OUT)

    @property
    def has_amounts(self) -> bool:
        """Whether sorting by amount means anything (checks and set-up have no amount)."""
        return self.shows_in or self.shows_out

    def filter_value(self) -> tuple[str, ...] | None:
        """The ``operation`` of the ledger's ``Filters`` (in the log's order)."""
        if self.operations is None:
            return None
        return tuple(name for name in LOGGED_OPERATIONS if name in self.operations)


PAYMENTS_VIEW = View("payments", QT_TRANSLATE_NOOP("Log", "Payments"), PAYMENTS,
                     QT_TRANSLATE_NOOP("Log", "checks and set-up are hidden"))
EVERYTHING = View("everything", QT_TRANSLATE_NOOP("Log", "Everything"), None, "")
VIEWS: tuple[View, ...] = (
    PAYMENTS_VIEW,
    View("money_in", QT_TRANSLATE_NOOP("Log", "Money in"), MONEY_IN,
         QT_TRANSLATE_NOOP("Log", "payments out and checks are hidden")),
    View("money_out", QT_TRANSLATE_NOOP("Log", "Money out"), MONEY_OUT,
         QT_TRANSLATE_NOOP("Log", "payments in and checks are hidden")),
    View("checks", QT_TRANSLATE_NOOP("Log", "Checks and set-up"), HOUSEKEEPING,
         QT_TRANSLATE_NOOP("Log", "payments are hidden")),
    EVERYTHING,
)
# One operation at a time, after the views.
OPERATION_VIEWS: tuple[View, ...] = tuple(
    View(name, OPERATION_LABELS[name], frozenset({name}),
         QT_TRANSLATE_NOOP("Log", "other operations are hidden"))
    for name in LOGGED_OPERATIONS
)
VIEW_OF = {view.key: view for view in (*VIEWS, *OPERATION_VIEWS)}

# Date presets: (key, label). "dates" is any range typed into From and To.
PERIODS = (
    ("any", QT_TRANSLATE_NOOP("Log", "Any time")),
    ("today", QT_TRANSLATE_NOOP("Log", "Today")),
    ("yesterday", QT_TRANSLATE_NOOP("Log", "Yesterday")),
    ("week", QT_TRANSLATE_NOOP("Log", "This week")),
    ("month", QT_TRANSLATE_NOOP("Log", "This month")),
    ("dates", QT_TRANSLATE_NOOP("Log", "Chosen dates")),
)


def period_range(period: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day (both included) of a preset; weeks start on Monday."""
    if period == "today":
        return today, today
    if period == "yesterday":
        yesterday = today - timedelta(days=1)
        return yesterday, yesterday
    if period == "week":
        return today - timedelta(days=today.weekday()), today
    if period == "month":
        return today.replace(day=1), today
    return None, None


def date_order_problem(start: date | None, end: date | None) -> str:
    """Why a date range holds no day at all ("" when it is a range)."""
    if start is not None and end is not None and start > end:
        return translate("Log", "From {start} is after To {end}").fill(
            start=start.isoformat(), end=end.isoformat())
    return ""


def _part(name: str, part: Sum) -> str:
    return translate("Log", name).fill(amount=format_kes(part.amount), count=f"{part.count:,}")


def totals_text(totals: Totals, view: View) -> str:
    """The count of the view's rows and their money, never one sum of unlike amounts, e.g.
    "12 payments · in KES 5,000 (4) · out KES 3,000 (6) · pending KES 0 (0) · failed ..."."""
    parts = [view.count_text(totals.rows)]
    if view.shows_in:
        parts.append(_part(QT_TRANSLATE_NOOP("Log", "in {amount} ({count})"), totals.money_in))
    if view.shows_out:
        parts.append(_part(QT_TRANSLATE_NOOP("Log", "out {amount} ({count})"), totals.money_out))
    if view.has_amounts:
        parts.append(_part(QT_TRANSLATE_NOOP("Log", "pending {amount} ({count})"),
                           totals.pending))
        parts.append(_part(QT_TRANSLATE_NOOP("Log", "failed {amount} ({count})"),
                           totals.failed))
    return " · ".join(parts)


TOTALS_HELP = QT_TRANSLATE_NOOP(
    "Log",
    "in: completed payments received (customer payments and STK push).\n"
    "out: completed payouts (customers, businesses, tax, refunds).\n"
    "pending: payments sent whose outcome is not known yet.\n"
    "failed: failed or rejected payments (no money moved).\n"
    "The number in brackets is how many.",
)


def empty_text(view: View, problem: str, described: list[str], elsewhere: bool,
               whole_log_empty: bool) -> str:
    """Why no row is shown, and what to do about it.

    ``problem``: the filters cannot match (a From after To); ``described``: the filters set, in
    words; ``elsewhere``: rows match the same filters in other views; ``whole_log_empty``: the
    log has no row at all."""
    nothing = (translate("Log", "No payments match") if view.payments
               else translate("Log", "No rows match"))
    if problem:
        return f"{nothing}: {problem}."
    if whole_log_empty:
        return translate("Log", "The log is empty: what you send and receive appears here.")
    if elsewhere:
        return translate("Log", "{nothing}; {hidden}: choose Everything in Show.").fill(
            nothing=nothing, hidden=translate("Log", view.hides))
    if described:
        return translate("Log", "{nothing}: {filters}. Clear filters to see them all.").fill(
            nothing=nothing, filters=", ".join(described))
    return f"{nothing}."
