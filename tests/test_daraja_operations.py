"""build_request writes Daraja's exact wire bodies and paths (misspellings included)."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import pytest

from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.daraja.operations import build_request
from tests.daraja_samples import CALLBACK, SANDBOX_PASSKEY, valid_fields

NOW = datetime(2021, 6, 28, 6, 24, 8, tzinfo=UTC)  # 09:24:08 EAT
CREDENTIAL = "c2VjdXJpdHktY3JlZGVudGlhbA=="
URLS = {"QueueTimeOutURL": f"{CALLBACK}/timeout", "ResultURL": f"{CALLBACK}/result"}


def build(operation: str, **changes):
    fields = valid_fields(operation)
    fields.update(changes)
    return build_request(operation, fields, "sandbox", now=NOW)


def test_stk_push_body_matches_the_portal_sample_password():
    prepared = build("stk_push")
    assert prepared.path == "/mpesa/stkpush/v1/processrequest"
    assert prepared.body == {
        "BusinessShortCode": "174379",
        "Password": "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZT"
                    "ZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4",
        "Timestamp": "20210628092408",
        "TransactionType": "CustomerPayBillOnline",
        "Amount": 1,
        "PartyA": "254708374149",
        "PartyB": "174379",
        "PhoneNumber": "254708374149",
        "CallBackURL": f"{CALLBACK}/stk",
        "AccountReference": "INV-001",
        "TransactionDesc": "Invoice 1",
    }
    assert "Password" not in prepared.redacted_body
    assert "passkey" not in prepared.fields


def test_stk_push_buy_goods():
    body = build("stk_push", transaction_type="CustomerBuyGoodsOnline", party_b="600100").body
    assert (body["TransactionType"], body["BusinessShortCode"], body["PartyB"]) == \
        ("CustomerBuyGoodsOnline", "174379", "600100")


def test_stk_timestamp_is_east_africa_time_by_default():
    prepared = build_request("stk_push", valid_fields("stk_push"))
    stamp = prepared.body["Timestamp"]
    assert re.fullmatch(r"\d{14}", stamp)
    decoded = base64.b64decode(prepared.body["Password"]).decode()
    assert decoded == f"174379{SANDBOX_PASSKEY}{stamp}"


# Operations whose sample fields build the wire body as it is, without further choices.
PLAIN_BODIES = {
    "stk_query": ("/mpesa/stkpushquery/v1/query", {
        "BusinessShortCode": "174379",
        "Password": base64.b64encode(
            f"174379{SANDBOX_PASSKEY}20210628092408".encode()).decode(),
        "Timestamp": "20210628092408",
        "CheckoutRequestID": "ws_CO_191220191020363925",
    }),
    # C2B simulate spells the phone "Msisdn"
    "c2b_simulate": ("/mpesa/c2b/v2/simulate", {
        "ShortCode": "600000", "CommandID": "CustomerPayBillOnline", "Amount": 100,
        "Msisdn": "254708374149", "BillRefNumber": "ACC-7",
    }),
    "tax_remittance": ("/mpesa/b2b/v1/remittax", {
        "Initiator": "testapi",
        "SecurityCredential": CREDENTIAL,
        "CommandID": "PayTaxToKRA",
        "SenderIdentifierType": "4",
        "RecieverIdentifierType": "4",
        "Amount": 500,
        "PartyA": "600000",
        "PartyB": "572572",
        "AccountReference": "PRN123456",
        "Remarks": "VAT",
        **URLS,
    }),
    "account_balance": ("/mpesa/accountbalance/v1/query", {
        "Initiator": "testapi", "SecurityCredential": CREDENTIAL, "CommandID": "AccountBalance",
        "PartyA": "600000", "IdentifierType": "4", "Remarks": "Balance", **URLS,
    }),
    "reversal": ("/mpesa/reversal/v1/request", {
        "Initiator": "testapi",
        "SecurityCredential": CREDENTIAL,
        "CommandID": "TransactionReversal",
        "TransactionID": "NLJ7RT61SV",
        "Amount": 100,
        "ReceiverParty": "600000",
        "RecieverIdentifierType": "11",
        **URLS,
        "Remarks": "Wrong payment",
    }),
    # by receipt; by OriginatorConversationID below
    "transaction_status": ("/mpesa/transactionstatus/v1/query", {
        "Initiator": "testapi",
        "SecurityCredential": CREDENTIAL,
        "CommandID": "TransactionStatusQuery",
        "TransactionID": "NLJ7RT61SV",
        "PartyA": "600000",
        "IdentifierType": "4",
        **URLS,
        "Remarks": "Status",
        "Occasion": "Check",
    }),
}


@pytest.mark.parametrize("operation", list(PLAIN_BODIES))
def test_path_and_wire_body(operation):
    path, body = PLAIN_BODIES[operation]
    prepared = build(operation)
    assert prepared.path == path
    assert prepared.body == body


def test_c2b_register_v2_default_and_v1_selectable():
    prepared = build("c2b_register")
    assert prepared.path == "/mpesa/c2b/v2/registerurl"
    assert prepared.body == {
        "ShortCode": "600000", "ResponseType": "Completed",
        "ConfirmationURL": f"{CALLBACK}/c2b/confirmation",
        "ValidationURL": f"{CALLBACK}/c2b/validation",
    }
    assert build("c2b_register", version="v1").path == "/mpesa/c2b/v1/registerurl"


def test_b2c_v3_body():
    prepared = build("b2c", originator_conversation_id="600997_Test_32et3241ed8yu")
    assert prepared.path == "/mpesa/b2c/v3/paymentrequest"
    assert prepared.body == {
        "OriginatorConversationID": "600997_Test_32et3241ed8yu",
        "InitiatorName": "testapi",
        "SecurityCredential": CREDENTIAL,
        "CommandID": "BusinessPayment",
        "Amount": 1500,
        "PartyA": "600000",
        "PartyB": "254708374149",
        "Remarks": "Refund",
        **URLS,
        "Occassion": "November",
    }
    assert prepared.originator_conversation_id == "600997_Test_32et3241ed8yu"


def test_b2c_gets_a_fresh_uuid4_originator_conversation_id():
    first, second = build("b2c"), build("b2c")
    assert re.fullmatch(r"[0-9a-f]{32}", first.originator_conversation_id)
    assert first.originator_conversation_id != second.originator_conversation_id
    assert first.body["OriginatorConversationID"] == first.originator_conversation_id
    assert first.fields["originator_conversation_id"] == first.originator_conversation_id


def test_b2c_without_occasion_omits_it():
    assert "Occassion" not in build("b2c", occasion=None).body


def test_b2b_body():
    prepared = build("b2b", requester="0708374149", occasion="Rent")
    assert prepared.path == "/mpesa/b2b/v1/paymentrequest"
    assert prepared.body == {
        "Initiator": "testapi",
        "SecurityCredential": CREDENTIAL,
        "CommandID": "BusinessPayBill",
        "SenderIdentifierType": "4",
        "RecieverIdentifierType": "4",
        "Amount": 239,
        "PartyA": "600000",
        "PartyB": "174379",
        "AccountReference": "353353",
        "Requester": "254708374149",
        "Remarks": "Rent",
        **URLS,
        "Occassion": "Rent",
    }
    assert prepared.originator_conversation_id is None


def test_b2b_buy_goods_without_reference_omits_optional_keys():
    body = build("b2b", command_id="BusinessBuyGoods", account_reference=None,
                 party_b="600100").body
    assert "AccountReference" not in body and "Requester" not in body
    assert "Occassion" not in body


def test_transaction_status_by_originator_conversation_id():
    body = build("transaction_status", transaction_id=None,
                 original_conversation_id="a1b2c3").body
    assert body["OriginalConversationID"] == "a1b2c3"
    assert "TransactionID" not in body


def test_secrets_stay_out_of_redacted_body_fields_and_repr():
    prepared = build("b2c")
    assert prepared.body["SecurityCredential"] == CREDENTIAL
    assert "SecurityCredential" not in prepared.redacted_body
    assert "security_credential" not in prepared.fields
    assert CREDENTIAL not in repr(prepared)
    assert SANDBOX_PASSKEY not in repr(build("stk_push"))


def test_invalid_fields_build_nothing():
    with pytest.raises(ValidationError) as caught:
        build("b2c", amount=5, party_b="12")
    assert set(caught.value.errors) == {"amount", "party_b"}
