"""What M-Pesa reports to the Ledger: payments received (C2B confirmations), the raw callbacks
(each kept once, whatever the number of deliveries) and Account Balance results."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from mpesa_desktop.ledger.records import Transaction, store_time
from mpesa_desktop.ledger.statuses import Status
from mpesa_desktop.ledger.values import cents_text, json_without_secrets, part
from mpesa_desktop.ledger.writes import LogWrites

INCOMING_OPERATION = "c2b_payment"


class ReceivedRecords(LogWrites):
    """The Ledger's records of what M-Pesa sends."""

    def record_incoming(
        self,
        *,
        receipt: str,
        amount: int | None,
        phone: str | None = None,
        party_a: str | None = None,
        party_b: str | None = None,
        account_reference: str | None = None,
        counterparty: str | None = None,
        remarks: str | None = None,
        payload: Any = None,
        operation: str = INCOMING_OPERATION,
    ) -> Transaction:
        """Log a payment received (a C2B confirmation) as ``completed``; a receipt already
        logged is not logged twice (the existing row is returned)."""
        with self._write_lock, self.backend.transaction(self._write):
            # Two desks hearing of one payment at once: the second waits, then finds the first.
            self.backend.serialize(self._write, f"incoming {operation} {receipt}")
            existing = self._select(
                self._write,
                "WHERE receipt = :receipt AND operation = :operation LIMIT 1",
                {"receipt": receipt, "operation": operation},
            )
            if existing:
                return existing[0]
            row = self._new_row(
                str(uuid.uuid4()), operation, Status.COMPLETED, amount=amount, party_a=party_a,
                party_b=party_b, phone=phone, account_reference=account_reference,
                remarks=remarks, receipt=receipt, counterparty=counterparty, request_body=None,
            )
            transaction = self._insert(row, source="callback", payload=payload)
        self._notify([(transaction, None, transaction.status)])
        return transaction

    def record_callback(self, kind: str, payload: Any, *, reference: str | None = None) -> bool:
        """Keep a raw callback; False when the same content of the same kind was already kept
        (a duplicate delivery, which must change nothing)."""
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                               default=str)
        digest = hashlib.sha256(f"{kind}\n{canonical}".encode()).hexdigest()
        with self._write_lock, self.backend.transaction(self._write):
            cursor = self._write.execute(
                "INSERT INTO callbacks (received_at, kind, content_hash, reference, payload) "
                "VALUES (:at, :kind, :hash, :reference, :payload) ON CONFLICT DO NOTHING",
                {"at": store_time(self._clock()), "kind": kind, "hash": digest,
                 "reference": reference, "payload": json_without_secrets(payload)},
            )
            return cursor.rowcount == 1

    def record_balances(self, reference: str | None, balances: Iterable[Any]) -> int:
        """Keep one Account Balance result, a line per account (objects or mappings with account,
        currency, current, available, reserved, uncleared). Returns the number of lines."""
        now = store_time(self._clock())
        rows = [
            {
                "reference": reference,
                "at": now,
                "account": str(part(item, "account") or ""),
                "currency": str(part(item, "currency") or "KES"),
                **{key: cents_text(part(item, key))
                   for key in ("current", "available", "reserved", "uncleared")},
            }
            for item in balances
        ]
        with self._write_lock, self.backend.transaction(self._write):
            self._write.executemany(
                "INSERT INTO balances (reference, recorded_at, account, currency, current, "
                "available, reserved, uncleared) VALUES (:reference, :at, :account, :currency, "
                ":current, :available, :reserved, :uncleared)",
                rows,
            )
        return len(rows)
