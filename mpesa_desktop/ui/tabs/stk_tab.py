"""Request a payment: an STK push (the customer gets a PIN prompt on their phone), then its live
status, and an STK query to ask M-Pesa directly when the answer is slow to come."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from mpesa_desktop import kenya
from mpesa_desktop.catalogue import Op
from mpesa_desktop.ui.errors import explain
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import show_text, translate
from mpesa_desktop.ui.log_labels import status_label
from mpesa_desktop.ui.look import PlainLabel
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import OperationTab

TRANSACTION_TYPES = (
    ("CustomerPayBillOnline", "Paybill (to your shortcode)"),
    ("CustomerBuyGoodsOnline", "Buy goods (to your till)"),
)


class StkTab(OperationTab):
    """The "Request a payment" tab."""

    operation = "stk_push"
    heading = "Request a payment"
    blurb = (
        "The customer gets a prompt on their phone and pays by entering their M-Pesa PIN. "
        "The status below updates by itself; Check now asks M-Pesa directly."
    )
    send_text = "Send request"
    clear_after_send = ("phone_number", "amount")

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("phone_number", label="Customer's phone", placeholder="0712 345 678"),
            FieldSpec("amount", label="Amount (KES)", placeholder="e.g. 1,500"),
            FieldSpec("account_reference", placeholder="e.g. invoice number"),
            FieldSpec("transaction_desc"),
            FieldSpec("transaction_type", choices=TRANSACTION_TYPES),
            FieldSpec("business_shortcode", advanced=True),
            FieldSpec("party_b", label="Till (buy goods only)", advanced=True),
            FieldSpec("callback_url", advanced=True),
        ]

    def add_extras(self, column: QVBoxLayout) -> None:
        """Check now (an STK query) lives inside the outcome panel, beside what it updates."""
        self.query_button = QPushButton(self)
        show_text(self.query_button, "setText", translate("Tabs", "Check now"))
        self.query_button.setObjectName("stkQueryButton")
        show_text(self.query_button, "setToolTip",
                  translate("Tabs", "Ask M-Pesa for the status of the last request (STK query)"))
        self.query_button.setEnabled(False)
        self.query_button.clicked.connect(self.query_status)
        self.query_result = PlainLabel(self)
        self.query_result.setObjectName("stkQueryResult")
        self.query_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.query_result, 1)
        row.addWidget(self.query_button)
        self.outcome.add_row(row)

    def reload(self) -> None:
        super().reload()
        self.query_button.setEnabled(False)
        self.query_result.setText("")

    def describe(self, fields: dict[str, str]) -> str:
        phone = kenya.normalise_msisdn(fields["phone_number"])
        return translate("Tabs", "Asking {phone} to pay {amount}").fill(
            phone=phone, amount=self._kes(fields["amount"]))

    def after_sent(self, transaction: Any) -> None:
        self.query_result.setText("")
        self.query_button.setEnabled(bool(transaction.checkout_request_id))

    def query_status(self) -> None:
        """STK query for the last request; the answer also settles the log row."""
        transaction = self.last_transaction
        if transaction is None or not transaction.checkout_request_id:
            return
        self.query_button.setEnabled(False)
        self.query_result.setText(translate("Tabs", "Asking M-Pesa…"))
        fields = {
            "business_shortcode": self.form.values().get("business_shortcode", ""),
            "checkout_request_id": transaction.checkout_request_id,
        }
        self.bridge.run(
            self.services.submit("stk_query", fields),
            self._on_queried,
            self._on_query_failed,
            reaches_server=True,
        )

    def _on_queried(self, result: Any) -> None:
        self.query_button.setEnabled(True)
        status = getattr(result, "status", "")
        desc = getattr(result, "result_desc", None) or getattr(result, "meaning", "")
        self.query_result.setText(
            translate("Tabs", "M-Pesa says: {words}").fill(words=desc) if desc
            else translate("Tabs", "Status: {status}").fill(status=status_label(status)))

    def _on_query_failed(self, error: Exception) -> None:
        self.query_button.setEnabled(True)
        explanation = explain(error)
        self.query_result.setText(f"{explanation.headline}: {explanation.message}")


register_tab(StkTab, name="stk", title="Request a payment", order=40,
             handles=(Op.STK_PUSH, Op.STK_QUERY))
