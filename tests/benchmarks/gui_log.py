"""Benchmark of the Transaction log tab over a big log (issue 4, item 8). Prints; asserts nothing.

    python -m tests.benchmarks.gui_log [--rows 1000000] [--rounds 5]

A temporary home gets ``--rows`` demo transactions (the ledger's demo-data generator), then the
real ``AppServices`` open it on the offline profile and, on a qasync loop, offscreen:

- "open": ``LogTab(services)`` is built and shown until its first page (of its default view,
  the payments) is in the table and painted;
- "phone" / "receipt": a phone number or a receipt is typed in the search box and applied, until
  the first matching page is painted;
- "largest": the payments sorted by amount, largest first (a click on the Amount header);
- "scroll": the whole log (every row) scrolled from top to bottom a page at a time, each page
  waited for until it is read and painted, against the same pages read bare (keyset, no Qt);
  and the process's peak resident size afterwards (issue 18: at most 200 MB over 1,000,000 rows;
  the demo rows are made by a child process, so they do not count);
- "Ctrl+End": from the top, Ctrl+End in the table until the last row is read and painted
  (issue 18: under 200 ms).

Each of the first four is compared with the same ledger query done bare (no Qt, no worker) in
the same run: the first page of the same filters through ``Ledger.query``. The totals shown
beside the table (money in, out, pending, failed) come from a second query (``Ledger.totals``);
their time is printed too, for information. Budget (DESIGN.md section 4): open, filter by phone,
filter by receipt under 200 ms each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from mpesa_desktop.ledger import Filters
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.ui.tabs.log_tab import LogTab

BUDGET_MS = 200.0
PAGE = 200
PEAK_BUDGET_MB = 200.0


def _spin(done: Callable[[], bool], timeout: float = 60.0) -> None:
    """Run the GUI event loop until ``done()`` (checked every millisecond). A QEventLoop, not
    ``processEvents`` or ``QTest.qWait``: it lets the worker threads have the GIL meanwhile."""
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)
    check.timeout.connect(lambda: loop.quit() if done() else None)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    check.start()
    if not done():
        loop.exec()
    check.stop()
    if not done():
        raise TimeoutError("the log tab did not answer in time")


class _PaintWatch(QObject):
    """Notes when the table's viewport is painted with the new rows in it: the page is visible."""

    def __init__(self, tab: LogTab) -> None:
        super().__init__(tab)
        self._tab = tab
        self.painted = False
        tab.table.viewport().installEventFilter(self)

    def arm(self) -> None:
        self.painted = False

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        model = self._tab.model
        if event.type() == QEvent.Type.Paint and model.rowCount() > 0 and not model.loading:
            self.painted = True
        return False


def _time_open(services: AppServices) -> tuple[float, float, LogTab, _PaintWatch]:
    started = time.perf_counter()
    tab = LogTab(services)
    watch = _PaintWatch(tab)
    tab.resize(1300, 760)
    tab.show()
    _spin(lambda: watch.painted)
    first_page = time.perf_counter() - started
    _spin(lambda: tab.summary.text() != "Counting…")
    return first_page, time.perf_counter() - started, tab, watch


def _time_search(tab: LogTab, watch: _PaintWatch, text: str, sort: int = 0
                 ) -> tuple[float, float]:
    started = time.perf_counter()
    tab.filter_bar.search.setText(text)
    tab.filter_bar.sort.blockSignals(True)
    tab.filter_bar.sort.setCurrentIndex(sort)  # 0 newest first, 2 largest amount first
    tab.filter_bar.sort.blockSignals(False)
    tab.apply_filters()  # the model is loading from here until the page lands
    watch.arm()
    _spin(lambda: watch.painted)
    first_page = time.perf_counter() - started
    _spin(lambda: tab.summary.text() != "Counting…")
    return first_page, time.perf_counter() - started


def _peak_mb() -> float:
    """This process's peak resident size (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _held(tab: LogTab, first: int, last: int) -> bool:
    model = tab.model
    return all(model.transaction(row) is not None for row in (first, last))


def _time_scroll(tab: LogTab) -> float:
    """Every row, top to bottom, a page at a time: each page read and shown before the next."""
    table, model = tab.table, tab.model
    table.scrollToTop()
    started = time.perf_counter()
    for row in range(0, model.rowCount(), PAGE):
        table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
        last = min(row + PAGE, model.rowCount()) - 1
        _spin(lambda row=row, last=last: _held(tab, row, min(last, row + 20)))
    return time.perf_counter() - started


def _time_ctrl_end(tab: LogTab) -> float:
    """From the top, Ctrl+End until the last row is read and painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    table, model = tab.table, tab.model
    tab.apply_filters()
    _spin(lambda: not model.loading and model.transaction(0) is not None)
    table.setCurrentIndex(model.index(0, 0))
    last = model.rowCount() - 1
    started = time.perf_counter()
    QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    _spin(lambda: model.transaction(last) is not None)
    return time.perf_counter() - started


def _bare_scroll(ledger: object, filters: Filters) -> float:
    """The same pages read bare: keyset, one page after the other, no Qt, no worker."""
    started = time.perf_counter()
    after = None
    while page := ledger.query(filters, after=after, limit=PAGE):  # type: ignore[attr-defined]
        after = page[-1]
    return time.perf_counter() - started


def _bare(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _report(name: str, gui: list[float], bare: float, summary: list[float]) -> None:
    median = statistics.median(gui) * 1000
    verdict = "within" if median < BUDGET_MS else "OVER"
    print(
        f"{name:<8} first page painted {median:7.1f} ms (median of {len(gui)}) | bare query "
        f"{bare * 1000:6.1f} ms | ratio {median / max(bare * 1000, 0.001):6.1f} x | "
        f"totals ready {statistics.median(summary) * 1000:7.1f} ms | {verdict} the "
        f"{BUDGET_MS:.0f} ms budget"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="mpesa-gui-log-") as home:
        paths = app_paths(Path(home)).ensure()
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mpesa_desktop", "--home", home, "demo-data",
                        "--rows", str(args.rows), "--seed", "1"], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"demo-data: {args.rows:,} rows in {time.perf_counter() - started:.1f} s "
              "(a child process)")

        app = QApplication.instance() or QApplication(sys.argv[:1])
        loop = qasync.QEventLoop(app, already_running=True)
        asyncio.set_event_loop(loop)
        services = AppServices.open(paths, "offline")
        try:
            ledger = services.ledger
            sample = ledger.query(Filters(operation="b2c", status="completed"), limit=50)[-1]
            phone, receipt = sample.phone, sample.receipt
            print(f"searching for phone {phone} and receipt {receipt}")

            opened, open_summary, tabs = [], [], []
            for _ in range(args.rounds):
                first, ready, tab, watch = _time_open(services)
                opened.append(first)
                open_summary.append(ready)
                tabs.append(tab)
            tab = tabs[-1]
            by_phone, phone_summary, by_receipt, receipt_summary = [], [], [], []
            by_amount, amount_summary = [], []
            for _ in range(args.rounds):
                first, ready = _time_search(tab, watch, phone)
                by_phone.append(first)
                phone_summary.append(ready)
                _time_search(tab, watch, "")
                first, ready = _time_search(tab, watch, receipt)
                by_receipt.append(first)
                receipt_summary.append(ready)
                _time_search(tab, watch, "")
                first, ready = _time_search(tab, watch, "", sort=2)
                by_amount.append(first)
                amount_summary.append(ready)
                _time_search(tab, watch, "")

            shown = tab.current_filters()  # the tab's default view: the payments
            bare_open = _bare(lambda: ledger.query(shown, limit=PAGE), args.rounds)
            bare_phone = _bare(lambda: ledger.query(replace(shown, phone=phone), limit=PAGE),
                               args.rounds)
            bare_receipt = _bare(
                lambda: ledger.query(replace(shown, receipt=receipt), limit=PAGE), args.rounds
            )
            bare_amount = _bare(lambda: ledger.query(replace(shown, sort="amount"), limit=PAGE),
                                args.rounds)
            print(f"log tab over {args.rows:,} rows (budget {BUDGET_MS:.0f} ms each):")
            _report("open", opened, bare_open, open_summary)
            _report("phone", by_phone, bare_phone, phone_summary)
            _report("receipt", by_receipt, bare_receipt, receipt_summary)
            _report("largest", by_amount, bare_amount, amount_summary)
            tab.filter_bar.operation.setCurrentIndex(
                tab.filter_bar.operation.findData("everything"))
            _time_search(tab, watch, "")
            scrolled = _time_scroll(tab)
            bare_scroll = _bare_scroll(ledger, tab.current_filters())
            peak = _peak_mb()
            print(f"scroll   {tab.model.rowCount():,} rows top to bottom, a page at a time: "
                  f"{scrolled:.1f} s | the same pages bare {bare_scroll:.1f} s | ratio "
                  f"{scrolled / bare_scroll:.1f} x | rows held {tab.model.rows_held:,} | "
                  f"peak memory {peak:.0f} MB ({'within' if peak <= PEAK_BUDGET_MB else 'OVER'} "
                  f"the {PEAK_BUDGET_MB:.0f} MB budget)")
            ends = [_time_ctrl_end(tab) for _ in range(args.rounds)]
            end_ms = statistics.median(ends) * 1000
            print(f"Ctrl+End last row read and shown {end_ms:.1f} ms (median of {len(ends)}): "
                  f"{'within' if end_ms < BUDGET_MS else 'OVER'} the {BUDGET_MS:.0f} ms budget")
            for made in tabs:
                made.close()
                made.deleteLater()
            app.processEvents()
        finally:
            services.close()
            loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
            asyncio.events._set_running_loop(None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
