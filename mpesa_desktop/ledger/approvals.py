"""Maker-checker in the log (schema v9): approving and declining payouts that wait for approval.

A payout the policy holds is written ``awaiting_approval`` (``writes.create``). Each approval is
a row of ``approvals`` (one per approver and payout); the approval that brings the count to what
the payout needs moves it to ``sending`` in the same transaction, under this Ledger's lease, and
the caller sends it at once (``services.approving``). The row is locked while this is decided,
so of two approvers clicking at the same moment one releases it and the other is told it is
gone: a payout is released once, and sent once.

The database keeps the rules whoever writes (``schema`` v9): no approval by the payout's maker,
none by a user who is not an approver, no release with too few approvals. This module says so
first, in words, and writes an audit entry for every approval, decline and refusal, in the
transaction that decides it (a refusal's entry is committed; then :class:`ApprovalRefused` is
raised).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mpesa_desktop.ledger.records import Transaction, store_time
from mpesa_desktop.ledger.statuses import LedgerError, Status, check_transition
from mpesa_desktop.ledger.writes import LogWrites
from mpesa_desktop.messages import message


class ApprovalRefused(LedgerError):
    """An approval or decline the rules refuse; nothing changed but the audit entry."""


@dataclass(frozen=True)
class Hold:
    """What a payout waiting for approval carries beside its row."""

    approvals_needed: int
    policy_version: int
    fields: dict[str, Any]
    approvers: tuple[str, ...]  # who approved it so far


@dataclass(frozen=True)
class Decision:
    """The outcome of an approval: the row after it, and whether it was released (``sending``:
    the caller must send it now)."""

    transaction: Transaction
    released: bool


class ApprovalWrites(LogWrites):
    """The Ledger's approvals and declines."""

    def hold(self, reference: str) -> Hold:
        """The approval data of ``reference`` (UnknownReference when it has none)."""
        with self._read_lock:
            return self._hold(self._read, reference)

    def _hold(self, conn: Any, reference: str) -> Hold:
        row = conn.execute(
            "SELECT id, approvals_needed, policy_version, held_fields FROM transactions "
            "WHERE reference = :reference", {"reference": reference}).fetchone()
        if row is None or row[1] is None:
            raise ApprovalRefused(f"{reference} is not a payout that waits for approval")
        approvers = conn.execute(
            "SELECT approver FROM approvals WHERE transaction_id = :id AND decision = 'approve' "
            "ORDER BY at", {"id": row[0]}).fetchall()
        return Hold(int(row[1]), int(row[2] or 0), json.loads(row[3] or "{}"),
                    tuple(name for (name,) in approvers))

    def awaiting_approval(self) -> list[tuple[Transaction, Hold]]:
        """The payouts waiting for approval, oldest first, each with its approval data."""
        with self._read_lock:
            rows = self._select(self._read, "WHERE status = :status ORDER BY created_at, id",
                                {"status": Status.AWAITING_APPROVAL})
            return [(row, self._hold(self._read, row.reference)) for row in rows]

    def approve(self, reference: str, note: str | None = None) -> Decision:
        """This Ledger's user approves ``reference``, under the policy it was submitted under."""
        return self._decide(reference, "approve", note)

    def decline(self, reference: str, reason: str) -> Decision:
        """This Ledger's user declines ``reference`` with ``reason`` (final: ``declined``)."""
        if not reason.strip():
            raise ApprovalRefused(message("a decline needs a reason (--reason TEXT)"))
        return self._decide(reference, "decline", reason.strip())

    def _decide(self, reference: str, decision: str, note: str | None) -> Decision:
        from mpesa_desktop.team import policy
        from mpesa_desktop.team.roles import Right

        who = self._operator
        role_ok = self.user is not None and self.user.may(Right.APPROVE)
        refusal: str | None = None
        released = False
        with self._write_lock, self.backend.transaction(self._write):
            before = self._get(self._write, reference, lock=True)
            hold = (self._hold(self._write, reference)
                    if before.status == Status.AWAITING_APPROVAL else None)
            version = policy.current(self._write).version if decision == "approve" else None
            refusal = self._refusal(before, hold, who, decision, role_ok, version)
            if refusal is None:
                assert hold is not None
                refusal = self._add_approval(before, who, decision, note)
            if refusal is not None:
                self._audit(f"{decision}_refused", reference, {"reason": refusal})
                after = before
            elif decision == "decline":
                check_transition(reference, before.status, Status.DECLINED, "user")
                after = self._change(before, Status.DECLINED, "user",
                                     {"declined_by": who, "reason": note}, {})
                self._audit("declined", reference, {"reason": note})
            else:
                assert hold is not None
                approvers = (*hold.approvers, who)
                self._audit("approved", reference, {
                    "note": note, "approvals": len(approvers), "needed": hold.approvals_needed})
                after = before
                if len(approvers) >= hold.approvals_needed:
                    check_transition(reference, before.status, Status.SENDING, "user")
                    after = self._change(before, Status.SENDING, "user",
                                         {"approved_by": list(approvers), "note": note},
                                         {"owner": self._hold_lease()})
                    released = True
        if refusal is not None:
            raise ApprovalRefused(refusal)
        if after is not before:
            self._notify([(after, before.status, after.status)])
        return Decision(after, released)

    def _refusal(self, row: Transaction, hold: Hold | None, who: str, decision: str,
                 role_ok: bool, policy_version: int | None) -> str | None:
        if not role_ok:
            return message("{user} may not approve or decline payouts (only an approver may)",
                           user=who)
        if hold is None:
            done = self._decided_by(row)
            if done:
                return message("{reference} is '{status}', not awaiting approval ({done})",
                               reference=row.reference, status=row.status, done=done)
            return message("{reference} is '{status}', not awaiting approval",
                           reference=row.reference, status=row.status)
        if row.operator == who:
            return message("{user} made this payout: a maker never approves or declines their "
                           "own payout", user=who)
        if who in hold.approvers:
            return message("{user} has already approved {reference}", user=who,
                           reference=row.reference)
        if policy_version is not None and policy_version != hold.policy_version:
            return message("the approval policy changed after {reference} was submitted "
                           "(version {then}, now {now}): decline it and submit it again under "
                           "the policy in force", reference=row.reference,
                           then=hold.policy_version, now=policy_version)
        return None

    def _decided_by(self, row: Transaction) -> str:
        found = self._write.execute(
            "SELECT approver, decision FROM approvals WHERE transaction_id = :id "
            "ORDER BY at DESC LIMIT 1", {"id": row.id}).fetchone()
        if found is None:
            return ""
        if found[1] == "approve":
            return message("approved by {user}", user=found[0])
        return message("declined by {user}", user=found[0])

    def _add_approval(self, row: Transaction, who: str, decision: str,
                      note: str | None) -> str | None:
        """The approval row; the database's refusal in words, if it refuses it."""
        try:
            with self._savepoint():
                self._write.execute(
                    "INSERT INTO approvals (transaction_id, approver, decision, note, at) "
                    "VALUES (:id, :who, :decision, :note, :at)",
                    {"id": row.id, "who": who, "decision": decision, "note": note,
                     "at": store_time(self._clock())})
        except self.backend.integrity_errors as error:
            return message("the log refused it: {reason}", reason=_reason(error))
        return None


def _reason(error: Exception) -> str:
    """The first line of a database's refusal."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
