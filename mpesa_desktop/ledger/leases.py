"""Who is sending a row: the leases of the processes writing a ledger (DESIGN.md section 3.4).

A ``sending`` row belongs to the Ledger that wrote it (its ``owner`` column). Each open Ledger
that has written one holds a lease, a row of the ``leases`` table naming its process: the host,
the pid and the process's start time, with a heartbeat the services refresh every
:data:`HEARTBEAT_SECONDS`. Closing the Ledger releases it.

Start-up recovery and the periodic sweep take over (as ``unknown``) only the rows whose owner
is gone:

- it holds no lease (it closed the log, or wrote the row before leases existed);
- on this host, no process runs under its pid, or one started at another time (the pid was
  reused); where start times cannot be read (no ``/proc``), its heartbeat is older than
  :data:`LEASE_TTL`;
- on another host, its heartbeat is older than :data:`LEASE_TTL`.

**Turns.** Some work is done by one process of a log at a time, whichever desk it runs on:
reading the relay feed for the team (``services.poller``; the others see the changes through
the log). A turn is a meta row ``turn:<name>`` naming its holder and until when it holds it
(:func:`take_turn`); the holder renews it as it works, and closing the Ledger gives it up.

Leases keep real time (``records.utc_now``), whatever clock stamps the rows. Qt-free; the
functions take the caller's connection and run inside its transaction.
"""

from __future__ import annotations

import functools
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from mpesa_desktop.ledger.backend import Connection
from mpesa_desktop.ledger.records import load_time, store_time, utc_now
from mpesa_desktop.ledger.statuses import Status

HEARTBEAT_SECONDS = 5.0
# A lease whose heartbeat is older than this is gone, when its process cannot be seen.
LEASE_TTL = timedelta(seconds=60)
PROC = Path("/proc")


@dataclass(frozen=True, slots=True)
class Process:
    """A process, as a lease names it. ``started`` is None where it cannot be read."""

    host: str
    pid: int
    started: str | None


def start_time(pid: int) -> str | None:
    """When process ``pid`` of this host started (``<boot id>:<clock ticks after boot>``), or
    None when no such process runs (a zombie counts as gone) or ``/proc`` cannot tell."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # After the command name (in parentheses, which may hold anything): state is field 3,
    # starttime field 22 (proc(5)).
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] in ("Z", "X"):
        return None
    return f"{_boot_id()}:{fields[19]}"


@functools.cache
def _boot_id() -> str:
    try:
        return (PROC / "sys" / "kernel" / "random" / "boot_id").read_text().strip()
    except OSError:
        return ""


def this_process() -> Process:
    pid = os.getpid()
    return Process(socket.gethostname(), pid, start_time(pid))


def is_gone(lease: Process | None, heartbeat_at: datetime | None, *, here: Process,
            now: datetime, ttl: timedelta = LEASE_TTL) -> bool:
    """Whether the owner of ``lease`` (None: no lease) has gone, as seen from ``here``."""
    if lease is None or heartbeat_at is None:
        return True
    if lease.host == here.host and lease.started is not None and here.started is not None:
        return start_time(lease.pid) != lease.started
    return now - heartbeat_at > ttl


def hold(conn: Connection, owner: str, process: Process) -> None:
    """Take (or renew) the lease ``owner`` for ``process``."""
    conn.execute(
        "INSERT INTO leases (owner, host, pid, started, heartbeat_at) "
        "VALUES (:owner, :host, :pid, :started, :now) "
        "ON CONFLICT (owner) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
        {"owner": owner, "host": process.host, "pid": process.pid, "started": process.started,
         "now": store_time(utc_now())},
    )


def beat(conn: Connection, owner: str) -> None:
    """Refresh the heartbeat of lease ``owner`` (nothing when it is not held)."""
    conn.execute("UPDATE leases SET heartbeat_at = :now WHERE owner = :owner",
                 {"owner": owner, "now": store_time(utc_now())})


def release(conn: Connection, owner: str) -> None:
    """Drop the lease ``owner`` and give up its turns."""
    conn.execute("DELETE FROM leases WHERE owner = :owner", {"owner": owner})
    conn.execute(f"DELETE FROM meta WHERE key LIKE '{TURN_PREFIX}%' AND value LIKE :holder",
                 {"holder": f"{owner} %"})


TURN_PREFIX = "turn:"


def take_turn(conn: Connection, name: str, owner: str, ttl: timedelta) -> bool:
    """Hold the turn ``name`` for ``ttl`` from now when nobody else holds it (or it lapsed):
    True when ``owner`` holds it now. Run it in a write transaction holding the turn's topic."""
    key = f"{TURN_PREFIX}{name}"
    now = utc_now()
    row = conn.execute("SELECT value FROM meta WHERE key = :key", {"key": key}).fetchone()
    if row is not None and row[0]:
        holder, until = row[0].split(" ", 1)
        if holder != owner and load_time(until) > now:
            return False
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (:key, :value) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {"key": key, "value": f"{owner} {store_time(now + ttl)}"})
    return True


@dataclass(frozen=True, slots=True)
class Orphans:
    """What a sweep found: the ``sending`` rows whose owner is gone (their references, oldest
    first) and the leases of owners that are gone."""

    references: tuple[str, ...]
    leases: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.references or self.leases)


def orphans(conn: Connection, here: Process, ttl: timedelta = LEASE_TTL) -> Orphans:
    """The ``sending`` rows and the leases whose owner is gone, as seen from ``here`` (reads
    only)."""
    now = utc_now()
    gone: dict[str, bool] = {}
    for owner, host, pid, started, heartbeat_at in conn.execute(
        "SELECT owner, host, pid, started, heartbeat_at FROM leases"
    ):
        gone[owner] = is_gone(Process(host, pid, started), load_time(heartbeat_at), here=here,
                              now=now, ttl=ttl)
    rows = conn.execute(
        "SELECT reference, owner FROM transactions WHERE status = :sending ORDER BY id",
        {"sending": Status.SENDING},
    )
    references = tuple(reference for reference, owner in rows if gone.get(owner, True))
    return Orphans(references, tuple(owner for owner, is_it in gone.items() if is_it))
