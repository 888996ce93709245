"""Run an aiohttp application on its own event loop in a background thread.

The embedded simulator and the embedded relay use this so that the app (and tests) can start a
real HTTP server on loopback, on a free port, without touching the caller's event loop.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Awaitable, Callable

from aiohttp import web

AppFactory = Callable[[], Awaitable[web.Application] | web.Application]
SiteFactory = Callable[..., web.BaseSite]


class BackgroundServer:
    """An aiohttp server in a daemon thread. ``start()`` returns once it is listening.

    ``site_factory(runner, host, port)`` makes the listening site (``web.TCPSite`` unless an
    app needs its own, such as the relay's ``GuardedSite``). ``sock``: a listening socket bound
    beforehand (its address known before the server runs), served through
    ``site_factory(runner, host, port, sock=sock)``.
    """

    def __init__(self, app_factory: AppFactory, host: str = "127.0.0.1", port: int = 0,
                 name: str = "aiohttp-server", site_factory: SiteFactory = web.TCPSite,
                 sock: socket.socket | None = None):
        self._app_factory = app_factory
        self._site_factory = site_factory
        self._sock = sock
        self._host = host
        self._port = port
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("server not started")
        return f"http://{self._host}:{self.port}"

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise RuntimeError("server not started")
        return self._loop

    def start(self, timeout: float = 10.0) -> str:
        """Start serving; return the base URL (``http://host:port``)."""
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError(f"{self._name} did not start within {timeout} s")
        if self._error is not None:
            raise RuntimeError(f"{self._name} failed to start: {self._error}") from self._error
        return self.url

    def call(self, coro: Awaitable, timeout: float = 10.0):
        """Run a coroutine on the server's loop from another thread and return its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)  # type: ignore[arg-type]

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is None or self._thread is None:
            return
        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        self._thread = None

    def __enter__(self) -> BackgroundServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._startup())
        except BaseException as error:  # reported to start()
            self._error = error
            self._ready.set()
            self._loop.close()
            return
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()

    async def _startup(self) -> None:
        made = self._app_factory()
        app = await made if isinstance(made, Awaitable) else made
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        if self._sock is None:
            site = self._site_factory(self._runner, self._host, self._port)
        else:
            site = self._site_factory(self._runner, self._host, self._port, sock=self._sock)
        await site.start()
        addresses = self._runner.addresses
        self.port = addresses[0][1] if addresses else self._port

    async def _shutdown(self) -> None:
        """Close the server, then cancel what the app left running (e.g. pending callbacks)."""
        if self._runner is not None:
            await self._runner.cleanup()
        current = asyncio.current_task()
        leftovers = [task for task in asyncio.all_tasks() if task is not current]
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)
