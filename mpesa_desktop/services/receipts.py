"""What a customer's or supplier's receipt says (issue 15, point 6). Qt-free; ``ui.receipt_pdf``
lays it out on a page.

    receipt = receipt_of(row, business="Mama Mboga Stores")   # ReceiptError unless completed
    receipt.lines   # (caption, text) in order: amount in figures and words, receipt, date...

Only a completed payment with its M-Pesa receipt has one: anything else is not proof of money.
The business name is kept per profile in the log (``BUSINESS_NAME_KEY`` in its meta table).
"""

from __future__ import annotations

from dataclasses import dataclass

from mpesa_desktop.kenya import EAT, amount_in_words, format_kes
from mpesa_desktop.ledger import Transaction
from mpesa_desktop.ledger.statuses import Status
from mpesa_desktop.messages import message
from mpesa_desktop.services.directions import MONEY_IN, PAYMENTS

BUSINESS_NAME_KEY = "business_name"


class ReceiptError(ValueError):
    """No receipt can be made for this row (the sentence says why; the tab shows it: a
    ValueError, like a statement's, not one of the app's error tree)."""


@dataclass(frozen=True)
class Receipt:
    title: str
    business: str
    number: str  # the M-Pesa receipt
    lines: tuple[tuple[str, str], ...]

    @property
    def file_name(self) -> str:
        return f"receipt-{self.number}.pdf"


def has_receipt(row: Transaction) -> bool:
    """A completed payment with its M-Pesa receipt and amount."""
    return (row.status == Status.COMPLETED and bool(row.receipt) and row.amount is not None
            and row.operation in PAYMENTS)


def receipt_of(row: Transaction, business: str, operation_label: str | None = None) -> Receipt:
    """The receipt of ``row`` issued by ``business``; ReceiptError when it has none."""
    if not has_receipt(row) or row.receipt is None or row.amount is None:
        raise ReceiptError(message("{reference} is not a completed payment with an M-Pesa "
                                   "receipt: it has no receipt to print",
                                   reference=row.reference))
    received = row.operation in MONEY_IN
    party = row.counterparty or row.phone or (row.party_a if received else row.party_b) or ""
    when = row.updated_at.astimezone(EAT).strftime("%d %B %Y, %H:%M:%S EAT")
    lines = (
        ("Amount", format_kes(row.amount)),
        ("In words", amount_in_words(row.amount).capitalize()),
        ("M-Pesa receipt", row.receipt),
        ("Date", when),
        ("Received from" if received else "Paid to", party),
        ("For", row.account_reference or row.remarks or operation_label or row.operation),
        ("Our reference", row.reference),
    )
    title = "Payment received" if received else "Payment made"
    business = " ".join(business.split()) or "M-Pesa payment"
    return Receipt(title, business, row.receipt, lines)
