"""A thin, explicit layer over sqlite3: opening a ledger file and running transactions.

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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mpesa_desktop.private_files import private_dir, private_file

BUSY_TIMEOUT_MS = 10_000
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
        conn.execute("PRAGMA journal_mode = WAL")
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
