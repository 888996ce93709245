"""AppServices.submit on the offline profile: the embedded simulator and relay, real HTTP, a
temporary SQLite log. Every operation, validation, the duplicate guard, the money guard and caps,
and what a dropped connection leaves behind."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from mpesa_desktop.cli.exit_codes import code_for_error
from mpesa_desktop.config import ConfigError, ConfigStore, MissingSecretError, Secrets, new_profile
from mpesa_desktop.daraja.errors import ApiError, TransportError, ValidationError
from mpesa_desktop.ledger import Filters
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices, DuplicateError, GuardError, StatusChange
from mpesa_desktop.services.runtime import start_servers
from mpesa_desktop.simulator import SimulatorConfig
from tests import services_support
from tests.services_support import executed, open_services, run

B2C = {"amount": 1500, "party_b": "0708374149", "remarks": "Refund of order 17"}
services = services_support.services


def test_offline_defaults_come_from_the_profile_and_the_embedded_relay(services):
    defaults = services.defaults("b2c")
    assert defaults["initiator"] == "testapi"
    assert defaults["party_a"] == "600000"
    assert defaults["command_id"] == "BusinessPayment"
    assert defaults["result_url"].startswith(services.relay.callback_base_url)
    assert defaults["queue_timeout_url"].endswith("/timeout")
    assert "security_credential" not in defaults
    assert services.defaults("stk_push")["business_shortcode"] == "174379"
    assert services.defaults("stk_push")["callback_url"].endswith("/stk")
    assert "passkey" not in services.defaults("stk_push")
    assert services.environment == "offline"
    assert services.simulator is not None


def test_b2c_is_written_ahead_then_accepted_with_its_ids(services):
    seen: list[StatusChange] = []
    services.subscribe(seen.append)
    row = run(services, services.submit("b2c", B2C))
    assert row.status == "accepted"
    assert row.conversation_id
    assert row.amount == 1500
    assert row.party_b == "254708374149"
    # the ledger reference is the OriginatorConversationID the simulator received
    [sent] = executed(services, "b2c")
    assert sent["originator_conversation_id"] == row.reference == row.originator_conversation_id
    assert [(c.old, c.new) for c in seen] == [(None, "sending"), ("sending", "accepted")]
    body = row.request_body
    assert "SecurityCredential" not in body and body["Amount"] == 1500
    events = services.ledger.events(row.reference)
    assert [(e.old_status, e.new_status, e.source) for e in events] == [
        (None, "sending", "user"), ("sending", "accepted", "ack")]


def test_every_operation_goes_through_the_services(services):
    async def scenario() -> dict[str, Any]:
        rows = {}
        rows["b2b"] = await services.submit("b2b", {
            "amount": 239, "party_b": "600001", "account_reference": "INV-9",
            "remarks": "Stock"})
        rows["tax"] = await services.submit("tax_remittance", {
            "amount": 500, "account_reference": "PRN1234", "remarks": "VAT"})
        rows["balance"] = await services.submit("account_balance", {})
        rows["register"] = await services.submit("c2b_register", {})
        rows["simulate"] = await services.submit("c2b_simulate", {
            "amount": 50, "msisdn": "0708374149", "bill_ref_number": "ACC1"})
        rows["stk"] = await services.submit("stk_push", {
            "amount": 20, "phone_number": "0708374149", "account_reference": "INV1"})
        rows["stk"] = await services.wait_final(rows["stk"].reference, 10)
        rows["stk_query"] = await services.submit("stk_query", {
            "checkout_request_id": rows["stk"].checkout_request_id})
        # the receipt as M-Pesa knows it (the poller may settle the push by STK Query, whose
        # answer carries no receipt, before the callback with the receipt is read)
        [paid] = executed(services, "stk_push")
        rows["reversal"] = await services.submit("reversal", {
            "transaction_id": paid["receipt"], "amount": 20, "remarks": "Wrong amount",
            "receiver_party": "174379"})
        rows["status"] = await services.submit("transaction_status", {
            "transaction_id": paid["receipt"]})
        for name in ("b2b", "tax", "balance", "reversal", "status"):
            rows[name] = await services.wait_final(rows[name].reference, 10)
        return rows

    rows = run(services, scenario())
    assert {name: row.status for name, row in rows.items()} == {
        name: "completed" for name in rows}
    assert rows["stk_query"].result_code == "0"
    assert rows["register"].operation == "c2b_register"
    assert services.ledger.latest_balances()
    incoming = services.ledger.query(Filters(operation="c2b_payment"))
    assert [row.amount for row in incoming] == [50]
    operations = {t["operation"] for t in services.simulator.transactions()}
    assert {"b2b", "tax_remittance", "account_balance", "stk_push", "reversal",
            "transaction_status", "c2b_simulate"} <= operations


def test_bad_input_lists_every_field_and_sends_nothing(services):
    with pytest.raises(ValidationError) as caught:
        run(services, services.submit("b2c", {"amount": 5, "party_b": "12345",
                                              "remarks": "x"}))
    assert set(caught.value.errors) == {"amount", "party_b", "remarks"}
    assert "10" in caught.value.errors["amount"]
    assert services.simulator.request_count == 0
    assert services.ledger.summary()[0] == 0


def test_a_secret_cannot_be_typed_into_the_fields(services):
    with pytest.raises(ValidationError) as caught:
        run(services, services.submit("b2c", {**B2C, "security_credential": "abc"}))
    assert "security_credential" in caught.value.errors
    assert services.simulator.request_count == 0


def test_a_double_click_sends_once(services):
    async def twice() -> list[Any]:
        return await asyncio.gather(services.submit("b2c", B2C), services.submit("b2c", B2C),
                                    return_exceptions=True)

    results = run(services, twice())
    rows = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(rows) == 1 and rows[0].status == "accepted"
    assert len(refused) == 1 and isinstance(refused[0], DuplicateError)
    assert code_for_error(refused[0]) == 2
    assert len(executed(services, "b2c")) == 1
    assert services.ledger.summary()[0] == 1


def test_a_double_click_on_a_payment_request_pushes_once(services):
    push = {"amount": 300, "phone_number": "0708374149", "account_reference": "INV3"}

    async def twice() -> list[Any]:
        return await asyncio.gather(services.submit("stk_push", push),
                                    services.submit("stk_push", push), return_exceptions=True)

    results = run(services, twice())
    assert sorted(type(r).__name__ for r in results) == ["DuplicateError", "Transaction"]
    assert len(executed(services, "stk_push")) == 1


def test_an_identical_payout_is_refused_until_the_first_is_settled(services):
    async def scenario() -> Any:
        first = await services.submit("b2c", B2C)
        with pytest.raises(DuplicateError) as caught:
            await services.submit("b2c", B2C)
        assert caught.value.reference == first.reference
        # another amount is another payment
        await services.submit("b2c", {**B2C, "amount": 1501})
        settled = await services.wait_final(first.reference, 10)
        # completed: the same again is a second payment, sent only when the caller says so
        with pytest.raises(DuplicateError) as caught:
            await services.submit("b2c", B2C)
        assert caught.value.reference == first.reference
        assert settled.status == "completed" and settled.receipt in str(caught.value)
        return await services.submit("b2c", B2C, allow_repeat=True)

    again = run(services, scenario())
    assert again.status == "accepted"
    assert len(executed(services, "b2c")) == 3


def test_a_rejected_payout_can_be_sent_again_only_as_an_explicit_retry(services):
    services.simulator.set_fault("spike_arrest", path="/mpesa/b2c/v3/paymentrequest")
    with pytest.raises(ApiError) as caught:
        run(services, services.submit("b2c", B2C))
    rejected = caught.value.transaction
    assert rejected.status == "rejected"
    assert rejected.result_code == "500.003.02"
    assert executed(services, "b2c") == []

    retry = run(services, services.submit("b2c", B2C, retry_of=rejected.reference))
    assert retry.status == "accepted" and retry.retry_of == rejected.reference
    with pytest.raises(DuplicateError):
        run(services, services.submit("b2c", {**B2C, "amount": 2000},
                                      retry_of=retry.reference))


def test_a_connection_that_cannot_be_made_is_rejected_and_nothing_happened(services):
    services.simulator.stop()
    with pytest.raises(TransportError) as caught:
        run(services, services.submit("b2c", B2C))
    assert caught.value.maybe_delivered is False
    assert code_for_error(caught.value) == 4
    row = caught.value.transaction
    assert row.status == "rejected"
    assert "Could not reach" in row.result_desc


def test_a_dropped_connection_leaves_the_payout_unknown_and_it_is_never_resent(services):
    services.simulator.set_fault("drop", path="/mpesa/b2c/v3/paymentrequest")
    with pytest.raises(TransportError) as caught:
        run(services, services.submit("b2c", B2C))
    assert caught.value.maybe_delivered is True and code_for_error(caught.value) == 5
    row = caught.value.transaction
    assert row.status == "unknown"
    assert len(executed(services, "b2c")) == 1  # the simulator did pay
    with pytest.raises(DuplicateError):
        run(services, services.submit("b2c", B2C))
    with pytest.raises(DuplicateError):
        run(services, services.submit("b2c", B2C, retry_of=row.reference))
    assert len(executed(services, "b2c")) == 1


def _configure(**changes: Any) -> None:
    store = ConfigStore(app_paths())
    store.update(store.get("offline").updated(**changes))


def test_a_profile_without_a_repeat_window_sends_a_repeat_of_a_completed_payout():
    _configure(repeat_window_hours=0)
    services = open_services()
    try:
        async def twice() -> Any:
            first = await services.submit("b2c", B2C)
            assert (await services.wait_final(first.reference, 10)).status == "completed"
            return await services.submit("b2c", B2C)

        assert run(services, twice()).status == "accepted"
        assert len(executed(services, "b2c")) == 2
    finally:
        services.close()


def test_caps_and_the_retyped_amount_are_enforced_by_the_services():
    _configure(per_payment_cap=5000, daily_cap=8000, retype_above=3000)
    services = open_services()
    try:
        async def scenario() -> None:
            with pytest.raises(GuardError) as caught:
                await services.submit("b2c", {**B2C, "amount": 6000})
            assert caught.value.kind == "per_payment_cap" and caught.value.field == "amount"
            with pytest.raises(GuardError) as caught:
                await services.submit("b2c", {**B2C, "amount": 4000})
            assert caught.value.kind == "retype_required"
            with pytest.raises(GuardError) as caught:
                await services.submit("b2c", {**B2C, "amount": 4000}, confirmed_amount=4001)
            assert caught.value.kind == "retype_mismatch"
            await services.submit("b2c", {**B2C, "amount": 4000}, confirmed_amount="4,000")
            await services.submit("b2c", {**B2C, "amount": 3000, "party_b": "0708374150"})
            with pytest.raises(GuardError) as caught:
                await services.submit("b2c", {**B2C, "amount": 1001, "party_b": "0708374151"})
            assert caught.value.kind == "daily_cap"
            # STK push brings money in: no cap applies
            await services.submit("stk_push", {"amount": 9000, "phone_number": "0708374149",
                                               "account_reference": "INV2"})

        run(services, scenario())
        assert [t["amount"] for t in executed(services, "b2c")] == [4000, 3000]
    finally:
        services.close()


def test_production_with_money_disabled_refuses_before_anything_is_written():
    store = ConfigStore(app_paths())
    store.add(new_profile("live", "production", initiator="apiop", shortcode="600123",
                          result_url="https://relay.example.com/cb/1/result",
                          queue_timeout_url="https://relay.example.com/cb/1/timeout"))
    services = open_services("live")
    try:
        assert services.environment == "production" and services.simulator is None
        with pytest.raises(GuardError) as caught:
            run(services, services.submit("b2c", B2C, confirmed_amount=1500))
        assert caught.value.kind == "money_disabled" and code_for_error(caught.value) == 2
        assert services.ledger.summary()[0] == 0
    finally:
        services.close()


def test_a_missing_secret_is_named_and_nothing_is_written():
    store = ConfigStore(app_paths())
    store.add(new_profile("sandbox", "sandbox", relay_url="https://relay.example.com"))
    Secrets("sandbox").set("relay_callback_secret", "0f1e")
    services = open_services("sandbox")
    try:
        assert services.defaults("b2c")["result_url"] == "https://relay.example.com/cb/0f1e/result"
        with pytest.raises(MissingSecretError) as caught:
            run(services, services.submit("account_balance", {}))
        assert code_for_error(caught.value) == 2
        assert caught.value.secret == "consumer_key"
        assert services.ledger.summary()[0] == 0
    finally:
        services.close()


def test_switching_profile_switches_log_defaults_and_simulator(services):
    store = ConfigStore(app_paths())
    store.add(new_profile("sandbox", "sandbox", relay_url="https://relay.example.com"))
    Secrets("sandbox").set("relay_callback_secret", "0f1e")
    seen: list[StatusChange] = []
    services.subscribe(seen.append)
    run(services, services.submit("account_balance", {}))
    offline_log = services.ledger.path

    run(services, services.switch_profile("sandbox"))
    assert services.profile.name == "sandbox" and services.simulator is None
    assert services.ledger.path != offline_log and services.ledger.summary()[0] == 0
    assert services.defaults("b2c")["result_url"].startswith("https://relay.example.com/")
    assert ConfigStore(app_paths()).active_name == "sandbox"

    with pytest.raises(ConfigError):
        run(services, services.switch_profile("nowhere"))
    assert services.profile.name == "sandbox"

    run(services, services.switch_profile("offline"))
    assert services.ledger.summary()[0] == 1
    run(services, services.submit("account_balance", {}))
    assert [change.new for change in seen].count("sending") == 2


def test_servers_left_for_later_start_when_a_payment_needs_them(app_home):
    """The window opens the offline profile with ``servers_later`` (it paints first): nothing
    listens until something needs the simulator; a payment starts it, then goes out as usual."""
    later = AppServices.open(app_paths(), servers_later=True,
                             simulator_config=SimulatorConfig(callback_delay=0.05),
                             poller_config=services_support.FAST)
    try:
        assert later.simulator is None and later.relay is None
        row = run(later, later.submit("b2c", B2C))
        assert row.status == "accepted"
        assert later.simulator is not None
        assert later.defaults("b2c")["result_url"].startswith(later.relay.callback_base_url)
        assert [sent["originator_conversation_id"] for sent in executed(later, "b2c")] == [
            row.reference]
    finally:
        later.close()


def test_services_closed_before_their_servers_start_never_start_them(app_home):
    later = AppServices.open(app_paths(), servers_later=True)
    runtime = later._runtime
    later.close()
    assert runtime is not None and runtime.closed
    start_servers(later.paths, runtime, None)  # what a start still queued in the worker does
    assert runtime.simulator is None and runtime.relay is None
