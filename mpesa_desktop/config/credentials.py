"""A profile's credentials, ready for the Daraja client, and its certificate.

- ``resolve_credentials(profile, secrets, operation=None)`` gathers the consumer key and secret,
  the SecurityCredential (a ready one, or generated from the initiator password and the profile's
  certificate), the STK passkey and the relay token. The offline profile falls back to the public
  test values built into the simulator. A missing secret raises MissingSecretError naming what to
  set and how.
- ``certificate_pem``, ``certificate_info`` and ``import_certificate`` handle the public
  certificate: bundled (simulator, sandbox, production) or a file the clerk imported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from mpesa_desktop.catalogue import INITIATOR_OPERATIONS, STK_OPERATIONS
from mpesa_desktop.config.errors import ConfigError, MissingSecretError
from mpesa_desktop.config.profiles import (
    BUNDLED_CERTIFICATE_NAMES,
    PUBLIC_INITIATOR_PASSWORD,
    PUBLIC_STK_PASSKEY,
    Profile,
)
from mpesa_desktop.config.secrets import SECRET_LABELS, Secrets
from mpesa_desktop.daraja import security
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import AppPaths
from mpesa_desktop.private_files import open_private, private_dir

# The offline simulator accepts any consumer key and secret; these name the app in its log.
OFFLINE_CONSUMER_KEY = "offline-consumer-key"
OFFLINE_CONSUMER_SECRET = "offline-consumer-secret"


@dataclass(frozen=True)
class Credentials:
    """What the client needs to talk to Daraja for one profile. Values never appear in repr."""

    profile: str
    consumer_key: str = field(repr=False)
    consumer_secret: str = field(repr=False)
    security_credential: str | None = field(default=None, repr=False)
    stk_passkey: str | None = field(default=None, repr=False)
    relay_token: str | None = field(default=None, repr=False)

    def require(self, name: str) -> str:
        """The value of ``name``; MissingSecretError when it is not available."""
        value = getattr(self, name)
        if not value:
            secret = "initiator_password" if name == "security_credential" else name
            raise MissingSecretError(self.profile, secret, SECRET_LABELS[name])
        return value


def resolve_credentials(
    profile: Profile, secrets: Secrets, operation: str | None = None
) -> Credentials:
    """The profile's credentials; those ``operation`` needs must be present.

    The consumer key and secret are always needed; initiator operations need a SecurityCredential
    (a stored ready one wins over one generated from the initiator password); STK operations need
    the passkey. Raises MissingSecretError (what to set, and how) or ConfigError (certificate).
    """
    offline = profile.kind == "offline"
    consumer_key = secrets.get("consumer_key") or (OFFLINE_CONSUMER_KEY if offline else None)
    consumer_secret = secrets.get("consumer_secret") or (
        OFFLINE_CONSUMER_SECRET if offline else None
    )
    if not consumer_key:
        raise MissingSecretError(profile.name, "consumer_key", SECRET_LABELS["consumer_key"])
    if not consumer_secret:
        raise MissingSecretError(profile.name, "consumer_secret",
                                 SECRET_LABELS["consumer_secret"])
    credentials = Credentials(
        profile=profile.name,
        consumer_key=consumer_key,
        consumer_secret=consumer_secret,
        security_credential=_security_credential(profile, secrets),
        stk_passkey=secrets.get("stk_passkey") or (PUBLIC_STK_PASSKEY if offline else None),
        relay_token=secrets.get("relay_token"),
    )
    if operation in INITIATOR_OPERATIONS:
        credentials.require("security_credential")
    if operation in STK_OPERATIONS:
        credentials.require("stk_passkey")
    return credentials


def _security_credential(profile: Profile, secrets: Secrets) -> str | None:
    ready = secrets.get("security_credential")
    if ready:
        return ready
    password = secrets.get("initiator_password")
    if not password and profile.kind == "offline":
        password = PUBLIC_INITIATOR_PASSWORD
    if not password:
        return None
    return generate_security_credential(password, certificate_pem(profile))


def generate_security_credential(password: str, certificate: bytes) -> str:
    """Encrypt the initiator password with the certificate; ConfigError with the rule if not."""
    try:
        return security.security_credential(password, certificate)
    except ValueError as error:
        raise ConfigError(message("initiator password: {problem}",
                                  problem=said(error))) from None


# -- certificates ----------------------------------------------------------------------------


EXPIRED_NOTE = message("Daraja is known to still accept its own expired certificates")


@dataclass(frozen=True)
class CertificateInfo:
    """What the settings dialog and ``profile show`` tell the clerk about a certificate."""

    subject: str
    common_name: str
    issuer: str
    not_before: datetime
    not_after: datetime
    fingerprint_sha256: str

    def validity(self, now: datetime | None = None) -> str:
        """``2014-11-12 to 2016-11-11``, with ``(expired)`` once it has."""
        start, end = f"{self.not_before:%Y-%m-%d}", f"{self.not_after:%Y-%m-%d}"
        if self.expired(now):
            return message("{start} to {end} (expired)", start=start, end=end)
        return message("{start} to {end}", start=start, end=end)

    def expired(self, now: datetime | None = None) -> bool:
        return (now or datetime.now(UTC)) > self.not_after

    @property
    def expired_note(self) -> str:
        """Why an expired certificate may still be fine, when it is expired; else ""."""
        return EXPIRED_NOTE if self.expired() else ""

    def describe(self, now: datetime | None = None) -> str:
        """One line, e.g. ``CN=apicrypt.safaricom.co.ke, valid 2014-11-12 to 2016-11-11``."""
        if self.expired(now):
            return message("{subject}, valid {dates}; {note}", subject=self.subject,
                           dates=self.validity(now), note=EXPIRED_NOTE)
        return message("{subject}, valid {dates}", subject=self.subject,
                       dates=self.validity(now))


def certificate_pem(profile: Profile) -> bytes:
    """The bytes of the profile's certificate: bundled by name, or the imported file."""
    return load_certificate_bytes(profile.certificate)


def load_certificate_bytes(certificate: str) -> bytes:
    """A bundled certificate by name (simulator, sandbox, production) or a file's bytes."""
    if certificate in BUNDLED_CERTIFICATE_NAMES:
        return security.bundled_certificate(certificate)
    path = Path(certificate)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ConfigError(message(
            "certificate: cannot read {path} ({reason}); import the certificate again in Settings",
            path=path, reason=error.strerror or message("unreadable"))) from None


def certificate_info(data: bytes) -> CertificateInfo:
    """Subject, issuer, validity dates and fingerprint of a PEM or DER certificate."""
    try:
        certificate = security.load_certificate(data)
    except ValueError:
        raise ConfigError(message("certificate: not a PEM or DER X.509 certificate")) from None
    der = certificate.public_bytes(serialization.Encoding.DER)
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return CertificateInfo(
        subject=certificate.subject.rfc4514_string(),
        common_name=str(names[0].value) if names else certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint_sha256=hashlib.sha256(der).hexdigest(),
    )


def import_certificate(paths: AppPaths, profile_name: str, source: str | Path) -> str:
    """Copy a certificate file into the config folder for the profile; returns its stored path.

    The file must be an X.509 certificate holding an RSA key (certificates are public).
    """
    data = load_certificate_bytes(str(source))
    check_certificate(data)
    folder = paths.config_dir / "certificates"
    try:
        target = private_dir(folder) / f"{profile_name}.cer"
        with open_private(target, "wb") as copy:
            copy.write(data)
    except OSError as error:
        raise ConfigError(message("certificate: could not be saved in {folder} ({reason})",
                                  folder=folder, reason=error.strerror or str(error))) from error
    return str(target)


def check_certificate(data: bytes) -> None:
    """ConfigError unless ``data`` is an X.509 certificate with an RSA key (usable to encrypt)."""
    certificate_info(data)
    if not isinstance(security.load_certificate(data).public_key(), rsa.RSAPublicKey):
        raise ConfigError(message("certificate: it holds no RSA public key, so it cannot encrypt"))
