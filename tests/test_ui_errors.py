"""Every error a clerk can meet is told in plain words, with the technical details folded."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from mpesa_desktop.daraja.errors import ApiError, AuthError, TransportError, ValidationError
from mpesa_desktop.services.errors import DuplicateError
from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.errors import explain, result_meaning, show_error


def test_validation_names_each_field_by_its_label():
    error = ValidationError({"party_b": "must be a Kenyan mobile number", "amount": "is required"})
    told = explain(error, {"party_b": "Phone number"})
    assert told.headline == "Please correct the form"
    assert "Nothing was sent." in told.message
    assert "Phone number: must be a Kenyan mobile number" in told.message
    assert "Amount: is required" in told.message


def test_daraja_refusal_uses_the_code_table_and_folds_the_raw_answer():
    error = ApiError(500, "500.003.02", "Spike arrest violation", "req-1",
                     "Too many requests at once; wait a moment and try again.")
    told = explain(error)
    assert told.headline == "M-Pesa refused the request"
    assert "Too many requests" in told.message and "500.003.02" not in told.message
    assert "Error code: 500.003.02" in told.details and "Request ID: req-1" in told.details


def test_wrong_keys_unreachable_server_and_unknown_outcome():
    assert "consumer key and secret" in explain(AuthError(400, None, "")).headline
    unreachable = explain(TransportError("connection refused", maybe_delivered=False))
    assert unreachable.headline == "Could not reach the server"
    assert "Nothing was sent" in unreachable.message
    unknown = explain(TransportError("read timed out", maybe_delivered=True))
    assert unknown.headline == "Outcome unknown"
    assert "Do not send it again" in unknown.message


def test_a_guard_speaks_for_itself_and_a_bug_hides_its_traceback():
    assert explain(DuplicateError("An identical payment is in flight.")).message == (
        "An identical payment is in flight."
    )
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        told = explain(error)
    assert "ZeroDivisionError" not in told.headline + told.message
    assert "ZeroDivisionError" in told.details


def test_result_codes_in_plain_words():
    assert "PIN" in result_meaning("2001", "The initiator information is invalid.")
    assert result_meaning(None, "Daraja's own words") == "Daraja's own words"


def test_error_box_folds_the_details(qtbot):
    box = show_error(None, TransportError("read timed out", maybe_delivered=True))
    qtbot.addWidget(box)
    assert box.text() == "Outcome unknown"
    assert box.detailedText() == "read timed out"
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


def test_errors_are_told_in_swahili_when_the_window_speaks_it(qapp):
    i18n.set_language(i18n.SWAHILI)
    try:
        form = explain(ValidationError({"amount": "is required"}), {"amount": "Kiasi (KES)"})
        assert form.headline == "Tafadhali sahihisha fomu"
        assert form.message.startswith("Hakuna kilichotumwa.\n")
        unknown = explain(TransportError("read timed out", maybe_delivered=True))
        assert unknown.headline == "Matokeo hayajulikani"
        assert "Usilitume tena" in unknown.message
        refused = explain(ApiError(500, "500.003.02", "Spike arrest violation", "req-1",
                                   "Too many requests at once; wait a moment and try again."))
        assert refused.headline == "M-PESA imekataa ombi"
        assert refused.message.endswith("Hakuna kilicholipwa.")
    finally:
        i18n.set_language(i18n.ENGLISH)


def test_the_error_box_has_its_buttons_in_swahili(qapp):
    i18n.set_language(i18n.SWAHILI)
    try:
        box = show_error(None, TransportError("read timed out", maybe_delivered=True))
        texts = [button.text() for button in box.buttons()]
        assert "OK" not in texts and "Show Details..." not in texts
        assert any(text.startswith("Onyesha maelezo") for text in texts), texts
        box.close()
    finally:
        i18n.set_language(i18n.ENGLISH)
