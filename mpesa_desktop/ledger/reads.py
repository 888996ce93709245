"""Reading the log: a row by reference or Daraja id, its events, the rows in flight or still
open, a page of a search (``queries``), its totals, the latest balances and settings."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Any

from mpesa_desktop.ledger import queries, repeats
from mpesa_desktop.ledger.log_file import LogFile
from mpesa_desktop.ledger.records import (
    SELECT_TRANSACTION,
    Balance,
    Event,
    Transaction,
    load_time,
)
from mpesa_desktop.ledger.statuses import IN_FLIGHT, PENDING
from mpesa_desktop.ledger.values import whole_shillings


class LogReads(LogFile):
    """The Ledger's reads, on the read connection (the totals on one of their own)."""

    def get(self, reference: str) -> Transaction | None:
        rows = self._read_rows("WHERE reference = :reference", {"reference": reference})
        return rows[0] if rows else None

    def find(
        self,
        originator_conversation_id: str | None = None,
        conversation_id: str | None = None,
        checkout_request_id: str | None = None,
        merchant_request_id: str | None = None,
    ) -> Transaction | None:
        """The newest row carrying any of the given Daraja ids, or None."""
        given = {
            "originator_conversation_id": originator_conversation_id,
            "conversation_id": conversation_id,
            "checkout_request_id": checkout_request_id,
            "merchant_request_id": merchant_request_id,
        }
        for column, value in given.items():
            if value:
                rows = self._read_rows(
                    f"WHERE {column} = :value ORDER BY id DESC LIMIT 1", {"value": value}
                )
                if rows:
                    return rows[0]
        return None

    def events(self, reference: str) -> list[Event]:
        """Every status change of a row, oldest first."""
        with self._read_lock:
            rows = self._read.execute(
                "SELECT e.seq, t.reference, e.at, e.old_status, e.new_status, e.source, e.payload "
                "FROM events e JOIN transactions t ON t.id = e.transaction_id "
                "WHERE t.reference = :reference ORDER BY e.seq",
                {"reference": reference},
            ).fetchall()
        return [
            Event(i, ref, load_time(at), old, new, source, json.loads(payload) if payload else None)
            for i, ref, at, old, new, source, payload in rows
        ]

    def pending(self) -> list[Transaction]:
        """Rows whose outcome is still open (accepted, timed_out, unknown), oldest first."""
        names = sorted(PENDING)
        keys = {f"s{i}": name for i, name in enumerate(names)}
        return self._read_rows(
            f"WHERE status IN ({', '.join(':' + key for key in keys)}) ORDER BY created_at, id",
            keys,
        )

    def in_flight(
        self,
        operation: str | None = None,
        *,
        party_a: str | None = None,
        party_b: str | None = None,
        amount: int | None = None,
        account_reference: str | None = None,
    ) -> list[Transaction]:
        """Rows in sending/accepted/timed_out/unknown matching every given field: a payout like
        one of these must not be sent (DESIGN.md 3.4)."""
        terms = [f"status IN ({', '.join(repr(str(s)) for s in sorted(IN_FLIGHT))})"]
        params: dict[str, Any] = {}
        for column, value in (("operation", operation), ("party_a", party_a),
                              ("party_b", party_b), ("amount", whole_shillings(amount)),
                              ("account_reference", account_reference)):
            if value is not None:
                terms.append(f"{column} = :{column}")
                params[column] = value if column == "amount" else str(value)
        return self._read_rows(f"WHERE {' AND '.join(terms)} ORDER BY created_at, id", params)

    def is_in_flight(self, reference: str) -> bool:
        transaction = self.get(reference)
        return transaction is not None and transaction.in_flight

    def completed_twin(self, operation: str, since: datetime, *, party_a: Any = None,
                       party_b: Any = None, amount: Any = None,
                       account_reference: Any = None) -> Transaction | None:
        """The newest payout with the duplicate key these columns would have, completed and
        created since ``since``: the same payee paid the same amount a moment ago, or None."""
        key = {"operation": operation, "party_a": None if party_a is None else str(party_a),
               "party_b": None if party_b is None else str(party_b),
               "amount": whole_shillings(amount), "account_reference": account_reference}
        with self._read_lock:
            return repeats.completed_twin(self._read, self.dialect, key, since)

    def latest_balances(self) -> list[Balance]:
        """The lines of the most recent Account Balance result (empty when none yet)."""
        with self._read_lock:
            rows = self._read.execute(
                "SELECT reference, recorded_at, account, currency, current, available, reserved, "
                "uncleared FROM balances WHERE recorded_at = "
                "(SELECT max(recorded_at) FROM balances) ORDER BY id"
            ).fetchall()
        return [
            Balance(ref, load_time(at), account, currency,
                    *(None if value is None else Decimal(value) for value in amounts))
            for ref, at, account, currency, *amounts in rows
        ]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._read_lock:
            row = self._read.execute(
                "SELECT value FROM meta WHERE key = :key", {"key": key}
            ).fetchone()
        return row[0] if row else default

    def query(
        self,
        filters: queries.Filters | None = None,
        after: Transaction | queries.Cursor | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Transaction]:
        """One page of rows matching ``filters``, in their order (newest first unless they say
        otherwise), after the row ``after``, skipping ``offset`` rows first (a jump into the
        middle of the log: it reads the rows it skips, where ``after`` reads none)."""
        with self._read_lock:
            sql, params = queries.page_query(self._read, SELECT_TRANSACTION, filters, after,
                                             limit, offset, dialect=self.dialect)
            rows = self._read.execute(sql, params).fetchall()
        return [Transaction.from_row(row) for row in rows]

    def summary(self, filters: queries.Filters | None = None) -> tuple[int, int]:
        """``(count, total amount in shillings)`` of the rows matching ``filters``."""
        sql, params = queries.summary_sql(filters, dialect=self.dialect)
        with self._read_lock:
            count, total = self._read.execute(sql, params).fetchone()
        return int(count), int(total)

    def totals(
        self, filters: queries.Filters | None, money_in: Collection[str],
        money_out: Collection[str],
    ) -> queries.Totals:
        """The rows matching ``filters`` and their money, split by direction and outcome
        (``queries.Totals``); ``money_in``/``money_out`` name each direction's operations.
        One pass over the matching rows, on a connection of its own: a long count on a big log
        never holds up a page."""
        sql, params = queries.totals_sql(filters, money_in, money_out, self.dialect)
        conn = self.backend.connect(readonly=True)
        try:
            return queries.totals_of(conn.execute(sql, params).fetchone())
        finally:
            conn.close()
