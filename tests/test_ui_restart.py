"""A new user's day on a fresh machine: a payout from the window, the app quit before its result
came, the app opened again on the same home. Nothing stays stuck and no error notice shows: the
offline simulator kept its books, its journal and the callback it still owed (issue 11)."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.ledger import Filters
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.poller import PollerConfig
from mpesa_desktop.simulator import SimulatorConfig
from mpesa_desktop.ui.main_window import MainWindow
from tests import ui_support
from tests.ui_support import FAST_POLLER, close_window, open_services, type_into, wait_confirm

gui_loop = ui_support.gui_loop

# Quit long before the simulator's customer "answers": the result is still owed at the restart.
OWED = SimulatorConfig(callback_delay=600)


def open_window(qtbot: Any, services: AppServices) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.bridge.run(services.start_poller())
    qtbot.waitUntil(lambda: window.pending_count is not None)
    return window


def pay_and_quit(qtbot: Any, phone: str) -> str:
    """Open the app, pay ``phone`` KES 1,500 from *Pay a customer*, quit as soon as Daraja
    accepted it; the payout's reference."""
    services = AppServices.open(app_paths(), simulator_config=OWED, poller_config=FAST_POLLER)
    window = open_window(qtbot, services)
    tab = window.b2c_tab
    type_into(qtbot, tab, {"party_b": phone, "amount": "1500", "remarks": "Refund of deposit"})
    tab.form.send_button.click()
    wait_confirm(qtbot, tab).confirm_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status == "accepted", timeout=10_000)
    reference = tab.outcome.reference
    assert reference is not None
    close_window(qtbot, window)
    services.close()
    return reference


def error_notices(window: MainWindow) -> list[str]:
    return [text for text in window.notices.texts() if "failed" in text or "unknown" in text]


def test_a_payout_owed_at_the_quit_is_completed_by_its_callback_after_the_restart(
        qtbot, gui_loop, app_home):
    reference = pay_and_quit(qtbot, "0708374149")

    services = open_services()  # the next start: the owed callback goes to the new relay
    try:
        window = open_window(qtbot, services)
        qtbot.waitUntil(lambda: services.ledger.get(reference).status == "completed",
                        timeout=10_000)
        row = services.ledger.get(reference)
        expected = f"KES 1,500 to 2547•••149 completed, receipt {row.receipt}"
        qtbot.waitUntil(lambda: expected in window.notices.texts(), timeout=5_000)
        qtbot.waitUntil(lambda: window.pending_count == 0, timeout=5_000)
        assert [e.source for e in services.ledger.events(reference)][-1] == "callback"
        assert error_notices(window) == []
        assert [r.operation for r in services.ledger.query()] == ["b2c"]  # no status queries
        close_window(qtbot, window)
    finally:
        services.close()


def test_a_payout_whose_callback_is_lost_is_settled_by_a_status_check_after_the_restart(
        qtbot, gui_loop, app_home):
    """254711000404 loses its callback: only Transaction Status can tell, and the restarted
    simulator answers it from its journal. The notices name the payment, never a reference."""
    reference = pay_and_quit(qtbot, "0711000404")

    asks_at_once = PollerConfig(min_interval=0.05, max_interval=0.2, pending_every=0.2,
                                status_query_after=0)
    services = AppServices.open(app_paths(), simulator_config=SimulatorConfig(
        callback_delay=0.05), poller_config=asks_at_once)
    try:
        window = open_window(qtbot, services)
        qtbot.waitUntil(lambda: services.ledger.get(reference).status == "completed",
                        timeout=10_000)
        payout = services.ledger.get(reference)
        checks = services.ledger.query(Filters(operation="transaction_status"))
        assert len(checks) == 1 and checks[0].status == "completed"
        assert checks[0].account_reference == payout.originator_conversation_id
        expected = [f"Status check of KES 1,500 to 2547•••404 completed, receipt {payout.receipt}",
                    f"KES 1,500 to 2547•••404 completed, receipt {payout.receipt}"]
        qtbot.waitUntil(lambda: all(text in window.notices.texts() for text in expected),
                        timeout=5_000)
        assert error_notices(window) == []
        assert all(reference not in text for text in window.notices.texts())
        qtbot.wait(500)  # several poller rounds: the settled payout is asked about no more
        assert len(services.ledger.query(Filters(operation="transaction_status"))) == 1
        close_window(qtbot, window)
    finally:
        services.close()
