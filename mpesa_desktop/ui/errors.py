"""Errors in plain words for a clerk, with the raw details folded away.

``explain(error)`` turns the error vocabulary (validation, Daraja refused, could not reach the
server, outcome unknown, a guard of the services) into a headline, one or two sentences and the
technical details; ``show_error`` puts that in a message box whose details are folded
(``QMessageBox.detailedText``). An exception's repr is never shown.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from mpesa_desktop.config import ConfigError
from mpesa_desktop.daraja import codes
from mpesa_desktop.daraja.errors import (
    ApiError,
    AuthError,
    DarajaError,
    TransportError,
    ValidationError,
)


@dataclass(frozen=True)
class Explanation:
    """What to tell the clerk: a headline, the sentence(s) that matter, the folded details."""

    headline: str
    message: str
    details: str = ""


def field_label(field: str) -> str:
    """``party_b`` -> ``Party b``: a fallback label when a form has no label for a field."""
    return field.replace("_", " ").capitalize()


def explain(error: BaseException, labels: dict[str, str] | None = None) -> Explanation:
    """Plain words for any error a services call can raise."""
    labels = labels or {}
    if isinstance(error, ValidationError):
        lines = [f"{labels.get(f, field_label(f))}: {rule}" for f, rule in error.errors.items()]
        return Explanation("Please correct the form", "Nothing was sent.\n" + "\n".join(lines))
    if isinstance(error, AuthError):
        return Explanation(
            "The consumer key and secret were refused",
            "Check them in Profile settings, then try again. Nothing was sent.",
            _api_details(error),
        )
    if isinstance(error, ApiError):
        meaning = error.explanation or codes.error_meaning(error.error_code or "")
        return Explanation(
            "M-Pesa refused the request",
            f"{meaning}\nNothing was paid.",
            _api_details(error),
        )
    if isinstance(error, TransportError):
        if error.maybe_delivered:
            return Explanation(
                "Outcome unknown",
                "The request may have reached M-Pesa but the answer was lost. Do not send it "
                "again: check its status first (Transaction status tab).",
                str(error),
            )
        return Explanation(
            "Could not reach the server",
            "Nothing was sent. Check the network connection and try again.",
            str(error),
        )
    if isinstance(error, ConfigError):
        return Explanation("The profile's settings need attention", str(error))
    if isinstance(error, DarajaError):
        # The services' guards (duplicate, caps, production switch) speak plain words already.
        return Explanation("Not sent", str(error))
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Explanation(
        "Something went wrong inside the app",
        "The request may not have been completed. Check the transaction log before trying again.",
        details,
    )


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
    box.open()
    return box
