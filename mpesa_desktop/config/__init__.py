"""Profiles, the config file, secrets in the keyring, credentials and the money guard.

Qt-free. The main names are re-exported here: ``ConfigStore``, ``Profile``, ``new_profile``,
``Secrets``, ``resolve_credentials``, ``Credentials``, ``ConfigError``, ``MissingSecretError``;
the guard rules live in ``mpesa_desktop.config.guard``.
"""

from mpesa_desktop.config.credentials import (
    CertificateInfo,
    Credentials,
    certificate_info,
    certificate_pem,
    import_certificate,
    resolve_credentials,
)
from mpesa_desktop.config.errors import ConfigError, MissingSecretError
from mpesa_desktop.config.profiles import KINDS, Profile, new_profile, offline_profile
from mpesa_desktop.config.secrets import SECRET_NAMES, Secrets
from mpesa_desktop.config.store import ConfigStore

__all__ = [
    "KINDS",
    "SECRET_NAMES",
    "CertificateInfo",
    "ConfigError",
    "ConfigStore",
    "Credentials",
    "MissingSecretError",
    "Profile",
    "Secrets",
    "certificate_info",
    "certificate_pem",
    "import_certificate",
    "new_profile",
    "offline_profile",
    "resolve_credentials",
]
