"""The Ledger: one profile's transaction log, its status machine and its subscribers.

Thread-safe: one write connection behind a lock (every write is one short transaction, committed
durably) and one read connection behind another lock for the log's pages, so a page can be read
while a status change is being committed. Exports open their own read-only connection.
Subscribers are called after the commit, outside the locks, from the thread that made the change.

Exactly once across processes (DESIGN.md 3.4): the file itself refuses a payout identical to one
in flight (``schema``: a duplicate key, unique among the rows in flight), in the transaction that
writes it; and a ``sending`` row belongs to the Ledger that wrote it (``leases``), so recovery
takes over only the rows whose writer is gone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from mpesa_desktop.ledger import db, leases, queries, repeats, schema
from mpesa_desktop.ledger.phones import normalise_phone
from mpesa_desktop.ledger.records import (
    RESULT_FIELDS,
    SELECT_TRANSACTION,
    Balance,
    Event,
    Transaction,
    load_time,
    store_time,
    utc_now,
)
from mpesa_desktop.ledger.statuses import (
    IN_FLIGHT,
    PENDING,
    RETRYABLE,
    DuplicateRow,
    IllegalTransition,
    LedgerError,
    RetryRefused,
    Status,
    check_source,
    check_transition,
)
from mpesa_desktop.ledger.values import (
    cents_text,
    current_operator,
    fields_without_secrets,
    json_without_secrets,
    part,
    whole_shillings,
)

log = logging.getLogger(__name__)

INCOMING_OPERATION = "c2b_payment"
Result = TypeVar("Result")
Listener = Callable[[Transaction, "str | None", str], None]


class UnknownReference(LedgerError):
    """No transaction has this reference."""


class Ledger:
    """The transaction log of one profile, stored in the SQLite file ``path``."""

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

    def __enter__(self) -> Ledger:
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

    # -- writing -------------------------------------------------------------------------------

    def create(
        self,
        operation: str,
        *,
        amount: int | None = None,
        party_a: str | None = None,
        party_b: str | None = None,
        phone: str | None = None,
        account_reference: str | None = None,
        remarks: str | None = None,
        request_body: Mapping[str, Any] | None = None,
        reference: str | None = None,
        retry_of: str | None = None,
        originator_conversation_id: str | None = None,
        draft: bool = False,
        repeat_window: timedelta | None = None,
    ) -> Transaction:
        """Write a new row, committed durably as ``sending`` (``draft`` when asked) before
        anything is sent. For b2c the reference doubles as the OriginatorConversationID unless
        one is given. ``retry_of`` links a re-send of a rejected or failed row.

        Raises DuplicateRow, writing nothing, when an identical payout is in flight (whichever
        process wrote it), and RetryRefused for a re-send that could pay twice. With
        ``repeat_window``, raises RepeatRefused, writing nothing, when an identical payout
        created within that window before now has completed (``repeats``; looked up in the
        transaction that writes the row)."""
        reference = reference or str(uuid.uuid4())
        if originator_conversation_id is None and operation == "b2c":
            originator_conversation_id = reference
        if phone is None and operation == "b2c":
            phone = party_b
        row = self._new_row(
            reference, operation, Status.DRAFT if draft else Status.SENDING, amount=amount,
            party_a=party_a, party_b=party_b, phone=phone, account_reference=account_reference,
            remarks=remarks, originator_conversation_id=originator_conversation_id,
            request_body=json_without_secrets(request_body), retry_of=retry_of,
        )
        with self._write_lock, db.transaction(self._write):
            if retry_of is not None:
                self._check_retry(retry_of)
            if not draft:
                row["owner"] = self._hold_lease()
            transaction = self._insert(row, source="user", payload=None)
            if repeat_window is not None:  # after the insert's own refusals (its reference...)
                twin = repeats.completed_twin(self._write, row, self._clock() - repeat_window)
                if twin is not None:
                    raise repeats.RepeatRefused(twin)  # the insert is rolled back
        self._notify([(transaction, None, transaction.status)])
        return transaction

    def _new_row(self, reference: str, operation: str, status: str, *, amount: Any,
                 party_a: Any, party_b: Any, phone: str | None, **columns: Any) -> dict[str, Any]:
        """The columns of a new transaction row, values normalised as stored."""
        return {
            "reference": reference,
            "operation": operation,
            "profile": self.profile,
            "status": str(status),
            "amount": whole_shillings(amount),
            "party_a": None if party_a is None else str(party_a),
            "party_b": None if party_b is None else str(party_b),
            "phone": normalise_phone(phone),
            "operator": self._operator,
            **columns,
        }

    def _check_retry(self, original_reference: str) -> None:
        original = self._get(self._write, original_reference)
        if original.status not in RETRYABLE:
            raise RetryRefused(
                f"transaction {original_reference} is '{original.status}'; only a rejected or "
                "failed transaction may be sent again"
            )
        blocking = self._write.execute(
            "SELECT reference, status FROM transactions WHERE retry_of = :original "
            "AND status NOT IN ('rejected', 'failed') LIMIT 1",
            {"original": original_reference},
        ).fetchone()
        if blocking:
            raise RetryRefused(
                f"transaction {original_reference} was already sent again as {blocking[0]} "
                f"('{blocking[1]}')"
            )

    def _insert(self, row: dict[str, Any], *, source: str, payload: Any) -> Transaction:
        now = store_time(self._clock())
        row = {**row, "created_at": now, "updated_at": now}
        columns = ", ".join(row)
        values = ", ".join(f":{key}" for key in row)
        try:
            cursor = self._write.execute(
                f"INSERT INTO transactions ({columns}) VALUES ({values})", row
            )
        except sqlite3.IntegrityError as error:
            if "duplicate_key" in str(error):
                raise self._duplicate(row) from None
            if "reference" in str(error):
                raise LedgerError(f"reference {row['reference']} is already in the log") from None
            raise LedgerError(f"retry_of {row.get('retry_of')} is not in the log") from None
        self._add_event(cursor.lastrowid, now, None, row["status"], source, payload)
        return self._get(self._write, row["reference"])

    def _hold_lease(self) -> str:
        """Take or renew this Ledger's lease (inside the write transaction); its owner id."""
        leases.hold(self._write, self.owner, self._process)
        self._holds_lease = True
        return self.owner

    def _duplicate(self, row: Mapping[str, Any]) -> DuplicateRow:
        """The refusal of ``row`` (its columns) by the duplicate rule, naming the row in flight
        that has its key (inside the write transaction)."""
        [twin] = self._select(
            self._write,
            f"WHERE duplicate_key = {schema.duplicate_key_sql(':')} "
            f"AND status IN ({schema.IN_FLIGHT_SQL})",
            {name: row[name] for name in schema.KEY_COLUMNS},
        )
        return DuplicateRow(twin)

    def completed_twin(self, operation: str, since: datetime, *, party_a: Any = None,
                       party_b: Any = None, amount: Any = None,
                       account_reference: Any = None) -> Transaction | None:
        """The newest payout with the duplicate key these columns would have, completed and
        created since ``since``: the same payee paid the same amount a moment ago, or None."""
        key = {"operation": operation, "party_a": None if party_a is None else str(party_a),
               "party_b": None if party_b is None else str(party_b),
               "amount": whole_shillings(amount), "account_reference": account_reference}
        with self._read_lock:
            return repeats.completed_twin(self._read, key, since)

    def _add_event(
        self, transaction_id: int | None, at: str, old: str | None, new: str, source: str,
        payload: Any,
    ) -> None:
        self._write.execute(
            "INSERT INTO events (transaction_id, seq, at, old_status, new_status, source, payload) "
            "VALUES (:id, (SELECT coalesce(max(seq), 0) + 1 FROM events "
            "WHERE transaction_id = :id), :at, :old, :new, :source, :payload)",
            {"id": transaction_id, "at": at, "old": old, "new": new, "source": source,
             "payload": json_without_secrets(payload)},
        )

    def transition(
        self,
        reference: str,
        new_status: str,
        *,
        source: str,
        payload: Any = None,
        expected: str | None = None,
        **fields: Any,
    ) -> Transaction:
        """Move a row to ``new_status`` (legal changes only), filling in the given result fields,
        and record the event with its raw ``payload``. With ``expected``, the row must be in that
        status when the change is made (IllegalTransition otherwise, nothing changed).

        Repeating the status changes no status and records no event, but still fills in the
        result fields the row does not have yet (a late callback bringing the receipt of a row
        STK Query already settled; the subscribers then hear of the row with its status
        unchanged); a value the row already has is never overwritten."""
        check_source(source)
        unexpected = set(fields) - RESULT_FIELDS
        if unexpected:
            raise TypeError(f"transition() got unexpected fields: {', '.join(sorted(unexpected))}")
        fields = fields_without_secrets(fields)
        with self._write_lock, db.transaction(self._write):
            before = self._get(self._write, reference)
            if expected is not None and before.status != expected:
                raise IllegalTransition(reference, before.status, new_status)
            if check_transition(reference, before.status, new_status, source):
                if new_status == Status.SENDING:  # a draft approved: this Ledger sends it
                    fields = {**fields, "owner": self._hold_lease()}
                try:
                    after = self._change(before, str(new_status), source, payload, fields)
                except sqlite3.IntegrityError as error:
                    if "duplicate_key" not in str(error):
                        raise
                    raise self._duplicate({name: getattr(before, name)
                                           for name in schema.KEY_COLUMNS}) from None
            else:
                after = self._fill_missing(before, fields)
        if after is not before:
            self._notify([(after, before.status, after.status)])
        return after

    def _change(
        self, before: Transaction, new: str, source: str, payload: Any, fields: dict[str, Any]
    ) -> Transaction:
        now = store_time(self._clock())
        updates = {key: str(value) for key, value in fields.items() if value is not None}
        assignments = "".join(f", {key} = :{key}" for key in updates)
        self._write.execute(
            f"UPDATE transactions SET status = :status, updated_at = :now{assignments} "
            "WHERE id = :id",
            {**updates, "status": new, "now": now, "id": before.id},
        )
        self._add_event(before.id, now, before.status, new, source, payload)
        return self._get(self._write, before.reference)

    def _fill_missing(self, before: Transaction, fields: dict[str, Any]) -> Transaction:
        updates = {key: str(value) for key, value in fields.items()
                   if value is not None and getattr(before, key) is None}
        if not updates:
            return before
        assignments = ", ".join(f"{key} = :{key}" for key in updates)
        self._write.execute(
            f"UPDATE transactions SET {assignments}, updated_at = :now WHERE id = :id",
            {**updates, "now": store_time(self._clock()), "id": before.id},
        )
        return self._get(self._write, before.reference)

    def writing(self, work: Callable[[sqlite3.Connection], Result]) -> Result:
        """``work(connection)`` in one write transaction: for the ledger's own modules
        (``settling``), whose rules must hold across processes."""
        with self._write_lock, db.transaction(self._write):
            return work(self._write)

    def reading(self, work: Callable[[sqlite3.Connection], Result]) -> Result:
        """``work(connection)`` on the read connection (the ledger's own modules)."""
        with self._read_lock:
            return work(self._read)

    def recover_interrupted(self) -> int:
        """Rows left ``sending`` by a Ledger that is gone (closed, or its process ended or
        stopped beating: see ``leases``) become ``unknown`` (source "startup"), and the leases
        of the gone are dropped; returns how many rows. Run it at start-up and then now and
        again: rows that live processes are sending are theirs to settle."""
        here = self._process
        with self._read_lock:  # most rounds find nothing: no write lock for them
            if not leases.orphans(self._read, here):
                return 0
        with self._write_lock, db.transaction(self._write):
            found = leases.orphans(self._write, here)
            changes = []
            for reference in found.references:
                row = self._get(self._write, reference)
                after = self._change(row, Status.UNKNOWN, "startup", None, {})
                changes.append((after, row.status, after.status))
            for owner in found.leases:
                leases.release(self._write, owner)
        self._notify(changes)
        return len(changes)

    def heartbeat(self) -> None:
        """Show that this Ledger is alive: refresh its lease, when it holds one. The services
        call it every ``leases.HEARTBEAT_SECONDS``."""
        if not self._holds_lease:
            return
        with self._write_lock, db.transaction(self._write):
            leases.beat(self._write, self.owner)

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
        with self._write_lock, db.transaction(self._write):
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
        with self._write_lock, db.transaction(self._write):
            cursor = self._write.execute(
                "INSERT OR IGNORE INTO callbacks (received_at, kind, content_hash, reference, "
                "payload) VALUES (:at, :kind, :hash, :reference, :payload)",
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
        with self._write_lock, db.transaction(self._write):
            self._write.executemany(
                "INSERT INTO balances (reference, recorded_at, account, currency, current, "
                "available, reserved, uncleared) VALUES (:reference, :at, :account, :currency, "
                ":current, :available, :reserved, :uncleared)",
                rows,
            )
        return len(rows)

    def set_meta(self, key: str, value: str | None) -> None:
        with self._write_lock, db.transaction(self._write):
            self._write.execute(
                "INSERT INTO meta (key, value) VALUES (:key, :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {"key": key, "value": value},
            )

    # -- reading -------------------------------------------------------------------------------

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
    ) -> list[Transaction]:
        """One page of rows matching ``filters``, in their order (newest first unless they say
        otherwise), after the row ``after``."""
        with self._read_lock:
            sql, params = queries.page_query(self._read, SELECT_TRANSACTION, filters, after, limit)
            rows = self._read.execute(sql, params).fetchall()
        return [Transaction.from_row(row) for row in rows]

    def summary(self, filters: queries.Filters | None = None) -> tuple[int, int]:
        """``(count, total amount in shillings)`` of the rows matching ``filters``."""
        sql, params = queries.summary_sql(filters)
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
        sql, params = queries.totals_sql(filters, money_in, money_out)
        conn = db.connect(self.path, readonly=True)
        try:
            return queries.totals_of(conn.execute(sql, params).fetchone())
        finally:
            conn.close()
