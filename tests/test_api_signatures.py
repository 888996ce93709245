"""The facade keeps mpesa-py's documented modules, classes, constructors and parameters: names,
order and defaults (copied from the seed docs), so scripts written for mpesa-py run unchanged."""

from __future__ import annotations

import importlib
import inspect

import pytest

CONSTRUCTOR = [("env", "sandbox"), ("app_key", None), ("app_secret", None),
               ("sandbox_url", "https://sandbox.safaricom.co.ke"),
               ("live_url", "https://api.safaricom.co.ke")]


def nones(*names: str) -> list[tuple[str, object]]:
    return [(name, None) for name in names]


DOCUMENTED = [
    ("auth", "MpesaBase", "authenticate", []),
    ("b2b", "B2B", "transact", nones(
        "initiator", "security_credential", "command_id", "sender_identifier_type",
        "receiver_identifier_type", "amount", "party_a", "party_b", "remarks",
        "account_reference", "queue_timeout_url", "result_url")),
    ("b2c", "B2C", "transact", nones(
        "initiator_name", "security_credential", "command_id", "amount", "party_a", "party_b",
        "remarks", "queue_timeout_url", "result_url", "occassion")),
    ("balance", "Balance", "get_balance", nones(
        "initiator", "security_credential", "command_id", "party_a", "identifier_type",
        "remarks", "queue_timeout_url", "result_url")),
    ("c2b", "C2B", "register", nones(
        "shortcode", "response_type", "confirmation_url", "validation_url")),
    ("c2b", "C2B", "simulate", nones(
        "shortcode", "command_id", "amount", "msisdn", "bill_ref_number")),
    ("mpesa_express", "MpesaExpress", "query", nones(
        "business_shortcode", "checkout_request_id", "passcode")),
    ("mpesa_express", "MpesaExpress", "stk_push", nones(
        "business_shortcode", "passcode", "amount", "callback_url", "reference_code",
        "phone_number", "description")),
    ("reversal", "Reversal", "reverse", [
        ("initiator", None), ("security_credential", None),
        ("command_id", "TransactionReversal"), *nones(
            "transaction_id", "amount", "receiver_party", "receiver_identifier_type",
            "queue_timeout_url", "result_url", "remarks", "occassion")]),
    ("transaction_status", "TransactionStatus", "check_transaction_status", nones(
        "party_a", "identifier_type", "remarks", "initiator", "passcode", "result_url",
        "queue_timeout_url", "transaction_id", "occassion", "shortcode")),
]


def positional(function) -> list[tuple[str, object]]:
    """Parameters callable by position or keyword (extras we add are keyword-only)."""
    return [(p.name, p.default) for p in inspect.signature(function).parameters.values()
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.name != "self"]


@pytest.mark.parametrize(("module", "cls", "method", "params"), DOCUMENTED,
                         ids=[f"{c}.{m}" for _, c, m, _ in DOCUMENTED])
def test_documented_signature(module, cls, method, params):
    facade = getattr(importlib.import_module(f"mpesa_desktop.api.{module}"), cls)
    assert positional(facade.__init__) == CONSTRUCTOR
    assert positional(getattr(facade, method)) == params


def test_every_class_derives_from_mpesa_base():
    from mpesa_desktop.api import auth
    for module, cls, _, _ in DOCUMENTED:
        facade = getattr(importlib.import_module(f"mpesa_desktop.api.{module}"), cls)
        assert issubclass(facade, auth.MpesaBase)
