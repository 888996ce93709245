"""Balance: ask M-Pesa for the shortcode's balances and show them per account.

The answer comes back later as a callback; the table fills when the balance request completes
(and, on opening, shows the last balances recorded in this profile's log), with the time of that
result.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from mpesa_desktop.catalogue import Op
from mpesa_desktop.kenya import EAT
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    moment_text,
    on_language_change,
    show_text,
    translate,
)
from mpesa_desktop.ui.look import TITLE_COLOUR, PlainLabel, emphasise
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import INITIATOR_SPECS, OperationTab

IDENTIFIER_TYPES = (("4", "Organisation shortcode"), ("2", "Till number"), ("1", "Phone (MSISDN)"))


class BalanceColumn(IntEnum):
    ACCOUNT = 0
    CURRENCY = 1
    CURRENT = 2
    AVAILABLE = 3
    RESERVED = 4
    UNCLEARED = 5


HEADERS = {
    BalanceColumn.ACCOUNT: QT_TRANSLATE_NOOP("Balance", "Account"),
    BalanceColumn.CURRENCY: QT_TRANSLATE_NOOP("Balance", "Currency"),
    BalanceColumn.CURRENT: QT_TRANSLATE_NOOP("Balance", "Current"),
    BalanceColumn.AVAILABLE: QT_TRANSLATE_NOOP("Balance", "Available"),
    BalanceColumn.RESERVED: QT_TRANSLATE_NOOP("Balance", "Reserved"),
    BalanceColumn.UNCLEARED: QT_TRANSLATE_NOOP("Balance", "Uncleared"),
}


def money_text(value: Decimal | None) -> str:
    """``Decimal("228037.5")`` -> ``"228,037.50"``; empty for an unknown amount."""
    return "" if value is None else f"{value:,.2f}"


class BalanceTab(OperationTab):
    """The "Balance" tab."""

    operation = "account_balance"
    heading = "Account balance"
    blurb = (
        "Ask M-Pesa for the balance of each account of your shortcode (Working, Utility, "
        "Charges Paid...). The answer arrives a few seconds later and fills the table."
    )
    send_text = "Check balance"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("party_a"),
            FieldSpec("identifier_type", choices=IDENTIFIER_TYPES),
            FieldSpec("remarks"),
            *INITIATOR_SPECS,
        ]

    def add_extras(self, column: QVBoxLayout) -> None:
        self.as_of = PlainLabel(self)
        show_text(self.as_of, "setText", translate("Balance", "No balance received yet."))
        self.as_of.setObjectName("balanceAsOf")
        emphasise(self.as_of, TITLE_COLOUR)
        self.table = QTableWidget(0, len(BalanceColumn), self)
        self.table.setObjectName("balanceTable")
        show_text(self.table, "setAccessibleName", translate("Balance", "Balances per account"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows walk it
        self._name_columns()
        on_language_change(self._name_columns)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(170)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            BalanceColumn.ACCOUNT, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            BalanceColumn.CURRENCY, QHeaderView.ResizeMode.ResizeToContents
        )
        column.addWidget(self.as_of)
        column.addWidget(self.table)

    def _name_columns(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [translate("Balance", HEADERS[column]) for column in BalanceColumn])

    def reload(self) -> None:
        super().reload()
        self.load_balances()

    def load_balances(self) -> None:
        """Read the latest balances of this profile's log in the worker, then show them."""
        ledger = self.services.ledger
        self.bridge.run_blocking(ledger.latest_balances, on_result=self.show_balances)

    def show_balances(self, balances: list[Any]) -> None:
        self.table.setRowCount(len(balances))
        for row, line in enumerate(balances):
            cells = {
                BalanceColumn.ACCOUNT: line.account,
                BalanceColumn.CURRENCY: line.currency,
                BalanceColumn.CURRENT: money_text(line.current),
                BalanceColumn.AVAILABLE: money_text(line.available),
                BalanceColumn.RESERVED: money_text(line.reserved),
                BalanceColumn.UNCLEARED: money_text(line.uncleared),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                if column not in (BalanceColumn.ACCOUNT, BalanceColumn.CURRENCY):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if balances:
            when = balances[0].recorded_at.astimezone(EAT)
            show_text(self.as_of, "setText", translate(
                "Balance", "Balances as of {when} (EAT)").fill(
                when=moment_text(when, "d MMM yyyy, HH:mm:ss")))
        else:
            show_text(self.as_of, "setText", translate("Balance", "No balance received yet."))

    def on_status_changed(self, change: Any) -> None:
        super().on_status_changed(change)
        if change.transaction.operation == self.operation and change.new == "completed":
            self.load_balances()


register_tab(BalanceTab, name="balance", title="Balance", order=70, handles=(Op.ACCOUNT_BALANCE,))
