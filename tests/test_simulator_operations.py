"""Every simulator operation: its acknowledgement and its callback, over real HTTP."""

from __future__ import annotations

import hashlib
import re

import requests

from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.fixtures.simulator import DarajaHttp, wait_until


def _parameters(result: dict) -> dict:
    items = result["ResultParameters"]["ResultParameter"]
    items = items if isinstance(items, list) else [items]
    return {item["Key"]: item.get("Value") for item in items}


def test_stk_push_ack_query_and_callback(simulator, daraja_http, callback_sink):
    body = daraja_http.body("stk_push", callback_sink.url("/stk"), Amount=25)
    ack = daraja_http.send("stk_push", body)
    assert ack.status_code == 200
    ack_body = ack.json()
    assert ack_body["ResponseCode"] == "0"
    assert ack_body["ResponseDescription"] == "Success. Request accepted for processing"
    assert ack_body["CustomerMessage"] == "Success. Request accepted for processing"
    assert ack_body["CheckoutRequestID"].startswith("ws_CO_")
    query = daraja_http.body("stk_query", CheckoutRequestID=ack_body["CheckoutRequestID"])
    pending = daraja_http.send("stk_query", query)
    assert pending.status_code == 500
    assert pending.json()["errorCode"] == "500.001.1001"
    assert pending.json()["errorMessage"] == "The transaction is being processed"

    callback = callback_sink.wait_for(1)[0]
    assert callback["path"] == "/stk"
    stk = callback["payload"]["Body"]["stkCallback"]
    assert stk["MerchantRequestID"] == ack_body["MerchantRequestID"]
    assert stk["CheckoutRequestID"] == ack_body["CheckoutRequestID"]
    assert stk["ResultCode"] == 0
    items = stk["CallbackMetadata"]["Item"]
    assert items[0] == {"Name": "Amount", "Value": 25}
    assert re.fullmatch(r"[A-Z0-9]{10}", items[1]["Value"])
    assert items[2] == {"Name": "Balance"}
    assert isinstance(items[3]["Value"], int) and len(str(items[3]["Value"])) == 14
    assert items[4] == {"Name": "PhoneNumber", "Value": 254708374149}

    done = daraja_http.send("stk_query", query).json()
    assert done["ResultCode"] == "0"
    assert done["ResultDesc"] == "The service request is processed successfully."
    assert done["CheckoutRequestID"] == ack_body["CheckoutRequestID"]


def test_stk_buy_goods_credits_the_till(simulator, daraja_http, callback_sink):
    body = daraja_http.body("stk_push", callback_sink.url("/stk"),
                            TransactionType="CustomerBuyGoodsOnline", PartyB="600100",
                            Amount=300)
    assert daraja_http.send("stk_push", body).ok
    stk = callback_sink.wait_for(1)[0]["payload"]["Body"]["stkCallback"]
    assert stk["ResultCode"] == 0
    assert simulator.balances()["organisations"]["600100"]["Merchant Account"] == 300


def test_stk_pay_bill_to_a_till_is_not_permitted(simulator, daraja_http, callback_sink):
    body = daraja_http.body("stk_push", callback_sink.url("/stk"), PartyB="600100")
    daraja_http.send("stk_push", body)
    stk = callback_sink.wait_for(1)[0]["payload"]["Body"]["stkCallback"]
    assert stk["ResultCode"] == 2028
    assert "CallbackMetadata" not in stk


def test_stk_wrong_password_and_unknown_merchant(simulator, daraja_http):
    wrong = daraja_http.send("stk_push", daraja_http.body("stk_push", Password="bm9wZQ=="))
    assert wrong.status_code == 500
    assert wrong.json()["errorCode"] == "500.001.1001"
    assert wrong.json()["errorMessage"] == "Wrong credentials"
    unknown = daraja_http.send("stk_push", daraja_http.body("stk_push", BusinessShortCode="999999"))
    assert unknown.json()["errorMessage"] == "Merchant does not exist"
    assert simulator.transactions() == []


def test_b2c_ack_and_result(simulator, daraja_http, callback_sink):
    body = daraja_http.body("b2c", callback_sink.url("/result"), Amount=1500)
    ack = daraja_http.send("b2c", body).json()
    assert set(ack) == {"ConversationID", "OriginatorConversationID", "ResponseCode",
                        "ResponseDescription"}
    assert re.fullmatch(r"AG_\d{8}_[0-9a-f]{20}", ack["ConversationID"])
    assert ack["OriginatorConversationID"] == body["OriginatorConversationID"]
    assert ack["ResponseCode"] == "0"
    assert ack["ResponseDescription"] == "Accept the service request successfully."
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["ResultType"] == 0 and result["ResultCode"] == 0
    assert result["ConversationID"] == ack["ConversationID"]
    params = _parameters(result)
    assert params["TransactionAmount"] == 1500
    assert params["TransactionReceipt"] == result["TransactionID"]
    assert params["ReceiverPartyPublicName"].startswith("254708374149 - ")
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d", params["TransactionCompletedDateTime"])
    assert params["B2CUtilityAccountAvailableFunds"] == 1_000_000 - 1500
    assert params["B2CChargesPaidAccountAvailableFunds"] == -5.0
    assert params["B2CRecipientIsRegisteredCustomer"] == "Y"
    assert result["ReferenceData"]["ReferenceItem"] == {
        "Key": "QueueTimeoutURL",
        "Value": "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}


def test_b2c_v1_gets_a_daraja_originator_id(simulator, daraja_http):
    body = daraja_http.body("b2c")
    del body["OriginatorConversationID"]
    ack = daraja_http.post("/mpesa/b2c/v1/paymentrequest", body).json()
    assert ack["ResponseCode"] == "0"
    assert ack["OriginatorConversationID"]
    assert simulator.transactions()[0]["originator_conversation_id"] == (
        ack["OriginatorConversationID"])


def test_account_balance_result(simulator, daraja_http, callback_sink):
    ack = daraja_http.send("account_balance",
                           daraja_http.body("account_balance", callback_sink.url("/result")))
    assert ack.json()["ResponseCode"] == "0"
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["ResultType"] == "0" and result["ResultCode"] == 0
    params = _parameters(result)
    accounts = params["AccountBalance"].split("&")
    assert accounts[0] == "Working Account|KES|500000.00|500000.00|0.00|0.00"
    assert "Utility Account|KES|1000000.00|1000000.00|0.00|0.00" in accounts
    assert len(params["BOCompletedTime"]) == 14


def test_b2b_pay_bill_buy_goods_and_top_up(simulator, daraja_http, callback_sink):
    url = callback_sink.url("/result")
    daraja_http.send("b2b", daraja_http.body("b2b", url, Occassion="rent"))
    daraja_http.send("b2b", daraja_http.body("b2b", url, CommandID="BusinessBuyGoods",
                                             PartyB="600100", AccountReference=None))
    daraja_http.send("b2b", daraja_http.body("b2b", url, CommandID="BusinessPayToBulk",
                                             PartyB="600001"))
    results = [c["payload"]["Result"] for c in callback_sink.wait_for(3)]
    assert [r["ResultCode"] for r in results] == [0, 0, 0]
    first = results[0]
    assert first["ResultType"] == "0"
    params = _parameters(first)
    assert params["Amount"] == "239.00"
    assert params["Currency"] == "KES"
    assert params["ReceiverPartyPublicName"] == "600001 - Biller Company"
    assert params["DebitPartyAffectedAccountBalance"].startswith("Working Account|KES|")
    assert params["DebitAccountBalance"].startswith("{Amount={CurrencyCode=KES")
    reference = first["ReferenceData"]["ReferenceItem"]
    assert {"Key": "BillReferenceNumber", "Value": "353353"} in reference
    assert {"Key": "Occassion", "Value": "rent"} in reference
    assert {"Key": "Occassion"} in _reference_list(results[1])
    books = simulator.balances()["organisations"]
    assert books["600000"]["Working Account"] == 500_000 - 3 * 239
    assert books["600001"]["Utility Account"] == 50_000 + 2 * 239
    assert books["600100"]["Merchant Account"] == 239


def _reference_list(result: dict) -> list:
    items = result["ReferenceData"]["ReferenceItem"]
    return items if isinstance(items, list) else [items]


def test_b2b_to_an_unknown_shortcode(simulator, daraja_http, callback_sink):
    daraja_http.send("b2b", daraja_http.body("b2b", callback_sink.url("/result"),
                                             PartyB="123456"))
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["ResultCode"] == "SFC_IC0003"
    assert result["TransactionID"] == "OAK0000000"


def test_tax_remittance(simulator, daraja_http, callback_sink):
    ack = daraja_http.send("tax_remittance",
                           daraja_http.body("tax_remittance", callback_sink.url("/result")))
    assert ack.json()["ResponseDescription"] == "Accept the service request successfully."
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["ResultCode"] == 0
    assert _parameters(result)["ReceiverPartyPublicName"] == "572572 - Kenya Revenue Authority"
    assert simulator.balances()["organisations"]["572572"]["Utility Account"] == 500


def test_c2b_register_v2_and_simulate(simulator, daraja_http, callback_sink):
    simulator.set_c2b_validation("600000")
    register = daraja_http.send("c2b_register",
                                daraja_http.body("c2b_register", callback_sink.url("/result")))
    assert register.json()["ResponseCode"] == "00000000"
    assert register.json()["ResponseDescription"] == "Success"
    assert "OriginatorCoversationID" in register.json()
    simulate = daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate")).json()
    assert simulate["ResponseCode"] == "0"
    assert simulate["ResponseDescription"] == "Accept the service request successfully."
    assert "OriginatorCoversationID" in simulate
    validation, confirmation = callback_sink.wait_for(2)
    assert validation["path"] == "/validation"
    assert confirmation["path"] == "/confirmation"
    note = confirmation["payload"]
    assert note["TransactionType"] == "Pay Bill"
    assert note["TransAmount"] == "50.00"
    assert note["BusinessShortCode"] == "600000"
    assert note["BillRefNumber"] == "ACC1"
    assert note["MSISDN"] == "2547 ***** 149"
    assert validation["payload"]["OrgAccountBalance"] == ""
    assert note["OrgAccountBalance"] == f"{1_000_000 + 50:.2f}"
    assert validation["payload"]["TransID"] == note["TransID"]


def test_c2b_register_v1_hashes_the_msisdn(simulator, daraja_http, callback_sink):
    simulator.set_c2b_validation("600000")
    register = daraja_http.post("/mpesa/c2b/v1/registerurl",
                                daraja_http.body("c2b_register", callback_sink.url("/result")))
    assert register.json()["ResponseCode"] == "0"
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate"))
    note = callback_sink.wait_for(2)[1]["payload"]
    assert note["MSISDN"] == hashlib.sha256(b"254708374149").hexdigest()


def test_c2b_validation_can_reject(simulator, daraja_http, callback_sink):
    simulator.set_c2b_validation("600000")
    callback_sink.validation_answer = {"ResultCode": "C2B00012", "ResultDesc": "Rejected"}
    daraja_http.send("c2b_register", daraja_http.body("c2b_register", callback_sink.url("/r")))
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate"))
    assert [c["path"] for c in callback_sink.wait_for(1)] == ["/validation"]
    payment = wait_until(lambda: [t for t in simulator.transactions()
                                  if t["status"] == "failed"])[0]
    assert payment["result_code"] == "C2B00012"
    assert payment["receipt"] is None


def test_c2b_buy_goods(simulator, daraja_http, callback_sink):
    simulator.set_c2b_validation("600100")
    daraja_http.send("c2b_register", daraja_http.body(
        "c2b_register", callback_sink.url("/r"), ShortCode="600100"))
    daraja_http.send("c2b_simulate", daraja_http.body(
        "c2b_simulate", ShortCode="600100", CommandID="CustomerBuyGoodsOnline",
        BillRefNumber=None))
    note = callback_sink.wait_for(2)[1]["payload"]
    assert note["TransactionType"] == "Buy Goods"
    assert note["BillRefNumber"] == ""


def test_c2b_validation_is_off_unless_enabled_for_the_shortcode(simulator, daraja_http,
                                                                callback_sink):
    callback_sink.validation_answer = {"ResultCode": "C2B00012", "ResultDesc": "Rejected"}
    for shortcode in ("600000", "600001"):
        daraja_http.send("c2b_register", daraja_http.body(
            "c2b_register", callback_sink.url("/r"), ShortCode=shortcode))
    enabled = requests.post(f"{simulator.url}/admin/c2b-validation",
                            json={"shortcode": "600001", "enabled": True}, timeout=5)
    assert enabled.json() == {"c2b_validation": ["600001"]}
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate", ShortCode="600000"))
    note = wait_until(lambda: callback_sink.payloads("/confirmation"))[0]
    assert note["BusinessShortCode"] == "600000"
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate", ShortCode="600001"))
    wait_until(lambda: callback_sink.payloads("/validation"))
    outcomes = wait_until(lambda: all(t["status"] != "pending" for t in simulator.transactions())
                          and simulator.transactions())
    assert [(t["party_b"], t["status"]) for t in outcomes] == [
        ("600000", "completed"), ("600001", "failed")]
    assert [c["path"] for c in callback_sink.received] == ["/confirmation", "/validation"]
    disabled = requests.post(f"{simulator.url}/admin/c2b-validation",
                             json={"shortcode": 600001, "enabled": False}, timeout=5)
    assert disabled.json() == {"c2b_validation": []}
    bad = requests.post(f"{simulator.url}/admin/c2b-validation", json={"enabled": True},
                        timeout=5)
    assert bad.status_code == 400 and "shortcode" in bad.json()["error"]


def test_c2b_validation_enabled_from_the_config(callback_sink):
    config = SimulatorConfig(callback_delay=0.01, c2b_validation=frozenset({"600000"}))
    with Simulator(config) as sim:
        http = DarajaHttp(sim.url)
        try:
            http.send("c2b_register", http.body("c2b_register", callback_sink.url("/r")))
            http.send("c2b_simulate", http.body("c2b_simulate"))
        finally:
            http.close()
        assert [c["path"] for c in callback_sink.wait_for(2)] == ["/validation", "/confirmation"]


def test_c2b_without_registered_urls_completes_silently(simulator, daraja_http, callback_sink):
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate", Amount=70))
    payment = wait_until(lambda: [t for t in simulator.transactions()
                                  if t["status"] == "completed"])[0]
    assert payment["operation"] == "c2b_simulate"
    assert simulator.balances()["organisations"]["600000"]["Utility Account"] == 1_000_070
    assert simulator.callbacks() == []


def test_c2b_unreachable_validation_applies_the_response_type(simulator, daraja_http,
                                                             callback_sink):
    for shortcode in ("600000", "600001"):
        simulator.set_c2b_validation(shortcode)
    dead = "http://127.0.0.1:9"
    daraja_http.send("c2b_register", daraja_http.body(
        "c2b_register", ShortCode="600000", ResponseType="Cancelled",
        ValidationURL=f"{dead}/validation", ConfirmationURL=callback_sink.url("/confirmation")))
    daraja_http.send("c2b_register", daraja_http.body(
        "c2b_register", ShortCode="600001", ResponseType="Completed",
        ValidationURL=f"{dead}/validation", ConfirmationURL=callback_sink.url("/confirmation")))
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate", ShortCode="600000"))
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate", ShortCode="600001"))
    confirmation = callback_sink.wait_for(1)[0]["payload"]
    assert confirmation["BusinessShortCode"] == "600001"
    outcomes = wait_until(lambda: all(t["status"] != "pending" for t in simulator.transactions())
                          and simulator.transactions())
    assert [(t["party_b"], t["status"]) for t in outcomes] == [
        ("600000", "failed"), ("600001", "completed")]


def test_stk_above_the_maximum_is_declined(simulator, daraja_http, callback_sink):
    daraja_http.send("stk_push", daraja_http.body("stk_push", callback_sink.url("/stk"),
                                                  Amount=250_001))
    stk = callback_sink.wait_for(1)[0]["payload"]["Body"]["stkCallback"]
    assert stk["ResultCode"] == 3


def test_stk_customer_without_enough_money(simulator, daraja_http, callback_sink):
    daraja_http.send("stk_push", daraja_http.body("stk_push", callback_sink.url("/stk"),
                                                  Amount=100_001))
    stk = callback_sink.wait_for(1)[0]["payload"]["Body"]["stkCallback"]
    assert stk["ResultCode"] == 1
    assert stk["ResultDesc"] == "The balance is insufficient for the transaction."
