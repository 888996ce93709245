"""DarajaClient against the real simulator over loopback: every operation, the shared token,
refresh after invalidation, and each fault surfacing as the right error."""

from __future__ import annotations

import socket
import threading
import time
import uuid

import pytest

from mpesa_desktop.cli.exit_codes import code_for_error
from mpesa_desktop.daraja import security
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.errors import ApiError, AuthError, TransportError, ValidationError
from mpesa_desktop.daraja.operations import build_request
from mpesa_desktop.daraja.token_cache import TokenCache
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.daraja_samples import INITIATOR_PASSWORD, valid_fields
from tests.fixtures.simulator import wait_until

ACCEPTED = "Accept the service request successfully."


@pytest.fixture
def sim(simulator):
    """The shared running simulator (tests/fixtures/simulator.py)."""
    return simulator


@pytest.fixture
def credential(sim) -> str:
    return security.security_credential(INITIATOR_PASSWORD, sim.certificate_pem)


@pytest.fixture
def client(sim):
    with DarajaClient(sim.url, f"key-{uuid.uuid4().hex}", "secret", environment="offline",
                      timeout=(2.0, 10.0), token_cache=TokenCache()) as daraja:
        yield daraja


def fields(operation: str, credential: str, **changes) -> dict:
    values = valid_fields(operation, credential)
    values.update(changes)
    return values


def completed_stk_receipt(client: DarajaClient, sim: Simulator, credential: str) -> str:
    ack = client.execute("stk_push", **fields("stk_push", credential))
    checkout = ack["CheckoutRequestID"]
    entry = wait_until(lambda: next((t for t in sim.transactions()
                                   if t["checkout_request_id"] == checkout
                                   and t["status"] == "completed"), None))
    return entry["receipt"]


@pytest.mark.parametrize("operation", ["b2c", "b2b", "tax_remittance", "account_balance",
                                       "transaction_status", "c2b_register", "c2b_simulate"])
def test_operations_are_acknowledged(client, sim, credential, operation):
    ack = client.execute(operation, **fields(operation, credential))
    assert str(ack["ResponseCode"]).strip("0") == ""
    assert ack["ResponseDescription"]


def test_b2c_ack_carries_our_originator_conversation_id(client, credential, sim):
    prepared = build_request("b2c", fields("b2c", credential), "offline")
    ack = client.send(prepared)
    assert ack["OriginatorConversationID"] == prepared.originator_conversation_id
    assert ack["ConversationID"].startswith("AG_")
    assert ack["ResponseDescription"] == ACCEPTED
    executed = [t for t in sim.transactions() if t["operation"] == "b2c"]
    assert executed[0]["originator_conversation_id"] == prepared.originator_conversation_id
    assert executed[0]["amount"] == 1500


def test_c2b_register_v1(client, credential):
    ack = client.execute("c2b_register", **fields("c2b_register", credential, version="v1"))
    assert ack["ResponseDescription"]


def test_stk_push_query_and_reversal(client, sim, credential):
    ack = client.execute("stk_push", **fields("stk_push", credential))
    assert ack["ResponseCode"] == "0"
    checkout = ack["CheckoutRequestID"]

    def answered():
        try:
            return client.execute("stk_query", **fields("stk_query", credential,
                                                         checkout_request_id=checkout))
        except ApiError as error:
            assert error.error_code == "500.001.1001"  # still being processed
            return None

    answer = wait_until(answered)
    assert answer["ResultCode"] == "0"
    receipt = next(t["receipt"] for t in sim.transactions()
                   if t["checkout_request_id"] == checkout)
    reversal = client.execute("reversal", **fields("reversal", credential, transaction_id=receipt,
                                                    amount=1, receiver_party="174379"))
    assert reversal["ResponseCode"] == "0"


def test_stk_buy_goods_to_a_till(client, credential):
    ack = client.execute("stk_push", **fields("stk_push", credential,
                                              transaction_type="CustomerBuyGoodsOnline",
                                              party_b="600100"))
    assert ack["ResponseCode"] == "0"


def test_transaction_status_by_originator_conversation_id(client, credential):
    b2c = client.execute("b2c", **fields("b2c", credential))
    ack = client.execute("transaction_status", **fields(
        "transaction_status", credential, transaction_id=None,
        original_conversation_id=b2c["OriginatorConversationID"]))
    assert ack["ResponseCode"] == "0"


def test_many_operations_one_oauth_call(client, sim, credential):
    for _ in range(20):
        client.execute("account_balance", **fields("account_balance", credential))
    assert sim.oauth_calls == 1
    assert client.token_cache.oauth_calls == 1


def test_token_is_shared_between_clients_of_the_same_key(sim, credential):
    cache, key = TokenCache(), f"key-{uuid.uuid4().hex}"
    with DarajaClient(sim.url, key, "s", environment="offline", token_cache=cache) as first, \
            DarajaClient(sim.url, key, "s", environment="offline", token_cache=cache) as second:
        assert first.fetch_token() == second.fetch_token()
        first.execute("account_balance", **fields("account_balance", credential))
        second.execute("account_balance", **fields("account_balance", credential))
    assert sim.oauth_calls == 1


def test_concurrent_first_calls_fetch_one_token(client, sim, credential):
    errors: list[BaseException] = []

    def work():
        try:
            client.execute("account_balance", **fields("account_balance", credential))
        except BaseException as error:  # collected and re-raised below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sim.oauth_calls == 1


@pytest.mark.parametrize("operation", ["b2c", "b2b", "stk_push"])
def test_invalidated_token_is_refreshed_once_and_the_call_succeeds(client, sim, credential,
                                                                    operation):
    client.execute("account_balance", **fields("account_balance", credential))
    assert sim.expire_tokens() == 1
    ack = client.execute(operation, **fields(operation, credential))
    assert ack["ResponseCode"] == "0"
    assert sim.oauth_calls == 2
    executed = [t for t in sim.transactions() if t["operation"] == operation]
    assert len(executed) == 1


def test_token_is_refreshed_before_it_expires():
    with Simulator(SimulatorConfig(callback_delay=0.01, token_ttl=1)) as short, \
            DarajaClient(short.url, "k", "s", environment="offline",
                         token_cache=TokenCache()) as daraja:
        credential = security.security_credential(INITIATOR_PASSWORD, short.certificate_pem)
        first = daraja.fetch_token()
        time.sleep(1.1)
        ack = daraja.execute("account_balance", **fields("account_balance", credential))
        assert ack["ResponseCode"] == "0"
        assert daraja.fetch_token() != first
        assert short.oauth_calls == 2


def test_wrong_consumer_secret_is_an_auth_error():
    credential = security.security_credential(INITIATOR_PASSWORD,
                                              security.bundled_certificate("simulator"))
    config = SimulatorConfig(callback_delay=0.01, consumer_key="key", consumer_secret="right")
    with Simulator(config) as strict, DarajaClient(
            strict.url, "key", "wrong", environment="offline", token_cache=TokenCache()) as bad:
        with pytest.raises(AuthError) as caught:
            bad.execute("b2c", **fields("b2c", credential))
        assert caught.value.http_status == 400
        assert "consumer key and secret" in str(caught.value)
        assert strict.transactions() == []


def test_daraja_error_body_becomes_api_error(client, sim, credential):
    prepared = build_request("b2c", fields("b2c", credential), "offline")
    client.send(prepared)
    with pytest.raises(ApiError) as caught:
        client.send(prepared)
    error = caught.value
    assert (error.http_status, error.error_code) == (500, "500.002.1001")
    assert error.request_id
    assert "already sent" in error.explanation
    assert "Duplicate" in error.error_message


def test_wrong_passkey_is_refused(client, credential):
    with pytest.raises(ApiError) as caught:
        client.execute("stk_push", **fields("stk_push", credential, passkey="wrong"))
    assert caught.value.error_code == "500.001.1001"
    assert "Wrong credentials" in str(caught.value)


def test_invalid_input_sends_nothing(client, sim, credential):
    with pytest.raises(ValidationError) as caught:
        client.execute("b2c", **fields("b2c", credential, amount=5, party_b="0812345678"))
    assert set(caught.value.errors) == {"amount", "party_b"}
    assert sim.request_count == 0


def test_dropped_connection_after_b2c_may_have_been_delivered(client, sim, credential):
    client.fetch_token()
    sim.set_fault("drop", path="/mpesa/b2c/v3/paymentrequest")
    with pytest.raises(TransportError) as caught:
        client.execute("b2c", **fields("b2c", credential))
    assert caught.value.maybe_delivered is True
    assert code_for_error(caught.value) == 5
    assert "unknown" in str(caught.value)
    assert [t["operation"] for t in sim.transactions()] == ["b2c"]


def test_500_with_error_body_is_api_error(client, sim, credential):
    sim.set_fault("error_500")
    with pytest.raises(ApiError) as caught:
        client.execute("b2c", **fields("b2c", credential))
    assert (caught.value.http_status, caught.value.error_code) == (500, "500.003.1001")
    assert sim.transactions() == []


def test_503_without_error_body_is_an_unknown_outcome(client, sim, credential):
    sim.set_fault("error_503")
    with pytest.raises(TransportError) as caught:
        client.execute("b2c", **fields("b2c", credential))
    assert caught.value.maybe_delivered is True
    assert "503" in str(caught.value)


def test_spike_arrest(client, sim, credential):
    sim.set_fault("spike_arrest")
    with pytest.raises(ApiError) as caught:
        client.execute("account_balance", **fields("account_balance", credential))
    assert (caught.value.http_status, caught.value.error_code) == (500, "500.003.02")
    assert "Wait a few minutes" in str(caught.value)
    ack = client.execute("account_balance", **fields("account_balance", credential))
    assert ack["ResponseCode"] == "0"


def test_read_timeout_may_have_been_delivered(sim, credential):
    with DarajaClient(sim.url, "k", "s", environment="offline", timeout=(2.0, 0.2),
                      token_cache=TokenCache()) as slow:
        slow.fetch_token()
        sim.set_fault("latency", seconds=1.0)
        with pytest.raises(TransportError) as caught:
            slow.execute("account_balance", **fields("account_balance", credential))
        assert caught.value.maybe_delivered is True


def test_refused_oauth_connection_was_not_delivered():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nowhere = DarajaClient(f"http://127.0.0.1:{port}", "k", "s", environment="offline",
                           token_cache=TokenCache())
    with nowhere, pytest.raises(TransportError) as caught:
        nowhere.execute("b2c", **fields("b2c", "credential"))
    assert caught.value.maybe_delivered is False
    assert code_for_error(caught.value) == 4


def test_refused_payment_connection_was_not_delivered(credential):
    stopped = Simulator(SimulatorConfig(callback_delay=0.01))
    url = stopped.start()
    with DarajaClient(url, "k", "s", environment="offline", token_cache=TokenCache()) as daraja:
        daraja.fetch_token()
        stopped.stop()
        with pytest.raises(TransportError) as caught:
            daraja.execute("b2c", **fields("b2c", credential))
    assert caught.value.maybe_delivered is False
    assert "Nothing was sent" in str(caught.value)


def test_client_refuses_http_server_in_production():
    with pytest.raises(ValueError, match="https"):
        DarajaClient("http://api.example.com", "k", "s", environment="production")
    with pytest.raises(ValueError, match="unknown environment"):
        DarajaClient("https://api.example.com", "k", "s", environment="live")
