"""How much of the relay one client may hold: timeouts and connection caps (issue 9, point 6).

The relay faces the internet. Without limits, a client that opens connections and sends nothing,
or sends its headers a byte at a time, holds a file descriptor each until the process runs out
and real callbacks are refused. So:

The numbers are the relay's settings (``header_timeout``, ``body_timeout``,
``connections_per_client`` in ``settings.json``; 10 s, 30 s and 64 unless set).

- **Header and idle timeout**: a connection must complete a request's headers
  within this long of opening, or of its previous answer. aiohttp's keep-alive timer does exactly
  that (it also fires while headers trickle in), so it is set to this value.
- **Body timeout**: the whole body must arrive within this long of the
  headers (``server.read_body``); a trickled body gets 408 and the connection is closed, its
  buffers freed.
- **Connections per client**: one address may hold this many connections at
  once; more are closed as they arrive, before a byte is read. Trusted proxies and Safaricom's
  published callback addresses are exempt (a proxy speaks for many clients; a bulk payout's
  results arrive in bursts).
- **Connections in all**: at most the process's file limit less a reserve for the store and the
  logs, whoever the clients are.

``GuardedSite`` is an aiohttp ``TCPSite`` whose connections pass through a ``ConnectionGuard``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import signal
from collections import Counter
from typing import Any

from aiohttp import web

try:
    import resource
except ImportError:  # Windows: no file limit to read
    resource = None  # type: ignore[assignment]

from mpesa_desktop.relay.allowlist import IPNetwork, parse_networks

log = logging.getLogger("mpesa_desktop.relay")

FD_RESERVE = 64


def connection_limit() -> int:
    """Connections the process may hold at once: its file limit less a reserve."""
    if resource is None:
        return 1000
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 100_000
    return max(16, soft - FD_RESERVE)


class ConnectionGuard:
    """Counts the open connections per client address and refuses those over the caps."""

    def __init__(self, exempt: list[str] | tuple[str, ...] = (), *,
                 per_client: int, total: int | None = None) -> None:
        self._exempt: tuple[IPNetwork, ...] = parse_networks(exempt)
        self.per_client = per_client
        self.total = connection_limit() if total is None else total
        self.open: Counter[str] = Counter()
        self.refused = 0

    def admit(self, address: str) -> bool:
        """Count a new connection from ``address``; False when it must be closed at once."""
        if sum(self.open.values()) >= self.total or (
                self.open[address] >= self.per_client and not self._exempt_address(address)):
            self.refused += 1
            log.warning("refused a connection from %s: too many open connections", address)
            return False
        self.open[address] += 1
        return True

    def _exempt_address(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self._exempt)

    def release(self, address: str) -> None:
        self.open[address] -= 1
        if self.open[address] <= 0:
            del self.open[address]

    def wrap(self, protocol: asyncio.Protocol) -> asyncio.Protocol:
        return _GuardedProtocol(self, protocol)


class _GuardedProtocol(asyncio.Protocol):
    """Passes everything to aiohttp's protocol, unless the guard refuses the connection."""

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self._guard = guard
        self._inner = inner
        self._address: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if peer else "unknown"
        if not self._guard.admit(address):
            transport.abort()
            return
        self._address = address
        self._inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._address is None:
            return
        self._guard.release(self._address)
        self._address = None
        self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._address is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._address is not None else None

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()


class GuardedSite(web.TCPSite):
    """A TCP site whose connections go through ``guard``."""

    def __init__(self, runner: web.BaseRunner, host: str, port: int, guard: ConnectionGuard,
                 **kwargs: Any) -> None:
        super().__init__(runner, host, port, **kwargs)
        self.guard = guard

    async def start(self) -> None:
        await web.BaseSite.start(self)
        server = self._runner.server
        assert server is not None
        self._server = await asyncio.get_running_loop().create_server(
            lambda: self.guard.wrap(server()), self._host, self._port,
            backlog=self._backlog, reuse_address=self._reuse_address)


async def serve(app: web.Application, host: str, port: int, guard: ConnectionGuard, *,
                access_log_class: type[Any] | None = None,
                ready: Any = None) -> None:
    """Serve ``app`` on ``host:port`` through ``guard`` until cancelled (Ctrl+C) or SIGTERM;
    ``ready(port)`` is called once listening."""
    kwargs = {"access_log_class": access_log_class} if access_log_class else {}
    runner = web.AppRunner(app, **kwargs)
    await runner.setup()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    try:
        site = GuardedSite(runner, host, port, guard)
        await site.start()
        if ready is not None:
            ready(runner.addresses[0][1])
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows loops
            loop.add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()
