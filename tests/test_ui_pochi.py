"""Issue 10, point 8: paying a Pochi la Biashara wallet from its own tab, confirmed with the
amount in words before anything is sent; bad input is refused field by field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests import ui_support
from tests.ui_support import simulator_count, type_into, wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window


def test_the_pochi_tab_is_in_the_window_with_the_profile_sender(gui_window, gui_services):
    tab = gui_window.pochi_tab
    assert gui_window.tab_handling("b2pochi") is tab
    index = gui_window.tabs.indexOf(tab)
    assert gui_window.tabs.tabText(index) == "Pay a Pochi"
    values = tab.form.values()
    defaults = gui_services.defaults("b2pochi")
    assert values["party_a"] == defaults["party_a"] == gui_services.profile.b2c_shortcode
    assert values["initiator"] == defaults["initiator"]


def test_a_bad_phone_or_less_than_ten_shillings_is_refused_and_nothing_sent(
        qtbot, gui_window, gui_services):
    tab = gui_window.pochi_tab
    gui_window.tabs.setCurrentWidget(tab)
    type_into(qtbot, tab, {"party_b": "0612 345 678", "amount": "9", "remarks": "Stock"})
    for name in ("party_b", "amount"):
        tab.form.rows[name].touched = True
    tab.form.refresh()
    phone = tab.form.rows["party_b"].message.text()
    amount = tab.form.rows["amount"].message.text()
    assert phone.startswith("Pochi phone number") and "Kenyan mobile number" in phone
    assert amount.startswith("Amount") and "10 to 250,000 shillings" in amount
    assert not tab.form.send_button.isEnabled()

    qtbot.keyClick(tab.form.rows["amount"].editor, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert not tab.form.send()
    assert tab.confirm_dialog is None
    assert simulator_count(gui_services) == 0
    assert gui_services.ledger.summary()[0] == 0

    # Ten shillings to a Safaricom number is a payment the form lets through to the confirmation.
    type_into(qtbot, tab, {"party_b": "0708 374 149", "amount": "10"})
    assert tab.form.send_button.isEnabled()


def test_cancelling_the_confirmation_sends_nothing(qtbot, gui_window, gui_services):
    tab = gui_window.pochi_tab
    gui_window.tabs.setCurrentWidget(tab)
    type_into(qtbot, tab, {"party_b": "0708374149", "amount": "2750", "remarks": "Stock"})
    tab.form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "KES 2,750" in texts
    assert "Two thousand seven hundred fifty shillings" in texts
    assert "Pochi la Biashara of 254708374149" in texts
    dialog.reject()
    qtbot.waitUntil(lambda: tab.confirm_dialog is None)
    assert tab.form.status.text() == "Cancelled; nothing was sent."
    assert simulator_count(gui_services) == 0
    assert gui_services.ledger.summary()[0] == 0


# Needs the simulator's B2Pochi handler (/mpesa/b2pochi/v1/paymentrequest, branch `sim`):
# until that is merged the simulator refuses the path and this test fails.
def test_a_pochi_payment_is_confirmed_then_paid_on_the_offline_profile(
        qtbot, gui_window, gui_services):
    tab = gui_window.pochi_tab
    gui_window.tabs.setCurrentWidget(tab)
    type_into(qtbot, tab, {"party_b": "0708 374 149", "amount": "2750",
                           "remarks": "Stock from the market", "occasion": "Order 2041"})
    tab.form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    assert dialog.findChild(QLabel, "confirmWords").text() == (
        "Two thousand seven hundred fifty shillings")
    assert simulator_count(gui_services) == 0  # nothing leaves before the clerk confirms
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status in ("completed", "failed", "rejected"),
                    timeout=15_000)
    assert tab.outcome.status == "completed", tab.outcome.summary.text()

    row = gui_services.ledger.get(tab.outcome.reference)
    assert (row.operation, row.amount, row.phone, row.remarks) == (
        "b2pochi", 2750, "254708374149", "Stock from the market")
    assert row.receipt
    [payout] = gui_services.simulator.transactions()
    assert (payout["operation"], payout["command_id"]) == ("b2pochi", "BusinessPayToPochi")
    # The money fields are emptied so Enter cannot pay twice.
    assert "party_b" not in tab.form.values() and "amount" not in tab.form.values()
