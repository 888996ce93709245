"""Sending from the real window to the offline simulator: confirmation, the live status, one send
per click or key press, a GUI thread that never stalls, errors in plain words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from mpesa_desktop.ui.tabs.operation_tab import OperationTab
from tests import ui_support
from tests.ui_log_support import assert_never_stalls
from tests.ui_support import simulator_count, type_into, wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

GOOD_B2C = {"party_b": "0708374149", "amount": "1500", "remarks": "Refund of deposit"}


def wait_status(qtbot, tab: OperationTab, status: str, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: tab.outcome.status == status, timeout=timeout)


def send_confirmed(qtbot, tab: OperationTab, fields: dict[str, str] = GOOD_B2C) -> None:
    """Type ``fields`` into ``tab``, press Send and confirm."""
    type_into(qtbot, tab, fields)
    tab.form.send_button.click()
    wait_confirm(qtbot, tab).confirm_button.click()


def test_b2c_end_to_end_confirm_then_sending_accepted_completed(qtbot, gui_window, gui_services):
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, GOOD_B2C)
    qtbot.mouseClick(tab.form.send_button, Qt.MouseButton.LeftButton)

    dialog = wait_confirm(qtbot, tab)
    assert dialog.findChild(QPushButton, "confirmButton") is dialog.confirm_button
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "KES 1,500" in texts
    assert "One thousand five hundred shillings" in texts
    assert "254708374149" in texts
    assert "Refund of deposit" in texts
    assert simulator_count(gui_services) == 0, "nothing leaves before the clerk confirms"

    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert tab.outcome.status == "sending"
    wait_status(qtbot, tab, "completed")
    assert tab.outcome.history[:3] == ["sending", "accepted", "completed"]
    assert tab.outcome.reference is not None
    row = gui_services.ledger.get(tab.outcome.reference)
    assert row.status == "completed" and row.amount == 1500 and row.phone == "254708374149"
    assert row.receipt and row.receipt in tab.outcome._fact_labels["receipt"].text()
    assert simulator_count(gui_services) == 1
    # The money fields are emptied so the same payment is not one key press away.
    assert tab.form.values().get("amount") is None
    assert not tab.form.busy
    # The log tab shows the row and the status bar counts nothing pending.
    qtbot.waitUntil(lambda: gui_window.log_tab.model.rowCount() == 1)
    qtbot.waitUntil(lambda: gui_window.pending_count == 0)


def test_double_click_and_enter_twice_send_once(qtbot, gui_window, gui_services):
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, GOOD_B2C)
    qtbot.mouseDClick(tab.form.send_button, Qt.MouseButton.LeftButton)
    editor = tab.form.rows["remarks"].editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_confirm(qtbot, tab)
    assert len(tab.findChildren(type(dialog))) == 1
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.form.send_button, Qt.MouseButton.LeftButton)
    wait_status(qtbot, tab, "completed")
    qtbot.wait(100)
    assert simulator_count(gui_services) == 1
    assert gui_services.ledger.summary()[0] == 1


def test_enter_twice_from_the_keyboard_opens_one_confirmation_and_cancel_is_default(
    qtbot, gui_window, gui_services
):
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, GOOD_B2C)
    editor = tab.form.rows["amount"].editor
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_confirm(qtbot, tab)
    assert dialog.cancel_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the second Enter cancels, it does not pay
    qtbot.waitUntil(lambda: tab.confirm_dialog is None)
    assert not tab.form.busy
    assert "nothing was sent" in tab.form.status.text()
    qtbot.wait(50)
    assert simulator_count(gui_services) == 0


def test_gui_thread_never_stalls_while_sending(qtbot, gui_window, gui_services):
    tab = gui_window.b2c_tab

    def pay_over_a_slow_network() -> None:
        gui_services.simulator.set_fault("latency", 1, seconds=0.3)
        send_confirmed(qtbot, tab)
        wait_status(qtbot, tab, "completed")

    heartbeat = assert_never_stalls(pay_over_a_slow_network)
    assert heartbeat.ticks > 3


def test_gui_thread_never_stalls_while_previewing_and_sending_a_bulk_file(
        qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.bulk_tab
    path = tmp_path / "ten-thousand.csv"
    path.write_text("phone,amount,remarks\n" + "".join(
        f"2547{i:08d},{100 + i % 900},Commission\n" for i in range(10_000)), encoding="utf-8")

    def preview_then_send_a_few() -> None:
        with qtbot.waitSignal(tab.previewed, timeout=60_000) as caught:
            tab.open_file(path)
        bulk = caught.args[0].bulk
        assert bulk is not None and len(bulk.skipped) + bulk.payees == 10_000
        tab.rate.setValue(50)
        tab.send_button.click()
        qtbot.waitUntil(lambda: tab.confirm_dialog is not None)
        tab.confirm_dialog.confirm_button.click()
        qtbot.waitUntil(lambda: tab.progress.value() >= 5, timeout=20_000)
        tab.cancel_run()
        qtbot.waitUntil(lambda: not tab.running, timeout=20_000)

    heartbeat = assert_never_stalls(preview_then_send_a_few)
    assert heartbeat.ticks > 3


def test_a_failed_payment_is_explained_in_plain_words(qtbot, gui_window, gui_services):
    tab = gui_window.b2c_tab
    send_confirmed(qtbot, tab, {**GOOD_B2C, "party_b": "0711002040"})
    wait_status(qtbot, tab, "failed")
    summary = tab.outcome.summary.text()
    assert "Failed" in summary
    assert "2040" not in summary.splitlines()[0]
    assert tab.outcome.details_toggle.isVisible()
    assert not tab.outcome.details.isVisible(), "raw details start folded"
    assert "2040" in tab.outcome.details.toPlainText()


def test_cancelling_the_confirmation_sends_nothing(qtbot, gui_window, gui_services):
    tab = gui_window.refund_tab
    type_into(qtbot, tab, {"transaction_id": "NLJ7RT61SV", "amount": "300",
                           "remarks": "Double charge"})
    tab.form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.form.busy)
    assert tab.form.send_button.isEnabled()
    assert simulator_count(gui_services) == 0


def test_refund_this_from_the_log_fills_the_refund_form(qtbot, gui_window):
    gui_window.log_tab.refund_requested.emit(
        {"receipt": "NLJ7RT61SV", "amount": 2500, "phone": "254708374149"}
    )
    assert gui_window.tabs.currentWidget() is gui_window.refund_tab
    values = gui_window.refund_tab.form.values()
    assert values["transaction_id"] == "NLJ7RT61SV"
    assert values["amount"] == "2500"


def test_balance_table_fills_when_the_result_lands(qtbot, gui_window, gui_services):
    tab = gui_window.balance_tab
    assert tab.table.rowCount() == 0
    assert tab.form.send_button.isEnabled(), tab.form.check()
    qtbot.mouseClick(tab.form.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.rowCount() > 0, timeout=10_000)
    accounts = [tab.table.item(row, 0).text() for row in range(tab.table.rowCount())]
    assert "Working Account" in accounts or "Utility Account" in accounts
    assert tab.as_of.text().startswith("Balances as of")
    assert tab.table.item(0, 3).text().replace(",", "").replace(".", "").isdigit()


def test_stk_push_follows_the_customer_and_check_now_asks(qtbot, gui_window, gui_services):
    tab = gui_window.stk_tab
    type_into(qtbot, tab, {"phone_number": "0708374149", "amount": "250",
                           "account_reference": "INV-2041"})
    qtbot.mouseClick(tab.form.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.query_button.isEnabled(), timeout=10_000)
    wait_status(qtbot, tab, "completed")
    qtbot.mouseClick(tab.query_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.query_result.text().startswith("M-Pesa says"), timeout=10_000)


def test_status_check_and_c2b_register_complete(qtbot, gui_window, gui_services):
    status = gui_window.status_tab
    type_into(qtbot, status, {"transaction_id": "NLJ7RT61SV"})
    status.form.send_button.click()
    qtbot.waitUntil(lambda: status.outcome.status in ("accepted", "completed", "failed"),
                    timeout=10_000)

    register = gui_window.c2b_tab.register
    assert register.form.send_button.isEnabled(), register.form.check()
    register.form.send_button.click()
    wait_status(qtbot, register, "completed")


def test_a_status_check_shows_what_m_pesa_reports(qtbot, gui_window, gui_services):
    payout = gui_window.b2c_tab
    send_confirmed(qtbot, payout)
    wait_status(qtbot, payout, "completed")
    receipt = gui_services.ledger.get(payout.outcome.reference).receipt
    status = gui_window.status_tab
    type_into(qtbot, status, {"transaction_id": receipt})
    status.form.send_button.click()
    wait_status(qtbot, status, "completed")
    assert (
        "M-Pesa reports this transaction Completed, KES 1,500, from 600000 - "
        in status.outcome.summary.text()
    )
    assert f"receipt {receipt}." in status.outcome.summary.text()


def test_daraja_refusal_is_explained_with_details_folded(qtbot, gui_window, gui_services):
    gui_services.simulator.set_fault("spike_arrest", 1)
    tab = gui_window.b2c_tab
    send_confirmed(qtbot, tab)
    qtbot.waitUntil(lambda: not tab.form.busy, timeout=10_000)
    assert tab.outcome.summary.text().startswith("M-Pesa refused the request")
    assert "Nothing was paid" in tab.outcome.summary.text()
    assert "500.003.02" not in tab.outcome.summary.text()
    assert "500.003.02" in tab.outcome.details.toPlainText()
    assert not tab.outcome.details.isVisible()
    assert tab.outcome.status == "rejected"
    assert gui_window.connection_label.text().startswith("● Connected")


def test_lost_answer_is_outcome_unknown_and_the_form_is_emptied(qtbot, gui_window, gui_services):
    gui_services.simulator.set_fault("drop", 1)
    tab = gui_window.b2c_tab
    send_confirmed(qtbot, tab)
    qtbot.waitUntil(lambda: not tab.form.busy, timeout=30_000)
    assert tab.outcome.summary.text().startswith("Outcome unknown")
    assert "Do not send it again" in tab.outcome.summary.text()
    assert tab.outcome.status == "unknown"
    assert "amount" not in tab.form.values() and "party_b" not in tab.form.values()
    assert not tab.form.send_button.isEnabled()


def test_a_cap_of_the_profile_refuses_before_anything_is_sent(qtbot, gui_window, gui_services):
    config = gui_services.config
    config.update(config.get("offline").updated(per_payment_cap=1000))
    config.save()
    gui_window.switch_profile("offline")
    qtbot.waitUntil(lambda: not gui_window.switching, timeout=10_000)
    assert gui_services.profile.per_payment_cap == 1000
    tab = gui_window.b2c_tab
    send_confirmed(qtbot, tab)
    qtbot.waitUntil(lambda: not tab.form.busy, timeout=10_000)
    assert tab.outcome.summary.text().startswith("Not sent")
    assert "KES 1,000 per payment" in tab.outcome.summary.text()
    assert simulator_count(gui_services) == 0
