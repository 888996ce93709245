"""Kenyan facts (mpesa_desktop.kenya): phone numbers, shortcodes, receipts, East Africa Time,
shillings; and that no other module writes them out again."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from mpesa_desktop import kenya, messages


@pytest.mark.parametrize("text", [
    "0712345678", "0712 345 678", "+254712345678", "254712345678", "712345678",
    "+254 712-345-678", "(0712) 345.678", 254712345678, 712345678,
])
def test_msisdn_forms_normalise(text):
    assert kenya.normalise_msisdn(text) == "254712345678"
    assert kenya.is_phone(str(text))


def test_msisdn_011_range():
    assert kenya.normalise_msisdn("0112 345 678") == "254112345678"


@pytest.mark.parametrize("text", [
    "", "0812345678", "25471234567", "2547123456789", "07123456a8", "+255712345678",
    "0712345678 ext", True, None, 12.5, "07１２３４５６７８", "0712345678\n1",
])
def test_msisdn_rejects(text):
    with pytest.raises(ValueError, match="Kenyan mobile number like 0712 345 678"):
        kenya.normalise_msisdn(text)
    assert not kenya.is_phone(str(text))


def test_msisdn_as_daraja_takes_it_is_exactly_254_then_7_or_1_and_eight_digits():
    assert kenya.is_msisdn("254708374149")
    assert kenya.is_msisdn("254112345678")
    for text in ("0708374149", "+254708374149", "254808374149", "2547083741490",
                 "254 708374149", "25470837414９"):
        assert not kenya.is_msisdn(text), text


def test_phone_as_recorded_is_normalised_when_kenyan_and_kept_as_typed_otherwise():
    assert kenya.normalise_phone(" 0708 374 149 ") == "254708374149"
    assert kenya.normalise_phone(708374149) == "254708374149"
    assert kenya.normalise_phone(" +44 20 7946 0958 ") == "+44 20 7946 0958"
    assert kenya.normalise_phone(" - ") is None
    assert kenya.normalise_phone(None) is None


@pytest.mark.parametrize(("value", "ok"), [
    ("12345", True), ("123456789", True), (600000, True), (" 600000 ", True),
    ("1234", False), ("1234567890", False), ("60000a", False), (True, False), ("٦٠٠٠٠٠", False),
])
def test_shortcode_is_5_to_9_digits(value, ok):
    if ok:
        assert kenya.normalise_shortcode(value) == str(value).strip()
    else:
        with pytest.raises(ValueError, match="must be a shortcode of 5 to 9 digits"):
            kenya.normalise_shortcode(value)


def test_kra_shortcode_is_a_shortcode():
    assert kenya.is_shortcode(kenya.KRA_SHORTCODE)
    assert kenya.KRA_SHORTCODE == "572572"


@pytest.mark.parametrize(("text", "ok"), [
    ("NLJ7RT61SV", True), ("SG632NMUAB", True), ("OAK0000000", True), ("XXXXXXXXXX", True),
    ("nlj7rt61sv", False), ("NLJ7RT61S", False), ("NLJ7RT61SVX", False), ("NLJ7RT-1SV", False),
    ("NLJ7RT61SV\n", False), ("ＮLJ7RT61SV", False),
])
def test_receipt_is_ten_upper_case_letters_and_digits(text, ok):
    assert kenya.is_receipt(text) is ok


def test_east_africa_time_is_utc_plus_3_all_year():
    for month in (1, 7):
        moment = datetime(2026, month, 4, 21, 0, tzinfo=UTC).astimezone(kenya.EAT)
        assert (moment.hour, moment.isoformat()[-6:]) == (0, "+03:00")
    assert kenya.today(datetime(2026, 12, 4, 21, 0, tzinfo=UTC)).day == 5
    assert kenya.today(datetime(2026, 12, 4, 20, 59, tzinfo=UTC)).day == 4


@pytest.mark.parametrize(("amount", "text"), [
    (1500, "KES 1,500"), (0, "KES 0"), (250000, "KES 250,000"), ("190.00", "KES 190"),
    (8959269.6, "KES 8,959,269.60"), (-1540, "KES -1,540"), (Decimal("0.5"), "KES 0.50"),
])
def test_format_kes(amount, text):
    assert kenya.format_kes(amount) == text


@pytest.mark.parametrize(("amount", "words"), [
    (1, "one shilling"),
    (10, "ten shillings"),
    (21, "twenty-one shillings"),
    (115, "one hundred fifteen shillings"),
    (1500, "one thousand five hundred shillings"),
    (250000, "two hundred fifty thousand shillings"),
    (1_000_001, "one million one shillings"),
    (0, "zero shillings"),
])
def test_amount_in_words(amount, words):
    assert kenya.amount_in_words(amount) == words


def test_amount_in_words_refuses_a_negative_amount():
    with pytest.raises(ValueError, match="must not be negative"):
        kenya.amount_in_words(-1)


PACKAGE = Path(kenya.__file__).parent
# How each fact was written out again before it had one home (issue 10: the phone pattern five
# times, two receipt patterns, the EAT zone four times, KRA's shortcode and the shortcode rule).
COPIES = ("[17]\\d{8}", "254[17]", "[A-Z0-9]{10}", "\\d{5,7}", "\\d{5,9}", "digits(5, 9)",
          "timedelta(hours=3)", '"572572"', "'572572'", 'f"KES {')


def test_no_module_but_kenya_writes_a_kenyan_fact_out_again():
    found = [
        f"{path.relative_to(PACKAGE)}: {copy}"
        for path in sorted(PACKAGE.rglob("*.py")) if path.name != "kenya.py" or
        path.parent != PACKAGE
        for copy in COPIES if copy in path.read_text(encoding="utf-8")
    ]
    assert found == []


def imports_of(module: object) -> list[str]:
    source = Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8")
    return [line.split()[1] for line in source.splitlines()
            if line.startswith(("import ", "from "))]


def test_kenya_is_a_leaf_that_imports_only_the_standard_library():
    """Its hints are core messages (issue 17: the window says them in Swahili), and
    ``messages`` is a leaf of the standard library too."""
    assert imports_of(kenya) == ["__future__", "re", "datetime", "decimal", "typing",
                                 "mpesa_desktop.messages"]
    assert imports_of(messages) == ["__future__", "typing"]
