"""What the ledger keeps to settle uncertain rows, shared by every process on the file (schema v5).

**The status-query back-off.** Each open row (accepted, timed out, unknown) carries its own
schedule: ``next_query_at`` (not asked about again before), ``queries_sent`` and
``last_query_at``. A process that wants to ask Daraja about a row first *claims* the question, in
one write transaction::

    UPDATE transactions SET next_query_at = <now + interval>, ... WHERE reference = :reference
    AND (next_query_at IS NULL OR next_query_at <= :now) AND status IN (<open>)

and asks only when that changed one row. So two processes (or two pollers of one, or two desks
on one PostgreSQL ledger) never ask about one row in the same interval, and a restart does not
ask again early. On PostgreSQL the row is read ``FOR UPDATE SKIP LOCKED``: a row another desk is
claiming or changing at that moment is left to it, never waited for. The interval doubles
with each question, from ``Backoff.first`` up to ``Backoff.longest``; and a log asks about at most
``Backoff.per_minute`` rows in any minute (counted in the same transaction, from
``last_query_at``).

**"No such transaction".** ``first_not_found_at`` keeps when the first Transaction Status query
that found no such request was asked (``services.status_answers`` decides what two such answers
mean).

**Callbacks kept about a row.** ``kept_callbacks`` reads back the callbacks stored with a row's
reference, so evidence that could not be checked when it arrived (``services.settle``) is looked
at again once the row knows Daraja's ids.

Times are the caller's clock (aware datetimes); the functions take the Ledger and run in its
write transaction or on its read connection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from mpesa_desktop.ledger.backend import Connection
from mpesa_desktop.ledger.records import load_time, store_time
from mpesa_desktop.ledger.statuses import PENDING

if TYPE_CHECKING:
    from mpesa_desktop.ledger.ledger import Ledger

_OPEN = {f"open{i}": status for i, status in enumerate(sorted(PENDING))}
_OPEN_SQL = ", ".join(f":{name}" for name in _OPEN)
CAP_WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class Backoff:
    """How often one row, and the whole log, may be asked about (seconds; rows per minute)."""

    first: float
    longest: float
    per_minute: int

    def interval(self, asked_before: int) -> timedelta:
        """The wait after a row's question number ``asked_before + 1``."""
        doublings = min(asked_before, 32)  # 2**32 times any interval is past ``longest``
        return timedelta(seconds=min(self.first * 2 ** doublings, self.longest))


def waiting(ledger: Ledger, now: datetime) -> set[str]:
    """References of the open rows that may not be asked about before a later time."""
    def read(conn: Connection) -> set[str]:
        rows = conn.execute(
            f"SELECT reference FROM transactions WHERE status IN ({_OPEN_SQL}) "
            "AND next_query_at > :now", {**_OPEN, "now": store_time(now)})
        return {reference for (reference,) in rows}

    return ledger.reading(read)


def claim(ledger: Ledger, reference: str, now: datetime, backoff: Backoff) -> bool:
    """Take the right to ask Daraja about ``reference`` now: True when this caller may ask (the
    row is open, due, and the log has asked about fewer than ``per_minute`` rows in the last
    minute); the row's next question then waits its next interval."""
    def take(conn: Connection) -> bool:
        ledger.backend.serialize(conn, "status queries")  # the cap counts every desk's questions
        recent = conn.execute(
            "SELECT count(*) FROM transactions WHERE last_query_at > :since",
            {"since": store_time(now - CAP_WINDOW)}).fetchone()[0]
        if recent >= backoff.per_minute:
            return False
        row = conn.execute(
            f"SELECT queries_sent FROM transactions WHERE reference = :reference "
            f"AND status IN ({_OPEN_SQL}) "
            f"AND (next_query_at IS NULL OR next_query_at <= :now){ledger.dialect.skip_locked}",
            {**_OPEN, "reference": reference, "now": store_time(now)}).fetchone()
        if row is None:
            return False
        changed = conn.execute(
            "UPDATE transactions SET next_query_at = :next, last_query_at = :now, "
            "queries_sent = queries_sent + 1 WHERE reference = :reference "
            "AND (next_query_at IS NULL OR next_query_at <= :now)",
            {"reference": reference, "now": store_time(now),
             "next": store_time(now + backoff.interval(row[0]))}).rowcount
        return changed == 1

    return ledger.writing(take)


@dataclass(frozen=True)
class Schedule:
    """A row's status-query schedule as the ledger keeps it."""

    queries_sent: int
    last_query_at: datetime | None
    next_query_at: datetime | None
    first_not_found_at: datetime | None


def schedule(ledger: Ledger, reference: str) -> Schedule | None:
    """What the ledger keeps of ``reference``'s questions, or None when no such row."""
    def read(conn: Connection) -> Any:
        return conn.execute(
            "SELECT queries_sent, last_query_at, next_query_at, first_not_found_at "
            "FROM transactions WHERE reference = :reference", {"reference": reference}
        ).fetchone()

    row = ledger.reading(read)
    if row is None:
        return None
    sent, *times = row
    return Schedule(int(sent), *(load_time(value) if value else None for value in times))


def note_not_found(ledger: Ledger, reference: str,
                   asked_at: datetime) -> tuple[datetime, datetime] | None:
    """Keep that a Transaction Status query asked at ``asked_at`` found no such transaction as
    ``reference``. Returns ``(first, latest)`` asking times when this answer and an earlier-kept
    one come from two different queries, else None (the first such answer, or the same one
    applied again)."""
    def note(conn: Connection) -> tuple[datetime, datetime] | None:
        row = conn.execute("SELECT first_not_found_at FROM transactions "
                           "WHERE reference = :reference", {"reference": reference}).fetchone()
        if row is None:
            return None
        asked = store_time(asked_at)
        kept = row[0]
        if kept is None or asked < kept:
            conn.execute("UPDATE transactions SET first_not_found_at = :asked "
                         "WHERE reference = :reference", {"asked": asked, "reference": reference})
        if kept is None or kept == asked:
            return None
        first, latest = sorted((kept, asked))
        return load_time(first), load_time(latest)

    return ledger.writing(note)


def kept_callbacks(ledger: Ledger, reference: str) -> list[tuple[str, Any]]:
    """``(kind, payload)`` of every callback kept with ``reference``, oldest first."""
    def read(conn: Connection) -> list[tuple[str, str]]:
        return conn.execute(
            "SELECT kind, payload FROM callbacks WHERE reference = :reference ORDER BY id",
            {"reference": reference}).fetchall()

    return [(kind, json.loads(payload)) for kind, payload in ledger.reading(read)]
