"""B2Pochi (pay a Pochi la Biashara wallet): B2C's body with CommandID BusinessPayToPochi at
/mpesa/b2pochi/v1/paymentrequest, paid from the books like B2C and found by Transaction Status
(daraja-reference.md sections 1.2, 2.2, 2.4, 4.2)."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.simulator import wait_until

PATH = "/mpesa/b2pochi/v1/paymentrequest"


def _pochi(daraja_http, result_url: str = "http://127.0.0.1:9/result", **overrides) -> dict:
    return daraja_http.body("b2c", result_url, **{"CommandID": "BusinessPayToPochi",
                                                 "PartyB": "254712345678", **overrides})


def _parameters(result: dict) -> dict:
    return {item["Key"]: item.get("Value")
            for item in result["ResultParameters"]["ResultParameter"]}


def test_pochi_ack_result_and_books(simulator, daraja_http, callback_sink):
    body = _pochi(daraja_http, callback_sink.url("/pochi"), Amount=2000)
    ack = daraja_http.post(PATH, body)
    assert ack.status_code == 200
    assert set(ack.json()) == {"ConversationID", "OriginatorConversationID", "ResponseCode",
                               "ResponseDescription"}
    assert ack.json()["OriginatorConversationID"] == body["OriginatorConversationID"]
    assert ack.json()["ResponseCode"] == "0"
    assert ack.json()["ResponseDescription"] == "Accept the service request successfully."
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert (result["ResultType"], result["ResultCode"]) == (0, 0)
    assert result["ConversationID"] == ack.json()["ConversationID"]
    params = _parameters(result)
    assert params["TransactionAmount"] == 2000
    assert params["TransactionReceipt"] == result["TransactionID"]
    assert re.fullmatch(r"[A-Z0-9]{10}", result["TransactionID"])
    assert params["ReceiverPartyPublicName"].startswith("254712345678 - ")
    assert params["B2CUtilityAccountAvailableFunds"] == 1_000_000 - 2000
    assert params["B2CChargesPaidAccountAvailableFunds"] == -9.0
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d", params["TransactionCompletedDateTime"])
    books = simulator.balances()
    assert books["organisations"]["600000"]["Utility Account"] == 1_000_000 - 2000
    assert books["customers"]["254712345678"] == 100_000 + 2000
    [payout] = simulator.transactions()
    assert (payout["operation"], payout["command_id"], payout["status"]) == (
        "b2pochi", "BusinessPayToPochi", "completed")


def test_transaction_status_finds_a_pochi_payment(simulator, daraja_http, callback_sink):
    body = _pochi(daraja_http, callback_sink.url("/pochi"), Amount=300)
    daraja_http.post(PATH, body)
    receipt = wait_until(lambda: callback_sink.payloads("/pochi"))[0]["Result"]["TransactionID"]
    daraja_http.send("transaction_status", daraja_http.body(
        "transaction_status", callback_sink.url("/status"), TransactionID=None,
        OriginalConversationID=body["OriginatorConversationID"]))
    status = wait_until(lambda: callback_sink.payloads("/status"))[0]["Result"]
    assert status["ResultCode"] == 0
    params = {i["Key"]: i.get("Value") for i in status["ResultParameters"]["ResultParameter"]
              if i["Key"] != "DebitPartyName"}
    assert (params["ReceiptNo"], params["TransactionStatus"], params["Amount"]) == (
        receipt, "Completed", 300.0)
    names = [i["Value"] for i in status["ResultParameters"]["ResultParameter"]
             if i["Key"] == "DebitPartyName"]
    assert names[0] == "600000 - Safaricom Daraja 000"
    assert names[1].startswith("254712345678 - ")


def test_pochi_shares_b2c_rules_limits_and_scenarios(simulator, daraja_http, callback_sink):
    body = _pochi(daraja_http)
    assert daraja_http.post(PATH, body).ok
    duplicate = daraja_http.post(PATH, {**body, "Amount": 50})
    assert duplicate.status_code == 500
    assert duplicate.json()["errorCode"] == "500.002.1001"
    daraja_http.post(PATH, _pochi(daraja_http, callback_sink.url("/low"), Amount=9))
    daraja_http.post(PATH, _pochi(daraja_http, callback_sink.url("/broke"),
                                  PartyB="254711000001"))
    assert wait_until(lambda: callback_sink.payloads("/low"))[0]["Result"]["ResultCode"] == 2
    assert wait_until(lambda: callback_sink.payloads("/broke"))[0]["Result"]["ResultCode"] == 1
    receipt = simulator.transactions()[0]["receipt"]
    daraja_http.send("reversal", daraja_http.body("reversal", callback_sink.url("/reversal"),
                                                  TransactionID=receipt, ReceiverParty="600000"))
    reversal = wait_until(lambda: callback_sink.payloads("/reversal"))[0]["Result"]
    assert reversal["ResultCode"] == 2028  # Pochi payouts are not reversible (reference 3.9)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"CommandID": "BusinessPayment"}, "CommandID"),
    ({"OriginatorConversationID": None}, "OriginatorConversationID"),
    ({"InitiatorName": None}, "InitiatorName"),
    ({"PartyB": "600000"}, "PartyB"),
    ({"Remarks": "x"}, "Remarks"),
])
def test_pochi_field_checks(simulator, daraja_http, overrides, field):
    body = {k: v for k, v in _pochi(daraja_http, **overrides).items() if v is not None}
    answer = daraja_http.post(PATH, body)
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "400.002.02"
    assert answer.json()["errorMessage"] == f"Bad Request - Invalid {field}"
    assert simulator.transactions() == []


def test_pochi_without_occasion_and_with_a_bad_token(simulator, daraja_http):
    body = _pochi(daraja_http)
    del body["Occassion"]
    assert daraja_http.post(PATH, body).json()["ResponseCode"] == "0"
    refused = daraja_http.post(PATH, _pochi(daraja_http), token="z" * 28)
    assert refused.status_code == 401  # as the sandbox answered it (reference 5.1)
    assert refused.json()["errorCode"] == "401.002.01"
