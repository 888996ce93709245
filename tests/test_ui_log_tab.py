"""The Transaction log tab on real services: filters, totals, actions, responsiveness."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Filters
from mpesa_desktop.services.directions import MONEY_IN, MONEY_OUT
from mpesa_desktop.ui.log_filters import search_filters
from mpesa_desktop.ui.log_model import Column
from mpesa_desktop.ui.log_views import totals_text
from mpesa_desktop.ui.tabs.log_tab import LogTab
from tests import ui_support
from tests.ui_log_support import assert_never_stalls, open_services, read_rows

gui_loop = ui_support.gui_loop


@pytest.fixture
def services(app_home):
    with open_services(app_home, rows=3_000) as opened:
        yield opened


@pytest.fixture
def tab(gui_loop, qtbot, services):
    widget = LogTab(services)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    _settle(qtbot, widget)
    return widget


def _settle(qtbot, tab, *, check=True):
    """Wait until the page and the count of the bar's filters are on screen (and, with
    ``check``, that the count and total are the ledger's)."""
    qtbot.waitUntil(lambda: tab.model.filters == tab.current_filters(), timeout=5000)
    qtbot.waitUntil(lambda: not tab.model.loading and tab.summary.text() != "Counting…",
                    timeout=5000)
    if check:
        assert tab.summary.text() == _summary_text(tab)


def _summary_text(tab):
    totals = tab._services.ledger.totals(tab.model.filters, MONEY_IN, MONEY_OUT)
    return totals_text(totals, tab.filter_bar.view())


PAYMENTS = Filters(operation=("c2b_payment", "stk_push", "b2c", "b2b", "tax_remittance",
                              "reversal"))


def _payments(services, **filters):
    """How many payments (money in or out) the ledger holds for ``filters``."""
    return services.ledger.summary(Filters(operation=PAYMENTS.operation, **filters))[0]


def _rows(qtbot, tab):
    return read_rows(qtbot, tab.model)


def _select(qtbot, tab, row):
    tab.table.selectRow(row)
    qtbot.waitUntil(lambda: tab.detail.transaction is not None, timeout=2000)


def test_search_box_tells_phone_receipt_and_text_apart():
    assert search_filters("0708 374 149") == {"phone": "0708374149"}
    assert search_filters("+254708374149") == {"phone": "+254708374149"}
    assert search_filters("qkj3abc123") == {"receipt": "QKJ3ABC123"}
    # ten letters, or ten digits, read as words and numbers: searched as text (receipts included)
    assert search_filters("settlement") == {"text": "settlement"}
    assert search_filters("1234567890") == {"text": "1234567890"}
    assert search_filters("Salary") == {"text": "Salary"}
    assert search_filters("  ") == {}
    assert search_filters("Ka") == {}  # too short to search: nothing filters yet


def test_a_too_short_search_says_so_and_shows_every_payment(qtbot, tab, services):
    tab.filter_bar.search.setText("Ka")
    tab.apply_filters()
    assert "type at least 3 characters to search" in tab.search_hint.text()
    assert tab.current_filters().text is None
    payments = _payments(services)
    qtbot.waitUntil(lambda: tab.summary.text().startswith(f"{payments:,} payments ·"),
                    timeout=5000)


def test_opens_on_the_payments_with_their_totals(qtbot, tab, services):
    every = services.ledger.query(Filters(), limit=3_000)
    payments = [row for row in every if row.operation in PAYMENTS.operation]
    assert len(every) == 3_000 and 0 < len(payments) < 3_000  # the demo log has checks too
    assert tab.summary.text().startswith(f"{len(payments):,} payments · in KES ")
    qtbot.waitUntil(lambda: tab.model.counted, timeout=5000)
    assert tab.model.rowCount() == len(payments)  # the scroll bar is the whole log
    assert {tab.model.transaction(row).operation for row in range(200)} <= set(
        PAYMENTS.operation)  # the first page, read with the count


def test_filters_change_the_rows_and_the_count(qtbot, tab, services):
    tab.filter_bar.status.setCurrentIndex(tab.filter_bar.status.findData("rejected"))
    _settle(qtbot, tab)
    assert _rows(qtbot, tab) and {row.status for row in _rows(qtbot, tab)} == {"rejected"}
    rejected = _payments(services, status="rejected")
    assert tab.summary.text().startswith(f"{rejected:,} payments")

    tab.filter_bar.status.setCurrentIndex(0)
    tab.filter_bar.operation.setCurrentIndex(tab.filter_bar.operation.findData("b2c"))
    _settle(qtbot, tab)
    phone = _rows(qtbot, tab)[0].phone
    tab.filter_bar.search.setText(phone[3:])  # typed the local way, 7xx...
    _settle(qtbot, tab)
    assert {row.phone for row in _rows(qtbot, tab)} == {phone}
    assert {row.operation for row in _rows(qtbot, tab)} == {"b2c"}
    assert "phone" in tab.search_hint.text()

    paid = services.ledger.query(Filters(operation="b2c", status="completed"), limit=1)[0]
    receipt = paid.receipt
    tab.filter_bar.operation.setCurrentIndex(0)
    tab.filter_bar.search.setText(receipt.lower())
    _settle(qtbot, tab)
    assert [row.receipt for row in _rows(qtbot, tab)] == [receipt]
    assert tab.summary.text().startswith("1 payment ·")

    tab.clear_filters()
    _settle(qtbot, tab)
    assert tab.summary.text().startswith(f"{_payments(services):,} payments")


def test_date_range_filters_whole_days(qtbot, tab, services):
    # The newest payment's day (the newest row's day may hold only checks just after midnight).
    newest = services.ledger.query(PAYMENTS, limit=1)[0]
    day = newest.created_at.astimezone(EAT)
    tab.filter_bar.date_from.setDate(day.date())
    tab.filter_bar.date_to.setDate(day.date())
    _settle(qtbot, tab)
    expected = _payments(services, date_from=day.date(), date_to=day.date())
    assert 0 < expected < 3_000
    assert tab.summary.text().startswith(f"{expected:,} payment")


def test_ctrl_f_focuses_the_search_box(qtbot, tab):
    tab.table.setFocus()
    tab.activateWindow()
    qtbot.waitUntil(lambda: tab.table.hasFocus(), timeout=2000)
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.filter_bar.search.hasFocus()


def test_detail_pane_shows_the_history(qtbot, tab, services):
    _select(qtbot, tab, 3)
    reference = tab.detail.transaction.reference
    events = services.ledger.events(reference)
    qtbot.waitUntil(lambda: tab.detail.history.topLevelItemCount() == len(events), timeout=3000)
    assert tab.detail.history.topLevelItem(0).text(2) == events[0].source
    assert tab.detail.raw.isHidden()
    tab.detail.raw_toggle.click()
    assert tab.detail.raw.isVisible()


def test_refund_this_and_copy_receipt(qtbot, tab, services):
    tab.filter_bar.operation.setCurrentIndex(tab.filter_bar.operation.findData("stk_push"))
    tab.filter_bar.status.setCurrentIndex(tab.filter_bar.status.findData("completed"))
    _settle(qtbot, tab)
    _select(qtbot, tab, 0)
    row = tab.detail.transaction
    assert tab.row_actions.refund_button.isEnabled()
    with qtbot.waitSignal(tab.refund_requested, timeout=1000) as fired:
        tab.row_actions.refund_button.click()
    assert fired.args == [{"receipt": row.receipt, "amount": row.amount, "phone": row.phone}]
    tab.row_actions.copy_button.click()
    assert QGuiApplication.clipboard().text() == row.receipt

    tab.filter_bar.operation.setCurrentIndex(tab.filter_bar.operation.findData("b2c"))
    _settle(qtbot, tab)
    _select(qtbot, tab, 0)
    # a payout is not a customer payment to reverse
    assert not tab.row_actions.refund_button.isEnabled()


def test_check_status_sends_a_transaction_status_request(qtbot, tab, services):
    tab.filter_bar.operation.setCurrentIndex(tab.filter_bar.operation.findData("b2c"))
    tab.filter_bar.status.setCurrentIndex(tab.filter_bar.status.findData("completed"))
    _settle(qtbot, tab)
    _select(qtbot, tab, 0)
    receipt = tab.detail.transaction.receipt
    tab.row_actions.check_button.click()
    qtbot.waitUntil(lambda: tab.message.text().startswith("Status check sent"), timeout=10000)
    checks = services.ledger.query(Filters(operation="transaction_status"), limit=1)
    assert checks and checks[0].created_at > tab.detail.transaction.created_at
    assert checks[0].request_body["TransactionID"] == receipt


def test_a_new_payment_appears_and_repaints(qtbot, tab, services):
    payments = _payments(services)
    row = services.ledger.create("b2c", amount=1500, party_a="600000", party_b="254708374149")
    qtbot.waitUntil(lambda: tab.model.row_of(row.reference) == 0, timeout=5000)
    assert tab.model.index(0, Column.STATUS).data() == "Sending"
    with qtbot.waitSignal(tab.model.dataChanged, timeout=5000):
        services.ledger.transition(row.reference, "accepted", source="ack")
    assert tab.model.index(0, Column.STATUS).data() == "Accepted"
    qtbot.waitUntil(lambda: tab.summary.text().startswith(f"{payments + 1:,} payments"),
                    timeout=5000)


def test_gui_thread_never_stalls_while_filtering(gui_loop, qtbot, app_home):
    with open_services(app_home, rows=50_000) as services:
        tab = LogTab(services)
        qtbot.addWidget(tab)
        tab.resize(1300, 760)
        tab.show()
        _settle(qtbot, tab, check=False)

        def filter_in_every_way() -> None:
            for text in ("Salary", "254712", "zzz-nothing", "refund", ""):
                tab.filter_bar.search.setText(text)
                tab.apply_filters()
                _settle(qtbot, tab, check=False)  # the ledger is read in the worker only
            for index in range(1, tab.filter_bar.status.count()):
                tab.filter_bar.status.setCurrentIndex(index)
                tab.apply_filters()
                _settle(qtbot, tab, check=False)
            tab.filter_bar.status.setCurrentIndex(0)

        heartbeat = assert_never_stalls(filter_in_every_way)
        assert heartbeat.ticks > 20
