"""Copying a profile's SQLite log into a team's PostgreSQL ledger (``ledger copy --to URL``).

Both are brought to the latest schema first. Each table is copied in key order, a batch per
transaction, after the last key the target already holds, so a copy that stopped (a kill, the
network) goes on where it stopped when run again. The rows keep their ids, so the events still
point at their rows; the target's trigger keys the payouts as PostgreSQL does (the duplicate
key), and the rows bring their Kenyan times (``schema.QUIET_SETTING``).

Speed: SQLite writes each row as a line of PostgreSQL's COPY text format (tab-separated, ``\\N``
for NULL) and Python only passes batches of lines on, escaping only the rare batch holding a
character to escape (a NUL in text as U+FFFD, which PostgreSQL cannot store). At the end each
table is checked: the same number of rows and the same SHA-256 of those lines, in key order, on
both sides (PostgreSQL's side is ``COPY (SELECT ...) TO STDOUT``, which writes that same
format).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mpesa_desktop.ledger.audit import HEAD_KEY
from mpesa_desktop.ledger.db import connect as connect_file
from mpesa_desktop.ledger.postgres import REPLACEMENT
from mpesa_desktop.ledger.schema import QUIET_SETTING
from mpesa_desktop.ledger.statuses import LedgerError
from mpesa_desktop.messages import message

BATCH_ROWS = 100_000  # rows a transaction
CHUNK_ROWS = 10_000  # rows SQLite reads at a time, streamed into the transaction's COPY
# Table -> its key columns (the copy's order and where it resumes).
TABLES: dict[str, tuple[str, ...]] = {
    "transactions": ("id",),
    "events": ("transaction_id", "seq"),
    "callbacks": ("id",),
    "balances": ("id",),
}
# The settings kept in the log (``meta``) are added where the team has none of its own; a
# process's turns are its own, and so is the head of a log's audit trail (a desk's users, policy
# and audit trail stay with its file: a team's users are its database's logins).
OWN_META = ("turn:%", f"{HEAD_KEY}%")
# Secondary indexes and foreign keys dropped while an empty table is filled, made again at the
# end (faster than checking them row by row); each kept in the target's meta until made, so a
# copy killed in between makes them when run again. Unique indexes (the duplicate
# rule) are never dropped.
REBUILD_KEY = "copy.rebuild_indexes"
# Filled in by the target's own trigger from the other columns (as PostgreSQL writes it). The
# Kenyan times and plain flags come as the source has them (``schema.QUIET_SETTING``).
DERIVED = frozenset({"duplicate_key"})
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
                raise CopyRefused(message(
                    "{count} payout(s) in this log are being sent right now; close the app "
                    "on this desk (they become unknown) and copy again", count=sending))
            backend: Any = team.backend
            copies = []
            for table in TABLES:  # first: dropping a foreign key waits for its table's indexes
                _drop_indexes_if_empty(backend, table)
            # A table's indexes are made (each on a connection of its own, the longest first)
            # and its rows checked while the next table is copied; the foreign keys last (each
            # waits for the indexes being made on the table it points to).
            rebuilt, keys = [], []
            with ThreadPoolExecutor(max_workers=2, thread_name_prefix="ledger-copy") as finishing:
                for table, key in TABLES.items():
                    columns = _columns(conn, table)
                    copied, lines = _copy_table(conn, backend, table, columns, key, progress,
                                                batch_rows)
                    for pending in _pending_rebuilds(backend, table):
                        if pending[1].startswith("ALTER TABLE"):
                            keys.append(pending)
                        else:
                            rebuilt.append(finishing.submit(_rebuild, backend, pending))
                    copies.append((table, copied, lines, finishing.submit(
                        _target_lines, backend, table, columns, key)))
                rebuilt += [finishing.submit(_rebuild, backend, pending) for pending in keys]
            for made in rebuilt:  # an index or key that could not be made is an error
                made.result()
            results = [TableCopied(table, copied, lines[0], target.result()[0],
                                   lines == target.result())
                       for table, copied, lines, target in copies]
            results.append(_copy_meta(conn, team))
            # Statistics for the planner now, not when autovacuum comes round to it: with
            # none, a receipt's page may be found by walking a million rows in time order.
            backend.connect().execute("ANALYZE transactions")
            return results
        finally:
            conn.close()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
            if row[1] not in DERIVED]


# PostgreSQL's COPY text format: these characters are written backslash-escaped (a NUL, which
# PostgreSQL cannot store, as U+FFFD).
_ESCAPES = str.maketrans({"\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                          "\t": "\\t", "\v": "\\v", "\x00": REPLACEMENT})
# Besides the tabs and newlines between cells and the backslashes of NULLs, which are counted.
_UNWRITTEN = "\b\f\r\v\x00"


def _lines(conn: sqlite3.Connection, table: str, columns: list[str], key: tuple[str, ...],
           last: tuple[Any, ...] | None, after: bool, chunk_rows: int
           ) -> Iterator[tuple[str, int]]:
    """The rows of ``table`` in key order, after the key ``last`` (``after``) or up to it, as
    COPY text: ``(lines, how many)`` a chunk at a time.

    SQLite writes each line with its cells as they are: tab-separated, ``\\N`` for NULL (escaping
    every cell there would cost more than the rest of the line). A chunk holding a character to
    escape (told by counting the tabs, newlines and backslashes it should hold) is read again and
    written here, every cell escaped."""
    if last is None and not after:
        return
    keys = ", ".join(key)
    bound = ", ".join(f":last{n}" for n in range(len(key)))
    cells = [f"CAST({column} AS TEXT)" for column in columns]
    line = " || char(9) || ".join(f"coalesce({cell}, '\\N')" for cell in cells)
    nulls = " + ".join(f"({column} IS NULL)" for column in columns)
    cursor = conn.execute(
        f"SELECT {line} || char(10), {nulls}, {keys} FROM {table} "
        + (f"WHERE ({keys}) {'>' if after else '<='} ({bound}) " if last is not None else "")
        + f"ORDER BY {keys}",
        {f"last{n}": value for n, value in enumerate(last or ())})
    before = last if after else None  # the key before the chunk
    while batch := cursor.fetchmany(chunk_rows):
        text = "".join(row[0] for row in batch)
        end = tuple(batch[-1][2:])
        if (text.count("\\") != sum(row[1] for row in batch)
                or text.count("\t") != len(batch) * (len(columns) - 1)
                or text.count("\n") != len(batch)
                or any(character in text for character in _UNWRITTEN)):
            params = {f"end{n}": value for n, value in enumerate(end)}
            where = f"({keys}) <= ({', '.join(f':end{n}' for n in range(len(key)))})"
            if before is not None:
                params |= {f"last{n}": value for n, value in enumerate(before)}
                where += f" AND ({keys}) > ({bound})"
            rows = conn.execute(
                f"SELECT {', '.join(cells)} FROM {table} WHERE {where} ORDER BY {keys}", params)
            text = "".join("\t".join("\\N" if cell is None else cell.translate(_ESCAPES)
                                     for cell in row) + "\n" for row in rows)
        before = end
        yield text, len(batch)


def _copy_table(conn: sqlite3.Connection, backend: Any, table: str, columns: list[str],
                key: tuple[str, ...], progress: Callable[[str, int], None] | None,
                batch_rows: int) -> tuple[int, tuple[int, str]]:
    """Copy the rows of ``table`` after the last key the target holds, ``batch_rows`` a
    transaction (each streamed in chunks, so SQLite reads while PostgreSQL writes). Returns how
    many were copied, and the source's lines and checksum (every row: one pass over it)."""
    last = backend.connect().execute(
        f"SELECT {', '.join(key)} FROM {table} "
        f"ORDER BY {', '.join(f'{k} DESC' for k in key)} LIMIT 1").fetchone()
    last = None if last is None else tuple(last)
    chunk_rows = min(CHUNK_ROWS, batch_rows)
    checksum = _Checksum()
    for text, rows in _lines(conn, table, columns, key, last, False, chunk_rows):
        checksum.add(text, rows)  # copied by an earlier run
    pending = _lines(conn, table, columns, key, last, True, chunk_rows)
    copied = 0
    while True:
        sent = 0

        def batch() -> Iterator[str]:
            nonlocal sent
            for text, rows in pending:
                checksum.add(text, rows)
                sent += rows
                yield text
                if sent >= batch_rows:
                    return

        writer = backend.connect()
        with backend.transaction(writer):
            writer.execute(f"SET LOCAL {QUIET_SETTING} = 'on'")  # history: nobody to tell
            writer.copy_in(table, columns, batch())
        if not sent:
            break
        copied += sent
        if progress:
            progress(table, copied)
    if table in IDENTITY_TABLES and copied:
        backend.connect().execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT max(id) FROM {table}))")
    return copied, (checksum.lines, checksum.digest.hexdigest())


def _drop_indexes_if_empty(backend: Any, table: str) -> None:
    writer = backend.connect()
    with backend.transaction(writer):
        if writer.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return
        indexes = writer.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = :table AND indexdef NOT LIKE 'CREATE UNIQUE %'",
            {"table": table}).fetchall()
        keys = writer.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = CAST(:table AS regclass) AND contype = 'f'",
            {"table": table}).fetchall()
        again = [ddl.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
                 for _, ddl in indexes]
        again += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {ddl}' for name, ddl in keys]
        for n, ddl in enumerate(again):
            writer.execute(
                "INSERT INTO meta (key, value) VALUES (:key, :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {"key": f"{REBUILD_KEY}.{table}.{n:03d}", "value": json.dumps(ddl)})
        for name, _ in indexes:
            writer.execute(f'DROP INDEX "{name}"')
        for name, _ in keys:
            writer.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')


def _pending_rebuilds(backend: Any, table: str) -> list[tuple[str, str]]:
    """``(meta key, DDL)`` of each index or key of ``table`` still to make, GIN indexes (the
    slowest to build) first."""
    rows = backend.connect().execute(
        "SELECT key, value FROM meta WHERE key LIKE :prefix ORDER BY key",
        {"prefix": f"{REBUILD_KEY}.{table}.%"}).fetchall()
    return sorted(((key, json.loads(ddl)) for key, ddl in rows),
                  key=lambda pending: " USING gin " not in pending[1])


def _rebuild(backend: Any, pending: tuple[str, str]) -> None:
    """Make one dropped index or key again; its meta entry goes in the same transaction."""
    key, ddl = pending
    writer = backend.connect()
    try:
        with backend.transaction(writer):
            writer.execute("SET LOCAL maintenance_work_mem = '256MB'")  # sorts in memory
            writer.execute(ddl)
            writer.execute("DELETE FROM meta WHERE key = :key", {"key": key})
    except backend.integrity_errors as error:
        raise CopyRefused(message(
            "the copied rows break a rule of the team ledger ({rule}); mend the desk's log and "
            "copy again (what is copied stays)", rule=backend.violated(error))) from error


def _target_lines(backend: Any, table: str, columns: list[str], key: tuple[str, ...]
                  ) -> tuple[int, str]:
    """The table's lines in the target and their checksum (the key's order: its unique index,
    never dropped)."""
    with backend.snapshot() as snapshot:
        return _checksum(snapshot.copy_out(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(key)}"))


def _copy_meta(conn: sqlite3.Connection, team: Any) -> TableCopied:
    """The source's settings the team has none of (its own turns aside); matches when every
    one of them is in the team's log with the same value."""
    own = {f"own{number}": pattern for number, pattern in enumerate(OWN_META)}
    kept = " AND ".join(f"key NOT LIKE :{name}" for name in own)
    rows = conn.execute(f"SELECT key, value FROM meta WHERE {kept} ORDER BY key", own).fetchall()
    writer = team.backend.connect()
    with team.backend.transaction(writer):
        added = sum(writer.execute(
            "INSERT INTO meta (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING",
            {"key": key, "value": value}).rowcount for key, value in rows)
    same = sum(team.get_meta(key) == value for key, value in rows)
    return TableCopied("meta", added, len(rows), same, same == len(rows))


class _Checksum:
    """Lines of COPY text counted and hashed as they pass."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.lines = 0

    def add(self, text: str, lines: int) -> None:
        self.digest.update(text.encode())
        self.lines += lines


def _checksum(chunks: Iterable[str | bytes]) -> tuple[int, str]:
    """How many lines, and the SHA-256 of their text."""
    digest = hashlib.sha256()
    lines = 0
    for chunk in chunks:
        data = chunk.encode() if isinstance(chunk, str) else chunk
        digest.update(data)
        lines += data.count(b"\n")
    return lines, digest.hexdigest()
