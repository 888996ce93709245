"""The Daraja HTTP client: OAuth, the shared token, timeouts, and errors a clerk can read.

``DarajaClient(base_url, key, secret).execute("b2c", **fields)`` validates, builds the wire body
(``operations.build_request``), takes the shared token (from the ``token_cache`` given: the
services pass one shared with other processes; by default ``token_cache.shared_cache``, shared
within the process), POSTs with a timeout, refreshes the token and retries exactly once on an
invalid-token error, and returns Daraja's acknowledgement dict. Failures become the errors of
``errors.py``:

- a Daraja error body -> ApiError carrying its errorCode (AuthError when OAuth refuses the key);
- the connection could not be made (refused, DNS, connect timeout, TLS) -> TransportError with
  ``maybe_delivered=False``: nothing reached the server; CertificateError (naming the host) when
  the server's certificate could not be verified;
- anything after the request went out (read timeout, connection dropped, a 5xx or 2xx answer that
  cannot be read) -> TransportError with ``maybe_delivered=True``: check status, never re-send.
"""

from __future__ import annotations

import json
import ssl
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from mpesa_desktop import catalogue
from mpesa_desktop.daraja import codes, limits
from mpesa_desktop.daraja.errors import (
    ApiError,
    AuthError,
    CertificateError,
    TransportError,
    ValidationError,
)
from mpesa_desktop.daraja.operations import PreparedRequest, build_request
from mpesa_desktop.daraja.token_cache import TokenCache, shared_cache
from mpesa_desktop.messages import message

DEFAULT_TIMEOUT = (5.0, 30.0)
DEFAULT_TOKEN_LIFETIME = 3599.0
OAUTH_PATH = "/oauth/v1/generate?grant_type=client_credentials"
_UNKNOWN_OUTCOME = message("The outcome is unknown: check the transaction's status before "
                           "trying again.")


def _json_or_none(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return None


def _message_from(payload: Any, content: bytes) -> str:
    """The most useful human text in an error answer, JSON or not."""
    if isinstance(payload, dict):
        for key in ("errorMessage", "ResponseDescription", "ResultDesc", "message", "error"):
            value = payload.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        fault: Any = payload
        for key in ("Envelope", "Body", "Fault", "faultstring"):
            fault = fault.get(key) if isinstance(fault, dict) else None
        if isinstance(fault, str) and fault.strip():
            return fault.strip()
    text = content.decode("utf-8", "replace").strip()
    return " ".join(text.split())[:200]


def _api_error(status: int, payload: dict, content: bytes, cls: type[ApiError] = ApiError,
               ) -> ApiError:
    code = payload.get("errorCode")
    code = str(code) if code is not None else None
    daraja_said = _message_from(payload, content)
    explanation = codes.error_meaning(code) if code else None
    if explanation and daraja_said:
        explanation = message("{meaning} Daraja said: {text}", meaning=explanation,
                              text=daraja_said)
    request_id = payload.get("requestId")
    return cls(status, code, daraja_said, str(request_id) if request_id else None, explanation)


def _connect_failed(error: requests.RequestException) -> bool:
    """True when the error happened before any byte of the request reached the server."""
    if isinstance(error, requests.ConnectTimeout | requests.exceptions.SSLError):
        return True
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return True
    if isinstance(error, requests.ConnectionError):
        reason = error.args[0] if error.args else None
        if isinstance(reason, MaxRetryError):
            reason = reason.reason
        return isinstance(reason, NewConnectionError | ConnectTimeoutError)
    return False


def _unverified(error: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification failure behind ``error`` (requests wraps urllib3's error,
    which wraps the ssl module's), or None."""
    seen: set[int] = set()
    pending: list[Any] = [error]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        pending.extend([*current.args, getattr(current, "reason", None), current.__cause__,
                        current.__context__])
    return None


class DarajaClient:
    """A Daraja client for one base URL and consumer key (thread-safe; share one per profile)."""

    def __init__(self, base_url: str, consumer_key: str, consumer_secret: str, *,
                 environment: str = "sandbox",
                 timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
                 session: requests.Session | None = None,
                 token_cache: TokenCache | None = None):
        if environment not in limits.ENVIRONMENTS:
            raise ValueError(f"unknown environment {environment!r}")
        base = base_url.strip().rstrip("/")
        try:
            limits.check_url(base, environment)
        except ValueError as error:
            raise ValidationError({"base_url": f"{base_url!r} {error}"}) from None
        self.base_url = base
        self.environment = environment
        self.timeout = timeout
        self._auth = (consumer_key, consumer_secret)
        self._key = (base, consumer_key)
        self._owns_session = session is None
        self._session = session or requests.Session()
        self._cache = token_cache or shared_cache

    @property
    def token_cache(self) -> TokenCache:
        return self._cache

    def close(self) -> None:
        """Close the HTTP session if this client created it."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> DarajaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- OAuth ----

    def fetch_token(self) -> str:
        """The shared access token, fetched (once for every thread) when missing or stale."""
        return self._cache.get(self._key, self._request_token)

    def _request_token(self) -> tuple[str, float]:
        try:
            response = self._session.get(self.base_url + OAUTH_PATH, auth=self._auth,
                                         timeout=self.timeout)
        except requests.RequestException as failure:
            raise self._not_reached(failure, message(
                "Could not get an access token from {server}: the server did not answer. "
                "Nothing was sent.", server=self.base_url)) from failure
        payload = _json_or_none(response.content)
        if response.ok and isinstance(payload, dict) and payload.get("access_token"):
            try:
                expires_in = float(str(payload.get("expires_in", DEFAULT_TOKEN_LIFETIME)))
            except ValueError:
                expires_in = DEFAULT_TOKEN_LIFETIME
            return str(payload["access_token"]), expires_in
        if response.status_code >= 500 and not (isinstance(payload, dict)
                                                and payload.get("errorCode")):
            raise TransportError(message(
                "The server at {server} failed while logging in (HTTP {status}). Nothing was "
                "sent; try again later.", server=self.base_url, status=response.status_code),
                maybe_delivered=False)
        error = _api_error(response.status_code, payload if isinstance(payload, dict) else {},
                           response.content, AuthError)
        if not error.error_code:
            error = AuthError(response.status_code, None, error.error_message,
                              explanation=message("The consumer key and secret were refused. "
                                                  "Check them in the profile."))
        raise error

    # ---- operations ----

    def execute(self, operation: str, **fields: Any) -> dict:
        """Validate, build and send one operation; return Daraja's acknowledgement."""
        return self.send(build_request(operation, fields, self.environment))

    def send(self, prepared: PreparedRequest) -> dict:
        """POST a prepared request; one token refresh and retry on an invalid-token error."""
        url = self.base_url + prepared.path
        data = json.dumps(prepared.body).encode("utf-8")
        token = self.fetch_token()
        response = self._post(url, data, token)
        if not response.ok:
            payload = _json_or_none(response.content)
            if isinstance(payload, dict) and payload.get("errorCode") in \
                    codes.INVALID_TOKEN_CODES:
                self._cache.invalidate(self._key, token)
                response = self._post(url, data, self.fetch_token())
        declared = catalogue.OPERATIONS.get(prepared.operation)
        return self._interpret(response, declared.success_codes if declared else ())

    def _post(self, url: str, data: bytes, token: str) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        try:
            return self._session.post(url, data=data, headers=headers, timeout=self.timeout)
        except requests.RequestException as error:
            if _connect_failed(error):
                raise self._not_reached(error, message(
                    "Could not connect to {server}. Nothing was sent; check the network and try "
                    "again.", server=self.base_url)) from error
            if isinstance(error, requests.ReadTimeout):
                lost = message("No answer from {server} in time after the request was sent. "
                               "{unknown}", server=self.base_url, unknown=_UNKNOWN_OUTCOME)
            else:
                lost = message("The connection to {server} broke after the request was sent. "
                               "{unknown}", server=self.base_url, unknown=_UNKNOWN_OUTCOME)
            raise TransportError(lost, maybe_delivered=True) from error

    def _not_reached(self, error: requests.RequestException, text: str) -> TransportError:
        """The error for a request that never reached the server: ``text``, unless the
        server's certificate could not be verified (then that, naming the host)."""
        unverified = _unverified(error)
        if unverified is not None:
            host = urlsplit(self.base_url).hostname or self.base_url
            return CertificateError(host, unverified.verify_message or str(unverified))
        return TransportError(text, maybe_delivered=False)

    def _interpret(self, response: requests.Response, success_codes: tuple[str, ...] = ()
                   ) -> dict:
        """Daraja's acknowledgement, or the error it is; ``success_codes`` are the operation's
        own ResponseCodes for success besides the all-zero ones (Pull Transactions' "1000")."""
        status = response.status_code
        payload = _json_or_none(response.content)
        if isinstance(payload, dict) and payload.get("errorCode"):
            raise _api_error(status, payload, response.content)
        if 200 <= status < 300:
            if not isinstance(payload, dict):
                raise TransportError(message(
                    "The answer from {server} could not be read. {unknown}",
                    server=self.base_url, unknown=_UNKNOWN_OUTCOME), maybe_delivered=True)
            code = payload.get("ResponseCode")
            if code is not None and not codes.is_success(code) \
                    and str(code).strip() not in success_codes:
                daraja_said = _message_from(payload, response.content)
                raise ApiError(status, str(code), daraja_said, explanation=message(
                    "Daraja did not accept the request: {text}", text=daraja_said))
            return payload
        if status >= 500:
            raise TransportError(message(
                "The server at {server} failed (HTTP {status}) without saying why. {unknown}",
                server=self.base_url, status=status, unknown=_UNKNOWN_OUTCOME),
                maybe_delivered=True)
        daraja_said = _message_from(payload, response.content) or f"HTTP {status}"
        raise ApiError(status, None, daraja_said, explanation=message(
            "Daraja refused the request (HTTP {status}): {text}", status=status,
            text=daraja_said))
