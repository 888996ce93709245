"""Keeps an open log's lease alive and takes over the rows of senders that are gone.

A ``sending`` row belongs to the Ledger that wrote it (``ledger.leases``). While a profile is
open, a daemon thread, every ``leases.HEARTBEAT_SECONDS``:

- refreshes the Ledger's lease, so processes on other hosts see this one alive;
- runs the recovery sweep (``Ledger.recover_interrupted``): a row left ``sending`` by a process
  that ended while this one runs shows as ``unknown`` within seconds, for the poller to settle.

A thread rather than the event loop: the heartbeat goes on while the loop is busy or not running
(the command line runs one only for its command).
"""

from __future__ import annotations

import logging
import sqlite3
import threading

from mpesa_desktop.ledger import Ledger
from mpesa_desktop.ledger.leases import HEARTBEAT_SECONDS

log = logging.getLogger(__name__)


class LeaseKeeper:
    """Beats and sweeps for ``ledger`` every ``interval`` seconds between ``start`` and
    ``stop`` (stop it before closing the ledger)."""

    def __init__(self, ledger: Ledger, interval: float = HEARTBEAT_SECONDS) -> None:
        self._ledger = ledger
        self._interval = interval
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
            except sqlite3.Error:  # the file stayed busy: the next beat tries again
                log.warning("could not refresh this process's lease on the log", exc_info=True)
