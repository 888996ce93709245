"""``MpesaBase``: the constructor and ``authenticate()`` of the mpesa-py compatible facade.

Every facade class derives from it. Unlike mpesa-py it shares one token per (base URL, consumer
key) across all objects in the process (``daraja.token_cache``), sets timeouts, validates every
parameter before sending, and raises the errors of ``mpesa_desktop.daraja.errors``; a
ValidationError names the documented parameter (``party_b``, ``occassion``...).
"""

from __future__ import annotations

import threading
from typing import Any

import requests

from mpesa_desktop.daraja import limits
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.daraja.operations import build_request

ENVIRONMENTS = {"sandbox": "sandbox", "live": "production", "production": "production"}

_sessions: dict[str, requests.Session] = {}
_sessions_lock = threading.Lock()


def _session_for(base_url: str) -> requests.Session:
    """One HTTP session per server for all facade objects: mpesa-py scripts often create an
    object per call, and this keeps their connections reused instead of leaked."""
    with _sessions_lock:
        session = _sessions.get(base_url)
        if session is None:
            session = _sessions[base_url] = requests.Session()
        return session


class MpesaBase:
    """Holds the environment and app credentials; builds the shared-token Daraja client."""

    def __init__(self, env: str = "sandbox", app_key: str | None = None,
                 app_secret: str | None = None,
                 sandbox_url: str = "https://sandbox.safaricom.co.ke",
                 live_url: str = "https://api.safaricom.co.ke"):
        if env not in ENVIRONMENTS:
            raise ValidationError({"env": "must be 'sandbox', 'live' or 'production'"})
        self.env = env
        self.app_key = app_key
        self.app_secret = app_secret
        self.sandbox_url = sandbox_url
        self.live_url = live_url
        self._environment = ENVIRONMENTS[env]
        url_name = "sandbox_url" if self._environment == "sandbox" else "live_url"
        self.base_url = sandbox_url if self._environment == "sandbox" else live_url
        try:
            limits.check_url(self.base_url, self._environment)
        except ValueError as error:
            raise ValidationError({url_name: str(error)}) from None
        self._daraja: DarajaClient | None = None

    def _client(self) -> DarajaClient:
        if self._daraja is None:
            missing = {name: "is required" for name in ("app_key", "app_secret")
                       if not getattr(self, name)}
            if missing:
                raise ValidationError(missing)
            self._daraja = DarajaClient(self.base_url, str(self.app_key), str(self.app_secret),
                                        environment=self._environment,
                                        session=_session_for(self.base_url))
        return self._daraja

    def authenticate(self) -> str:
        """The access token (shared and cached; fetched only when missing or about to expire)."""
        return self._client().fetch_token()

    def _send(self, operation: str, fields: dict[str, Any], names: dict[str, str],
              errors: dict[str, str] | None = None) -> dict:
        """Validate ``fields`` (our names), report errors under the documented ``names``, send.

        ``errors`` holds problems already found in parameters that have no field of ours
        (fixed values such as ``command_id``); they are reported together with the rest.
        """
        found = dict(errors or {})
        prepared = None
        try:
            prepared = build_request(operation, fields, self._environment)
        except ValidationError as error:
            for field, rule in error.errors.items():
                found.setdefault(names.get(field, field), rule)
        if found or prepared is None:
            raise ValidationError(found)
        return self._client().send(prepared)


def fixed_value(errors: dict[str, str], name: str, value: Any, allowed: tuple[str, ...],
                rule: str) -> None:
    """Record an error for a parameter that Daraja only accepts with one value."""
    if value is not None and str(value).strip() not in allowed:
        errors[name] = rule
