"""Every field rule of daraja.limits: normalisation, bounds, messages, cross-field rules."""

from __future__ import annotations

import pytest

from mpesa_desktop.daraja import limits
from mpesa_desktop.daraja.errors import ValidationError
from tests.daraja_samples import valid_fields


def errors_of(operation: str, fields: dict, environment: str = "sandbox") -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        limits.validate(operation, fields, environment)
    return caught.value.errors


def with_field(operation: str, **changes) -> dict:
    fields = valid_fields(operation)
    fields.update(changes)
    return fields


@pytest.mark.parametrize("operation", limits.OPERATIONS)
def test_valid_sample_passes_for_every_operation(operation):
    values = limits.validate(operation, valid_fields(operation))
    assert set(values) <= set(limits.fields_of(operation))


@pytest.mark.parametrize(("value", "ok"), [
    ("12345", True), ("123456789", True), (600000, True), (" 600000 ", True),
    ("1234", False), ("1234567890", False), ("60000a", False), (True, False), ("٦٠٠٠٠٠", False),
])
def test_shortcode_5_to_9_digits(value, ok):
    message = limits.check_field("b2c", "party_a", value)
    if ok:
        assert message is None
        assert limits.validate("b2c", with_field("b2c", party_a=value))["party_a"] == \
            str(value).strip()
    else:
        assert message == "must be a shortcode of 5 to 9 digits"


@pytest.mark.parametrize(("operation", "low", "high"), [
    ("b2c", 10, 250_000), ("stk_push", 1, 250_000), ("b2b", 1, None),
    ("tax_remittance", 1, None), ("reversal", 1, None), ("c2b_simulate", 1, None),
])
def test_amount_bounds(operation, low, high):
    assert limits.check_field(operation, "amount", low) is None
    assert limits.check_field(operation, "amount", low - 1) is not None
    if high is None:
        assert limits.check_field(operation, "amount", 10_000_000) is None
        assert limits.check_field(operation, "amount", 0) == "must be whole shillings, at least 1"
    else:
        assert limits.check_field(operation, "amount", high) is None
        assert limits.check_field(operation, "amount", high + 1) == \
            f"must be {low:,} to {high:,} shillings"


@pytest.mark.parametrize("value", [10**20, "1000000001", "1,000,000,001", 1e12])
def test_absurd_amounts_are_refused(value):
    assert limits.check_field("b2b", "amount", value) == "must be at most 1,000,000,000 shillings"
    assert limits.check_field("b2c", "amount", value) == "must be 10 to 250,000 shillings"


def test_an_exponent_is_never_read_as_an_amount():
    assert limits.check_field("b2b", "amount", "1e999") == (
        "must be whole shillings, at least 1, written like 1,500 "
        "(got '1e999': an exponent (e) is not accepted)")


def test_b2c_amount_message_names_the_rule():
    assert limits.check_field("b2c", "amount", 5) == "must be 10 to 250,000 shillings"


@pytest.mark.parametrize(("value", "expected"), [
    ("1,500", 1500), (" 1500 ", 1500), (1500.0, 1500), ("1500.00", 1500), ("KES 1,500", 1500),
])
def test_amount_forms_normalise_to_int(value, expected):
    assert limits.validate("b2c", with_field("b2c", amount=value))["amount"] == expected


@pytest.mark.parametrize(("value", "got", "reason"), [
    ("10.50", "10.50", "cents are not accepted, only .00"),
    (10.5, "10.5", "cents are not accepted, only .00"),
    ("ten", "ten", "that is not a number"),
    ("nan", "nan", "that is not a number"),
    ("inf", "inf", "that is not a number"),
    (True, "True", "that is not a number"),
    ("1e3.5", "1e3.5", "an exponent (e) is not accepted"),
    ("1500,00", "1500,00", "a decimal comma is not accepted"),
])
def test_amount_rejects_cents_and_non_numbers(value, got, reason):
    assert limits.check_field("b2c", "amount", value) == (
        f"must be whole shillings from 10 to 250,000, written like 1,500 (got '{got}': {reason})")


def test_amount_with_cents_message():
    assert limits.check_field("b2b", "amount", "10.50") == (
        "must be whole shillings, at least 1, written like 1,500 "
        "(got '10.50': cents are not accepted, only .00)")


@pytest.mark.parametrize(("operation", "field", "low", "high"), [
    ("b2c", "remarks", 2, 100), ("reversal", "remarks", 2, 100), ("b2b", "remarks", 1, 100),
    ("tax_remittance", "remarks", 1, 100), ("account_balance", "remarks", 1, 100),
    ("transaction_status", "remarks", 1, 100), ("b2c", "occasion", 1, 100),
    ("b2b", "occasion", 1, 100), ("reversal", "occasion", 1, 100),
    ("transaction_status", "occasion", 1, 100), ("stk_push", "account_reference", 1, 12),
    ("stk_push", "transaction_desc", 1, 13), ("b2b", "account_reference", 1, 13),
    ("tax_remittance", "account_reference", 1, 13), ("c2b_simulate", "bill_ref_number", 1, 20),
])
def test_text_lengths(operation, field, low, high):
    assert limits.check_field(operation, field, "x" * high) is None
    too_long = limits.check_field(operation, field, "x" * (high + 1))
    if low > 1:
        assert too_long == f"must be {low} to {high} characters"
        assert limits.check_field(operation, field, "x" * (low - 1)) == too_long
    else:
        assert too_long == f"at most {high} characters"


def test_text_is_stripped_and_single_line():
    assert limits.validate("b2c", with_field("b2c", remarks="  Refund  "))["remarks"] == "Refund"
    assert limits.check_field("b2c", "remarks", "two\nlines") == "must be a single line"


def test_remarks_of_one_character_after_strip_is_too_short_for_b2c():
    assert limits.check_field("b2c", "remarks", " x ") == "must be 2 to 100 characters"


@pytest.mark.parametrize(("operation", "field", "choices"), [
    ("b2c", "command_id", ("BusinessPayment", "SalaryPayment", "PromotionPayment")),
    ("b2b", "command_id", ("BusinessPayBill", "BusinessBuyGoods", "BusinessPayToBulk")),
    ("c2b_simulate", "command_id", ("CustomerPayBillOnline", "CustomerBuyGoodsOnline")),
    ("stk_push", "transaction_type", ("CustomerPayBillOnline", "CustomerBuyGoodsOnline")),
    ("c2b_register", "response_type", ("Completed", "Cancelled")),
    ("c2b_register", "version", ("v2", "v1")),
    ("account_balance", "identifier_type", ("1", "2", "4")),
])
def test_choices(operation, field, choices):
    for choice in choices:
        assert limits.check_field(operation, field, choice) is None
    assert limits.check_field(operation, field, "Other") == "must be one of: " + ", ".join(
        choices)


def test_choices_are_normalised_to_daraja_spelling():
    values = limits.validate("c2b_register", with_field("c2b_register", response_type="completed"))
    assert values["response_type"] == "Completed"
    balance = limits.validate("account_balance", with_field("account_balance", identifier_type=4))
    assert balance["identifier_type"] == "4"


def test_defaults_are_filled():
    stk = valid_fields("stk_push")
    del stk["transaction_desc"]
    values = limits.validate("stk_push", stk)
    assert values["transaction_type"] == "CustomerPayBillOnline"
    assert values["transaction_desc"] == "Payment"
    assert values["party_a"] == values["phone_number"] == "254708374149"
    assert values["party_b"] == "174379"
    assert limits.validate("c2b_register", valid_fields("c2b_register"))["version"] == "v2"
    assert limits.validate("tax_remittance", valid_fields("tax_remittance"))["party_b"] == \
        "572572"
    assert limits.validate("account_balance", valid_fields("account_balance"))[
        "identifier_type"] == "4"


def test_buy_goods_stk_keeps_the_till_as_party_b():
    fields = with_field("stk_push", transaction_type="CustomerBuyGoodsOnline", party_b="600100")
    values = limits.validate("stk_push", fields)
    assert (values["business_shortcode"], values["party_b"]) == ("174379", "600100")


def test_tax_party_b_must_be_kra():
    assert limits.check_field("tax_remittance", "party_b", "572572") is None
    assert limits.check_field("tax_remittance", "party_b", "600000") == "must be 572572"


def test_b2b_paybill_needs_account_reference_but_buy_goods_does_not():
    fields = with_field("b2b", account_reference=None)
    assert errors_of("b2b", fields) == {"account_reference": "is required for a paybill payment"}
    assert limits.check_field("b2b", "account_reference", "",
                              fields={"command_id": "BusinessPayBill"}) == \
        "is required for a paybill payment"
    buy_goods = with_field("b2b", account_reference=None, command_id="BusinessBuyGoods")
    assert "account_reference" not in limits.validate("b2b", buy_goods)


def test_transaction_status_needs_receipt_or_conversation_id():
    fields = with_field("transaction_status", transaction_id=None)
    assert errors_of("transaction_status", fields) == {
        "transaction_id": "give the M-Pesa receipt or the originator conversation ID"}
    fields["original_conversation_id"] = "AG_20240706_20106e9209f64bebd05b"
    assert limits.validate("transaction_status", fields)["original_conversation_id"]


def test_party_a_is_msisdn_when_identifier_type_is_1():
    fields = with_field("transaction_status", identifier_type="1", party_a="0708374149")
    assert limits.validate("transaction_status", fields)["party_a"] == "254708374149"
    assert limits.check_field("account_balance", "party_a", "0708374149",
                              fields={"identifier_type": "4"}) == \
        "must be a shortcode of 5 to 9 digits"


def test_receipts_are_upper_cased_and_checked():
    values = limits.validate("reversal", with_field("reversal", transaction_id="nlj7rt61sv"))
    assert values["transaction_id"] == "NLJ7RT61SV"
    assert limits.check_field("reversal", "transaction_id", "NLJ7RT61") == \
        "must be a 10-character M-Pesa receipt like NLJ7RT61SV"


def test_ids_have_no_spaces():
    assert limits.check_field("stk_query", "checkout_request_id", "ws CO") == \
        "must not contain spaces"


@pytest.mark.parametrize(("url", "environment", "message"), [
    ("https://example.com/cb", "production", None),
    ("http://example.com/cb", "sandbox", None),
    ("http://example.com/cb", "offline", None),
    ("http://example.com/cb", "production", "must start with https:// in production"),
    ("http://127.0.0.1:8080/cb", "custom", None),
    ("http://localhost:8080/cb", "custom", None),
    ("http://[::1]:8080/cb", "custom", None),
    ("http://example.com/cb", "custom", "must start with https:// (http only for this computer)"),
    ("https://example.com/c b", "sandbox", "must not contain spaces"),
    (" https://example.com/cb", "sandbox", None),
    ("ftp://example.com/cb", "sandbox", "must be a web address like https://example.com/callback"),
    ("example.com/cb", "sandbox", "must be a web address like https://example.com/callback"),
    ("https://", "sandbox", "must be a web address like https://example.com/callback"),
    ("http://[::1/cb", "sandbox", "must be a web address like https://example.com/callback"),
])
def test_url_rules(url, environment, message):
    assert limits.check_field("b2c", "result_url", url, environment) == message


@pytest.mark.parametrize("word", ["M-PESA", "mpesa", "MPesa", "Safaricom", "exe", "EXEC", "cmd",
                                  "sql", "Query"])
def test_c2b_urls_refuse_daraja_forbidden_words(word):
    url = f"https://example.com/{word}/confirm"
    message = limits.check_field("c2b_register", "confirmation_url", url)
    assert message is not None and "Daraja refuses it" in message
    assert word.lower() in message.lower() or "exe" in message
    assert limits.check_field("c2b_register", "validation_url", url) == message


def test_forbidden_words_apply_to_c2b_urls_only():
    assert limits.check_field("b2c", "result_url", "https://example.com/mpesa/result") is None


def test_validate_reports_every_bad_field_and_unknown_ones():
    fields = {"amount": "5", "party_b": "0812", "remarks": "x", "result_url": "ftp://x",
              "queue_timeout_url": "http://a b", "surprise": 1}
    errors = errors_of("b2c", fields, "production")
    assert errors == {
        "surprise": "is not a field of b2c",
        "initiator": "is required",
        "security_credential": "is required",
        "command_id": "is required",
        "amount": "must be 10 to 250,000 shillings",
        "party_a": "is required",
        "party_b": "must be a Kenyan mobile number like 0712 345 678",
        "remarks": "must be 2 to 100 characters",
        "queue_timeout_url": "must not contain spaces",
        "result_url": "must be a web address like https://example.com/callback",
    }


def test_validation_error_message_names_fields():
    with pytest.raises(ValidationError, match="amount: must be 10 to 250,000 shillings"):
        limits.validate("b2c", with_field("b2c", amount=1))


def test_blank_optional_fields_are_dropped():
    values = limits.validate("b2c", with_field("b2c", occasion="  "))
    assert "occasion" not in values


def test_c2b_simulate_refused_in_production():
    errors = errors_of("c2b_simulate", valid_fields("c2b_simulate"), "production")
    assert errors == {"shortcode": "C2B simulate works only in the sandbox or offline"}


def test_check_field_required_and_optional_blank():
    assert limits.check_field("b2c", "initiator", "") == "is required"
    assert limits.check_field("b2c", "occasion", None) is None
    assert limits.check_field("stk_push", "transaction_desc", "") is None


def test_rule_describes_the_field():
    amount = limits.rule("b2c", "amount")
    assert (amount.kind, amount.min_amount, amount.max_amount, amount.required) == \
        ("amount", 10, 250_000, True)
    desc = limits.rule("stk_push", "transaction_desc")
    assert (desc.max_len, desc.required, desc.default) == (13, False, "Payment")
    assert limits.rule("b2c", "security_credential").secret
    assert limits.rule("stk_push", "passkey").secret
    assert limits.rule("c2b_register", "response_type").choices == ("Completed", "Cancelled")


def test_unknown_operation_field_or_environment():
    with pytest.raises(ValueError, match="unknown operation"):
        limits.rule("b2x", "amount")
    with pytest.raises(ValueError, match="has no field"):
        limits.rule("b2c", "amont")
    with pytest.raises(ValueError, match="unknown environment"):
        limits.validate("b2c", valid_fields("b2c"), "live")
