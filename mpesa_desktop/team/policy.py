"""The approval policy of a log (DESIGN.md 3.6): which payouts wait for approval, and how many
approvers they need.

``approve_above`` (KES): a payout of more than it needs one approver (0: every payout);
``two_approvers_above``: more than it needs two. None: no approval. Each change is a new
version (``policies`` table, schema v9); a payout waiting for approval remembers the version
it was written under, and approving it under another one is refused (``ledger.approvals``).
The number a payout needs is worked out in the transaction that writes it, from the version
current then, so no payout slips out between a policy's change and its own write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mpesa_desktop.catalogue import PAYOUTS
from mpesa_desktop.ledger import audit
from mpesa_desktop.ledger.records import store_time, utc_now
from mpesa_desktop.messages import message
from mpesa_desktop.team.roles import NotAllowed, Right, require

if TYPE_CHECKING:
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.ledger.backend import Connection


@dataclass(frozen=True)
class Policy:
    version: int
    approve_above: int | None
    two_approvers_above: int | None
    set_by: str | None = None

    def approvals_needed(self, operation: str, amount: int | None) -> int:
        """How many approvers a new ``operation`` of ``amount`` needs: 0, 1 or 2."""
        if operation not in PAYOUTS or self.approve_above is None:
            return 0
        amount = amount or 0
        if self.two_approvers_above is not None and amount > self.two_approvers_above:
            return 2
        return 1 if amount > self.approve_above else 0

    def describe(self) -> str:
        if self.approve_above is None:
            return message("no approval: payouts are sent at once")
        first = (message("every payout needs one approver") if self.approve_above == 0 else
                 message("payouts above KES {amount} need one approver",
                         amount=f"{self.approve_above:,}"))
        if self.two_approvers_above is None:
            return first
        return message("{first}; above KES {amount}, two approvers", first=first,
                       amount=f"{self.two_approvers_above:,}")


NO_POLICY = Policy(0, None, None)


def current(conn: Connection) -> Policy:
    """The policy in force (version 0, none, when no one has set one)."""
    row = conn.execute(
        "SELECT version, approve_above, two_approvers_above, set_by FROM policies "
        "ORDER BY version DESC LIMIT 1").fetchone()
    if row is None:
        return NO_POLICY
    return Policy(int(row[0]), row[1], row[2], row[3])


def check_amounts(approve_above: int | None, two_approvers_above: int | None) -> None:
    """ValueError naming the option when the two amounts do not make a policy."""
    if approve_above is not None and approve_above < 0:
        raise ValueError(message("--approve-above must be 0 (every payout) or more"))
    if two_approvers_above is not None:
        if approve_above is None:
            raise ValueError(message("--two-approvers-above needs --approve-above as well"))
        if two_approvers_above < approve_above:
            raise ValueError(message("--two-approvers-above must be at least --approve-above"))


def policy_of(ledger: Ledger) -> Policy:
    """The policy in force in ``ledger``."""
    return ledger.reading(current)


def set_policy(ledger: Ledger, approve_above: int | None, two_approvers_above: int | None, *,
               clock: Callable[[], datetime] = utc_now) -> Policy:
    """Make a new version of the policy (admins only), audited; the policy now in force."""
    require(ledger.user, ledger.has_users, Right.MANAGE)
    if ledger.user is None:
        raise NotAllowed("an approval policy needs users: add an admin first (user add)")
    check_amounts(approve_above, two_approvers_above)
    now = clock()

    def write(conn: Connection) -> Policy:
        ledger.backend.serialize(conn, "policy")
        version = current(conn).version + 1
        conn.execute(
            "INSERT INTO policies (version, approve_above, two_approvers_above, set_by, set_at) "
            "VALUES (:version, :above, :two, :by, :at)",
            {"version": version, "above": approve_above, "two": two_approvers_above,
             "by": ledger.operator, "at": store_time(now)})
        made = Policy(version, approve_above, two_approvers_above, ledger.operator)
        audit.append(conn, ledger.backend, now, ledger.operator, "policy_set", f"v{version}",
                     {"approve_above": approve_above,
                      "two_approvers_above": two_approvers_above})
        return made
    return ledger.writing(write)
