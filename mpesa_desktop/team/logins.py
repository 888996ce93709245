"""A team ledger's users are PostgreSQL logins (issue 13, point 5).

On PostgreSQL each user connects with a login of their own, named as the user: the server checks
the password (the app keeps no hash of it), and the database's rules (``ledger.schema`` v9:
privileges, row-level security, triggers) know who is writing from ``session_user``, whatever
the client sends. Adding a user makes their login (the admin's login needs CREATEROLE), with the
password sent as a SCRAM-SHA-256 verifier made here, so the password itself never reaches the
server (nor its statement log); disabling one takes its right to log in away.

A SQLite file has no logins: its users' passwords are hashed in the file (``passwords``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import TYPE_CHECKING

from mpesa_desktop.ledger.dialect import POSTGRES

if TYPE_CHECKING:
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.ledger.backend import Connection

SCRAM_ITERATIONS = 4096


def uses_logins(ledger: Ledger) -> bool:
    """Whether the log's users are the database's logins (a team ledger)."""
    return ledger.dialect is POSTGRES


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    """What PostgreSQL stores for a SCRAM-SHA-256 password (RFC 5802, 7677)."""
    salt = salt or os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, SCRAM_ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    b64 = base64.b64encode
    return (f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt).decode()}"
            f"${b64(stored_key).decode()}:{b64(server_key).decode()}")


def _quoted(name: str) -> str:
    """A checked user name (``users.check_name``) as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def make_login(conn: Connection, name: str, password: str, *, admin: bool) -> None:
    """``name``'s login with ``password`` (its password set again if it exists), inside the
    caller's transaction; an admin's may create the logins of the users they add."""
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = :name",
                          {"name": name}).fetchone()
    verb = "ALTER" if exists else "CREATE"
    rights = " CREATEROLE" if admin else ""
    # The verifier is base64, digits, '$' and ':' only: safe between quotes.
    conn.execute(f"{verb} ROLE {_quoted(name)} LOGIN{rights} "
                 f"PASSWORD '{scram_verifier(password)}'")


def set_login_password(conn: Connection, name: str, password: str) -> None:
    conn.execute(f"ALTER ROLE {_quoted(name)} PASSWORD '{scram_verifier(password)}'")


def disable_login(conn: Connection, name: str) -> None:
    conn.execute(f"ALTER ROLE {_quoted(name)} NOLOGIN")


def session_login(ledger: Ledger) -> str:
    """The login the ledger's connections use."""
    return str(ledger.reading(lambda conn: conn.execute("SELECT session_user").fetchone()[0]))
