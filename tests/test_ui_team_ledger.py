"""The window on a team ledger (issue 12): a banner while the ledger's server is down, gone by
itself when it is back; and another desk's change shown in this desk's log."""

from __future__ import annotations

import pytest

from mpesa_desktop.config import ConfigStore
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from mpesa_desktop.ui.main_window import MainWindow
from tests import ui_support
from tests.ui_support import close_window, open_services

gui_loop = ui_support.gui_loop

WAIT_MS = 40_000  # a beat every 5 s, and a connection attempt that gives up after 5 s


def on_team_ledger(url: str) -> None:
    store = ConfigStore(app_paths())
    store.update(store.get("offline").updated(ledger=url))


@pytest.mark.slow
def test_a_banner_shows_while_the_team_ledger_is_down_and_goes_when_it_is_back(
        gui_loop, qtbot, own_postgres):
    on_team_ledger(own_postgres.new_database())
    services = open_services()
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.ledger_banner.isHidden()
        own_postgres.stop()
        qtbot.waitUntil(window.ledger_banner.isVisible, timeout=WAIT_MS)
        assert "Nothing is sent until it is back" in window.ledger_banner.text()
        own_postgres.start()
        qtbot.waitUntil(window.ledger_banner.isHidden, timeout=WAIT_MS)
    finally:
        close_window(qtbot, window)
        services.close()


def test_another_desks_payout_appears_in_this_desks_log(gui_loop, qtbot, postgres_url):
    on_team_ledger(postgres_url)
    services = open_services()
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    try:
        log_tab = window.tab_for("log")
        with Ledger(postgres_url, operator="desk-b") as other_desk:
            row = other_desk.create("b2c", amount=4321, party_b="254708374149")
            qtbot.waitUntil(lambda: log_tab.model.rowCount() >= 1
                            and log_tab.model.row_of(row.reference) is not None, timeout=10_000)
    finally:
        close_window(qtbot, window)
        services.close()
