"""Paying tax to KRA (Daraja's Tax Remittance) from "Pay a business", in the real window on the
offline simulator: the KRA mode of the form, its validation, the way back to a paybill payment,
and "Send again…" of a rejected tax payment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from mpesa_desktop.daraja import operations
from mpesa_desktop.ui.keyboard import plain
from mpesa_desktop.ui.tabs.b2b_tab import KRA_TAX, PAYBILL, B2BTab
from tests import ui_support
from tests.ui_support import simulator_count, type_into, wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

PRN = "2240012345678"  # a KRA payment registration number: 13 characters


def open_tab(window, command_id: str) -> B2BTab:
    """Show Pay a business and pick the payment type from its drop-down."""
    tab = window.b2b_tab
    window.tabs.setCurrentWidget(tab)
    combo = tab.form.rows["command_id"].editor
    combo.setCurrentIndex(combo.findData(command_id))
    return tab


def dialog_text(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_kra_tax_is_paid_with_its_prn(qtbot, gui_window, gui_services):
    tab = open_tab(gui_window, KRA_TAX)
    form = tab.form
    assert tab.operation == form.operation == "tax_remittance"
    kra = form.rows["party_b"].editor
    assert kra.text() == "572572" and kra.isReadOnly()
    assert plain(form.row_labels["account_reference"].text()) == "KRA payment number (PRN)"
    assert not form.rows["requester"].isVisible() and not form.rows["occasion"].isVisible()
    assert form.rows["account_reference"].isVisible()
    assert "KRA payment slip" in form.rows["account_reference"].editor.placeholderText()

    type_into(qtbot, tab, {"account_reference": PRN, "amount": "48,250",
                           "remarks": "PAYE November"})
    assert form.send_button.isEnabled(), form.check()
    form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    text = dialog_text(dialog)
    assert "Pay KRA tax" in text and PRN in text and "572572" in text and "KES 48,250" in text
    assert simulator_count(gui_services) == 0, "nothing leaves before the clerk confirms"
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status == "completed", timeout=10_000)

    row = gui_services.ledger.get(tab.outcome.reference)
    assert (row.operation, row.amount, row.party_b, row.account_reference) == (
        "tax_remittance", 48250, "572572", PRN)
    assert row.request_body["CommandID"] == "PayTaxToKRA"
    assert "Requester" not in row.request_body and "Occassion" not in row.request_body
    # The PRN and amount are emptied after the send; KRA's shortcode stays.
    assert "account_reference" not in form.values() and "amount" not in form.values()
    assert kra.text() == "572572"


def test_a_missing_prn_keeps_send_disabled_and_names_the_field(qtbot, gui_window, gui_services):
    tab = open_tab(gui_window, KRA_TAX)
    form = tab.form
    type_into(qtbot, tab, {"amount": "1200", "remarks": "VAT October"})
    assert not form.send_button.isEnabled()
    assert form.check() == {"account_reference": "is required"}
    qtbot.keyClick(form.rows["remarks"].editor, Qt.Key.Key_Return)  # Enter tries to send
    message = form.rows["account_reference"].message
    assert message.isVisible()
    assert message.text() == "KRA payment number (PRN) is required"
    assert tab.confirm_dialog is None
    assert simulator_count(gui_services) == 0 and gui_services.ledger.summary()[0] == 0

    type_into(qtbot, tab, {"account_reference": "X" * 14})  # the tax limits: at most 13
    assert "at most 13 characters" in form.check()["account_reference"]
    assert not form.send_button.isEnabled()


def test_switching_back_to_paybill_restores_the_normal_form(qtbot, gui_window, gui_services):
    tab = open_tab(gui_window, KRA_TAX)
    type_into(qtbot, tab, {"account_reference": PRN, "amount": "700"})
    open_tab(gui_window, PAYBILL)
    form = tab.form
    assert tab.operation == form.operation == "b2b"
    business = form.rows["party_b"].editor
    assert business.text() == "" and not business.isReadOnly()
    assert plain(form.row_labels["party_b"].text()) == "Receiving paybill or till"
    assert plain(form.row_labels["account_reference"].text()) == "Account number (optional)"
    assert form.rows["requester"].isVisible() and form.rows["occasion"].isVisible()
    assert form.rows["account_reference"].editor.placeholderText() == "e.g. INV-2041"
    assert form.check()["party_b"] == "is required"

    type_into(qtbot, tab, {"party_b": "600001", "account_reference": "INV-2041",
                           "remarks": "Stock", "requester": "0708374149"})
    assert form.values()["command_id"] == PAYBILL
    form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    assert "Pay a business" in dialog_text(dialog) and "paybill 600001" in dialog_text(dialog)
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status == "completed", timeout=10_000)
    row = gui_services.ledger.get(tab.outcome.reference)
    assert (row.operation, row.party_b, row.account_reference, row.phone) == (
        "b2b", "600001", "INV-2041", "254708374149")


def test_a_rejected_tax_payment_is_sent_again_in_kra_mode(qtbot, gui_window, gui_services):
    fields = {**gui_services.defaults("tax_remittance"), "security_credential": "x",
              "amount": 15000, "account_reference": PRN, "remarks": "Withholding tax"}
    body = operations.build_request("tax_remittance", fields, "offline").redacted_body
    ledger = gui_services.ledger
    original = ledger.create("tax_remittance", amount=15000, party_b="572572",
                             account_reference=PRN, remarks="Withholding tax",
                             request_body=body).reference
    ledger.transition(original, "rejected", source="ack", result_desc="Invalid Access Token")

    log = gui_window.log_tab
    gui_window.tabs.setCurrentWidget(log)
    log.apply_filters()
    qtbot.waitUntil(lambda: not log.model.loading and log.model.row_of(original) is not None,
                    timeout=5_000)
    log.table.selectRow(log.model.row_of(original))
    qtbot.waitUntil(lambda: log.detail.transaction is not None
                    and log.detail.transaction.reference == original)
    assert log.row_actions.resend_button.isEnabled()
    log.row_actions.resend_button.click()

    tab = gui_window.b2b_tab
    assert gui_window.tabs.currentWidget() is tab and tab.retry_of == original
    assert tab.operation == "tax_remittance"
    values = tab.form.values()
    assert {name: values.get(name) for name in ("party_b", "account_reference", "remarks")} == {
        "party_b": "572572", "account_reference": PRN, "remarks": "Withholding tax"}
    assert values["amount"].replace(",", "") == "15000"
    assert f"Sending again tax payment {original} (rejected: " in tab.resend_bar.label.text()

    tab.form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    assert "Pay KRA tax" in dialog_text(dialog) and original in dialog_text(dialog)
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: tab.outcome.reference not in (None, original), timeout=10_000)
    resent = tab.outcome.reference
    qtbot.waitUntil(lambda: ledger.get(resent).status == "completed", timeout=10_000)
    row = ledger.get(resent)
    assert (row.operation, row.retry_of, row.account_reference) == (
        "tax_remittance", original, PRN)
