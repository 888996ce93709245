"""The log's orders (time and amount, both ways, page by page) and its totals split by
direction and outcome, each checked against a plain reading of every row."""

from __future__ import annotations

import sqlite3

import pytest

from mpesa_desktop.catalogue import PAYOUTS
from mpesa_desktop.ledger import Filters, Ledger, queries
from mpesa_desktop.ledger.records import SELECT_TRANSACTION, Transaction
from mpesa_desktop.services import directions
from tests.fixtures.ledger import BACKENDS, demo_log
from tests.raw_sql import run_sql

MONEY_IN = {"c2b_payment", "stk_push"}
MONEY_OUT = {"b2c", "b2pochi", "b2b", "tax_remittance", "reversal"}
CHECKS = {"account_balance", "transaction_status", "stk_query", "c2b_register", "c2b_simulate",
          "dynamic_qr", "pull_register", "pull_query"}
PAYMENTS = tuple(sorted(MONEY_IN | MONEY_OUT))


@pytest.fixture(scope="module", params=BACKENDS)
def ledger(request, tmp_path_factory):
    """More rows than RARE_SORT_ROWS (so common filters walk the amount index), with checks
    (no amount), equal amounts, and payments still in flight; on each backend."""
    folder = tmp_path_factory.mktemp("order")
    location = folder / "log.sqlite3"
    if request.param == "postgresql":
        location = request.getfixturevalue("postgres_server").new_database()
    demo_log(location, queries.RARE_SORT_ROWS + 1_500, 3, folder)
    with Ledger(location) as log:
        for n in range(6):
            row = log.create("b2c", amount=150_001, party_a="600000", party_b=f"2547083741{n:02d}")
            if n % 2:
                log.transition(row.reference, "accepted", source="ack")
        log.create("c2b_simulate", amount=5, party_a="254708374149", party_b="600000")
        yield log


def every_row(ledger: Ledger) -> list:
    return [*map(Transaction.from_row, run_sql(ledger.location, SELECT_TRANSACTION))]


def read_all(ledger: Ledger, filters: Filters, page: int) -> list:
    rows, after = [], None
    while batch := ledger.query(filters, after=after, limit=page):
        rows += batch
        after = batch[-1]
    return rows


def by_amount(rows, descending: bool) -> list[str]:
    """Largest (or smallest) amount first, ties by id the same way; rows without an amount
    last, by id."""
    sign = -1 if descending else 1
    with_amount = sorted((row for row in rows if row.amount is not None),
                         key=lambda row: (sign * row.amount, sign * row.id))
    without = sorted((row for row in rows if row.amount is None), key=lambda row: sign * row.id)
    return [row.reference for row in with_amount + without]


def test_directions_are_derived_from_the_declarations():
    assert directions.MONEY_IN == MONEY_IN
    assert directions.MONEY_OUT == MONEY_OUT == PAYOUTS
    assert directions.HOUSEKEEPING == CHECKS
    assert set(directions.LOGGED_OPERATIONS) == MONEY_IN | MONEY_OUT | CHECKS


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("filters", [
    {},  # every row: the checks without an amount come last
    {"operation": PAYMENTS},  # common: walks the amount index
    {"status": "rejected"},  # rare: found through the status index, then sorted
    {"operation": "account_balance"},  # no amount at all
])
def test_amount_order_pages_through_every_row_once(ledger, filters, descending):
    everything = every_row(ledger)
    matching = {row.reference for row in ledger.query(Filters(**filters), limit=10_000)}
    expected = by_amount([row for row in everything if row.reference in matching], descending)
    assert expected
    found = read_all(ledger, Filters(sort="amount", descending=descending, **filters), page=97)
    assert [row.reference for row in found] == expected


@pytest.mark.parametrize("ledger", ["sqlite"], indirect=True)  # PostgreSQL takes no hints
def test_common_filters_sorted_by_amount_walk_the_amount_index(ledger):
    with sqlite3.connect(ledger.path) as conn:
        for filters, index in ((Filters(operation=PAYMENTS, sort="amount"), True),
                               (Filters(status="rejected", sort="amount"), False)):
            sql, params = queries.page_query(conn, SELECT_TRANSACTION, filters, None, 100)
            plan = " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
            assert ("INDEX transactions_amount" in plan) == index, (filters, plan)


def test_oldest_first_pages_through_every_row_once(ledger):
    expected = sorted(every_row(ledger), key=lambda row: (row.created_at, row.id))
    found = read_all(ledger, Filters(descending=False), page=500)
    assert [row.reference for row in found] == [row.reference for row in expected]


def test_an_unknown_order_names_the_rule():
    with pytest.raises(ValueError, match="sort must be one of time, amount"):
        Filters(sort="name")


@pytest.mark.parametrize("filters", [{}, {"operation": PAYMENTS}, {"status": "failed"},
                                     {"operation": "b2c"}, {"operation": tuple(CHECKS)}])
def test_totals_split_money_in_out_pending_and_failed(ledger, filters):
    matching = ledger.query(Filters(**filters), limit=10_000)

    def part(operations, statuses):
        rows = [row for row in matching if row.operation in operations
                and row.status in statuses]
        return queries.Sum(len(rows), sum(row.amount or 0 for row in rows))

    payments = MONEY_IN | MONEY_OUT
    expected = queries.Totals(
        rows=len(matching),
        money_in=part(MONEY_IN, {"completed"}),
        money_out=part(MONEY_OUT, {"completed"}),
        pending=part(payments, {"sending", "accepted", "timed_out", "unknown"}),
        failed=part(payments, {"failed", "rejected"}),
    )
    assert ledger.totals(Filters(**filters), MONEY_IN, MONEY_OUT) == expected
    assert ledger.summary(Filters(**filters))[0] == expected.rows


def test_totals_see_payments_in_flight(ledger):
    totals = ledger.totals(Filters(operation="b2c", amount_min=150_001, amount_max=150_001),
                           MONEY_IN, MONEY_OUT)
    assert totals.pending == queries.Sum(6, 6 * 150_001)
    assert totals.money_in == totals.failed == queries.Sum()
