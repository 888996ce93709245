"""The relay's connection limits with real sockets on loopback: a slow request head, a trickling
body and an idle keep-alive connection are cut; connections over the per-client cap are refused
at once; when the relay is full, the connection that waited longest makes room; nothing of a cut
connection stays in memory.

Source addresses other than 127.0.0.1 are other loopback addresses (127.0.0.0/8 is all
loopback on Linux), so "another client" is a real second address.
"""

from __future__ import annotations

import gc
import json
import logging
import socket
import time
import tracemalloc
from pathlib import Path

import requests
from aiohttp.web_protocol import RequestHandler

from mpesa_desktop.relay.embedded import EmbeddedRelay
from mpesa_desktop.relay.limits import RelayLimits, _GuardedConnection, client_key
from mpesa_desktop.relay.settings import SETTINGS_FILE
from tests.fixtures.relay import b2c_result, stk_callback

SHORT = {"header_timeout": 0.5, "body_timeout": 1.0, "idle_timeout": 0.8}
PATIENCE = 20.0  # how long a test waits for the relay to act before calling it a failure


def limited_relay(directory: Path, trusted_proxies: list[str] | None = None,
                  **limits: float | int) -> EmbeddedRelay:
    """An EmbeddedRelay (not started) whose settings.json sets ``limits``."""
    EmbeddedRelay(directory)  # initialise the directory
    path = directory / SETTINGS_FILE
    options = json.loads(path.read_text())
    options["limits"] = {**SHORT, **limits}
    if trusted_proxies is not None:
        options["trusted_proxies"] = trusted_proxies
    path.write_text(json.dumps(options))
    return EmbeddedRelay(directory)


def address(relay: EmbeddedRelay) -> tuple[str, int]:
    host, port = relay.base_url.removeprefix("http://").split(":")
    return host, int(port)


def connect(relay: EmbeddedRelay, source: str = "127.0.0.1") -> socket.socket:
    client = socket.create_connection(address(relay), timeout=PATIENCE,
                                      source_address=(source, 0))
    return client


def closed_by_server(client: socket.socket) -> bool:
    """Wait (at most PATIENCE) for the server to close; True when it did."""
    client.settimeout(PATIENCE)
    try:
        while client.recv(65536):
            pass
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return True


def live_connections() -> list[object]:
    """The connection objects of any relay that are still in memory."""
    gc.collect()
    return [item for item in gc.get_objects()
            if isinstance(item, RequestHandler | _GuardedConnection)]


def raw_post(path: str, body: bytes) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def trickle(client: socket.socket, data: bytes, gap: float = 0.05) -> bytes | None:
    """Send ``data`` a byte every ``gap`` seconds, for at most PATIENCE seconds; what the
    server answered once it closed the connection, or None when it never did."""
    answer = b""
    deadline = time.monotonic() + PATIENCE
    client.settimeout(gap)
    for byte in data:
        if time.monotonic() > deadline:
            return None
        try:
            client.send(bytes([byte]))
            chunk = client.recv(1000)
        except TimeoutError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            return answer
        if chunk == b"":
            return answer
        answer += chunk
    return None


def test_a_request_head_sent_one_byte_at_a_time_is_cut(tmp_path):
    with limited_relay(tmp_path / "relay") as relay:
        head = (f"POST {relay.settings.callback_base}/result HTTP/1.1\r\nHost: relay\r\n"
                "X-Slow: ").encode() + b"a" * 8000  # a valid head as long as it lasts
        client = connect(relay)
        answer = trickle(client, head)
        client.close()
        assert answer == b"", "the slow head was not cut"
        # The relay serves others as before.
        response = requests.post(relay.callback_url("result"), json=b2c_result("oc-1", "AG_1"),
                                 timeout=10)
        assert response.status_code == 200
        assert relay.store.count() == 1


def test_a_connection_that_sends_nothing_is_cut(tmp_path):
    with limited_relay(tmp_path / "relay") as relay:
        client = connect(relay)
        assert closed_by_server(client)
        client.close()


def test_a_body_trickling_in_is_answered_408_and_cut(tmp_path):
    with limited_relay(tmp_path / "relay") as relay:
        body = json.dumps(b2c_result("oc-slow", "AG_slow")).encode()
        request = raw_post(relay.settings.callback_base + "/result", body)
        head_length = request.index(b"\r\n\r\n") + 4
        client = connect(relay)
        client.sendall(request[:head_length])
        answer = trickle(client, request[head_length:])
        client.close()
        assert answer is not None, "the slow body was not cut"
        assert answer.startswith(b"HTTP/1.1 408 ")
        assert b"Connection: close" in answer
        assert b"body not received within 1 s" in answer
        assert relay.store.count() == 0
        assert relay.store.quarantined() == []


def test_an_idle_keep_alive_connection_is_closed(tmp_path):
    with limited_relay(tmp_path / "relay") as relay:
        client = connect(relay)
        request = b"GET /healthz HTTP/1.1\r\nHost: relay\r\n\r\n"
        client.sendall(request)
        first = client.recv(1000)
        client.sendall(request)  # the same connection is kept alive between requests
        second = client.recv(1000)
        assert first.startswith(b"HTTP/1.1 200 ") and second.startswith(b"HTTP/1.1 200 ")
        assert closed_by_server(client)
        client.close()


def test_connections_over_the_per_client_cap_are_refused_at_once(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    # Loopback is not a trusted proxy here: a proxy carries every client and is never capped.
    relay = limited_relay(tmp_path / "relay", trusted_proxies=[], header_timeout=60,
                          max_connections_per_client=3)
    with relay:
        held = [connect(relay) for _ in range(3)]
        refused = connect(relay)
        answer = refused.recv(1000)
        assert answer.startswith(b"HTTP/1.1 503 ")
        assert b"over 3 connections from one address" in answer
        assert closed_by_server(refused)
        # Another address is not affected, nor is the capped one once a connection is gone.
        with socket.create_connection(address(relay), source_address=("127.0.0.2", 0)) as other:
            other.sendall(b"GET /healthz HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n")
            assert other.recv(1000).startswith(b"HTTP/1.1 200 ")
        held.pop().close()
        time.sleep(0.2)  # let the relay see the close
        again = connect(relay)
        again.sendall(raw_post(relay.settings.callback_base + "/stk",
                               json.dumps(stk_callback("ws_CO_cap", "mr-cap")).encode()))
        assert again.recv(1000).startswith(b"HTTP/1.1 200 ")
        for client in [*held, refused, again]:
            client.close()
    assert "refused a connection from 127.0.0.1: over 3 connections" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_trusted_proxy_and_allowed_sources_are_not_capped(tmp_path):
    relay = limited_relay(tmp_path / "relay", header_timeout=60, max_connections_per_client=2)
    with relay:  # 127.0.0.1 is a trusted proxy by default
        held = [connect(relay) for _ in range(5)]
        held[-1].sendall(b"GET /healthz HTTP/1.1\r\nHost: relay\r\n\r\n")
        assert held[-1].recv(1000).startswith(b"HTTP/1.1 200 ")
        for client in held:
            client.close()
    # With the allow-list on, an allowed source (Daraja's, here 127.0.0.2) is not capped either.
    path = tmp_path / "relay" / SETTINGS_FILE
    options = json.loads(path.read_text())
    options.update(allow_safaricom_only=True, extra_allowed=["127.0.0.2"], trusted_proxies=[])
    path.write_text(json.dumps(options))
    with EmbeddedRelay(tmp_path / "relay") as relay:
        allowed = [connect(relay, "127.0.0.2") for _ in range(4)]
        allowed[-1].sendall(b"GET /healthz HTTP/1.1\r\nHost: relay\r\n\r\n")
        assert allowed[-1].recv(1000).startswith(b"HTTP/1.1 200 ")
        others = [connect(relay, "127.0.0.3") for _ in range(3)]
        assert others[-1].recv(1000).startswith(b"HTTP/1.1 503 ")
        for client in allowed + others:
            client.close()


def test_when_full_the_connection_waiting_longest_makes_room(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    relay = limited_relay(tmp_path / "relay", header_timeout=60, max_connections=4)
    with relay:
        slow = [connect(relay, f"127.0.0.{number}") for number in range(2, 6)]
        for client in slow:
            client.send(b"POST /cb/")  # a head begun, never finished
        time.sleep(0.2)  # let the relay see all four
        response = requests.post(relay.callback_url("stk"),
                                 json=stk_callback("ws_CO_room", "mr-room"), timeout=10)
        assert response.status_code == 200
        assert closed_by_server(slow[0])  # the oldest was closed to make room
        for client in slow:
            client.close()
    assert relay.settings.limits.max_connections == 4
    assert "closed a connection from 127.0.0.2 to make room" in caplog.text


def test_nothing_of_a_cut_slow_body_stays_in_memory(tmp_path):
    relay = limited_relay(tmp_path / "relay", trusted_proxies=[], body_timeout=3)
    with relay:
        path = relay.settings.callback_base + "/result"
        half = b'{"Result": {"pad": "' + b"x" * (512 * 1024)
        request = raw_post(path, half)
        declared = request.replace(f"Content-Length: {len(half)}".encode(),
                                   b"Content-Length: 1048000")
        tracemalloc.start()
        try:
            gc.collect()
            baseline = tracemalloc.get_traced_memory()[0]
            clients = []
            for number in range(16):  # 16 x 512 KiB sent, the rest never comes
                client = connect(relay, f"127.0.0.{2 + number % 4}")
                client.sendall(declared)
                clients.append(client)
            answers = []
            for client in clients:
                answers.append(client.recv(1000))
                assert closed_by_server(client)
                client.close()
            deadline = time.monotonic() + PATIENCE
            while live_connections() and time.monotonic() < deadline:
                time.sleep(0.05)
            left, peak = (size - baseline for size in tracemalloc.get_traced_memory())
        finally:
            tracemalloc.stop()
        assert live_connections() == []
    assert all(answer.startswith(b"HTTP/1.1 408 ") for answer in answers)
    assert peak > 4 * 1024 * 1024  # the bodies were really held meanwhile
    assert left < 1024 * 1024


def test_limits_are_read_from_settings_and_checked(tmp_path):
    relay = limited_relay(tmp_path / "relay", max_connections_per_client=7)
    assert relay.settings.limits == RelayLimits(0.5, 1.0, 0.8, 7, None)
    assert RelayLimits().connection_cap() > 0
    assert client_key("2001:db8::1") == client_key("2001:db8::ffff") == "2001:db8::/64"
    assert client_key("::ffff:10.0.0.1") == "10.0.0.1"
    assert client_key("10.0.0.1") == "10.0.0.1"


def test_a_client_gone_before_its_body_ended_is_one_warning(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    with limited_relay(tmp_path / "relay", body_timeout=30) as relay:
        request = raw_post(relay.settings.callback_base + "/result", b'{"Result": {}}' * 50)
        client = connect(relay)
        client.sendall(request[:-100])
        time.sleep(0.2)  # the handler is reading the body
        client.close()
        deadline = time.monotonic() + PATIENCE
        while "cut off before its body ended" not in caplog.text:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert relay.store.count() == 0
    assert "internal error" not in caplog.text
    assert "Traceback" not in caplog.text
