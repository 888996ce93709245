"""The PostgreSQL backend: an office's shared ledger, through psycopg 3 and a connection pool.

**The URL** is checked by ``ledger_url`` (no password in it; TLS to any other machine). The
password, from the keyring or the environment, reaches libpq as an argument.

**Connections.** The pool holds a few connections in autocommit mode. A connection the ledger
holds (:class:`PooledConnection`) borrows one for each statement, or for the whole of a write
transaction (``BEGIN`` ... ``COMMIT``), so a connection lost while the server restarts is
replaced by the pool, and the ledger works again once the server is back. The ledger's SQL uses
sqlite3's ``:name`` parameters; they become psycopg's ``%(name)s`` here, once per statement text.

**Live updates.** A :class:`Listener` thread holds a connection of its own that LISTENs on the
schema's changes channel, and hands the ledger each change another desk committed (its own are
told by the Ledger itself); it connects again, by itself, when the server comes back.

**Text.** PostgreSQL's text holds no NUL character: one arriving in a clerk's or Daraja's text
is stored as U+FFFD (:func:`storable`), where SQLite keeps it as it came.

**Writers across desks.** Write transactions run at READ COMMITTED. A row a transaction reads in
order to change it is locked (``FOR UPDATE``: ``dialect``); rules over several rows take an
advisory lock on their topic (:meth:`PostgresBackend.serialize`), so they hold as they hold on
SQLite, where writers take turns for the whole file.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import psycopg
from psycopg.copy import QueuedLibpqWriter
from psycopg_pool import ConnectionPool, PoolTimeout

from mpesa_desktop.ledger.dialect import POSTGRES
from mpesa_desktop.ledger.ledger_url import check_url
from mpesa_desktop.ledger.schema import CHANGES_CHANNEL
from mpesa_desktop.ledger.statuses import LedgerUnavailable

log = logging.getLogger(__name__)

UNAVAILABLE = ("the team ledger's database cannot be reached; nothing was written or sent. "
               "Work goes on by itself when it is back")
POOL_SIZE = 4
SNAPSHOT_NAME = re.compile(r"[0-9A-Fa-f-]+")
RECONNECT_SECONDS = 1.0
CONNECT_TIMEOUT_SECONDS = 5
SCHEMA_TABLE = "ledger_schema"

# A quoted string or identifier (left as it is), a cast (``::``), a parameter, or a percent sign.
_TOKENS = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|:[A-Za-z_]\w*|%)")


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """sqlite3's ``:name`` parameters as psycopg's ``%(name)s`` outside quoted strings and
    casts; every ``%`` as ``%%`` (psycopg reads it even in a quoted string)."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith(":") and token != "::":
            return f"%({token[1:]})s"
        return token.replace("%", "%%")

    return _TOKENS.sub(one, sql)


NUL, REPLACEMENT = "\x00", "\ufffd"


def storable(values: Any) -> Any:
    """``values`` (a mapping or a row) with NUL characters in its text replaced."""
    if isinstance(values, dict):
        return {key: storable(value) for key, value in values.items()}
    if isinstance(values, list | tuple):
        return type(values)(storable(value) for value in values)
    if isinstance(values, str) and NUL in values:
        return values.replace(NUL, REPLACEMENT)
    return values


class PooledConnection:
    """A ledger connection on the pool: one borrowed connection per statement, or per write
    transaction while one is open (``begin`` ... ``commit``/``rollback``)."""

    def __init__(self, pool: ConnectionPool, *, readonly: bool = False) -> None:
        self._pool = pool
        self._readonly = readonly
        self._held: AbstractContextManager[psycopg.Connection[Any]] | None = None
        self._conn: psycopg.Connection[Any] | None = None

    def execute(self, sql: str, parameters: Any = None, /) -> psycopg.Cursor[Any]:
        query = translate(sql) if parameters is not None else sql
        parameters = storable(parameters)
        if self._conn is not None:
            return self._conn.execute(query, parameters)
        with self._borrowed() as conn:
            return conn.execute(query, parameters)  # a client-side cursor: rows already read

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        query = translate(sql)
        parameters = [storable(row) for row in parameters]
        if self._conn is not None:
            cursor = self._conn.cursor()
            cursor.executemany(query, parameters)
            return cursor
        with self._borrowed() as conn:
            cursor = conn.cursor()
            cursor.executemany(query, parameters)
            return cursor

    @contextmanager
    def _borrowed(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection of the pool; LedgerUnavailable when none can be had or it broke (any
        other error, such as a deadlock, is raised as it is)."""
        conn: psycopg.Connection[Any] | None = None
        try:
            with self._pool.connection() as conn:
                if self._readonly:
                    conn.read_only = True
                yield conn
        except PoolTimeout:
            raise LedgerUnavailable(UNAVAILABLE) from None
        except psycopg.OperationalError as error:
            if conn is None or conn.broken or conn.closed:
                raise LedgerUnavailable(UNAVAILABLE) from error
            raise

    def server_cursor(self, sql: str, parameters: Any) -> psycopg.ServerCursor[Any]:
        """A cursor whose rows stay on the server until fetched (inside a transaction)."""
        assert self._conn is not None, "a server-side cursor lives in a transaction"
        cursor = self._conn.cursor(name="ledger_stream")
        cursor.execute(translate(sql), parameters)
        return cursor

    def copy_in(self, table: str, columns: list[str], chunks: Iterable[str]) -> None:
        """``COPY table (columns) FROM STDIN`` of ``chunks`` of lines in COPY's text format
        (inside a write transaction), each sent as it comes: by a thread of psycopg's, so the
        next chunk is made while PostgreSQL takes this one (a 1M-row log: 18 s, not 29 s)."""
        assert self._conn is not None, "COPY runs in a transaction"
        cursor = self._conn.cursor()
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN",
                         writer=QueuedLibpqWriter(cursor)) as copy:
            for text in chunks:
                copy.write(text)

    def copy_out(self, query: str, parameters: Any = None) -> Iterator[bytes]:
        """``COPY (query) TO STDOUT`` in COPY's text format, a row at a time (inside a
        transaction); ``parameters`` are bound by psycopg on this side (COPY takes none)."""
        assert self._conn is not None, "COPY runs in a transaction"
        if parameters is not None:
            query = translate(query)
        with self._conn.cursor().copy(f"COPY ({query}) TO STDOUT", storable(parameters)) as copy:
            for block in copy:
                yield bytes(block)

    def begin(self, statement: str = "BEGIN") -> None:
        self._held = self._borrowed()
        self._conn = self._held.__enter__()
        try:
            self._conn.execute(statement)
        except BaseException as error:
            self._release(error)
            raise

    def commit(self) -> None:
        try:
            assert self._conn is not None
            self._conn.execute("COMMIT")
        finally:
            self._release(None)

    def rollback(self, error: BaseException | None) -> None:
        try:
            if self._conn is not None and not self._conn.closed:
                self._conn.execute("ROLLBACK")
        except psycopg.Error:
            pass  # a broken connection: the pool discards it
        finally:
            self._release(error)

    def _release(self, error: BaseException | None) -> None:
        held, self._held, self._conn = self._held, None, None
        if held is not None:
            held.__exit__(None if error is None else type(error), error, None)

    def close(self) -> None:
        """Nothing to close: the pool holds the connections (``PostgresBackend.close``)."""


class PostgresBackend:
    """A ledger in the PostgreSQL database of ``url`` (see ``backend.Backend``)."""

    dialect = POSTGRES
    hears_others = True
    integrity_errors: tuple[type[Exception], ...] = (psycopg.IntegrityError,)
    unavailable_errors: tuple[type[Exception], ...] = (LedgerUnavailable, psycopg.OperationalError)

    def __init__(self, url: str, *, password: str | None = None) -> None:
        options = check_url(url)
        self.url = url
        self.location = url  # it holds no password (check_url)
        # Names this Ledger's connections, so its own changes are told apart from other desks'.
        self.writer = f"mpesa-desktop-{uuid.uuid4().hex[:16]}"
        extra: dict[str, Any] = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_SECONDS,
                                 "application_name": self.writer}
        self._connect_options = extra
        if "sslmode" in options:
            extra["sslmode"] = options["sslmode"]
        if password:
            extra["password"] = password
        self.pool: ConnectionPool = ConnectionPool(
            url, kwargs=extra, min_size=1, max_size=POOL_SIZE, open=False,
            timeout=CONNECT_TIMEOUT_SECONDS, name="ledger",
            check=ConnectionPool.check_connection)  # one lost while the server restarted
        self.pool.open()
        try:
            self.pool.wait(CONNECT_TIMEOUT_SECONDS)
        except PoolTimeout:
            self.pool.close()
            raise LedgerUnavailable(
                f"the ledger's database at {self.location} cannot be reached") from None

    def connect(self, *, readonly: bool = False) -> PooledConnection:
        return PooledConnection(self.pool, readonly=readonly)

    @contextmanager
    def transaction(self, conn: PooledConnection) -> Iterator[PooledConnection]:
        conn.begin()
        try:
            yield conn
        except BaseException as error:
            conn.rollback(error)
            raise
        conn.commit()

    @contextmanager
    def snapshot(self) -> Iterator[PooledConnection]:
        conn = PooledConnection(self.pool, readonly=True)
        conn.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield conn
        finally:
            conn.rollback(None)

    @contextmanager
    def beside(self, snapshot: str) -> Iterator[PooledConnection]:
        """A second read-only connection in the snapshot another exported
        (``SELECT pg_export_snapshot()``): it reads while the other streams a COPY."""
        if not SNAPSHOT_NAME.fullmatch(snapshot):
            raise ValueError(f"not a snapshot name: {snapshot!r}")
        conn = PooledConnection(self.pool, readonly=True)
        conn.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            conn.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            yield conn
        finally:
            conn.rollback(None)

    def stream(self, conn: PooledConnection, sql: str, parameters: Any
               ) -> psycopg.ServerCursor[Any]:
        """A server-side cursor: the rows come a batch at a time."""
        return conn.server_cursor(sql, parameters)

    def violated(self, error: Exception) -> str:
        diag = getattr(error, "diag", None)
        if diag is None:
            return str(error)
        return f"{diag.constraint_name} {diag.message_detail}"

    def serialize(self, conn: PooledConnection, topic: str) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || :topic))",
                     {"topic": topic})

    def schema_version(self, conn: PooledConnection) -> int:
        found = conn.execute("SELECT to_regclass(:name)", {"name": SCHEMA_TABLE}).fetchone()
        if found is None or found[0] is None:
            return 0
        row = conn.execute(f"SELECT max(version) FROM {SCHEMA_TABLE}").fetchone()
        return int(row[0] or 0) if row else 0

    def set_schema_version(self, conn: PooledConnection, version: int) -> None:
        """Inside a migration's transaction (which holds the "schema" topic)."""
        conn.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version integer NOT NULL)")
        conn.execute(f"DELETE FROM {SCHEMA_TABLE}")
        conn.execute(f"INSERT INTO {SCHEMA_TABLE} (version) VALUES (:version)",
                     {"version": int(version)})

    def opened(self, conn: PooledConnection) -> None:
        """Nothing to do: the server keeps its statistics itself (autovacuum)."""

    def closing(self, conn: PooledConnection) -> None:
        """Nothing to do (see ``opened``)."""

    def listen(self, heard: Callable[[str, str | None], None]) -> Callable[[], None]:
        listener = Listener(self.url, self._connect_options, self.writer, heard)
        listener.start()
        return listener.stop

    def close(self) -> None:
        self.pool.close()


class Listener:
    """Hears the changes other desks commit (``LISTEN``), on a thread and a connection of its
    own, and calls ``heard(reference, old status)`` for each; connects again after a loss."""

    def __init__(self, url: str, options: dict[str, Any], writer: str,
                 heard: Callable[[str, str | None], None]) -> None:
        self._url, self._options, self._writer, self._heard = url, options, writer, heard
        self._stopping = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ledger-listener", daemon=True)

    def start(self) -> None:
        """Start listening; returns once every change committed from now on will be heard (or,
        with the server out of reach, after the connect timeout: it keeps trying)."""
        self._thread.start()
        self._listening.wait(CONNECT_TIMEOUT_SECONDS)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                with psycopg.connect(self._url, **self._options) as conn:
                    conn.execute(f"LISTEN {CHANGES_CHANNEL}")
                    self._listening.set()
                    while not self._stopping.is_set():
                        for note in conn.notifies(timeout=0.2):
                            self._hear(note.payload)
            except psycopg.Error as error:
                log.warning("live updates from the team ledger stopped (%s); trying again",
                            type(error).__name__)
                self._stopping.wait(RECONNECT_SECONDS)

    def _hear(self, payload: str) -> None:
        change = json.loads(payload)
        if change["writer"] == self._writer:
            return  # this Ledger's own: it told its subscribers itself
        try:
            self._heard(change["reference"], change["old"])
        except Exception:
            log.exception("a change heard from another desk could not be applied")
