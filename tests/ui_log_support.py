"""Shared set-up of the transaction-log GUI tests: real services and a GUI heartbeat.

The qasync loop comes from ``tests.ui_support.gui_loop`` (the GUI tests' shared fixture).

- ``open_services(home, rows)`` opens the real ``AppServices`` on the offline profile under
  ``home``, its log filled by the ledger's demo-data generator.
- ``read_rows(qtbot, model)`` reads every row of a ``LogModel`` as a view scrolling through
  it would (the model holds a bounded window: each row is taken as it arrives).
- ``Heartbeat`` measures how long the GUI thread went without running its 10 ms timer, and
  ``assert_never_stalls(scenario)`` runs a scenario under it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer

from mpesa_desktop.ledger import demo
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.simulator import SimulatorConfig


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


def read_rows(qtbot: Any, model: Any) -> list[Any]:
    """Every row of ``model`` in order, each asked for (as a view shows it) and taken when it
    has been read."""
    qtbot.waitUntil(lambda: model.counted, timeout=5000)
    rows = []
    for row in range(model.rowCount()):
        if model.transaction(row) is None:
            model.index(row, 0).data()  # what a view painting the row does
            qtbot.waitUntil(lambda row=row: model.transaction(row) is not None, timeout=5000)
        rows.append(model.transaction(row))
    return rows


class Heartbeat:
    """A 10 ms timer on the GUI thread that remembers the longest gap between its ticks."""

    def __init__(self, interval_ms: int = 10) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._last_cpu = 0.0
        self.max_gap_ms = 0.0
        self.max_gap_cpu_ms = 0.0  # what the GUI thread itself computed during the worst gap
        self.ticks = 0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self._last and (now - self._last) * 1000 > self.max_gap_ms:
            self.max_gap_ms = (now - self._last) * 1000
            self.max_gap_cpu_ms = (cpu - self._last_cpu) * 1000
        self._last, self._last_cpu = now, cpu
        self.ticks += 1

    def describe(self) -> str:
        """The worst gap, for an assertion message."""
        return (f"GUI thread stalled {self.max_gap_ms:.0f} ms (of which it computed "
                f"{self.max_gap_cpu_ms:.0f} ms itself)")

    def start(self) -> None:
        self._last = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


STALL_MS = 50


def assert_never_stalls(scenario: Callable[[], None], attempts: int = 3) -> Heartbeat:
    """Run ``scenario`` under a heartbeat and fail if the GUI thread went 50 ms without it.

    Work done on the GUI thread stalls it every time the scenario runs; a busy machine's
    scheduler does so now and then. So a gap fails the test only when every one of
    ``attempts`` runs has one. Returns the heartbeat of the passing run.
    """
    stalls = []
    for _ in range(attempts):
        heartbeat = Heartbeat()
        heartbeat.start()
        try:
            scenario()
        finally:
            heartbeat.stop()
        if heartbeat.max_gap_ms < STALL_MS:
            return heartbeat
        stalls.append(heartbeat.describe())
    raise AssertionError("; ".join(stalls))
