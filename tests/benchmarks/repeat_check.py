"""Benchmark of the repeat rule's cost in the write-ahead transaction (``ledger.repeats``). Prints
ratios; exits 1 when the budget is broken. Not collected by pytest (no ``test_`` name).

    python -m tests.benchmarks.repeat_check [--today 20000] [--older 200000]

One log holds ``--older`` completed payouts from the last year and ``--today`` completed within
the repeat window (24 hours), each to its own payee. Then ``Ledger.create`` writes 300 new
payouts (each to a new payee: no repeat is found, every completed row of the window is looked at)
with the repeat window and 300 without, alternating in rounds; each write-ahead's time is the
median of its kind. Budget: with the rule at most 3 x without it (it holds the write lock that
long), and under 50 ms.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mpesa_desktop.ledger import Ledger
from mpesa_desktop.ledger.records import store_time

WINDOW = timedelta(hours=24)
WRITES = 300
RATIO_BUDGET, MS_BUDGET = 3.0, 50.0


def fill(path: Path, today: int, older: int) -> None:
    """Completed payouts, each to its own payee: ``today`` within the window, ``older`` before."""
    now = datetime.now(UTC)
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.executemany(
                "INSERT INTO transactions (reference, operation, profile, status, amount, "
                "party_a, party_b, phone, operator, created_at, updated_at) VALUES "
                "(:reference, 'b2c', 'bench', 'completed', 500, '600000', :payee, :payee, "
                "'bench', :at, :at)",
                ({"reference": f"old-{n}", "payee": f"2547{n:08d}",
                  "at": store_time(now - timedelta(days=2) - timedelta(seconds=n * 100))}
                 for n in range(older)))
            conn.executemany(
                "INSERT INTO transactions (reference, operation, profile, status, amount, "
                "party_a, party_b, phone, operator, created_at, updated_at) VALUES "
                "(:reference, 'b2c', 'bench', 'completed', 500, '600000', :payee, :payee, "
                "'bench', :at, :at)",
                ({"reference": f"today-{n}", "payee": f"2541{n:08d}",
                  "at": store_time(now - timedelta(seconds=n * 80_000 / max(today, 1)))}
                 for n in range(today)))
    finally:
        conn.close()


def write_ahead(ledger: Ledger, payee: int, window: timedelta | None) -> float:
    started = time.perf_counter()
    ledger.create("b2c", amount=500, party_a="600000", party_b=f"2549{payee:08d}",
                  repeat_window=window)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=int, default=20_000)
    parser.add_argument("--older", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="repeat-bench-") as folder:
        path = Path(folder) / "log.sqlite3"
        Ledger(path, "bench").close()  # the schema
        fill(path, args.today, args.older)
        timings: dict[bool, list[float]] = {False: [], True: []}
        with Ledger(path, "bench") as ledger:
            for n in range(WRITES):
                for checked in (n % 2 == 0, n % 2 == 1):  # alternate which goes first
                    timings[checked].append(
                        write_ahead(ledger, 2 * n + checked, WINDOW if checked else None))
    plain, with_rule = (statistics.median(timings[kind]) * 1000 for kind in (False, True))
    ratio = with_rule / plain
    print(f"write-ahead of a payout, {args.today} completed in the window, {args.older} older: "
          f"{plain:.2f} ms without the repeat rule, {with_rule:.2f} ms with it "
          f"(x{ratio:.2f}; budget x{RATIO_BUDGET:g} and {MS_BUDGET:g} ms)")
    return 0 if ratio <= RATIO_BUDGET and with_rule <= MS_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
