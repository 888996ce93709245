"""The Reconcile tab in the real window (issue 15, point 4): a statement from the simulator's
books, one payment removed and one altered, shows each category with its count and its rows; the
report is saved; Pull Transactions reconciles the payments received; the shortcode registers."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta

from mpesa_desktop.kenya import EAT
from mpesa_desktop.reconcile.report import Category
from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.tabs.reconcile_tab import eat_qt
from tests import ui_support
from tests.reconcile_support import book_rows, write_statement

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window


def _paid(qtbot, window, services, operation, fields):
    sent = []
    window.bridge.run(services.submit(operation, fields), on_result=sent.append)
    qtbot.waitUntil(lambda: bool(sent), timeout=10_000)
    reference = sent[0].reference
    qtbot.waitUntil(lambda: services.ledger.get(reference).status in ("completed", "failed"),
                    timeout=15_000)
    return services.ledger.get(reference)


def _category_texts(tab):
    return [tab.categories.item(i).text() for i in range(tab.categories.count())]


def test_a_statement_shows_each_category_with_its_rows(qtbot, gui_window, gui_services,
                                                       tmp_path):
    paid = [_paid(qtbot, gui_window, gui_services, "b2c",
                  {"party_b": phone, "amount": amount, "remarks": "Wages"})
            for phone, amount in (("0708374149", 1500), ("0712000001", 2300),
                                  ("0712000002", 470))]
    # the middle one removed: the statement's span (first to last completion) holds it
    removed, altered = paid[1], paid[2]
    rows = [item for item in book_rows(gui_services) if item["receipt"] != removed.receipt]
    for item in rows:
        if item["receipt"] == altered.receipt and "Charge" not in item["details"]:
            item["withdrawn"] = "-570.00"
    statement = write_statement(tmp_path / "statement.csv", rows)

    tab = gui_window.reconcile_tab
    gui_window.tabs.setCurrentWidget(tab)
    tab.path.setText(str(statement))
    with qtbot.waitSignal(tab.rows_shown, timeout=15_000) as shown:
        tab.run_button.click()
    assert shown.args == [Category.LOG_ONLY]  # the most serious category is chosen first
    assert _category_texts(tab) == [
        "In the log only: 1", "Amount differs: 1", "Party differs: 0", "Status differs: 0",
        "In M-Pesa only: 0", "Settled from M-Pesa's record: 0", "Matched: 1"]
    assert tab.status.text() == "2 to look at."
    i18n.set_language(i18n.SWAHILI)  # switched live: the result shown speaks it too
    try:
        assert tab.status.text() == "2 za kuangalia."
        assert _category_texts(tab)[1] == "Kiasi kinatofautiana: 1"
    finally:
        i18n.set_language(i18n.ENGLISH)
    assert tab.status.text() == "2 to look at."
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 0).text() == removed.receipt
    assert tab.table.item(0, 9).text() == removed.reference
    assert tab.table.item(0, 4).text() == "2,300"

    with qtbot.waitSignal(tab.rows_shown, timeout=10_000):
        tab.categories.setCurrentRow(1)
    assert (tab.table.item(0, 0).text(), tab.table.item(0, 3).text()) == (altered.receipt,
                                                                          "570.00")
    assert "log 470 KES, M-Pesa 570.00 KES" in tab.table.item(0, 5).text()
    gui_window.resize(1200, 760)
    gui_window.grab().save(str(tmp_path / "reconcile.png"))

    report = tmp_path / "report.csv"
    tab.save_report(report)
    qtbot.waitUntil(lambda: tab.status.text().startswith("Wrote 3 rows"), timeout=10_000)
    with report.open(newline="") as file:
        assert [line["category"] for line in csv.DictReader(file)] == [
            "log_only", "amount_mismatch", "matched"]


def test_pull_reconciles_the_payments_received_and_the_shortcode_registers(
        qtbot, gui_window, gui_services):
    tab = gui_window.reconcile_tab
    gui_window.tabs.setCurrentWidget(tab)
    register = tab.register
    register.form.send_button.click()
    qtbot.waitUntil(lambda: register.outcome.status == "completed", timeout=10_000)

    _paid(qtbot, gui_window, gui_services, "c2b_register", {})
    _paid(qtbot, gui_window, gui_services, "c2b_simulate",
          {"amount": 640, "msisdn": "0708374149", "bill_ref_number": "ACC1"})
    qtbot.waitUntil(lambda: any(row.operation == "c2b_payment"
                                for row in gui_services.ledger.query(None)), timeout=15_000)
    tab.from_pull.setChecked(True)
    now = datetime.now(EAT)
    tab.start.setDateTime(eat_qt(now - timedelta(hours=1)))
    tab.end.setDateTime(eat_qt(now + timedelta(minutes=2)))
    with qtbot.waitSignal(tab.finished, timeout=15_000) as done:
        tab.run_button.click()
    assert done.args[0].source == "Pull Transactions"
    assert "Matched: 1" in _category_texts(tab)
    assert tab.status.text() == "Everything matches."


def test_reconcile_without_a_file_says_so(qtbot, gui_window):
    tab = gui_window.reconcile_tab
    tab.run_button.click()
    assert tab.status.text() == "Choose the statement file first."
