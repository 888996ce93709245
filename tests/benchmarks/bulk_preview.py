"""Benchmark of the Bulk tab's preview (issue 14: a 10,000-row file previewed in under 2 s,
memory flat). Prints ratios; exits 1 when a budget is broken. Not collected by pytest.

    python -m tests.benchmarks.bulk_preview [--rows 10000] [--xlsx]

In one temporary home, in one run, each step in a child process of its own (so the peak
resident size, VmHWM, is the step's own):

1. the baseline: reading the file with the ``csv`` module (or openpyxl for ``--xlsx``);
2. the preview as the tab runs it: ``read_sheet``, ``guess_mapping`` and ``preview_file`` (every
   row checked by ``BulkPayout.prepare`` and looked up in the log) on the offline profile, for
   the whole file and for a tenth of it.

Budgets: the whole preview under 2 s; memory flat: the peaks of the file and of its tenth differ
by under 48 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SECONDS_BUDGET = 2.0
MEMORY_GROWTH_BUDGET_MB = 48.0

CHILD = """
import asyncio, csv, json, sys, time
from pathlib import Path
path, home, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0

if mode == "read":
    started = time.perf_counter()
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook
        book = load_workbook(path, read_only=True, data_only=True)
        rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
        book.close()
    else:
        with path.open(newline="", encoding="utf-8") as file:
            rows = sum(1 for _ in csv.reader(file)) - 1
    seconds = time.perf_counter() - started
else:
    from mpesa_desktop.paths import app_paths
    from mpesa_desktop.services import AppServices
    from mpesa_desktop.services.bulk_preview import preview_file
    from mpesa_desktop.services.bulk_sheet import guess_mapping, read_sheet
    services = AppServices.open(app_paths(home).ensure(), "offline")

    async def preview():
        sheet = await services.run_blocking(read_sheet, path)
        return await preview_file(services, sheet, guess_mapping(sheet.header))

    started = time.perf_counter()
    result = asyncio.run(preview())
    seconds = time.perf_counter() - started
    services.close()
    assert not result.problems, result.problems[:3]
    rows = result.bulk.payees
print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak_mb()}))
"""


def write_file(path: Path, rows: int) -> Path:
    records = [[f"2547{i:08d}", 100 + i % 900, "December commission", "SalaryPayment",
                f"Payee {i}"] for i in range(rows)]
    header = ["phone", "amount", "remarks", "payment type", "name"]
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Payees")
        sheet.append(header)
        for record in records:
            sheet.append(record)
        book.save(path)
    else:
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows(records)
    return path


def run(path: Path, home: Path, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(home), mode],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--xlsx", action="store_true", help="a workbook instead of a CSV file")
    args = parser.parse_args()
    suffix = ".xlsx" if args.xlsx else ".csv"
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        whole = write_file(base / f"payees{suffix}", args.rows)
        tenth = write_file(base / f"tenth{suffix}", args.rows // 10)
        baseline = run(whole, base / "home", "read")
        full = run(whole, base / "home", "preview")
        small = run(tenth, base / "home", "preview")
    assert full["rows"] == baseline["rows"] == args.rows, (full, baseline)
    growth = full["peak_mb"] - small["peak_mb"]
    print(f"rows: {args.rows:,} ({suffix})")
    print(f"read alone (baseline): {baseline['seconds']:.3f} s, peak {baseline['peak_mb']:.0f} MB")
    print(f"preview:               {full['seconds']:.3f} s, peak {full['peak_mb']:.0f} MB "
          f"({full['seconds'] / baseline['seconds']:.1f}x the read)")
    print(f"preview of a tenth:    {small['seconds']:.3f} s, peak {small['peak_mb']:.0f} MB")
    print(f"memory growth for 10x the rows: {growth:.1f} MB (budget {MEMORY_GROWTH_BUDGET_MB:g})")
    broken = []
    if full["seconds"] >= SECONDS_BUDGET:
        broken.append(f"preview took {full['seconds']:.2f} s (budget {SECONDS_BUDGET:g} s)")
    if growth >= MEMORY_GROWTH_BUDGET_MB:
        broken.append(f"memory grew {growth:.1f} MB (budget {MEMORY_GROWTH_BUDGET_MB:g} MB)")
    for line in broken:
        print("BUDGET BROKEN:", line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
