"""Benchmark, part 1: time to a ready main window against a bare PySide6 window of the same widgets.

Run: ``python tests/benchmarks/gui.py [--rounds N]`` (offscreen, in a temporary home).

- "services open": ``AppServices.open`` on the offline profile (the embedded simulator and relay
  start), paid once per launch.
- "main window": ``MainWindow(services)``, ``show()``, until its first paint is done (compared with
  the bare window); then until its first background reads (pending count, first page of the log)
  have landed (counted in the launch-to-ready time).
- "bare window": a plain PySide6 window rebuilt from the real one's widget tree (the same Qt
  classes, texts, tabs and nesting, none of our code), shown and painted.

Both windows are built alternately in the same process, after one warm-up of each; the best of N
of each is compared (the medians are printed too). Budgets (DESIGN.md section 4): a ready window
under 1 s, under 2 x the bare window.
The log tab over 1,000,000 rows is measured by ``tests/benchmarks/gui_log.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

BUDGET_SECONDS = 1.0
BUDGET_RATIO = 2.0
# Plain containers whose children are the window's own widgets (others build their insides).
CONTAINERS = (QtWidgets.QFrame, QtWidgets.QGroupBox)
DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def qt_class(widget: QWidget) -> type[QWidget]:
    """The PySide6 class a widget is built on (OperationForm -> QWidget, ModeBanner -> QLabel)."""
    for cls in type(widget).__mro__:
        if cls.__module__.startswith("PySide6"):
            return cls
    raise TypeError(type(widget))


def is_container(cls: type[QWidget]) -> bool:
    return cls is QWidget or cls in CONTAINERS


def clone(widget: QWidget, parent: QWidget | None) -> QWidget:
    """A bare copy of ``widget`` and its own children: same classes, texts and nesting."""
    cls = qt_class(widget)
    copy = cls(parent)
    if isinstance(widget, QLabel | QAbstractButton) and hasattr(copy, "setText"):
        copy.setText(widget.text())
    if isinstance(widget, QLineEdit):
        copy.setPlaceholderText(widget.placeholderText())
    copy.setVisible(not widget.isHidden())
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            copy.addTab(clone(widget.widget(index), None), widget.tabText(index))
    elif isinstance(widget, QScrollArea):
        copy.setWidgetResizable(True)
        if widget.widget() is not None:
            copy.setWidget(clone(widget.widget(), None))
    elif isinstance(widget, QSplitter):
        for index in range(widget.count()):
            copy.addWidget(clone(widget.widget(index), None))
    elif is_container(cls):
        layout = QVBoxLayout(copy)
        for child in widget.findChildren(QWidget, options=DIRECT):
            if child.isWindow():
                continue
            layout.addWidget(clone(child, copy))
    return copy


def bare_window(real: QMainWindow) -> QMainWindow:
    window = QMainWindow()
    for menu in real.menuBar().findChildren(QtWidgets.QMenu, options=DIRECT):
        window.menuBar().addMenu(menu.title())
    window.setCentralWidget(clone(real.centralWidget(), None))
    window.statusBar().showMessage("ready")
    window.resize(real.size())
    return window


def settle(app: QApplication, until: Callable[[], bool] = lambda: True) -> None:
    app.processEvents()
    while not until():
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    rounds = parser.parse_args().rounds

    os.environ["MPESA_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="mpesa-gui-bench-")
    from mpesa_desktop.paths import app_paths
    from mpesa_desktop.services import AppServices
    from mpesa_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)

    started = time.perf_counter()
    services = AppServices.open(app_paths(), "offline")
    services_open = time.perf_counter() - started

    loaded_times: list[float] = []

    def real_window() -> float:
        start = time.perf_counter()
        window = MainWindow(services)
        window.show()
        settle(app)
        painted = time.perf_counter() - start
        settle(app, lambda: window.pending_count is not None and not window.bridge.pending_tasks)
        loaded_times.append(time.perf_counter() - start)
        window.close()
        window.deleteLater()
        settle(app)
        return painted

    template = MainWindow(services)
    template.show()
    settle(app, lambda: template.pending_count is not None)

    def plain_window() -> float:
        start = time.perf_counter()
        window = bare_window(template)
        window.show()
        settle(app)
        elapsed = time.perf_counter() - start
        window.close()
        window.deleteLater()
        settle(app)
        return elapsed

    real_window()
    plain_window()
    real_times, bare_times = [], []
    for _ in range(rounds):
        real_times.append(real_window())
        bare_times.append(plain_window())
    template.close()
    settle(app)
    services.close()

    # The best of N is the figure least disturbed by other work on the machine (as timeit);
    # the medians are printed too.
    real, bare = min(real_times), min(bare_times)
    ratio = real / bare
    widgets = len(template.findChildren(QWidget))
    print(f"widgets in the main window: {widgets}")
    print(f"services open (simulator + relay): {services_open * 1000:.0f} ms (once per launch)")
    print(f"main window ready, best of {rounds}: {real * 1000:.0f} ms "
          f"(median {statistics.median(real_times) * 1000:.0f} ms)")
    print(f"bare PySide6 window, same widgets, best of {rounds}: {bare * 1000:.0f} ms "
          f"(median {statistics.median(bare_times) * 1000:.0f} ms)")
    print(f"ratio: {ratio:.2f} x (budget < {BUDGET_RATIO:.0f} x); medians: "
          f"{statistics.median(real_times) / statistics.median(bare_times):.2f} x")
    loaded = min(loaded_times)
    print(f"main window with its first data (log page, pending count), best of {rounds}: "
          f"{loaded * 1000:.0f} ms")
    print(f"launch to ready window: {(services_open + loaded) * 1000:.0f} ms "
          f"(budget < {BUDGET_SECONDS * 1000:.0f} ms)")
    within = ratio < BUDGET_RATIO and services_open + loaded < BUDGET_SECONDS
    print("within budget" if within else "OVER BUDGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
