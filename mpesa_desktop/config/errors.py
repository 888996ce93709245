"""Errors of the config layer, each with a sentence a clerk can act on.

They derive from DarajaError so both faces map them to exit code 2 (a usage problem: nothing was
sent) the same way as a validation error.
"""

from __future__ import annotations

from mpesa_desktop.daraja.errors import DarajaError


class ConfigError(DarajaError, ValueError):
    """A profile setting or the config file is wrong; the message names the setting."""

    exit_code = 2


class MissingSecretError(ConfigError):
    """A secret the operation needs is not stored for the profile.

    ``secret`` is its name (e.g. ``consumer_key``); the message says how to set it.
    """

    def __init__(self, profile: str, secret: str, purpose: str):
        self.profile = profile
        self.secret = secret
        super().__init__(
            f"The {purpose} is not set for profile '{profile}'. Set it in Settings, or run: "
            f"mpesa-desktop profile set-secret {profile} {secret}"
        )
