"""Reading an amount of money: ONE strict reader for every face and file.

The forms (live hints), the confirmation's "amount again", the command line, the bulk CSV file,
the Python API and the profile's caps all read amounts here, so ``1500,00`` can never become
150,000 in one of them (version 1 paid 100 times too much from a file with decimal commas).

An amount is whole Kenyan shillings, written:

- as digits 0-9, optionally grouped in threes by commas or by spaces, the same separator
  throughout: ``1500``, ``1,500``, ``1 500``, ``12,345,678``. A no-break space (U+00A0, U+202F,
  as French spreadsheets write) counts as a space: no language uses a space for decimals;
- with an optional ``KES``, ``Ksh`` or ``Kshs`` before it (any case, ``Ksh.`` too, one space
  allowed): ``KES 1,500``, ``Ksh1500``;
- with an optional ``.00`` and/or ``/=`` (or ``/-``) after it: ``1,500.00``, ``1500/=``.

Everything else is refused with the reason, never guessed: exponents (``1e3``), underscores,
a decimal comma (``1500,00``), grouping other than threes (``1,50``, ``15,00,000``, ``1,5000``),
a dot between thousands (``1.500``: one and a half, or fifteen hundred?), cents other than
``.00``, digits other than 0-9 (full-width, Arabic-Indic...), signs, other currencies, nothing.

From Python, an ``int`` is taken as it is; a ``float``, ``Decimal`` or other real number only
when it is a whole number (``1500.0``); ``bool`` never.

``read_amount(value, low, high)`` reads and applies the bounds (the field rules in
``daraja.limits`` give them per operation); its ValueError is a short rule that the caller
prefixes with the field's name, the option or the file's row and column::

    must be whole shillings from 10 to 250,000, written like 1,500
    (got '1500,00': a decimal comma is not accepted)

``parse_amount(value)`` only reads; its ``AmountError.kind`` says what was wrong, which the bulk
file uses to recognise a spreadsheet written in another language.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from decimal import Decimal
from typing import Any

from mpesa_desktop.messages import message

MAX_AMOUNT = 1_000_000_000  # a sanity ceiling where Daraja documents no maximum
MAX_TEXT = 40  # longer text is not an amount (and never reaches int())
MAX_NUMBER = 2**53  # a float or Decimal this large is not an exact amount

# What went wrong (AmountError.kind).
EMPTY, NOT_A_NUMBER, TOO_LONG, TOO_LARGE = "empty", "not a number", "too long", "too large"
EXPONENT, UNDERSCORE, SIGN, OTHER_DIGITS = "exponent", "underscore", "sign", "other digits"
CURRENCY, CURRENCY_AFTER = "currency", "currency after"
DECIMAL_COMMA, DOT_THOUSANDS = "decimal comma", "dot thousands"
CENTS, GROUPING = "cents", "grouping"
# Shapes a spreadsheet set to a language with decimal commas writes (German, French...).
OTHER_LOCALE = frozenset({DECIMAL_COMMA, DOT_THOUSANDS})

REASONS = {
    EMPTY: message("nothing was written"),
    NOT_A_NUMBER: message("that is not a number"),
    TOO_LONG: message("longer than {count} characters", count=MAX_TEXT),
    TOO_LARGE: message("far more than any payment"),
    EXPONENT: message("an exponent (e) is not accepted"),
    UNDERSCORE: message("underscores are not accepted"),
    SIGN: message("a sign (+ or -) is not accepted"),
    OTHER_DIGITS: message("only the digits 0-9 are accepted"),
    CURRENCY: message("only Kenyan shillings (KES) are accepted"),
    CURRENCY_AFTER: message("write KES before the amount"),
    DECIMAL_COMMA: message("a decimal comma is not accepted"),
    DOT_THOUSANDS: message("a dot between thousands is not accepted"),
    CENTS: message("cents are not accepted, only .00"),
    GROUPING: message("digits must be grouped in threes, like 1,500 or 12,345,678"),
}

_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_ACCEPTED = re.compile(
    r"(?:(?:KES|KSHS?\.?) ?)?"  # currency
    r"(?P<number>\d+|[1-9]\d{0,2}(?P<sep>[, ])\d{3}(?:(?P=sep)\d{3})*)"
    r"(?:\.00)?(?:/[=-])?",  # no cents
    re.ASCII | re.IGNORECASE,
)
_PREFIX = re.compile(r"^(?:KES|KSHS?\.?) ?", re.ASCII | re.IGNORECASE)
_SUFFIX = re.compile(r"/[=-]$")
_EXPONENT = re.compile(r"[\d.]e[+-]?\d", re.IGNORECASE)
_SIGNS = "+-\u2212\u2012\u2013\u2014"
_CURRENCY_WORD = re.compile(r"^[A-Z]{2,4}\.?\s?\d|\d\s?[A-Z]{2,4}\.?$", re.IGNORECASE)
_KES_AFTER = re.compile(r"\d\s?(?:KES|KSHS?)\.?$", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r",\d{1,2}(?:\.00)?$|\.\d{3},")  # 1500,00  1,5  1.500,00


class AmountError(ValueError):
    """The value is not an amount as written here: ``kind`` says what is wrong (a key of
    REASONS), ``reason`` says it in words, ``got`` is the value as written (shortened)."""

    def __init__(self, kind: str, got: str):
        self.kind = kind
        self.reason = REASONS[kind]
        self.got = got
        super().__init__(refusal(kind, got))


def refusal(kind: str, got: str, bounds: str = "") -> str:
    """``must be whole shillings{bounds}, written like 1,500 (got '...': reason)``."""
    return message("must be whole shillings{bounds}, written like 1,500 (got '{got}': {reason})",
                   bounds=bounds, got=got, reason=REASONS[kind])


def _shown(text: str) -> str:
    """The value as the message quotes it: one line, at most 24 characters."""
    text = "".join(ch if ch.isprintable() else "\ufffd"
                   for ch in text.translate(_NO_BREAK_SPACES))
    return text if len(text) <= 24 else text[:23] + "\u2026"


def parse_amount(value: Any) -> int:
    """Whole shillings from text or a Python number, as the module says; AmountError otherwise.

    No bounds are applied here (``read_amount`` does): ``"0"`` gives 0.
    """
    if isinstance(value, bool):
        raise AmountError(NOT_A_NUMBER, str(value))
    if isinstance(value, numbers.Integral):  # int, and numpy's integers too
        return int(value)
    if isinstance(value, numbers.Real | Decimal):
        number = value if isinstance(value, Decimal) else float(value)
        finite = number.is_finite() if isinstance(number, Decimal) else math.isfinite(number)
        if not finite:
            raise AmountError(NOT_A_NUMBER, str(value))
        if not -MAX_NUMBER < number < MAX_NUMBER:  # int(Decimal("1e999999999")) never ends
            raise AmountError(TOO_LARGE, _shown(str(value)))
        if number != int(number):
            raise AmountError(CENTS, _shown(str(value)))
        return int(number)
    if not isinstance(value, str):
        raise AmountError(NOT_A_NUMBER, _shown(str(value)))
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise AmountError(TOO_LONG, _shown(text))
    plain = text.translate(_NO_BREAK_SPACES)
    match = _ACCEPTED.fullmatch(plain)
    if match is None:
        raise AmountError(_diagnose(plain), _shown(text))
    return int(re.sub(r"\D", "", match.group("number")))


def _diagnose(text: str) -> str:
    """Why ``text`` (stripped, no-break spaces made spaces) is not an amount."""
    if not text:
        return EMPTY
    if any(unicodedata.category(ch) == "Nd" and not ch.isascii() for ch in text):
        return OTHER_DIGITS
    body = _SUFFIX.sub("", _PREFIX.sub("", text, count=1))
    if _EXPONENT.search(body):
        return EXPONENT
    if any(ch in _SIGNS for ch in body) or (body.startswith("(") and body.endswith(")")):
        return SIGN
    if "_" in body:
        return UNDERSCORE
    if _KES_AFTER.search(text):
        return CURRENCY_AFTER
    if any(unicodedata.category(ch) == "Sc" for ch in body) or _CURRENCY_WORD.search(body):
        return CURRENCY
    if not re.fullmatch(r"[\d., ]+", body, re.ASCII) or not any(ch.isdigit() for ch in body):
        return NOT_A_NUMBER
    if _DECIMAL_COMMA.search(body):
        return DECIMAL_COMMA
    if re.search(r"\d\.\d{3}(?:\.\d{3})*(?:,|$)", body):
        return DOT_THOUSANDS
    if "." in body:
        return CENTS
    return GROUPING


def bounds_text(low: int, high: int | None) -> str:
    """The bounds as a rule: ``must be 10 to 250,000 shillings`` (``..., at least 1``)."""
    if high is None:
        return message("must be whole shillings, at least {low}", low=f"{low:,}")
    return message("must be {low} to {high} shillings", low=f"{low:,}", high=f"{high:,}")


def read_amount(value: Any, low: int = 1, high: int | None = None) -> int:
    """Whole shillings from ``low`` to ``high`` (and at most MAX_AMOUNT); ValueError(rule)."""
    try:
        amount = parse_amount(value)
    except AmountError as error:
        bounds = (message(", at least {low}", low=f"{low:,}") if high is None
                  else message(" from {low} to {high}", low=f"{low:,}", high=f"{high:,}"))
        raise ValueError(refusal(error.kind, error.got, bounds)) from None
    if amount < low or (high is not None and amount > high):
        raise ValueError(bounds_text(low, high))
    if amount > MAX_AMOUNT:
        raise ValueError(message("must be at most {high} shillings", high=f"{MAX_AMOUNT:,}"))
    return amount
