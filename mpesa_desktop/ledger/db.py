"""The SQLite backend: a thin, explicit layer over sqlite3, opening a ledger file and running
transactions (``SqliteBackend``; ``backend`` describes the seam).

Connections run in autocommit mode (``isolation_level=None``) so every transaction is explicit:
``with transaction(conn): ...`` issues ``BEGIN IMMEDIATE`` and ``COMMIT`` (or ``ROLLBACK`` on an
exception). Statements use named parameters (``:name``). Files are in WAL mode; ``synchronous=FULL``
makes each commit durable before it returns, which the write-ahead of money needs.

The file is private: created 0600 (in a folder created 0700) before SQLite opens it, so the
``-wal`` and ``-shm`` files SQLite makes beside it get the same mode; an existing file, or one of
its companions, left readable by others is tightened on open (``private_files``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from mpesa_desktop.ledger.dialect import SQLITE
from mpesa_desktop.private_files import private_dir, private_file

BUSY_TIMEOUT_MS = 10_000
# Rows sampled per index by ANALYZE: statistics in milliseconds, even at a million rows.
ANALYSIS_LIMIT = 1000
COMPANIONS = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside a database


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open ``path`` (created, with its folder, unless ``readonly``) with the ledger's pragmas."""
    path = Path(path)
    if not readonly:
        private_dir(path.parent)
    for name in (path.name, *(path.name + suffix for suffix in COMPANIONS)):
        private_file(path.with_name(name), create=not readonly and name == path.name)
    if readonly:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly:
        _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; rolls back and re-raises when the block fails."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _switch_to_wal(conn: sqlite3.Connection, attempts: int = 50) -> None:
    """``PRAGMA journal_mode = WAL``, tried again while another process holds the new file
    (two processes opening a new log at once: the switch does not wait on busy_timeout)."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


class SqliteBackend:
    """A ledger in the SQLite file ``path`` (see ``backend.Backend``)."""

    dialect = SQLITE
    hears_others = False
    integrity_errors: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
    unavailable_errors: tuple[type[Exception], ...] = (sqlite3.OperationalError,)

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)

    def connect(self, *, readonly: bool = False) -> sqlite3.Connection:
        return connect(self.path, readonly=readonly)

    def transaction(self, conn: sqlite3.Connection) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(conn)

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        conn = connect(self.path, readonly=True)
        try:
            conn.execute("BEGIN")
            yield conn
        finally:
            conn.close()

    def stream(self, conn: sqlite3.Connection, sql: str, parameters: Any) -> sqlite3.Cursor:
        return conn.execute(sql, parameters)  # SQLite reads a cursor's rows as they are fetched

    def violated(self, error: Exception) -> str:
        return str(error)  # "UNIQUE constraint failed: transactions.reference"

    def serialize(self, conn: sqlite3.Connection, topic: str) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already holds the file's one write lock."""

    def schema_version(self, conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, conn: sqlite3.Connection, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version)}")

    def opened(self, conn: sqlite3.Connection) -> None:
        """Give the query planner statistics when the file has none (a sampled ANALYZE, a few
        milliseconds). Without them SQLite may, say, walk every 'completed' row to find one
        phone's."""
        has_stats = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchone() and conn.execute(
            "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'transactions' LIMIT 1"
        ).fetchone()
        if not has_stats:
            conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            conn.execute("ANALYZE transactions")

    def closing(self, conn: sqlite3.Connection) -> None:
        """Refresh the planner's statistics when SQLite thinks it worthwhile (``PRAGMA
        optimize``, sampled, so it stays quick on a big log), on the connection that ran the
        queries: it knows what they needed."""
        try:
            conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            conn.execute("PRAGMA optimize")
        except sqlite3.OperationalError:
            pass  # another process is writing the file: the statistics can wait

    def listen(self, heard: Callable[[str, str | None], None]) -> Callable[[], None]:
        """Nothing to hear: the Ledger itself tells its subscribers of its own changes."""
        return lambda: None

    def close(self) -> None:
        """Nothing held: each connection is closed by its user."""
