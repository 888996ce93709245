"""Copying a profile's SQLite log into a team's PostgreSQL ledger (``ledger copy --to URL``).

Both are brought to the latest schema first. Each table is copied in key order, a batch per
transaction (``COPY ... FROM STDIN``), after the last key the target already holds, so a copy
that stopped (a kill, the network) goes on where it stopped when run again. The rows keep their
ids, so the events still point at their rows. The target's triggers fill in what they derive
(the Kenyan times, the duplicate key). At the end each table is checked: the same number of rows
and the same checksum (SHA-256 over the rows' values in key order) on both sides.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mpesa_desktop.ledger.db import connect as connect_file
from mpesa_desktop.ledger.postgres import storable
from mpesa_desktop.ledger.statuses import LedgerError

BATCH_ROWS = 50_000
# Table -> its key columns (the copy's order and where it resumes).
TABLES: dict[str, tuple[str, ...]] = {
    "transactions": ("id",),
    "events": ("transaction_id", "seq"),
    "callbacks": ("id",),
    "balances": ("id",),
    "meta": ("key",),
}
# Filled in by the target's own triggers from the other columns.
DERIVED = frozenset({"created_eat", "updated_eat", "plain_cells", "duplicate_key"})
# Tables whose ids come from an identity column: its next value follows the copied rows.
IDENTITY_TABLES = ("transactions", "callbacks", "balances")


class CopyRefused(LedgerError):
    """The log cannot be copied as it is; the message says why."""


@dataclass(frozen=True)
class TableCopied:
    """One table after the copy: rows copied now, rows on each side, and whether they match."""

    name: str
    copied: int
    source_rows: int
    target_rows: int
    matches: bool


def copy_ledger(source: Path, target: str, *, password: str | None = None,
                progress: Callable[[str, int], None] | None = None,
                batch_rows: int = BATCH_ROWS) -> list[TableCopied]:
    """Copy the SQLite log ``source`` into the PostgreSQL ledger ``target`` (see the module)."""
    from mpesa_desktop.ledger.ledger import Ledger

    with Ledger(source):  # brought to the latest schema
        pass
    with Ledger(target, password=password) as team:
        conn = connect_file(source, readonly=True)
        try:
            sending = conn.execute(
                "SELECT count(*) FROM transactions WHERE status = 'sending'").fetchone()[0]
            if sending:
                raise CopyRefused(
                    f"{sending} payout(s) in this log are being sent right now; close the app "
                    "on this desk (they become unknown) and copy again")
            backend: Any = team.backend
            results = []
            for table, key in TABLES.items():
                copied = _copy_table(conn, backend, table, key, progress, batch_rows)
                source_rows, source_sum = _checksum(_source_rows(conn, table, key))
                with backend.snapshot() as snapshot:
                    target_rows, target_sum = _checksum(_target_rows(snapshot, conn, table, key))
                results.append(TableCopied(table, copied, source_rows, target_rows,
                                           (source_rows, source_sum) == (target_rows, target_sum)))
            return results
        finally:
            conn.close()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
            if row[1] not in DERIVED]


def _copy_table(conn: sqlite3.Connection, backend: Any, table: str, key: tuple[str, ...],
                progress: Callable[[str, int], None] | None, batch_rows: int) -> int:
    """Copy the rows of ``table`` after the last key the target holds; how many."""
    columns = _columns(conn, table)
    keys = ", ".join(key)
    last = backend.connect().execute(
        f"SELECT {keys} FROM {table} ORDER BY {', '.join(f'{k} DESC' for k in key)} LIMIT 1"
    ).fetchone()
    after = f"WHERE ({keys}) > ({', '.join('?' * len(key))})" if last else ""
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} {after} ORDER BY {keys}",
                        tuple(last) if last else ())
    copied = 0
    while batch := rows.fetchmany(batch_rows):
        writer = backend.connect()
        with backend.transaction(writer):
            writer.copy_rows(table, columns, batch)
        copied += len(batch)
        if progress:
            progress(table, copied)
    if table in IDENTITY_TABLES and copied:
        backend.connect().execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT max(id) FROM {table}))")
    return copied


def _source_rows(conn: sqlite3.Connection, table: str, key: tuple[str, ...]
                 ) -> Iterator[tuple[Any, ...]]:
    """The rows as PostgreSQL stores them (``postgres.storable``: no NUL in text)."""
    for row in conn.execute(
            f"SELECT {', '.join(_columns(conn, table))} FROM {table} ORDER BY {', '.join(key)}"):
        yield storable(row)


def _target_rows(snapshot: Any, conn: sqlite3.Connection, table: str, key: tuple[str, ...]
                 ) -> Iterator[tuple[Any, ...]]:
    cursor = snapshot.server_cursor(
        f"SELECT {', '.join(_columns(conn, table))} FROM {table} ORDER BY {', '.join(key)}", {})
    try:
        while batch := cursor.fetchmany(BATCH_ROWS):
            yield from batch
    finally:
        cursor.close()


def _checksum(rows: Iterator[tuple[Any, ...]]) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(repr(tuple(row)).encode())
        count += 1
    return count, digest.hexdigest()
