"""Issue 13 in the window: on a log with users it asks who is signing in before showing any tab,
says who is signed in, locks on File > Lock; an approver approves a payout from the Approvals tab,
seeing the maker's own confirmation and name, and it is paid once.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel

from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from mpesa_desktop.team import policy, users
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.main_window import MainWindow
from mpesa_desktop.ui.sign_in import SignInDialog
from tests import ui_support
from tests.services_support import executed

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services

PASSWORDS = {"ann": "ann-secret-1", "ben": "ben-secret-2", "cat": "cat-secret-3"}


def make_team() -> None:
    """ann (admin), ben (operator), cat (approver); every payout needs an approver."""
    with Ledger(app_paths().ensure().ledger_file("offline"), profile="offline") as ledger:
        users.add_user(ledger, "ann", "admin", PASSWORDS["ann"])
        users.sign_in(ledger, "ann", PASSWORDS["ann"])
        users.add_user(ledger, "ben", "operator", PASSWORDS["ben"])
        users.add_user(ledger, "cat", "approver", PASSWORDS["cat"])
        policy.set_policy(ledger, 0, None)


@pytest.fixture
def team_window(qtbot, app_home, gui_loop):
    """The window on the offline profile of a log with a team, shown (asking who signs in),
    with the poller running; closed after the test."""
    make_team()
    services = ui_support.open_services()
    window = MainWindow(services)
    window.show()
    window.bridge.run(services.start_poller())
    yield window
    ui_support.close_window(qtbot, window)
    services.close()


def choose(qtbot, tab, *lines: int) -> None:
    """Select the queue's ``lines`` (all when none) as a clerk would, once the queue read
    after signing in is shown (choosing again if a reading replaced the rows)."""
    def chosen() -> bool:
        if not tab.selected():
            if lines:
                for line in lines:
                    tab.table.selectRow(line)
            else:
                tab.table.selectAll()
        return tab.approve_button.isEnabled()
    qtbot.waitUntil(chosen)


def sign_in(qtbot, window: MainWindow, name: str, password: str) -> SignInDialog:
    qtbot.waitUntil(lambda: window.session.dialog is not None)
    dialog = window.session.dialog
    assert dialog is not None and not window.tabs.isVisible()
    dialog.name.setText(name)
    dialog.password.setText(password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog


def test_sign_in_lock_and_approve_from_the_approvals_tab(qtbot, team_window):
    window = team_window
    services = window.services
    qtbot.waitUntil(lambda: window.pending_count is not None)
    # A wrong password is said in the dialog, which stays open; nothing is shown.
    dialog = sign_in(qtbot, window, "ben", "not-it-at-all")
    qtbot.waitUntil(lambda: "wrong user name or password" in dialog.message.text())
    assert window.session.dialog is dialog and not window.tabs.isVisible()
    dialog.password.setText(PASSWORDS["ben"])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(window.tabs.isVisible)
    assert window.user_label.text() == "Signed in as ben (operator)"

    # ben's payout waits for approval: nothing is sent.
    held = []
    window.bridge.run(services.submit("b2c", {
        "amount": 2500, "party_b": "0708374149", "remarks": "Invoice 88"}), held.append)
    qtbot.waitUntil(lambda: bool(held))
    assert held[0].status == "awaiting_approval"
    assert executed(services, "b2c") == []

    # File > Lock: locked; cat signs in and approves it.
    window.lock_action.trigger()
    sign_in(qtbot, window, "cat", PASSWORDS["cat"])
    qtbot.waitUntil(lambda: window.user_label.text() == "Signed in as cat (approver)")
    tab = window.tab_for("approvals")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert tab.table.item(0, 1).text() == "ben"
    choose(qtbot, tab, 0)
    tab.approve_button.click()
    confirm = tab.dialog
    assert isinstance(confirm, ConfirmDialog)
    shown = [label.text() for label in confirm.findChildren(QLabel)]
    assert "KES 2,500" in shown and "Invoice 88" in shown and "ben" in shown
    assert "254708374149" in shown
    confirm.accept()
    qtbot.waitUntil(lambda: "approved and sent" in tab.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0)
    assert [t["amount"] for t in executed(services, "b2c")] == [2500]
    # Its result comes back through the relay (the callback URL is the desk's own again,
    # with the relay's secret path the log never kept).
    qtbot.waitUntil(lambda: services.ledger.get(held[0].reference).status == "completed",
                    timeout=15_000)


def test_a_decline_from_the_approvals_tab(qtbot, team_window):
    window = team_window
    services = window.services
    sign_in(qtbot, window, "ben", PASSWORDS["ben"])
    qtbot.waitUntil(window.tabs.isVisible)
    held = []
    window.bridge.run(services.submit("b2c", {
        "amount": 700, "party_b": "0708374149", "remarks": "Duplicate bill"}), held.append)
    qtbot.waitUntil(lambda: bool(held))
    tab = window.tab_for("approvals")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    tab.table.selectRow(0)
    assert not tab.approve_button.isEnabled()  # ben, an operator, approves nothing
    assert not tab.decline_button.isEnabled()
    window.lock_action.trigger()
    sign_in(qtbot, window, "cat", PASSWORDS["cat"])
    qtbot.waitUntil(window.tabs.isVisible)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    choose(qtbot, tab, 0)
    tab.decline_button.click()
    reason = tab.decline_dialog
    assert isinstance(reason, QInputDialog)
    reason.setTextValue("the bill was paid last week")
    reason.accept()
    qtbot.waitUntil(lambda: "declined" in tab.status.text())
    assert services.ledger.get(held[0].reference).status == "declined"
    assert executed(services, "b2c") == []


def test_the_window_locks_itself_when_left_idle(qtbot, team_window):
    window = team_window
    services = window.services
    sign_in(qtbot, window, "ben", PASSWORDS["ben"])
    qtbot.waitUntil(window.tabs.isVisible)
    assert window.session.idle.isActive()
    window.session.idle.setInterval(200)  # ten minutes, shortened for the test
    window.session.idle.start()
    qtbot.waitUntil(lambda: window.session.dialog is not None, timeout=3000)
    assert not window.tabs.isVisible() and window.user_label.text() == ""
    qtbot.waitUntil(lambda: services.user is None)  # signed out: nothing runs as ben
    assert window.session.dialog.name.text() == "ben"


def test_a_bulk_files_payouts_are_approved_together(qtbot, team_window):
    window = team_window
    services = window.services
    sign_in(qtbot, window, "ben", PASSWORDS["ben"])
    qtbot.waitUntil(window.tabs.isVisible)
    held = []
    for phone, amount in (("0708374149", 1000), ("0708374150", 2000)):
        window.bridge.run(services.submit("b2c", {
            "amount": amount, "party_b": phone, "remarks": "Casuals week 48"}), held.append)
    qtbot.waitUntil(lambda: len(held) == 2)
    window.lock_action.trigger()
    sign_in(qtbot, window, "cat", PASSWORDS["cat"])
    qtbot.waitUntil(window.tabs.isVisible)
    tab = window.tab_for("approvals")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2)
    tab.filter.setText("casuals")
    choose(qtbot, tab)
    tab.approve_button.click()
    shown = [label.text() for label in tab.dialog.findChildren(QLabel)]
    assert "Approve 2 payouts" in shown and "KES 3,000" in shown and "ben" in shown
    tab.dialog.accept()
    qtbot.waitUntil(lambda: tab.status.text().count("approved and sent") == 2, timeout=10_000)
    assert sorted(t["amount"] for t in executed(services, "b2c")) == [1000, 2000]


def test_on_a_team_ledger_the_window_connects_as_whoever_signs_in(qtbot, app_home, gui_loop,
                                                                 postgres_url):
    from mpesa_desktop.config import ConfigStore
    from mpesa_desktop.ledger.ledger_url import with_login
    from mpesa_desktop.team.logins import session_login

    store = ConfigStore(app_paths().ensure())
    store.update(store.get("offline").updated(ledger=postgres_url))
    with Ledger(postgres_url, profile="offline") as owner:
        users.add_user(owner, "ann", "admin", PASSWORDS["ann"])
    with Ledger(with_login(postgres_url, "ann"), profile="offline") as ann:
        users.sign_in(ann, "ann", PASSWORDS["ann"])
        users.add_user(ann, "ben", "operator", PASSWORDS["ben"])
        users.add_user(ann, "cat", "approver", PASSWORDS["cat"])
        policy.set_policy(ann, 0, None)
    services = ui_support.open_services()
    window = MainWindow(services)
    window.show()
    try:
        sign_in(qtbot, window, "ben", PASSWORDS["ben"])
        qtbot.waitUntil(lambda: window.user_label.text() == "Signed in as ben (operator)")
        assert session_login(services.ledger) == "ben"
        held = []
        window.bridge.run(services.submit("b2c", {
            "amount": 900, "party_b": "0708374149", "remarks": "Team desk"}), held.append)
        qtbot.waitUntil(lambda: bool(held))
        assert held[0].status == "awaiting_approval" and held[0].operator == "ben"
        window.lock_action.trigger()
        sign_in(qtbot, window, "cat", PASSWORDS["cat"])
        qtbot.waitUntil(lambda: window.user_label.text() == "Signed in as cat (approver)")
        assert session_login(services.ledger) == "cat"
        approved = []
        window.bridge.run(services.approve(held[0].reference), approved.append)
        qtbot.waitUntil(lambda: bool(approved), timeout=10_000)
        assert approved[0].status == "accepted"
        assert [t["amount"] for t in executed(services, "b2c")] == [900]
    finally:
        ui_support.close_window(qtbot, window)
        services.close()
