"""The day at a glance (issue 15, point 5): today's money in and out, failed and pending
payments, and the balance over the last 30 days. Qt-free; the Today tab draws it.

    glance = day_at_a_glance(ledger)          # Glance: figures of today, balance per day
    rows = ledger.query(figure_filters("failed", glance.day))   # the rows behind a figure

Each figure is one filter of the log (:func:`figure_filters`), so its rows are a query away.
The balance of a day is the total available in the last Account Balance result recorded that
day (East Africa days); a day without one has none (the chart leaves a gap).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Filters
from mpesa_desktop.ledger.records import load_time, store_time
from mpesa_desktop.ledger.statuses import IN_FLIGHT, Status
from mpesa_desktop.services.directions import MONEY_IN, MONEY_OUT, PAYMENTS

if TYPE_CHECKING:
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.ledger.backend import Connection

BALANCE_DAYS = 30
# Figure -> (its label, the statuses and operations of its rows).
FIGURES: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "money_in": ("Money in", (Status.COMPLETED.value,), MONEY_IN),
    "money_out": ("Money out", (Status.COMPLETED.value,), MONEY_OUT),
    "failed": ("Failed", (Status.FAILED.value, Status.REJECTED.value), PAYMENTS),
    "pending": ("Pending", tuple(sorted(IN_FLIGHT)), PAYMENTS),
}


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    count: int
    amount: int  # whole shillings


@dataclass(frozen=True)
class Glance:
    day: date
    figures: tuple[Figure, ...]
    balances: tuple[tuple[date, Decimal | None], ...]  # oldest first, one per day


def today(now: datetime | None = None) -> date:
    return (now or datetime.now(EAT)).astimezone(EAT).date()


def figure_filters(name: str, day: date) -> Filters:
    """The log's rows behind the figure ``name`` on ``day``."""
    _label, statuses, operations = FIGURES[name]
    return Filters(date_from=day, date_to=day, status=statuses, operation=sorted(operations))


def day_at_a_glance(ledger: Ledger, day: date | None = None,
                    days: int = BALANCE_DAYS) -> Glance:
    """Today's (or ``day``'s) figures and the ``days`` balances up to it."""
    day = day or today()
    totals = ledger.totals(Filters(date_from=day, date_to=day), MONEY_IN, MONEY_OUT)
    sums = {"money_in": totals.money_in, "money_out": totals.money_out,
            "failed": totals.failed, "pending": totals.pending}
    figures = tuple(Figure(name, FIGURES[name][0], sums[name].count, sums[name].amount)
                    for name in FIGURES)
    return Glance(day, figures, balance_history(ledger, day, days))


def balance_history(ledger: Ledger, day: date, days: int = BALANCE_DAYS
                    ) -> tuple[tuple[date, Decimal | None], ...]:
    """The total available of each of the ``days`` days up to ``day`` (None: no result)."""
    first = day - timedelta(days=days - 1)
    since = store_time(datetime.combine(first, datetime.min.time(), tzinfo=EAT))

    def read(conn: Connection) -> list[tuple[str, str | None]]:
        return conn.execute(
            "SELECT recorded_at, available FROM balances WHERE recorded_at >= :since "
            "ORDER BY recorded_at", {"since": since}).fetchall()

    # Each day's last result: its lines share one time, the day's latest.
    latest: dict[date, tuple[str, Decimal]] = {}
    for at, available in ledger.reading(read):
        when = load_time(at).astimezone(EAT).date()
        held = latest.get(when)
        amount = Decimal(available or 0)
        if held is None or held[0] < at:
            latest[when] = (at, amount)
        elif held[0] == at:
            latest[when] = (at, held[1] + amount)
    totals = {when: amount for when, (_, amount) in latest.items()}
    return tuple((first + timedelta(days=i), totals.get(first + timedelta(days=i)))
                 for i in range(days))
