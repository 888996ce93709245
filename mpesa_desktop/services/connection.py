"""Test connection, for both faces (the settings dialog's button, ``mpesa-desktop profile test``):
ask the profile's server for a new access token with its consumer key and secret, and say what
happened in one sentence.

The request is always a fresh OAuth call. A cached token proves nothing about the key and secret
being tested (they may have been typed a moment ago, and the server may have knocked that token
out since), so neither the process's cache nor the token shared in the keyring is read. Daraja
invalidates a key's previous token when it issues a new one, so the new token is shared exactly
as any refresh shares it: saved in the keyring store under that store's lock
(``runtime.shared_token_store``), where the user's other processes take it instead of failing
once with the token it replaced. Nothing else is touched. Blocking: the window runs it on its
worker thread.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mpesa_desktop.config import ConfigError, MissingSecretError, Profile, Secrets
from mpesa_desktop.daraja.errors import AuthError, TransportError
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import AppPaths

if TYPE_CHECKING:  # the client (requests) loads when a test runs, not with ``Outcome``
    from mpesa_desktop.daraja.token_cache import Key, SharedStore

TIMEOUT = (5.0, 15.0)
OFFLINE_NOT_RUNNING = message(
    "The offline simulator runs inside the main window, only while it is open; test it from "
    "the window's profile settings."
)


class Outcome(enum.Enum):
    CONNECTED = "connected"
    REFUSED = "refused"  # the server answered and refused the key and secret
    UNREACHABLE = "unreachable"  # no answer, or the server failed
    INCOMPLETE = "incomplete"  # nothing was asked: a secret or the address is missing or bad


@dataclass(frozen=True)
class ConnectionResult:
    outcome: Outcome
    message: str

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.CONNECTED


def check_connection(paths: AppPaths, profile: Profile, *, base_url: str | None = None,
                     typed: Mapping[str, str] | None = None,
                     timeout: tuple[float, float] = TIMEOUT) -> ConnectionResult:
    """Ask for a token at ``base_url`` (default: the profile's; offline, the running embedded
    simulator's, which only its owner knows) with the ``typed`` consumer key and secret, else
    the stored ones (offline: the built-in test values)."""
    from mpesa_desktop.daraja.client import DarajaClient
    from mpesa_desktop.daraja.token_cache import TokenCache
    from mpesa_desktop.services.runtime import shared_token_store

    url = base_url or profile.base_url
    if not url:
        return ConnectionResult(Outcome.INCOMPLETE, OFFLINE_NOT_RUNNING if profile.kind ==
                                "offline" else message("base_url: required for a connection "
                                                       "test"))
    secrets = Secrets(profile.name)
    try:
        key, secret = _consumer(profile, secrets, typed or {})
        store = shared_token_store(paths, profile, secrets)
        cache = TokenCache(store=None if store is None else _FreshRequest(store))
        with DarajaClient(url, key, secret, environment=profile.environment, timeout=timeout,
                          token_cache=cache) as client:
            client.fetch_token()
    except (ConfigError, ValueError) as error:
        return ConnectionResult(Outcome.INCOMPLETE, said(error))
    except AuthError as error:
        code = f" ({error.error_code})" if error.error_code else ""
        return ConnectionResult(Outcome.REFUSED, message(
            "The server answered but refused the consumer key and secret{code}. Check them and "
            "try again.", code=code))
    except TransportError as error:
        return ConnectionResult(Outcome.UNREACHABLE, message(
            "Could not reach the server. {reason}", reason=said(error)))
    return ConnectionResult(Outcome.CONNECTED, message(
        "Connected: {url} accepted the consumer key and secret and issued an access token.",
        url=client.base_url))


def _consumer(profile: Profile, secrets: Secrets, typed: Mapping[str, str]) -> tuple[str, str]:
    from mpesa_desktop.config.credentials import OFFLINE_CONSUMER_KEY, OFFLINE_CONSUMER_SECRET

    key = typed.get("consumer_key") or secrets.get("consumer_key")
    secret = typed.get("consumer_secret") or secrets.get("consumer_secret")
    if profile.kind == "offline":
        key, secret = key or OFFLINE_CONSUMER_KEY, secret or OFFLINE_CONSUMER_SECRET
    if not key:
        raise MissingSecretError(profile.name, "consumer_key", "consumer key")
    if not secret:
        raise MissingSecretError(profile.name, "consumer_secret", "consumer secret")
    return key, secret


class _FreshRequest:
    """The shared store as a fresh token request sees it: no stored token to reuse, and the new
    one saved under the store's lock, as any refresh saves it (a ``SharedStore``)."""

    def __init__(self, store: SharedStore):
        self._store = store

    def locked(self, key: Key) -> AbstractContextManager[object]:
        return self._store.locked(key)

    def load(self, key: Key) -> tuple[str, float] | None:
        return None

    def save(self, key: Key, token: str, fresh_until: float) -> None:
        self._store.save(key, token, fresh_until)

    def delete(self, key: Key) -> None:
        self._store.delete(key)
