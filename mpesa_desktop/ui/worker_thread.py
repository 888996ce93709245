"""Run a blocking call off the GUI thread and get its result back on the GUI thread.

The settings dialog and the sandbox set-up use it for keyring access, the config file, certificate
files and the "Test connection" token request, none of which may run on the GUI thread. They work
without the services (a profile can be edited before any services exist), so this is a private
single-thread executor rather than ``ServicesBridge.run_blocking``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from mpesa_desktop.daraja.errors import DarajaError

# Errors a blocking call may raise that are the clerk's business (bad input, files, network);
# anything else is a bug and also goes to sys.excepthook (the crash dialog).
EXPECTED_ERRORS = (DarajaError, ValueError, OSError)


class WorkerThread(QObject):
    """Runs callables one at a time on a private thread.

    Signals:
        busy_changed(bool): True while a call is running.
    """

    busy_changed = Signal(bool)
    _done = Signal(object, object)  # (on_result, on_error) pair, finished Future

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mpesa-settings")
        self._running = 0
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Call ``fn()`` on the worker; then ``on_result(value)`` or ``on_error(error)`` here."""
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        future = self._executor.submit(fn)
        future.add_done_callback(lambda done: self._emit_done((on_result, on_error), done))

    def _emit_done(self, callbacks: tuple[Callable, Callable], future: Future) -> None:
        # RuntimeError: the dialog went away while the call ran; nobody waits for the answer.
        with contextlib.suppress(RuntimeError):
            self._done.emit(callbacks, future)

    def _deliver(self, callbacks: tuple[Callable, Callable], future: Future) -> None:
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)
        on_result, on_error = callbacks
        error = future.exception()
        if error is None:
            on_result(future.result())
            return
        if not isinstance(error, EXPECTED_ERRORS):
            sys.excepthook(type(error), error, error.__traceback__)
        if isinstance(error, Exception):
            on_error(error)

    def shutdown(self) -> None:
        """Stop taking work; a call still running finishes on its own and is ignored."""
        self._executor.shutdown(wait=False, cancel_futures=True)
