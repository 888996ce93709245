"""Durable SQLite store of received callbacks, with group commit.

Every callback is committed (WAL, ``synchronous=FULL``) before the relay answers it. One writer
thread owns the write connection; callbacks that arrive together are committed in one
transaction, so durability costs one fsync per batch instead of one per callback.

- ``events``: one row per distinct callback, ids strictly increasing (AUTOINCREMENT, never
  reused), which is the feed's cursor order. A duplicate delivery (same kind and same canonical
  JSON body, compared by SHA-256) is stored once; its ``deliveries`` count goes up. ``ref`` is
  the ledger reference the callback URL carried (``relay.reference``), or NULL; the first
  delivery's ref is kept (it is not part of the duplicate check). ``repaired`` is NULL, or says
  what was replaced to read the body (``relay.payloads``); then ``raw`` holds the body exactly
  as received (``raw_body()``).
- ``quarantine``: requests refused with 400/403 (not JSON, unknown shape, source not allowed),
  kept for inspection: the first 16 KiB of the body, its size and the reason. The newest 10,000
  are kept (at most about 160 MB).
- ``meta``: the store's ``instance`` id, so a poller's cursor from another store is recognised.

The database is created 0600 (``private_files``) before SQLite opens it, so its ``-wal`` and
``-shm`` are too; a looser one left by an older version is tightened.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import queue
import sqlite3
import threading
import uuid
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mpesa_desktop.private_files import private_file

SCHEMA_VERSION = 3
QUARANTINE_BODY_LIMIT = 16 * 1024
QUARANTINE_KEEP = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    deliveries INTEGER NOT NULL DEFAULT 1,
    payload TEXT NOT NULL,
    ref TEXT,
    repaired TEXT,
    raw BLOB
);
CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    body BLOB NOT NULL
);
"""


def utc_now() -> str:
    """The receive time as stored: ISO 8601 UTC with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


# Made once: ``json.dumps`` with these options would build an encoder for every callback.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                              allow_nan=False)


def canonical_json(payload: object) -> str:
    """One spelling per JSON value: sorted keys, no spaces, ASCII only; NaN/Infinity refused."""
    return _CANONICAL.encode(payload)


def callback_digest(kind: str, canonical: str) -> str:
    return hashlib.sha256(f"{kind}\n{canonical}".encode("ascii")).hexdigest()


@dataclass(frozen=True)
class StoredEvent:
    """A stored callback. ``payload_json`` is its canonical JSON text; ``ref`` the ledger
    reference its URL carried (None when it had none); ``repaired`` what was replaced to read
    it (None when nothing)."""

    id: int
    kind: str
    received_at: str
    source: str
    deliveries: int
    payload_json: str
    ref: str | None = None
    repaired: str | None = None

    @property
    def payload(self) -> dict:
        return json.loads(self.payload_json)


@dataclass(frozen=True)
class QuarantinedRequest:
    """A refused request kept for inspection (``body`` cut to 16 KiB; ``size`` is the whole)."""

    id: int
    kind: str
    received_at: str
    source: str
    reason: str
    content_type: str
    size: int
    body: bytes = field(repr=False)


@dataclass
class _Job:
    sql_kind: str  # "event" or "quarantine"
    values: tuple
    future: Future | asyncio.Future
    loop: asyncio.AbstractEventLoop | None = None  # the loop of an asyncio future


_STOP = object()


def _settle(outcomes: list[tuple[_Job, object, Exception | None]]) -> None:
    """Give each waiter its result or error: a thread's future at once, the asyncio futures of
    a loop in one call on that loop (one wake-up for the batch)."""
    on_loops: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future, object,
                                                         Exception | None]]] = {}
    for job, result, error in outcomes:
        if job.loop is None:
            future = job.future
            assert isinstance(future, Future)
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)
        else:
            assert isinstance(job.future, asyncio.Future)
            on_loops.setdefault(job.loop, []).append((job.future, result, error))
    for loop, waiting in on_loops.items():
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(_settle_on_loop, waiting)


def _settle_on_loop(waiting: list[tuple[asyncio.Future, object, Exception | None]]) -> None:
    for future, result, error in waiting:
        if future.done():  # the request was cancelled (its client went away)
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


def _connect(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, timeout=30.0,
                                 check_same_thread=check_same_thread)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


_LATER_COLUMNS = (("ref", "TEXT"), ("repaired", "TEXT"), ("raw", "BLOB"))  # schemas 2 and 3


def _add_later_columns(connection: sqlite3.Connection) -> None:
    """Bring a store written by an older version (schema 1 or 2) up to date."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(events)")}
    for name, sql_type in _LATER_COLUMNS:
        if name in columns:
            continue
        try:
            connection.execute(f"ALTER TABLE events ADD COLUMN {name} {sql_type}")
        except sqlite3.OperationalError as error:  # another process added it just now
            if "duplicate column" not in str(error):
                raise


class CallbackStore:
    """The relay's store; safe to use from any thread. ``close()`` when done."""

    def __init__(self, path: Path | str, *, batch_limit: int = 512,
                 quarantine_keep: int = QUARANTINE_KEEP):
        self.path = Path(path)
        self._batch_limit = batch_limit
        self._quarantine_keep = quarantine_keep
        private_file(self.path)
        setup = _connect(self.path)
        try:
            with setup:
                setup.executescript(_SCHEMA)
                _add_later_columns(setup)
                setup.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                setup.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('instance', ?)",
                    (uuid.uuid4().hex[:16],),
                )
            self.instance: str = setup.execute(
                "SELECT value FROM meta WHERE key = 'instance'"
            ).fetchone()[0]
        finally:
            setup.close()
        self._reader = _connect(self.path, check_same_thread=False)
        self._reader_lock = threading.Lock()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._enqueue_lock = threading.Lock()
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="relay-store-writer",
                                        daemon=True)
        self._writer.start()

    # -- writing -----------------------------------------------------------------------------

    def submit(self, kind: str, payload_json: str, source: str,
               received_at: str | None = None, ref: str | None = None,
               repaired: str | None = None, raw: bytes | None = None) -> Future:
        """Queue a callback; the future gives ``(event_id, is_new)`` once it is committed.

        ``payload_json`` must be canonical (``canonical_json``) so duplicates are recognised;
        ``ref`` must already be checked (``relay.reference.valid_ref``); ``repaired`` says
        what was replaced to read ``raw``, the body as received.
        """
        future: Future = Future()
        self._put(_Job("event", self._event(kind, payload_json, source, received_at, ref,
                                            repaired, raw), future))
        return future

    async def store(self, kind: str, payload_json: str, source: str,
                    received_at: str | None = None, ref: str | None = None,
                    repaired: str | None = None, raw: bytes | None = None) -> tuple[int, bool]:
        """``submit`` awaited on the running loop: ``(event_id, is_new)`` once committed. The
        writer wakes the loop once for all of a batch's callbacks, not once for each."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        self._put(_Job("event", self._event(kind, payload_json, source, received_at, ref,
                                            repaired, raw), future, loop))
        result: tuple[int, bool] = await future
        return result

    @staticmethod
    def _event(kind: str, payload_json: str, source: str, received_at: str | None,
               ref: str | None, repaired: str | None, raw: bytes | None) -> tuple:
        digest = callback_digest(kind, payload_json)
        return (kind, received_at or utc_now(), source, digest, payload_json, ref, repaired, raw)

    def add(self, kind: str, payload: dict, source: str = "local",
            ref: str | None = None) -> tuple[int, bool]:
        """Store a callback and wait for the commit; ``(event_id, is_new)``."""
        return self.submit(kind, canonical_json(payload), source, ref=ref).result()

    def submit_quarantine(self, kind: str, reason: str, body: bytes, source: str,
                          content_type: str = "", received_at: str | None = None) -> Future:
        """Keep a refused request aside; the future gives its quarantine id."""
        values = (kind, received_at or utc_now(), source, reason, content_type[:200],
                  len(body), bytes(body[:QUARANTINE_BODY_LIMIT]))
        future: Future = Future()
        self._put(_Job("quarantine", values, future))
        return future

    def _put(self, job: _Job) -> None:
        with self._enqueue_lock:
            if self._closed:
                raise RuntimeError("the callback store is closed")
            self._jobs.put(job)

    def _write_loop(self) -> None:
        connection = _connect(self.path)
        try:
            while True:
                first = self._jobs.get()
                if first is _STOP:
                    return
                batch = [first]
                stop_after = False
                while len(batch) < self._batch_limit:
                    try:
                        job = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if job is _STOP:
                        stop_after = True
                        break
                    batch.append(job)
                self._commit(connection, batch)
                if stop_after:
                    return
        finally:
            connection.close()

    def _commit(self, connection: sqlite3.Connection, batch: list[_Job]) -> None:
        results: list[object] = []
        try:
            connection.execute("BEGIN IMMEDIATE")
            for job in batch:
                results.append(self._apply(connection, job))
            connection.execute("COMMIT")
        except Exception as error:  # reported to every waiter of the batch
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            _settle([(job, None, error) for job in batch])
            return
        _settle([(job, result, None) for job, result in zip(batch, results, strict=True)])

    def _apply(self, connection: sqlite3.Connection, job: _Job) -> object:
        if job.sql_kind == "event":
            cursor = connection.execute(
                "INSERT OR IGNORE INTO events (kind, received_at, source, digest, payload, ref, "
                "repaired, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                job.values,
            )
            if cursor.rowcount == 1:
                return cursor.lastrowid, True
            digest = job.values[3]
            connection.execute(
                "UPDATE events SET deliveries = deliveries + 1 WHERE digest = ?", (digest,)
            )
            row = connection.execute("SELECT id FROM events WHERE digest = ?", (digest,))
            return row.fetchone()[0], False
        cursor = connection.execute(
            "INSERT INTO quarantine (kind, received_at, source, reason, content_type, size, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            job.values,
        )
        quarantine_id = int(cursor.lastrowid or 0)  # an INSERT always sets it
        connection.execute(
            "DELETE FROM quarantine WHERE id <= ?", (quarantine_id - self._quarantine_keep,)
        )
        return quarantine_id

    # -- reading -----------------------------------------------------------------------------

    def events_after(self, after_id: int, limit: int = 100) -> list[StoredEvent]:
        """Events with ``id > after_id`` in id order, at most ``limit``."""
        with self._reader_lock:
            rows = self._reader.execute(
                "SELECT id, kind, received_at, source, deliveries, payload, ref, repaired "
                "FROM events WHERE id > ? ORDER BY id LIMIT ?",
                (after_id, limit),
            ).fetchall()
        return [StoredEvent(*row) for row in rows]

    def raw_body(self, event_id: int) -> bytes | None:
        """The body of a repaired event exactly as received (None for the others)."""
        with self._reader_lock:
            row = self._reader.execute("SELECT raw FROM events WHERE id = ?",
                                       (event_id,)).fetchone()
        return row[0] if row else None

    def count(self) -> int:
        with self._reader_lock:
            return self._reader.execute("SELECT count(*) FROM events").fetchone()[0]

    def quarantined(self, limit: int = 100) -> list[QuarantinedRequest]:
        """The newest refused requests, newest first."""
        with self._reader_lock:
            rows = self._reader.execute(
                "SELECT id, kind, received_at, source, reason, content_type, size, body "
                "FROM quarantine ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [QuarantinedRequest(*row) for row in rows]

    def close(self) -> None:
        """Commit what is queued, then close. Safe to call twice."""
        with self._enqueue_lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(_STOP)
        self._writer.join()
        with self._reader_lock:
            self._reader.close()

    def __enter__(self) -> CallbackStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
