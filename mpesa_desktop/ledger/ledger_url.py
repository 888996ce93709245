"""A team ledger's URL, checked without loading a database driver (the settings check it).

``postgresql://user@host:port/dbname`` (libpq's form; query options such as ``sslrootcert``
pass through). It never holds a password (a profile's settings are a file): the password comes
from the keyring or the environment. A server on another machine is reached over TLS only:
``sslmode`` is ``verify-full`` unless the URL asks for ``require`` or ``verify-ca``; ``disable``,
``allow`` and ``prefer`` are refused.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from mpesa_desktop.ledger.statuses import LedgerError
from mpesa_desktop.messages import message

LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
TLS_MODES = ("verify-full", "verify-ca", "require")


class BadLedgerUrl(LedgerError, ValueError):
    """A ledger URL that cannot be used; the message names the rule."""


def is_local(host: str) -> bool:
    """Whether ``host`` is this machine (a Unix socket's folder counts)."""
    return host in LOCAL_HOSTS or host.startswith("/")


def check_url(url: str) -> dict[str, str]:
    """The connection options of a ledger URL, with ``sslmode`` set for a remote server;
    BadLedgerUrl names what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise BadLedgerUrl(message("ledger: the URL must start with postgresql://"))
    if parts.password is not None:
        raise BadLedgerUrl(message(
            "ledger: the URL must not hold a password (it would be written to the settings "
            "file); keep it in the keyring or the environment instead"))
    options = dict(parse_qsl(parts.query))
    if not parts.path.strip("/"):
        raise BadLedgerUrl(message("ledger: the URL must name a database "
                                   "(postgresql://user@host/dbname)"))
    host = options.get("host", parts.hostname or "")
    if not is_local(host):
        mode = options.setdefault("sslmode", "verify-full")
        if mode not in TLS_MODES:
            raise BadLedgerUrl(message(
                "ledger: sslmode={mode} would let the payments log cross the network "
                "unencrypted; a server on another machine needs one of {modes}", mode=mode,
                modes=", ".join(TLS_MODES)))
    return options


def with_login(url: str, login: str) -> str:
    """``url`` connecting as ``login`` instead of the user it names."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{quote(login, safe='')}@{host}"))
