"""The one strict amount reader (``daraja.amounts``): every shape it accepts, every shape it
refuses with the reason, and the bounds applied after reading."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from mpesa_desktop.daraja import amounts
from mpesa_desktop.daraja.amounts import AmountError, parse_amount, read_amount

NBSP, NNBSP = "\u00a0", "\u202f"

ACCEPTED = [
    ("1500", 1500),
    ("  1500  ", 1500),
    ("007", 7),
    ("1,500", 1500),
    ("12,345,678", 12_345_678),
    ("1 500", 1500),
    ("250 000", 250_000),
    (f"1{NBSP}500", 1500),  # French spreadsheets group with a no-break space
    (f"12{NNBSP}345{NNBSP}678", 12_345_678),
    ("KES 1,500", 1500),
    ("kes1500", 1500),
    ("Ksh 1,500", 1500),
    ("KSH1500", 1500),
    ("Kshs 2,000", 2000),
    ("Ksh. 1,500", 1500),
    (f"KES{NBSP}1500", 1500),
    ("1500.00", 1500),
    ("1,500.00", 1500),
    ("1500/=", 1500),
    ("1,500/-", 1500),
    ("KES 1,500.00/=", 1500),
    ("0", 0),  # read; the bounds refuse it
    (1500, 1500),
    (10**20, 10**20),  # an int is taken as it is; the bounds refuse it
    (1500.0, 1500),
    (Decimal("1500.00"), 1500),
    (Fraction(3000, 2), 1500),
]

REFUSED = [
    # (value, kind, as quoted in the message)
    ("", amounts.EMPTY, ""),
    ("   ", amounts.EMPTY, ""),
    ("1e3", amounts.EXPONENT, "1e3"),
    ("2.5E+05", amounts.EXPONENT, "2.5E+05"),
    ("1E3", amounts.EXPONENT, "1E3"),
    ("KES 1e3", amounts.EXPONENT, "KES 1e3"),
    ("1_500", amounts.UNDERSCORE, "1_500"),
    ("1500,00", amounts.DECIMAL_COMMA, "1500,00"),
    ("1500,5", amounts.DECIMAL_COMMA, "1500,5"),
    ("1,50", amounts.DECIMAL_COMMA, "1,50"),
    ("1,500,00", amounts.DECIMAL_COMMA, "1,500,00"),
    ("1.500,00", amounts.DECIMAL_COMMA, "1.500,00"),
    (f"1{NNBSP}500,00", amounts.DECIMAL_COMMA, "1 500,00"),
    ("15,00,000", amounts.GROUPING, "15,00,000"),  # Indian grouping
    ("1,5000", amounts.GROUPING, "1,5000"),
    ("1500,000", amounts.GROUPING, "1500,000"),
    ("1 50", amounts.GROUPING, "1 50"),
    ("1,500 000", amounts.GROUPING, "1,500 000"),  # two separators
    ("1  500", amounts.GROUPING, "1  500"),
    ("0,500", amounts.GROUPING, "0,500"),
    ("1.500", amounts.DOT_THOUSANDS, "1.500"),
    ("10.000", amounts.DOT_THOUSANDS, "10.000"),
    ("1.500.000", amounts.DOT_THOUSANDS, "1.500.000"),
    ("1500.50", amounts.CENTS, "1500.50"),
    ("1500.5", amounts.CENTS, "1500.5"),
    ("1500.0", amounts.CENTS, "1500.0"),
    ("1,500.50", amounts.CENTS, "1,500.50"),
    ("1500.", amounts.CENTS, "1500."),
    (1500.5, amounts.CENTS, "1500.5"),
    (Decimal("10.50"), amounts.CENTS, "10.50"),
    (Fraction(1, 3), amounts.CENTS, "1/3"),
    ("\uff11\uff15\uff10\uff10", amounts.OTHER_DIGITS, "\uff11\uff15\uff10\uff10"),  # full-width
    ("\u0661\u0665\u0660\u0660", amounts.OTHER_DIGITS, "\u0661\u0665\u0660\u0660"),  # Arabic-Indic
    ("\u0967\u096b\u0966\u0966", amounts.OTHER_DIGITS, "\u0967\u096b\u0966\u0966"),  # Devanagari
    ("1\uff1500", amounts.OTHER_DIGITS, "1\uff1500"),
    ("+1500", amounts.SIGN, "+1500"),
    ("-1500", amounts.SIGN, "-1500"),
    ("\u22121500", amounts.SIGN, "\u22121500"),  # the minus sign
    ("1500-", amounts.SIGN, "1500-"),
    ("(1500)", amounts.SIGN, "(1500)"),
    ("KES -1,500", amounts.SIGN, "KES -1,500"),
    ("USD 100", amounts.CURRENCY, "USD 100"),
    ("$100", amounts.CURRENCY, "$100"),
    ("\u20ac1.500,00", amounts.CURRENCY, "\u20ac1.500,00"),
    ("100 EUR", amounts.CURRENCY, "100 EUR"),
    ("TSh 1500", amounts.CURRENCY, "TSh 1500"),
    ("1500 KES", amounts.CURRENCY_AFTER, "1500 KES"),
    ("ten", amounts.NOT_A_NUMBER, "ten"),
    ("nan", amounts.NOT_A_NUMBER, "nan"),
    ("inf", amounts.NOT_A_NUMBER, "inf"),
    ("KES", amounts.NOT_A_NUMBER, "KES"),
    ("0x10", amounts.NOT_A_NUMBER, "0x10"),
    ("1\t500", amounts.NOT_A_NUMBER, "1\ufffd500"),
    ("1500\u200b", amounts.NOT_A_NUMBER, "1500\ufffd"),  # an invisible zero-width space
    ("1" * 41, amounts.TOO_LONG, "1" * 23 + "\u2026"),
    (True, amounts.NOT_A_NUMBER, "True"),
    (None, amounts.NOT_A_NUMBER, "None"),
    ([1500], amounts.NOT_A_NUMBER, "[1500]"),
    (float("nan"), amounts.NOT_A_NUMBER, "nan"),
    (float("inf"), amounts.NOT_A_NUMBER, "inf"),
    (Decimal("NaN"), amounts.NOT_A_NUMBER, "NaN"),
    (2.0**60, amounts.TOO_LARGE, "1.152921504606847e+18"),
    (Decimal("1e999999999"), amounts.TOO_LARGE, "1E+999999999"),
]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=[repr(v) for v, _ in ACCEPTED])
def test_accepted_shapes(value, expected):
    amount = parse_amount(value)
    assert (amount, type(amount)) == (expected, int)


@pytest.mark.parametrize(("value", "kind", "got"), REFUSED, ids=[repr(v) for v, _, _ in REFUSED])
def test_refused_shapes_say_why(value, kind, got):
    with pytest.raises(AmountError) as caught:
        parse_amount(value)
    assert (caught.value.kind, caught.value.got) == (kind, got)
    assert str(caught.value) == (
        f"must be whole shillings, written like 1,500 (got '{got}': {amounts.REASONS[kind]})")


def test_every_reason_is_covered_by_the_table():
    assert {kind for _, kind, _ in REFUSED} == set(amounts.REASONS)


def test_the_messages_a_clerk_reads():
    with pytest.raises(ValueError) as caught:
        read_amount("1500,00", 10, 250_000)
    assert str(caught.value) == ("must be whole shillings from 10 to 250,000, written like "
                                 "1,500 (got '1500,00': a decimal comma is not accepted)")
    with pytest.raises(ValueError) as caught:
        read_amount("\uff11\uff10\uff10")
    assert str(caught.value) == ("must be whole shillings, at least 1, written like 1,500 "
                                 "(got '\uff11\uff10\uff10': only the digits 0-9 are accepted)")


@pytest.mark.parametrize(("value", "low", "high", "message"), [
    ("9", 10, 250_000, "must be 10 to 250,000 shillings"),
    ("250,001", 10, 250_000, "must be 10 to 250,000 shillings"),
    (0, 1, None, "must be whole shillings, at least 1"),
    (-5, 1, None, "must be whole shillings, at least 1"),
    ("1,000,000,001", 1, None, "must be at most 1,000,000,000 shillings"),
    (10**20, 1, None, "must be at most 1,000,000,000 shillings"),
])
def test_bounds_apply_after_reading(value, low, high, message):
    with pytest.raises(ValueError) as caught:
        read_amount(value, low, high)
    assert str(caught.value) == message


@pytest.mark.parametrize(("value", "low", "high"), [
    ("10", 10, 250_000), ("250,000", 10, 250_000), ("KES 1,000,000,000", 1, None)])
def test_bounds_are_inclusive(value, low, high):
    assert read_amount(value, low, high) == parse_amount(value)
