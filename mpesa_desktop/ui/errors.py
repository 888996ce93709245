"""Errors in plain words for a clerk, with the raw details folded away.

``explain(error)`` turns an error into a headline, one or two sentences and the technical
details, by its place in the app's one error tree (``mpesa_desktop.errors``): a ``KnownError``
gets the words of its nearest class below (validation, Daraja refused, the keys refused, the
server's certificate, could not reach the server, outcome unknown, the profile's settings, the
log; any other speaks for itself), anything else is a bug, all in the window's language: the
core's sentences (``messages.message``) are translated too, what Daraja says is quoted as it
is. ``show_error`` puts that in a message box whose details are folded
(``QMessageBox.detailedText``). An exception's repr is never shown.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import singledispatch

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from mpesa_desktop.config import ConfigError
from mpesa_desktop.daraja import codes
from mpesa_desktop.daraja.errors import (
    ApiError,
    AuthError,
    CertificateError,
    TransportError,
    ValidationError,
)
from mpesa_desktop.errors import KnownError
from mpesa_desktop.ledger import LedgerError
from mpesa_desktop.ui.i18n import core_text, error_text, name_buttons, translate

Labels = dict[str, str]


@dataclass(frozen=True)
class Explanation:
    """What to tell the clerk: a headline, the sentence(s) that matter, the folded details."""

    headline: str
    message: str
    details: str = ""


def field_label(field: str) -> str:
    """``party_b`` -> ``Party b``: a fallback label when a form has no label for a field."""
    return field.replace("_", " ").capitalize()


def explain(error: BaseException, labels: Labels | None = None) -> Explanation:
    """Plain words for any error a call of the window can meet."""
    if isinstance(error, KnownError):
        return _known(error, labels or {})
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Explanation(
        translate("Errors", "Something went wrong inside the app"),
        translate("Errors", "The request may not have been completed. Check the transaction log "
                            "before trying again."),
        details,
    )


@singledispatch
def _known(error: KnownError, labels: Labels) -> Explanation:
    """A KnownError with no words of its own (the services' guards, a duplicate, a bulk file)
    speaks plain words already."""
    return Explanation(translate("Errors", "Not sent"), error_text(error))


@_known.register
def _validation(error: ValidationError, labels: Labels) -> Explanation:
    lines = [f"{labels.get(f, field_label(f))}: {core_text(rule)}"
             for f, rule in error.errors.items()]
    return Explanation(translate("Errors", "Please correct the form"),
                       translate("Errors", "Nothing was sent.") + "\n" + "\n".join(lines))


@_known.register
def _refused(error: ApiError, labels: Labels) -> Explanation:
    meaning = error.explanation or codes.error_meaning(error.error_code or "")
    nothing_paid = translate("Errors", "Nothing was paid.")
    return Explanation(translate("Errors", "M-Pesa refused the request"),
                       f"{meaning}\n{nothing_paid}", _api_details(error))


@_known.register
def _keys_refused(error: AuthError, labels: Labels) -> Explanation:
    return Explanation(
        translate("Errors", "The consumer key and secret were refused"),
        translate("Errors", "Check them in Profile settings, then try again. Nothing was sent."),
        _api_details(error),
    )


@_known.register
def _not_reached(error: TransportError, labels: Labels) -> Explanation:
    if error.maybe_delivered:
        return Explanation(
            translate("Errors", "Outcome unknown"),
            translate("Errors", "The request may have reached M-Pesa but the answer was lost. "
                                "Do not send it again: check its status first (Transaction "
                                "status tab)."),
            str(error),
        )
    return Explanation(
        translate("Errors", "Could not reach the server"),
        translate("Errors", "Nothing was sent. Check the network connection and try again."),
        str(error),
    )


@_known.register
def _unverified(error: CertificateError, labels: Labels) -> Explanation:
    return Explanation(
        translate("Errors", "The server's certificate could not be verified"),
        translate("Errors", "No secure connection was made to {host}, so nothing was sent. "
                            "Check the server address in Profile settings; on a company "
                            "network, ask whether it inspects secure connections.").fill(
            host=error.host),
        str(error),
    )


@_known.register
def _settings(error: ConfigError, labels: Labels) -> Explanation:
    return Explanation(translate("Errors", "The profile's settings need attention"),
                       error_text(error))


@_known.register
def _log(error: LedgerError, labels: Labels) -> Explanation:
    return Explanation(translate("Errors", "The transaction log did not allow it"), str(error))


def result_meaning(result_code: str | None, result_desc: str | None) -> str:
    """Plain words for a transaction's result code, falling back to Daraja's own description."""
    if result_code not in (None, ""):
        meaning = codes.result_meaning(str(result_code))
        if meaning:
            return meaning
    return result_desc or ""


def _api_details(error: ApiError) -> str:
    parts = [f"HTTP status: {error.http_status}"]
    if error.error_code:
        parts.append(f"Error code: {error.error_code}")
    if error.error_message:
        parts.append(f"Message from Daraja: {error.error_message}")
    if error.request_id:
        parts.append(f"Request ID: {error.request_id}")
    return "\n".join(parts)


def show_error(parent: QWidget | None, error: BaseException, title: str = "M-Pesa") -> QMessageBox:
    """Show ``error`` in a window-modal box (not blocking the event loop); return the box."""
    explanation = explain(error)
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote Daraja and clerks
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(explanation.headline)
    box.setInformativeText(explanation.message)
    if explanation.details:
        box.setDetailedText(explanation.details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    buttons = box.findChild(QDialogButtonBox)
    if buttons is not None:
        name_buttons(buttons)
    box.open()
    return box
