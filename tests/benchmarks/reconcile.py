"""Benchmark of reconciliation at scale (issue 15: a 100,000-row statement against a 1M-row log
in under 10 s, memory flat). Prints ratios; exits 1 when a budget is broken. Not collected by
pytest (no ``test_`` name).

    python -m tests.benchmarks.reconcile [--rows 1000000] [--statement 100000] [--keep DIR]

In one temporary folder (or ``--keep DIR``, reused when it already holds the log), in one run:

1. ``demo.generate`` makes a log of ``--rows`` rows (skipped when kept from an earlier run).
2. A statement in the Org Portal's CSV form is written from the newest ``--statement`` completed
   payments of the log, changed as a month end finds it: every 50th row removed (in the log
   only), every 97th amount changed, a payment received that the log never heard of every
   1,000 rows, and each payout's charge on its own line.
3. In a child process each (so the peak resident size, VmHWM, is the reconciliation's own):
   reading the statement alone (the baseline: the file's own cost), and the whole
   ``reconcile`` (read, match, settle, write the report CSV), timed from the call, for the full
   statement and for a tenth of it.

Budgets: the full reconciliation under 10 s; memory flat: the peaks of the full statement and of
its tenth differ by under 32 MB. The counts per category are checked against what step 2 did.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Ledger, demo
from mpesa_desktop.ledger.records import load_time
from mpesa_desktop.reconcile.statement import COLUMNS
from mpesa_desktop.services.directions import MONEY_OUT, PAYMENTS

SECONDS_BUDGET = 10.0
MEMORY_GROWTH_BUDGET_MB = 32.0

CHILD = """
import json, re, sys, time
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.reconcile.matching import reconcile
from mpesa_desktop.reconcile.statement import read_statement
log, statement, report, mode = sys.argv[1:5]
started = time.perf_counter()
counts = {}
if mode == "read":
    counts["rows"] = sum(1 for _ in read_statement(statement))
else:
    with Ledger(log, profile="offline") as ledger:
        with reconcile(ledger, read_statement(statement), source="statement.csv") as result:
            result.write_csv(report)
            counts = {category.value: count for category, count in result.counts.items()}
seconds = time.perf_counter() - started
with open("/proc/self/status") as status:
    peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "counts": counts}))
"""


def run_child(log: Path, statement: Path, report: Path, mode: str) -> dict:
    import json

    done = subprocess.run([sys.executable, "-c", CHILD, str(log), str(statement), str(report),
                           mode], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def write_statement(log: Path, out: Path, rows: int) -> dict[str, int]:
    """The statement of step 2; what was done to it, by category."""
    conn = sqlite3.connect(f"{log.resolve().as_uri()}?mode=ro", uri=True)
    names = ", ".join(f"'{name}'" for name in sorted(PAYMENTS))
    cursor = conn.execute(
        "SELECT * FROM (SELECT receipt, created_at, amount, operation, party_b, phone, party_a "
        f"FROM transactions WHERE status = 'completed' AND receipt IS NOT NULL AND operation IN "
        f"({names}) ORDER BY created_at DESC LIMIT ?) ORDER BY created_at", (rows,))
    done = {"removed": 0, "altered": 0, "added": 0, "written": 0}
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerows([["Account Holder:", "DEMO LTD"], ["Short Code:", "600000"], []])
        writer.writerow(COLUMNS.values())
        for i, (receipt, created, amount, operation, party_b, phone, party_a) in enumerate(cursor):
            when = (load_time(created) + timedelta(seconds=3)).astimezone(EAT)
            stamp = when.strftime("%d-%m-%Y %H:%M:%S")
            if i % 50 == 25:
                done["removed"] += 1
                continue
            if i % 97 == 96:
                amount += 1
                done["altered"] += 1
            out_going = operation in MONEY_OUT
            party = (party_b if out_going else phone or party_a) or ""
            money = f"{amount:,.2f}"
            writer.writerow([receipt, stamp, stamp, operation, "Completed",
                             "" if out_going else money, f"-{money}" if out_going else "", "",
                             "true", operation, f"{party} - DEMO", "", ""])
            done["written"] += 1
            if out_going:
                writer.writerow([receipt, stamp, stamp, "Business Payment Charge", "Completed",
                                 "", "-13.00", "", "true", "Charge", "", "", ""])
            if i % 1000 == 500:
                writer.writerow([f"ZZ{i:08d}", stamp, stamp, "Pay Bill from", "Completed",
                                 "250.00", "", "", "true", "Pay Bill", "2547****0000 - WALK IN",
                                 "", ""])
                done["added"] += 1
    conn.close()
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--statement", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the log in DIR")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-reconcile-"))
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "ledger.sqlite3"
    try:
        if not log.exists():
            print(f"making a log of {args.rows:,} rows ...", flush=True)
            demo.generate(log, args.rows, profile="offline", seed=1)
        Ledger(log, profile="offline").close()  # migrated, as the app would open it
        results = {}
        for name, size in (("tenth", args.statement // 10), ("full", args.statement)):
            statement = folder / f"statement-{name}.csv"
            done = write_statement(log, statement, size)
            read = run_child(log, statement, folder / "report.csv", "read")
            whole = run_child(log, statement, folder / f"report-{name}.csv", "reconcile")
            results[name] = (done, read, whole)
            counts = whole["counts"]
            print(f"{name}: {done['written']:,} payments written ({done}); read alone "
                  f"{read['seconds']:.2f} s, {read['peak_mb']:.0f} MB; reconcile "
                  f"{whole['seconds']:.2f} s ({whole['seconds'] / read['seconds']:.1f} x "
                  f"reading), peak {whole['peak_mb']:.0f} MB; {counts}")
        done, _read, whole = results["full"]
        counts = whole["counts"]
        growth = whole["peak_mb"] - results["tenth"][2]["peak_mb"]
        ok = True
        checks = {
            f"under {SECONDS_BUDGET:.0f} s ({whole['seconds']:.2f} s)":
                whole["seconds"] < SECONDS_BUDGET,
            f"memory flat: +{growth:.1f} MB from a tenth (budget {MEMORY_GROWTH_BUDGET_MB:.0f})":
                growth < MEMORY_GROWTH_BUDGET_MB,
            "every removed row is in the log only": counts["log_only"] >= done["removed"],
            "every changed amount found": counts["amount_mismatch"] == done["altered"],
            "every added payment is in M-Pesa only": counts["mpesa_only"] == done["added"],
        }
        for what, passed in checks.items():
            print(f"{'ok  ' if passed else 'FAIL'} {what}")
            ok = ok and passed
        return 0 if ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
