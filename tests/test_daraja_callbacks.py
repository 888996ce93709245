"""Callback parsers on daraja-reference.md's sample payloads and on hostile ones."""

from __future__ import annotations

import copy
import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from mpesa_desktop.daraja.callbacks import (
    AccountBalance,
    CallbackResult,
    parse_balances,
    parse_callback,
    parse_stk_query,
)

STK_SUCCESS = {"Body": {"stkCallback": {
    "MerchantRequestID": "29115-34620561-1",
    "CheckoutRequestID": "ws_CO_191220191020363925",
    "ResultCode": 0,
    "ResultDesc": "The service request is processed successfully.",
    "CallbackMetadata": {"Item": [
        {"Name": "Amount", "Value": 1.00},
        {"Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV"},
        {"Name": "Balance"},
        {"Name": "TransactionDate", "Value": 20191219102115},
        {"Name": "PhoneNumber", "Value": 254708374149},
    ]},
}}}

STK_CANCELLED = {"Body": {"stkCallback": {
    "MerchantRequestID": "f1e2-4b95-a71d-b30d3cdbb7a7942864",
    "CheckoutRequestID": "ws_CO_21072024125243250722943992",
    "ResultCode": 1032, "ResultDesc": "Request cancelled by user"}}}

B2C_SUCCESS = {"Result": {
    "ResultType": 0, "ResultCode": 0,
    "ResultDesc": "The service request is processed successfully.",
    "OriginatorConversationID": "600997_Test_32et3241ed8yu",
    "ConversationID": "AG_20240706_20106e9209f64bebd05b",
    "TransactionID": "SG632NMUAB",
    "ResultParameters": {"ResultParameter": [
        {"Key": "TransactionAmount", "Value": 10},
        {"Key": "TransactionReceipt", "Value": "SG632NMUAB"},
        {"Key": "ReceiverPartyPublicName", "Value": "254705912645 - NICHOLAS JOHN SONGOK"},
        {"Key": "TransactionCompletedDateTime", "Value": "06.07.2024 22:48:52"},
        {"Key": "B2CUtilityAccountAvailableFunds", "Value": 8959269.6},
        {"Key": "B2CWorkingAccountAvailableFunds", "Value": 1199371.0},
        {"Key": "B2CRecipientIsRegisteredCustomer", "Value": "Y"},
        {"Key": "B2CChargesPaidAccountAvailableFunds", "Value": -1980.0},
    ]},
    "ReferenceData": {"ReferenceItem": {
        "Key": "QueueTimeoutURL",
        "Value": "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}},
}}

B2C_FAILED = {"Result": {
    "ResultType": 0, "ResultCode": 2001, "ResultDesc": "The initiator information is invalid.",
    "OriginatorConversationID": "abc", "ConversationID": "AG_20240706_x",
    "TransactionID": "SG722NMVXQ",
    "ResultParameters": {"ResultParameter": {"Key": "BOCompletedTime", "Value": 20200120164825}},
    "ReferenceData": {"ReferenceItem": {"Key": "QueueTimeoutURL"}},
}}

BALANCE = {"Result": {
    "ResultType": "0", "ResultCode": "0",
    "ResultDesc": "The service request is processed successfully.",
    "OriginatorConversationID": "515-5258779-3", "ConversationID": "AG_20200123_0000417fed8",
    "TransactionID": "OAK0000000",
    "ResultParameters": {"ResultParameter": [
        {"Key": "AccountBalance",
         "Value": "Working Account|KES|700000.00|700000.00|0.00|0.00&Float Account|KES|0.00|0.00"
                  "|0.00|0.00&Utility Account|KES|228037.00|228037.00|0.00|0.00&Charges Paid "
                  "Account|KES|-1540.00|-1540.00|0.00|0.00&Organization Settlement Account|KES|"
                  "0.00|0.00|0.00|0.00"},
        {"Key": "BOCompletedTime", "Value": "20200109125710"},
    ]},
}}

BALANCE_LOCKED = {"Result": {
    "ResultType": 0, "ResultCode": 8006, "ResultDesc": "The security credential is locked.",
    "OriginatorConversationID": "o", "ConversationID": "c", "TransactionID": "XXXXXXXXXX",
    "ResultParameters": {"ResultParameter": [
        {"Key": "ActionType", "Value": "AccountBalance"},
        {"Key": "ErrorMsg", "Value": "API Password is locked. "},
        {"Key": "BOCompletedTime", "Value": 20261006093245},
    ]},
}}

B2B_SUCCESS = {"Result": {
    "ResultType": "0", "ResultCode": "0", "ResultDesc": "The service request is processed.",
    "OriginatorConversationID": "5118-111210482-1",
    "ConversationID": "AG_20230420_2010759fd5662ef6d054", "TransactionID": "QKA81LK5CY",
    "ResultParameters": {"ResultParameter": [
        {"Key": "DebitAccountBalance",
         "Value": "{Amount={CurrencyCode=KES, MinimumAmount=618683, BasicAmount=6186.83}}"},
        {"Key": "Amount", "Value": "190.00"},
        {"Key": "DebitPartyAffectedAccountBalance",
         "Value": "Working Account|KES|346568.83|6186.83|340382.00|0.00"},
        {"Key": "TransCompletedTime", "Value": "20221110110717"},
        {"Key": "DebitPartyCharges", "Value": ""},
        {"Key": "ReceiverPartyPublicName", "Value": "000000 – Biller Company"},
        {"Key": "Currency", "Value": "KES"},
    ]},
    "ReferenceData": {"ReferenceItem": [
        {"Key": "BillReferenceNumber", "Value": "19008"},
        {"Key": "QueueTimeoutURL", "Value": "https://internalsandbox.safaricom.co.ke/x"},
        {"Key": "Occassion"},
    ]},
}}

REVERSAL = {"Result": {
    "ResultType": 0, "ResultCode": 0, "ResultDesc": "The service request is processed.",
    "OriginatorConversationID": "f1e2", "ConversationID": "AG_20211114_x",
    "TransactionID": "SKE52PAWR9",
    "ResultParameters": {"ResultParameter": [
        {"Key": "DebitAccountBalance", "Value": "Utility Account|KES|7722179.62|7722179.62|0.00|0"},
        {"Key": "Amount", "Value": 1.0},
        {"Key": "TransCompletedTime", "Value": 20211114132711},
        {"Key": "OriginalTransactionID", "Value": "SKC82PACB8"},
        {"Key": "Charge", "Value": 0.0},
        {"Key": "CreditPartyPublicName", "Value": "254705912645 - NICHOLAS JOHN SONGOK"},
        {"Key": "DebitPartyPublicName", "Value": "600992 - Safaricom Daraja 992"},
    ]},
}}

STATUS = {"Result": {
    "ResultType": 0, "ResultCode": 0, "ResultDesc": "The service request is processed.",
    "OriginatorConversationID": "q-1", "ConversationID": "AG_status",
    "TransactionID": "MBN0000000",
    "ResultParameters": {"ResultParameter": [
        {"Key": "DebitPartyName", "Value": "600310 - Safaricom333"},
        {"Key": "DebitPartyName", "Value": "254708374149 - John Doe"},
        {"Key": "OriginatorConversationID", "Value": "orig-42"},
        {"Key": "InitiatedTime", "Value": 20180223054112},
        {"Key": "DebitAccountType", "Value": "Utility Account"},
        {"Key": "DebitPartyCharges", "Value": "Fee For B2C Payment|KES|22.40"},
        {"Key": "TransactionReason"},
        {"Key": "ReasonType", "Value": "Business Payment to Customer via API"},
        {"Key": "TransactionStatus", "Value": "Completed"},
        {"Key": "FinalisedTime", "Value": 20180223054112},
        {"Key": "Amount", "Value": "300"},
        {"Key": "ConversationID", "Value": "AG_20180223_0000493344ae97d86f75"},
        {"Key": "ReceiptNo", "Value": "MBN31H462N"},
    ]},
    "ReferenceData": {"ReferenceItem": {"Key": "Occasion"}},
}}

TIMEOUT = {"Result": {"ResultType": 1, "ResultCode": 1,
                      "ResultDesc": "The service request timed out.",
                      "OriginatorConversationID": "o-9", "ConversationID": "AG_t"}}

C2B_V2 = {
    "TransactionType": "Pay Bill", "TransID": "RKL51ZDR4F", "TransTime": "20231121121325",
    "TransAmount": "5.00", "BusinessShortCode": "600966", "BillRefNumber": "Sample Transaction",
    "InvoiceNumber": "", "OrgAccountBalance": "25.00", "ThirdPartyTransID": "",
    "MSISDN": "2547 ***** 126", "FirstName": "NICHOLAS", "MiddleName": "", "LastName": "",
}


def test_stk_success():
    result = parse_callback(STK_SUCCESS)
    assert (result.kind, result.status, result.result_code) == ("stk", "completed", "0")
    assert result.receipt == "NLJ7RT61SV"
    assert result.amount == 1
    assert result.phone == "254708374149"
    assert result.merchant_request_id == "29115-34620561-1"
    assert result.checkout_request_id == "ws_CO_191220191020363925"
    assert result.completed_at == datetime(2019, 12, 19, 7, 21, 15, tzinfo=UTC)
    assert result.parameters["Balance"] is None
    assert result.meaning == "Completed successfully."
    assert result.raw is STK_SUCCESS


def test_stk_real_capture_time_is_eat():
    payload = copy.deepcopy(STK_SUCCESS)
    payload["Body"]["stkCallback"]["CallbackMetadata"]["Item"][3]["Value"] = 20261006095233
    assert parse_callback(payload, "stk").completed_at == \
        datetime(2026, 10, 6, 6, 52, 33, tzinfo=UTC)


def test_stk_cancelled():
    result = parse_callback(STK_CANCELLED, "stk")
    assert (result.status, result.result_code, result.receipt) == ("failed", "1032", None)
    assert "cancelled" in result.meaning


def test_b2c_success():
    result = parse_callback(B2C_SUCCESS, "result")
    assert (result.status, result.receipt, result.amount) == ("completed", "SG632NMUAB", 10)
    assert result.originator_conversation_id == "600997_Test_32et3241ed8yu"
    assert result.conversation_id == "AG_20240706_20106e9209f64bebd05b"
    assert result.counterparty == "254705912645 - NICHOLAS JOHN SONGOK"
    assert result.phone == "254705912645"
    assert result.completed_at == datetime(2024, 7, 6, 19, 48, 52, tzinfo=UTC)
    assert result.parameters["QueueTimeoutURL"].startswith("https://internalsandbox")


def test_b2c_failure_single_object_parameter_and_placeholder_receipt():
    result = parse_callback(B2C_FAILED)
    assert (result.status, result.result_code, result.receipt) == ("failed", "2001", None)
    assert result.parameters == {"BOCompletedTime": 20200120164825, "QueueTimeoutURL": None}
    assert result.completed_at == datetime(2020, 1, 20, 13, 48, 25, tzinfo=UTC)
    assert "initiator" in result.meaning.lower() or "PIN" in result.meaning


def test_account_balance_per_account():
    result = parse_callback(BALANCE, "result")
    assert result.status == "completed"
    assert result.receipt is None  # OAK0000000 is a placeholder
    assert [b.account for b in result.balances] == [
        "Working Account", "Float Account", "Utility Account", "Charges Paid Account",
        "Organization Settlement Account"]
    assert result.balances[2] == AccountBalance("Utility Account", "KES", Decimal("228037.00"),
                                                Decimal("228037.00"), Decimal("0.00"),
                                                Decimal("0.00"))
    assert result.balances[3].current == Decimal("-1540.00")
    assert result.completed_at == datetime(2020, 1, 9, 9, 57, 10, tzinfo=UTC)


def test_account_balance_locked():
    result = parse_callback(BALANCE_LOCKED)
    assert (result.status, result.result_code, result.receipt) == ("failed", "8006", None)
    assert result.balances == []
    assert result.parameters["ErrorMsg"] == "API Password is locked. "
    assert "locked" in result.meaning


def test_b2b_success():
    result = parse_callback(B2B_SUCCESS)
    assert (result.status, result.receipt, result.amount) == ("completed", "QKA81LK5CY", 190)
    assert result.counterparty == "000000 – Biller Company"
    assert result.phone is None
    assert result.parameters["BillReferenceNumber"] == "19008"
    assert result.parameters["Occassion"] is None
    assert result.completed_at == datetime(2022, 11, 10, 8, 7, 17, tzinfo=UTC)


def test_reversal_success():
    result = parse_callback(REVERSAL)
    assert (result.receipt, result.amount) == ("SKE52PAWR9", 1)
    assert result.parameters["OriginalTransactionID"] == "SKC82PACB8"
    assert result.counterparty == "254705912645 - NICHOLAS JOHN SONGOK"


def test_transaction_status_reports_the_original_transaction():
    result = parse_callback(STATUS)
    assert result.status == "completed"
    assert result.original_transaction == {
        "receipt": "MBN31H462N", "originator_conversation_id": "orig-42",
        "conversation_id": "AG_20180223_0000493344ae97d86f75", "status": "Completed",
        "amount": 300}
    assert result.parameters["DebitPartyName"] == "600310 - Safaricom333"
    assert result.parameters["DebitPartyName_2"] == "254708374149 - John Doe"
    assert result.counterparty == "254708374149 - John Doe"
    assert result.parameters["TransactionReason"] is None
    assert result.receipt is None


def test_queue_timeout():
    result = parse_callback(TIMEOUT, "timeout")
    assert (result.kind, result.status) == ("timeout", "timed_out")
    assert result.originator_conversation_id == "o-9"
    assert "check its status" in result.meaning


def test_c2b_confirmation_and_validation():
    result = parse_callback(C2B_V2)
    assert (result.kind, result.status) == ("c2b_confirmation", "completed")
    assert (result.receipt, result.amount, result.counterparty) == \
        ("RKL51ZDR4F", 5, "NICHOLAS")
    assert result.phone == "2547 ***** 126"
    assert result.completed_at == datetime(2023, 11, 21, 9, 13, 25, tzinfo=UTC)
    validation = parse_callback(C2B_V2, "c2b_validation")
    assert (validation.kind, validation.status) == ("c2b_validation", "pending")


def test_c2b_v1_hashed_msisdn_is_kept_as_text():
    payload = dict(C2B_V2, MSISDN="94c2c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88")
    assert parse_callback(payload, "c2b_confirmation").phone == payload["MSISDN"]


def test_stk_query_answers():
    done = parse_stk_query({"ResponseCode": "0", "ResponseDescription": "accepted",
                            "MerchantRequestID": "m", "CheckoutRequestID": "ws_CO_1",
                            "ResultCode": "0",
                            "ResultDesc": "The service request is processed successfully."})
    assert (done.kind, done.status, done.result_code) == ("stk_query", "completed", "0")
    no_answer = parse_stk_query({"ResponseCode": "0", "CheckoutRequestID": "ws_CO_1",
                                 "ResultCode": "1037", "ResultDesc": "No response from user."})
    assert (no_answer.status, no_answer.result_code) == ("failed", "1037")
    processing = parse_stk_query({"requestId": "1", "errorCode": "500.001.1001",
                                  "errorMessage": "The transaction is being processed"})
    assert processing.status == "pending"
    assert parse_stk_query({"ResultCode": "4999"}).status == "pending"
    assert parse_callback({"CheckoutRequestID": "x", "ResultCode": "1032"}).kind == "stk_query"


def test_parse_balances_tolerates_short_and_bad_fields():
    balances = parse_balances("Working Account|KES|12.5|abc&&Utility Account")
    assert balances == [
        AccountBalance("Working Account", "KES", Decimal("12.50"), None, None, None),
        AccountBalance("Utility Account", "KES", None, None, None, None)]
    assert parse_balances(12345) == []


@pytest.mark.parametrize("value", [5, "5", "5.00", 5.0, " 5 "])
def test_amount_forms(value):
    payload = copy.deepcopy(B2B_SUCCESS)
    payload["Result"]["ResultParameters"]["ResultParameter"][1]["Value"] = value
    assert parse_callback(payload).amount == 5


@pytest.mark.parametrize("code", [0, "0", 0.0, "00000000"])
def test_code_forms(code):
    payload = copy.deepcopy(B2C_SUCCESS)
    payload["Result"]["ResultCode"] = code
    result = parse_callback(payload)
    assert (result.result_code, result.status) == ("0", "completed")


@pytest.mark.parametrize("receipt", ["OAK0000000", "XXXXXXXXXX", "SHORT", "lower case", "", None,
                                     12345, {"x": 1}])
def test_receipts_that_are_not_receipts(receipt):
    payload = copy.deepcopy(STK_SUCCESS)
    payload["Body"]["stkCallback"]["CallbackMetadata"]["Item"][1]["Value"] = receipt
    assert parse_callback(payload).receipt is None


HOSTILE = [
    {},
    {"Result": None},
    {"Result": []},
    {"Result": "nope"},
    {"Result": {"ResultCode": None, "ResultParameters": "x"}},
    {"Result": {"ResultCode": {"a": 1}, "ResultParameters": {"ResultParameter": [1, "x", None]}}},
    {"Result": {"ResultCode": 0, "ResultParameters": {"ResultParameter": [{"Value": 3},
                                                                          {"Key": None}]}}},
    {"Result": {"ResultCode": 0, "ResultParameters": {"ResultParameter": [
        {"Key": "AccountBalance", "Value": ["list"]},
        {"Key": "TransactionAmount", "Value": "NaN"},
        {"Key": "TransactionCompletedDateTime", "Value": "31.02.2024 25:00:00"},
        {"Key": "ReceiverPartyPublicName", "Value": {"nested": True}}]}}},
    {"Body": None},
    {"Body": {"stkCallback": None}},
    {"Body": {"stkCallback": {"ResultCode": "0", "CallbackMetadata": {"Item": {
        "Name": "Amount", "Value": True}}}}},
    {"Body": {"stkCallback": {"CallbackMetadata": []}}},
    {"TransID": None, "TransAmount": [], "TransTime": "garbage", "FirstName": 7},
    {"errorCode": None},
    {"TransAmount": "1e999", "TransTime": 99999999999999},
    {"Result": {"ResultCode": 0, "ResultParameters": {"ResultParameter": [
        {"Key": "AccountBalance", "Value": "Working|KES|1e999|nan|-inf|"},
        {"Key": "Amount", "Value": float("nan")}]}}},
    {"unexpected": "shape"},
]


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("kind", [None, "result", "timeout", "stk", "c2b_confirmation"])
def test_hostile_payloads_never_raise(payload, kind):
    result = parse_callback(payload, kind)
    assert isinstance(result, CallbackResult)
    assert result.status in ("completed", "failed", "timed_out", "pending")
    assert result.receipt is None
    assert isinstance(result.result_code, str)


def test_stk_item_with_boolean_amount_has_no_amount():
    assert parse_callback(HOSTILE[10]).amount is None


@pytest.mark.parametrize("payload", [None, [], "text", 3, [STK_SUCCESS]])
def test_non_dicts_raise_a_clear_value_error(payload):
    with pytest.raises(ValueError, match="must be a JSON object"):
        parse_callback(payload)
    with pytest.raises(ValueError, match="must be a JSON object"):
        parse_stk_query(payload)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown callback kind"):
        parse_callback({}, "b2c")


def random_payloads(count: int, seed: int = 7):
    """Seeded random nestings of Daraja's own keys and awkward values."""
    rng = random.Random(seed)
    atoms = [None, True, 0, 1.5, float("nan"), float("inf"), "", "0", "x", "OAK0000000",
             "NLJ7RT61SV", "20191219102115", "06.07.2024 22:48:52", "W|KES|1e999|x&&|",
             [], {}, 10**30, "1e999", "00000000"]
    keys = ["Result", "Body", "stkCallback", "ResultCode", "ResultDesc", "ResultParameters",
            "ResultParameter", "ReferenceData", "ReferenceItem", "CallbackMetadata", "Item",
            "TransID", "TransAmount", "TransTime", "MSISDN", "FirstName", "errorCode",
            "CheckoutRequestID", "OriginatorConversationID"]
    names = ["AccountBalance", "TransactionReceipt", "TransactionAmount", "ReceiptNo",
             "TransactionStatus", "Amount", "DebitPartyName", "TransactionCompletedDateTime",
             "PhoneNumber", "TransactionDate", "MpesaReceiptNumber", "BOCompletedTime"]

    def value(depth: int):
        roll = rng.random()
        if depth > 4 or roll < 0.3:
            return rng.choice(atoms)
        if roll < 0.5:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        if roll < 0.7:
            return {rng.choice(["Key", "Name"]): rng.choice(names), "Value": rng.choice(atoms)}
        return {rng.choice(keys): value(depth + 1) for _ in range(rng.randint(0, 4))}

    return [{rng.choice(keys): value(1) for _ in range(rng.randint(0, 4))} for _ in range(count)]


def test_random_hostile_payloads_never_raise():
    for payload in random_payloads(1500):
        for kind in (None, "result", "timeout", "stk", "c2b_confirmation"):
            assert parse_callback(payload, kind).status in (
                "completed", "failed", "timed_out", "pending")
        assert isinstance(parse_stk_query(payload).result_code, str)
