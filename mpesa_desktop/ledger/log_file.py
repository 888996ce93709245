"""One profile's log file as the Ledger holds it open: two connections, their locks, the
subscribers, and the row readers every part of the Ledger uses.

Thread-safe: one write connection behind a lock (every write is one short transaction, committed
durably) and one read connection behind another lock for the log's pages, so a page can be read
while a status change is being committed. Subscribers are called after the commit, outside the
locks, from the thread that made the change. The Ledger's lease (``leases``) is released on close.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from mpesa_desktop.ledger import db, leases, schema
from mpesa_desktop.ledger.records import SELECT_TRANSACTION, Transaction, utc_now
from mpesa_desktop.ledger.statuses import LedgerError
from mpesa_desktop.ledger.values import current_operator

log = logging.getLogger(__name__)

Result = TypeVar("Result")
Listener = Callable[[Transaction, "str | None", str], None]


class UnknownReference(LedgerError):
    """No transaction has this reference."""


class LogFile:
    """The SQLite file ``path`` of one profile's log, migrated and open."""

    def __init__(
        self,
        path: str | Path,
        profile: str = "offline",
        *,
        clock: Callable[[], datetime] = utc_now,
        operator: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.profile = profile
        self._clock = clock
        self._operator = operator or current_operator()
        # This Ledger's lease on the ``sending`` rows it writes, taken with the first of them.
        self.owner = uuid.uuid4().hex
        self._process = leases.this_process()
        self._holds_lease = False
        self._write = db.connect(self.path)
        try:
            schema.migrate(self._write)
            schema.ensure_statistics(self._write)
            self._read = db.connect(self.path)
        except BaseException:
            self._write.close()
            raise
        self._closed = False
        self._write_lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        """Release this Ledger's lease and close the file. Refreshes the query planner's
        statistics when SQLite thinks it worthwhile (``PRAGMA optimize``, sampled, so it stays
        quick on a big log)."""
        with self._write_lock, self._read_lock:
            if self._closed:
                return
            self._closed = True
            if self._holds_lease:
                try:
                    with db.transaction(self._write):
                        leases.release(self._write, self.owner)
                except sqlite3.OperationalError:
                    pass  # the file stayed busy: the lease ends with this process all the same
            self._write.close()
            try:  # on the connection that ran the queries: it knows what they needed
                self._read.execute(f"PRAGMA analysis_limit = {schema.ANALYSIS_LIMIT}")
                self._read.execute("PRAGMA optimize")
            except sqlite3.OperationalError:
                pass  # another process is writing the file: the statistics can wait
            finally:
                self._read.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

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

    def writing(self, work: Callable[[sqlite3.Connection], Result]) -> Result:
        """``work(connection)`` in one write transaction: for the ledger's own modules
        (``settling``), whose rules must hold across processes."""
        with self._write_lock, db.transaction(self._write):
            return work(self._write)

    def reading(self, work: Callable[[sqlite3.Connection], Result]) -> Result:
        """``work(connection)`` on the read connection (the ledger's own modules)."""
        with self._read_lock:
            return work(self._read)

    def _select(
        self, conn: sqlite3.Connection, tail: str, params: Mapping[str, Any]
    ) -> list[Transaction]:
        rows = conn.execute(f"{SELECT_TRANSACTION} {tail}", params).fetchall()
        return [Transaction.from_row(row) for row in rows]

    def _get(self, conn: sqlite3.Connection, reference: str) -> Transaction:
        rows = self._select(conn, "WHERE reference = :reference", {"reference": reference})
        if not rows:
            raise UnknownReference(f"no transaction with reference {reference} in the log")
        return rows[0]

    def _read_rows(self, tail: str, params: Mapping[str, Any]) -> list[Transaction]:
        with self._read_lock:
            return self._select(self._read, tail, params)
