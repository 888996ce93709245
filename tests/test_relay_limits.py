"""Issue 9, point 6: the relay as its own process holds up against slow and greedy clients.

Each test runs ``mpesa-desktop relay`` with its limits lowered in ``settings.json`` (so nothing
waits long), attacks it from 127.0.0.2 (the whole of 127/8 is loopback) and delivers real
callbacks from 127.0.0.1, as Daraja's would arrive through the local proxy.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from mpesa_desktop.cli import main
from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.relay.logs import RateLimitFilter
from mpesa_desktop.relay.settings import RelaySettings, init_relay, load_settings
from tests.fixtures.relay import b2c_result

ATTACKER = "127.0.0.2"


@dataclass
class Relay:
    url: str
    settings: RelaySettings
    log_file: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def log(self) -> bytes:
        return self.log_file.read_bytes()


@contextmanager
def relay_process(directory: Path, limits: dict, *,
                  file_limit: int | None = None) -> Iterator[Relay]:
    """The relay command in a child process, its output in a file (a pipe could fill)."""
    settings_file = directory / "settings.json"
    options = json.loads(settings_file.read_text(encoding="utf-8"))
    settings_file.write_text(json.dumps({**options, **limits}), encoding="utf-8")
    log_file = directory.parent / f"{directory.name}.log"

    def lower_limit() -> None:
        if file_limit:
            resource.setrlimit(resource.RLIMIT_NOFILE, (file_limit, file_limit))

    with log_file.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mpesa_desktop", "relay", "--dir", str(directory),
             "--port", "0"], stdout=output, stderr=subprocess.STDOUT, preexec_fn=lower_limit,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 30
        while b"Relay serving" not in log_file.read_bytes():
            assert process.poll() is None and time.monotonic() < deadline, log_file.read_text()
            time.sleep(0.05)
        banner = log_file.read_text().split("Relay serving", 1)[1]
        yield Relay(banner.split(" on ", 1)[1].split(" ", 1)[0], load_settings(directory),
                    log_file)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def post_callback(relay: Relay, n: int) -> int:
    return requests.post(f"{relay.url}{relay.settings.callback_base}/result",
                         json=b2c_result(f"oc-{n}", f"AG_{n}"), timeout=10).status_code


def attacker_socket(port: int) -> socket.socket:
    sock = socket.socket()
    sock.bind((ATTACKER, 0))
    sock.settimeout(5)
    sock.connect(("127.0.0.1", port))
    return sock


def closed_within(sock: socket.socket, seconds: float) -> bytes | None:
    """What the server sent before closing, or None when it kept the connection open."""
    sock.settimeout(seconds)
    received = b""
    try:
        while chunk := sock.recv(4096):
            received += chunk
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return received


def test_silent_trickling_and_slow_body_connections_are_cut(tmp_path):
    init_relay(tmp_path / "relay")
    with relay_process(tmp_path / "relay", {"header_timeout": 1, "body_timeout": 1.5}) as relay:
        silent = attacker_socket(relay.port)
        trickle = attacker_socket(relay.port)
        slow_body = attacker_socket(relay.port)
        slow_body.sendall(f"POST {relay.settings.callback_base}/result HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"
                          .encode())
        started = time.monotonic()
        cut_after = None
        for byte in b"POST /cb/x HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\n":
            try:
                trickle.send(bytes([byte]))  # a byte every 0.25 s: never a whole header
            except (BrokenPipeError, ConnectionResetError):
                cut_after = time.monotonic() - started
                break
            time.sleep(0.25)
        assert cut_after is not None and cut_after < 4, "the trickling client was never cut"
        assert post_callback(relay, 1) == 200  # real callbacks still go through
        assert closed_within(silent, 5) == b""
        answer = closed_within(slow_body, 5)
        assert answer is not None and answer.startswith(b"HTTP/1.1 408")
        for sock in (silent, trickle, slow_body):
            sock.close()
        events, _ = RelayFeed(relay.url, relay.settings.token).fetch(None)
        assert len(events) == 1


def test_one_address_holds_no_more_than_its_share(tmp_path):
    init_relay(tmp_path / "relay")
    with relay_process(tmp_path / "relay", {"connections_per_client": 8,
                                            "header_timeout": 30}) as relay:
        held = [attacker_socket(relay.port) for _ in range(8)]
        time.sleep(0.3)
        extra = [attacker_socket(relay.port) for _ in range(4)]
        assert all(closed_within(sock, 3) == b"" for sock in extra)  # closed at once
        assert all(closed_within(sock, 0.2) is None for sock in held)  # still open
        assert post_callback(relay, 1) == 200
        for sock in held + extra:
            sock.close()
    assert b"too many open connections" in relay.log()


@pytest.mark.slow
def test_a_flood_of_slow_connections_under_a_low_file_limit_loses_no_callback(tmp_path):
    """Version 1 lost 161 of 200 callbacks to 1,100 slow connections under a 1,024 file
    limit and wrote 233 MB of tracebacks; here the limit is 256 and the flood 600."""
    init_relay(tmp_path / "relay")
    with relay_process(tmp_path / "relay", {"header_timeout": 3}, file_limit=256) as relay:
        attackers: list[socket.socket] = []
        delivered = 0
        deadline = time.monotonic() + 120
        for n in range(200):
            while len(attackers) < 3 * (n + 1) and time.monotonic() < deadline:
                try:
                    sock = attacker_socket(relay.port)
                    sock.send(b"P")  # the start of a request line, and nothing more
                except OSError:
                    break
                attackers.append(sock)
            if post_callback(relay, n) == 200:
                delivered += 1
        for sock in attackers:
            sock.close()
        feed = RelayFeed(relay.url, relay.settings.token)
        stored, cursor = [], None
        while True:
            events, cursor = feed.fetch(cursor, limit=100)
            stored.extend(events)
            if len(events) < 100:
                break
    assert len(attackers) == 600
    assert delivered == 200 and len(stored) == 200
    assert len(relay.log()) < 200_000, f"the relay wrote {len(relay.log())} bytes of log"


def test_a_flood_of_one_warning_writes_a_few_lines_and_a_count():
    now = [0.0]
    limit = RateLimitFilter(burst=10, window=60, clock=lambda: now[0])

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mpesa_desktop.relay", logging.WARNING, __file__, 1,
                                 "refused a connection from %s: too many", (message,), None)

    passed = [limit.filter(record(f"10.0.0.{n}")) for n in range(25)]
    assert passed.count(True) == 10 and passed[:10] == [True] * 10
    now[0] = 61
    after = record("10.0.0.99")
    assert limit.filter(after)
    assert after.getMessage().endswith("(15 more like this were dropped in 60 s)")
    other = logging.LogRecord("mpesa_desktop.relay", logging.INFO, __file__, 1, "stored", (),
                              None)
    assert limit.filter(other)  # another kind has its own allowance


def test_a_production_relay_accepts_only_safaricom_addresses(tmp_path, capsys):
    assert main(["relay", "init", "--dir", str(tmp_path / "live"), "--production"]) == 0
    assert main(["relay", "init", "--dir", str(tmp_path / "sandbox")]) == 0
    capsys.readouterr()
    assert load_settings(tmp_path / "live").allow_safaricom_only
    assert not load_settings(tmp_path / "sandbox").allow_safaricom_only
    with relay_process(tmp_path / "live", {}) as relay:
        assert post_callback(relay, 1) == 403  # from loopback, not Safaricom
        events, _ = RelayFeed(relay.url, relay.settings.token).fetch(None)
        assert events == []
