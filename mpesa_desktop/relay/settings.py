"""A relay's directory: its settings file and its two secrets (``relay init``).

The directory holds:

- ``settings.json`` (not secret, hand-editable): the allow-list and trusted proxies, and
  optionally the limits ``header_timeout``, ``body_timeout`` (seconds) and
  ``connections_per_client`` (``relay.connections``);
- ``secrets.json`` (mode 0600): the callback path secret and the poller token. They differ on
  purpose: Daraja and every proxy on the way see the callback URLs, and knowing those must not
  grant reading the feed;
- ``relay.sqlite3``: the stored callbacks (see ``relay.store``).

The path secret is hexadecimal, so no callback URL can ever contain a word Daraja refuses
(``mpesa``, ``safaricom``, ``exe``, ``exec``, ``cmd``, ``sql``, ``query``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS_FILE = "settings.json"
SECRETS_FILE = "secrets.json"
STORE_FILE = "relay.sqlite3"
CALLBACK_PREFIX = "/cb"
FORBIDDEN_URL_WORDS = ("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query")
DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")
_URL_SAFE = re.compile(r"[A-Za-z0-9_-]{16,200}")


class RelaySettingsError(Exception):
    """The relay directory is missing, incomplete or unreadable; the message says which."""


@dataclass(frozen=True)
class RelaySettings:
    """Everything a relay needs to run. ``repr`` never shows the secrets."""

    directory: Path
    callback_secret: str = field(repr=False)
    token: str = field(repr=False)
    allow_safaricom_only: bool = False
    extra_allowed: tuple[str, ...] = ()
    trusted_proxies: tuple[str, ...] = DEFAULT_TRUSTED_PROXIES
    # Limits (relay.connections): seconds to complete a request's headers after opening or after
    # the previous answer; seconds to send a body; connections one address may hold at once.
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    connections_per_client: int = 64

    @property
    def callback_base(self) -> str:
        """The callback base path, ``/cb/<secret>``; callback URLs are this plus ``/result`` etc."""
        return f"{CALLBACK_PREFIX}/{self.callback_secret}"

    @property
    def store_path(self) -> Path:
        return self.directory / STORE_FILE


def forbidden_url_word(url: str) -> str | None:
    """The first word Daraja refuses in callback URLs found in ``url`` (any case), else None."""
    lowered = url.lower()
    for word in FORBIDDEN_URL_WORDS:
        if word in lowered:
            return word
    return None


def init_relay(directory: Path | str, *, production: bool = False) -> RelaySettings:
    """Create a relay directory with default settings and two fresh random secrets. A
    ``production`` relay accepts callbacks only from Safaricom's published addresses
    (``allow_safaricom_only``); a sandbox one from anywhere, as sandbox callbacks come from
    addresses nobody publishes.

    Refuses a directory that already holds secrets: replacing them would silently break the
    callback URLs registered with Daraja and every poller's token.
    """
    directory = Path(directory)
    secrets_path = directory / SECRETS_FILE
    if secrets_path.exists():
        raise RelaySettingsError(
            f"{directory} is already a relay directory (it has {SECRETS_FILE}); "
            "remove it first to start over with new secrets"
        )
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    callback_secret = secrets.token_hex(20)  # 40 hex digits: never equal to the 43-char token
    token = secrets.token_urlsafe(32)
    settings_path = directory / SETTINGS_FILE
    if not settings_path.exists():
        settings_path.write_text(
            json.dumps(
                {
                    "allow_safaricom_only": production,
                    "extra_allowed": [],
                    "trusted_proxies": list(DEFAULT_TRUSTED_PROXIES),
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    descriptor = os.open(secrets_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"callback_secret": callback_secret, "token": token}, handle)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(secrets_path, 0o600)
    return load_settings(directory)


def load_settings(directory: Path | str) -> RelaySettings:
    """Read a relay directory made by ``init_relay``."""
    directory = Path(directory)
    secrets_path = directory / SECRETS_FILE
    if not secrets_path.is_file():
        raise RelaySettingsError(
            f"{directory} is not a relay directory (no {SECRETS_FILE}); "
            "create it with: mpesa-desktop relay init --dir DIR"
        )
    stored = _read_json(secrets_path)
    callback_secret = stored.get("callback_secret")
    token = stored.get("token")
    if not isinstance(callback_secret, str) or not callback_secret:
        raise RelaySettingsError(f"{secrets_path}: callback_secret is missing")
    if not isinstance(token, str) or not token:
        raise RelaySettingsError(f"{secrets_path}: token is missing")
    if not _URL_SAFE.fullmatch(callback_secret) or not _URL_SAFE.fullmatch(token):
        raise RelaySettingsError(
            f"{secrets_path}: secrets may only hold letters, digits, '-' and '_'")
    if token == callback_secret:
        raise RelaySettingsError(f"{secrets_path}: token must differ from callback_secret")
    if forbidden_url_word(callback_secret):
        raise RelaySettingsError(
            f"{secrets_path}: callback_secret contains a word Daraja refuses in callback URLs"
        )
    settings_path = directory / SETTINGS_FILE
    options = _read_json(settings_path) if settings_path.is_file() else {}
    allow_only = options.get("allow_safaricom_only", False)
    if not isinstance(allow_only, bool):
        raise RelaySettingsError(f"{settings_path}: allow_safaricom_only must be true or false")
    return RelaySettings(
        directory=directory,
        callback_secret=callback_secret,
        token=token,
        allow_safaricom_only=allow_only,
        extra_allowed=_string_list(options, "extra_allowed", settings_path, ()),
        trusted_proxies=_string_list(
            options, "trusted_proxies", settings_path, DEFAULT_TRUSTED_PROXIES
        ),
        **{name: _positive(options, name, settings_path) for name in LIMITS if name in options},
    )


LIMITS = ("header_timeout", "body_timeout", "connections_per_client")


def _positive(options: dict, key: str, path: Path) -> float:
    value = options[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 3600:
        raise RelaySettingsError(f"{path}: {key} must be a number from 0 to 3600")
    return int(value) if key == "connections_per_client" else float(value)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise RelaySettingsError(f"{path}: cannot read it ({error.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise RelaySettingsError(f"{path}: must hold a JSON object")
    return data


def _string_list(options: dict, key: str, path: Path, default: tuple[str, ...]) -> tuple[str, ...]:
    value = options.get(key, list(default))
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RelaySettingsError(f"{path}: {key} must be a list of addresses")
    return tuple(value)
