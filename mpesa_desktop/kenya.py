"""Kenyan facts, declared once: phone numbers, shortcodes, M-Pesa receipts, East Africa Time and
shillings (daraja-reference.md section 2 and the sandbox table of section 7).

- A mobile number (MSISDN) is ``254`` then ``7`` or ``1`` and eight digits; people type it as
  ``0712 345 678``, ``+254712345678`` or ``712345678``: :func:`normalise_msisdn` reads any of these.
- A shortcode (paybill, till, B2C shortcode) is 5 to 9 digits; KRA's is :data:`KRA_SHORTCODE`.
- An M-Pesa receipt is 10 upper-case letters and digits, e.g. ``NLJ7RT61SV``.
- Kenya keeps East Africa Time, UTC+3 with no daylight saving (:data:`EAT`).
- Money is shown as ``KES 1,500`` (:func:`format_kes`) and, where a clerk confirms a payment, in
  words (:func:`amount_in_words`).

A leaf module: it imports only the standard library and ``messages`` (its hints are templates
the window says in its language), so every layer can use it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from mpesa_desktop.messages import message

EAT = timezone(timedelta(hours=3), "EAT")
KRA_SHORTCODE = "572572"

MSISDN_HINT = message("must be a Kenyan mobile number like 0712 345 678")
SHORTCODE_HINT = message("must be a shortcode of 5 to 9 digits")
RECEIPT_HINT = message("must be a 10-character M-Pesa receipt like NLJ7RT61SV")

_SUBSCRIBER = r"[17]\d{8}"  # the number after the country code
MSISDN = re.compile(rf"254{_SUBSCRIBER}", re.ASCII)  # as Daraja takes it: 254712345678
SHORTCODE = re.compile(r"\d{5,9}", re.ASCII)
RECEIPT = re.compile(r"[A-Z0-9]{10}")
_TYPED_MSISDN = re.compile(rf"(?:\+?254|0)?({_SUBSCRIBER})", re.ASCII)
_SEPARATORS = re.compile(r"[\s\-().]")


# ---- phone numbers ----

def normalise_msisdn(text: Any) -> str:
    """``0712 345 678``, ``+254712345678``, ``712345678``... -> ``254712345678``.

    Raises ValueError(:data:`MSISDN_HINT`) when it is not a Kenyan mobile number.
    """
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise ValueError(MSISDN_HINT)
    match = _TYPED_MSISDN.fullmatch(_SEPARATORS.sub("", str(text)))
    if not match:
        raise ValueError(MSISDN_HINT)
    return "254" + match.group(1)


def is_phone(text: str) -> bool:
    """Whether ``text`` is a Kenyan mobile number in any form :func:`normalise_msisdn` reads."""
    try:
        normalise_msisdn(text)
    except ValueError:
        return False
    return True


def is_msisdn(text: str) -> bool:
    """Whether ``text`` is exactly an MSISDN as Daraja takes it (``254712345678``)."""
    return MSISDN.fullmatch(text) is not None


def normalise_phone(text: str | int | None) -> str | None:
    """A Kenyan mobile number in any form -> ``254712345678``; anything else is kept as typed
    (trimmed), and blank is None. Lenient on purpose, for records of what was sent or received."""
    if text is None or not _SEPARATORS.sub("", str(text)):
        return None
    try:
        return normalise_msisdn(text)
    except ValueError:
        return str(text).strip()


# ---- shortcodes and receipts ----

def normalise_shortcode(value: Any) -> str:
    """A shortcode as a string of 5 to 9 digits; raises ValueError(:data:`SHORTCODE_HINT`)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(SHORTCODE_HINT)
    text = str(value).strip()
    if not is_shortcode(text):
        raise ValueError(SHORTCODE_HINT)
    return text


def is_shortcode(text: str) -> bool:
    """Whether ``text`` is exactly a shortcode (5 to 9 digits)."""
    return SHORTCODE.fullmatch(text) is not None


def is_receipt(text: str) -> bool:
    """Whether ``text`` is exactly an M-Pesa receipt (10 upper-case letters and digits)."""
    return RECEIPT.fullmatch(text) is not None


# ---- time ----

def today(now: datetime | None = None) -> date:
    """Today's date in Kenya at ``now`` (an aware datetime; default: the clock)."""
    return (now or datetime.now(UTC)).astimezone(EAT).date()


# ---- shillings ----

def format_kes(amount: int | float | Decimal | str) -> str:
    """``1500`` -> ``"KES 1,500"``; cents are shown only when there are some."""
    number = Decimal(str(amount))
    if number == number.to_integral_value():
        return f"KES {int(number):,}"
    return f"KES {number:,.2f}"


_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))


def _words_below_thousand(n: int) -> list[str]:
    words: list[str] = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(_ONES[n])
    return words


def amount_in_words(amount: int) -> str:
    """``1500`` -> ``"one thousand five hundred shillings"`` (for confirmation dialogs)."""
    n = int(amount)
    if n < 0:
        raise ValueError("amount must not be negative")
    if n == 0:
        return "zero shillings"
    words: list[str] = []
    for size, name in _SCALES:
        if n >= size:
            words += [*_words_below_thousand(n // size), name]
            n %= size
    words += _words_below_thousand(n)
    unit = "shilling" if int(amount) == 1 else "shillings"
    return " ".join([*words, unit])
