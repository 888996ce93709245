"""The amount in Swahili words the confirmation shows (issue 17's table of amounts)."""

from __future__ import annotations

import pytest

from mpesa_desktop.swahili_words import amount_in_words_sw, number_in_words

TABLE = [
    (1, "shilingi moja"),
    (10, "shilingi kumi"),
    (99, "shilingi tisini na tisa"),
    (100, "shilingi mia moja"),
    (1_001, "shilingi elfu moja na moja"),
    (250_000, "shilingi elfu mia mbili na hamsini"),
    (999_999_999, "shilingi milioni mia tisa tisini na tisa, elfu mia tisa tisini na tisa, "
                  "mia tisa tisini na tisa"),
]


@pytest.mark.parametrize(("amount", "words"), TABLE)
def test_the_issue_table_of_amounts(amount: int, words: str) -> None:
    assert amount_in_words_sw(amount) == words


@pytest.mark.parametrize(("number", "words"), [
    (0, "sifuri"),
    (11, "kumi na moja"),
    (20, "ishirini"),
    (105, "mia moja na tano"),
    (110, "mia moja na kumi"),
    (125, "mia moja ishirini na tano"),
    (1_500, "elfu moja, mia tano"),
    (2_000_050, "milioni mbili na hamsini"),
    (1_000_000_000, "bilioni moja"),
])
def test_tens_hundreds_and_groups(number: int, words: str) -> None:
    assert number_in_words(number) == words


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        amount_in_words_sw(-1)
