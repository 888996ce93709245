"""How soon a payout shows as completed after the simulator's callback (issue 5 acceptance).

    python tests/benchmarks/offline_settle.py [-n 20]

Opens the app's services exactly as a fresh install does (the offline profile: the embedded
simulator with its default one-second callback delay, the embedded relay, the default poller),
sends ``n`` B2C payouts one after another, and for each measures the time from the moment the
simulator's result callback was delivered to the relay (the simulator's own record) to the
ledger event that made the row ``completed`` (what the window repaints from). Prints the median
and the worst; exits 1 when the worst is over the 2 s budget.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from datetime import datetime

from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices

BUDGET_S = 2.0


async def pay(services: AppServices, count: int) -> list[float]:
    await services.start_poller()
    latencies = []
    for index in range(count):
        fields = {**services.defaults("b2c"), "party_b": "0708374149", "amount": 100 + index,
                  "remarks": "settle benchmark", "command_id": "BusinessPayment"}
        row = await services.submit("b2c", fields)
        row = await services.wait_final(row.reference, 15)
        if row.status != "completed":
            raise SystemExit(f"payout {row.reference} ended {row.status}")
        delivered = next(
            datetime.fromisoformat(record["attempts"][0]["at"])
            for record in services.simulator.callbacks()
            if record["kind"] == "result" and f"ref={row.reference}" in record["url"]
        )
        completed = next(event.at for event in services.ledger.events(row.reference)
                         if event.new_status == "completed")
        latencies.append((completed - delivered).total_seconds())
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="payouts to send (default 20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        services = AppServices.open(app_paths(home).ensure(), "offline")
        try:
            latencies = asyncio.run(pay(services, args.n))
        finally:
            services.close()
    worst = max(latencies)
    print(f"payouts:                       {len(latencies)}")
    print(f"callback -> completed, median: {statistics.median(latencies) * 1000:.0f} ms")
    print(f"callback -> completed, worst:  {worst * 1000:.0f} ms (budget {BUDGET_S:.0f} s)")
    return 0 if worst <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
