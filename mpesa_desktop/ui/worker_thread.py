"""Run a blocking call off the GUI thread and get its outcome back on the GUI thread.

The settings dialog and the sandbox set-up use it for keyring access, the config file, certificate
files and the "Test connection" token request, none of which may run on the GUI thread. They work
without the services (a profile can be edited before any services exist), so this is a private
single-thread executor rather than ``ServicesBridge.run_blocking``. The outcome comes back by the
one route and error policy of ``ui.delivery``, whose thread-safety rule binds the callable: it
must capture plain data only, never a widget or ``self`` of a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from mpesa_desktop.ui import delivery


class WorkerThread(QObject):
    """Runs callables one at a time on a private thread.

    Signals:
        busy_changed(bool): True while a call is running.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mpesa-settings")
        self._running = 0
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Call ``fn()`` on the worker; then ``on_result(value)`` or ``on_error(error)`` here,
        by the policy of ``ui.delivery``. ``fn`` must capture plain data only."""
        if self._closed:
            return
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        delivery.post(self._executor.submit(fn),
                      lambda done: self._finished(done, on_result, on_error))

    def _finished(
        self,
        done: Future[Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        if self._closed or not shiboken6.isValid(self):
            return  # the dialog went away while the call ran; nobody waits for the answer
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)
        delivery.deliver(done, on_result, on_error)

    def shutdown(self) -> None:
        """Stop taking work; a call still running finishes on its own and is ignored."""
        self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)
