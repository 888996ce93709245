"""Pull Transactions (issue 15, point 2): declared in the catalogue, sent by the client through
the services, answered by the simulator from its books, read as statement rows; a
reconciliation from it covers money in only."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Filters
from mpesa_desktop.reconcile import pulled
from mpesa_desktop.reconcile.pulled import pull_statement, reconcile_pull, statement_rows
from mpesa_desktop.reconcile.report import Category
from mpesa_desktop.reconcile.statement import StatementError
from tests import services_support
from tests.reconcile_support import stage

services = services_support.services
run = services_support.run


def received(services, *amounts):
    """Customer payments (C2B simulate) of ``amounts``, logged from their confirmations; and a
    payout, which Pull Transactions never lists."""
    async def scenario():
        await services.submit("c2b_register", {})
        for amount in amounts:
            await services.submit("c2b_simulate", {"amount": amount, "msisdn": "0708374149",
                                                   "bill_ref_number": "ACC1"})
        payout = await services.submit("b2c", {"amount": 300, "party_b": "0708374149",
                                                "remarks": "Wages"})
        await services.wait_final(payout.reference, 10)
        for _ in range(200):
            if len(services.ledger.query(Filters(operation="c2b_payment"))) == len(amounts):
                break
            await asyncio.sleep(0.05)

    run(services, scenario())


def window():
    now = datetime.now(EAT)
    return now - timedelta(hours=1), now + timedelta(minutes=1)


def test_register_and_query_go_through_the_services_and_are_logged(services):
    received(services, 640, 1200)
    start, end = window()

    async def scenario():
        registered = await services.submit("pull_register", {})
        queried = await services.submit("pull_query", {"start_date": start, "end_date": end})
        return registered, queried

    registered, queried = run(services, scenario())
    assert (registered.status, queried.status) == ("completed", "completed")
    assert registered.result_desc == "Shortcode Registered Successfully"
    assert queried.result_code == "1000"  # Pull's success, not an error
    body = queried.request_body
    assert body["StartDate"] == start.strftime("%Y-%m-%d %H:%M:%S")
    assert (body["ShortCode"], body["OffSetValue"]) == ("600000", "0")
    answer = services.ledger.events(queried.reference)[-2].payload
    rows = list(statement_rows(answer))
    books = {t["receipt"]: t for t in services.simulator.transactions()
             if t["operation"] == "c2b_simulate"}
    assert {row.receipt for row in rows} == set(books)
    assert sorted(row.paid_in for row in rows) == [64_000, 120_000]
    assert all(row.withdrawn == 0 and row.other_party == "254708374149" for row in rows)


def test_pages_are_fetched_until_a_short_one(services, monkeypatch):
    received(services, 10, 20, 30)
    monkeypatch.setattr(pulled, "PAGE", 2)
    monkeypatch.setattr("mpesa_desktop.simulator.pull.PAGE", 2)
    rows = run(services, pull_statement(services, *window()))
    assert sorted(row.paid_in for row in rows) == [1000, 2000, 3000]
    assert [row.line for row in rows] == [1, 2, 3]
    queries = services.ledger.query(Filters(operation="pull_query"))
    assert sorted(row.request_body["OffSetValue"] for row in queries) == ["0", "2"]


def test_a_pull_reconciliation_covers_money_in_only(services):
    received(services, 640, 1200)
    [lost] = [t for t in services.simulator.transactions() if t["amount"] == 1200]
    # a payment the log never heard of: its confirmation was lost (row removed from the log)
    stage(services.ledger, "DELETE FROM events WHERE transaction_id = "
          "(SELECT id FROM transactions WHERE receipt = ?)", lost["receipt"])
    stage(services.ledger, "DELETE FROM transactions WHERE receipt = ?", lost["receipt"])
    result = run(services, reconcile_pull(services, *window()))
    with result:
        counts = result.counts
        [only] = list(result.rows(Category.MPESA_ONLY))
    assert counts[Category.MATCHED] == 1
    assert counts[Category.LOG_ONLY] == 0  # the payout is not Pull's to list
    assert (only.receipt, only.paid_in) == (lost["receipt"], 120_000)


def test_pull_covers_stk_pushes_only_when_they_pay_the_same_shortcode(services):
    profile = services.profile
    assert profile.stk_shortcode != profile.shortcode  # offline: 174379 and 600000
    assert pulled.covered(profile) == {"c2b_payment"}
    assert pulled.covered(profile, profile.stk_shortcode) == {"c2b_payment", "stk_push"}


@pytest.mark.parametrize(("item", "message"), [
    ({"transactionId": "BAD", "trxDate": "2026-11-28T10:00:00+03:00", "amount": "5"},
     "row 1, transactionId: must be a 10-character"),
    ({"transactionId": "SKL1A2B3C4", "trxDate": "yesterday", "amount": "5"},
     "row 1, trxDate: must be an ISO time"),
    ({"transactionId": "SKL1A2B3C4", "trxDate": "2026-11-28T10:00:00", "amount": "five"},
     "row 1, amount:"),
])
def test_an_answer_row_that_cannot_be_read_is_named(item, message):
    with pytest.raises(StatementError, match=message):
        list(statement_rows({"Response": [[item]]}))


def test_a_naive_pull_time_is_east_africa_time():
    [row] = statement_rows({"Response": [[{"transactionId": "SKL1A2B3C4",
                                           "trxDate": "2026-11-28T10:00:00", "amount": 5,
                                           "msisdn": 254708374149}]]})
    assert row.completed_at == datetime(2026, 11, 28, 10, tzinfo=EAT)
    assert (row.paid_in, row.other_party) == (500, "254708374149")
