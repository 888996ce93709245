"""Deterministic outcomes by phone number, and scenarios set through the admin API."""

from __future__ import annotations

import pytest
import requests

from tests.fixtures.simulator import wait_until


def _stk(daraja_http, sink, phone: str) -> str:
    body = daraja_http.body("stk_push", sink.url("/stk"), PartyA=phone, PhoneNumber=phone)
    return daraja_http.send("stk_push", body).json()["CheckoutRequestID"]


def _b2c(daraja_http, sink, phone: str) -> dict:
    body = daraja_http.body("b2c", sink.url("/result"), PartyB=phone)
    assert daraja_http.send("b2c", body).ok
    return body


@pytest.mark.parametrize(("phone", "code", "query_desc"), [
    ("254708374149", 0, "The service request is processed successfully."),
    ("254722000000", 0, "The service request is processed successfully."),
    ("254711000001", 1, "The balance is insufficient for the transaction."),
    ("254711001032", 1032, "Request cancelled by user"),
    ("254711001037", 1037, "No response from user."),
    ("254711002001", 2001, "The initiator information is invalid."),
    ("254711002040", 0, "The service request is processed successfully."),
])
def test_stk_outcome_by_phone(simulator, daraja_http, callback_sink, phone, code, query_desc):
    checkout = _stk(daraja_http, callback_sink, phone)
    stk = callback_sink.wait_for(1)[0]["payload"]["Body"]["stkCallback"]
    assert stk["ResultCode"] == code
    assert ("CallbackMetadata" in stk) == (code == 0)
    query = daraja_http.send("stk_query", daraja_http.body("stk_query", CheckoutRequestID=checkout))
    assert query.json()["ResultCode"] == str(code)
    assert query.json()["ResultDesc"] == query_desc


@pytest.mark.parametrize(("phone", "code"), [
    ("254708374149", 0),
    ("254711000001", 1),
    ("254711002001", 2001),
    ("254711002040", 2040),
    ("254711001032", 0),
])
def test_b2c_outcome_by_phone(simulator, daraja_http, callback_sink, phone, code):
    _b2c(daraja_http, callback_sink, phone)
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["ResultCode"] == code
    if code:
        assert result["TransactionID"] == "OAK0000000"
        assert result["ResultParameters"]["ResultParameter"]["Key"] == "BOCompletedTime"
    payout = simulator.transactions()[0]
    assert payout["status"] == ("completed" if code == 0 else "failed")


def test_b2c_queue_timeout_then_status_says_completed(simulator, daraja_http, callback_sink):
    body = _b2c(daraja_http, callback_sink, "254711000408")
    timeout = callback_sink.wait_for(1)[0]
    assert timeout["path"] == "/timeout"
    assert timeout["payload"]["Result"]["ResultType"] == 1
    assert timeout["payload"]["Result"]["OriginatorConversationID"] == (
        body["OriginatorConversationID"])
    assert "ResultParameters" not in timeout["payload"]["Result"]
    query = daraja_http.body("transaction_status", callback_sink.url("/status"),
                             TransactionID=None,
                             OriginalConversationID=body["OriginatorConversationID"])
    assert daraja_http.send("transaction_status", query).ok
    status = callback_sink.wait_for(2)[1]
    assert status["path"] == "/status"
    params = {}
    for item in status["payload"]["Result"]["ResultParameters"]["ResultParameter"]:
        params.setdefault(item["Key"], item.get("Value"))
    assert params["TransactionStatus"] == "Completed"
    assert params["OriginatorConversationID"] == body["OriginatorConversationID"]
    assert params["ReceiptNo"] == simulator.transactions()[0]["receipt"]


@pytest.mark.parametrize("operation", ["stk_push", "b2c"])
def test_lost_callback(simulator, daraja_http, callback_sink, operation):
    url = callback_sink.url("/lost")
    if operation == "b2c":
        daraja_http.send("b2c", daraja_http.body("b2c", url, PartyB="254711000404"))
    else:
        daraja_http.send("stk_push", daraja_http.body("stk_push", url, PhoneNumber="254711000404"))
    record = wait_until(simulator.callbacks)[0]
    assert record["lost"] is True
    assert record["attempts"] == []
    assert simulator.transactions()[0]["status"] == "completed"
    daraja_http.send("account_balance", daraja_http.body("account_balance",
                                                         callback_sink.url("/balance")))
    assert [c["path"] for c in callback_sink.wait_for(1)] == ["/balance"]
    resent = simulator.resend(record["id"])
    assert resent["status"] == 200
    assert [c["path"] for c in callback_sink.wait_for(2)] == ["/balance", "/lost"]


def test_scenario_for_a_phone_through_admin(simulator, daraja_http, callback_sink):
    answer = requests.post(f"{simulator.url}/admin/scenario",
                           json={"phone": "254722123456", "scenario": "cancelled"}, timeout=5)
    assert answer.json() == {"ok": True}
    _stk(daraja_http, callback_sink, "254722123456")
    assert callback_sink.wait_for(1)[0]["payload"]["Body"]["stkCallback"]["ResultCode"] == 1032


def test_queued_scenario_applies_to_the_next_operations(simulator, daraja_http, callback_sink):
    simulator.set_scenario("insufficient_funds", count=2)
    for _ in range(3):
        _b2c(daraja_http, callback_sink, "254708374149")
    codes = sorted(c["payload"]["Result"]["ResultCode"] for c in callback_sink.wait_for(3))
    assert codes == [0, 1, 1]


def test_reset_scenarios(simulator, daraja_http, callback_sink):
    simulator.set_scenario("wrong_pin", phone="254722123456")
    requests.post(f"{simulator.url}/admin/scenario", json={"reset": True}, timeout=5)
    _stk(daraja_http, callback_sink, "254722123456")
    assert callback_sink.wait_for(1)[0]["payload"]["Body"]["stkCallback"]["ResultCode"] == 0


def test_unknown_scenario_is_refused(simulator):
    answer = requests.post(f"{simulator.url}/admin/scenario", json={"scenario": "nope"},
                           timeout=5)
    assert answer.status_code == 400
    assert "unknown scenario" in answer.json()["error"]
    with pytest.raises(ValueError, match="unknown scenario"):
        simulator.set_scenario("nope")
