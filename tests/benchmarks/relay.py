"""Benchmark of the callback relay (issue 5, item 7). Prints numbers and ratios; asserts nothing.

    python -m tests.benchmarks.relay [--callbacks 5000] [--fuzz 10000]

1. Durable throughput: the relay command (``mpesa-desktop relay``) runs as its own process pinned
   to one core; a client on another core POSTs distinct valid callbacks, ``--concurrency`` at a
   time. Every 200 means the callback was committed (WAL, synchronous=FULL) before the answer.
   Baseline, in the same run on the same disk: raw ``sqlite3`` inserts of the same rows with the
   same durability, one commit per row (what "durable before the answer" costs without the
   relay's group commit). Five rounds of each, interleaved; the ratio of the medians is printed.
   Then the store alone (``CallbackStore``, what makes a callback durable), driven from an
   asyncio loop as the relay's server drives it, at ``--concurrency`` and at 1 callback at a
   time, against the same baseline; interleaved, the median of 5 rounds, ratios printed.
2. Latency from a callback POST to a settled ledger row: an ``accepted`` B2C row in a real
   ledger, its Result POSTed to an embedded relay, then the feed is read and ``settle`` applied
   in a tight loop until the row is ``completed`` (the poller's own interval comes on top:
   ``PollerConfig.min_interval`` while events flow).
3. Hostile fuzz run (``--fuzz N``, default 10,000): no 5xx, every valid callback stored once.
4. Cost of the connection guard (``relay.limits``): the same app served in-process through
   ``GuardedSite`` and through aiohttp's plain ``TCPSite``, ``GET /healthz`` on keep-alive
   connections (no disk: the guard's share is largest there) and durable callbacks; the ratio
   guarded / plain of the rates is printed.
5. Under a slow-connection flood: the relay command with 256 file descriptors; latency of 200
   callbacks without, then with, 400 slow connections from five other loopback addresses; the
   ratio of the medians, the slow connections cut, and the bytes the relay logged.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp
import requests
from aiohttp import web

from mpesa_desktop.background_server import BackgroundServer
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.relay.embedded import EmbeddedRelay
from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.relay.limits import GuardedSite
from mpesa_desktop.relay.server import create_app
from mpesa_desktop.relay.settings import SETTINGS_FILE, init_relay, load_settings
from mpesa_desktop.relay.store import CallbackStore, callback_digest, canonical_json, utc_now
from mpesa_desktop.services.settle import settle
from tests.fixtures.relay import (
    b2c_result,
    canonical,
    hostile_requests,
    run_fuzz,
    slow_client,
    start_relay_process,
)


def _pin(pid: int, cores: set[int]) -> str:
    available = os.sched_getaffinity(0)
    if not cores <= available:
        return "not pinned"
    os.sched_setaffinity(pid, cores)
    return f"core {','.join(map(str, sorted(cores)))}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _payloads(count: int) -> list[bytes]:
    return [json.dumps(b2c_result(f"bench-oc-{n:07d}", f"AG_bench_{n:07d}")).encode()
            for n in range(count)]


async def _post_all(url: str, bodies: list[bytes], concurrency: int) -> tuple[float, int]:
    semaphore = asyncio.Semaphore(concurrency)
    accepted = 0
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=concurrency)
    ) as session:

        async def send(body: bytes) -> None:
            nonlocal accepted
            async with semaphore, session.post(url, data=body, headers=headers) as response:
                await response.read()
                accepted += response.status == 200

        started = time.perf_counter()
        await asyncio.gather(*(send(body) for body in bodies))
        return time.perf_counter() - started, accepted


def relay_throughput(workdir: Path, count: int, concurrency: int) -> float:
    settings = init_relay(workdir / "relay")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "mpesa_desktop", "relay", "--dir", str(settings.directory),
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        where = _pin(process.pid, {0})
        _pin(0, {1})
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.get(url + "/healthz", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        bodies = _payloads(count)
        asyncio.run(_post_all(url + settings.callback_base + "/result", bodies[:200], 8))
        elapsed, accepted = asyncio.run(
            _post_all(url + settings.callback_base + "/result", bodies[200:], concurrency))
        stored = 0
        feed, cursor = RelayFeed(url, settings.token), None
        while True:
            page, cursor = feed.fetch(cursor, limit=1000)
            if not page:
                break
            stored += len(page)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(20)
    rate = accepted / elapsed
    print(f"relay ({where}, {concurrency} concurrent clients): {accepted} callbacks in "
          f"{elapsed:.2f} s = {rate:,.0f}/s durable; {stored} in the feed")
    return rate


def relay_against_baseline(workdir: Path, count: int, concurrency: int, rounds: int = 5) -> None:
    """The relay command against plain one-commit-per-row inserts, ``rounds`` interleaved: the
    median of each and their ratio (one round alone swings with the machine's load)."""
    relay_rates, baseline_rates = [], []
    cores = os.sched_getaffinity(0)
    for round_number in range(rounds):
        os.sched_setaffinity(0, cores)  # the relay pins this process to a core of its own
        relay_rates.append(relay_throughput(workdir / f"round-{round_number}", count + 200,
                                            concurrency))
        (workdir / "baseline.sqlite3").unlink(missing_ok=True)
        baseline_rates.append(sqlite_baseline(workdir, count))
    relay_rate, baseline_rate = statistics.median(relay_rates), statistics.median(baseline_rates)
    print(f"relay {relay_rate:,.0f}/s, raw sqlite3 {baseline_rate:,.0f}/s (medians of {rounds} "
          f"interleaved rounds): ratio relay / raw sqlite3 {relay_rate / baseline_rate:.2f} "
          "(budget: >= 0.9)")


def sqlite_baseline(workdir: Path, count: int) -> float:
    """The same rows, WAL + synchronous=FULL, one commit per row, one thread."""
    connection = sqlite3.connect(workdir / "baseline.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
        "received_at TEXT NOT NULL, source TEXT NOT NULL, digest TEXT NOT NULL UNIQUE, "
        "deliveries INTEGER NOT NULL DEFAULT 1, payload TEXT NOT NULL, ref TEXT, repaired TEXT, "
        "raw BLOB)")  # the store's table
    texts = [canonical_json(json.loads(body)) for body in _payloads(count)]
    started = time.perf_counter()
    for text in texts:  # the receive time and the digest per row, as the store makes them
        row = ("result", utc_now(), "127.0.0.1", callback_digest("result", text), text)
        connection.execute("BEGIN")
        connection.execute("INSERT INTO events (kind, received_at, source, digest, payload) "
                           "VALUES (?, ?, ?, ?, ?)", row)
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    rate = count / elapsed
    print(f"baseline (raw sqlite3, one durable commit per row): {count} rows in {elapsed:.2f} s "
          f"= {rate:,.0f}/s")
    return rate


async def _store_all(store: CallbackStore, texts: list[str], concurrency: int) -> None:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(text: str) -> None:
        async with semaphore:
            await store.store("result", text, "127.0.0.1")  # as the relay's server does

    await asyncio.gather(*(one(text) for text in texts))


def store_throughput(workdir: Path, count: int, concurrency: int) -> float:
    """Callbacks per second the store alone makes durable, ``concurrency`` waiting at a time."""
    texts = [canonical_json(json.loads(body)) for body in _payloads(count)]
    path = workdir / f"store-{concurrency}.sqlite3"
    for leftover in workdir.glob(f"{path.name}*"):
        leftover.unlink()
    with CallbackStore(path) as store:
        started = time.perf_counter()
        asyncio.run(_store_all(store, texts, concurrency))
        elapsed = time.perf_counter() - started
    return count / elapsed


def store_against_baseline(workdir: Path, count: int, concurrency: int) -> None:
    """The store alone against plain one-commit-per-row inserts, median of 5 interleaved."""
    rates: dict[str, list[float]] = {"baseline": [], "store": [], "store, one at a time": []}
    for _ in range(5):
        (workdir / "baseline.sqlite3").unlink(missing_ok=True)
        rates["baseline"].append(sqlite_baseline(workdir, count))
        rates["store"].append(store_throughput(workdir, count, concurrency))
        rates["store, one at a time"].append(store_throughput(workdir, count, 1))
    base = statistics.median(rates["baseline"])
    for label in ("store", "store, one at a time"):
        rate = statistics.median(rates[label])
        print(f"{label} ({concurrency if label == 'store' else 1} waiting): {rate:,.0f}/s "
              f"durable, ratio store / one-commit-per-row {rate / base:.2f}")


def settle_latency(workdir: Path, rounds: int) -> list[float]:
    ledger = Ledger(workdir / "ledger.sqlite3", profile="offline")
    latencies = []
    with EmbeddedRelay(workdir / "latency-relay") as relay:
        feed = RelayFeed(relay.base_url, relay.token)
        session = requests.Session()
        cursor = None
        for number in range(rounds):
            row = ledger.create("b2c", amount=100 + number, party_a="600000",
                                party_b="254708374149", remarks="Benchmark")
            ledger.transition(row.reference, "accepted", source="ack",
                              conversation_id=f"AG_lat_{number}")
            body = b2c_result(row.originator_conversation_id, f"AG_lat_{number}")
            started = time.perf_counter()
            session.post(relay.callback_url("result"), json=body, timeout=10)
            while True:
                events, cursor = feed.fetch(cursor)
                for event in events:
                    settle(ledger, event.kind, event.payload)
                if ledger.get(row.reference).status == "completed":
                    break
            latencies.append(time.perf_counter() - started)
    ledger.close()
    ordered = sorted(latencies)
    print(f"callback POST -> settled ledger row (feed + settle, {rounds} rounds): median "
          f"{statistics.median(ordered) * 1000:.1f} ms, p95 "
          f"{ordered[int(len(ordered) * 0.95) - 1] * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms")
    return latencies


def fuzz(workdir: Path, count: int) -> None:
    with EmbeddedRelay(workdir / "fuzz-relay") as relay:
        started = time.perf_counter()
        report = asyncio.run(run_fuzz(relay.base_url,
                                      hostile_requests(relay.settings.callback_base, count)))
        elapsed = time.perf_counter() - started
        feed, cursor, stored = RelayFeed(relay.base_url, relay.token), None, []
        while True:
            page, cursor = feed.fetch(cursor, limit=1000)
            if not page:
                break
            stored.extend((event.kind, canonical(event.payload)) for event in page)
        healthy = requests.get(relay.base_url + "/healthz", timeout=10).status_code == 200
    lost = report.expected - set(stored)
    print(f"fuzz: {report.sent} hostile requests in {elapsed:.1f} s; statuses "
          f"{dict(sorted(report.statuses.items()))}; 5xx/failures {len(report.failures)}; "
          f"valid callbacks {len(report.expected)}, lost {len(lost)}, stored twice "
          f"{len(stored) - len(set(stored))}; healthy afterwards: {healthy}")


async def _get_all(url: str, count: int, concurrency: int) -> float:
    """``count`` GETs on ``concurrency`` keep-alive connections; the rate per second."""
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=concurrency)
    ) as session:

        async def worker(share: int) -> None:
            for _ in range(share):
                async with session.get(url) as response:
                    await response.read()

        started = time.perf_counter()
        await asyncio.gather(*(worker(count // concurrency) for _ in range(concurrency)))
        return count / (time.perf_counter() - started)


def guard_cost(workdir: Path, count: int, concurrency: int) -> None:
    settings = init_relay(workdir / "guard-relay")
    rates: dict[str, list[float]] = {"plain": [], "guarded": []}
    callbacks: dict[str, float] = {}
    offset = 0
    for _ in range(5):  # alternate, best of five each
        for name, site in (("plain", web.TCPSite), ("guarded", GuardedSite)):
            with CallbackStore(settings.store_path) as store, BackgroundServer(
                    lambda store=store: create_app(settings, store), site_factory=site) as server:
                rates[name].append(asyncio.run(_get_all(server.url + "/healthz", count,
                                                        concurrency)))
                bodies = _payloads(offset + 1000)[offset:]
                offset += 1000
                elapsed, accepted = asyncio.run(_post_all(
                    server.url + settings.callback_base + "/result", bodies, concurrency))
                callbacks[name] = max(callbacks.get(name, 0.0), accepted / elapsed)
    plain, guarded = max(rates["plain"]), max(rates["guarded"])
    print(f"guard cost, GET /healthz ({concurrency} keep-alive connections): plain "
          f"{plain:,.0f}/s, guarded {guarded:,.0f}/s, ratio guarded / plain {guarded / plain:.2f}")
    print(f"guard cost, durable callbacks: plain {callbacks['plain']:,.0f}/s, guarded "
          f"{callbacks['guarded']:,.0f}/s, ratio {callbacks['guarded'] / callbacks['plain']:.2f}")


async def _latencies(url: str, bodies: list[bytes]) -> list[float]:
    latencies = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:

        async def post(body: bytes) -> None:
            started = time.perf_counter()
            async with session.post(url, data=body,
                                    headers={"Content-Type": "application/json"}) as response:
                await response.read()
                if response.status == 200:
                    latencies.append(time.perf_counter() - started)

        for body in bodies:
            await post(body)
    return latencies


async def _flooded(port: int, url: str, bodies: list[bytes]) -> tuple[list[float], Counter]:
    stats: Counter = Counter()
    stop = asyncio.Event()
    attackers = [asyncio.create_task(slow_client(port, f"127.0.0.{2 + number % 5}", stats, stop))
                 for number in range(400)]
    while stats["opened"] < len(attackers):
        await asyncio.sleep(0.2)
    latencies = await _latencies(url, bodies)
    stop.set()
    await asyncio.gather(*attackers)
    return latencies, stats


def under_flood(workdir: Path, count: int) -> None:
    directory = workdir / "flood-relay"
    settings = init_relay(directory)
    options = json.loads((directory / SETTINGS_FILE).read_text())
    options["trusted_proxies"] = []
    (directory / SETTINGS_FILE).write_text(json.dumps(options))
    settings = load_settings(directory)
    port = _free_port()
    url = f"http://127.0.0.1:{port}{settings.callback_base}/result"
    log_path = workdir / "flood-relay.log"
    bodies = _payloads(2 * count)
    with log_path.open("wb") as log_file:
        process = start_relay_process(directory, port, log_file, 256)
        try:
            quiet = asyncio.run(_latencies(url, bodies[:count]))
            flooded, stats = asyncio.run(_flooded(port, url, bodies[count:]))
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(20)
    quiet_median, flooded_median = statistics.median(quiet), statistics.median(flooded)
    print(f"under a flood of 400 slow connections (relay with 256 descriptors): {len(flooded)} "
          f"of {count} callbacks answered 200, median {flooded_median * 1000:.1f} ms vs "
          f"{quiet_median * 1000:.1f} ms without (ratio {flooded_median / quiet_median:.2f}); "
          f"slow connections opened {stats['opened']}, cut {stats['closed by the relay']}; "
          f"relay log {log_path.stat().st_size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callbacks", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency-rounds", type=int, default=200)
    parser.add_argument("--fuzz", type=int, default=10_000)
    args = parser.parse_args()
    logging.getLogger("mpesa_desktop.relay").setLevel(logging.ERROR)  # fuzz refusals are expected
    with tempfile.TemporaryDirectory(prefix="relay-bench-") as temporary:
        workdir = Path(temporary)
        relay_against_baseline(workdir, args.callbacks, args.concurrency)
        store_against_baseline(workdir, args.callbacks, args.concurrency)
        os.sched_setaffinity(0, os.sched_getaffinity(0) | set(range(os.cpu_count() or 1)))
        settle_latency(workdir, args.latency_rounds)
        if args.fuzz:
            fuzz(workdir, args.fuzz)
        guard_cost(workdir, args.callbacks, args.concurrency)
        under_flood(workdir, 200)


if __name__ == "__main__":
    main()
