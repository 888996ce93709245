"""The book of accounts, reversal rules, duplicate ids and the initiator credential check."""

from __future__ import annotations

import pytest

from mpesa_desktop.simulator import Organisation, Simulator, SimulatorConfig
from tests.fixtures.simulator import DarajaHttp, wait_until


def _parameters(callback: dict) -> dict:
    items = callback["payload"]["Result"]["ResultParameters"]["ResultParameter"]
    return {item["Key"]: item.get("Value") for item in items}


def _accounts(packed: str) -> dict[str, float]:
    return {part.split("|")[0]: float(part.split("|")[2]) for part in packed.split("&")}


def test_b2c_then_balance_shows_the_debit_and_charge(simulator, daraja_http, callback_sink):
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/b2c"), Amount=2000))
    callback_sink.wait_for(1)
    daraja_http.send("account_balance",
                     daraja_http.body("account_balance", callback_sink.url("/balance")))
    balance = _accounts(_parameters(callback_sink.wait_for(2)[1])["AccountBalance"])
    assert balance["Utility Account"] == 1_000_000 - 2000
    assert balance["Charges Paid Account"] == -9.0
    assert balance["Working Account"] == 500_000
    assert simulator.balances()["customers"]["254708374149"] == 100_000 + 2000


def test_b2c_beyond_the_utility_account_is_insufficient():
    organisations = [Organisation("600000", "paybill", "Small Shop", {
        "Working Account": 1_000_000, "Utility Account": 500, "Charges Paid Account": 0})]
    config = SimulatorConfig(callback_delay=0.01, organisations=organisations)
    with Simulator(config) as sim:
        http = DarajaHttp(sim.url)
        try:
            http.send("b2c", http.body("b2c", Amount=501))
            http.send("b2c", http.body("b2c", Amount=500))
        finally:
            http.close()
        payouts = wait_until(lambda: [t for t in sim.transactions() if t["status"] != "pending"])
        assert [(t["status"], t["result_code"]) for t in payouts] == [
            ("failed", 1), ("completed", 0)]
        assert sim.balances()["organisations"]["600000"]["Utility Account"] == 0


@pytest.mark.parametrize(("amount", "code"), [(9, 2), (250_001, 3)])
def test_b2c_limits_come_back_as_result_codes(simulator, daraja_http, callback_sink, amount,
                                             code):
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/r"), Amount=amount))
    assert callback_sink.wait_for(1)[0]["payload"]["Result"]["ResultCode"] == code


def _paid_stk(simulator, daraja_http, callback_sink, amount: int = 700) -> str:
    daraja_http.send("stk_push", daraja_http.body("stk_push", callback_sink.url("/stk"),
                                                  Amount=amount))
    wait_until(lambda: callback_sink.payloads("/stk"))
    return next(t["receipt"] for t in simulator.transactions() if t["operation"] == "stk_push")


def test_stk_receipt_is_reversed_once(simulator, daraja_http, callback_sink):
    receipt = _paid_stk(simulator, daraja_http, callback_sink)
    before = simulator.balances()
    assert before["organisations"]["174379"]["Utility Account"] == 700
    assert before["customers"]["254708374149"] == 100_000 - 700
    body = daraja_http.body("reversal", callback_sink.url("/reversal"), TransactionID=receipt,
                            Amount=700)
    ack = daraja_http.send("reversal", body).json()
    assert ack["ResponseCode"] == "0"
    first = wait_until(lambda: callback_sink.payloads("/reversal"))[0]["Result"]
    assert first["ResultCode"] == 0
    assert first["TransactionID"] != receipt
    params = {i["Key"]: i.get("Value") for i in first["ResultParameters"]["ResultParameter"]}
    assert params["OriginalTransactionID"] == receipt
    assert params["Amount"] == 700.0
    assert params["DebitPartyPublicName"] == "174379 - Safaricom Daraja Express"
    after = simulator.balances()
    assert after["organisations"]["174379"]["Utility Account"] == 0
    assert after["customers"]["254708374149"] == 100_000

    daraja_http.send("reversal", body)
    second = wait_until(lambda: callback_sink.payloads("/reversal")[1:])[0]["Result"]
    assert second["ResultCode"] == "R000001"
    assert second["ResultDesc"] == "The transaction has already been reversed"
    assert "ResultParameters" not in second
    assert simulator.balances() == after


def test_c2b_receipt_can_be_reversed(simulator, daraja_http, callback_sink):
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate", Amount=80))
    payment = wait_until(lambda: [t for t in simulator.transactions()
                                  if t["status"] == "completed"])[0]
    daraja_http.send("reversal", daraja_http.body("reversal", callback_sink.url("/r"),
                                                  TransactionID=payment["receipt"],
                                                  Amount=80, ReceiverParty="600000"))
    assert callback_sink.wait_for(1)[0]["payload"]["Result"]["ResultCode"] == 0
    assert simulator.balances()["organisations"]["600000"]["Utility Account"] == 1_000_000


def test_unknown_and_b2c_receipts_cannot_be_reversed(simulator, daraja_http, callback_sink):
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/b2c")))
    b2c_receipt = wait_until(lambda: callback_sink.payloads("/b2c"))[0]["Result"]["TransactionID"]
    daraja_http.send("reversal", daraja_http.body("reversal", callback_sink.url("/unknown"),
                                                  TransactionID="ZZZ0000000"))
    unknown = wait_until(lambda: callback_sink.payloads("/unknown"))[0]["Result"]
    assert unknown["ResultCode"] == "R000002"
    daraja_http.send("reversal", daraja_http.body("reversal", callback_sink.url("/payout"),
                                                  TransactionID=b2c_receipt))
    payout = wait_until(lambda: callback_sink.payloads("/payout"))[0]["Result"]
    assert payout["ResultCode"] == 2028


def _reverse(daraja_http, callback_sink, path: str, **fields) -> dict:
    daraja_http.send("reversal", daraja_http.body("reversal", callback_sink.url(path), **fields))
    return wait_until(lambda: callback_sink.payloads(path))[0]["Result"]


def test_only_the_shortcode_that_was_paid_or_its_head_office_may_reverse(
        simulator, daraja_http, callback_sink):
    receipt = _paid_stk(simulator, daraja_http, callback_sink, amount=300)  # to 174379
    for path, party in (("/other", "600001"), ("/sandbox", "600997"), ("/store", "600100")):
        refused = _reverse(daraja_http, callback_sink, path, TransactionID=receipt, Amount=300,
                           ReceiverParty=party)
        assert (refused["ResultCode"], refused["ResultDesc"]) == (
            "R000002", "The OriginalTransactionID is invalid."), party
        assert refused["TransactionID"] == "OAK0000000"
    assert simulator.balances()["organisations"]["174379"]["Utility Account"] == 300
    by_head_office = _reverse(daraja_http, callback_sink, "/head-office", TransactionID=receipt,
                              Amount=300, ReceiverParty="600000")  # 174379's head office
    assert by_head_office["ResultCode"] == 0
    assert simulator.balances()["organisations"]["174379"]["Utility Account"] == 0


def test_a_till_payment_is_reversed_by_the_till_or_its_head_offices(simulator, daraja_http,
                                                                    callback_sink):
    for amount in (120, 130):
        daraja_http.send("stk_push", daraja_http.body(
            "stk_push", callback_sink.url("/stk"), TransactionType="CustomerBuyGoodsOnline",
            PartyB="600100", Amount=amount))
    wait_until(lambda: len(callback_sink.payloads("/stk")) == 2)
    receipts = [t["receipt"] for t in simulator.transactions()]
    assert _reverse(daraja_http, callback_sink, "/till", TransactionID=receipts[0], Amount=120,
                    ReceiverParty="600100")["ResultCode"] == 0
    assert _reverse(daraja_http, callback_sink, "/top", TransactionID=receipts[1], Amount=130,
                    ReceiverParty="600000")["ResultCode"] == 0
    assert simulator.balances()["organisations"]["600100"]["Merchant Account"] == 0


def test_a_reversal_of_more_than_was_paid_is_refused(simulator, daraja_http, callback_sink):
    receipt = _paid_stk(simulator, daraja_http, callback_sink, amount=500)
    more = _reverse(daraja_http, callback_sink, "/more", TransactionID=receipt, Amount=501)
    assert (more["ResultCode"], more["ResultDesc"]) == (25, "InvalidRequestParameters")
    assert simulator.balances()["customers"]["254708374149"] == 100_000 - 500
    part = _reverse(daraja_http, callback_sink, "/part", TransactionID=receipt, Amount=200)
    assert part["ResultCode"] == 0
    params = {i["Key"]: i.get("Value") for i in part["ResultParameters"]["ResultParameter"]}
    assert params["Amount"] == 200.0
    assert simulator.balances()["customers"]["254708374149"] == 100_000 - 300
    assert simulator.balances()["organisations"]["174379"]["Utility Account"] == 300


def test_duplicate_originator_conversation_id(simulator, daraja_http):
    body = daraja_http.body("b2c")
    assert daraja_http.send("b2c", body).ok
    again = daraja_http.send("b2c", {**body, "Amount": 200})
    assert again.status_code == 500
    assert again.json()["errorCode"] == "500.002.1001"
    assert again.json()["errorMessage"] == "Duplicate OriginatorConversationID."
    assert len(simulator.transactions()) == 1


@pytest.mark.parametrize("operation", ["b2c", "account_balance", "b2b", "transaction_status"])
def test_wrong_initiator_password_gives_2001(simulator, daraja_http, callback_sink, operation):
    wrong = daraja_http.credential("not-the-password")
    body = daraja_http.body(operation, callback_sink.url("/r"), SecurityCredential=wrong,
                            TransactionID="ABC1234567")
    assert daraja_http.send(operation, body).json()["ResponseCode"] == "0"
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["ResultCode"] == 2001
    assert result["ResultDesc"] == "The initiator information is invalid."
    assert simulator.balances()["organisations"]["600000"]["Utility Account"] == 1_000_000


def test_garbage_credential_and_unknown_initiator_give_2001(simulator, daraja_http,
                                                            callback_sink):
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/r"),
                                             SecurityCredential="not base64 at all"))
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/r"),
                                             InitiatorName="someone"))
    codes = [c["payload"]["Result"]["ResultCode"] for c in callback_sink.wait_for(2)]
    assert codes == [2001, 2001]


def test_accept_any_credential_mode(callback_sink):
    config = SimulatorConfig(callback_delay=0.01, accept_any_credential=True)
    with Simulator(config) as sim:
        http = DarajaHttp(sim.url)
        try:
            http.send("b2c", http.body("b2c", callback_sink.url("/r"), SecurityCredential="x"))
        finally:
            http.close()
        assert callback_sink.wait_for(1)[0]["payload"]["Result"]["ResultCode"] == 0


def test_transaction_status_by_receipt_and_unknown(simulator, daraja_http, callback_sink):
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/b2c"), Amount=300))
    receipt = wait_until(lambda: callback_sink.payloads("/b2c"))[0]["Result"]["TransactionID"]
    daraja_http.send("transaction_status", daraja_http.body(
        "transaction_status", callback_sink.url("/status"), TransactionID=receipt))
    status = wait_until(lambda: callback_sink.payloads("/status"))[0]["Result"]
    items = status["ResultParameters"]["ResultParameter"]
    keys = [item["Key"] for item in items]
    assert keys.count("DebitPartyName") == 2
    assert {"Key": "TransactionReason"} in items
    values = {item["Key"]: item.get("Value") for item in items}
    assert values["ReceiptNo"] == receipt
    assert values["TransactionStatus"] == "Completed"
    assert values["Amount"] == 300.0
    assert values["ReasonType"] == "Business Payment to Customer via API"
    assert values["DebitPartyCharges"] == "Fee For B2C Payment|KES|5.00"
    assert status["ReferenceData"]["ReferenceItem"] == {"Key": "Occasion"}

    daraja_http.send("transaction_status", daraja_http.body(
        "transaction_status", callback_sink.url("/missing"), TransactionID="QQQ1111111"))
    missing = wait_until(lambda: callback_sink.payloads("/missing"))[0]["Result"]
    assert missing["ResultCode"] == 2032
    assert missing["ResultDesc"] == "The transaction receipt number does not exist."


def test_b2b_beyond_the_working_account_is_insufficient(simulator, daraja_http, callback_sink):
    daraja_http.send("b2b", daraja_http.body("b2b", callback_sink.url("/r"), Amount=500_001))
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["ResultCode"] == 1
    assert result["ResultType"] == "0"
    assert result["ResultParameters"]["ResultParameter"]["Key"] == "BOCompletedTime"
    assert simulator.balances()["organisations"]["600001"]["Utility Account"] == 50_000


def test_status_of_an_stk_payment_and_of_its_reversal(simulator, daraja_http, callback_sink):
    receipt = _paid_stk(simulator, daraja_http, callback_sink, amount=40)
    daraja_http.send("reversal", daraja_http.body("reversal", callback_sink.url("/reversal"),
                                                  TransactionID=receipt))
    reversal = wait_until(lambda: callback_sink.payloads("/reversal"))[0]["Result"]
    for asked, path in ((receipt, "/payment"), (reversal["TransactionID"], "/refund")):
        daraja_http.send("transaction_status", daraja_http.body(
            "transaction_status", callback_sink.url(path), TransactionID=asked))
    names = {}
    for path in ("/payment", "/refund"):
        result = wait_until(lambda p=path: callback_sink.payloads(p))[0]["Result"]
        items = result["ResultParameters"]["ResultParameter"]
        names[path] = ([i["Value"] for i in items if i["Key"] == "DebitPartyName"],
                       next(i["Value"] for i in items if i["Key"] == "ReasonType"))
    customer = names["/payment"][0][0]
    assert customer.startswith("254708374149 - ")
    assert names["/payment"] == ([customer, "174379 - Safaricom Daraja Express"],
                                 "Customer Pay Bill Online")
    assert names["/refund"] == (["174379 - Safaricom Daraja Express", customer],
                                "Reversal via API")
