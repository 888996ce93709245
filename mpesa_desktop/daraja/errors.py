"""The exception vocabulary of the Daraja client (DESIGN.md section 3.2).

Every error the client and the facade raise derives from DarajaError, a ``KnownError`` of the
app's one error tree (``mpesa_desktop.errors`` draws the whole tree), and carries a sentence a
clerk can read (``str(error)``). What each means for an exit code is the command line's business
(``cli.exit_codes``).
"""

from __future__ import annotations

from mpesa_desktop.errors import KnownError
from mpesa_desktop.messages import joined, message


class DarajaError(KnownError):
    """Base of every error raised by mpesa_desktop's Daraja client and facade."""


class ValidationError(DarajaError, ValueError):
    """One or more fields break Daraja's rules; nothing was sent.

    ``errors`` maps each bad field's name to a short rule,
    e.g. ``{"amount": "must be at least 10"}``.
    """

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        listed = joined([message("{field}: {rule}", field=field, rule=rule)
                         for field, rule in self.errors.items()])
        super().__init__(message("Invalid input, nothing was sent. {listed}", listed=listed))


class ApiError(DarajaError):
    """Daraja answered with an error body (``errorCode``/``errorMessage``) or an HTTP error.

    ``explanation`` is the plain-English meaning of ``error_code`` from the code tables.
    """

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
        super().__init__(
            message("Daraja refused the request ({code}): {explanation}", code=error_code,
                    explanation=self.explanation) if error_code else
            message("Daraja refused the request: {explanation}", explanation=self.explanation))


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


class CertificateError(TransportError):
    """The server's TLS certificate could not be verified, so no secure connection was made and
    nothing was sent. ``host`` is the server's host name; ``reason`` is the verifier's words
    (e.g. ``self-signed certificate``)."""

    def __init__(self, host: str, reason: str):
        self.host = host
        self.reason = reason
        super().__init__(
            f"The certificate of the server {host} could not be verified ({reason}), so no "
            "secure connection was made. Nothing was sent. Check the server address; on a "
            "company network, ask whether it inspects secure connections.",
            maybe_delivered=False)
