"""The poller on the offline profile: results travel simulator -> embedded relay -> poller ->
ledger by themselves; lost callbacks and unknown outcomes are settled by STK Query and
Transaction Status; the feed cursor survives a restart."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.errors import TransportError
from mpesa_desktop.daraja.operations import build_request
from mpesa_desktop.daraja.security import bundled_certificate, security_credential
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices, StatusChange
from mpesa_desktop.services.poller import CURSOR_KEY
from tests import services_support
from tests.fixtures.simulator import wait_until
from tests.services_support import FAST, add_lab_profile, executed, open_services, run

WAIT = 15.0
services = services_support.services


def b2c(phone: str, amount: int = 1500) -> dict[str, Any]:
    return {"amount": amount, "party_b": phone, "remarks": "Customer refund"}


async def submit_and_wait(services: AppServices, operation: str, fields: dict) -> Any:
    await services.start_poller()
    row = await services.submit(operation, fields)
    return await services.wait_final(row.reference, WAIT)


def test_a_b2c_completes_through_relay_and_poller(services):
    changes: list[tuple[StatusChange, str]] = []
    services.subscribe(lambda change: changes.append((change, threading.current_thread().name)))
    row = run(services, submit_and_wait(services, "b2c", b2c("0708374149")))
    assert row.status == "completed"
    assert row.result_code == "0"
    assert row.receipt and len(row.receipt) == 10
    assert row.counterparty and row.counterparty.startswith("254708374149")
    assert [(c.old, c.new) for c, _ in changes] == [
        (None, "sending"), ("sending", "accepted"), ("accepted", "completed")]
    # status changes are reported from worker threads, never promised on the caller's thread
    assert all(thread != threading.main_thread().name for _, thread in changes)
    [event] = [e for e in services.ledger.events(row.reference) if e.new_status == "completed"]
    assert event.source == "callback"
    assert services.ledger.get_meta(CURSOR_KEY)


def test_a_failed_b2c_is_failed_with_its_code(services):
    row = run(services, submit_and_wait(services, "b2c", b2c("0711000001")))
    assert row.status == "failed"
    assert row.result_code == "1"
    assert row.receipt is None


def test_an_stk_push_whose_callback_is_lost_is_settled_by_stk_query(services):
    push = {"amount": 100, "phone_number": "0711000404", "account_reference": "INV7"}
    row = run(services, submit_and_wait(services, "stk_push", push))
    assert row.status == "completed"
    assert row.result_code == "0"
    sources = [e.source for e in services.ledger.events(row.reference)]
    assert sources[-1] == "poll"
    assert [c for c in services.simulator.callbacks() if c.get("lost")]


def test_a_b2c_whose_callback_is_lost_is_settled_by_transaction_status(services):
    row = run(services, submit_and_wait(services, "b2c", b2c("0711000404")))
    assert row.status == "completed"
    assert row.receipt
    assert "Transaction Status" in row.result_desc
    assert len(executed(services, "b2c")) == 1
    assert executed(services, "transaction_status")


def test_a_queue_timeout_is_settled_by_transaction_status(services):
    async def scenario() -> tuple[Any, list[str]]:
        seen: list[str] = []
        services.subscribe(lambda change: seen.append(change.new))
        final = await submit_and_wait(services, "b2c", b2c("0711000408"))
        return final, seen

    row, seen = run(services, scenario())
    assert "timed_out" in seen
    assert row.status == "completed"
    assert len(executed(services, "b2c")) == 1


def test_an_unknown_payout_is_settled_by_status_and_never_sent_again(services):
    services.simulator.set_fault("drop", path="/mpesa/b2c/v3/paymentrequest")

    async def scenario() -> Any:
        with pytest.raises(TransportError) as caught:
            await services.submit("b2c", b2c("0708374149"))
        row = caught.value.transaction
        assert row.status == "unknown"
        return await services.wait_final(row.reference, WAIT)

    row = run(services, scenario())
    assert row.status == "completed"
    assert len(executed(services, "b2c")) == 1
    statuses = [e.new_status for e in services.ledger.events(row.reference)]
    assert statuses[:3] == ["sending", "unknown", "accepted"] or statuses[:2] == [
        "sending", "unknown"]


def relay_count(services: AppServices) -> int:
    return services.relay.store.count()


def test_the_poller_resumes_from_its_cursor_after_a_restart():
    first = open_services()
    try:
        done = run(first, submit_and_wait(first, "b2c", b2c("0708374149")))
        assert done.status == "completed"
        # a second payment whose result reaches the relay while nobody polls
        pending = run(first, first.submit("b2c", b2c("0708374149", amount=2500)))
        wait_until(lambda: relay_count(first) == 2, WAIT)
    finally:
        first.close()

    second = open_services()
    try:
        assert second.ledger.get_meta(CURSOR_KEY)  # kept from the first session
        applied = run(second, second.poll_once())
        assert applied == 1  # only the event after the cursor
        assert second.ledger.get(pending.reference).status == "completed"
        assert second.ledger.get(done.reference).status == "completed"
        assert run(second, second.poll_once()) == 0
    finally:
        second.close()


def test_a_payout_sent_just_before_a_crash_is_settled_after_restart(simulator, relay):
    """The process dies after the request left but before the answer was recorded: the row is
    ``sending`` on disk. The next start shows it ``unknown`` and settles it by Transaction
    Status, through a remote-style relay (custom profile), without sending it again."""
    add_lab_profile(simulator.url, relay)
    crashed = AppServices.open(app_paths(), "lab", poller_config=FAST)
    try:
        assert crashed.defaults("b2c")["result_url"].startswith(relay.callback_base_url)
        values = crashed.check("b2c", b2c("0708374149"))
        password = crashed.secrets.get("initiator_password")
        prepared = build_request("b2c", {
            **values, "security_credential": security_credential(
                password, bundled_certificate("simulator"))}, "custom")
        row = crashed.ledger.create("b2c", amount=1500, party_a="600000",
                                    party_b="254708374149", reference=prepared.body[
                                        "OriginatorConversationID"],
                                    request_body=prepared.redacted_body)
        with DarajaClient(simulator.url, "lab-key", "lab-secret",
                          environment="custom") as client:
            client.send(prepared)  # ... and the process dies here
    finally:
        crashed.close()

    restarted = AppServices.open(app_paths(), "lab", poller_config=FAST)
    try:
        assert restarted.ledger.get(row.reference).status == "unknown"
        final = run(restarted, restarted.wait_final(row.reference, WAIT))
        assert final.status == "completed"
        assert [t["operation"] for t in simulator.transactions()].count("b2c") == 1
        sources = [e.source for e in restarted.ledger.events(row.reference)]
        assert sources[:2] == ["user", "startup"]
    finally:
        restarted.close()
