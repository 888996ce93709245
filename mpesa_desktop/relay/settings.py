"""A relay's directory: its settings file and its two secrets (``relay init``).

The directory (0700) holds, each file 0600 whatever the umask (``private_files``; a looser
directory or file left by an older version is tightened when the relay loads it):

- ``settings.json`` (not secret, hand-editable): the environment (``sandbox`` or
  ``production``), the allow-list, trusted proxies and optional ``limits``
  (``relay.connection_limits``);
- ``secrets.json``: the callback path secret and the poller token. They differ on purpose:
  Daraja and every proxy on the way see the callback URLs, and knowing those must not grant
  reading the feed;
- ``relay.sqlite3`` and its ``-wal`` and ``-shm``: the stored callbacks (see ``relay.store``).

A production relay accepts callbacks only from Safaricom's published addresses unless
``allow_safaricom_only`` is set to false; a sandbox relay (the default: sandbox callbacks come
from other addresses) accepts any source unless it is set to true.

The path secret is hexadecimal, so no callback URL can ever contain a word Daraja refuses
(``mpesa``, ``safaricom``, ``exe``, ``exec``, ``cmd``, ``sql``, ``query``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from mpesa_desktop.messages import message
from mpesa_desktop.private_files import open_private, private_dir, private_file, tighten
from mpesa_desktop.relay.connection_limits import RelayLimits
from mpesa_desktop.relay.reference import CALLBACK_PREFIX

SETTINGS_FILE = "settings.json"
SECRETS_FILE = "secrets.json"
STORE_FILE = "relay.sqlite3"
FORBIDDEN_URL_WORDS = ("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query")
DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")
ENVIRONMENTS = ("sandbox", "production")
_URL_SAFE = re.compile(r"[A-Za-z0-9_-]{16,200}")


class RelaySettingsError(Exception):
    """The relay directory is missing, incomplete or unreadable; the message says which."""


@dataclass(frozen=True)
class RelaySettings:
    """Everything a relay needs to run. ``repr`` never shows the secrets."""

    directory: Path
    callback_secret: str = field(repr=False)
    token: str = field(repr=False)
    environment: str = "sandbox"
    allow_safaricom_only: bool = False
    extra_allowed: tuple[str, ...] = ()
    trusted_proxies: tuple[str, ...] = DEFAULT_TRUSTED_PROXIES
    limits: RelayLimits = field(default_factory=RelayLimits)

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
    """Create a relay directory with default settings and two fresh random secrets; a
    ``production`` relay accepts callbacks only from Safaricom's addresses.

    Refuses a directory that already holds secrets: replacing them would silently break the
    callback URLs registered with Daraja and every poller's token.
    """
    directory = Path(directory)
    secrets_path = directory / SECRETS_FILE
    if secrets_path.exists():
        raise RelaySettingsError(message(
            "{path} is already a relay directory (it has {file}); remove it first to start over "
            "with new secrets", path=directory, file=SECRETS_FILE))
    private_dir(directory)
    callback_secret = secrets.token_hex(20)  # 40 hex digits: never equal to the 43-char token
    token = secrets.token_urlsafe(32)
    settings_path = directory / SETTINGS_FILE
    if not settings_path.exists():
        environment = "production" if production else "sandbox"
        with open_private(settings_path, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "environment": environment,
                    "allow_safaricom_only": production,
                    "extra_allowed": [],
                    "trusted_proxies": list(DEFAULT_TRUSTED_PROXIES),
                },
                handle,
                indent=2,
            )
            handle.write("\n")
    with open_private(secrets_path, "x", encoding="utf-8") as handle:
        json.dump({"callback_secret": callback_secret, "token": token}, handle)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    return load_settings(directory)


def load_settings(directory: Path | str) -> RelaySettings:
    """Read a relay directory made by ``init_relay``."""
    directory = Path(directory)
    secrets_path = directory / SECRETS_FILE
    if not secrets_path.is_file():
        raise RelaySettingsError(message(
            "{path} is not a relay directory (no {file}); create it with: mpesa-desktop relay "
            "init --dir DIR", path=directory, file=SECRETS_FILE))
    tighten(directory)
    private_file(secrets_path, create=False)
    stored = _read_json(secrets_path)
    callback_secret = stored.get("callback_secret")
    token = stored.get("token")
    if not isinstance(callback_secret, str) or not callback_secret:
        raise RelaySettingsError(message("{path}: callback_secret is missing",
                                         path=secrets_path))
    if not isinstance(token, str) or not token:
        raise RelaySettingsError(message("{path}: token is missing", path=secrets_path))
    if not _URL_SAFE.fullmatch(callback_secret) or not _URL_SAFE.fullmatch(token):
        raise RelaySettingsError(message(
            "{path}: secrets may only hold letters, digits, '-' and '_'", path=secrets_path))
    if token == callback_secret:
        raise RelaySettingsError(message("{path}: token must differ from callback_secret",
                                         path=secrets_path))
    if forbidden_url_word(callback_secret):
        raise RelaySettingsError(message(
            "{path}: callback_secret contains a word Daraja refuses in callback URLs",
            path=secrets_path))
    settings_path = directory / SETTINGS_FILE
    options: dict = {}
    if settings_path.is_file():
        private_file(settings_path, create=False)
        options = _read_json(settings_path)
    environment = options.get("environment", "sandbox")
    if environment not in ENVIRONMENTS:
        raise RelaySettingsError(message("{path}: environment must be one of {choices}",
                                         path=settings_path, choices=", ".join(ENVIRONMENTS)))
    allow_only = options.get("allow_safaricom_only", environment == "production")
    if not isinstance(allow_only, bool):
        raise RelaySettingsError(message("{path}: allow_safaricom_only must be true or false",
                                         path=settings_path))
    return RelaySettings(
        directory=directory,
        callback_secret=callback_secret,
        token=token,
        environment=environment,
        allow_safaricom_only=allow_only,
        extra_allowed=_string_list(options, "extra_allowed", settings_path, ()),
        trusted_proxies=_string_list(
            options, "trusted_proxies", settings_path, DEFAULT_TRUSTED_PROXIES
        ),
        limits=_limits(options.get("limits", {}), settings_path),
    )


def _limits(value: object, path: Path) -> RelayLimits:
    """``RelayLimits`` with what ``"limits"`` sets: positive numbers (whole ones for the
    connection caps; ``max_connections`` may be null)."""
    if not isinstance(value, dict):
        raise RelaySettingsError(message("{path}: limits must be an object", path=path))
    fields = {item.name: item for item in dataclasses.fields(RelayLimits)}
    for key, number in value.items():
        if key not in fields:
            raise RelaySettingsError(message("{path}: limits.{key} is not a limit (known: "
                                             "{known})", path=path, key=key,
                                             known=", ".join(fields)))
        whole = key.startswith("max_")
        if number is None and key == "max_connections":
            continue
        if (isinstance(number, bool) or not isinstance(number, int if whole else int | float)
                or not number > 0):
            raise RelaySettingsError(
                message("{path}: limits.{key} must be a whole number above 0", path=path, key=key)
                if whole else message("{path}: limits.{key} must be a number of seconds above 0",
                                      path=path, key=key))
    return RelayLimits(**value)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise RelaySettingsError(message("{path}: cannot read it ({reason})", path=path,
                                         reason=error.__class__.__name__)) from None
    if not isinstance(data, dict):
        raise RelaySettingsError(message("{path}: must hold a JSON object", path=path))
    return data


def _string_list(options: dict, key: str, path: Path, default: tuple[str, ...]) -> tuple[str, ...]:
    value = options.get(key, list(default))
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RelaySettingsError(message("{path}: {key} must be a list of addresses", path=path,
                                         key=key))
    return tuple(value)


def settings_of(directory: Path) -> RelaySettings:
    """The settings of relay ``directory``, initialised first (a sandbox relay) when it is not
    one yet: what an embedded relay runs on."""
    if (directory / SECRETS_FILE).exists():
        return load_settings(directory)
    return init_relay(directory)
