"""The Ledger: one profile's transaction log, its status machine and its subscribers.

Its parts, each a module: ``log_file`` (the open file, its connections and locks, the
subscribers), ``writes`` (rows written ahead of sending, status changes, recovery), ``received``
(payments received, raw callbacks, balances), ``approvals`` (maker-checker) and ``reads`` (rows,
events, pages, totals); ``audit`` keeps the audit trail.

Thread-safe: one write connection behind a lock (every write is one short transaction, committed
durably) and one read connection behind another lock for the log's pages, so a page can be read
while a status change is being committed. Exports open their own read-only connection.
Subscribers are called after the commit, outside the locks, from the thread that made the change.

Exactly once across processes (DESIGN.md 3.4): the file itself refuses a payout identical to one
in flight (``keyed``: a duplicate key, unique among the rows in flight), in the transaction that
writes it; and a ``sending`` row belongs to the Ledger that wrote it (``leases``), so recovery
takes over only the rows whose writer is gone.
"""

from __future__ import annotations

from mpesa_desktop.ledger.approvals import ApprovalWrites
from mpesa_desktop.ledger.reads import LogReads
from mpesa_desktop.ledger.received import ReceivedRecords


class Ledger(ApprovalWrites, ReceivedRecords, LogReads):
    """The transaction log of one profile, stored in the SQLite file ``path``
    (``Ledger(path, profile, clock=..., operator=...)``; close it, or use it as a context)."""
