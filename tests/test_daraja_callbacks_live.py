"""The callback parsers on the callbacks the simulator really posts: each operation sent through
DarajaClient, the callback caught by a loopback sink, then parsed."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from mpesa_desktop.daraja import security
from mpesa_desktop.daraja.callbacks import parse_callback
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.token_cache import TokenCache
from tests.daraja_samples import INITIATOR_PASSWORD, valid_fields
from tests.fixtures.simulator import wait_until


@pytest.fixture
def client(simulator):
    with DarajaClient(simulator.url, f"key-{uuid.uuid4().hex}", "secret",
                      environment="offline", token_cache=TokenCache()) as daraja:
        yield daraja


@pytest.fixture
def send(client, callback_sink):
    """Send an operation whose callbacks go to the sink; return the ack."""
    credential = security.security_credential(INITIATOR_PASSWORD,
                                              security.bundled_certificate("simulator"))

    def sender(operation: str, **changes) -> dict:
        fields = valid_fields(operation, credential)
        if "result_url" in fields:
            fields.update(result_url=callback_sink.url("/result"),
                          queue_timeout_url=callback_sink.url("/timeout"))
        if "callback_url" in fields:
            fields["callback_url"] = callback_sink.url("/stk")
        fields.update(changes)
        return client.execute(operation, **fields)

    return sender


def only_callback(callback_sink, count: int = 1) -> tuple[str, dict]:
    received = callback_sink.wait_for(count)
    return received[-1]["path"], received[-1]["payload"]


def kind_of(path: str) -> str:
    return {"/result": "result", "/timeout": "timeout", "/stk": "stk"}.get(path,
                                                                           "c2b_confirmation")


def test_b2c_success(send, callback_sink):
    ack = send("b2c")
    path, payload = only_callback(callback_sink)
    result = parse_callback(payload, kind_of(path))
    assert (result.kind, result.status, result.result_code) == ("result", "completed", "0")
    assert result.originator_conversation_id == ack["OriginatorConversationID"]
    assert result.conversation_id == ack["ConversationID"]
    assert result.receipt and len(result.receipt) == 10
    assert result.amount == 1500
    assert result.phone == "254708374149"
    assert result.completed_at is not None and result.completed_at.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(("phone", "code"), [("254711000001", "1"), ("254711002040", "2040"),
                                             ("254711002001", "2001")])
def test_b2c_failures(send, callback_sink, phone, code):
    send("b2c", party_b=phone)
    result = parse_callback(only_callback(callback_sink)[1])
    assert (result.status, result.result_code, result.receipt) == ("failed", code, None)
    assert result.meaning


def test_b2c_queue_timeout(send, callback_sink):
    send("b2c", party_b="254711000408")
    path, payload = only_callback(callback_sink)
    assert path == "/timeout"
    result = parse_callback(payload, kind_of(path))
    assert result.status == "timed_out"
    assert result.receipt is None


def test_account_balance_lists_every_account(send, callback_sink):
    send("account_balance")
    result = parse_callback(only_callback(callback_sink)[1], "result")
    accounts = {balance.account: balance for balance in result.balances}
    assert {"Working Account", "Utility Account", "Charges Paid Account"} <= set(accounts)
    assert all(isinstance(b.available, Decimal) for b in result.balances)
    assert result.status == "completed"


def test_b2b_and_tax(send, callback_sink):
    send("b2b")
    send("tax_remittance")
    received = callback_sink.wait_for(2)
    results = [parse_callback(r["payload"]) for r in received]
    assert [r.status for r in results] == ["completed", "completed"]
    assert sorted(r.amount for r in results) == [239, 500]
    assert all(r.receipt for r in results)


def test_stk_success_then_reversal_and_status(send, callback_sink):
    send("stk_push")
    stk = parse_callback(only_callback(callback_sink)[1], "stk")
    assert (stk.status, stk.amount, stk.phone) == ("completed", 1, "254708374149")
    assert stk.receipt and stk.checkout_request_id

    send("transaction_status", transaction_id=stk.receipt)
    status = parse_callback(only_callback(callback_sink, 2)[1], "result")
    assert status.original_transaction is not None
    assert status.original_transaction["receipt"] == stk.receipt
    assert status.original_transaction["status"] == "Completed"

    send("reversal", transaction_id=stk.receipt, amount=1, receiver_party="174379")
    reversal = parse_callback(only_callback(callback_sink, 3)[1], "result")
    assert reversal.status == "completed"
    assert reversal.parameters["OriginalTransactionID"] == stk.receipt


@pytest.mark.parametrize(("phone", "code"), [("254711001032", "1032"), ("254711001037", "1037"),
                                             ("254711000001", "1")])
def test_stk_failures(send, callback_sink, phone, code):
    send("stk_push", phone_number=phone)
    result = parse_callback(only_callback(callback_sink)[1], "stk")
    assert (result.status, result.result_code, result.receipt) == ("failed", code, None)


def test_unknown_receipt_status_fails_with_2032(send, callback_sink):
    send("transaction_status", transaction_id="ZZZ0ZZZ0ZZ")
    result = parse_callback(only_callback(callback_sink)[1])
    assert (result.status, result.result_code) == ("failed", "2032")


def test_c2b_confirmation(send, callback_sink):
    send("c2b_register", confirmation_url=callback_sink.url("/c2b/confirmation"),
         validation_url=callback_sink.url("/c2b/validation"))
    send("c2b_simulate")
    confirmation = wait_until(lambda: callback_sink.payloads("/c2b/confirmation"))[0]
    result = parse_callback(confirmation, "c2b_confirmation")
    assert (result.status, result.amount) == ("completed", 100)
    assert result.receipt and len(result.receipt) == 10
    assert result.phone
