"""Keeps an open log's lease alive and takes over the rows of senders that are gone.

A ``sending`` row belongs to the Ledger that wrote it (``ledger.leases``). While a profile is
open, a daemon thread, every ``leases.HEARTBEAT_SECONDS``:

- refreshes the Ledger's lease, so processes on other hosts see this one alive;
- runs the recovery sweep (``Ledger.recover_interrupted``): a row left ``sending`` by a process
  that ended while this one runs shows as ``unknown`` within seconds, for the poller to settle.

A thread rather than the event loop: the heartbeat goes on while the loop is busy or not running
(the command line runs one only for its command). The beat also tells whether a team ledger's
database can be reached: ``on_reachable(True/False)`` hears each change (the window's banner).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from mpesa_desktop.ledger import Ledger, LedgerUnavailable
from mpesa_desktop.ledger.leases import HEARTBEAT_SECONDS

log = logging.getLogger(__name__)


class LeaseKeeper:
    """Beats and sweeps for ``ledger`` every ``interval`` seconds between ``start`` and
    ``stop`` (stop it before closing the ledger)."""

    def __init__(self, ledger: Ledger, interval: float = HEARTBEAT_SECONDS,
                 on_reachable: Callable[[bool], None] | None = None) -> None:
        self._ledger = ledger
        self._interval = interval
        self._on_reachable = on_reachable
        self.reachable = True
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stopped.wait(self._interval):
            try:
                self._ledger.heartbeat()
                self._ledger.recover_interrupted()
            except LedgerUnavailable:
                self._reached(False)
            except self._ledger.backend.unavailable_errors:  # busy: the next beat tries again
                log.warning("could not refresh this process's lease on the log", exc_info=True)
            else:
                self._reached(True)

    def _reached(self, reachable: bool) -> None:
        if reachable == self.reachable:
            return
        self.reachable = reachable
        log.warning("the log's database %s", "is back" if reachable else "cannot be reached")
        if self._on_reachable is not None:
            self._on_reachable(reachable)
