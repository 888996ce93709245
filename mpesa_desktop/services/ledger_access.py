"""Where a profile's log lives, and opening it: the profile's own SQLite file, or the team's
PostgreSQL database named by its ``ledger`` setting (the password from the keyring's
``ledger_password``, or ``MPESA_DESKTOP_<PROFILE>_LEDGER_PASSWORD``), or as the login of the
user signing in (issue 13: on a team ledger each user connects as themself).

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


def open_ledger(paths: AppPaths, profile: Profile, *, login: tuple[str, str] | None = None,
                **options: Any) -> Ledger:
    """The profile's log, open (``options``: the Ledger's own, such as ``clock``). ``login``:
    a user's name and password; a team ledger is then reached as that user's own database
    login (``team.logins``), a file needs no login."""
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.ledger.ledger_url import with_login

    location = ledger_location(paths, profile)
    if not profile.ledger:
        return Ledger(location, profile=profile.name, **options)
    if login is not None:
        name, password = login
        return Ledger(with_login(str(location), name), profile=profile.name, password=password,
                      **options)
    return Ledger(location, profile=profile.name,
                  password=Secrets(profile.name).get(PASSWORD_SECRET), **options)
