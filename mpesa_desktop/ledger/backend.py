"""The ledger's backend seam: where a profile's log lives, SQLite (the default) or PostgreSQL.

A desk on its own keeps its log in a SQLite file (``db.SqliteBackend``); an office shares one
PostgreSQL database (``postgres.PostgresBackend``, with a pool of connections). Both run the same
migrations (``schema``) and the same SQL, their differences named by a ``dialect.Dialect``. The
Ledger talks to either through :class:`Backend` and the connections it hands out, which speak
sqlite3's own small interface (``execute`` with ``:name`` parameters, ``fetchone``...).

:func:`open_backend` picks one from a location: a ``postgresql://`` URL, or a file's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from mpesa_desktop.ledger.dialect import Dialect

URL_SCHEMES = ("postgresql://", "postgres://")
Heard = Callable[[str, "str | None"], None]


class Connection(Protocol):
    """What the ledger asks of a connection (sqlite3's own interface)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...

    def close(self) -> None: ...


class Backend(Protocol):
    """One database holding a ledger, and how to work in it. Its methods take a connection
    it handed out (typed ``Any`` here: each backend's own connection class)."""

    dialect: Dialect
    # Whether ``listen`` hears other processes' changes (else each process hears only its own).
    hears_others: bool
    # Where the log is, as the clerk may see it: a file's path, or a URL without any password.
    location: str
    # A constraint refused a write / the database cannot be reached or stayed busy.
    integrity_errors: tuple[type[Exception], ...]
    unavailable_errors: tuple[type[Exception], ...]

    def connect(self, *, readonly: bool = False) -> Connection:
        """A connection (readonly: one that may not write, for exports and long counts)."""

    def transaction(self, conn: Any) -> AbstractContextManager[Connection]:
        """One write transaction on ``conn``: committed at the end of the block, rolled back
        (and the error raised again) when it fails."""

    def snapshot(self) -> AbstractContextManager[Connection]:
        """A read-only connection in one read transaction: a consistent view for an export,
        never blocking the writers."""

    def stream(self, conn: Any, sql: str, parameters: Any) -> Any:
        """A cursor (``fetchmany``) over a big result on ``conn`` (a snapshot's), read in
        batches rather than whole."""

    def violated(self, error: Exception) -> str:
        """What an integrity error names: its constraint and columns, as text to look into."""

    def serialize(self, conn: Any, topic: str) -> None:
        """Inside a write transaction: wait until no other writer of the same ledger is in a
        transaction on ``topic`` (SQLite's writers already take turns for the whole file)."""

    def schema_version(self, conn: Any) -> int: ...

    def set_schema_version(self, conn: Any, version: int) -> None: ...

    def opened(self, conn: Any) -> None:
        """Housekeeping once the schema is current (the query planner's statistics)."""

    def closing(self, conn: Any) -> None:
        """Housekeeping before the ledger closes ``conn``, its read connection."""

    def listen(self, heard: Heard) -> Callable[[], None]:
        """Call ``heard(reference, old status)`` for each change another desk commits (on a
        thread of the backend's); returns a function that stops listening. A SQLite file has
        one desk: nothing to hear."""

    def close(self) -> None:
        """Release what the backend holds (a pool's connections)."""


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def open_backend(location: str | Path, *, password: str | None = None) -> Backend:
    """The backend of ``location``: a ``postgresql://`` URL (``password`` when the server asks
    for one), or the path of a SQLite file."""
    if is_url(location):
        from mpesa_desktop.ledger.postgres import PostgresBackend

        return PostgresBackend(str(location), password=password)
    from mpesa_desktop.ledger.db import SqliteBackend

    return SqliteBackend(Path(location))

