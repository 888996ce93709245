"""Results arriving by themselves, seen in the real main window: the log row repaints as each
change lands, a notice says what happened (phone masked), and Check status settles a payout
whose callback was lost (offline simulator -> relay -> poller -> ledger -> GUI)."""

from __future__ import annotations

import re

from mpesa_desktop.ui.log_model import Column
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window


def _pay(qtbot, window, services, phone, amount):
    """Send a B2C through the services (the form's own path is tested elsewhere)."""
    sent = []
    fields = {"party_b": phone, "amount": amount, "remarks": "Refund of deposit"}
    window.bridge.run(services.submit("b2c", fields), on_result=sent.append)
    qtbot.waitUntil(lambda: bool(sent), timeout=10_000)
    return sent[0]


def _status_on_screen(tab, reference):
    row = tab.model.row_of(reference)
    return None if row is None else tab.model.index(row, Column.STATUS).data()


def test_completed_payout_repaints_and_gives_a_masked_notice(qtbot, gui_window, gui_services):
    tab = gui_window.log_tab
    gui_window.tabs.setCurrentWidget(tab)
    row = _pay(qtbot, gui_window, gui_services, "0708374149", 1500)
    qtbot.waitUntil(lambda: _status_on_screen(tab, row.reference) == "Completed", timeout=10_000)
    done = gui_services.ledger.get(row.reference)
    expected = f"KES 1,500 to 2547•••149 completed, receipt {done.receipt}"
    qtbot.waitUntil(lambda: expected in gui_window.notices.texts(), timeout=5_000)
    assert all("254708374149" not in text for text in gui_window.notices.texts())
    assert tab.model.index(tab.model.row_of(row.reference), Column.RECEIPT).data() == done.receipt


def test_check_status_settles_a_payout_whose_callback_was_lost(qtbot, gui_window, gui_services):
    tab = gui_window.log_tab
    gui_window.tabs.setCurrentWidget(tab)
    row = _pay(qtbot, gui_window, gui_services, "254711000404", 2500)  # callback lost
    qtbot.waitUntil(lambda: _status_on_screen(tab, row.reference) == "Accepted", timeout=10_000)
    tab.table.selectRow(tab.model.row_of(row.reference))
    qtbot.waitUntil(lambda: tab.detail.transaction is not None
                    and tab.detail.transaction.reference == row.reference)
    assert tab.row_actions.check_button.isEnabled()
    tab.row_actions.check_button.click()
    qtbot.waitUntil(lambda: _status_on_screen(tab, row.reference) == "Completed", timeout=15_000)
    settled = gui_services.ledger.get(row.reference)
    assert re.fullmatch(r"[A-Z0-9]{10}", settled.receipt)
    # The detail pane follows the row: its history ends with the poller's change.
    qtbot.waitUntil(lambda: tab.detail.status.text() == "Completed", timeout=5_000)
    events = gui_services.ledger.events(row.reference)
    qtbot.waitUntil(lambda: tab.detail.history.topLevelItemCount() == len(events), timeout=5_000)
    assert "Completed" in tab.detail.history.topLevelItem(len(events) - 1).text(1)
