"""Pay a business: a B2B payment to a paybill (with its account number), a till, or a top-up of
a B2C shortcode; or a tax payment to KRA (Daraja's Tax Remittance) with its payment registration
number (PRN).

Choosing "KRA tax" switches the tab's operation from ``b2b`` to ``tax_remittance``: the form
checks against that operation's limits, shows KRA's shortcode 572572 read-only, asks for the PRN
(required) and hides what a tax payment does not take (requester, occasion).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from mpesa_desktop.catalogue import Op
from mpesa_desktop.kenya import KRA_SHORTCODE
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, translate
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import INITIATOR_SPECS, OperationTab

PAYBILL = "BusinessPayBill"
KRA_TAX = "PayTaxToKRA"  # the CommandID Daraja's Tax Remittance sends
TAX_OPERATION = "tax_remittance"
PAYMENT_TYPES = (
    (PAYBILL, "Paybill (with account number)"),
    ("BusinessBuyGoods", "Till (buy goods)"),
    ("BusinessPayToBulk", "Top up a B2C shortcode"),
    (KRA_TAX, "KRA tax (with PRN)"),
)
RECIPIENT_WORDS = {
    PAYBILL: QT_TRANSLATE_NOOP("Tabs", "paybill"),
    "BusinessBuyGoods": QT_TRANSLATE_NOOP("Tabs", "till"),
    "BusinessPayToBulk": QT_TRANSLATE_NOOP("Tabs", "B2C shortcode"),
}
ANY_BUSINESS = QT_TRANSLATE_NOOP("Tabs", "business")
PRN_LABEL = "KRA payment number (PRN)"
PRN_PLACEHOLDER = "the PRN on the KRA payment slip"
# How the form looks for a tax payment (OperationForm.set_operation's options).
TAX_FORM: dict[str, Any] = {
    "hidden": ("requester", "occasion"),
    "labels": {"party_b": "Paid to KRA", "account_reference": PRN_LABEL},
    "fixed": {"party_b": KRA_SHORTCODE},
}


class B2BTab(OperationTab):
    """The "Pay a business" tab; ``operation`` is ``tax_remittance`` while KRA tax is chosen."""

    operation = "b2b"
    heading = "Pay a business"
    blurb = (
        "Pay another business's paybill or till from your shortcode, top up your B2C "
        "account, or pay tax to KRA. A paybill payment needs the account number the business "
        "gave you; a tax payment needs the payment registration number (PRN) from KRA."
    )
    send_text = "Pay business…"
    clear_after_send = ("party_b", "amount", "account_reference")

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None):
        super().__init__(bridge, parent)
        payment_type = self.form.rows["command_id"].editor
        assert isinstance(payment_type, QComboBox)
        payment_type.currentIndexChanged.connect(lambda _index: self._follow_payment_type())

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

    @property
    def paying_tax(self) -> bool:
        return self.operation == TAX_OPERATION

    def choose_payment_type(self, command_id: str) -> None:
        """Select a payment type as the clerk would (the form follows it)."""
        self.form.rows["command_id"].set_value(command_id)

    def _follow_payment_type(self) -> None:
        tax = self.form.rows["command_id"].value() == KRA_TAX
        if tax == self.paying_tax:
            return
        self.operation = TAX_OPERATION if tax else "b2b"
        reference = self.form.rows["account_reference"]
        if tax:
            self.form.set_operation(TAX_OPERATION, **TAX_FORM)
            reference.editor.setPlaceholderText(PRN_PLACEHOLDER)
        else:
            self.form.set_operation("b2b")
            reference.editor.setPlaceholderText(reference.spec.placeholder)

    def reload(self) -> None:
        """Another profile: the tab starts again on a paybill payment."""
        self.choose_payment_type(PAYBILL)
        super().reload()

    def resend(self, transaction: Any) -> None:
        """A tax payment is sent again in KRA mode (a B2B body names its own payment type)."""
        tax = transaction.operation == TAX_OPERATION
        self.choose_payment_type(KRA_TAX if tax else PAYBILL)
        super().resend(transaction)

    def describe(self, fields: dict[str, str]) -> str:
        if self.paying_tax:
            return translate("Tabs", "Paying {amount} of tax to KRA").fill(
                amount=self._kes(fields["amount"]))
        return translate("Tabs", "Paying {amount} to {phone}").fill(
            amount=self._kes(fields["amount"]), phone=fields["party_b"])

    def confirmation(self, fields: dict[str, str]) -> dict[str, Any]:
        if self.paying_tax:
            return {
                "action": translate("Tabs", "Pay KRA tax"),
                "recipient": f"KRA ({KRA_SHORTCODE}), PRN {fields['account_reference']}",
                "purpose": fields.get("remarks", ""),
                "details": [
                    (translate("OperationTab", "Payment type"),
                     translate("Catalogue", dict(PAYMENT_TYPES)[KRA_TAX])),
                    (translate("OperationTab", "From shortcode"), fields.get("party_a", "")),
                ],
            }
        command = fields.get("command_id", "")
        recipient = translate("Tabs", "{kind} {number}").fill(
            kind=translate("Tabs", RECIPIENT_WORDS.get(command, ANY_BUSINESS)),
            number=fields["party_b"])
        if fields.get("account_reference"):
            recipient = translate("Tabs", "{recipient}, account {account}").fill(
                recipient=recipient, account=fields["account_reference"])
        return {
            "action": translate("Tabs", "Pay a business"),
            "recipient": recipient,
            "purpose": fields.get("remarks", ""),
            "details": [
                (translate("OperationTab", "Payment type"),
                 translate("Catalogue", dict(PAYMENT_TYPES).get(command, command))),
                (translate("OperationTab", "From shortcode"), fields.get("party_a", "")),
            ],
        }


register_tab(B2BTab, name="b2b", title="Pay a business", order=30,
             handles=(Op.B2B, Op.TAX_REMITTANCE))
