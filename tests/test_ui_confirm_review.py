"""The confirmation shows what the log knows (issue 11, points 1, 2 and 7), in the real window on
the offline simulator: the payment a refund reverses, a refund larger than it or a second refund
refused, a receipt not in the log warned of, a recent identical payout needing a deliberate
extra tick, and every value shown literally."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from mpesa_desktop.cli import main
from tests import ui_support
from tests.ui_support import simulator_count, type_into, wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

RECEIPT = "QKA1B2C3D4"


def _paid_in(services, amount: int = 50) -> None:
    services.ledger.record_incoming(receipt=RECEIPT, amount=amount, phone="0712345678",
                                    counterparty="JANE WANJIKU", party_a="254712345678",
                                    party_b="600000")


def _facts(dialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def _refund(qtbot, window, amount: str) -> None:
    tab = window.refund_tab
    type_into(qtbot, tab, {"transaction_id": RECEIPT, "amount": amount,
                           "remarks": "Double charge"})
    tab.form.send_button.click()


def test_a_refund_shows_the_original_payment(qtbot, gui_window, gui_services):
    _paid_in(gui_services)
    _refund(qtbot, gui_window, "50")
    dialog = wait_confirm(qtbot, gui_window.refund_tab)
    shown = _facts(dialog)
    assert "JANE WANJIKU" in shown and "254712345678" in shown
    assert "Original amount:" in shown and "KES 50" in shown and "Paid on:" in shown
    dialog.reject()


def test_a_refund_larger_than_the_payment_is_refused_before_any_confirmation(
        qtbot, gui_window, gui_services):
    _paid_in(gui_services)
    tab = gui_window.refund_tab
    _refund(qtbot, gui_window, "5000")
    qtbot.waitUntil(lambda: "more than the original" in tab.outcome.summary.text())
    assert "KES 50" in tab.outcome.summary.text()
    assert tab.confirm_dialog is None and not tab.form.busy
    assert simulator_count(gui_services) == 0


def test_a_payment_refunded_already_is_not_refunded_twice(qtbot, gui_window, gui_services):
    _paid_in(gui_services)
    ledger = gui_services.ledger
    done = ledger.create("reversal", amount=50, party_a="600000", account_reference=RECEIPT)
    ledger.transition(done.reference, "accepted", source="ack")
    ledger.transition(done.reference, "completed", source="callback")
    tab = gui_window.refund_tab
    _refund(qtbot, gui_window, "50")
    qtbot.waitUntil(lambda: "already refunded" in tab.outcome.summary.text())
    assert simulator_count(gui_services) == 0


def test_a_receipt_not_in_the_log_is_allowed_with_a_plain_warning(qtbot, gui_window):
    _refund(qtbot, gui_window, "300")
    dialog = wait_confirm(qtbot, gui_window.refund_tab)
    assert f"Receipt {RECEIPT} is not in this log" in _facts(dialog)
    assert dialog.confirm_button.isEnabled()
    dialog.reject()


def test_the_same_payee_paid_the_same_again_needs_a_deliberate_extra_tick(
        qtbot, gui_window, gui_services):
    tab = gui_window.b2c_tab
    payment = {"party_b": "0708374149", "amount": "1500", "remarks": "<b>Salary</b> Nov"}
    type_into(qtbot, tab, payment)
    tab.form.send_button.click()
    first = wait_confirm(qtbot, tab)
    assert not first.repeat_box.isVisibleTo(first)
    qtbot.mouseClick(first.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.last_transaction is not None)
    reference = tab.last_transaction.reference
    qtbot.waitUntil(lambda: gui_services.ledger.get(reference).status == "completed",
                    timeout=15_000)

    type_into(qtbot, tab, payment)
    tab.form.send_button.click()
    again = wait_confirm(qtbot, tab)
    assert "The same payee was paid KES 1,500" in _facts(again)
    assert again.repeat_box.isVisibleTo(again)
    assert not again.confirm_button.isEnabled()
    # The remarks are shown exactly as typed, never rendered.
    remarks = [label for label in again.findChildren(QLabel) if "<b>" in label.text()]
    assert remarks and all(label.textFormat() == Qt.TextFormat.PlainText for label in remarks)
    again.repeat_box.click()
    assert again.confirm_button.isEnabled()
    qtbot.mouseClick(again.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: simulator_count(gui_services) == 2, timeout=15_000)


def test_a_payment_completed_while_the_confirmation_was_open_is_not_repeated_unasked(
        qtbot, gui_window, gui_services):
    """The review found no twin, but an identical payment completed (another window, another
    clerk) before Confirm: the submit pipeline refuses it, and the next confirmation asks."""
    tab = gui_window.b2c_tab
    payment = {"party_b": "0708374149", "amount": "1500", "remarks": "Salary Nov"}
    type_into(qtbot, tab, payment)
    tab.form.send_button.click()
    first = wait_confirm(qtbot, tab)
    assert not first.repeat_box.isVisibleTo(first)
    ledger = gui_services.ledger
    other = ledger.create("b2c", amount=1500, party_a="600000", party_b="254708374149")
    ledger.transition(other.reference, "accepted", source="ack")
    ledger.transition(other.reference, "completed", source="callback", receipt="SLK4H7RT2B")
    qtbot.mouseClick(first.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "SLK4H7RT2B" in tab.outcome.summary.text())
    assert "this is a second payment" in tab.outcome.summary.text()
    assert simulator_count(gui_services) == 0

    type_into(qtbot, tab, payment)
    tab.form.send_button.click()
    again = wait_confirm(qtbot, tab)
    assert again.repeat_box.isVisibleTo(again)
    again.repeat_box.click()
    qtbot.mouseClick(again.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: simulator_count(gui_services) == 1, timeout=15_000)


def test_the_command_line_refuses_a_refund_larger_than_the_payment(capsys, app_home):
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.paths import app_paths

    with Ledger(app_paths().ensure().ledger_file("offline")) as ledger:
        ledger.record_incoming(receipt=RECEIPT, amount=50, phone="0712345678")
    code = main(["reversal", "--receipt", RECEIPT, "--amount", "5000", "--remarks", "Refund",
                 "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--amount" in err and "more than the original payment of KES 50" in err
