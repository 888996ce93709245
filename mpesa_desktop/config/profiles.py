"""Profiles: the named places the app talks to (DESIGN.md section 3.3).

A profile is one of four kinds:

- ``offline``: the embedded simulator, started in-process on loopback. Its values are Safaricom's
  public test values, built in, so it works with no setup; it always exists.
- ``sandbox``: Safaricom's sandbox (https://sandbox.safaricom.co.ke).
- ``production``: the live API (https://api.safaricom.co.ke); money operations stay disabled until
  turned on for the profile.
- ``custom``: any base URL, e.g. a simulator running elsewhere.

A ``Profile`` holds only non-secret settings; secrets live in the keyring (``config.secrets``).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, fields, replace
from urllib.parse import urlsplit

from mpesa_desktop import kenya
from mpesa_desktop.config.errors import ConfigError
from mpesa_desktop.ledger.ledger_url import check_url as check_ledger_url
from mpesa_desktop.messages import message, said
from mpesa_desktop.relay.reference import CALLBACK_PREFIX

KINDS = ("offline", "sandbox", "production", "custom")
BUNDLED_CERTIFICATE_NAMES = ("simulator", "sandbox", "production")
OFFLINE = "offline"

SANDBOX_URL = "https://sandbox.safaricom.co.ke"
PRODUCTION_URL = "https://api.safaricom.co.ke"
KIND_BASE_URLS = {"sandbox": SANDBOX_URL, "production": PRODUCTION_URL}
KIND_CERTIFICATES = {
    "offline": "simulator",
    "sandbox": "sandbox",
    "production": "production",
    "custom": "simulator",
}
KIND_LABELS = {
    "offline": "Offline simulator (no real money)",
    "sandbox": "Safaricom sandbox (test money)",
    "production": "LIVE (real money)",
    "custom": "Custom server",
}

# Safaricom's published public test values (daraja-reference.md section 6.3). Public by design.
PUBLIC_STK_SHORTCODE = "174379"
PUBLIC_STK_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"
PUBLIC_INITIATOR = "testapi"
PUBLIC_INITIATOR_PASSWORD = "Safaricom999!*!"
PUBLIC_TEST_MSISDN = "254708374149"
PUBLIC_SHORTCODE = "600000"
PUBLIC_TILL = "600100"

# Production starts careful: small caps and a retyped amount for anything over KES 10,000.
PRODUCTION_PER_PAYMENT_CAP = 70_000
PRODUCTION_DAILY_CAP = 300_000
PRODUCTION_RETYPE_ABOVE = 10_000

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
CALLBACK_FIELDS = (
    "result_url",
    "queue_timeout_url",
    "stk_callback_url",
    "confirmation_url",
    "validation_url",
)


DEFAULT_REPEAT_WINDOW_HOURS = 24
MAX_REPEAT_WINDOW_HOURS = 24 * 31


@dataclass(frozen=True)
class Profile:
    """The non-secret settings of one profile. ``None`` means "not set"."""

    name: str
    kind: str
    base_url: str | None = None
    shortcode: str | None = None
    b2c_shortcode: str | None = None
    stk_shortcode: str | None = None
    till_number: str | None = None
    initiator: str | None = None
    certificate: str = "simulator"
    test_msisdn: str | None = None
    relay_url: str | None = None
    result_url: str | None = None
    queue_timeout_url: str | None = None
    stk_callback_url: str | None = None
    confirmation_url: str | None = None
    validation_url: str | None = None
    per_payment_cap: int | None = None
    daily_cap: int | None = None
    retype_above: int | None = None
    money_enabled: bool = True
    # A payout identical to one completed this many hours ago is named in the confirmation.
    repeat_window_hours: int = DEFAULT_REPEAT_WINDOW_HOURS
    # A team's shared log: a postgresql:// URL (no password: the keyring's ledger_password).
    # None: the profile's own SQLite file.
    ledger: str | None = None

    @property
    def environment(self) -> str:
        """The environment name the daraja layer uses (the kind)."""
        return self.kind

    @property
    def is_live(self) -> bool:
        return self.kind == "production"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def certificate_is_bundled(self) -> bool:
        return self.certificate in BUNDLED_CERTIFICATE_NAMES

    def updated(self, **changes: object) -> Profile:
        """A copy with ``changes`` applied and checked."""
        profile = replace(self, **changes)  # type: ignore[arg-type]
        check_profile(profile)
        return profile


PROFILE_FIELDS = tuple(field.name for field in fields(Profile))


def new_profile(name: str, kind: str, **settings: object) -> Profile:
    """A profile of ``kind`` with that kind's defaults, then ``settings`` (None values ignored).

    Raises ConfigError naming the bad setting.
    """
    if kind not in KINDS:
        raise ConfigError(message("kind must be one of {kinds}, not {kind}",
                                  kinds=", ".join(KINDS), kind=repr(kind)))
    unknown = sorted(set(settings) - set(PROFILE_FIELDS) - {"name", "kind"})
    if unknown:
        raise ConfigError(message("unknown profile setting(s): {settings}",
                                  settings=", ".join(unknown)))
    values: dict[str, object] = dict(kind_defaults(kind))
    values.update({key: value for key, value in settings.items() if value is not None})
    profile = Profile(name=name, kind=kind, **values)  # type: ignore[arg-type]
    check_profile(profile)
    return profile


def kind_defaults(kind: str) -> dict[str, object]:
    """The settings a new profile of ``kind`` starts with."""
    defaults: dict[str, object] = {"certificate": KIND_CERTIFICATES[kind]}
    if kind in KIND_BASE_URLS:
        defaults["base_url"] = KIND_BASE_URLS[kind]
    if kind in ("offline", "sandbox"):
        defaults.update(
            shortcode=PUBLIC_SHORTCODE,
            b2c_shortcode=PUBLIC_SHORTCODE,
            stk_shortcode=PUBLIC_STK_SHORTCODE,
            initiator=PUBLIC_INITIATOR,
            test_msisdn=PUBLIC_TEST_MSISDN,
        )
    if kind == "offline":
        defaults["till_number"] = PUBLIC_TILL
    if kind == "production":
        defaults.update(
            money_enabled=False,
            per_payment_cap=PRODUCTION_PER_PAYMENT_CAP,
            daily_cap=PRODUCTION_DAILY_CAP,
            retype_above=PRODUCTION_RETYPE_ABOVE,
        )
    return defaults


def offline_profile() -> Profile:
    """The built-in offline simulator profile, as on a fresh install."""
    return new_profile(OFFLINE, "offline")


def check_name(name: str) -> None:
    """Raise ConfigError unless ``name`` is a usable profile name."""
    if not NAME_PATTERN.match(name or ""):
        raise ConfigError(message(
            "profile name must be 1 to 40 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        ))


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# The path under which a relay takes callbacks: ``https://host/cb/<callback secret>/...``.
RELAY_CALLBACK_PATH = f"{CALLBACK_PREFIX}/"
RELAY_SECRET_NAME = "relay_callback_secret"


def split_relay_url(url: str) -> tuple[str, str | None]:
    """``https://host/cb/<secret>`` -> (``https://host``, ``<secret>``); an address alone ->
    (the address, None). The secret is the relay's: it belongs in the keyring, not here."""
    address, found, rest = url.rstrip("/").partition(RELAY_CALLBACK_PATH)
    secret = rest.split("/", 1)[0] if found else ""
    return address, secret or None


def check_url(url: str, kind: str, setting: str) -> None:
    """Raise ConfigError unless ``url`` is an http(s) URL allowed for ``kind``.

    https is required for production, and for custom unless the host is loopback.
    """
    if url != url.strip() or any(char.isspace() for char in url):
        raise ConfigError(message("{setting}: must not contain spaces", setting=setting))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(message("{setting}: must be an http:// or https:// URL with a host",
                                  setting=setting))
    https_needed = kind == "production" or (kind == "custom" and not is_loopback(parts.hostname))
    if https_needed and parts.scheme != "https":
        raise ConfigError(
            message("{setting}: must use https for production", setting=setting)
            if kind == "production"
            else message("{setting}: must use https for a custom server that is not loopback",
                         setting=setting))


def check_profile(profile: Profile) -> None:
    """Raise ConfigError naming the first bad setting of ``profile``."""
    check_name(profile.name)
    if profile.kind not in KINDS:
        raise ConfigError(message("kind must be one of {kinds}, not {kind}",
                                  kinds=", ".join(KINDS), kind=repr(profile.kind)))
    if (profile.name == OFFLINE) != (profile.kind == "offline"):
        raise ConfigError(message("only the profile named 'offline' is of kind offline"))
    if profile.kind == "offline":
        if profile.base_url is not None:
            raise ConfigError(
                message("base_url: the offline profile uses the embedded simulator"))
    elif not profile.base_url:
        raise ConfigError(message("base_url: required for a {kind} profile",
                                  kind=profile.kind))
    else:
        check_url(profile.base_url, profile.kind, "base_url")
    for setting in ("relay_url", *CALLBACK_FIELDS):
        value = getattr(profile, setting)
        if value:
            check_url(value, profile.kind, setting)
    if profile.relay_url and split_relay_url(profile.relay_url)[1] is not None:
        raise ConfigError(message(
            "relay_url: give the relay's address only (like https://relay.example.co.ke), "
            "without {path}<secret>: the callback secret is a secret, kept in the keyring "
            "(mpesa-desktop profile set-secret {name} {secret})",
            path=RELAY_CALLBACK_PATH, name=profile.name, secret=RELAY_SECRET_NAME))
    for setting in ("shortcode", "b2c_shortcode", "stk_shortcode", "till_number"):
        value = getattr(profile, setting)
        if value is not None and not kenya.is_shortcode(value):
            raise ConfigError(message("{setting}: {rule}", setting=setting,
                                      rule=kenya.SHORTCODE_HINT))
    if profile.test_msisdn is not None and not kenya.is_msisdn(profile.test_msisdn):
        raise ConfigError(message("test_msisdn: must be 2547XXXXXXXX or 2541XXXXXXXX"))
    if profile.initiator is not None and not profile.initiator.strip():
        raise ConfigError(message("initiator: must not be blank"))
    if not profile.certificate:
        raise ConfigError(message("certificate: choose simulator, sandbox, production or a file"))
    for setting in ("per_payment_cap", "daily_cap", "retype_above"):
        value = getattr(profile, setting)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(message("{setting}: must be a whole number of shillings",
                                      setting=setting))
        if value is not None and value < 1:
            raise ConfigError(message("{setting}: must be 1 or more", setting=setting))
    window = profile.repeat_window_hours
    if isinstance(window, bool) or not isinstance(window, int) or not (
            0 <= window <= MAX_REPEAT_WINDOW_HOURS):
        raise ConfigError(message("repeat_window_hours: must be a whole number of hours from 0 "
                                  "(no warning) to {hours}", hours=MAX_REPEAT_WINDOW_HOURS))
    if not isinstance(profile.money_enabled, bool):
        raise ConfigError(message("money_enabled: must be true or false"))
    if profile.ledger is not None:
        try:
            check_ledger_url(profile.ledger)
        except ValueError as error:
            raise ConfigError(said(error)) from None
