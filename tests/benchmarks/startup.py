"""Benchmark: process start to the main window's first paint, against a bare PySide6 process.

    python -m tests.benchmarks.startup [-n N]

What a clerk waits for when they open the app: from the moment the process is started to the
first paint of its main window, measured in the same way for three processes, run N times each
and interleaved (so load from other processes falls on all alike):

- ``app``: ``mpesa-desktop`` (no command: the window) on a home opened once before (the daily
  case: its log and config exist);
- ``first start``: the same on a new home (the config, the offline profile and its log made);
- ``bare``: a plain PySide6 process showing a QMainWindow with 8 tabs of labels, fields and a
  button (the baseline).

Each child installs an event filter before anything else, writes the wall-clock time of the
first paint event of a QMainWindow, and exits at once; the parent subtracts the time it started
the child. Bytecode is written and used, as in an installed copy. Prints the medians and the
ratios to ``bare``; the budget (issue 18) is 3x. Nothing is asserted: timings go in a benchmark.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BUDGET = 3.0
# The first lines of every child: the first paint of a main window prints the time and exits.
FIRST_PAINT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print(f"PAINT {time.time():.6f}", flush=True)
            os._exit(0)
        return False
first_paint = FirstPaint()
app.installEventFilter(first_paint)
"""
APP = FIRST_PAINT + """
from mpesa_desktop.cli import main
main(["--home", sys.argv[1]])
"""
BARE = FIRST_PAINT + """
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget
window, tabs = QMainWindow(), QTabWidget()
for number in range(8):
    page = QWidget()
    layout = QVBoxLayout(page)
    for field in range(4):
        layout.addWidget(QLabel(f"Field {field}"))
        layout.addWidget(QLineEdit())
    layout.addWidget(QPushButton("Send"))
    tabs.addTab(page, f"Tab {number}")
window.setCentralWidget(tabs)
window.resize(1100, 780)
window.show()
app.exec()
"""


def first_paint(code: str, env: dict[str, str], *args: str) -> float:
    """Seconds from starting ``python -c code args`` to its first paint."""
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("PAINT ")]
    if not lines:
        raise RuntimeError(f"no first paint (exit {done.returncode}): {done.stderr[-2000:]}")
    return float(lines[0].split()[1]) - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=11, help="runs of each process (11)")
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    with tempfile.TemporaryDirectory() as root:
        home = os.path.join(root, "home")
        first_paint(APP, env, home)  # the home is made, the bytecode written
        first_paint(BARE, env)
        times: dict[str, list[float]] = {"app": [], "first start": [], "bare": []}
        for round_ in range(args.n):
            times["app"].append(first_paint(APP, env, home))
            times["first start"].append(first_paint(APP, env, os.path.join(root, f"new{round_}")))
            times["bare"].append(first_paint(BARE, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["bare"]
    print(f"process start to first paint, median of {args.n} interleaved runs "
          f"({env['QT_QPA_PLATFORM']}, {os.cpu_count()} CPUs)")
    for name, median in medians.items():
        print(f"{name:<12} {median * 1000:7.1f} ms  {median / bare:5.2f}x bare")
    ratio = medians["app"] / bare
    print(f"window start: {ratio:.2f}x a bare PySide6 process (budget {BUDGET:g}x): "
          f"{'within' if ratio <= BUDGET else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
