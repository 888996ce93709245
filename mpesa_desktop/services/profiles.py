"""Saving profiles, for both faces: the settings dialog and the profile wizard in the window,
``mpesa-desktop profile`` on the command line.

- ``parse_settings``: settings typed as text (a form's fields, a command's options) as a profile
  holds them, checked: text stripped (empty: not set), caps in whole shillings (empty or
  ``none``: no limit), the repeat warning window in whole hours.
- ``add_profile`` / ``save_profile``: the profile in the config file, its secrets in the keyring
  (session memory without a keyring backend), and a certificate file imported beside the config;
  a new sandbox profile gets Safaricom's public initiator password and STK passkey unless others
  are given. ``remove_profile`` forgets a profile and its secrets (its log is kept).
  ``save_secrets`` stores secrets alone. ``check_new_name`` refuses a name already taken (the
  faces check it before asking for anything else).
- ``turns_on_live_money``: when a change needs the clerk to type the profile's name first.

Blocking (config file, keyring, certificate file): the window calls these on its worker thread.
Every refusal is a ``ConfigError`` whose message starts with the setting's key
(``per_payment_cap: must be ...``); each face names the setting in its own words (a form label,
an option), with the same rule after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mpesa_desktop.config import ConfigError, ConfigStore, Profile, Secrets
from mpesa_desktop.config.profiles import (
    BUNDLED_CERTIFICATE_NAMES,
    CALLBACK_FIELDS,
    MAX_REPEAT_WINDOW_HOURS,
    PUBLIC_INITIATOR_PASSWORD,
    PUBLIC_STK_PASSKEY,
)
from mpesa_desktop.daraja.amounts import AmountError, parse_amount
from mpesa_desktop.messages import message

TEXT_SETTINGS = (
    "base_url",
    "shortcode",
    "b2c_shortcode",
    "stk_shortcode",
    "till_number",
    "initiator",
    "test_msisdn",
    "relay_url",
    *CALLBACK_FIELDS,
    "ledger",
)
CAP_SETTINGS = ("per_payment_cap", "daily_cap", "retype_above")
HOURS_SETTING = "repeat_window_hours"
NO_LIMIT = "none"
SANDBOX_PUBLIC_SECRETS = {
    "initiator_password": PUBLIC_INITIATOR_PASSWORD,
    "stk_passkey": PUBLIC_STK_PASSKEY,
}
# Without these a profile other than offline cannot get a token.
REQUIRED_SECRETS = ("consumer_key", "consumer_secret")


@dataclass(frozen=True)
class Saved:
    """What was saved: the profile as stored, the secrets stored or cleared (names only), where
    they went, and the secrets the profile still lacks."""

    profile: Profile
    secrets: tuple[str, ...]
    in_keyring: bool
    missing: tuple[str, ...]


def parse_settings(texts: Mapping[str, str | None]) -> dict[str, object]:
    """The settings in ``texts`` (by key; None: not given, left out) as a profile holds them.

    ConfigError names the first bad one (``daily_cap: must be ...``); ``base_url`` and the
    other text settings are checked with the whole profile (``Profile.updated``)."""
    settings: dict[str, object] = {}
    for key, text in texts.items():
        if text is None:
            continue
        if key in CAP_SETTINGS:
            settings[key] = parse_cap(key, text)
        elif key == HOURS_SETTING:
            settings[key] = parse_hours(key, text)
        elif key in TEXT_SETTINGS:
            settings[key] = text.strip() or None
        else:
            raise ConfigError(f"{key}: not a setting typed as text")
    return settings


def parse_cap(key: str, text: str) -> int | None:
    """A cap in whole shillings; empty or ``none`` is no limit."""
    if text.strip().lower() in ("", NO_LIMIT):
        return None
    try:
        return parse_amount(text)
    except AmountError as error:
        raise ConfigError(message(
            "{key}: must be a whole number of shillings; empty or '{none}' means no limit (got "
            "'{got}': {reason})", key=key, none=NO_LIMIT, got=error.got,
            reason=error.reason)) from None


def parse_hours(key: str, text: str) -> int:
    """Whole hours, 0 to ``MAX_REPEAT_WINDOW_HOURS``."""
    hours = text.strip()
    if not (hours.isascii() and hours.isdigit()) or int(hours) > MAX_REPEAT_WINDOW_HOURS:
        raise ConfigError(message("{key}: must be a whole number of hours from 0 (no warning) "
                                  "to {high} (got '{got}')", key=key,
                                  high=MAX_REPEAT_WINDOW_HOURS, got=hours))
    return int(hours)


def turns_on_live_money(current: Profile, money_enabled: bool) -> bool:
    """True when saving would turn money on in a production profile: the clerk types its name
    first."""
    return current.is_live and money_enabled and not current.money_enabled


def add_profile(store: ConfigStore, profile: Profile, secrets: Mapping[str, str] | None = None,
                *, certificate: str | None = None) -> Saved:
    """Add ``profile`` (checked, e.g. by ``config.new_profile``) with ``secrets`` (empty values
    skipped) and ``certificate`` (a bundled name, or a file to import). ConfigError, nothing
    saved, when the name is taken or a setting is bad."""
    check_new_name(store, profile.name)
    values = {name: value for name, value in (secrets or {}).items() if value}
    if profile.kind == "sandbox":
        for name, public in SANDBOX_PUBLIC_SECRETS.items():
            values.setdefault(name, public)
    profile = _with_certificate(store, profile, certificate)
    store.add(profile)
    return save_secrets(profile, values)


def save_profile(store: ConfigStore, profile: Profile, secrets: Mapping[str, str] | None = None,
                 *, certificate: str | None = None) -> Saved:
    """Save the changed ``profile`` (``Profile.updated``) and ``secrets`` (an empty value clears
    that secret; one not given keeps what is stored) and import ``certificate``."""
    store.get(profile.name)  # ConfigError for a profile that is gone
    profile = _with_certificate(store, profile, certificate)
    store.update(profile)
    return save_secrets(profile, secrets or {})


def check_new_name(store: ConfigStore, name: str) -> None:
    """ConfigError when a profile named ``name`` exists already."""
    if name in store:
        raise ConfigError(message("name: a profile named '{name}' already exists", name=name))


def remove_profile(store: ConfigStore, name: str) -> None:
    """Remove the profile and its secrets; its transaction log is kept."""
    store.remove(name)
    Secrets(name).delete_all()


def _with_certificate(store: ConfigStore, profile: Profile, certificate: str | None) -> Profile:
    """``profile`` with ``certificate``: a bundled name as it is, a file imported (after the rest
    of the profile was checked, so a refused profile leaves no file behind)."""
    if not certificate:
        return profile
    if certificate in BUNDLED_CERTIFICATE_NAMES:
        return profile.updated(certificate=certificate)
    from mpesa_desktop.config.credentials import import_certificate  # cryptography: only here

    return profile.updated(certificate=import_certificate(store.paths, profile.name, certificate))


def save_secrets(profile: Profile, values: Mapping[str, str]) -> Saved:
    """Store ``values`` by secret name (an empty value clears that secret)."""
    vault = Secrets(profile.name)
    for name, value in values.items():
        vault.set(name, value)
    missing = () if profile.kind == "offline" else tuple(
        name for name in REQUIRED_SECRETS if not vault.has(name))
    return Saved(profile, tuple(values), vault.backend_available, missing)
