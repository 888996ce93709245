"""Settling what is uncertain (issue 9, point 3), against the real simulator: pollers on one log
share each row's back-off (no process or restart asks early); a payout that never reached M-Pesa
is settled as failed after two "no such transaction" answers, far enough apart, and no sooner;
an unanswered question is closed; a person can then resolve what is left."""

from __future__ import annotations

import asyncio
import dataclasses
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from mpesa_desktop.ledger import Filters, Ledger, settling
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.poller import UNANSWERED, Poller, PollerConfig
from mpesa_desktop.services.status_answers import NEVER_REACHED, NOT_FOUND
from mpesa_desktop.simulator import SimulatorConfig
from tests.fixtures.simulator import wait_until
from tests.services_support import FAST, executed, run
from tests.settling_support import Clock, StatusAsker, status_queries

WAIT = 15.0


def never_sent(ledger: Ledger, amount: int = 1500) -> Any:
    """A B2C written ahead whose request never left (the connection failed first, or the
    process died): ``unknown``, with an OriginatorConversationID M-Pesa never saw."""
    row = ledger.create("b2c", amount=amount, party_a="600000", party_b="254708374149",
                        remarks="Refund")
    return ledger.transition(row.reference, "unknown", source="ack",
                             result_desc="The outcome is unknown (connection reset).")


def test_pollers_on_one_log_ask_about_a_stuck_row_once_per_interval(tmp_path, simulator,
                                                                     callback_sink):
    """Three processes' pollers (and a restart) on one log, at a frozen clock: the stuck row is
    asked about once, then once more per interval. The answers go nowhere (no relay), so the row
    stays stuck."""
    clock = Clock()
    config = PollerConfig(status_query_every=60, longest_query_interval=600)
    asker = StatusAsker(simulator.url, callback_sink.url("/result"))
    path = tmp_path / "log.sqlite3"
    ledgers = [Ledger(path, clock=clock) for _ in range(3)]
    never_sent(ledgers[0])

    async def rounds(pollers: list[Poller], count: int = 4) -> int:
        for _ in range(count):
            for poller in pollers:
                await poller.settle_pending()
        return status_queries(simulator)

    try:
        with ThreadPoolExecutor(max_workers=2) as executor:
            def poller(ledger: Ledger) -> Poller:
                return Poller(ledger=ledger, feed=None, executor=executor, stk_query=None,
                              status_query=asker, config=config, clock=clock)

            pollers = [poller(ledger) for ledger in ledgers]
            assert asyncio.run(rounds(pollers)) == 1
            clock.advance(59)
            assert asyncio.run(rounds(pollers)) == 1
            clock.advance(1)
            assert asyncio.run(rounds(pollers)) == 2
            ledgers.append(Ledger(path, clock=clock))  # a fresh process starts
            assert asyncio.run(rounds([*pollers, poller(ledgers[-1])])) == 2
            clock.advance(119)  # the wait doubled
            assert asyncio.run(rounds(pollers)) == 2
            clock.advance(1)
            assert asyncio.run(rounds(pollers)) == 3
        assert len(callback_sink.wait_for(3)) == 3  # the answers went where no poller reads
    finally:
        asker.close()
        for ledger in ledgers:
            ledger.close()


def open_offline(config: PollerConfig) -> AppServices:
    return AppServices.open(app_paths(), simulator_config=SimulatorConfig(callback_delay=0.05),
                            poller_config=config)


def test_a_payout_that_never_reached_mpesa_is_settled_failed_and_may_be_sent_again():
    services = open_offline(dataclasses.replace(FAST, never_reached_after=1.0))
    try:
        row = never_sent(services.ledger)
        final = run(services, services.wait_final(row.reference, WAIT))
        assert final.status == "failed"
        assert (final.result_code, final.result_desc) == (NOT_FOUND, NEVER_REACHED)
        assert "never reached M-Pesa" in final.result_desc
        last = services.ledger.events(row.reference)[-1]
        assert (last.old_status, last.new_status, last.source) == ("unknown", "failed", "poll")
        queries = services.ledger.query(Filters(operation="transaction_status"))
        assert len(queries) >= 2
        assert {(q.status, q.result_code) for q in queries} == {("failed", NOT_FOUND)}
        assert executed(services, "b2c") == []  # M-Pesa never saw it ...
        # ... so it may be sent again (M-Pesa, asked first, still does not know it).
        fields = {"amount": 1500, "party_b": "0708374149", "remarks": "Refund"}

        async def send_again() -> Any:
            again = await services.submit("b2c", fields, retry_of=row.reference)
            return await services.wait_final(again.reference, WAIT)

        again = run(services, send_again())
        assert (again.status, again.retry_of) == ("completed", row.reference)
        assert len(executed(services, "b2c")) == 1
    finally:
        services.close()


def test_no_such_transaction_soon_after_the_request_settles_nothing_and_a_person_can():
    """With the default rule (the second answer asked at least 15 minutes after the request),
    answers within seconds leave the row unknown; it stays resolvable by hand."""
    services = open_offline(FAST)
    try:
        row = never_sent(services.ledger)

        async def answers(count: int) -> None:
            await services.start_poller()
            await asyncio.to_thread(wait_until, lambda: len([
                q for q in services.ledger.query(Filters(operation="transaction_status"))
                if q.result_code == NOT_FOUND]) >= count, WAIT)

        run(services, answers(3))
        assert services.ledger.get(row.reference).status == "unknown"
        kept = settling.schedule(services.ledger, row.reference)
        assert kept.first_not_found_at is not None and kept.queries_sent >= 3
        resolved = run(services, services.resolve(row.reference, "failed",
                                                  "Not in the M-Pesa statement of the day"))
        assert resolved.status == "failed"
        last = services.ledger.events(row.reference)[-1]
        assert (last.source, last.payload["reason"]) == (
            "user", "Not in the M-Pesa statement of the day")
    finally:
        services.close()


def test_a_question_left_without_an_answer_is_closed(tmp_path):
    clock = Clock()
    config = PollerConfig(unanswered_after=1800)
    with Ledger(tmp_path / "log.sqlite3", clock=clock) as ledger, \
            ThreadPoolExecutor(max_workers=1) as executor:
        query = ledger.create("transaction_status", party_a="600000", remarks="Status check")
        ledger.transition(query.reference, "unknown", source="ack")  # its answer was lost
        balance = ledger.create("account_balance", party_a="600000", remarks="Balance")
        ledger.transition(balance.reference, "accepted", source="ack", conversation_id="AG_b")
        poller = Poller(ledger=ledger, feed=None, executor=executor, stk_query=None,
                        status_query=None, config=config, clock=clock)
        clock.advance(1799)
        asyncio.run(poller.settle_pending())
        assert {ledger.get(r.reference).status for r in (query, balance)} == {
            "unknown", "accepted"}
        clock.advance(1)
        asyncio.run(poller.settle_pending())
        for row in (query, balance):
            after = ledger.get(row.reference)
            assert (after.status, after.result_desc) == ("failed", UNANSWERED)
            assert ledger.events(row.reference)[-1].source == "poll"
