"""Refund: reverse a customer's C2B or STK payment by its M-Pesa receipt.

The transaction log's "Refund this" calls ``fill(receipt, amount, ...)`` and shows this tab.
"""

from __future__ import annotations

from typing import Any

from mpesa_desktop.catalogue import Op
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import translate
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import INITIATOR_SPECS, OperationTab


class RefundTab(OperationTab):
    """The "Refund" tab (a Daraja reversal)."""

    operation = "reversal"
    heading = "Refund a payment"
    blurb = (
        "Reverse a payment a customer made to you (C2B or STK push), by its M-Pesa receipt. "
        "Payouts you made (B2C) cannot be reversed this way."
    )
    send_text = "Refund…"
    clear_after_send = ("transaction_id", "amount")

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("transaction_id", placeholder="e.g. NLJ7RT61SV"),
            FieldSpec("amount", label="Amount (KES)"),
            FieldSpec("remarks", placeholder="why the payment is refunded"),
            FieldSpec("occasion"),
            FieldSpec("receiver_party", advanced=True),
            *INITIATOR_SPECS,
        ]

    def fill(
        self, receipt: str, amount: int | None = None, remarks: str | None = None, **_: Any
    ) -> None:
        """Prefill the form from a log row (receipt and amount); the clerk still confirms."""
        values: dict[str, object] = {"transaction_id": receipt}
        if amount is not None:
            values["amount"] = amount
        if remarks:
            values["remarks"] = remarks
        self.form.set_values(values)
        self.form.rows["remarks"].editor.setFocus()

    def describe(self, fields: dict[str, str]) -> str:
        return translate("Tabs", "Refunding {amount} of {receipt}").fill(
            amount=self._kes(fields["amount"]), receipt=fields["transaction_id"].upper())

    def confirmation(self, fields: dict[str, str]) -> dict[str, Any]:
        return {
            "action": translate("Tabs", "Refund a payment"),
            "recipient": translate("Tabs", "the payer of receipt {receipt}").fill(
                receipt=fields["transaction_id"].upper()),
            "purpose": fields.get("remarks", ""),
            "details": [(translate("OperationTab", "From shortcode"),
                         fields.get("receiver_party", ""))],
        }


register_tab(RefundTab, name="refund", title="Refund", order=60, handles=(Op.REVERSAL,))
