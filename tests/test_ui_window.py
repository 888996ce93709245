"""The main window as a whole: start-up on a fresh install, the mode banner per profile kind,
switching profile without a restart, the production guard, and the crash dialog."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.paths import app_paths
from mpesa_desktop.ui.app import CrashHook, run_gui
from mpesa_desktop.ui.banner import ModeBanner
from mpesa_desktop.ui.main_window import MainWindow
from mpesa_desktop.ui.profile_wizard import ProductionConfirmDialog
from mpesa_desktop.ui.tabs.operation_tab import LIVE_MONEY_OFF
from tests import ui_support
from tests.ui_support import open_services, type_into, wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

LIVE_SETTINGS = {
    "base_url": "https://api.safaricom.co.ke",
    "shortcode": "600000",
    "initiator": "apiop",
    "result_url": "https://example.com/mpesa-result",
    "queue_timeout_url": "https://example.com/mpesa-timeout",
}


def add_profile(name: str, kind: str, store: ConfigStore | None = None,
                **settings: object) -> None:
    """Add a profile to ``store`` (the open services' config) or to the home's config file."""
    store = store or ConfigStore(app_paths())
    store.add(new_profile(name, kind, **settings))
    store.save()


@pytest.mark.parametrize(
    ("kind", "text", "colour"),
    [
        ("offline", "OFFLINE SIMULATOR - no real money", "#5f6368"),
        ("sandbox", "SANDBOX", "#e67700"),
        ("custom", "SANDBOX", "#e67700"),
        ("production", "LIVE - real money", "#c62828"),
    ],
)
def test_banner_text_and_colour_per_profile_kind(qtbot, kind, text, colour):
    banner = ModeBanner()
    qtbot.addWidget(banner)
    banner.show_profile(kind, "shop")
    assert banner.text().startswith(text)
    assert "shop" in banner.text()
    assert f"background: {colour}" in banner.styleSheet()


def run_gui_and_look(app_home, profile: str | None, look: Callable[[MainWindow], None]) -> int:
    """Run the app as ``mpesa-desktop`` does; once its window shows and its background work
    (the offline servers, then the poller: after the first paint) runs, ``look(window)`` and
    close it. Returns run_gui's exit code."""
    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible() and w.services.poller_running]
        if not windows:
            QTimer.singleShot(20, look_and_close)
            return
        look(windows[0])
        windows[0].close()

    QTimer.singleShot(0, look_and_close)
    return run_gui(argparse.Namespace(home=str(app_home), profile=profile))


def test_fresh_install_opens_on_the_offline_simulator(qtbot, app_home):
    seen: dict[str, object] = {}

    def look(window: MainWindow) -> None:
        seen["banner"] = window.banner.text()
        seen["simulator"] = window.services.simulator is not None
        seen["connection"] = window.connection_label.text()
        seen["tabs"] = [window.tabs.tabText(i) for i in range(window.tabs.count())]

    assert run_gui_and_look(app_home, None, look) == 0
    assert str(seen["banner"]).startswith("OFFLINE SIMULATOR - no real money")
    assert seen["simulator"] is True
    assert str(seen["connection"]).startswith("○ offline simulator at http://127.0.0.1:")
    assert seen["tabs"] == [
        "Pay a customer", "Pay a Pochi", "Pay a business", "Request a payment", "QR code",
        "Refund", "Balance", "Transaction status", "C2B URLs", "Transaction log", "Approvals",
        "Today", "Bulk payments", "Reconcile",
    ]


def test_a_profile_that_cannot_open_falls_back_to_the_offline_simulator(qtbot, app_home):
    seen: dict[str, object] = {}

    def look(window: MainWindow) -> None:
        seen["profile"] = window.services.profile.name
        seen["boxes"] = [box.text() for box in window.findChildren(QMessageBox)
                         if box.isVisible()]

    assert run_gui_and_look(app_home, "nosuch", look) == 0
    assert seen["profile"] == "offline"
    assert seen["boxes"] == ["The profile's settings need attention"]


def test_offline_window_shows_banner_connection_and_pending(gui_window, gui_services):
    assert gui_window.banner.text().startswith("OFFLINE SIMULATOR")
    assert gui_services.simulator.url in gui_window.connection_label.text()
    assert gui_window.pending_label.text() == "No pending transactions"


def test_switching_profile_changes_banner_defaults_and_log_without_restart(
    qtbot, gui_window, gui_services
):
    add_profile("trial", "sandbox", gui_services.config)
    gui_window.switch_profile("trial")
    assert not gui_window.tabs.isEnabled(), "nothing can be sent while the profile opens"
    qtbot.waitUntil(lambda: not gui_window.switching, timeout=10_000)
    assert gui_window.tabs.isEnabled()
    assert gui_window.banner.kind == "sandbox"
    assert gui_window.banner.text().startswith("SANDBOX")
    assert gui_services.profile.name == "trial"
    assert "sandbox.safaricom.co.ke" in gui_window.connection_label.text()
    assert gui_window.b2c_tab.form.environment == "sandbox"
    assert gui_window.b2c_tab.form.values()["party_a"] == gui_services.defaults("b2c")["party_a"]
    assert not gui_window.c2b_tab.simulate.isHidden()


def test_opening_a_live_profile_asks_first_and_money_stays_off(qtbot, gui_window, gui_services):
    add_profile("live", "production", gui_services.config, **LIVE_SETTINGS)
    gui_window.ask_switch_profile("live")
    dialog = gui_window.findChild(ProductionConfirmDialog, "confirmLiveProfile")
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    assert gui_services.profile.name == "offline", "nothing switches before the clerk agrees"
    qtbot.keyClicks(dialog.typed, "live")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gui_window.banner.kind == "production", timeout=10_000)
    assert gui_window.banner.text().startswith("LIVE - real money")

    for tab in (gui_window.b2c_tab, gui_window.b2b_tab, gui_window.stk_tab,
                gui_window.refund_tab):
        assert tab.form.notice.text() == LIVE_MONEY_OFF
        assert not tab.form.send_button.isEnabled()
    type_into(qtbot, gui_window.b2c_tab, {"party_b": "0708374149", "amount": "100",
                                          "remarks": "Test"})
    assert gui_window.b2c_tab.form.check() == {}
    assert not gui_window.b2c_tab.form.send()
    assert gui_window.c2b_tab.simulate.isHidden(), "no simulated payments in production"
    assert not gui_window.balance_tab.form.notice.isVisible()


def test_live_payment_above_the_threshold_needs_the_amount_typed_again(qtbot, gui_loop):
    add_profile("live", "production", **LIVE_SETTINGS, money_enabled=True, retype_above=1000)
    services = open_services("live")
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.pending_count is not None)
        tab = window.b2c_tab
        type_into(qtbot, tab, {"party_b": "0708374149", "amount": "5,000",
                               "remarks": "Supplier refund"})
        tab.form.send_button.click()
        dialog = wait_confirm(qtbot, tab)
        assert dialog.retype and dialog.retype_edit.isVisibleTo(dialog)
        assert not dialog.confirm_button.isEnabled()
        qtbot.keyClicks(dialog.retype_edit, "500")
        assert not dialog.confirm_button.isEnabled()
        qtbot.keyClicks(dialog.retype_edit, "0")
        assert dialog.confirm_button.isEnabled()
        assert dialog.confirmed_amount == 5000
        dialog.reject()
        assert not tab.form.busy
        ui_support.close_window(qtbot, window)
    finally:
        services.close()


def test_crash_hook_shows_a_dialog_with_the_details_folded(qtbot, capsys):
    hook = CrashHook()
    try:
        raise KeyError("boom")
    except KeyError:
        hook(*sys.exc_info())
    assert len(hook.boxes) == 1
    box = hook.boxes[0]
    assert box.isVisible()
    assert "did not expect" in box.text()
    assert "KeyError" in box.detailedText()
    assert "KeyError" not in box.text() + box.informativeText()
    assert "KeyError" in capsys.readouterr().err
    box.close()


def test_profile_menu_opens_the_profile_dialogs(qtbot, gui_window):
    gui_window._fill_profile_menu()
    texts = [action.text() for action in gui_window.profile_menu.actions()]
    assert "Settings of this profile…" in texts
    assert "Set up the Safaricom sandbox…" in texts
    switch = gui_window.profile_menu.actions()[0].menu()
    assert switch.actions()[0].text().startswith("offline")
    for dialog in (gui_window.open_settings("offline"), gui_window.open_sandbox_setup()):
        assert dialog.isVisible()
        dialog.reject()


def test_ctrl_and_a_number_jumps_to_that_tab(qtbot, gui_window):
    gui_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is gui_window)
    qtbot.keyClick(gui_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert gui_window.tabs.currentWidget() is gui_window.stk_tab
    qtbot.keyClick(gui_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert gui_window.tabs.currentWidget() is gui_window.pochi_tab
    # The tenth tab is Ctrl+0; each tab's tip names its key.
    qtbot.keyClick(gui_window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert gui_window.tabs.currentWidget() is gui_window.log_tab
    assert gui_window.tabs.tabToolTip(9) == "Ctrl+0"


def test_switching_profile_forgets_what_was_typed_and_sent(qtbot, gui_window, gui_services):
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, {"party_b": "0708374149", "amount": "1500", "remarks": "Training"})
    tab.outcome.show_sending("Paying KES 1,500")
    add_profile("trial", "sandbox", gui_services.config)
    gui_window.switch_profile("trial")
    qtbot.waitUntil(lambda: not gui_window.switching, timeout=10_000)
    assert "party_b" not in tab.form.values() and "amount" not in tab.form.values()
    assert tab.outcome.summary.text() == "Nothing sent yet."
    assert tab.outcome.reference is None
