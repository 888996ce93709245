"""A person resolves an ``unknown`` row by hand, with a written reason (DESIGN.md 3.4). Qt-free.

    resolve(ledger, reference, "completed", "Seen paid in the M-Pesa portal", receipt="SG6...")

Both faces call this one function (``mpesa-desktop resolve`` and the log tab's "Resolve…"). Only
a row whose outcome is ``unknown`` can be resolved, and only one that may move money (a payout,
a refund, an STK push): a question (a status or balance query) settles itself or is closed by the
poller, and a settled row keeps its evidence. The change is an event with source ``user`` whose
payload keeps the resolution, the reason and who wrote it; the row's result says so too. The row
must still be ``unknown`` when the change is written (checked in the same transaction), so a
resolution never overwrites evidence that arrived meanwhile.
"""

from __future__ import annotations

from mpesa_desktop import kenya
from mpesa_desktop.catalogue import MONEY_OPERATIONS, operation
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.ledger import IllegalTransition, Ledger, Transaction
from mpesa_desktop.ledger.statuses import Status
from mpesa_desktop.messages import message
from mpesa_desktop.team.roles import Right, require

OUTCOMES = (Status.COMPLETED.value, Status.FAILED.value)
MAX_REASON = 500


def resolvable(transaction: Transaction | None) -> bool:
    """True when a person may resolve ``transaction`` now."""
    return (transaction is not None and transaction.status == Status.UNKNOWN
            and transaction.operation in MONEY_OPERATIONS)


def check_resolution(status: str, reason: str | None,
                     receipt: str | None = None) -> tuple[str, str, str | None]:
    """The normalised ``(status, reason, receipt)``, or ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    reason = " ".join((reason or "").split())
    receipt = (receipt or "").strip().upper() or None
    if status not in OUTCOMES:
        errors["status"] = message("must be {choices} (got {got})",
                                   choices=" or ".join(OUTCOMES), got=repr(status))
    if not reason:
        errors["reason"] = message("is required: write why (what you checked, with whom)")
    elif len(reason) > MAX_REASON:
        errors["reason"] = message("must be at most {high} characters (got {got})",
                                   high=MAX_REASON, got=len(reason))
    if receipt is not None:
        if status != Status.COMPLETED:
            errors["receipt"] = message("is only for a payment resolved as completed")
        elif not kenya.is_receipt(receipt):
            errors["receipt"] = kenya.RECEIPT_HINT
    if errors:
        raise ValidationError(errors)
    return status, reason, receipt


def resolve(ledger: Ledger, reference: str, status: str, reason: str | None,
            receipt: str | None = None) -> Transaction:
    """Settle the ``unknown`` row ``reference`` as ``status`` (completed or failed) with the
    written ``reason``; ValidationError (nothing changed) when it cannot be."""
    status, reason, receipt = check_resolution(status, reason, receipt)
    row = ledger.get(reference)
    if row is None:
        raise ValidationError({"reference": message("no transaction {reference} in this log",
                                                    reference=reference)})
    if not resolvable(row):
        raise ValidationError({"reference": _why_not(row)})
    require(ledger.user, ledger.has_users, Right.RESOLVE)
    by = ledger.operator
    payload = {"resolution": status, "reason": reason, "receipt": receipt, "by": by}
    try:
        return ledger.transition(reference, status, source="user", payload=payload,
                                 expected=Status.UNKNOWN, receipt=receipt, audited="resolved",
                                 result_desc=f"Resolved by hand ({by}): {reason}")
    except IllegalTransition:
        now = ledger.get(reference)
        why = _why_not(now) if now is not None else f"no transaction {reference} in this log"
        raise ValidationError({"reference": why}) from None


def _why_not(row: Transaction) -> str:
    if row.operation not in MONEY_OPERATIONS:
        return (f"{row.reference} is a {operation(row.operation).noun}, which moves no "
                "money: it settles by itself")
    return (f"{row.reference} is '{row.status}': only a row whose outcome is unknown can be "
            "resolved by hand")
