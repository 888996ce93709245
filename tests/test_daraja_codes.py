"""Result and error code tables: Daraja's text kept, plain meanings for a clerk."""

from __future__ import annotations

import pytest

from mpesa_desktop.daraja import codes


@pytest.mark.parametrize(("code", "words"), [
    (0, "Completed"), ("0", "Completed"), (1, "Not enough money"), ("1032", "cancelled"),
    (1037, "did not respond"), (2001, "Wrong PIN"), ("2040", "not registered"),
    (8006, "locked"), ("R000002", "receipt"), ("SFC_IC0003", "shortcode"),
])
def test_result_meanings(code, words):
    assert words.lower() in codes.result_meaning(code).lower()


def test_unknown_result_code_still_says_what_to_do():
    assert codes.result_meaning("X99") == (
        "M-Pesa answered with code X99. Check the transaction's status before retrying.")


def test_daraja_text_is_kept():
    assert codes.result_text(1) == "The balance is insufficient for the transaction."
    assert codes.result_text("nope") is None


@pytest.mark.parametrize(("code", "words"), [
    ("500.003.02", "limiting"), ("500.002.1001", "already sent"),
    ("401.002.01", "not enabled"), ("400.002.02", "field"), ("404.001.03", "token"),
])
def test_error_meanings(code, words):
    assert words in codes.error_meaning(code)


def test_unknown_error_code():
    assert codes.error_meaning("999.9") == "Daraja refused the request (code 999.9)."


def test_every_meaning_is_a_sentence():
    for table in (codes.RESULT_CODES, codes.ERROR_CODES):
        for entry in table.values():
            assert entry.meaning.endswith(".") and entry.daraja_text


@pytest.mark.parametrize(("code", "ok"), [
    ("0", True), (0, True), ("00000000", True), ("1", False), ("", False), (None, False),
])
def test_is_success(code, ok):
    assert codes.is_success(code) is ok


def test_invalid_token_codes():
    assert {"404.001.03", "401.002.01", "400.003.01"} == codes.INVALID_TOKEN_CODES
