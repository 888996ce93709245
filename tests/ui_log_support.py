"""Shared set-up of the transaction-log GUI tests: a qasync loop and real services.

- ``running_qasync_loop(app)`` makes a qasync event loop the running asyncio loop of the GUI
  thread for one test (pytest-qt's waits then run its callbacks), and undoes it afterwards so
  tests that use ``asyncio.run`` are not disturbed.
- ``open_services(home)`` opens the real ``AppServices`` on the offline profile under ``home``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import qasync

from mpesa_desktop.paths import app_paths


@contextmanager
def running_qasync_loop(app: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop over ``app``, marked running for the duration."""
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        for task in asyncio.all_tasks(loop):
            task.cancel()
        # qasync has no public way to leave an "already running" loop without quitting the
        # application; mark it stopped so it can be closed.
        loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
        loop.close()


def ledger_path(home: Path) -> Path:
    """The offline profile's log file under ``home``."""
    return app_paths(home).ensure().ledger_file("offline")
