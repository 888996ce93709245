"""The transaction log: one SQLite file per profile, its status machine, search and CSV export.

Qt-free. See ``Ledger`` for the API the services, the poller and the GUI use.

The names below are imported on first use (PEP 562), so that a light part (``ledger.statuses``,
which the command line's exit codes need) can be imported without the whole ledger.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for type checkers (``X as X``: re-exported)
    from mpesa_desktop.ledger.ledger import Ledger as Ledger
    from mpesa_desktop.ledger.log_file import UnknownReference as UnknownReference
    from mpesa_desktop.ledger.queries import Filters as Filters
    from mpesa_desktop.ledger.received import INCOMING_OPERATION as INCOMING_OPERATION
    from mpesa_desktop.ledger.records import (
        Balance as Balance,
        Event as Event,
        Transaction as Transaction,
    )
    from mpesa_desktop.ledger.schema import NewerSchema as NewerSchema
    from mpesa_desktop.ledger.statuses import (
        IN_FLIGHT as IN_FLIGHT,
        STATUSES as STATUSES,
        DuplicateRow as DuplicateRow,
        IllegalTransition as IllegalTransition,
        LedgerError as LedgerError,
        LedgerUnavailable as LedgerUnavailable,
        RetryRefused as RetryRefused,
        Status as Status,
    )

# Where each name lives (the module under ``mpesa_desktop.ledger``).
_HOMES = {
    "Ledger": "ledger",
    "UnknownReference": "log_file",
    "Filters": "queries",
    "INCOMING_OPERATION": "received",
    "Balance": "records",
    "Event": "records",
    "Transaction": "records",
    "NewerSchema": "schema",
    "IN_FLIGHT": "statuses",
    "STATUSES": "statuses",
    "DuplicateRow": "statuses",
    "IllegalTransition": "statuses",
    "LedgerError": "statuses",
    "LedgerUnavailable": "statuses",
    "RetryRefused": "statuses",
    "Status": "statuses",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
