"""Sending a failed payment again from the Transaction log (DESIGN 3.4), in the real window on the
offline simulator: the form is filled and marked, the clerk confirms, the new row is linked to the
original, and the action is refused for a payment that completed or whose outcome is unknown."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from mpesa_desktop.daraja import operations
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.ui.tabs.operation_tab import OperationTab
from tests import ui_support
from tests.ui_support import wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

INSUFFICIENT_FUNDS = "254711000001"


def _pay(qtbot, tab: OperationTab, phone: str, amount: str, status: str) -> str:
    """Pay from the B2C form, confirm, and wait for ``status``; the row's reference."""
    ui_support.type_into(qtbot, tab, {"party_b": phone, "amount": amount,
                                      "remarks": "Refund of deposit"})
    tab.form.send_button.click()
    wait_confirm(qtbot, tab).confirm_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status == status, timeout=10_000)
    return tab.outcome.reference


def _select(qtbot, window, reference: str) -> None:
    log = window.log_tab
    window.tabs.setCurrentWidget(log)
    log.apply_filters()  # the page read afresh replaces the rows: select after it lands
    qtbot.waitUntil(lambda: not log.model.loading and log.model.row_of(reference) is not None,
                    timeout=5_000)
    log.table.selectRow(log.model.row_of(reference))
    qtbot.waitUntil(lambda: log.detail.transaction is not None
                    and log.detail.transaction.reference == reference)


def test_failed_b2c_is_sent_again_as_a_linked_row(qtbot, gui_window, gui_services):
    b2c = gui_window.b2c_tab
    original = _pay(qtbot, b2c, INSUFFICIENT_FUNDS, "1500", "failed")
    before = gui_services.ledger.get(original)
    events_before = gui_services.ledger.events(original)
    _select(qtbot, gui_window, original)
    log = gui_window.log_tab
    qtbot.waitUntil(lambda: log.detail.transaction.status == "failed", timeout=5_000)
    assert log.row_actions.resend_button.isEnabled()

    log.row_actions.resend_button.click()
    assert gui_window.tabs.currentWidget() is b2c
    values = b2c.form.values()
    assert values["party_b"] == INSUFFICIENT_FUNDS
    assert values["amount"].replace(",", "") == "1500"
    assert values["remarks"] == "Refund of deposit"
    assert b2c.retry_of == original
    assert b2c.resend_bar.isVisible()
    text = b2c.resend_bar.label.text()
    assert f"Sending again payment {original} (failed: " in text
    assert before.result_desc in text

    b2c.form.send_button.click()
    dialog = wait_confirm(qtbot, b2c)
    assert original in " ".join(label.text() for label in dialog.findChildren(QLabel))
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: b2c.outcome.reference not in (None, original), timeout=10_000)
    resent = b2c.outcome.reference
    qtbot.waitUntil(lambda: gui_services.ledger.get(resent).status == "failed", timeout=10_000)
    row = gui_services.ledger.get(resent)
    assert row.retry_of == original
    assert (row.operation, row.amount, row.phone) == ("b2c", 1500, INSUFFICIENT_FUNDS)
    assert b2c.retry_of is None and not b2c.resend_bar.isVisible()
    # The original is as it was: same status, same history.
    after = gui_services.ledger.get(original)
    assert (after.status, after.retry_of, after.result_code) == ("failed", None,
                                                                 before.result_code)
    assert gui_services.ledger.events(original) == events_before


def test_cancel_resend_leaves_the_mode_and_sends_nothing(qtbot, gui_window, gui_services):
    b2c = gui_window.b2c_tab
    original = _pay(qtbot, b2c, INSUFFICIENT_FUNDS, "900", "failed")
    _select(qtbot, gui_window, original)
    qtbot.waitUntil(lambda: gui_window.log_tab.row_actions.resend_button.isEnabled(), timeout=5_000)
    gui_window.log_tab.row_actions.resend_button.click()
    assert b2c.retry_of == original
    b2c.resend_bar.cancel_button.click()
    assert b2c.retry_of is None and not b2c.resend_bar.isVisible()
    assert "amount" not in b2c.form.values() and "party_b" not in b2c.form.values()
    assert gui_services.ledger.summary()[0] == 1


def test_send_again_is_disabled_for_completed_and_unknown_rows(qtbot, gui_window, gui_services):
    completed = _pay(qtbot, gui_window.b2c_tab, "0708374149", "1200", "completed")
    # A payout whose outcome is unknown: written ahead, then its app stopped before the answer.
    with Ledger(gui_services.ledger.path) as stopped:
        unknown = stopped.create("b2c", amount=700, party_b="254708374149",
                                 phone="254708374149", remarks="Interrupted").reference
    assert gui_services.ledger.recover_interrupted() == 1
    log = gui_window.log_tab
    for reference, status in ((completed, "completed"), (unknown, "unknown")):
        _select(qtbot, gui_window, reference)
        assert log.detail.transaction.status == status
        assert not log.row_actions.resend_button.isEnabled()
        log.row_actions.request_resend()  # nothing happens even if asked directly
        assert gui_window.tabs.currentWidget() is log
        assert gui_window.b2c_tab.retry_of is None


def test_rejected_b2b_fills_the_pay_a_business_form(qtbot, gui_window, gui_services):
    fields = {**gui_services.defaults("b2b"), "security_credential": "x",
              "command_id": "BusinessPayBill", "amount": 25000, "party_b": "888880",
              "account_reference": "INV-2041", "requester": "254708374149",
              "remarks": "November invoice"}
    body = operations.build_request("b2b", fields, "offline").redacted_body
    ledger = gui_services.ledger
    original = ledger.create("b2b", amount=25000, party_b="888880", remarks="November invoice",
                             account_reference="INV-2041", request_body=body).reference
    ledger.transition(original, "rejected", source="ack", result_desc="Invalid Access Token")
    _select(qtbot, gui_window, original)
    log = gui_window.log_tab
    assert log.row_actions.resend_button.isEnabled()
    log.row_actions.resend_button.click()
    b2b = gui_window.b2b_tab
    assert gui_window.tabs.currentWidget() is b2b and b2b.retry_of == original
    values = b2b.form.values()
    assert {name: values.get(name) for name in ("command_id", "party_b", "account_reference",
                                                "requester", "remarks")} == {
        "command_id": "BusinessPayBill", "party_b": "888880", "account_reference": "INV-2041",
        "requester": "254708374149", "remarks": "November invoice"}
    assert values["amount"].replace(",", "") == "25000"
    assert "(rejected: Invalid Access Token)" in b2b.resend_bar.label.text()
