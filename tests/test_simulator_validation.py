"""Daraja's field checks: Content-Type, JSON, then each field in order (400.002.02)."""

from __future__ import annotations

import pytest

from mpesa_desktop.simulator.app import ENDPOINTS
from tests.fixtures.simulator import PATHS


def _invalid(response) -> str:
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"requestId", "errorCode", "errorMessage"}
    assert body["errorCode"] == "400.002.02"
    prefix = "Bad Request - Invalid "
    assert body["errorMessage"].startswith(prefix)
    return body["errorMessage"][len(prefix):]


@pytest.mark.parametrize(("operation", "first"), [
    ("stk_push", "BusinessShortCode"),
    ("b2c", "OriginatorConversationID"),
    ("account_balance", "Initiator"),
    ("c2b_register", "ShortCode"),
])
def test_wrong_content_type_names_the_first_field(simulator, daraja_http, operation, first):
    body = daraja_http.body(operation)
    response = daraja_http.post(PATHS[operation], None, data=str(body),
                                headers={"Content-Type": "text/plain"})
    assert _invalid(response) == first


@pytest.mark.parametrize("path", sorted(ENDPOINTS))
def test_malformed_json_is_an_invalid_payload_on_every_endpoint(simulator, daraja_http, path):
    for data in ("{not json", "[1, 2]", "", b"\xff\xfe"):
        response = daraja_http.post(path, None, data=data,
                                    headers={"Content-Type": "application/json"})
        assert response.status_code == 400, (path, data)
        assert response.json()["errorCode"] == "400.002.05"
        assert response.json()["errorMessage"] == "Invalid Request Payload"
    assert simulator.transactions() == []


B2C_ORDER = ["OriginatorConversationID", "InitiatorName", "SecurityCredential", "CommandID",
             "Amount", "PartyA", "PartyB", "Remarks", "QueueTimeOutURL", "ResultURL"]


@pytest.mark.parametrize("missing", B2C_ORDER)
def test_each_missing_b2c_field(simulator, daraja_http, missing):
    body = daraja_http.body("b2c")
    del body[missing]
    assert _invalid(daraja_http.send("b2c", body)) == missing


def test_the_first_bad_field_in_daraja_order_wins(simulator, daraja_http):
    body = daraja_http.body("b2c", Remarks="x", PartyB="0712345678", Amount="ten")
    assert _invalid(daraja_http.send("b2c", body)) == "Amount"


@pytest.mark.parametrize(("operation", "overrides", "field"), [
    ("b2c", {"PartyB": "254812345678"}, "PartyB"),
    ("b2c", {"Amount": "1.5"}, "Amount"),
    ("b2c", {"Amount": 0}, "Amount"),
    ("b2c", {"CommandID": "Payment"}, "CommandID"),
    ("b2c", {"Remarks": "x"}, "Remarks"),
    ("b2c", {"ResultURL": "https://host/with space"}, "ResultURL"),
    ("b2c", {"PartyA": "1234"}, "PartyA"),
    ("stk_push", {"AccountReference": "A" * 13}, "AccountReference"),
    ("stk_push", {"TransactionDesc": "D" * 14}, "TransactionDesc"),
    ("stk_push", {"Timestamp": "2024"}, "Timestamp"),
    ("stk_push", {"TransactionType": "PayBill"}, "TransactionType"),
    ("stk_push", {"PhoneNumber": "0708374149"}, "PhoneNumber"),
    ("stk_push", {"CallBackURL": "ftp://x"}, "CallBackURL"),
    ("c2b_register", {"ConfirmationURL": "http://127.0.0.1/mpesa/confirm"}, "ConfirmationURL"),
    ("c2b_register", {"ValidationURL": "http://127.0.0.1/SQL"}, "ValidationURL"),
    ("c2b_register", {"ResponseType": "completed"}, "ResponseType"),
    ("c2b_register", {"ShortCode": "999999"}, "ShortCode"),
    ("c2b_simulate", {"Msisdn": "254708"}, "Msisdn"),
    ("b2b", {"RecieverIdentifierType": "2"}, "RecieverIdentifierType"),
    ("b2b", {"AccountReference": None}, "AccountReference"),
    ("b2b", {"AccountReference": "A" * 14}, "AccountReference"),
    ("tax_remittance", {"PartyB": "600001"}, "PartyB"),
    ("account_balance", {"IdentifierType": "3"}, "IdentifierType"),
    ("reversal", {"RecieverIdentifierType": "4", "TransactionID": "ABC"},
     "RecieverIdentifierType"),
    ("reversal", {"TransactionID": ""}, "TransactionID"),
    ("transaction_status", {"TransactionID": None}, "TransactionID"),
])
def test_bad_field(simulator, daraja_http, operation, overrides, field):
    body = daraja_http.body(operation, **overrides)
    body = {key: value for key, value in body.items() if value is not None}
    assert _invalid(daraja_http.send(operation, body)) == field
    assert simulator.transactions() == []


def test_numbers_and_strings_are_both_accepted(simulator, daraja_http):
    body = daraja_http.body("b2c", Amount="150", PartyA=600000, PartyB=254708374149)
    assert daraja_http.send("b2c", body).json()["ResponseCode"] == "0"
    stk = daraja_http.body("stk_push", BusinessShortCode=174379, Amount=1.0,
                           PartyA=254708374149, PartyB=174379, PhoneNumber=254708374149)
    del stk["TransactionDesc"]
    assert daraja_http.send("stk_push", stk).json()["ResponseCode"] == "0"
    assert [t["operation"] for t in simulator.transactions()] == ["b2c", "stk_push"]


def test_optional_occasion_spellings_are_not_validated(simulator, daraja_http):
    body = daraja_http.body("b2c")
    body.pop("Occassion")
    body["Occasion"] = "x" * 500
    assert daraja_http.send("b2c", body).ok
