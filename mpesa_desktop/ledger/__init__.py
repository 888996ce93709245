"""The transaction log: one SQLite file per profile, its status machine, search and CSV export.

Qt-free. See ``Ledger`` for the API the services, the poller and the GUI use.
"""

from mpesa_desktop.ledger.ledger import Ledger
from mpesa_desktop.ledger.log_file import UnknownReference
from mpesa_desktop.ledger.queries import Filters
from mpesa_desktop.ledger.received import INCOMING_OPERATION
from mpesa_desktop.ledger.records import Balance, Event, Transaction
from mpesa_desktop.ledger.schema import NewerSchema
from mpesa_desktop.ledger.statuses import (
    IN_FLIGHT,
    STATUSES,
    DuplicateRow,
    IllegalTransition,
    LedgerError,
    RetryRefused,
    Status,
)

__all__ = [
    "INCOMING_OPERATION",
    "IN_FLIGHT",
    "STATUSES",
    "Balance",
    "DuplicateRow",
    "Event",
    "Filters",
    "IllegalTransition",
    "Ledger",
    "LedgerError",
    "NewerSchema",
    "RetryRefused",
    "Status",
    "Transaction",
    "UnknownReference",
]
