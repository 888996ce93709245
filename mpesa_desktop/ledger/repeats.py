"""A payout completed a moment ago: the completed twin a new identical payout would repeat.

The duplicate rule of the schema (``keyed.duplicate_key_sql``) refuses a twin only while the
first is in flight. Once the first has completed, an identical payout is a second payment: the
submit pipeline refuses it unless the clerk says it is deliberate. ``Ledger.create`` looks the
twin up here inside the write transaction of the new row (``BEGIN IMMEDIATE``), so no other
process can complete or write a twin between the look-up and the insert.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from mpesa_desktop.ledger import keyed
from mpesa_desktop.ledger.backend import Connection
from mpesa_desktop.ledger.dialect import Dialect
from mpesa_desktop.ledger.records import SELECT_TRANSACTION, Transaction, store_time
from mpesa_desktop.ledger.statuses import LedgerError, Status


@functools.cache
def _twin_sql(dialect: Dialect) -> str:
    # The status is written out, so the partial index of the completed keys (schema v7) is used.
    return (
        f"{SELECT_TRANSACTION} WHERE created_at >= :since AND status = '{Status.COMPLETED}' "
        f"AND duplicate_key = {keyed.duplicate_key_sql(':', dialect)} "
        "ORDER BY created_at DESC, id DESC LIMIT 1"
    )


class RepeatRefused(LedgerError):
    """A payout identical to one completed within the repeat window, written without saying it
    is a deliberate repeat: the ledger refused to write it. ``twin`` is the completed payout."""

    def __init__(self, twin: Transaction) -> None:
        super().__init__(
            f"an identical {twin.operation} ({twin.reference}) was completed recently")
        self.twin = twin


def completed_twin(conn: Connection, dialect: Dialect, key: Mapping[str, Any],
                   since: datetime) -> Transaction | None:
    """The newest completed row created since ``since`` whose duplicate key is the one of
    ``key`` (the ``keyed.KEY_COLUMNS`` values, normalised as stored), or None."""
    row = conn.execute(_twin_sql(dialect), {**{name: key[name] for name in keyed.KEY_COLUMNS},
                                   "since": store_time(since)}).fetchone()
    return None if row is None else Transaction.from_row(row)
