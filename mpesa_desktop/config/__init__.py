"""Profiles, the config file, secrets in the keyring, credentials and the money guard.

Qt-free. The main names are re-exported here: ``ConfigStore``, ``Profile``, ``new_profile``,
``Secrets``, ``ConfigError``, ``MissingSecretError``. Credentials (``resolve_credentials``,
certificates) live in ``mpesa_desktop.config.credentials``, which loads cryptography: import it
where a request is signed, not with the config. The guard rules live in
``mpesa_desktop.config.guard``.
"""

from mpesa_desktop.config.errors import ConfigError, MissingSecretError
from mpesa_desktop.config.profiles import KINDS, Profile, new_profile, offline_profile
from mpesa_desktop.config.secrets import SECRET_NAMES, Secrets
from mpesa_desktop.config.store import ConfigStore

__all__ = [
    "KINDS",
    "SECRET_NAMES",
    "ConfigError",
    "ConfigStore",
    "MissingSecretError",
    "Profile",
    "Secrets",
    "new_profile",
    "offline_profile",
]
