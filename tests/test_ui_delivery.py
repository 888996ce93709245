"""Background work reaches the window by one route with one error policy (``ui.delivery``),
whether it ran on the services' loop (``ServicesBridge``) or on a dialog's worker thread
(``WorkerThread``): a result goes to ``on_result``; an error a clerk can act on (a KnownError,
the log's refusals included) goes to ``on_error`` alone; anything else is a bug, shown in the
crash dialog (``sys.excepthook``) and then given to ``on_error`` so the form can be unlocked."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from mpesa_desktop.config import ConfigError, ConfigStore
from mpesa_desktop.errors import BugError
from mpesa_desktop.ledger import UnknownReference
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.worker_thread import WorkerThread
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services

Route = Callable[[Any, AppServices, Callable[[], Any], list], None]


def on_worker(qtbot: Any, services: AppServices, call: Callable[[], Any], seen: list) -> None:
    worker = WorkerThread()
    worker.run(call, lambda value: seen.append(("result", value)),
               lambda error: seen.append(("error", error)))
    qtbot.waitUntil(lambda: any(kind in ("result", "error") for kind, _ in seen))
    worker.shutdown()
    worker.deleteLater()


def on_bridge(qtbot: Any, services: AppServices, call: Callable[[], Any], seen: list) -> None:
    bridge = ServicesBridge(services)
    bridge.run_blocking(call, on_result=lambda value: seen.append(("result", value)),
                        on_error=lambda error: seen.append(("error", error)))
    qtbot.waitUntil(lambda: any(kind in ("result", "error") for kind, _ in seen))
    bridge.shutdown()
    bridge.deleteLater()


ROUTES = pytest.mark.parametrize("route", [on_worker, on_bridge], ids=["worker", "bridge"])


@pytest.fixture
def seen(monkeypatch) -> list[tuple[str, Any]]:
    """What reached the window, in order: ("crash", error) from sys.excepthook (the crash
    dialog's hook), ("result", value), ("error", error)."""
    happened: list[tuple[str, Any]] = []
    monkeypatch.setattr(sys, "excepthook",
                        lambda kind, error, tb: happened.append(("crash", error)))
    return happened


@ROUTES
def test_a_result_reaches_on_result(qtbot, gui_services, seen, route: Route):
    route(qtbot, gui_services, partial(sum, [1500, 300]), seen)
    assert seen == [("result", 1800)]


@ROUTES
def test_a_setting_to_fix_goes_to_on_error_only(qtbot, gui_services, seen, route: Route):
    route(qtbot, gui_services, partial(ConfigStore(app_paths()).get, "nobody"), seen)
    assert [kind for kind, _ in seen] == ["error"]
    assert isinstance(seen[0][1], ConfigError) and "no profile named 'nobody'" in str(seen[0][1])


@ROUTES
def test_the_logs_refusal_is_the_clerks_business_too(qtbot, gui_services, seen, route: Route):
    settle = partial(gui_services.ledger.transition, "NO-SUCH-REF", "completed", source="user")
    route(qtbot, gui_services, settle, seen)
    assert [kind for kind, _ in seen] == ["error"]
    assert isinstance(seen[0][1], UnknownReference)


@ROUTES
def test_a_bug_shows_the_crash_dialog_then_unlocks_the_form(qtbot, gui_services, seen,
                                                           route: Route):
    route(qtbot, gui_services, partial(int, "not a number"), seen)
    assert [kind for kind, _ in seen] == ["crash", "error"]
    assert seen[0][1] is seen[1][1] and isinstance(seen[0][1], ValueError)


def test_a_bug_the_app_caught_itself_is_a_bug(qtbot, gui_services, seen):
    def closed_services() -> None:
        raise BugError("the services are closed")

    on_bridge(qtbot, gui_services, closed_services, seen)
    assert [kind for kind, _ in seen] == ["crash", "error"]
