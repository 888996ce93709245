"""Errors of the config layer, each with a sentence a clerk can act on.

``KnownError``s of the app's one error tree (``mpesa_desktop.errors``): a usage problem, nothing
was sent.
"""

from __future__ import annotations

from mpesa_desktop.errors import KnownError
from mpesa_desktop.messages import message


class ConfigError(KnownError, ValueError):
    """A profile setting or the config file is wrong; the message names the setting."""


class MissingSecretError(ConfigError):
    """A secret the operation needs is not stored for the profile.

    ``secret`` is its name (e.g. ``consumer_key``); the message says how to set it.
    """

    def __init__(self, profile: str, secret: str, purpose: str):
        self.profile = profile
        self.secret = secret
        super().__init__(message(
            "The {purpose} is not set for profile '{profile}'. Set it in Settings, or run: "
            "mpesa-desktop profile set-secret {profile} {secret}",
            purpose=purpose, profile=profile, secret=secret))
