"""Valid fields for every Daraja operation, matching the offline simulator's defaults.

Shared by the daraja and api tests: each test starts from a valid set and breaks one thing.
"""

from __future__ import annotations

from typing import Any

SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"
INITIATOR = "testapi"
INITIATOR_PASSWORD = "Safaricom999!*!"
CALLBACK = "http://127.0.0.1:9"
SUCCESS_PHONE = "254708374149"


def valid_fields(operation: str, credential: str = "c2VjdXJpdHktY3JlZGVudGlhbA==") -> dict:
    """A complete, valid field set for ``operation`` (the simulator accepts it)."""
    urls = {"queue_timeout_url": f"{CALLBACK}/timeout", "result_url": f"{CALLBACK}/result"}
    initiator = {"initiator": INITIATOR, "security_credential": credential}
    samples: dict[str, dict[str, Any]] = {
        "stk_push": {
            "business_shortcode": "174379", "passkey": SANDBOX_PASSKEY, "amount": 1,
            "phone_number": SUCCESS_PHONE, "callback_url": f"{CALLBACK}/stk",
            "account_reference": "INV-001", "transaction_desc": "Invoice 1",
        },
        "stk_query": {
            "business_shortcode": "174379", "passkey": SANDBOX_PASSKEY,
            "checkout_request_id": "ws_CO_191220191020363925",
        },
        "c2b_register": {
            "shortcode": "600000", "response_type": "Completed",
            "confirmation_url": f"{CALLBACK}/c2b/confirmation",
            "validation_url": f"{CALLBACK}/c2b/validation",
        },
        "c2b_simulate": {
            "shortcode": "600000", "command_id": "CustomerPayBillOnline", "amount": 100,
            "msisdn": SUCCESS_PHONE, "bill_ref_number": "ACC-7",
        },
        "b2c": {
            **initiator, "command_id": "BusinessPayment", "amount": 1500, "party_a": "600000",
            "party_b": SUCCESS_PHONE, "remarks": "Refund", **urls, "occasion": "November",
        },
        "b2b": {
            **initiator, "command_id": "BusinessPayBill", "amount": 239, "party_a": "600000",
            "party_b": "174379", "account_reference": "353353", "remarks": "Rent", **urls,
        },
        "tax_remittance": {
            **initiator, "amount": 500, "party_a": "600000", "account_reference": "PRN123456",
            "remarks": "VAT", **urls,
        },
        "account_balance": {**initiator, "party_a": "600000", "remarks": "Balance", **urls},
        "reversal": {
            **initiator, "transaction_id": "NLJ7RT61SV", "amount": 100,
            "receiver_party": "600000", "remarks": "Wrong payment", **urls,
        },
        "b2pochi": {
            **initiator, "amount": 100, "party_a": "600000",
            "party_b": SUCCESS_PHONE, "remarks": "Supplier", **urls,
        },
        "dynamic_qr": {
            "merchant_name": "TEST SUPERMARKET", "ref_no": "INV-001", "amount": 100,
            "trx_code": "BG", "cpi": "373132", "size": "300",
        },
        "transaction_status": {
            **initiator, "transaction_id": "NLJ7RT61SV", "party_a": "600000",
            "remarks": "Status", **urls, "occasion": "Check",
        },
        "pull_register": {
            "shortcode": "600000", "nominated_number": SUCCESS_PHONE,
            "callback_url": f"{CALLBACK}/pull",
        },
        "pull_query": {
            "shortcode": "600000", "start_date": "2026-11-28 00:00:00",
            "end_date": "2026-11-29 00:00:00", "offset": "0",
        },
    }
    return dict(samples[operation])
