"""Fixtures and helpers of the GUI tests (``tests/test_ui_*.py``).

A test module takes the fixtures by name after ``from tests import ui_support`` and
``gui_window = ui_support.gui_window`` (and so on). Everything is real: pytest-qt's QApplication
runs a qasync loop, the services open the offline profile in the test's temporary home (the
embedded simulator and relay on loopback, with a short callback delay), and the main window is the
one clerks use.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtWidgets import QApplication, QComboBox

from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.poller import PollerConfig
from mpesa_desktop.simulator import SimulatorConfig
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.main_window import MainWindow
from mpesa_desktop.ui.tabs.operation_tab import OperationTab

FAST_POLLER = PollerConfig(min_interval=0.05, max_interval=0.2, pending_every=0.2)


@pytest.fixture
def gui_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop on the test's QApplication; qtbot's waits run its callbacks."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    for task in asyncio.all_tasks(loop):
        task.cancel()
    deadline = 50
    while deadline and any(not task.done() for task in asyncio.all_tasks(loop)):
        qapp.processEvents()
        deadline -= 1
    # Deliver what finished workers posted to the loop (call_soon_threadsafe) before it closes.
    for _ in range(3):
        qapp.processEvents()
    # Not loop.stop(): it calls QApplication.exit(), after which every later qtbot.wait returns
    # at once. Mark the loop stopped instead (qasync keeps that flag private), then close it.
    qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop._QEventLoop__is_running = False
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
    # qasync's timer object would otherwise be freed by a garbage collection on whatever thread
    # runs it (a worker, the simulator), leaving Qt a dangling timer: free it here, on the GUI
    # thread, with its timers.
    shiboken6.delete(loop._timer)
    gc.collect()


def open_services(profile: str = "offline") -> AppServices:
    return AppServices.open(
        app_paths(),
        profile,
        simulator_config=SimulatorConfig(callback_delay=0.05),
        poller_config=FAST_POLLER,
    )


@pytest.fixture
def gui_services(gui_loop: qasync.QEventLoop, app_home: Any) -> Iterator[AppServices]:
    """The real services on the offline profile of the test's home."""
    services = open_services()
    yield services
    services.close()


@pytest.fixture
def gui_window(qtbot: Any, gui_services: AppServices) -> Iterator[MainWindow]:
    """The main window on the offline profile, shown, with the poller running."""
    window = MainWindow(gui_services)
    qtbot.addWidget(window)
    window.show()
    window.bridge.run(gui_services.start_poller())
    qtbot.waitUntil(lambda: window.pending_count is not None)
    yield window
    close_window(qtbot, window)


def close_window(qtbot: Any, window: MainWindow) -> None:
    """Close and delete the window, then let every coroutine it started end (before the
    services close under them)."""
    window.close()
    window.deleteLater()
    qtbot.wait(1)
    loop = asyncio.get_event_loop()
    for task in asyncio.all_tasks(loop):
        task.cancel()
    qtbot.waitUntil(lambda: all(task.done() for task in asyncio.all_tasks(loop)))


def choose_in_settings(qtbot: Any, window: MainWindow, box_name: str, value: str) -> None:
    """Profile > Settings, pick ``value`` in the combo box ``box_name`` as a clerk would (it
    takes effect at once), close the dialog."""
    dialog = window.open_settings(window.services.profile.name)
    box = dialog.findChild(QComboBox, box_name)
    assert box is not None
    box.setCurrentIndex(box.findData(value))
    box.activated.emit(box.currentIndex())
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def type_into(qtbot: Any, tab: OperationTab, values: dict[str, str]) -> None:
    """Type each value into its field as a clerk would (the field is emptied first)."""
    for name, text in values.items():
        editor = tab.form.rows[name].editor
        editor.clear()
        qtbot.keyClicks(editor, text)


def wait_confirm(qtbot: Any, tab: OperationTab) -> ConfirmDialog:
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    assert tab.confirm_dialog is not None
    return tab.confirm_dialog


def simulator_count(services: AppServices) -> int:
    """How many requests the simulator executed (its own journal, not ours)."""
    return len(services.simulator.transactions())
