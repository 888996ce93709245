"""Benchmark of the transaction ledger at scale (issue 3, item 7). Prints ratios; exits 1 when a
budget is broken. Not collected by pytest (no ``test_`` name).

    python -m tests.benchmarks.ledger [--rows 1000000] [--keep DIR]

In one temporary folder, in one run:

1. ``demo-data``: ``demo.generate`` of ``--rows`` rows in a child process, timed, with the child's
   peak resident size; and of a tenth of the rows, for comparison. Budgets: 30 s per million
   rows, at most 300 MB, and flat memory: the two peaks differ by under 64 MB.
2. First page (100 rows, newest first) of several filters on a freshly opened Ledger: all rows,
   phone, receipt, status (common and rare), operation, date range, amount range, free text, and
   a combination. Each runs 5 times; the median is judged. Budget: 50 ms. A text term of under 3
   characters (no trigram to look up: the whole log is read) is printed, not judged.
3. Export: ``export_csv`` of every row (all 22 columns, to a file) against ``sqlite3 -csv
   -header`` selecting the same rows and the same columns as stored (UTC times, raw text) in the
   same order, into a file in the same folder; each in its own child process, interleaved, the
   median of ``--runs`` (3), in this same run, so that load on the machine does not flip the
   verdict. ``export_csv`` is timed around the call (its process has started and imported),
   ``sqlite3`` around its whole process (a few milliseconds of start-up).
   Budget: at most 1.25 x sqlite3's time.
   For information, also against ``sqlite3 -csv`` selecting the Kenyan-time copies instead of
   the UTC times (sqlite3 quotes but has no formula guard).
4. Memory: the peak resident size (VmHWM) of the export's child process for a tenth of the rows
   and for all of them. Flat memory: the two differ by under 32 MB.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from mpesa_desktop.ledger import Filters, Ledger
from mpesa_desktop.ledger.export import DEFAULT_COLUMNS, cell_sql
from mpesa_desktop.ledger.queries import ORDER_NEWEST_FIRST

DEMO_SECONDS_PER_MILLION = 30.0
DEMO_MEMORY_BUDGET_MB = 300.0
DEMO_GROWTH_BUDGET_MB = 64.0
PAGE_BUDGET_MS = 50.0
EXPORT_RATIO_BUDGET = 1.25
MEMORY_GROWTH_BUDGET_MB = 32.0

DEMO_CHILD = """
import re, sys, time
from mpesa_desktop.ledger import demo
path, rows = sys.argv[1], int(sys.argv[2])
started = time.perf_counter()
demo.generate(path, rows, seed=1)
seconds = time.perf_counter() - started
with open("/proc/self/status") as status:  # this process's own peak (ru_maxrss counts the fork)
    peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
print(seconds, peak_kb / 1024)
"""

EXPORT_CHILD = """
import re, sys, time
from datetime import date
from mpesa_desktop.ledger import Filters
from mpesa_desktop.ledger.export import export_csv
path, out, since = sys.argv[1:4]
filters = Filters(date_from=date.fromisoformat(since)) if since != "-" else None
started = time.perf_counter()
result = export_csv(path, out, filters=filters)
seconds = time.perf_counter() - started
with open("/proc/self/status") as status:  # this process's own peak (ru_maxrss counts the fork)
    peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
print(seconds, result.rows, peak_kb / 1024)
"""


def export_child(path: Path, out: Path, since: str = "-") -> tuple[float, float, int]:
    """``(seconds inside export_csv, peak RSS MB of the process, rows)``."""
    text = subprocess.run(
        [sys.executable, "-c", EXPORT_CHILD, str(path), str(out), since],
        check=True, capture_output=True, text=True,
    ).stdout
    seconds, rows, peak = text.split()
    return float(seconds), float(peak), int(rows)


def demo_child(path: Path, rows: int) -> tuple[float, float]:
    """``(seconds inside demo.generate, peak RSS MB of the process)`` for a new log."""
    for leftover in path.parent.glob(f"{path.name}*"):
        leftover.unlink()
    text = subprocess.run(
        [sys.executable, "-c", DEMO_CHILD, str(path), str(rows)],
        check=True, capture_output=True, text=True,
    ).stdout
    seconds, peak = text.split()
    return float(seconds), float(peak)


def sqlite_child(path: Path, out: Path, columns: list[str]) -> float:
    """Seconds ``sqlite3 -csv`` takes to write the same rows with the given column SQL."""
    sql = f"SELECT {', '.join(columns)} FROM transactions {ORDER_NEWEST_FIRST}"
    started = time.perf_counter()
    with open(out, "wb") as stream:
        subprocess.run(["sqlite3", "-csv", "-header", str(path), sql], stdout=stream, check=True)
    return time.perf_counter() - started


def first_pages(path: Path) -> dict[str, float]:
    """Median milliseconds of the first page of each filter."""
    with Ledger(path) as ledger:
        sample = ledger.query(Filters(operation="b2c", status="completed"), limit=500)[-1]
        newest = ledger.query(limit=1)[0].created_at
        name = (sample.counterparty or "Wanjiku").split()[-1]
        filters = {
            "all rows": Filters(),
            "phone": Filters(phone="0" + sample.phone[3:]),
            "receipt": Filters(receipt=sample.receipt),
            "status completed": Filters(status="completed"),
            "status rejected": Filters(status="rejected"),
            "status unknown (rare)": Filters(status="unknown"),
            "statuses failed,rejected": Filters(status=("failed", "rejected")),
            "operation tax_remittance": Filters(operation="tax_remittance"),
            "operation stk_query (none)": Filters(operation="stk_query"),
            "operations b2c,stk_push": Filters(operation=("b2c", "stk_push")),
            "date range (a week)": Filters(
                date_from=(newest - timedelta(days=60)).date(),
                date_to=(newest - timedelta(days=53)).date(),
            ),
            "amount range": Filters(amount_min=1000, amount_max=2000),
            "amount range (wide)": Filters(amount_min=10, amount_max=100_000),
            "amount exact": Filters(amount_min=sample.amount, amount_max=sample.amount),
            "amount exact (round)": Filters(amount_min=1500, amount_max=1500),
            f"text '{name}'": Filters(text=name),
            "text matching nothing": Filters(text="no such words"),
            "text 'zqx' (3 letters, none)": Filters(text="zqx"),
            "b2c + completed + phone": Filters(operation="b2c", status="completed",
                                               phone=sample.phone),
        }
        timings = {}
        for label, chosen in filters.items():
            runs = []
            for _ in range(5):
                started = time.perf_counter()
                ledger.query(chosen, limit=100)
                runs.append((time.perf_counter() - started) * 1000)
            timings[label] = statistics.median(runs)
        return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--runs", type=int, default=3, help="export runs (the median is judged)")
    args = parser.parse_args(argv)
    if not shutil.which("sqlite3"):
        print("the sqlite3 command line tool is needed for the export comparison")
        return 2
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ledger-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    broken: list[str] = []
    try:
        path = folder / "offline.sqlite3"
        small_seconds, small_peak = demo_child(folder / "tenth.sqlite3", args.rows // 10)
        demo_seconds, demo_peak = demo_child(path, args.rows)
        demo_budget = DEMO_SECONDS_PER_MILLION * max(args.rows, 1) / 1_000_000
        print(f"demo-data {args.rows:,} rows: {demo_seconds:.1f} s "
              f"(budget {demo_budget:.1f} s, {demo_seconds / demo_budget:.2f} of it), "
              f"{demo_seconds * 1e6 / max(args.rows, 1):.1f} s per million")
        print(f"  peak memory {demo_peak:.0f} MB (budget {DEMO_MEMORY_BUDGET_MB:.0f} MB); "
              f"{small_peak:.0f} MB for {args.rows // 10:,} rows ({small_seconds:.1f} s): growth "
              f"{demo_peak - small_peak:.0f} MB (budget {DEMO_GROWTH_BUDGET_MB:.0f} MB)")
        if demo_seconds > demo_budget:
            broken.append("demo-data time")
        if demo_peak > DEMO_MEMORY_BUDGET_MB or demo_peak - small_peak > DEMO_GROWTH_BUDGET_MB:
            broken.append("demo-data memory")

        print(f"first page (100 rows) of each filter, median of 5, budget {PAGE_BUDGET_MS} ms:")
        for label, ms in first_pages(path).items():
            mark = "" if ms <= PAGE_BUDGET_MS else "   <-- over budget"
            print(f"  {label:<30} {ms:7.1f} ms{mark}")
            if ms > PAGE_BUDGET_MS:
                broken.append(f"first page: {label}")

        formatted = [cell_sql(column) for column in DEFAULT_COLUMNS]
        ours, raw, same = [], [], []
        for _ in range(args.runs):
            seconds, ours_rss, rows = export_child(path, folder / "ours.csv")
            ours.append(seconds)
            raw.append(sqlite_child(path, folder / "sqlite.csv", list(DEFAULT_COLUMNS)))
            same.append(sqlite_child(path, folder / "sqlite-same.csv", formatted))
        median = statistics.median
        ratio = median(ours) / median(raw)
        print(f"export {rows:,} rows x {len(DEFAULT_COLUMNS)} columns, median of {args.runs}: "
              f"export_csv {median(ours):.2f} s; sqlite3 -csv of the stored columns "
              f"{median(raw):.2f} s, ratio {ratio:.2f} (budget {EXPORT_RATIO_BUDGET})")
        print(f"  for information: sqlite3 -csv of the Kenyan-time copies instead of the UTC "
              f"times {median(same):.2f} s, ratio {median(ours) / median(same):.2f}")
        print(f"  files: ours {(folder / 'ours.csv').stat().st_size / 1e6:.0f} MB, sqlite3 "
              f"{(folder / 'sqlite.csv').stat().st_size / 1e6:.0f} MB")
        if ratio > EXPORT_RATIO_BUDGET:
            broken.append("export ratio")

        with Ledger(path) as ledger:
            newest = ledger.query(limit=1)[0].created_at
        since = (newest - timedelta(days=18)).date().isoformat()  # about a tenth of 6 months
        _, small_rss, small_rows = export_child(path, folder / "small.csv", since)
        growth = ours_rss - small_rss
        print(f"peak memory of the export process: {small_rss:.0f} MB for {small_rows:,} rows, "
              f"{ours_rss:.0f} MB for {rows:,} rows (growth {growth:.1f} MB, budget "
              f"{MEMORY_GROWTH_BUDGET_MB:.0f} MB)")
        if growth > MEMORY_GROWTH_BUDGET_MB:
            broken.append("export memory")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    if broken:
        print("BUDGET BROKEN: " + "; ".join(broken))
        return 1
    print("all budgets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
