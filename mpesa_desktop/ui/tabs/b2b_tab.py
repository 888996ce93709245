"""Pay a business: a B2B payment to a paybill (with its account number), a till, or a top-up of
a B2C shortcode."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.tabs.operation_tab import INITIATOR_SPECS, OperationTab

PAYMENT_TYPES = (
    ("BusinessPayBill", "Paybill (with account number)"),
    ("BusinessBuyGoods", "Till (buy goods)"),
    ("BusinessPayToBulk", "Top up a B2C shortcode"),
)
RECIPIENT_WORDS = {
    "BusinessPayBill": "paybill",
    "BusinessBuyGoods": "till",
    "BusinessPayToBulk": "B2C shortcode",
}


class B2BTab(OperationTab):
    """The "Pay a business" tab."""

    operation = "b2b"
    heading = "Pay a business"
    blurb = (
        "Pay another business's paybill or till from your shortcode, or top up your B2C "
        "account. A paybill payment needs the account number the business gave you."
    )
    send_text = "Pay business…"
    clear_after_send = ("party_b", "amount", "account_reference")

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("command_id", choices=PAYMENT_TYPES),
            FieldSpec("party_b", placeholder="e.g. 888880"),
            FieldSpec("account_reference", label="Account number", placeholder="e.g. INV-2041"),
            FieldSpec("amount", label="Amount (KES)", placeholder="e.g. 25,000"),
            FieldSpec("remarks", placeholder="what the payment is for"),
            FieldSpec("requester", placeholder="customer's phone, if paying for one"),
            FieldSpec("occasion"),
            FieldSpec("party_a", advanced=True),
            *INITIATOR_SPECS,
        ]

    def describe(self, fields: dict[str, str]) -> str:
        return f"Paying {self._kes(fields['amount'])} to {fields['party_b']}"

    def confirmation(self, fields: dict[str, str]) -> dict[str, Any]:
        command = fields.get("command_id", "")
        recipient = f"{RECIPIENT_WORDS.get(command, 'business')} {fields['party_b']}"
        if fields.get("account_reference"):
            recipient += f", account {fields['account_reference']}"
        return {
            "action": "Pay a business",
            "recipient": recipient,
            "purpose": fields.get("remarks", ""),
            "details": [
                ("Payment type", dict(PAYMENT_TYPES).get(command, command)),
                ("From shortcode", fields.get("party_a", "")),
            ],
        }
