"""Where a profile's log lives, and opening it: the profile's own SQLite file, or the team's
PostgreSQL database named by its ``ledger`` setting (the password from the keyring's
``ledger_password``, or ``MPESA_DESKTOP_<PROFILE>_LEDGER_PASSWORD``).

Every face opens a profile's log through here, so none of them can miss the team's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpesa_desktop.config import Profile, Secrets
from mpesa_desktop.paths import AppPaths

if TYPE_CHECKING:
    from mpesa_desktop.ledger import Ledger

PASSWORD_SECRET = "ledger_password"


def ledger_location(paths: AppPaths, profile: Profile) -> str | Path:
    """The team's URL, or the profile's own file."""
    return profile.ledger or paths.ledger_file(profile.name)


def open_ledger(paths: AppPaths, profile: Profile, **options: Any) -> Ledger:
    """The profile's log, open (``options``: the Ledger's own, such as ``clock``)."""
    from mpesa_desktop.ledger import Ledger

    password = Secrets(profile.name).get(PASSWORD_SECRET) if profile.ledger else None
    return Ledger(ledger_location(paths, profile), profile=profile.name, password=password,
                  **options)
