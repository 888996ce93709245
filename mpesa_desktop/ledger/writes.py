"""Writing the Ledger's own rows: a new row written ahead of sending, its status changes with
their events, and the recovery of rows whose writer is gone.

Exactly once across processes (DESIGN.md 3.4): the file itself refuses a payout identical to one
in flight (``keyed``: a duplicate key, unique among the rows in flight), in the transaction that
writes it; and a ``sending`` row belongs to the Ledger that wrote it (``leases``), so recovery
takes over only the rows whose writer is gone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from mpesa_desktop.catalogue import OPERATIONS
from mpesa_desktop.kenya import normalise_phone
from mpesa_desktop.ledger import audit, keyed, leases, repeats
from mpesa_desktop.ledger.log_file import LogFile
from mpesa_desktop.ledger.records import RESULT_FIELDS, Transaction, store_time
from mpesa_desktop.ledger.statuses import (
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
    fields_without_secrets,
    json_without_secrets,
    whole_shillings,
)


class LogWrites(LogFile):
    """The Ledger's writes of its own rows (each one transaction, under the write lock)."""

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
        held_fields: Mapping[str, Any] | None = None,
    ) -> Transaction:
        """Write a new row, committed durably as ``sending`` (``draft`` when asked) before
        anything is sent. For a payout that carries its own OriginatorConversationID (B2C,
        B2Pochi: ``catalogue``) the reference doubles as it unless one is given, and a payout
        to a phone is found by that phone. ``retry_of`` links a re-send of a rejected or failed row.

        Raises DuplicateRow, writing nothing, when an identical payout is in flight (whichever
        process wrote it), and RetryRefused for a re-send that could pay twice. With
        ``repeat_window``, raises RepeatRefused, writing nothing, when an identical payout
        created within that window before now has completed (``repeats``; looked up in the
        transaction that writes the row).

        A payout the log's approval policy (``team.policy``, read in the same transaction) says
        needs approval is written ``awaiting_approval`` instead, nothing to send yet, with the
        policy's version and ``held_fields`` (the operation's fields, without secrets, from which
        the approver's desk builds the request again). Every new row is an audit entry."""
        reference = reference or str(uuid.uuid4())
        declared = OPERATIONS.get(operation)
        if declared is not None and declared.pays_a_phone:
            if originator_conversation_id is None and "originator_conversation_id" in (
                    declared.fields):
                originator_conversation_id = reference
            if phone is None:
                phone = party_b
        row = self._new_row(
            reference, operation, Status.DRAFT if draft else Status.SENDING, amount=amount,
            party_a=party_a, party_b=party_b, phone=phone, account_reference=account_reference,
            remarks=remarks, originator_conversation_id=originator_conversation_id,
            request_body=json_without_secrets(request_body), retry_of=retry_of,
        )
        with self._write_lock, self.backend.transaction(self._write):
            if retry_of is not None:
                self._check_retry(retry_of)
            if not draft:
                self._hold_for_approval(row, held_fields)
            if row["status"] == Status.SENDING:
                row["owner"] = self._hold_lease()
            transaction = self._insert(row, source="user", payload=None)
            if repeat_window is not None:  # after the insert's own refusals (its reference...)
                twin = repeats.completed_twin(self._write, self.dialect, row,
                                              self._clock() - repeat_window)
                if twin is not None:
                    raise repeats.RepeatRefused(twin)  # the insert is rolled back
            self._audit("submitted", reference, {
                "operation": operation, "amount": row["amount"], "party_b": row["party_b"],
                "status": row["status"], "approvals_needed": row.get("approvals_needed")},
                at=transaction.created_at)
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

    def _hold_for_approval(self, row: dict[str, Any],
                           held_fields: Mapping[str, Any] | None) -> None:
        """Make ``row`` wait for approval when the policy in force says so (in the write
        transaction)."""
        from mpesa_desktop.team import policy

        current = policy.current(self._write)
        needed = current.approvals_needed(row["operation"], row["amount"])
        if not needed:
            return
        row.update(status=str(Status.AWAITING_APPROVAL), approvals_needed=needed,
                   policy_version=current.version,
                   held_fields=json_without_secrets(held_fields or {}))

    def _audit(self, action: str, subject: str | None = None,
               detail: dict[str, Any] | None = None, at: datetime | None = None,
               actor: str | None = None) -> None:
        """An audit entry by this Ledger's user (or ``actor``), in the write transaction
        (``at``: the time of the change it records; now by default)."""
        audit.append(self._write, self.backend, at or self._clock(), actor or self._operator,
                     action, subject, detail)

    def add_audit_entry(self, action: str, subject: str | None = None,
                        detail: dict[str, Any] | None = None, actor: str | None = None) -> None:
        """An audit entry of its own (an export, a sign-out...)."""
        with self._write_lock, self.backend.transaction(self._write):
            self._audit(action, subject, detail, actor=actor)

    def _check_retry(self, original_reference: str) -> None:
        original = self._get(self._write, original_reference, lock=True)
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
            with self._savepoint():
                [row_id] = self._write.execute(
                    f"INSERT INTO transactions ({columns}) VALUES ({values}) RETURNING id", row
                ).fetchone()
        except self.backend.integrity_errors as error:
            refused = self.backend.violated(error)
            if "duplicate_key" in refused:
                raise self._duplicate(row) from None
            if "reference" in refused:
                raise LedgerError(f"reference {row['reference']} is already in the log") from None
            raise LedgerError(f"retry_of {row.get('retry_of')} is not in the log") from None
        self._add_event(row_id, now, None, row["status"], source, payload)
        return self._get(self._write, row["reference"])

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A statement that a constraint may refuse, inside the write transaction: when it is
        refused, the transaction goes on (PostgreSQL would otherwise refuse every statement
        after it, such as the look-up that names the row in the way)."""
        self._write.execute("SAVEPOINT refusable")
        try:
            yield
        except BaseException:
            self._write.execute("ROLLBACK TO SAVEPOINT refusable")
            raise
        finally:
            self._write.execute("RELEASE SAVEPOINT refusable")

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
            f"WHERE duplicate_key = {keyed.duplicate_key_sql(':', self.dialect)} "
            f"AND status IN ({keyed.HELD_SQL})",
            {name: row[name] for name in keyed.KEY_COLUMNS},
        )
        return DuplicateRow(twin)

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
        audited: str | None = None,
        **fields: Any,
    ) -> Transaction:
        """Move a row to ``new_status`` (legal changes only), filling in the given result fields,
        and record the event with its raw ``payload``. With ``expected``, the row must be in that
        status when the change is made (IllegalTransition otherwise, nothing changed).

        Repeating the status changes no status and records no event, but still fills in the
        result fields the row does not have yet (a late callback bringing the receipt of a row
        STK Query already settled; the subscribers then hear of the row with its status
        unchanged); a value the row already has is never overwritten. ``audited``: the audit
        action this change is recorded as (a person's resolution), in the same transaction."""
        check_source(source)
        unexpected = set(fields) - RESULT_FIELDS
        if unexpected:
            raise TypeError(f"transition() got unexpected fields: {', '.join(sorted(unexpected))}")
        fields = fields_without_secrets(fields)
        with self._write_lock, self.backend.transaction(self._write):
            before = self._get(self._write, reference, lock=True)
            if expected is not None and before.status != expected:
                raise IllegalTransition(reference, before.status, new_status)
            if check_transition(reference, before.status, new_status, source):
                if new_status == Status.SENDING:  # a draft approved: this Ledger sends it
                    fields = {**fields, "owner": self._hold_lease()}
                try:
                    with self._savepoint():
                        after = self._change(before, str(new_status), source, payload, fields)
                except self.backend.integrity_errors as error:
                    if "duplicate_key" not in self.backend.violated(error):
                        raise
                    raise self._duplicate({name: getattr(before, name)
                                           for name in keyed.KEY_COLUMNS}) from None
            else:
                after = self._fill_missing(before, fields)
            if audited is not None:
                self._audit(audited, reference, payload if isinstance(payload, dict) else None,
                            at=after.updated_at)
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

    def recover_interrupted(self) -> int:
        """Rows left ``sending`` by a Ledger that is gone (closed, or its process ended or
        stopped beating: see ``leases``) become ``unknown`` (source "startup"), and the leases
        of the gone are dropped; returns how many rows. Run it at start-up and then now and
        again: rows that live processes are sending are theirs to settle."""
        here = self._process
        with self._read_lock:  # most rounds find nothing: no write lock for them
            if not leases.orphans(self._read, here):
                return 0
        with self._write_lock, self.backend.transaction(self._write):
            found = leases.orphans(self._write, here)
            changes = []
            for reference in found.references:
                row = self._get(self._write, reference, lock=True)
                if row.status != Status.SENDING:  # another desk's sweep was first
                    continue
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
        with self._write_lock, self.backend.transaction(self._write):
            leases.beat(self._write, self.owner)

    def take_turn(self, name: str, ttl: timedelta) -> bool:
        """Whether this Ledger may do the work ``name`` now, the one process of the log doing it
        (``leases.take_turn``: held for ``ttl`` from now; renewed by calling again)."""
        with self._write_lock, self.backend.transaction(self._write):
            self.backend.serialize(self._write, f"turn {name}")
            taken = leases.take_turn(self._write, name, self.owner, ttl)
        self._holds_lease |= taken  # closing gives it up with the lease
        return taken

    def set_meta(self, key: str, value: str | None) -> None:
        with self._write_lock, self.backend.transaction(self._write):
            self._write.execute(
                "INSERT INTO meta (key, value) VALUES (:key, :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {"key": key, "value": value},
            )
