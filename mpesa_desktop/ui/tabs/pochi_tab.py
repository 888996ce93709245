"""Pay a Pochi: a B2Pochi payment to a trader's Pochi la Biashara wallet, by their phone number.

Daraja's B2Pochi is B2C with its own path and CommandID ``BusinessPayToPochi``: the money goes to
the business wallet the trader keeps on their M-Pesa line, not to their personal M-Pesa.
"""

from __future__ import annotations

from typing import Any

from mpesa_desktop.catalogue import Op
from mpesa_desktop.daraja import limits
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import translate
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import INITIATOR_SPECS, OperationTab


class PochiTab(OperationTab):
    """The "Pay a Pochi" tab."""

    operation = "b2pochi"
    heading = "Pay a Pochi la Biashara wallet"
    blurb = (
        "Send money from your shortcode to a trader's Pochi la Biashara, the business wallet "
        "on their M-Pesa number. You confirm the amount before anything is sent."
    )
    send_text = "Pay Pochi…"
    clear_after_send = ("party_b", "amount")

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("party_b", label="Pochi phone number", placeholder="0712 345 678"),
            FieldSpec("amount", label="Amount (KES)", placeholder="e.g. 1,500"),
            FieldSpec("remarks", placeholder="what the payment is for"),
            FieldSpec("occasion", placeholder="e.g. order 2041"),
            FieldSpec("party_a", advanced=True),
            *INITIATOR_SPECS,
        ]

    def describe(self, fields: dict[str, str]) -> str:
        phone = limits.normalise_msisdn(fields["party_b"])
        return translate("Tabs", "Paying {amount} to the Pochi of {phone}").fill(
            amount=self._kes(fields["amount"]), phone=phone)

    def confirmation(self, fields: dict[str, str]) -> dict[str, Any]:
        return {
            "action": translate("Tabs", "Pay a Pochi la Biashara wallet"),
            "recipient": translate("Tabs", "Pochi la Biashara of {phone}").fill(
                phone=limits.normalise_msisdn(fields["party_b"])),
            "purpose": fields.get("remarks", ""),
            "details": [(translate("OperationTab", "From shortcode"), fields.get("party_a", ""))],
        }


register_tab(PochiTab, name="pochi", title="Pay a Pochi", order=20, handles=(Op.B2POCHI,))
