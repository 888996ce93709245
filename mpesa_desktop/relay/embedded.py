"""The relay running inside the app (offline profile) or a test, on loopback, on a free port.

    relay = EmbeddedRelay(data_dir / "relay")    # or EmbeddedRelay() for a temporary directory
    base_url = relay.start()                     # "http://127.0.0.1:PORT": the feed's base URL
    relay.callback_base_url                      # "http://127.0.0.1:PORT/cb/<secret>"
    relay.callback_url("result")                 # ResultURL; also timeout, stk, c2b_validation,
                                                 # c2b_confirmation
    RelayFeed(base_url, relay.token)             # what the poller reads
    relay.stop()

A directory that is not yet a relay directory is initialised (``relay init``, a sandbox relay:
the offline simulator posts from loopback); an existing one keeps its secrets and stored
callbacks, so the feed cursor continues across restarts. A temporary directory is removed by
``stop()``. Connections have the limits of the directory's settings (``relay.limits``).
``listen``: a loopback socket bound beforehand (the app binds it when it opens the profile, so
the callback URLs its forms show are known before aiohttp is even loaded); it is served as is.
"""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path

from mpesa_desktop.background_server import BackgroundServer
from mpesa_desktop.relay.limits import GuardedSite
from mpesa_desktop.relay.server import CALLBACK_PATHS, create_app
from mpesa_desktop.relay.settings import settings_of
from mpesa_desktop.relay.store import CallbackStore


class EmbeddedRelay:
    """A relay served by a ``BackgroundServer``; ``repr`` never shows its secrets."""

    def __init__(self, directory: Path | str | None = None, *, host: str = "127.0.0.1",
                 port: int = 0, listen: socket.socket | None = None):
        self._temporary: tempfile.TemporaryDirectory | None = None
        if directory is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="relay-")
            directory = self._temporary.name
        self.directory = Path(directory)
        self.settings = settings_of(self.directory)
        self._listen = listen
        if listen is not None:
            host, port = listen.getsockname()[:2]
        self._host = host
        self._port = port
        self._server: BackgroundServer | None = None
        self._store: CallbackStore | None = None
        self.base_url: str | None = None

    def __repr__(self) -> str:
        return f"EmbeddedRelay({str(self.directory)!r}, url={self.base_url!r})"

    @property
    def token(self) -> str:
        """The poller token (Bearer) for the feed."""
        return self.settings.token

    @property
    def store(self) -> CallbackStore:
        if self._store is None:
            raise RuntimeError("relay not started")
        return self._store

    @property
    def callback_base_url(self) -> str:
        """Full URL prefix of the callback URLs: ``http://127.0.0.1:PORT/cb/<secret>``."""
        if self.base_url is None:
            raise RuntimeError("relay not started")
        return self.base_url + self.settings.callback_base

    def callback_url(self, kind: str) -> str:
        """The URL for one callback kind: result, timeout, stk, c2b_validation, c2b_confirmation."""
        return f"{self.callback_base_url}/{CALLBACK_PATHS[kind]}"

    def start(self) -> str:
        """Start serving; return the base URL (``http://127.0.0.1:PORT``)."""
        if self.base_url is not None:
            return self.base_url
        self._store = CallbackStore(self.settings.store_path)
        store = self._store
        self._server = BackgroundServer(lambda: create_app(self.settings, store), self._host,
                                        self._port, name="embedded-relay",
                                        site_factory=GuardedSite, sock=self._listen)
        try:
            self.base_url = self._server.start()
        except BaseException:
            self._store.close()
            self._store = None
            raise
        return self.base_url

    def stop(self) -> None:
        """Stop serving and close the store; removes a temporary directory."""
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._store is not None:
            self._store.close()
            self._store = None
        self.base_url = None
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def __enter__(self) -> EmbeddedRelay:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
