"""The seam between the Qt GUI thread and the Qt-free asyncio services.

- ``ServicesBridge.status_changed`` re-emits every services ``StatusChange`` as a Qt signal, so a
  change reported from the worker or relay thread reaches widgets on the GUI thread.
- ``ServicesBridge.run`` starts a services coroutine on the qasync loop (which runs on the GUI
  thread) and hands back its result or its error to one of two callbacks, on the GUI thread
  (Electrum's TaskThread, Picard's run_task), by the one route and error policy of
  ``ui.delivery``: a ``KnownError`` goes to ``on_error``; anything else is a bug, shown in the
  crash dialog and then given to ``on_error`` so the caller can unlock its form. Blocking work
  belongs inside the coroutine (``services.submit`` or ``services.run_blocking``), never in the
  callbacks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from mpesa_desktop.daraja.errors import ApiError, TransportError
from mpesa_desktop.ui.delivery import deliver

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices

T = TypeVar("T")


class ServicesBridge(QObject):
    """Owns the GUI's subscription to the services and the coroutines the GUI started.

    Signals:
        status_changed(object): a services ``StatusChange`` (``.transaction``, ``.old``, ``.new``),
            always delivered on the GUI thread.
        reachability_changed(object): True when a call reached the server (answered, even with
            a refusal), False when the server could not be reached at all.
        ledger_reachable(bool): the log's database (a team ledger's server) stopped or started
            being reachable.
    """

    status_changed = Signal(object)
    reachability_changed = Signal(object)
    ledger_reachable = Signal(bool)

    def __init__(self, services: AppServices, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self._tasks: set[asyncio.Task[Any]] = set()
        self._unsubscribe: Callable[[], None] | None = services.subscribe(self._relay_change)
        services.on_ledger_reachable = self.ledger_reachable.emit  # queued to the GUI thread

    def _relay_change(self, change: object) -> None:
        # Called on any thread; Qt queues the emission to the bridge's (GUI) thread.
        self.status_changed.emit(change)

    def run(
        self,
        coro: Coroutine[Any, Any, T],
        on_result: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        *,
        reaches_server: bool = False,
    ) -> asyncio.Task[T]:
        """Run ``coro`` on the GUI's asyncio loop; deliver its result or error on the GUI thread.

        ``reaches_server``: the coroutine talks to Daraja, so its outcome tells whether the server
        can be reached (``reachability_changed``).
        """
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def finished(done: asyncio.Task[T]) -> None:
            self._tasks.discard(done)
            if done.cancelled():
                return
            error = done.exception()
            if reaches_server and (error is None or isinstance(error, ApiError)):
                self.reachability_changed.emit(True)
            elif reaches_server and isinstance(error, TransportError):
                self.reachability_changed.emit(error.maybe_delivered)
            deliver(done, on_result, on_error)

        task.add_done_callback(finished)
        return task

    def run_blocking(
        self,
        fn: Callable[..., T],
        *args: Any,
        on_result: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> asyncio.Task[T]:
        """Run a blocking callable in the services' worker; deliver as ``run`` does."""
        return self.run(self.services.run_blocking(fn, *args), on_result, on_error)

    @property
    def pending_tasks(self) -> int:
        return len(self._tasks)

    def shutdown(self) -> None:
        """Stop listening and cancel the coroutines still running (the window is closing)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.services.on_ledger_reachable = None
        for task in list(self._tasks):
            task.cancel()
