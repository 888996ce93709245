"""Who a command runs as: the global ``--user NAME``, whose password comes from a hidden prompt
at a terminal or, headless, from ``MPESA_DESKTOP_USER_PASSWORD`` (never from argv).

A log without users needs no one; on a log with users, a command that reads or changes it
without ``--user`` is refused by the right it needs (``team.roles``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from mpesa_desktop.config import ConfigError
from mpesa_desktop.languages import say
from mpesa_desktop.messages import message

if TYPE_CHECKING:
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.services import AppServices

PASSWORD_ENV = "MPESA_DESKTOP_USER_PASSWORD"


def user_password(name: str, language: str) -> str:
    """``name``'s password: the environment's, else typed at a hidden prompt (asked in
    ``language``)."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise ConfigError(message("--user {name}: type the password at a terminal, or set "
                                  "{variable} for a command run without one", name=name,
                                  variable=PASSWORD_ENV))
    return getpass.getpass(say(message("Password for {name}: ", name=name), language))


def new_password(name: str, language: str) -> str:
    """A new password for ``name``: typed twice at a hidden prompt (asked in ``language``), or
    one line of stdin."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(say(message("New password for {name}: ", name=name), language))
    if getpass.getpass(say(message("Type it again: "), language)) != first:
        raise ConfigError(message("the two passwords differ: nothing was changed"))
    return first


def open_ledger(args: argparse.Namespace) -> Ledger:
    """The log of ``--profile`` (else the active profile's), ``--user`` signed in
    (SignInRefused, audited, when the log refuses them)."""
    from mpesa_desktop.config import ConfigStore
    from mpesa_desktop.paths import app_paths
    from mpesa_desktop.services import ledger_access

    paths = app_paths(getattr(args, "home", None))
    store = ConfigStore(paths)
    profile = store.get(args.profile) if args.profile else store.active
    name = getattr(args, "user", None)
    password = user_password(name, args.language) if name else None
    login = (name, password) if name and password is not None else None
    ledger = ledger_access.open_ledger(paths, profile, login=login)
    try:
        if login is not None:
            from mpesa_desktop.team import users

            users.sign_in(ledger, *login)
    except BaseException:
        ledger.close()
        raise
    return ledger


async def sign_in_services(args: argparse.Namespace, services: AppServices) -> None:
    """Sign ``--user`` in to the services' log."""
    if getattr(args, "user", None):
        await services.sign_in(args.user, user_password(args.user, args.language))
