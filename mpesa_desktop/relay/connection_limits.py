"""The relay's connection limits as settings (``settings.json`` ``"limits"``), and how many
connections the process's file descriptors allow.

Kept apart from ``relay.limits`` (which enforces them on aiohttp's server) so that reading a
relay's settings, and everything that only needs ``relay.settings``, never imports aiohttp.
"""

from __future__ import annotations

from dataclasses import dataclass

try:
    import resource
except ImportError:  # Windows: no descriptor limit to read
    resource = None  # type: ignore[assignment]

# asyncio accepts up to BACKLOG connections at a time; one is counted (and a connection closed to
# make room for it is gone) about three loop turns later. So the descriptors kept free besides
# counted connections are three backlogs, plus the listening sockets, the store's database, WAL
# and shared memory, stdio and the loop's own.
BACKLOG = 32
RESERVED_DESCRIPTORS = 3 * BACKLOG + 32
UNLIMITED_CONNECTIONS = 10_000


@dataclass(frozen=True)
class RelayLimits:
    """The relay's limits (``settings.json`` ``"limits"`` may set any of them)."""

    header_timeout: float = 5.0
    body_timeout: float = 15.0
    # Longer than clients keep an idle connection (aiohttp's client: 15 s), so a client never
    # reuses a connection the relay has just closed (its callback would be lost in between).
    idle_timeout: float = 75.0
    max_connections_per_client: int = 64
    max_connections: int | None = None  # None: from the file-descriptor limit

    def connection_cap(self) -> int:
        """``max_connections``, at most what the file-descriptor limit allows."""
        allowed = UNLIMITED_CONNECTIONS
        if resource is not None:
            soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
            if soft != resource.RLIM_INFINITY:
                allowed = max(soft - RESERVED_DESCRIPTORS, 8)
        return min(self.max_connections or allowed, allowed)
