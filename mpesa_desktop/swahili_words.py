"""Amounts in Swahili words for the confirmation (Qt-free): ``250000`` -> ``"shilingi elfu mia
mbili na hamsini"``.

The convention, as written in Kenyan banking and on M-PESA's own Swahili receipts:

- the noun comes first: ``shilingi`` then the number (``shilingi moja``, ``shilingi kumi``);
- below a hundred: ``kumi``, ``ishirini`` ... ``tisini``, then ``na`` and the unit
  (``tisini na tisa`` = 99);
- hundreds and thousands name their multiplier after them: ``mia moja`` (100), ``mia tisa``
  (900), ``elfu moja`` (1,000), ``milioni moja`` (1,000,000), ``bilioni moja``;
- thousands are counted in thousands (``elfu mia mbili na hamsini`` = 250,000), not in the
  colloquial ``laki`` (100,000), so every group reads like the number written in figures;
- ``na`` joins the last part of a group when it is below ten or stands alone below a hundred
  (``mia moja na tano`` = 105, ``elfu moja na moja`` = 1,001), and the groups are separated by
  commas (``milioni mia tisa tisini na tisa, elfu ..., mia tisa tisini na tisa``).
"""

from __future__ import annotations

UNITS = ("", "moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa")
TENS = ("", "kumi", "ishirini", "thelathini", "arobaini", "hamsini", "sitini", "sabini",
        "themanini", "tisini")
SCALES = ((1_000_000_000, "bilioni"), (1_000_000, "milioni"), (1_000, "elfu"))
CURRENCY = "shilingi"


def _below_hundred(n: int) -> str:
    tens, units = divmod(n, 10)
    if tens and units:
        return f"{TENS[tens]} na {UNITS[units]}"
    return TENS[tens] or UNITS[units]


def _below_thousand(n: int) -> str:
    """1..999 in words (``mia moja na tano``, ``mia tisa tisini na tisa``)."""
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest)
    words = f"mia {UNITS[hundreds]}"
    if not rest:
        return words
    joiner = " na " if rest < 10 or rest % 10 == 0 else " "
    return words + joiner + _below_hundred(rest)


def number_in_words(n: int) -> str:
    """A whole number from 0 in Swahili words (``sifuri`` for 0)."""
    if n < 0:
        raise ValueError("amount must not be negative")
    if n == 0:
        return "sifuri"
    groups: list[str] = []
    for size, name in SCALES:
        if n >= size:
            groups.append(f"{name} {number_in_words(n // size)}")
            n %= size
    if n:
        last = _below_thousand(n)
        if groups and n < 100:
            return ", ".join(groups) + " na " + last
        groups.append(last)
    return ", ".join(groups)


def amount_in_words_sw(amount: int) -> str:
    """``1500`` -> ``"shilingi elfu moja, mia tano"`` (the confirmation's words in Swahili)."""
    return f"{CURRENCY} {number_in_words(int(amount))}"
