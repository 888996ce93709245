"""Status queries sent per stuck row per hour (issue 9 acceptance: goal <= 4).

    python -m tests.benchmarks.stuck_rows [--rows 20] [--hours 1]

A clerk's office on one log: the window and a bulk run poll all the time, and a command-line
command starts every 5 minutes and polls for 30 seconds. ``--rows`` payouts are stuck
(``unknown``; M-Pesa's answers to their status queries never arrive, so nothing settles them).
The hour is simulated with one clock shared by the ledgers and the pollers (10-second steps, no
real waiting); every status query is a real Transaction Status request to the offline simulator
over loopback, counted in the simulator's journal.

Two policies run the same office on a fresh log each:

- baseline, the version-1 policy: each process keeps its own memory of whom it asked (every 60 s,
  the wait doubling up to 64 times), so every process and every restart asks again;
- the new policy: the real ``Poller``, its back-off claimed in the ledger and shared by every
  process (``ledger.settling``), with its default settings.

Prints queries per stuck row per hour for each and their ratio; exits 1 when the new policy
sends more than the goal.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mpesa_desktop.ledger import Ledger
from mpesa_desktop.services.poller import STATUS_QUERYABLE, Poller
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.settling_support import Clock, StatusAsker, status_queries

GOAL = 4.0
STEP_S = 10
LONG_RUNNING = 2          # the window and a bulk run
COMMAND_EVERY_S = 300     # a command-line command starts every 5 minutes ...
COMMAND_LIVES_S = 30      # ... and polls for 30 seconds
V1_EVERY_S = 60.0
V1_MAX_BACKOFF = 64


class InMemoryPolicy:
    """The version-1 poller's decision, kept in one process's memory (baseline)."""

    def __init__(self, ledger: Ledger, ask: Callable[[Any], Awaitable[None]],
                 clock: Clock) -> None:
        self.ledger = ledger
        self._ask = ask
        self._clock = clock
        self._asked: dict[str, tuple[float, int]] = {}

    async def settle_pending(self) -> None:
        now = self._clock().timestamp()
        for row in self.ledger.pending():
            if row.operation not in STATUS_QUERYABLE or not row.originator_conversation_id:
                continue
            last, count = self._asked.get(row.reference, (0.0, 0))
            if count and now - last < V1_EVERY_S * min(2 ** (count - 1), V1_MAX_BACKOFF):
                continue
            self._asked[row.reference] = (now, count + 1)
            await self._ask(row)


def stuck_log(path: Path, rows: int, clock: Clock) -> None:
    with Ledger(path, clock=clock) as ledger:
        for index in range(rows):
            row = ledger.create("b2c", amount=1000 + index, party_a="600000",
                                party_b="254708374149", remarks="Stuck payout")
            ledger.transition(row.reference, "unknown", source="ack")


async def office(path: Path, hours: float, clock: Clock,
                 process: Callable[[Ledger], Any]) -> None:
    """Run the office for ``hours`` on ``path``: ``process(ledger)`` makes one process's poller."""
    steady = [Ledger(path, clock=clock) for _ in range(LONG_RUNNING)]
    pollers = [process(ledger) for ledger in steady]
    command: tuple[Ledger, Any, float] | None = None
    elapsed = 0.0
    try:
        while elapsed < hours * 3600:
            if elapsed % COMMAND_EVERY_S == 0:
                ledger = Ledger(path, clock=clock)
                command = (ledger, process(ledger), elapsed)
            for poller in pollers + ([command[1]] if command else []):
                await poller.settle_pending()
            clock.advance(STEP_S)
            elapsed += STEP_S
            if command and elapsed - command[2] >= COMMAND_LIVES_S:
                command[0].close()
                command = None
    finally:
        for ledger in steady + ([command[0]] if command else []):
            ledger.close()


def measure(policy: str, rows: int, hours: float) -> float:
    """Status queries per stuck row per hour under ``policy`` (``baseline`` or ``new``)."""
    simulator = Simulator(SimulatorConfig(callback_delay=0.0))
    url = simulator.start()
    simulator.set_fault("callback_lost", count=None)  # no answer ever arrives
    asker = StatusAsker(url, "http://127.0.0.1:9/result")
    clock = Clock()
    try:
        with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(2) as executor:
            path = Path(folder) / "log.sqlite3"
            stuck_log(path, rows, clock)

            def process(ledger: Ledger) -> Any:
                if policy == "baseline":
                    return InMemoryPolicy(ledger, asker, clock)
                return Poller(ledger=ledger, feed=None, executor=executor, stk_query=None,
                              status_query=asker, clock=clock)

            asyncio.run(office(path, hours, clock, process))
        return status_queries(simulator) / rows / hours
    finally:
        asker.close()
        simulator.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20, help="stuck payouts (default 20)")
    parser.add_argument("--hours", type=float, default=1.0, help="simulated hours (default 1)")
    args = parser.parse_args()
    baseline = measure("baseline", args.rows, args.hours)
    new = measure("new", args.rows, args.hours)
    print(f"stuck rows: {args.rows}; simulated hours: {args.hours:g}; pollers: "
          f"{LONG_RUNNING} always on, a command every {COMMAND_EVERY_S // 60} min")
    print(f"status queries per stuck row per hour, baseline (v1, in memory): {baseline:6.2f}")
    print(f"status queries per stuck row per hour, shared back-off:          {new:6.2f}")
    print(f"ratio new / baseline: {new / baseline:.2f} (goal: at most {GOAL:g} per row per hour)")
    return 0 if new <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
