"""The users of a log: adding, listing, disabling, changing a password, and signing in.

Users live in the log's own database (``users``, schema v9), so every desk of a team ledger
knows the same ones. The first user of a log is its admin, whatever role was asked for (decided
in the transaction that adds them, so two desks adding the first user at once make one admin);
after that only an admin adds, disables or changes another user's password, and a user may
change their own.

On a team ledger (PostgreSQL) users are the database's logins (``logins``): the server checks
the password when the desk connects as the user, and limits wrong ones as its administrator
configured it (``auth_delay``, fail2ban...). In a SQLite file, signing in is rate-limited in the
file itself: after :data:`FREE_ATTEMPTS` wrong passwords in a row
a user is locked for a while, doubling with each further one (up to :data:`LONGEST_LOCK`), on
every desk at once. Every sign-in, refused or not, and every change here is an audit entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from mpesa_desktop.ledger import audit
from mpesa_desktop.ledger.records import load_time, store_time, utc_now
from mpesa_desktop.messages import message
from mpesa_desktop.team import logins, passwords
from mpesa_desktop.team.roles import (
    NotAllowed,
    Right,
    Role,
    SignedIn,
    SignInRefused,
    check_role,
    require,
)

if TYPE_CHECKING:
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.ledger.backend import Connection

NAME = re.compile(r"[a-z][a-z0-9_]{1,31}")
FREE_ATTEMPTS = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=15)
WRONG = message("wrong user name or password")
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    disabled: bool
    created_at: datetime
    locked_until: datetime | None


def check_name(name: str) -> str:
    """``name`` when it may name a user, else ValueError naming the rule."""
    if not NAME.fullmatch(name):
        raise ValueError(message("user name must be 2 to 32 characters: lower-case letters, "
                                 "digits and '_', starting with a letter (got {got})",
                                 got=repr(name)))
    return name


def _append(conn: Connection, ledger: Ledger, now: datetime, actor: str, action: str,
            subject: str | None, detail: dict[str, Any] | None = None) -> None:
    audit.append(conn, ledger.backend, now, actor, action, subject, detail)


def users(ledger: Ledger) -> list[User]:
    """Every user, by name."""
    def read(conn: Connection) -> list[User]:
        rows = conn.execute("SELECT name, role, disabled, created_at, locked_until FROM users "
                            "ORDER BY name").fetchall()
        return [User(name, Role(role), bool(disabled), load_time(created),
                     load_time(locked) if locked else None)
                for name, role, disabled, created, locked in rows]
    return ledger.reading(read)


def add_user(ledger: Ledger, name: str, role: str, password: str, *,
             clock: Clock = utc_now) -> Role:
    """Add ``name``; the role they were given (admin for a log's first user). Only an admin
    adds users to a log that has some."""
    check_name(name)
    wanted = check_role(role)
    passwords.check_new(password)
    team = logins.uses_logins(ledger)
    hashed = None if team else passwords.hash_password(password)
    now = clock()

    def add(conn: Connection) -> Role:
        ledger.backend.serialize(conn, "users")
        first = conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is None
        if not first:
            require(ledger.user, True, Right.MANAGE)
        if conn.execute("SELECT 1 FROM users WHERE name = :name",
                        {"name": name}).fetchone():
            raise ValueError(message("there is already a user {name}", name=name))
        given = Role.ADMIN if first else wanted
        if team:
            logins.make_login(conn, name, password, admin=given is Role.ADMIN)
        conn.execute("INSERT INTO users (name, role, password_hash, created_at) "
                     "VALUES (:name, :role, :hash, :at)",
                     {"name": name, "role": given, "hash": hashed, "at": store_time(now)})
        actor = ledger.operator if ledger.user is not None or not first else name
        _append(conn, ledger, now, actor, "user_added", name, {"role": str(given)})
        return given
    return ledger.writing(add)


def disable_user(ledger: Ledger, name: str, *, clock: Clock = utc_now) -> None:
    """Disable ``name`` (admins only; an admin does not disable themself)."""
    require(ledger.user, ledger.has_users, Right.MANAGE)
    if ledger.user is not None and ledger.user.name == name:
        raise NotAllowed(message("an admin does not disable themself: ask another admin"))

    def disable(conn: Connection) -> None:
        changed = conn.execute("UPDATE users SET disabled = 1 WHERE name = :name",
                               {"name": name}).rowcount
        if not changed:
            raise ValueError(message("there is no user {name}", name=name))
        if logins.uses_logins(ledger):
            logins.disable_login(conn, name)
        _append(conn, ledger, clock(), ledger.operator, "user_disabled", name)
    ledger.writing(disable)


def set_password(ledger: Ledger, name: str, password: str, *, clock: Clock = utc_now) -> None:
    """Give ``name`` a new password (their own, or any user's for an admin); unlocks them."""
    if ledger.user is None or ledger.user.name != name:
        require(ledger.user, ledger.has_users, Right.MANAGE)
    passwords.check_new(password)
    team = logins.uses_logins(ledger)
    hashed = None if team else passwords.hash_password(password)

    def change(conn: Connection) -> None:
        if team:
            logins.set_login_password(conn, name, password)
        changed = conn.execute(
            "UPDATE users SET password_hash = :hash, failed_sign_ins = 0, locked_until = NULL "
            "WHERE name = :name", {"name": name, "hash": hashed}).rowcount
        if not changed:
            raise ValueError(message("there is no user {name}", name=name))
        _append(conn, ledger, clock(), ledger.operator, "password_changed", name)
    ledger.writing(change)


def sign_in(ledger: Ledger, name: str, password: str, *, clock: Clock = utc_now) -> SignedIn:
    """Check ``name``'s password and make them the Ledger's user; SignInRefused otherwise
    (committed with its audit entry first)."""
    def read(conn: Connection) -> Any:
        return conn.execute("SELECT role, password_hash, disabled, locked_until FROM users "
                            "WHERE name = :name", {"name": name}).fetchone()
    found = ledger.reading(read)
    now = clock()
    if logins.uses_logins(ledger):
        return _signed_in_by_login(ledger, name, found, now)
    if found is None:
        passwords.matches(password, None)
        refusal: str | None = WRONG
    else:
        _, hashed, disabled, locked_until = found
        if disabled:
            refusal = message("{user} is disabled: ask an admin", user=name)
        elif locked_until and load_time(locked_until) > now:
            wait = int((load_time(locked_until) - now).total_seconds()) + 1
            refusal = message("too many wrong passwords for {user}: try again in {seconds} s",
                              user=name, seconds=wait)
        else:
            refusal = None if passwords.matches(password, hashed) else WRONG

    def record(conn: Connection) -> None:
        if found is not None and refusal == WRONG:
            failed = conn.execute(
                "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE name = :name "
                "RETURNING failed_sign_ins", {"name": name}).fetchone()[0]
            if failed >= FREE_ATTEMPTS:
                lock = min(FIRST_LOCK * 2 ** (failed - FREE_ATTEMPTS), LONGEST_LOCK)
                conn.execute("UPDATE users SET locked_until = :until WHERE name = :name",
                             {"name": name, "until": store_time(now + lock)})
        elif refusal is None:
            conn.execute("UPDATE users SET failed_sign_ins = 0, locked_until = NULL "
                         "WHERE name = :name", {"name": name})
        _append(conn, ledger, now, name, "sign_in" if refusal is None else "sign_in_refused",
                name, {"reason": refusal} if refusal else None)
    ledger.writing(record)
    if refusal is not None:
        raise SignInRefused(refusal)
    user = SignedIn(name, Role(found[0]))
    ledger.act_as(user)
    return user


def _signed_in_by_login(ledger: Ledger, name: str, found: Any, now: datetime) -> SignedIn:
    """On a team ledger the server checked the password when the desk connected as ``name``'s
    login (``services.ledger_access``); the log only says whether that login is a user."""
    login = logins.session_login(ledger)
    refusal = None
    if found is None:
        refusal = message("{user} is not a user of this log", user=name)
    elif login != name:
        refusal = message("this desk is connected as {login}: on a team ledger {user} signs in "
                          "with their own database login", login=login, user=name)
    elif found[2]:
        refusal = message("{user} is disabled: ask an admin", user=name)

    def record(conn: Connection) -> None:
        _append(conn, ledger, now, name, "sign_in" if refusal is None else "sign_in_refused",
                name, {"reason": refusal} if refusal else None)
    ledger.writing(record)
    if refusal is not None:
        raise SignInRefused(refusal)
    user = SignedIn(name, Role(found[0]))
    ledger.act_as(user)
    return user
