"""Money in and its set-up: STK push and its query, C2B URLs and simulation, Dynamic QR.

An STK push asks a customer to pay (its answer is an STK callback); the others are answered
at once by their acknowledgement.
"""

from __future__ import annotations

from typing import Any

from mpesa_desktop.catalogue.fields import (
    FROM_PROFILE,
    PASSKEY,
    FieldKind,
    FieldRule,
    amount,
    choice,
    phone,
    shortcode,
    text,
    url,
)
from mpesa_desktop.catalogue.model import Answer, Money, Op, Operation, Option, Values
from mpesa_desktop.catalogue.prefill import Prefilled, ProfileFacts, UrlFacts

_STK_WIRE = (("BusinessShortCode", "business_shortcode"), ("Password", "password"),
             ("Timestamp", "timestamp"))
_PAYBILL_OR_TILL = ("CustomerPayBillOnline", "CustomerBuyGoodsOnline")


def _stk_columns(v: Values) -> dict[str, Any]:
    return {"amount": v.get("amount"), "remarks": v.get("transaction_desc"),
            "party_a": v["phone_number"], "party_b": v.get("party_b"),
            "phone": v["phone_number"], "account_reference": v.get("account_reference")}


STK_PUSH = Operation(
    name=Op.STK_PUSH, label="STK push", noun="payment request (STK push)", command="stk",
    summary="ask a customer to pay (STK push)", path="/mpesa/stkpush/v1/processrequest",
    wire=(
        *_STK_WIRE, ("TransactionType", "transaction_type"), ("Amount", "amount"),
        ("PartyA", "party_a"), ("PartyB", "party_b"), ("PhoneNumber", "phone_number"),
        ("CallBackURL", "callback_url"), ("AccountReference", "account_reference"),
        ("TransactionDesc", "transaction_desc"),
    ),
    fields={
        "business_shortcode": shortcode("Business shortcode"),
        "passkey": PASSKEY,
        "transaction_type": choice("Transaction type", _PAYBILL_OR_TILL,
                                   default="CustomerPayBillOnline"),
        "amount": amount("Amount", 1, 250_000),
        "phone_number": phone("Phone number"),
        "party_a": phone("Paying phone", required=False),
        "party_b": shortcode("Receiving shortcode or till", required=False),
        "callback_url": url("Callback URL"),
        "account_reference": text("Account reference", 1, 12),
        "transaction_desc": text("Description", 1, 13, required=False, default="Payment"),
    },
    options=(
        Option("--phone", "phone_number", "the customer's phone"),
        Option("--amount", "amount"),
        Option("--account-ref", "account_reference", "shown to the customer"),
        Option("--description", "transaction_desc"),
        Option("--transaction-type", "transaction_type"),
        Option("--party-b", "party_b", "the till, for buy goods"),
        Option("--shortcode", "business_shortcode", FROM_PROFILE),
    ),
    columns=_stk_columns,
    money=Money.IN,
    answer=Answer.STK,
    short="payment request",
    prefill=lambda p, u: {"business_shortcode": p.stk_shortcode,
                          "transaction_type": "CustomerPayBillOnline", "callback_url": u.stk,
                          "transaction_desc": "Payment"},
)

STK_QUERY = Operation(
    name=Op.STK_QUERY, label="STK query", noun="STK push query", command="stk-query",
    summary="ask how an STK push ended", path="/mpesa/stkpushquery/v1/query",
    wire=(*_STK_WIRE, ("CheckoutRequestID", "checkout_request_id")),
    fields={
        "business_shortcode": shortcode("Business shortcode"),
        "passkey": PASSKEY,
        "checkout_request_id": FieldRule("Checkout request ID", FieldKind.ID, max_len=100),
    },
    options=(
        Option("--checkout-id", "checkout_request_id", "of the push"),
        Option("--shortcode", "business_shortcode", FROM_PROFILE),
    ),
    columns=lambda v: {"amount": None, "remarks": None, "party_a": v["business_shortcode"],
                       "account_reference": v["checkout_request_id"]},
    prefill=lambda p, u: {"business_shortcode": p.stk_shortcode},
    answer=Answer.AT_ONCE,
    asks_about_another=True,
)

C2B_REGISTER = Operation(
    name=Op.C2B_REGISTER, label="C2B URLs", noun="C2B URL registration",
    command="c2b-register", summary="register the C2B confirmation and validation URLs",
    path="/mpesa/c2b/{version}/registerurl",
    wire=(("ShortCode", "shortcode"), ("ResponseType", "response_type"),
          ("ConfirmationURL", "confirmation_url"), ("ValidationURL", "validation_url")),
    fields={
        "shortcode": shortcode("Shortcode"),
        "response_type": choice("Response type", ("Completed", "Cancelled")),
        "confirmation_url": url("Confirmation URL", FieldKind.C2B_URL),
        "validation_url": url("Validation URL", FieldKind.C2B_URL),
        "version": choice("API version", ("v2", "v1"), default="v2"),
    },
    options=(
        Option("--shortcode", "shortcode", FROM_PROFILE),
        Option("--response-type", "response_type", "(default Completed)"),
        Option("--confirmation-url", "confirmation_url", "(default: the relay's)"),
        Option("--validation-url", "validation_url", "(default: the relay's)"),
        Option("--version", "version"),
    ),
    columns=lambda v: {"amount": None, "party_a": v["shortcode"],
                       "remarks": f"Register URLs ({v['response_type']}, {v['version']})"},
    prefill=lambda p, u: {"shortcode": p.shortcode, "response_type": "Completed",
                          "confirmation_url": u.c2b_confirmation,
                          "validation_url": u.c2b_validation, "version": "v2"},
    answer=Answer.AT_ONCE,
)

C2B_SIMULATE = Operation(
    name=Op.C2B_SIMULATE, label="C2B simulate", noun="simulated customer payment",
    command="c2b-simulate", summary="simulate a customer payment (sandbox and offline)",
    path="/mpesa/c2b/v2/simulate",
    wire=(("ShortCode", "shortcode"), ("CommandID", "command_id"), ("Amount", "amount"),
          ("Msisdn", "msisdn"), ("BillRefNumber", "bill_ref_number|null")),
    fields={
        "shortcode": shortcode("Shortcode"),
        "command_id": choice("Command", _PAYBILL_OR_TILL, default="CustomerPayBillOnline"),
        "amount": amount("Amount", 1),
        "msisdn": phone("Phone number"),
        "bill_ref_number": text("Bill reference", 1, 20, required=False),
    },
    options=(
        Option("--shortcode", "shortcode", FROM_PROFILE),
        Option("--amount", "amount"),
        Option("--phone", "msisdn", "(default: the profile's test number)"),
        Option("--bill-ref", "bill_ref_number", "the account number"),
        Option("--command-id", "command_id"),
    ),
    columns=lambda v: {"amount": v.get("amount"), "remarks": None, "party_a": v["msisdn"],
                       "party_b": v["shortcode"], "phone": v["msisdn"],
                       "account_reference": v.get("bill_ref_number")},
    prefill=lambda p, u: {"shortcode": p.shortcode, "command_id": "CustomerPayBillOnline",
                          "msisdn": p.test_msisdn},
    answer=Answer.AT_ONCE,
)

# Dynamic QR's transaction codes (daraja-reference.md 1.2): BG buy goods, WA withdraw at an
# agent, PB paybill, SM send money to a phone, SB send to a business.
QR_CODES = ("BG", "WA", "PB", "SM", "SB")


def _qr_prefill(profile: ProfileFacts, urls: UrlFacts) -> Prefilled:
    """A QR code pays the till (buy goods) when the profile has one, else the paybill."""
    if profile.till_number:
        return {"trx_code": "BG", "cpi": profile.till_number, "size": "300"}
    return {"trx_code": "PB", "cpi": profile.shortcode, "size": "300"}

DYNAMIC_QR = Operation(
    name=Op.DYNAMIC_QR, label="QR code", noun="payment QR code", command="qr",
    summary="make a QR code a customer scans to pay", path="/mpesa/qrcode/v1/generate",
    wire=(("MerchantName", "merchant_name"), ("RefNo", "ref_no"), ("Amount", "amount"),
          ("TrxCode", "trx_code"), ("CPI", "cpi"), ("Size", "size")),
    fields={
        "merchant_name": text("Merchant name", 1, 100),
        "ref_no": text("Reference", 1, 12),
        "amount": amount("Amount", 1, 250_000),
        "trx_code": choice("Payment type", QR_CODES, default="BG"),
        "cpi": FieldRule("Till, paybill or phone", FieldKind.ID, max_len=12),
        "size": choice("Size (pixels)", ("300", "400", "500", "600"), default="300"),
    },
    options=(
        Option("--merchant-name", "merchant_name", "shown to the customer"),
        Option("--ref", "ref_no", "the account or invoice number"),
        Option("--amount", "amount"),
        Option("--trx-code", "trx_code", "BG buy goods, PB paybill, SM phone, SB business, "
               "WA agent"),
        Option("--cpi", "cpi", "the till, paybill or phone paid"),
        Option("--size", "size"),
    ),
    columns=lambda v: {"amount": v.get("amount"), "remarks": v.get("merchant_name"),
                       "party_b": v["cpi"], "account_reference": v.get("ref_no")},
    prefill=_qr_prefill,
    answer=Answer.AT_ONCE,
    image_answer="QRCode",
)
