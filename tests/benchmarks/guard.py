"""Benchmark of the money-safety guard (issue 9; DESIGN.md section 4): submit latency with the
guard vs without it. Prints ratios; exits 1 when the budget is broken. Not collected by pytest.

    python -m tests.benchmarks.guard [-n 300] [--rows 20000]

In one temporary folder, two logs, each first given ``--rows`` settled rows of demo history:

- guarded: the Ledger as shipped. The write-ahead transaction inserts the ``sending`` row, whose
  duplicate key a trigger computes and the unique index over the rows in flight checks, and
  takes (renews) the Ledger's lease on it;
- baseline: the same file with the duplicate key's trigger and index dropped, and a Ledger that
  takes no lease: the same write-ahead insert without the guard.

One offline simulator on loopback (callbacks effectively off) and the same submit pipeline for
both (``Submitter``: validation, credentials, the write-ahead committed to disk, the HTTP request,
the acknowledgement recorded), sending ``-n`` b2c payouts to each, alternating one by one (ABBA)
so that load from other processes falls on both alike. Every payout is another amount, so the
guard checks and never refuses; they stay ``accepted``, so the rows in flight grow to ``-n``.

Judged: the ratio of the median submit latencies (budget 1.1). For information: the ratio of the
totals, and the write-ahead transaction alone (``Ledger.create``), guarded vs baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import keyring

from mpesa_desktop.config import Secrets, new_profile
from mpesa_desktop.config.credentials import resolve_credentials
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.ledger import Ledger, demo, schema
from mpesa_desktop.services.defaults import CallbackUrls, operation_defaults
from mpesa_desktop.services.submit import Submitter
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.memory_keyring import MemoryKeyring

BUDGET = 1.1
PAYEE = "0708374149"
CALLBACK_BASE = "http://127.0.0.1:9/cb/benchmark"  # never called: callbacks are a day away


class WithoutGuard(Ledger):
    """The baseline Ledger: it takes no lease (its file has no duplicate key: ``drop_guard``)."""

    def _hold_lease(self) -> None:  # type: ignore[override]
        return None


def drop_guard(path: Path) -> None:
    """Remove the duplicate key's trigger and unique index from the file at ``path``."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"DROP TRIGGER {schema.KEY_TRIGGER}")
        conn.execute(f"DROP INDEX {schema.IN_FLIGHT_KEY_INDEX}")
        conn.commit()
    finally:
        conn.close()


def submitter(ledger: Ledger, sim_url: str, executor: ThreadPoolExecutor,
              client: DarajaClient) -> Submitter:
    profile = new_profile("offline", "offline")
    secrets = Secrets(profile.name)
    urls = CallbackUrls.for_profile(profile, CALLBACK_BASE)
    return Submitter(profile=profile, ledger=ledger, executor=executor,
                     credentials=lambda operation: resolve_credentials(profile, secrets, operation),
                     client=lambda: client,
                     defaults=lambda operation: operation_defaults(profile, urls, operation))


async def timed(call: Callable[[], object]) -> float:
    """Seconds ``call()`` takes (awaited when it is a coroutine); any refusal raises."""
    started = time.perf_counter()
    result = call()
    if asyncio.iscoroutine(result):
        await result
    return time.perf_counter() - started


async def alternate(n: int, first_amount: int,
                    calls: dict[str, Callable[[int], Callable[[], object]]]) -> dict[str, list]:
    """Seconds of ``calls[side](amount)()`` for ``n`` amounts per side, one by one, ABBA."""
    times: dict[str, list[float]] = {side: [] for side in calls}
    sides = list(calls)
    for index in range(n):
        order = sides if index % 2 == 0 else sides[::-1]
        for side in order:
            times[side].append(await timed(calls[side](first_amount + index)))
    return times


def report(label: str, times: dict[str, list[float]]) -> float:
    """Print both sides and the ratios; return the ratio of the medians."""
    guarded, baseline = times["guarded"], times["baseline"]
    for side, values in times.items():
        print(f"  {side:<9} median {statistics.median(values) * 1000:7.2f} ms, mean "
              f"{statistics.mean(values) * 1000:7.2f} ms")
    medians = statistics.median(guarded) / statistics.median(baseline)
    totals = sum(guarded) / sum(baseline)
    print(f"  {label}: ratio of medians {medians:.3f}, of totals {totals:.3f}")
    return medians


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="payouts per side (default 300)")
    parser.add_argument("--rows", type=int, default=20_000,
                        help="settled rows of history in each log first (default 20000)")
    args = parser.parse_args(argv)
    keyring.set_keyring(MemoryKeyring())  # the offline profile's public secrets, nothing else
    folder = Path(tempfile.mkdtemp(prefix="guard-bench-"))
    executor = ThreadPoolExecutor(max_workers=2)
    try:
        paths = {"guarded": folder / "guarded.sqlite3", "baseline": folder / "baseline.sqlite3"}
        for path in paths.values():
            demo.generate(path, args.rows, seed=1)
        drop_guard(paths["baseline"])
        ledgers = {"guarded": Ledger(paths["guarded"]), "baseline": WithoutGuard(paths["baseline"])}
        with Simulator(SimulatorConfig(callback_delay=86_400.0)) as sim, \
                DarajaClient(sim.url, "benchmark", "secret", environment="offline") as client:
            submitters = {side: submitter(ledger, sim.url, executor, client)
                          for side, ledger in ledgers.items()}

            def submit(side: str) -> Callable[[int], Callable[[], object]]:
                def payout(amount: int) -> Callable[[], object]:
                    fields = {"amount": amount, "party_b": PAYEE, "remarks": "Benchmark"}
                    return lambda: submitters[side].submit("b2c", fields)
                return payout

            def create(side: str) -> Callable[[int], Callable[[], object]]:
                def write_ahead(amount: int) -> Callable[[], object]:
                    return lambda: ledgers[side].create("b2c", amount=amount, party_a="600000",
                                                        party_b="254708374149")
                return write_ahead

            print(f"{args.n} b2c payouts per side, {args.rows:,} settled rows in each log first")
            asyncio.run(alternate(10, 10, {side: submit(side) for side in ledgers}))  # warm-up
            print("submit (validate, write ahead, send to the simulator, record the ack):")
            ratio = report("submit", asyncio.run(alternate(
                args.n, 100, {side: submit(side) for side in ledgers})))
            print("for information, the write-ahead transaction alone (Ledger.create):")
            report("write-ahead", asyncio.run(alternate(
                args.n, 100_000, {side: create(side) for side in ledgers})))
        for ledger in ledgers.values():
            ledger.close()
    finally:
        executor.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"budget: submit latency with the guard at most {BUDGET} x without it")
    if ratio > BUDGET:
        print("BUDGET BROKEN: the guard costs too much")
        return 1
    print("budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
