"""The transaction status machine of DESIGN.md section 3.4, in one place.

```
awaiting_approval -> declined
        |
draft -> sending -> accepted -> completed | failed
            |           \\-> timed_out (queue timeout) -> completed | failed
            |-> rejected (Daraja refused synchronously: nothing happened)
            \\-> unknown  (the request may have reached Daraja) -> accepted | completed | failed
                                                                 \\-> rejected (ack only)
```

With an approval policy (``team``), a payout is written ``awaiting_approval``: nothing is sent
until enough approvers approve it (then ``sending``, from the last approver's desk) or one
declines it (``declined``, final).

A ``sending`` row is taken over as ``unknown`` when the process sending it seems gone (its
lease, ``ledger.leases``). If that process was alive after all, Daraja's synchronous refusal it
then hears is evidence that nothing happened, so ``unknown -> rejected`` is allowed from the
source ``ack`` alone (:data:`ONLY_FROM`).

Every status change in the ledger goes through :func:`check_transition`; repeating the current
status is a no-op, any other change not in :data:`TRANSITIONS` (or not from the source
:data:`ONLY_FROM` requires) raises :class:`IllegalTransition`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from mpesa_desktop.errors import KnownError
from mpesa_desktop.messages import message

if TYPE_CHECKING:
    from mpesa_desktop.ledger.records import Transaction


class LedgerError(KnownError):
    """Base class of the ledger's errors (``KnownError``s of the app's one error tree,
    ``mpesa_desktop.errors``); the message is a sentence a clerk can read."""


class LedgerUnavailable(LedgerError):
    """The log's database cannot be reached (a team ledger's server is down or refused this
    login); nothing was written."""


class IllegalTransition(LedgerError):
    """A status change the status machine does not allow."""

    def __init__(self, reference: str, old: str, new: str) -> None:
        super().__init__(
            f"transaction {reference} cannot go from '{old}' to '{new}'"
        )
        self.reference = reference
        self.old = old
        self.new = new


class RetryRefused(LedgerError):
    """A re-send that could pay twice: the original is not rejected/failed, or was re-sent."""


class DuplicateRow(LedgerError):
    """A payout identical to one in flight: the ledger refused to write it. ``twin`` is the row
    in flight (its reference and status)."""

    def __init__(self, twin: Transaction) -> None:
        super().__init__(
            f"an identical {twin.operation} ({twin.reference}) is '{twin.status}' in the log"
        )
        self.twin = twin


class Status(StrEnum):
    DRAFT = "draft"
    SENDING = "sending"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    FAILED = "failed"
    TIMED_OUT = "timed_out"
    REJECTED = "rejected"
    UNKNOWN = "unknown"
    AWAITING_APPROVAL = "awaiting_approval"
    DECLINED = "declined"


STATUSES: tuple[str, ...] = tuple(status.value for status in Status)

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SENDING}),
    Status.SENDING: frozenset({Status.ACCEPTED, Status.REJECTED, Status.UNKNOWN}),
    Status.ACCEPTED: frozenset({Status.COMPLETED, Status.FAILED, Status.TIMED_OUT}),
    Status.TIMED_OUT: frozenset({Status.COMPLETED, Status.FAILED}),
    Status.UNKNOWN: frozenset({Status.ACCEPTED, Status.COMPLETED, Status.FAILED}),
    Status.COMPLETED: frozenset(),
    Status.FAILED: frozenset(),
    Status.REJECTED: frozenset(),
    Status.AWAITING_APPROVAL: frozenset({Status.SENDING, Status.DECLINED}),
    Status.DECLINED: frozenset(),
}
# Changes allowed from one source only: (old, new) -> that source.
ONLY_FROM: dict[tuple[str, str], str] = {(Status.UNKNOWN, Status.REJECTED): "ack"}

# Statuses in which the money may be moving: such a payout is never sent again, by any path.
IN_FLIGHT: frozenset[str] = frozenset(
    {Status.SENDING, Status.ACCEPTED, Status.TIMED_OUT, Status.UNKNOWN}
)
# Statuses in which a payout holds its duplicate key (``keyed``): in flight, or waiting for its
# approvers (a twin entered meanwhile is refused, not queued twice).
KEY_HELD: frozenset[str] = IN_FLIGHT | {Status.AWAITING_APPROVAL}
# Statuses a re-send may start from (a new row linked through ``retry_of``).
RETRYABLE: frozenset[str] = frozenset({Status.REJECTED, Status.FAILED})
# Statuses the poller still has to settle (``sending`` belongs to the request being made).
PENDING: frozenset[str] = frozenset({Status.ACCEPTED, Status.TIMED_OUT, Status.UNKNOWN})
FINAL: frozenset[str] = frozenset(
    {Status.COMPLETED, Status.FAILED, Status.REJECTED, Status.DECLINED})

SOURCES: frozenset[str] = frozenset({"ack", "callback", "poll", "user", "startup", "statement"})


def check_status(status: str) -> str:
    """``status`` if it is one of :data:`STATUSES`, else ValueError naming the choices."""
    if status not in STATUSES:
        raise ValueError(message("status must be one of {choices} (got {got})",
                                 choices=", ".join(STATUSES), got=repr(status)))
    return str(status)


def check_transition(reference: str, old: str, new: str, source: str) -> bool:
    """True when ``old -> new`` (reported by ``source``) is a change to record, False for a
    repeat (a no-op).

    Raises IllegalTransition for any change the machine does not allow.
    """
    check_status(new)
    if old == new:
        return False
    allowed = new in TRANSITIONS.get(old, frozenset()) or ONLY_FROM.get((old, new)) == source
    if not allowed:
        raise IllegalTransition(reference, old, new)
    return True


def check_source(source: str) -> str:
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(sorted(SOURCES))} (got {source!r})")
    return source
