"""Connection limits of the relay: header, body and idle timeouts and caps on connections.

aiohttp's server has size limits and a keep-alive timeout but no deadline for a request's head,
so a client sending one header byte a second holds a connection (and a file descriptor) for
ever, and enough of them starve Daraja's real callbacks. Here every connection is wrapped: the
protocol factory of the listening socket (``GuardedSite``) puts a ``_GuardedConnection`` around
each aiohttp ``RequestHandler``, and the app's ``track_requests`` middleware tells it when a
request is being handled. A connection is in one of three states:

- ``head``: it opened, or began a new request; the whole request head must arrive within
  ``header_timeout`` of that moment (a total deadline, not per byte), else it is closed;
- ``busy``: a handler runs; the relay reads the body within ``body_timeout`` (``server``);
- ``idle``: the answer was given; a keep-alive connection that sends nothing more is closed
  after ``idle_timeout`` (as long as its answer is still being read, with progress, it stays).

Caps, checked when a connection opens, before aiohttp sees it:

- at most ``max_connections_per_client`` open connections per client address (an IPv6 client
  is its /64); beyond it the newcomer gets ``503`` at once and is closed. Trusted proxies and,
  when the allow-list is on, Safaricom's addresses are not capped: nginx in front carries
  every client, and a refused callback is lost (Daraja never retries);
- at most ``max_connections`` in all, by default what the process's file-descriptor limit
  leaves after a reserve (bursts of accepts plus the store's files). When full, a connection
  still waiting for its request head (or, when none is, an idle one) is closed to make room:
  the oldest of the client holding the most connections. A fast client (Daraja posts its
  request at once) is therefore never kept out by slow ones from other addresses; if every
  connection is busy, the newcomer gets ``503``.

Every refusal and every cut is a one-line warning (no traceback), rate-limited by ``logs``.

Nothing of a cut connection is kept: its buffers are freed with it. glibc keeps freed heap
pages for reuse, though, so after a flood of slow bodies the process would stay as large as at
its peak; ``release_free_memory()`` (run by the relay every ``logs.LOG_WINDOW`` seconds) hands
them back to the system.
"""

from __future__ import annotations

import asyncio
import ctypes
import functools
import ipaddress
import logging
import socket
from collections import Counter
from collections.abc import Awaitable, Callable

from aiohttp import web

from mpesa_desktop.relay.connection_limits import BACKLOG, RelayLimits

log = logging.getLogger("mpesa_desktop.relay")


def client_key(peer: str) -> str:
    """What the per-client cap counts: the address, or its /64 network for IPv6."""
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return peer
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the process runs on
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to call
        return None


def release_free_memory() -> None:
    """Give the heap pages freed since the last call back to the system (glibc only)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _refusal(reason: str) -> bytes:
    body = f'{{"error": "{reason}"}}'.encode()
    return (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
            b"Connection: close\r\nRetry-After: 1\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


class _GuardedConnection(asyncio.Protocol):
    """One client connection: admitted by the guard, everything forwarded to aiohttp's
    handler, the deadline of its current state kept."""

    def __init__(self, guard: ConnectionGuard, make_handler: Callable[[], asyncio.Protocol]):
        self._guard = guard
        self._make_handler = make_handler
        self.handler: asyncio.Protocol | None = None
        self.transport: asyncio.Transport | None = None
        self.client = "unknown"
        self.key = "unknown"  # what the per-client cap counts (``client_key``)
        self.counted = False
        self.state = "head"
        self._loop = asyncio.get_running_loop()  # made by the loop, for the loop
        self._timer: asyncio.TimerHandle | None = None
        self._deadline: float | None = None
        self._delay = 0.0
        self._unsent = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        peer = transport.get_extra_info("peername")
        if isinstance(peer, tuple) and peer:
            self.client = str(peer[0])
        refused = self._guard.admit(self)
        if refused:
            log.warning("refused a connection from %s: %s", self.client, refused)
            self.transport.write(_refusal(refused))  # type: ignore[union-attr]
            self.transport.close()  # type: ignore[union-attr]
            return
        self.handler = self._make_handler()
        self.handler.connection_made(transport)
        self._guard.attach(self)
        self.enter("head")

    def data_received(self, data: bytes) -> None:
        if self.handler is None:
            return
        if self.state == "idle":
            self.enter("head")
        self.handler.data_received(data)

    def eof_received(self) -> bool | None:
        return self.handler.eof_received() if self.handler is not None else None

    def pause_writing(self) -> None:
        if self.handler is not None:
            self.handler.pause_writing()

    def resume_writing(self) -> None:
        if self.handler is not None:
            self.handler.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._guard.release(self)
        self.transport = None
        handler, self.handler = self.handler, None
        if handler is not None:
            handler.connection_lost(exc)

    # -- states ------------------------------------------------------------------------------

    def enter(self, state: str) -> None:
        """Enter ``head``, ``busy`` or ``idle``, with that state's deadline (none when busy).

        One timer per connection, re-armed only when it fires early (as aiohttp does for its
        keep-alive): cheaper than a new timer per state on every request.
        """
        self.state = state
        self._guard.set_state(self)
        if state == "busy" or self.transport is None:
            self._deadline = None
            return
        limits = self._guard.limits
        self._delay = limits.header_timeout if state == "head" else limits.idle_timeout
        self._deadline = self._loop.time() + self._delay
        self._unsent = self.transport.get_write_buffer_size()
        if self._timer is None:
            self._timer = self._loop.call_at(self._deadline, self._expired)

    def _expired(self) -> None:
        self._timer = None
        if self.transport is None or self._deadline is None:
            return
        if self._loop.time() < self._deadline:  # the state changed since the timer was set
            self._timer = self._loop.call_at(self._deadline, self._expired)
            return
        unsent = self.transport.get_write_buffer_size()
        if self.state == "idle" and unsent and unsent != self._unsent:
            # the answer (a long feed page) is still being read: wait while it moves
            self._unsent = unsent
            self._deadline = self._loop.time() + self._delay
            self._timer = self._loop.call_at(self._deadline, self._expired)
            return
        what = "no whole request head" if self.state == "head" else "no new request"
        log.warning("closed a connection from %s: %s within %g s", self.client, what,
                    self._delay)
        self.close()

    def close(self) -> None:
        """Drop the connection now; its buffers go with it."""
        if self.transport is not None:
            self.transport.abort()


class ConnectionGuard:
    """The open connections of one relay app: the caps, and which ones wait for a request.

    ``exempt(address)`` says which peers the per-client cap spares (trusted proxies and allowed
    sources, see the module docstring).
    """

    def __init__(self, limits: RelayLimits, exempt: Callable[[str], bool] = lambda _: False):
        self.limits = limits
        self.max_connections = limits.connection_cap()
        self._exempt = exempt
        self._per_client: Counter[str] = Counter()
        self._by_handler: dict[object, _GuardedConnection] = {}
        # waiting connections by state ("head", then "idle") and client, each oldest first
        self._waiting: dict[str, dict[str, dict[_GuardedConnection, None]]] = {
            "head": {}, "idle": {}}

    @property
    def open_connections(self) -> int:
        return self._per_client.total()

    def protocol_factory(self, make_handler: Callable[[], asyncio.Protocol]
                         ) -> Callable[[], asyncio.Protocol]:
        """The listening socket's protocol factory, around aiohttp's (``runner.server``)."""
        return lambda: _GuardedConnection(self, make_handler)

    def admit(self, connection: _GuardedConnection) -> str:
        """Count a new connection in; the reason it is refused, or "" when admitted."""
        connection.key = client_key(connection.client)
        cap = self.limits.max_connections_per_client
        if self._per_client[connection.key] >= cap and not self._exempt(connection.client):
            return f"over {cap} connections from one address"
        if self.open_connections >= self.max_connections:
            victim = self._victim()
            if victim is None:
                return f"all {self.max_connections} connections are busy"
            log.warning("closed a connection from %s to make room: %d connections open",
                        victim.client, self.max_connections)
            self.release(victim)
            victim.close()
        self._per_client[connection.key] += 1
        connection.counted = True
        return ""

    def _victim(self) -> _GuardedConnection | None:
        """The connection to close to make room: one waiting for its request head (else an
        idle one), of the client holding the most connections, the oldest of its."""
        for by_client in self._waiting.values():
            if by_client:
                key = max(by_client, key=self._per_client.__getitem__)
                return next(iter(by_client[key]))
        return None

    def attach(self, connection: _GuardedConnection) -> None:
        self._by_handler[connection.handler] = connection

    def set_state(self, connection: _GuardedConnection) -> None:
        """File the connection under its new state (the newest last)."""
        self._unfile(connection)
        if connection.state in self._waiting and connection.counted:
            by_client = self._waiting[connection.state]
            by_client.setdefault(connection.key, {})[connection] = None

    def release(self, connection: _GuardedConnection) -> None:
        """Count a closed (or closing) connection out; safe to call twice."""
        self._unfile(connection)
        self._by_handler.pop(connection.handler, None)
        if connection.counted:
            connection.counted = False
            self._per_client[connection.key] -= 1
            if self._per_client[connection.key] <= 0:
                del self._per_client[connection.key]

    def _unfile(self, connection: _GuardedConnection) -> None:
        for by_client in self._waiting.values():
            waiting = by_client.get(connection.key, {})
            waiting.pop(connection, None)
            if not waiting:
                by_client.pop(connection.key, None)

    def connection_of(self, request: web.BaseRequest) -> _GuardedConnection | None:
        return self._by_handler.get(request.protocol)


def track_requests(guard: ConnectionGuard) -> Callable:
    """Middleware: the request's connection is ``busy`` while a handler runs, then ``idle``."""

    @web.middleware
    async def middleware(request: web.Request,
                         handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                         ) -> web.StreamResponse:
        connection = guard.connection_of(request)
        if connection is not None:
            connection.enter("busy")
        try:
            return await handler(request)
        finally:
            if connection is not None:
                connection.enter("idle")

    return middleware


GUARD_KEY = web.AppKey("connection_guard", ConnectionGuard)


class GuardedSite(web.BaseSite):
    """A TCP site whose connections pass through the app's ``ConnectionGuard`` (an app made by
    ``relay.server.create_app``); otherwise like ``aiohttp.web.TCPSite``."""

    def __init__(self, runner: web.AppRunner, host: str, port: int, *,
                 sock: socket.socket | None = None):
        super().__init__(runner, backlog=BACKLOG)
        self._guard = runner.app[GUARD_KEY]
        self._host = host
        self._port = port
        self._sock = sock  # bound beforehand: served as it is

    @property
    def name(self) -> str:
        return f"http://{self._host}:{self._port}"

    async def start(self) -> None:
        await super().start()
        server = self._runner.server
        assert server is not None
        factory = self._guard.protocol_factory(server)
        loop = asyncio.get_running_loop()
        if self._sock is not None:
            self._server = await loop.create_server(factory, sock=self._sock, backlog=BACKLOG)
        else:
            self._server = await loop.create_server(factory, self._host, self._port,
                                                    backlog=BACKLOG)
