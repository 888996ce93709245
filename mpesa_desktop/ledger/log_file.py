"""One profile's log as the Ledger holds it open: its backend (a SQLite file, or a PostgreSQL
database: ``backend``), two connections, their locks, the subscribers, and the row readers every
part of the Ledger uses.

Thread-safe: one write connection behind a lock (every write is one short transaction, committed
durably) and one read connection behind another lock for the log's pages, so a page can be read
while a status change is being committed. Subscribers are called after the commit, outside the
locks, from the thread that made the change. The Ledger's lease (``leases``) is released on close.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from mpesa_desktop.ledger import leases, schema
from mpesa_desktop.ledger.backend import Connection, is_url, open_backend
from mpesa_desktop.ledger.records import SELECT_TRANSACTION, Transaction, utc_now
from mpesa_desktop.ledger.statuses import LedgerError
from mpesa_desktop.ledger.values import current_operator
from mpesa_desktop.messages import message

if TYPE_CHECKING:
    from mpesa_desktop.team.roles import SignedIn

log = logging.getLogger(__name__)

Result = TypeVar("Result")
Listener = Callable[[Transaction, "str | None", str], None]


class UnknownReference(LedgerError):
    """No transaction has this reference."""


class LogFile:
    """The log of one profile at ``location`` (a SQLite file's path, or a ``postgresql://`` URL
    with the ``password`` its server asks for), migrated and open."""

    def __init__(
        self,
        location: str | Path,
        profile: str = "offline",
        *,
        clock: Callable[[], datetime] = utc_now,
        operator: str | None = None,
        password: str | None = None,
    ) -> None:
        self.location: str | Path = location if is_url(location) else Path(location)
        self.backend = open_backend(location, password=password)
        self.dialect = self.backend.dialect
        # Whether the subscribers hear the changes other processes make (a team ledger's).
        self.hears_others = self.backend.hears_others
        self.profile = profile
        self._clock = clock
        self._operator = operator or current_operator()
        # Who is signed in (``team.users.sign_in``); None: nobody, on a log that may have no
        # users (then the OS user's name is the operator).
        self.user: SignedIn | None = None
        # This Ledger's lease on the ``sending`` rows it writes, taken with the first of them
        # (or with a turn: ``leases``), given up on close.
        self.owner = uuid.uuid4().hex
        self._process = leases.this_process()
        self._holds_lease = False
        self._write = self.backend.connect()
        try:
            schema.migrate(self.backend, self._write)
            self.backend.opened(self._write)
            self._read = self.backend.connect()
        except BaseException:
            self._write.close()
            self.backend.close()
            raise
        self._closed = False
        self._write_lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        # Changes other desks commit to a shared log reach the subscribers too.
        self._stop_hearing = self.backend.listen(self._heard)

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The SQLite file of this log (a LedgerError on PostgreSQL: there is no file)."""
        if not isinstance(self.location, Path):
            raise LedgerError(message("this log is in a PostgreSQL database ({where}), not in "
                                      "a file", where=self.location))
        return self.location

    def close(self) -> None:
        """Release this Ledger's lease and close the log (the backend's housekeeping first)."""
        self._stop_hearing()
        with self._write_lock, self._read_lock:
            if self._closed:
                return
            self._closed = True
            if self._holds_lease:
                try:
                    with self.backend.transaction(self._write):
                        leases.release(self._write, self.owner)
                except self.backend.unavailable_errors:
                    pass  # the log stayed busy: the lease ends with this process all the same
            self._write.close()
            try:
                self.backend.closing(self._read)
            finally:
                self._read.close()
                self.backend.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def act_as(self, user: SignedIn | None) -> None:
        """From now on this Ledger writes as ``user`` (its rows' operator, its audit entries'
        actor); None: nobody signed in (the OS user's name again)."""
        self.user = user
        self._operator = user.name if user is not None else current_operator()

    @property
    def operator(self) -> str:
        """The name this Ledger writes its rows and audit entries under."""
        return self._operator

    @property
    def has_users(self) -> bool:
        """Whether the log has users (then every action needs someone signed in)."""
        with self._read_lock:
            return self._read.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Call ``callback(transaction, old_status, new_status)`` after each committed change
        (``old_status`` is None for a new row). Returns a function that unsubscribes."""
        with self._listeners_lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._listeners_lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def _heard(self, reference: str, old: str | None) -> None:
        """Another desk changed ``reference`` (from ``old``, None for a new row): tell the
        subscribers, with the row as it is now."""
        with self._read_lock:
            if self._closed:
                return
            rows = self._select(self._read, "WHERE reference = :reference",
                                {"reference": reference})
        self._notify([(row, old, row.status) for row in rows])

    def _notify(self, changes: Iterable[tuple[Transaction, str | None, str]]) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for transaction, old, new in changes:
            for listener in listeners:
                try:
                    listener(transaction, old, new)
                except Exception:
                    log.exception("a ledger subscriber failed on %s", transaction.reference)

    # -- for the Ledger's parts and its own modules (``settling``) ---------------------------------

    def writing(self, work: Callable[[Connection], Result]) -> Result:
        """``work(connection)`` in one write transaction: for the ledger's own modules
        (``settling``), whose rules must hold across processes."""
        with self._write_lock, self.backend.transaction(self._write):
            return work(self._write)

    def reading(self, work: Callable[[Connection], Result]) -> Result:
        """``work(connection)`` on the read connection (the ledger's own modules)."""
        with self._read_lock:
            return work(self._read)

    def _select(
        self, conn: Connection, tail: str, params: Mapping[str, Any]
    ) -> list[Transaction]:
        rows = conn.execute(f"{SELECT_TRANSACTION} {tail}", params).fetchall()
        return [Transaction.from_row(row) for row in rows]

    def _get(self, conn: Connection, reference: str, *, lock: bool = False) -> Transaction:
        """The row ``reference``; ``lock``: kept as read until the write transaction ends (a
        row about to change, on a database where writers do not take turns for everything)."""
        tail = "WHERE reference = :reference" + (self.dialect.for_update if lock else "")
        rows = self._select(conn, tail, {"reference": reference})
        if not rows:
            raise UnknownReference(f"no transaction with reference {reference} in the log")
        return rows[0]

    def _read_rows(self, tail: str, params: Mapping[str, Any]) -> list[Transaction]:
        with self._read_lock:
            return self._select(self._read, tail, params)
