"""What a clerk must see before confirming money, looked up in the log. Qt-free, blocking.

- A refund (reversal) names the payment it reverses: payer, phone, original amount and date.
  Refunding more than the original, or a payment already refunded, is refused (a
  ValidationError naming the field). A receipt that is not in this log is allowed with a plain
  warning: the app cannot check it.
- A payout identical to one completed a moment ago (same payee, amount and account, within the
  profile's ``repeat_window_hours``, default 24) is named, so the confirmation can ask for a
  deliberate extra click; without it the submit pipeline refuses the payout (``allow_repeat``).

``review`` is called by the window before it opens the confirmation and by the submit pipeline
(``check_refund``) before the write-ahead row, so the command line keeps the same rules. Its
sentences and fact labels are ``messages.message`` templates, which the window says in its
language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from mpesa_desktop.catalogue import KEYED, OPERATIONS, Key, Money
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.ledger import INCOMING_OPERATION, Filters, Ledger, Transaction
from mpesa_desktop.ledger.queries import MIN_INDEXED_TEXT
from mpesa_desktop.messages import message

# Payments a customer made to the business: what a reversal can undo (daraja-reference.md 3.9).
REFUNDABLE_OPERATIONS = (INCOMING_OPERATION, *sorted(
    name for name, declared in OPERATIONS.items() if declared.money is Money.IN))
# Payouts that can be repeated by mistake (a reversal is keyed by its receipt: it cannot be).
REPEATABLE_PAYOUTS = frozenset(name for name, key in KEYED.items() if key is Key.PAYMENT)


@dataclass(frozen=True)
class Review:
    """Facts to show in the confirmation, warnings to show above them, and a completed
    identical payout made within the repeat window (None when there is none)."""

    facts: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    recent_twin: Transaction | None = None


def review(ledger: Ledger, operation: str, columns: dict[str, Any], *,
           repeat_window: timedelta, now: datetime | None = None) -> Review:
    """The review of a payment about to be confirmed; ``columns`` are its ledger columns
    (``services.submit.ledger_columns``). Raises ValidationError for a refund that must not
    be sent."""
    if operation == "reversal":
        return check_refund(ledger, columns)
    if operation in REPEATABLE_PAYOUTS:
        since = (now or datetime.now(UTC)) - repeat_window
        twin = ledger.completed_twin(
            operation, since, party_a=columns.get("party_a"), party_b=columns.get("party_b"),
            amount=columns.get("amount"), account_reference=columns.get("account_reference"))
        if twin is not None:
            return Review(warnings=(repeat_warning(twin),), recent_twin=twin)
    return Review()


def repeat_warning(twin: Transaction) -> str:
    when = twin.created_at.astimezone(EAT).strftime("%d %b %Y at %H:%M")
    receipt = message(" (receipt {receipt})", receipt=twin.receipt) if twin.receipt else ""
    return message("The same payee was paid {amount} on {when}{receipt}. Is this a second "
                   "payment?", amount=format_kes(twin.amount or 0), when=when, receipt=receipt)


def original_payment(ledger: Ledger, receipt: str) -> Transaction | None:
    """The completed customer payment with this receipt, or None."""
    rows = ledger.query(Filters(receipt=receipt, operation=REFUNDABLE_OPERATIONS,
                                status="completed"), limit=1)
    return rows[0] if rows else None


def check_refund(ledger: Ledger, columns: dict[str, Any]) -> Review:
    """The original payment of a refund as facts; ValidationError when the refund is more
    than the original or the payment was refunded already."""
    receipt = str(columns.get("account_reference") or "").upper()
    amount = columns.get("amount")
    # The reversed receipt is the refund's account reference, found through the text index.
    refunds = ledger.query(Filters(operation="reversal", status="completed", text=receipt),
                           limit=20) if len(receipt) >= MIN_INDEXED_TEXT else []
    done = next((row for row in refunds if (row.account_reference or "").upper() == receipt),
                None)
    if done is not None:
        when = done.created_at.astimezone(EAT).strftime("%d %b %Y")
        raise ValidationError({"transaction_id": message("was already refunded on {when}",
                                                         when=when)})
    original = original_payment(ledger, receipt)
    if original is None:
        return Review(warnings=(message(
            "Receipt {receipt} is not in this log, so the app cannot check the payer or the "
            "original amount. Check them on the M-Pesa statement before you confirm.",
            receipt=receipt),))
    if amount is not None and original.amount is not None and int(amount) > original.amount:
        raise ValidationError({"amount": message("is more than the original payment of {amount}",
                                                 amount=format_kes(original.amount))})
    paid = original.created_at.astimezone(EAT).strftime("%d %b %Y, %H:%M")
    facts = (
        (message("Paid by"), original.counterparty or "-"),
        (message("Phone"), original.phone or original.party_a or "-"),
        (message("Original amount"), format_kes(original.amount or 0)),
        (message("Paid on"), paid),
    )
    return Review(facts=facts)
