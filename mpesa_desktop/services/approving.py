"""Approving a held payout from the approver's desk, and sending it once it is released.

The approver's desk builds the payout's request again from the fields its maker entered (kept
with the row: ``ledger.approvals``), with its own credentials, BEFORE it records the approval:
a desk that cannot sign the request (no initiator password here) approves nothing. The approval
that releases the payout moves it to ``sending`` under this desk's lease, in the transaction
that records it, and this desk sends it at once with the same write-ahead rules as any payout:
a crash after the release leaves a ``sending`` row that recovery marks ``unknown``, never sent
twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from mpesa_desktop.ledger import Ledger, Transaction, UnknownReference
from mpesa_desktop.ledger.statuses import Status
from mpesa_desktop.services.submit import Submitter
from mpesa_desktop.team.roles import Right

Blocking = Callable[..., Awaitable[Any]]


async def approve(ledger: Ledger, submitter: Submitter, blocking: Blocking, reference: str,
                  note: str | None) -> Transaction:
    """The signed-in user approves ``reference``; the row after it (``sending`` and on, when
    this approval released it; still ``awaiting_approval`` when it needs another approver).
    ApprovalRefused (audited) when the rules refuse it."""
    row = await blocking(ledger.get, reference)
    if row is None:
        raise UnknownReference(f"no transaction with reference {reference} in the log")
    prepared = None
    user = ledger.user
    if (row.status == Status.AWAITING_APPROVAL and user is not None
            and user.may(Right.APPROVE) and user.name != row.operator):
        hold = await blocking(ledger.hold, reference)
        prepared = await blocking(submitter.prepare_held, row.operation, hold.fields, reference)
    decision = await blocking(ledger.approve, reference, note)
    if not decision.released:
        return decision.transaction
    assert prepared is not None  # released only from awaiting_approval, by an approver
    return await submitter.send(decision.transaction, prepared)


async def decline(ledger: Ledger, blocking: Blocking, reference: str,
                  reason: str) -> Transaction:
    """The signed-in user declines ``reference`` (final); the row after it."""
    decision = await blocking(ledger.decline, reference, reason)
    return decision.transaction
