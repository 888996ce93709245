"""The simulator's state on disk: one SQLite file, ``simulator.sqlite3``, in the state folder.

It holds what a restarted simulator must still know: the balances of organisations and
customers, the journal of executed transactions (so Transaction Status, STK Query and reversals
find a payment made before the restart), the C2B registrations, the callbacks sent (for
``/admin/resend``) and the jobs not yet done (``jobs``). Each table keeps one JSON body per key;
``save`` writes one checkpoint's changes in one transaction.

One simulator at a time owns a state folder: the file is opened in SQLite's exclusive locking
mode and locked at once, so a second simulator (another process, or another in this one) gets
``StateInUse`` instead of two books drifting apart; the lock goes when the owner closes the
store or its process ends. The file is the owner's alone (0600, in a folder 0700).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from mpesa_desktop.private_files import private_dir, private_file

FILE_NAME = "simulator.sqlite3"
VERSION = 1
WAIT_FOR_LOCK_S = 0.25  # for an owner that is closing it
SCHEMA = """
CREATE TABLE IF NOT EXISTS organisations (shortcode TEXT PRIMARY KEY, balances TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customers (msisdn TEXT PRIMARY KEY, balance REAL NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS registrations (shortcode TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS callbacks (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
"""


class StateInUse(Exception):
    """Another simulator owns the state folder (or its file cannot be used)."""


@dataclass
class StateRows:
    """Saved state (``load``) or one checkpoint's changes (``save``); bodies are JSON dicts.
    ``finished_jobs`` (ids to delete) only means something to ``save``."""

    organisations: dict[str, dict[str, float]] = field(default_factory=dict)
    customers: dict[str, float] = field(default_factory=dict)
    transactions: list[dict[str, Any]] = field(default_factory=list)
    registrations: list[dict[str, Any]] = field(default_factory=list)
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    jobs: list[dict[str, Any]] = field(default_factory=list)
    finished_jobs: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.organisations, self.customers, self.transactions, self.registrations,
                    self.callbacks, self.jobs, self.finished_jobs))


class StateStore:
    """The state file of one folder, locked for this simulator until ``close``."""

    def __init__(self, directory: str | os.PathLike[str]):
        path = private_dir(directory) / FILE_NAME
        private_file(path)
        self.path = path
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                               timeout=WAIT_FOR_LOCK_S)
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")  # takes the lock, kept until the connection closes
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > VERSION:
                raise StateInUse(f"{path} was written by a newer mpesa-desktop")
            conn.executescript(SCHEMA)
            conn.execute(f"PRAGMA user_version = {VERSION}")
        except sqlite3.Error as error:
            conn.close()
            raise StateInUse(f"{path}: {error}") from None
        except BaseException:
            conn.close()
            raise
        self._conn: sqlite3.Connection | None = conn

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("the simulator state is closed")
        return self._conn

    def load(self) -> StateRows:
        db = self._db

        def bodies(table: str, order: str) -> list[dict[str, Any]]:
            return [json.loads(body) for (body,) in
                    db.execute(f"SELECT body FROM {table} ORDER BY {order}")]

        return StateRows(
            organisations={code: json.loads(balances) for code, balances in
                           db.execute("SELECT shortcode, balances FROM organisations")},
            customers=dict(db.execute("SELECT msisdn, balance FROM customers").fetchall()),
            transactions=bodies("transactions", "seq"),
            registrations=bodies("registrations", "shortcode"),
            callbacks=bodies("callbacks", "id"),
            jobs=bodies("jobs", "id"),
        )

    def save(self, changes: StateRows) -> None:
        """Write one checkpoint's changes, all or nothing."""
        db = self._db
        db.execute("BEGIN")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO organisations VALUES (?, ?)",
                [(code, json.dumps(b)) for code, b in changes.organisations.items()])
            db.executemany("INSERT OR REPLACE INTO customers VALUES (?, ?)",
                           list(changes.customers.items()))
            db.executemany(
                "INSERT INTO transactions (id, body) VALUES (?, ?) "
                "ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                [(t["id"], json.dumps(t)) for t in changes.transactions])
            db.executemany("INSERT OR REPLACE INTO registrations VALUES (?, ?)",
                           [(r["shortcode"], json.dumps(r)) for r in changes.registrations])
            db.executemany("INSERT OR REPLACE INTO callbacks VALUES (?, ?)",
                           [(c["id"], json.dumps(c)) for c in changes.callbacks])
            db.executemany("INSERT OR REPLACE INTO jobs VALUES (?, ?)",
                           [(j["id"], json.dumps(j)) for j in changes.jobs])
            db.executemany("DELETE FROM jobs WHERE id = ?",
                           [(job_id,) for job_id in changes.finished_jobs])
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        """Close the file and let another simulator take the folder."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
