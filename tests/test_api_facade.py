"""The mpesa-py compatible facade against the real simulator: a script in mpesa-py's documented
style, one OAuth call for 1,000 operations, one refresh after invalidation, and every documented
parameter's bad input named in a ValidationError with nothing sent."""

from __future__ import annotations

import uuid

import pytest

from mpesa_desktop.api import (
    B2B,
    B2C,
    C2B,
    Balance,
    MpesaBase,
    MpesaExpress,
    Reversal,
    TransactionStatus,
)
from mpesa_desktop.daraja import security
from mpesa_desktop.daraja.errors import ApiError, TransportError, ValidationError
from tests.daraja_samples import CALLBACK, INITIATOR_PASSWORD, SANDBOX_PASSKEY
from tests.fixtures.simulator import wait_until

CREDENTIAL = security.security_credential(INITIATOR_PASSWORD,
                                          security.bundled_certificate("simulator"))
URLS = {"queue_timeout_url": f"{CALLBACK}/timeout", "result_url": f"{CALLBACK}/result"}
RECEIPT = "NLJ7RT61SV"

# Valid documented keyword arguments of every facade method (mpesa-py's names).
CALLS = {
    (B2C, "transact"): dict(
        initiator_name="testapi", security_credential=CREDENTIAL, command_id="BusinessPayment",
        amount=100, party_a=600000, party_b=254708374149, remarks="Salary", **URLS,
        occassion="November"),
    (B2B, "transact"): dict(
        initiator="testapi", security_credential=CREDENTIAL, command_id="BusinessPayBill",
        sender_identifier_type="4", receiver_identifier_type="4", amount=239, party_a=600000,
        party_b=600001, remarks="Rent", account_reference="353353", **URLS),
    (Balance, "get_balance"): dict(
        initiator="testapi", security_credential=CREDENTIAL, command_id="AccountBalance",
        party_a=600000, identifier_type=4, remarks="Balance", **URLS),
    (C2B, "register"): dict(
        shortcode=600000, response_type="Completed",
        confirmation_url=f"{CALLBACK}/c2b/confirmation",
        validation_url=f"{CALLBACK}/c2b/validation"),
    (C2B, "simulate"): dict(
        shortcode=600000, command_id="CustomerPayBillOnline", amount=100,
        msisdn=254708374149, bill_ref_number="ACC-7"),
    (MpesaExpress, "stk_push"): dict(
        business_shortcode=174379, passcode=SANDBOX_PASSKEY, amount=1,
        callback_url=f"{CALLBACK}/stk", reference_code="INV-001", phone_number=254708374149,
        description="Invoice 1"),
    (MpesaExpress, "query"): dict(
        business_shortcode=174379, checkout_request_id="ws_CO_191220191020363925",
        passcode=SANDBOX_PASSKEY),
    (Reversal, "reverse"): dict(
        initiator="testapi", security_credential=CREDENTIAL, command_id="TransactionReversal",
        transaction_id=RECEIPT, amount=1, receiver_party=174379, receiver_identifier_type="11",
        **URLS, remarks="Wrong payment", occassion="Refund"),
    (TransactionStatus, "check_transaction_status"): dict(
        party_a=600000, identifier_type="4", remarks="Status", initiator="testapi",
        passcode=CREDENTIAL, **URLS, transaction_id=RECEIPT, occassion="Check"),
}


@pytest.fixture
def sim(simulator):
    """The shared running simulator (tests/fixtures/simulator.py)."""
    return simulator


@pytest.fixture
def facade(sim):
    """Builds facade objects with a consumer key of this test's own (the token cache is
    process-wide, and a later simulator may get the same port)."""
    key = f"key-{uuid.uuid4().hex}"

    def build(cls, **overrides):
        settings = dict(env="sandbox", app_key=key, app_secret="secret", sandbox_url=sim.url)
        settings.update(overrides)
        return cls(**settings)

    return build


def answered_query(express: MpesaExpress, checkout: str) -> dict:
    def attempt():
        try:
            return express.query(business_shortcode=174379, checkout_request_id=checkout,
                                 passcode=SANDBOX_PASSKEY)
        except ApiError as error:
            assert error.error_code == "500.001.1001"
            return None
    return wait_until(attempt)


def test_a_script_in_mpesa_py_style_runs_and_gets_acks(sim):
    settings = dict(env="sandbox", app_key=f"key-{uuid.uuid4().hex}", app_secret="secret",
                    sandbox_url=sim.url)
    base = MpesaBase(**settings)
    token = base.authenticate()
    assert isinstance(token, str) and token

    b2c = B2C(**settings)
    ack = b2c.transact(**CALLS[(B2C, "transact")])
    assert ack["ResponseCode"] == "0" and ack["ConversationID"]

    assert B2B(**settings).transact(**CALLS[(B2B, "transact")])["ResponseCode"] == "0"
    assert Balance(**settings).get_balance(**CALLS[(Balance, "get_balance")])[
        "ResponseCode"] == "0"
    c2b = C2B(**settings)
    assert c2b.register(**CALLS[(C2B, "register")])["ResponseDescription"]
    assert c2b.simulate(**CALLS[(C2B, "simulate")])["ResponseCode"] == "0"

    express = MpesaExpress(**settings)
    push = express.stk_push(**CALLS[(MpesaExpress, "stk_push")])
    assert push["ResponseCode"] == "0" and push["CheckoutRequestID"]
    answer = answered_query(express, push["CheckoutRequestID"])
    assert answer["ResultCode"] == "0"
    receipt = next(t["receipt"] for t in sim.transactions()
                   if t["checkout_request_id"] == push["CheckoutRequestID"])

    reversal = Reversal(**settings).reverse(**dict(CALLS[(Reversal, "reverse")],
                                                   transaction_id=receipt))
    assert reversal["ResponseCode"] == "0"
    status = TransactionStatus(**settings).check_transaction_status(
        **dict(CALLS[(TransactionStatus, "check_transaction_status")], transaction_id=receipt))
    assert status["ResponseCode"] == "0"
    assert base.authenticate() == token
    assert sim.oauth_calls == 1


def test_positional_arguments_follow_mpesa_py_order(sim, facade):
    b2c = facade(B2C)
    ack = b2c.transact("testapi", CREDENTIAL, "BusinessPayment", 100, 600000, 254708374149,
                       "Salary", f"{CALLBACK}/timeout", f"{CALLBACK}/result", "November")
    assert ack["ResponseCode"] == "0"


def test_transaction_status_uses_shortcode_as_party_a(sim, facade):
    kwargs = dict(CALLS[(TransactionStatus, "check_transaction_status")], party_a=None,
                  shortcode=600000)
    assert facade(TransactionStatus).check_transaction_status(**kwargs)[
        "ResponseCode"] == "0"


def test_stk_push_to_a_till_with_buy_goods(sim, facade):
    ack = facade(MpesaExpress).stk_push(**CALLS[(MpesaExpress, "stk_push")],
                                             transaction_type="CustomerBuyGoodsOnline",
                                             party_b=600100)
    assert ack["ResponseCode"] == "0"


def test_b2c_uses_v3_with_a_fresh_originator_conversation_id(sim, facade):
    b2c = facade(B2C)
    first = b2c.transact(**CALLS[(B2C, "transact")])
    second = b2c.transact(**CALLS[(B2C, "transact")])
    assert first["OriginatorConversationID"] != second["OriginatorConversationID"]
    assert sim.stats()["paths"]["/mpesa/b2c/v3/paymentrequest"] == 2


def test_thousand_operations_across_all_classes_cost_one_oauth_call(sim, facade):
    express = facade(MpesaExpress)
    push = express.stk_push(**CALLS[(MpesaExpress, "stk_push")])
    answered_query(express, push["CheckoutRequestID"])
    calls = dict(CALLS)
    calls[(MpesaExpress, "query")] = dict(
        CALLS[(MpesaExpress, "query")], checkout_request_id=push["CheckoutRequestID"])
    objects = {cls: facade(cls) for cls, _ in calls}
    plan = list(calls.items())
    done = 2
    while done < 1000:
        (cls, method), kwargs = plan[done % len(plan)]
        ack = getattr(objects[cls], method)(**kwargs)
        assert isinstance(ack, dict) and "ResponseCode" in ack
        done += 1
    assert sim.oauth_calls == 1
    assert sim.request_count - sim.oauth_calls >= 1000


def test_after_tokens_are_invalidated_the_next_call_refreshes_once(sim, facade):
    balance = facade(Balance)
    balance.get_balance(**CALLS[(Balance, "get_balance")])
    assert sim.expire_tokens() == 1
    for (cls, method), kwargs in CALLS.items():
        if method in ("query", "reverse"):
            continue
        ack = getattr(facade(cls), method)(**kwargs)
        assert set(ack["ResponseCode"]) == {"0"}
    assert sim.oauth_calls == 2


BAD = [
    (B2C, "transact", "initiator_name", ""),
    (B2C, "transact", "security_credential", None),
    (B2C, "transact", "command_id", "Bogus"),
    (B2C, "transact", "amount", 5),
    (B2C, "transact", "party_a", "12"),
    (B2C, "transact", "party_b", "0812345678"),
    (B2C, "transact", "remarks", "x"),
    (B2C, "transact", "queue_timeout_url", "ftp://x"),
    (B2C, "transact", "result_url", "not a url"),
    (B2C, "transact", "occassion", "y" * 101),
    (B2B, "transact", "initiator", ""),
    (B2B, "transact", "security_credential", ""),
    (B2B, "transact", "command_id", "MerchantToMerchantTransfer"),
    (B2B, "transact", "sender_identifier_type", "2"),
    (B2B, "transact", "receiver_identifier_type", 2),
    (B2B, "transact", "amount", "1.5"),
    (B2B, "transact", "party_a", "abc"),
    (B2B, "transact", "party_b", "1234"),
    (B2B, "transact", "remarks", "r" * 101),
    (B2B, "transact", "account_reference", "x" * 14),
    (B2B, "transact", "queue_timeout_url", "http://a b"),
    (B2B, "transact", "result_url", ""),
    (Balance, "get_balance", "initiator", None),
    (Balance, "get_balance", "security_credential", ""),
    (Balance, "get_balance", "command_id", "Other"),
    (Balance, "get_balance", "party_a", "12"),
    (Balance, "get_balance", "identifier_type", 3),
    (Balance, "get_balance", "remarks", ""),
    (Balance, "get_balance", "queue_timeout_url", "x"),
    (Balance, "get_balance", "result_url", "mailto:a@b.c"),
    (C2B, "register", "shortcode", "12"),
    (C2B, "register", "response_type", "Maybe"),
    (C2B, "register", "confirmation_url", "https://example.com/mpesa/confirm"),
    (C2B, "register", "validation_url", "https://example.com/Safaricom/validate"),
    (C2B, "simulate", "shortcode", "1234567890"),
    (C2B, "simulate", "command_id", "Pay"),
    (C2B, "simulate", "amount", 0),
    (C2B, "simulate", "msisdn", "123"),
    (C2B, "simulate", "bill_ref_number", "x" * 21),
    (MpesaExpress, "stk_push", "business_shortcode", "1"),
    (MpesaExpress, "stk_push", "passcode", ""),
    (MpesaExpress, "stk_push", "amount", 250_001),
    (MpesaExpress, "stk_push", "callback_url", "callback"),
    (MpesaExpress, "stk_push", "reference_code", "x" * 13),
    (MpesaExpress, "stk_push", "phone_number", "0812"),
    (MpesaExpress, "stk_push", "description", "x" * 14),
    (MpesaExpress, "query", "business_shortcode", None),
    (MpesaExpress, "query", "checkout_request_id", ""),
    (MpesaExpress, "query", "passcode", None),
    (Reversal, "reverse", "initiator", ""),
    (Reversal, "reverse", "security_credential", ""),
    (Reversal, "reverse", "command_id", "Other"),
    (Reversal, "reverse", "transaction_id", "SHORT"),
    (Reversal, "reverse", "amount", "ten"),
    (Reversal, "reverse", "receiver_party", "1"),
    (Reversal, "reverse", "receiver_identifier_type", "4"),
    (Reversal, "reverse", "queue_timeout_url", "ftp://x"),
    (Reversal, "reverse", "result_url", "x y"),
    (Reversal, "reverse", "remarks", "x"),
    (Reversal, "reverse", "occassion", "y" * 101),
    (TransactionStatus, "check_transaction_status", "party_a", "12"),
    (TransactionStatus, "check_transaction_status", "identifier_type", "9"),
    (TransactionStatus, "check_transaction_status", "remarks", ""),
    (TransactionStatus, "check_transaction_status", "initiator", ""),
    (TransactionStatus, "check_transaction_status", "passcode", ""),
    (TransactionStatus, "check_transaction_status", "result_url", "ftp://x"),
    (TransactionStatus, "check_transaction_status", "queue_timeout_url", ""),
    (TransactionStatus, "check_transaction_status", "transaction_id", "not a receipt"),
    (TransactionStatus, "check_transaction_status", "occassion", "y" * 101),
]


def test_every_documented_parameter_has_a_bad_input_case():
    covered = {(cls, method, name) for cls, method, name, _ in BAD}
    for (cls, method), kwargs in CALLS.items():
        for name in kwargs:
            assert (cls, method, name) in covered, (cls.__name__, method, name)


@pytest.mark.parametrize(("cls", "method", "name", "value"), BAD,
                         ids=[f"{c.__name__}.{m}.{n}" for c, m, n, _ in BAD])
def test_bad_input_names_the_documented_parameter_and_sends_nothing(sim, facade, cls, method,
                                                                   name, value):
    kwargs = dict(CALLS[(cls, method)], **{name: value})
    with pytest.raises(ValidationError) as caught:
        getattr(facade(cls), method)(**kwargs)
    assert list(caught.value.errors) == [name]
    assert name in str(caught.value)
    assert sim.request_count == 0


def test_transaction_status_shortcode_fallback_is_named_when_bad(sim, facade):
    kwargs = dict(CALLS[(TransactionStatus, "check_transaction_status")], party_a=None,
                  shortcode="12")
    with pytest.raises(ValidationError) as caught:
        facade(TransactionStatus).check_transaction_status(**kwargs)
    assert list(caught.value.errors) == ["shortcode"]
    assert sim.request_count == 0


def test_every_bad_parameter_is_reported_at_once(sim, facade):
    kwargs = dict(CALLS[(B2B, "transact")], sender_identifier_type="2", amount=0, party_b="x")
    with pytest.raises(ValidationError) as caught:
        facade(B2B).transact(**kwargs)
    assert set(caught.value.errors) == {"sender_identifier_type", "amount", "party_b"}


@pytest.mark.parametrize(("overrides", "name"), [
    ({"env": "staging"}, "env"),
    ({"sandbox_url": "ftp://example.com"}, "sandbox_url"),
    ({"env": "live", "live_url": "http://api.example.com"}, "live_url"),
    ({"env": "production", "live_url": "http://api.example.com"}, "live_url"),
])
def test_constructor_checks(facade, overrides, name):
    with pytest.raises(ValidationError) as caught:
        facade(B2C, **overrides)
    assert list(caught.value.errors) == [name]


def test_missing_app_credentials_are_named_and_nothing_is_sent(sim, facade):
    with pytest.raises(ValidationError) as caught:
        facade(B2C, app_key=None, app_secret="").transact(**CALLS[(B2C, "transact")])
    assert set(caught.value.errors) == {"app_key", "app_secret"}
    assert sim.request_count == 0


def test_live_environment_uses_live_url(sim, facade):
    balance = facade(Balance, env="live", sandbox_url="https://unused.example.com",
                   live_url="https://127.0.0.1:1")
    assert balance.base_url == "https://127.0.0.1:1"
    with pytest.raises(TransportError) as caught:
        balance.authenticate()
    assert caught.value.maybe_delivered is False


def test_daraja_errors_surface_from_the_facade(sim, facade):
    sim.set_fault("spike_arrest")
    with pytest.raises(ApiError) as caught:
        facade(Balance).get_balance(**CALLS[(Balance, "get_balance")])
    assert caught.value.error_code == "500.003.02"


def test_dropped_b2c_through_the_facade_is_an_unknown_outcome(sim, facade):
    b2c = facade(B2C)
    b2c.authenticate()
    sim.set_fault("drop", path="/mpesa/b2c/v3/paymentrequest")
    with pytest.raises(TransportError) as caught:
        b2c.transact(**CALLS[(B2C, "transact")])
    assert caught.value.maybe_delivered is True
    assert [t["operation"] for t in sim.transactions()] == ["b2c"]
