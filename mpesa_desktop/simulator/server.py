"""The embedded simulator: an aiohttp server on its own loop thread, with Python controls.

    with Simulator(SimulatorConfig(callback_delay=0.05)) as sim:   # or sim.start(port=0)
        sim.url                      # http://127.0.0.1:PORT, Daraja's paths under it
        sim.set_fault("drop")        # the next API request is executed, then dropped
        sim.transactions()           # what it executed

    Simulator(config, state_dir=folder)   # keeps its books in folder across restarts

Every control runs on the server's loop, so it is safe to call from any thread.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from mpesa_desktop.background_server import BackgroundServer
from mpesa_desktop.simulator import admin
from mpesa_desktop.simulator.app import build_app
from mpesa_desktop.simulator.config import Fault, SimulatorConfig
from mpesa_desktop.simulator.credentials import simulator_certificate
from mpesa_desktop.simulator.state import SimulatorState
from mpesa_desktop.simulator.store import StateInUse, StateStore

log = logging.getLogger(__name__)
T = TypeVar("T")


class Simulator:
    """An offline Daraja. Not started until ``start()``; stop with ``stop()``.

    ``state_dir``: a folder where it keeps its books (``store``), so that a simulator started
    later on the same folder goes on where this one stopped; None keeps them in memory. A folder
    another simulator holds is not shared: this one then keeps its books in memory and says so
    in the log. ``callback_base``: the callback base URL of the relay that takes the callbacks
    (``delivery.RelayUrls``: the state file names it by a placeholder).
    """

    def __init__(self, config: SimulatorConfig | None = None, *,
                 state_dir: str | os.PathLike[str] | None = None,
                 callback_base: str | None = None):
        self.config = config or SimulatorConfig()
        self._state_dir = state_dir
        self._released = False  # it held the folder, and stop() let go of it
        self._state = SimulatorState(self.config, self._open_store(), callback_base)
        self._server: BackgroundServer | None = None

    def _open_store(self) -> StateStore | None:
        if self._state_dir is None:
            return None
        try:
            return StateStore(self._state_dir)
        except StateInUse as error:
            log.warning("simulator state not kept: %s (another simulator holds it); this one "
                        "keeps its books in memory", error)
            return None

    @property
    def state_file(self) -> Path | None:
        """The file that keeps the books, or None when they are in memory only."""
        store = self._state.store
        return store.path if store is not None else None

    # life cycle -----------------------------------------------------------------------------
    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on ``host:port`` (0: a free port); return the base URL."""
        if self._server is not None:
            raise RuntimeError("the simulator is already running")
        if self._state.store is None and self._released:
            self._state.store = self._open_store()
        server = BackgroundServer(lambda: build_app(self._state), host, port,
                                  name="mpesa-simulator")
        server.start()
        self._server = server
        return server.url

    def stop(self) -> None:
        """Stop serving and let go of the state folder (work still pending is kept there)."""
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._state.store is not None:
            self._state.checkpoint()
            self._state.store.close()
            self._state.store = None
            self._released = True

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        return self._server.url

    # reading --------------------------------------------------------------------------------
    def _on_loop(self, work: Callable[[], T]) -> T:
        if self._server is None:
            return work()

        async def run() -> T:
            return work()

        return self._server.call(run())

    @property
    def certificate_pem(self) -> bytes:
        return simulator_certificate()

    @property
    def oauth_calls(self) -> int:
        return self._on_loop(lambda: self._state.oauth_calls)

    @property
    def request_count(self) -> int:
        """Requests received (OAuth included, admin not): 0 means the server saw nothing."""
        return self._on_loop(lambda: self._state.request_count)

    def transactions(self) -> list[dict]:
        return self._on_loop(lambda: [t.as_dict() for t in self._state.journal.all()])

    def callbacks(self) -> list[dict]:
        return self._on_loop(lambda: [r.as_dict() for r in self._state.callbacks.records()])

    def pending_jobs(self) -> list[dict]:
        """Work still to come (``jobs``): callbacks, customers' answers, C2B payments."""
        return self._on_loop(lambda: [job.as_dict() for job in self._state.jobs.pending()])

    def registrations(self) -> dict[str, dict]:
        """The C2B URLs registered, by shortcode."""
        return self._on_loop(lambda: {code: asdict(registration) for code, registration
                                      in self._state.c2b_urls.items()})

    def balances(self) -> dict:
        """``{"organisations": {shortcode: {account: balance}}, "customers": {...}}``."""
        return self._on_loop(lambda: admin.balances(self._state))

    def stats(self) -> dict:
        return self._on_loop(self._state.stats)

    # controls -------------------------------------------------------------------------------
    def set_fault(self, kind: str, count: int | None = 1, *, seconds: float = 0.0,
                  path: str | None = None) -> None:
        """Inject a fault into the next ``count`` requests (see ``config.Fault``)."""
        fault = Fault(kind, count, seconds, path)
        self._on_loop(lambda: self._state.faults.add(fault))

    def clear_faults(self) -> None:
        self._on_loop(self._state.faults.clear)

    def set_scenario(self, scenario: str, *, phone: str | None = None, count: int = 1) -> None:
        """Give ``phone`` this scenario from now on, or (no phone) the next ``count`` operations."""
        body: dict[str, Any] = {"scenario": scenario, "phone": phone, "count": count}
        self._on_loop(lambda: admin.set_scenario(self._state, body))

    def reset_scenarios(self) -> None:
        self._on_loop(self._state.scenarios.reset)

    def set_c2b_validation(self, shortcode: str, enabled: bool = True) -> None:
        """Turn External Validation on (or off) for ``shortcode``'s C2B payments."""
        body = {"shortcode": shortcode, "enabled": enabled}
        self._on_loop(lambda: admin.set_c2b_validation(self._state, body))

    def expire_tokens(self) -> int:
        """Invalidate every access token; return how many were live."""
        return self._on_loop(self._state.tokens.expire_all)

    def resend(self, callback_id: int) -> dict:
        """Post callback ``callback_id`` again; return the attempt (status, error)."""
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        return self._server.call(admin.resend(self._state, callback_id))
