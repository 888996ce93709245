"""Benchmark: DarajaClient's per-request overhead against a bare requests.Session.

    python -m tests.benchmarks.client_overhead [-n N] [--shared]

Starts the offline simulator (callbacks effectively off), then sends N B2C payments through
``DarajaClient.execute`` (validation, wire body, shared token, error mapping included) and N
identical bodies (each with its own OriginatorConversationID, as Daraja demands) through a bare
``requests.Session`` using the same token, alternating request by request (ABBA) so that load
from other processes falls on both sides alike.
``--shared`` gives the client a token cache shared across processes, as the services build it
(``KeyringTokenStore``, here over an in-memory keyring and a temporary lock folder).
Prints both totals, the ratio and the number of OAuth calls; exits 1 if the ratio is above the
budget (1.25, DESIGN.md section 4) or more than one token was fetched.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import keyring
import requests

from mpesa_desktop.config.token_store import KeyringTokenStore
from mpesa_desktop.daraja import security
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.operations import build_request
from mpesa_desktop.daraja.token_cache import TokenCache
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.memory_keyring import MemoryKeyring

BUDGET = 1.25
TIMEOUT = (5.0, 30.0)


def b2c_fields(credential: str) -> dict:
    return {
        "initiator": "testapi", "security_credential": credential,
        "command_id": "BusinessPayment", "amount": 10, "party_a": "600000",
        "party_b": "254708374149", "remarks": "Benchmark",
        "queue_timeout_url": "http://127.0.0.1:9/timeout",
        "result_url": "http://127.0.0.1:9/result",
    }


def time_client(client: DarajaClient, fields: dict) -> float:
    start = time.perf_counter()
    client.execute("b2c", **fields)
    return time.perf_counter() - start


def time_bare(session: requests.Session, url: str, headers: dict, body: dict) -> float:
    start = time.perf_counter()
    response = session.post(url, json=body, headers=headers, timeout=TIMEOUT)
    elapsed = time.perf_counter() - start
    if response.status_code != 200 or response.json().get("ResponseCode") != "0":
        raise SystemExit(f"bare request failed: {response.status_code} {response.text}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="requests per side (default 1000)")
    parser.add_argument("--shared", action="store_true",
                        help="share the token through the keyring and a file lock")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        store = None
        if args.shared:
            keyring.set_keyring(MemoryKeyring())
            store = KeyringTokenStore(Path(folder) / "locks")
        return run(args.n, TokenCache(store=store))


def run(n: int, cache: TokenCache) -> int:
    """Time n requests each way through a client using ``cache``; 0 within budget, else 1."""
    with Simulator(SimulatorConfig(callback_delay=86_400.0)) as sim:
        credential = security.security_credential("Safaricom999!*!", sim.certificate_pem)
        fields = b2c_fields(credential)
        with DarajaClient(sim.url, "benchmark", "secret", environment="offline",
                          timeout=TIMEOUT, token_cache=cache) as client, \
                requests.Session() as session:
            headers = {"Authorization": f"Bearer {client.fetch_token()}"}
            url = sim.url + "/mpesa/b2c/v3/paymentrequest"
            bodies = [build_request("b2c", fields, "offline").body for _ in range(n + 10)]
            for body in bodies[:10]:  # warm up both paths
                time_client(client, fields)
                time_bare(session, url, headers, body)
            client_times: list[float] = []
            bare_times: list[float] = []
            for index, body in enumerate(bodies[10:]):
                if index % 2:  # ABBA order, so neither side always goes first
                    bare_times.append(time_bare(session, url, headers, body))
                    client_times.append(time_client(client, fields))
                else:
                    client_times.append(time_client(client, fields))
                    bare_times.append(time_bare(session, url, headers, body))
            oauth_calls = sim.oauth_calls

    client_total, bare_total = sum(client_times), sum(bare_times)
    ratio = client_total / bare_total
    print(f"requests per side:   {n} (alternating one by one)")
    print(f"DarajaClient:        {client_total:.3f} s ({client_total / n * 1000:.2f} ms each)")
    print(f"bare requests:       {bare_total:.3f} s ({bare_total / n * 1000:.2f} ms each)")
    print(f"ratio:               {ratio:.3f} (budget {BUDGET})")
    medians = statistics.median(client_times) / statistics.median(bare_times)
    print(f"ratio of medians:    {medians:.3f} (for information)")
    print(f"OAuth calls:         {oauth_calls} (simulator), {cache.oauth_calls} (client cache)")
    if ratio > BUDGET or oauth_calls != 1:
        print("FAILED: over budget" if ratio > BUDGET else "FAILED: more than one OAuth call")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
