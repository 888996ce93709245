"""Benchmark: what keeping its books on disk costs the simulator.

    python tests/benchmarks/simulator_state.py [-n N]

Starts two simulators, one in memory and one with a state folder (as the offline profile runs
it), and sends N B2C payments to each through a bare ``requests.Session``, alternating request by
request (ABBA) so that load from other processes falls on both alike; each payment is executed,
journalled and its callback queued (callbacks are 600 s away, so only requests are timed).
Prints the median request time of each and their ratio, then stops the one with a state folder
and times a restart on it (loading N transactions and N pending callbacks). No budget in
DESIGN.md section 4 covers it; the numbers are for the reader.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid

import requests

from mpesa_desktop.daraja import security
from mpesa_desktop.simulator import Simulator, SimulatorConfig

CONFIG = SimulatorConfig(callback_delay=600)


def body(credential: str) -> dict:
    return {"OriginatorConversationID": uuid.uuid4().hex, "InitiatorName": "testapi",
            "SecurityCredential": credential, "CommandID": "BusinessPayment", "Amount": 10,
            "PartyA": "600000", "PartyB": "254708374149", "Remarks": "Benchmark",
            "QueueTimeOutURL": "http://127.0.0.1:9/timeout",
            "ResultURL": "http://127.0.0.1:9/result", "Occassion": ""}


class Client:
    def __init__(self, simulator: Simulator):
        self.url = simulator.url + "/mpesa/b2c/v3/paymentrequest"
        self.session = requests.Session()
        token = self.session.get(simulator.url + "/oauth/v1/generate",
                                 params={"grant_type": "client_credentials"},
                                 auth=("key", "secret"), timeout=5).json()["access_token"]
        self.session.headers["Authorization"] = f"Bearer {token}"

    def pay(self, credential: str) -> float:
        start = time.perf_counter()
        response = self.session.post(self.url, json=body(credential), timeout=30)
        elapsed = time.perf_counter() - start
        response.raise_for_status()
        return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000)
    args = parser.parse_args()
    credential = security.security_credential(
        "Safaricom999!*!", security.bundled_certificate("simulator"))
    with tempfile.TemporaryDirectory() as folder:
        memory = Simulator(CONFIG)
        kept = Simulator(CONFIG, state_dir=folder)
        memory.start()
        kept.start()
        sides = {"memory": Client(memory), "state folder": Client(kept)}
        times: dict[str, list[float]] = {name: [] for name in sides}
        for i in range(args.n):
            order = list(sides) if i % 2 == 0 else list(reversed(sides))
            for name in order:
                times[name].append(sides[name].pay(credential))
        memory.stop()
        kept.stop()
        medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
        for name, value in medians.items():
            print(f"{name:>13}: median {value:.2f} ms per payment ({args.n} payments)")
        print(f"ratio state folder / memory: {medians['state folder'] / medians['memory']:.2f}")
        start = time.perf_counter()
        restarted = Simulator(CONFIG, state_dir=folder)
        loaded = time.perf_counter() - start
        counts = (len(restarted.transactions()), len(restarted.pending_jobs()))
        restarted.stop()
        print(f"restart on the folder: {loaded * 1000:.0f} ms to load {counts[0]} transactions "
              f"and {counts[1]} pending callbacks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
