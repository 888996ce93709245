"""The one route from background work back to the GUI thread, with the one error policy.

Background work is of two kinds: services coroutines on the qasync loop (``ServicesBridge.run``;
the loop runs on the GUI thread) and blocking calls on a private worker thread
(``WorkerThread.run``: keyring, config file, certificate files and the "Test connection" request,
which work before any services exist). Both end in :func:`deliver`, on the GUI thread; a
finished call on another thread gets there through :func:`post`.

The policy, the same for every caller:

- the work was cancelled (the window is closing): nothing is called;
- it returned: ``on_result(value)``;
- it raised a ``KnownError`` (``mpesa_desktop.errors``): the clerk's business,
  ``on_error(error)``; the caller words it (``ui.errors.explain``) and unlocks its form;
- it raised anything else: a bug. ``sys.excepthook`` first (the crash dialog of ``ui.app``),
  then ``on_error(error)`` so the caller can unlock its form all the same.

Thread safety: a worker thread never holds a Qt object. :func:`post` keeps the callback in a
table on the GUI side and gives the worker only ``(token, future)`` to emit through one mailbox
object that lives on the GUI thread for the whole process. (A widget whose last reference dropped
on a worker thread would be destroyed there, which crashes Qt.) So a callable run on a worker
must capture plain data only, never a widget or ``self`` of a widget.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from mpesa_desktop.errors import KnownError

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Finished(Protocol[T_co]):
    """A finished piece of work: an ``asyncio.Future`` or a ``concurrent.futures.Future``."""

    def cancelled(self) -> bool: ...

    def exception(self) -> BaseException | None: ...

    def result(self) -> T_co: ...


def deliver(
    done: Finished[T],
    on_result: Callable[[T], None] | None,
    on_error: Callable[[Exception], None] | None,
) -> None:
    """Hand ``done``'s outcome to the caller by the policy above; call on the GUI thread."""
    if done.cancelled():
        return
    error = done.exception()
    if error is None:
        if on_result is not None:
            on_result(done.result())
        return
    if not isinstance(error, KnownError):
        sys.excepthook(type(error), error, error.__traceback__)
    if on_error is not None and isinstance(error, Exception):
        on_error(error)


class _Mailbox(QObject):
    """Lives on the GUI thread; worker threads post finished futures to it by token."""

    posted = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, Callable[[Future[Any]], None]] = {}
        self.tokens = itertools.count(1)
        self.posted.connect(self._open)

    def _open(self, token: int, future: Future[Any]) -> None:
        receive = self.waiting.pop(token, None)
        if receive is not None:
            receive(future)


_mailbox: _Mailbox | None = None


def _the_mailbox() -> _Mailbox:
    global _mailbox
    if _mailbox is None:
        _mailbox = _Mailbox()
        application = QCoreApplication.instance()
        if application is not None:
            _mailbox.moveToThread(application.thread())
    return _mailbox


def post(future: Future[T], receive: Callable[[Future[T]], None]) -> None:
    """Call ``receive(future)`` on the GUI thread once ``future`` is done, whichever thread
    finishes it. Call from the GUI thread; ``receive`` stays on the GUI side."""
    mailbox = _the_mailbox()
    token = next(mailbox.tokens)
    mailbox.waiting[token] = receive
    future.add_done_callback(lambda finished: mailbox.posted.emit(token, finished))
