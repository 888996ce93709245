"""Shared set-up of the transaction-log GUI tests: a qasync loop and real services.

- ``running_qasync_loop(app)`` makes a qasync event loop the running asyncio loop of the GUI
  thread for one test (pytest-qt's waits then run its callbacks), and undoes it afterwards so
  tests that use ``asyncio.run`` are not disturbed.
- ``open_services(home, rows)`` opens the real ``AppServices`` on the offline profile under
  ``home``, its log filled by the ledger's demo-data generator.
- ``Heartbeat`` measures how long the GUI thread went without running its 10 ms timer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QEventLoop, Qt, QTimer

from mpesa_desktop.ledger import demo
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.simulator import SimulatorConfig


def _run_events(ms: int) -> None:
    """Process Qt events for ``ms`` milliseconds (a QEventLoop lets other threads run; unlike
    ``QTest.qWait``, it releases the GIL)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


@contextmanager
def running_qasync_loop(app: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop over ``app``, marked running for the duration."""
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        deadline = time.monotonic() + 2
        while any(not task.done() for task in pending) and time.monotonic() < deadline:
            _run_events(5)
        # qasync has no public way to leave an "already running" loop without quitting the
        # application; mark it stopped so it can be closed.
        loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
        loop.close()


@contextmanager
def open_services(home: Path, rows: int = 0, *, seed: int = 7) -> Iterator[Any]:
    """Real AppServices on the offline profile under ``home``, its log holding ``rows`` demo
    transactions; closed afterwards."""
    paths = app_paths(home).ensure()
    if rows:
        demo.generate(paths.ledger_file("offline"), rows, seed=seed)
    services = AppServices.open(
        paths, "offline", simulator_config=SimulatorConfig(callback_delay=0.05)
    )
    try:
        yield services
    finally:
        services.close()


class Heartbeat:
    """A 10 ms timer on the GUI thread that remembers the longest gap between its ticks."""

    def __init__(self, interval_ms: int = 10) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.max_gap_ms = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last:
            self.max_gap_ms = max(self.max_gap_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1

    def start(self) -> None:
        self._last = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
