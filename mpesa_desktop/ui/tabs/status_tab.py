"""Transaction status: ask M-Pesa what happened to a transaction, by receipt or by the
originator conversation ID of the request."""

from __future__ import annotations

from mpesa_desktop.catalogue import Op
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import translate
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.balance_tab import IDENTIFIER_TYPES
from mpesa_desktop.ui.tabs.operation_tab import INITIATOR_SPECS, OperationTab


class StatusTab(OperationTab):
    """The "Transaction status" tab."""

    operation = "transaction_status"
    heading = "Transaction status"
    blurb = (
        "Find out what happened to a transaction. Give its M-Pesa receipt, or the originator "
        "conversation ID of a request you sent (shown in the transaction log), or both."
    )
    send_text = "Check status"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("transaction_id", placeholder="e.g. NLJ7RT61SV"),
            FieldSpec("original_conversation_id"),
            FieldSpec("party_a"),
            FieldSpec("identifier_type", choices=IDENTIFIER_TYPES),
            FieldSpec("remarks"),
            FieldSpec("occasion"),
            *INITIATOR_SPECS,
        ]

    def describe(self, fields: dict[str, str]) -> str:
        what = fields.get("transaction_id") or fields.get("original_conversation_id", "")
        return translate("Tabs", "Checking the status of {what}").fill(what=what)


register_tab(StatusTab, name="status", title="Transaction status", order=80,
             handles=(Op.TRANSACTION_STATUS,))
