"""The log as a clerk meets it in the real window (issue 11): payments first, checks a choice
away, totals split by direction and outcome, sortable headers, date presets in Kenyan time, an
empty result that says why, and the key columns whole at 1024 px."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from mpesa_desktop import kenya
from mpesa_desktop.ledger import Filters
from mpesa_desktop.ledger.queries import Sum, Totals
from mpesa_desktop.ui.log_model import Column
from mpesa_desktop.ui.log_views import (
    EVERYTHING,
    PAYMENTS_VIEW,
    VIEW_OF,
    empty_text,
    period_range,
    totals_text,
)
from mpesa_desktop.ui.main_window import MainWindow
from tests import ui_support
from tests.ui_log_support import open_services, read_rows

gui_loop = ui_support.gui_loop

KENYA = timezone(timedelta(hours=3))
MONEY_IN = {"c2b_payment", "stk_push"}
MONEY_OUT = {"b2c", "b2b", "tax_remittance", "reversal"}
CHECKS = {"account_balance", "transaction_status", "stk_query", "c2b_register", "c2b_simulate"}


@pytest.fixture
def services(app_home):
    with open_services(app_home, rows=600, seed=2026) as opened:
        yield opened


@pytest.fixture
def window(gui_loop, qtbot, services):
    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.resize(1240, 860)
    shown.show()
    shown.tabs.setCurrentWidget(shown.log_tab)
    settle(qtbot, shown.log_tab)
    yield shown
    ui_support.close_window(qtbot, shown)


def settle(qtbot, log):
    qtbot.waitUntil(lambda: log.model.filters == log.current_filters(), timeout=5000)
    qtbot.waitUntil(lambda: not log.model.loading and log.model.counted
                    and log.summary.text() != "Counting…", timeout=5000)


def shown_rows(qtbot, log):
    return read_rows(qtbot, log.model)


def every_row(services):
    return services.ledger.query(Filters(), limit=100_000)


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def kes(amount):
    return f"KES {amount:,}"


# -- what is shown, and its totals ---------------------------------------------------------------

def test_log_opens_on_payments_and_checks_are_a_choice_away(qtbot, window, services):
    log = window.log_tab
    assert log.filter_bar.operation.currentText() == "Payments"
    everything = every_row(services)
    payments = [row for row in everything if row.operation in MONEY_IN | MONEY_OUT]
    checks = [row for row in everything if row.operation in CHECKS]
    assert payments and checks and len(payments) + len(checks) == len(everything)
    assert {row.operation for row in shown_rows(qtbot, log)} <= MONEY_IN | MONEY_OUT
    assert log.summary.text().startswith(f"{len(payments):,} payments · ")

    choose(log.filter_bar.operation, "checks")
    settle(qtbot, log)
    assert {row.operation for row in shown_rows(qtbot, log)} <= CHECKS
    assert log.summary.text() == f"{len(checks):,} rows"  # no money to add up

    choose(log.filter_bar.operation, "everything")
    settle(qtbot, log)
    assert log.summary.text().startswith(f"{len(everything):,} rows · in KES")
    assert log.model.rowCount() == len(everything)  # the scroll bar is the whole log


def test_totals_keep_money_in_out_pending_and_failed_apart(qtbot, window, services):
    log = window.log_tab
    services.ledger.create("b2c", amount=4_321, party_a="600000", party_b="254708374149")
    settle(qtbot, log)
    qtbot.waitUntil(lambda: "pending KES 4,321 (1)" in log.summary.text(), timeout=5000)
    payments = [row for row in every_row(services) if row.operation in MONEY_IN | MONEY_OUT]

    def part(operations, statuses):
        rows = [row for row in payments if row.operation in operations and row.status in statuses]
        return f"{kes(sum(row.amount for row in rows))} ({len(rows):,})"

    assert log.summary.text() == " · ".join((
        f"{len(payments):,} payments",
        f"in {part(MONEY_IN, {'completed'})}",
        f"out {part(MONEY_OUT, {'completed'})}",
        f"pending {part(MONEY_IN | MONEY_OUT, {'sending', 'accepted', 'timed_out', 'unknown'})}",
        f"failed {part(MONEY_IN | MONEY_OUT, {'failed', 'rejected'})}",
    ))
    total = sum(row.amount for row in payments)
    assert kes(total) not in log.summary.text()  # never the one meaningless sum

    choose(log.filter_bar.operation, "money_in")
    settle(qtbot, log)
    assert " · out " not in log.summary.text() and " · in KES " in log.summary.text()


def test_totals_words_for_each_view():
    totals = Totals(rows=3, money_in=Sum(1, 100), money_out=Sum(1, 2_500),
                    pending=Sum(0, 0), failed=Sum(1, 7))
    assert totals_text(totals, PAYMENTS_VIEW) == (
        "3 payments · in KES 100 (1) · out KES 2,500 (1) · pending KES 0 (0) · "
        "failed KES 7 (1)")
    assert totals_text(totals, VIEW_OF["money_out"]) == (
        "3 payments · out KES 2,500 (1) · pending KES 0 (0) · failed KES 7 (1)")
    assert totals_text(Totals(rows=1), VIEW_OF["checks"]) == "1 row"
    assert totals_text(Totals(rows=2), VIEW_OF["account_balance"]) == "2 rows"
    assert totals_text(Totals(rows=1), VIEW_OF["b2c"]).startswith("1 payment · out KES 0")


# -- order -----------------------------------------------------------------------------------

def click_header(qtbot, log, column):
    header = log.table.horizontalHeader()
    middle = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                    header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    settle(qtbot, log)


def test_headers_sort_by_amount_and_time_both_ways_over_the_whole_log(qtbot, window, services):
    log = window.log_tab
    header = log.table.horizontalHeader()

    payments = [row for row in every_row(services) if row.operation in MONEY_IN | MONEY_OUT]
    click_header(qtbot, log, Column.AMOUNT)  # largest first
    assert log.filter_bar.sort.currentText() == "Largest amount first"
    assert header.sortIndicatorSection() == Column.AMOUNT
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    largest = [(row.amount, row.id) for row in shown_rows(qtbot, log)]
    assert largest == sorted(((row.amount, row.id) for row in payments), reverse=True)

    click_header(qtbot, log, Column.AMOUNT)  # again: smallest first
    assert log.filter_bar.sort.currentText() == "Smallest amount first"
    assert log.model.transaction(0).amount == min(row.amount for row in payments)

    click_header(qtbot, log, Column.TIME)  # newest first
    keys = [(row.created_at, row.id) for row in shown_rows(qtbot, log)]
    assert keys == sorted(keys, reverse=True)
    click_header(qtbot, log, Column.TIME)  # oldest first
    assert [row.reference for row in shown_rows(qtbot, log)] == [
        row.reference for row in sorted(payments, key=lambda row: (row.created_at, row.id))]

    click_header(qtbot, log, Column.STATUS)  # not a column the log sorts by
    assert header.sortIndicatorSection() == Column.TIME
    assert log.filter_bar.sort.currentText() == "Oldest first"


def test_checks_have_no_amount_to_sort_by(qtbot, window):
    log = window.log_tab
    log.filter_bar.sort.setCurrentIndex(2)  # largest amount first
    settle(qtbot, log)
    choose(log.filter_bar.operation, "checks")
    settle(qtbot, log)
    assert log.filter_bar.sort.currentText() == "Newest first"
    assert not log.filter_bar.sort.model().item(2).isEnabled()
    click_header(qtbot, log, Column.AMOUNT)
    assert log.current_filters().sort == "time"


# -- dates -------------------------------------------------------------------------------------

def test_date_presets_are_whole_kenyan_days():
    assert kenya.today(datetime(2026, 12, 4, 22, 30, tzinfo=UTC)) == date(2026, 12, 5)
    assert kenya.today(datetime(2026, 12, 4, 20, 59, tzinfo=UTC)) == date(2026, 12, 4)
    friday = date(2026, 12, 4)
    assert period_range("today", friday) == (friday, friday)
    assert period_range("yesterday", friday) == (date(2026, 12, 3), date(2026, 12, 3))
    assert period_range("week", friday) == (date(2026, 11, 30), friday)  # from Monday
    assert period_range("week", date(2026, 11, 30)) == (date(2026, 11, 30), date(2026, 11, 30))
    assert period_range("month", friday) == (date(2026, 12, 1), friday)
    assert period_range("yesterday", date(2026, 1, 1)) == (date(2025, 12, 31),) * 2
    assert period_range("any", friday) == (None, None)


def test_date_presets_fill_from_and_to(qtbot, window, services):
    log, bar = window.log_tab, window.log_tab.filter_bar
    today = datetime.now(KENYA).date()
    for period, start in (("today", today), ("yesterday", today - timedelta(days=1)),
                          ("week", today - timedelta(days=today.weekday())),
                          ("month", today.replace(day=1))):
        choose(bar.period, period)
        settle(qtbot, log)
        end = start if period == "yesterday" else today
        assert (bar.date_from.date(), bar.date_to.date()) == (QDate(start), QDate(end))
        filters = log.current_filters()
        assert (filters.date_from, filters.date_to) == (start, end)
        assert all(start <= row.created_at.astimezone(KENYA).date() <= end
                   for row in shown_rows(qtbot, log))
    bar.date_from.setDate(QDate(2026, 11, 2))  # typed by hand: the preset gives way
    assert bar.period.currentData() == "dates"
    choose(bar.period, "any")
    settle(qtbot, log)
    assert log.current_filters().date_from is None and log.current_filters().date_to is None


# -- an empty result says why ----------------------------------------------------------------

def wait_note(qtbot, log):
    qtbot.waitUntil(lambda: log.table.empty_note.isVisible(), timeout=5000)
    return log.table.empty_note.text()


def test_from_after_to_says_so(qtbot, window):
    log = window.log_tab
    log.filter_bar.date_from.setDate(QDate(2026, 12, 5))
    log.filter_bar.date_to.setDate(QDate(2026, 12, 1))
    settle(qtbot, log)
    assert log.model.rowCount() == 0
    assert wait_note(qtbot, log) == "No payments match: From 2026-12-05 is after To 2026-12-01."


def test_hidden_checks_are_named_and_a_choice_away(qtbot, window, services):
    log = window.log_tab
    services.ledger.create("account_balance", party_a="600000", remarks="Month-end count")
    log.filter_bar.search.setText("Month-end")
    settle(qtbot, log)
    assert wait_note(qtbot, log) == (
        "No payments match; checks and set-up are hidden: choose Everything in Show.")
    choose(log.filter_bar.operation, "everything")
    settle(qtbot, log)
    assert [row.remarks for row in shown_rows(qtbot, log)] == ["Month-end count"]
    assert not log.table.empty_note.isVisible()


def test_filters_that_match_nothing_are_named(qtbot, window):
    log = window.log_tab
    choose(log.filter_bar.status, "timed_out,unknown")
    log.filter_bar.search.setText("zzz-nothing")
    settle(qtbot, log)
    assert wait_note(qtbot, log) == (
        "No payments match: status Needs attention, text zzz-nothing. "
        "Clear filters to see them all.")
    log.clear_button.click()
    settle(qtbot, log)
    assert log.model.rowCount() > 0 and not log.table.empty_note.isVisible()


def test_an_empty_log_says_so():
    assert empty_text(EVERYTHING, "", [], False, True) == (
        "The log is empty: what you send and receive appears here.")


# -- fits a small screen ------------------------------------------------------------------------

KEY_COLUMNS = (Column.TIME, Column.OPERATION, Column.STATUS, Column.AMOUNT, Column.WHO,
               Column.RECEIPT)


def test_key_columns_are_whole_at_1024_px(qtbot, window, services):
    log = window.log_tab
    wide = services.ledger.create("tax_remittance", amount=1_250_000, party_a="600000",
                                  party_b="572572")
    services.ledger.transition(wide.reference, "accepted", source="ack")
    services.ledger.transition(wide.reference, "completed", source="callback",
                               receipt="WMWG4DHN8Q")  # wide letters
    qtbot.waitUntil(lambda: log.model.row_of(wide.reference) == 0
                    and log.model.index(0, Column.RECEIPT).data() == "WMWG4DHN8Q", timeout=5000)
    header, metrics = log.table.horizontalHeader(), log.table.fontMetrics()
    # 1240 px wide: a name and a phone number fit in Who.
    assert metrics.horizontalAdvance("Wanjiku Mwangi · 254712345678") < header.sectionSize(
        Column.WHO)
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)
    qtbot.wait(50)
    table, header = log.table, log.table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    for column in KEY_COLUMNS:
        assert not table.isColumnHidden(column)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionViewportPosition(column) >= 0 and right <= table.viewport().width()
    metrics = table.fontMetrics()
    for row in range(log.model.rowCount()):
        for column in (Column.TIME, Column.OPERATION, Column.STATUS, Column.AMOUNT,
                       Column.RECEIPT):
            text = log.model.index(row, column).data()
            assert metrics.horizontalAdvance(text) < header.sectionSize(column), (row, text)


def test_on_a_small_screen_a_long_id_never_cuts_the_captions_of_the_detail(qtbot, window,
                                                                           services):
    window.resize(1024, 600)
    row = services.ledger.create("stk_push", amount=2450, party_a="254708374149",
                                 party_b="174379", phone="254708374149")
    push = services.ledger.transition(row.reference, "accepted", source="ack",
                                      checkout_request_id="ws_CO_051220260125401850143170")
    detail = window.log_tab.detail
    detail.show_transaction(push)
    qtbot.wait(50)
    value = detail._values["checkout_request_id"]
    assert value.isVisible() and value.toolTip() == push.checkout_request_id
    captions = [detail._form.labelForField(shown) for shown in detail._values.values()
                if shown.isVisible()]
    assert captions
    assert all(caption.width() >= caption.sizeHint().width() for caption in captions)
