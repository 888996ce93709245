"""Pay a customer: a B2C payment to an M-Pesa phone number (salary, business or promotion)."""

from __future__ import annotations

from typing import Any

from mpesa_desktop import kenya
from mpesa_desktop.catalogue import Op
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import translate
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import INITIATOR_SPECS, OperationTab

PAYMENT_TYPES = (
    ("BusinessPayment", "Business payment"),
    ("SalaryPayment", "Salary"),
    ("PromotionPayment", "Promotion"),
)


class B2CTab(OperationTab):
    """The "Pay a customer" tab."""

    operation = "b2c"
    heading = "Pay a customer"
    blurb = (
        "Send money from your B2C shortcode to a customer's or employee's M-Pesa number. "
        "You confirm the amount before anything is sent."
    )
    send_text = "Pay customer…"
    clear_after_send = ("party_b", "amount")

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("party_b", placeholder="0712 345 678"),
            FieldSpec("amount", label="Amount (KES)", placeholder="e.g. 1,500"),
            FieldSpec("command_id", choices=PAYMENT_TYPES),
            FieldSpec("remarks", placeholder="what the payment is for"),
            FieldSpec("occasion", placeholder="e.g. November salary"),
            FieldSpec("party_a", advanced=True),
            *INITIATOR_SPECS,
        ]

    def describe(self, fields: dict[str, str]) -> str:
        phone = kenya.normalise_msisdn(fields["party_b"])
        return translate("Tabs", "Paying {amount} to {phone}").fill(
            amount=self._kes(fields["amount"]), phone=phone)

    def confirmation(self, fields: dict[str, str]) -> dict[str, Any]:
        kind = translate("Catalogue", dict(PAYMENT_TYPES).get(fields.get("command_id", ""), ""))
        return {
            "action": translate("Tabs", "Pay a customer"),
            "recipient": kenya.normalise_msisdn(fields["party_b"]),
            "purpose": fields.get("remarks", ""),
            "details": [(translate("OperationTab", "Payment type"), kind),
                        (translate("OperationTab", "From shortcode"), fields.get("party_a", ""))],
        }


register_tab(B2CTab, name="b2c", title="Pay a customer", order=10, handles=(Op.B2C,))
