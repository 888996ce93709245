"""``mpesa-desktop relay --dir DIR`` as its own process: serves, stores, and never logs secrets."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import requests

from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.relay.settings import init_relay
from tests.fixtures.relay import b2c_result, free_port, stk_callback, wait_until_up


def test_the_relay_command_serves_and_keeps_secrets_out_of_its_log(tmp_path):
    settings = init_relay(tmp_path / "relay")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "mpesa_desktop", "relay", "--dir", str(tmp_path / "relay"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_until_up(url, process)
        base = url + settings.callback_base
        assert requests.post(base + "/result", json=b2c_result("oc-cli", "AG_cli"),
                             timeout=10).json() == {"ResultCode": 0, "ResultDesc": "Accepted"}
        assert requests.post(base + "/stk", json=stk_callback("ws_CO_cli", "mr-cli"),
                             timeout=10).status_code == 200
        assert requests.post(base + "/stk", data=b"junk", timeout=10).status_code == 400
        assert requests.get(url + "/v1/events", timeout=10).status_code == 401
        events, _ = RelayFeed(url, settings.token).fetch(None)
        assert [event.kind for event in events] == ["result", "stk"]
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw_client:
            raw_client.sendall(f"BOGUS {settings.callback_base}/result HTTP/1.1\r\n\r\n".encode())
            assert raw_client.recv(100).startswith(b"HTTP/1.")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    log = out + err
    assert "stored result callback #1" in log
    # Refused requests are in the access log (their path's secret replaced); a stored callback
    # has its own "stored" line, and its 2xx access line is at DEBUG.
    assert "POST /cb/<secret>/stk 400" in log
    assert "POST /cb/<secret>/result 200" not in log
    assert settings.callback_secret not in log
    assert settings.token not in log
    assert process.returncode == 0
