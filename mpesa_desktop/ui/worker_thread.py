"""Run a blocking call off the GUI thread and get its result back on the GUI thread.

The settings dialog and the sandbox set-up use it for keyring access, the config file, certificate
files and the "Test connection" token request, none of which may run on the GUI thread. They work
without the services (a profile can be edited before any services exist), so this is a private
single-thread executor rather than ``ServicesBridge.run_blocking``.

Thread safety: the worker thread never holds a Qt object. It posts ``(token, future)`` to one
mailbox object that lives on the GUI thread for the whole process; the callbacks wait in a table
on the GUI side. (A widget whose last reference dropped on a worker thread would be destroyed
there, which crashes Qt.) So the callable handed to ``run`` must capture plain data only, never a
widget or ``self`` of a widget.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

from mpesa_desktop.daraja.errors import DarajaError

# Errors a blocking call may raise that are the clerk's business (bad input, files, network);
# anything else is a bug and also goes to sys.excepthook (the crash dialog).
EXPECTED_ERRORS = (DarajaError, ValueError, OSError)

Callbacks = tuple["WorkerThread", Callable[[Any], None], Callable[[Exception], None]]


class _Mailbox(QObject):
    """Lives on the GUI thread; worker threads post finished futures to it."""

    posted = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, Callbacks] = {}
        self.tokens = itertools.count(1)
        self.posted.connect(self._open)

    def _open(self, token: int, future: Future) -> None:
        entry = self.waiting.pop(token, None)
        if entry is not None:
            worker, on_result, on_error = entry
            worker._deliver(future, on_result, on_error)


_mailbox: _Mailbox | None = None


def _the_mailbox() -> _Mailbox:
    global _mailbox
    if _mailbox is None:
        _mailbox = _Mailbox()
        application = QCoreApplication.instance()
        if application is not None:
            _mailbox.moveToThread(application.thread())
    return _mailbox


class WorkerThread(QObject):
    """Runs callables one at a time on a private thread.

    Signals:
        busy_changed(bool): True while a call is running.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mpesa-settings")
        self._mailbox = _the_mailbox()
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
        """Call ``fn()`` on the worker; then ``on_result(value)`` or ``on_error(error)`` here.

        ``fn`` must capture plain data only (see the module's docstring).
        """
        if self._closed:
            return
        token = next(self._mailbox.tokens)
        self._mailbox.waiting[token] = (self, on_result, on_error)
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        mailbox = self._mailbox
        future = self._executor.submit(fn)
        future.add_done_callback(lambda done: mailbox.posted.emit(token, done))

    def _deliver(
        self,
        future: Future,
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        if self._closed or not shiboken6.isValid(self):
            return  # the dialog went away while the call ran; nobody waits for the answer
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)
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
        self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)
