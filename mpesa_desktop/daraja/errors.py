"""The exception vocabulary of the Daraja client (DESIGN.md section 3.2).

Every error a caller can meet derives from DarajaError and carries a sentence a clerk can read
(``str(error)``). The command line maps them to exit codes with ``exit_code()``.
"""

from __future__ import annotations


class DarajaError(Exception):
    """Base of every error raised by mpesa_desktop's Daraja client and facade."""

    exit_code = 1


class ValidationError(DarajaError, ValueError):
    """One or more fields break Daraja's rules; nothing was sent.

    ``errors`` maps each bad field's name to a short rule,
    e.g. ``{"amount": "must be at least 10"}``.
    """

    exit_code = 2

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        listed = "; ".join(f"{field}: {rule}" for field, rule in self.errors.items())
        super().__init__(f"Invalid input, nothing was sent. {listed}")


class ApiError(DarajaError):
    """Daraja answered with an error body (``errorCode``/``errorMessage``) or an HTTP error.

    ``explanation`` is the plain-English meaning of ``error_code`` from the code tables.
    """

    exit_code = 3

    def __init__(
        self,
        http_status: int,
        error_code: str | None,
        error_message: str,
        request_id: str | None = None,
        explanation: str | None = None,
    ):
        self.http_status = http_status
        self.error_code = error_code
        self.error_message = error_message
        self.request_id = request_id
        self.explanation = explanation or error_message
        code = f" ({error_code})" if error_code else ""
        super().__init__(f"Daraja refused the request{code}: {self.explanation}")


class AuthError(ApiError):
    """The consumer key and secret were refused, or no access token could be obtained."""


class TransportError(DarajaError):
    """The server could not be reached, or its answer was lost.

    ``maybe_delivered`` is True when the request may have reached Daraja (the connection broke
    after the body was sent, or the read timed out): the outcome is unknown and the request must
    not be sent again before a status check.
    """

    def __init__(self, message: str, *, maybe_delivered: bool):
        self.maybe_delivered = maybe_delivered
        super().__init__(message)

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return 5 if self.maybe_delivered else 4
