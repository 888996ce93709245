"""README's rehearsal of a first sandbox request, run line by line as a new user would.

The block after ``<!-- rehearsal -->`` in README.md is the test script: the servers it starts in
the background (``... &``) run as real processes, every other line runs through the command line
in-process (so the in-memory keyring holds what ``set-secret`` stores), with the values the
comments tell the user to type (the relay's callback secret and token: what ``relay init``
printed). Only the ports are changed (to free ones).
"""

from __future__ import annotations

import io
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mpesa_desktop.cli import main
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD, PUBLIC_STK_PASSKEY
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from tests.cli_support import Terminal
from tests.fixtures.profiles import TEST_SECRETS

README = Path(__file__).resolve().parent.parent / "README.md"
MONEY_COMMANDS = {"b2c", "b2b", "reversal", "stk", "bulk"}


def rehearsal_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- rehearsal -->\s*```\n(.*?)```", text, re.S)
    assert block, "README.md has no rehearsal block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"server on port {port} exited with {process.returncode}"
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


def typed_secret(comment: str, printed: dict[str, str]) -> str:
    """What the user types at the hidden prompt, read from the line's comment."""
    if "Safaricom999" in comment:
        return PUBLIC_INITIATOR_PASSWORD
    for what, value in printed.items():
        if f"the {what} relay init printed" in comment:
            return value
    if PUBLIC_STK_PASSKEY in comment:
        return PUBLIC_STK_PASSKEY
    assert "anything" in comment, comment
    return TEST_SECRETS["consumer_key"]


@pytest.fixture
def background():
    processes: list[subprocess.Popen] = []
    yield processes
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_readme_rehearsal_pays_the_test_number(
    tmp_path, app_home, monkeypatch, capsys, background
):
    monkeypatch.chdir(tmp_path)
    ports = {"8460": str(free_port()), "8470": str(free_port())}
    env = {**os.environ, "MPESA_DESKTOP_HOME": str(app_home)}
    printed: dict[str, str] = {}
    exit_codes = []
    for line in rehearsal_lines():
        command, _, comment = line.partition("#")
        for default, port in ports.items():
            command = command.replace(f":{default}", f":{port}").replace(
                f"--port {default}", f"--port {port}"
            )
        words = shlex.split(command)
        assert words[0] == "mpesa-desktop"
        if words[-1] == "&":
            args = words[1:-1]
            process = subprocess.Popen(
                [sys.executable, "-m", "mpesa_desktop", *args],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            background.append(process)
            wait_for_port(int(args[args.index("--port") + 1]), process)
            continue
        args = words[1:]
        if args[:2] == ["profile", "set-secret"]:
            monkeypatch.setattr("sys.stdin", io.StringIO(typed_secret(comment, printed) + "\n"))
        elif args[0] in MONEY_COMMANDS:
            monkeypatch.setattr("sys.stdin", Terminal("y\n"))  # the confirmation prompt
        else:
            monkeypatch.setattr("sys.stdin", io.StringIO(""))
        code = main(args)
        out = capsys.readouterr().out
        exit_codes.append((command.strip(), code))
        if args[:2] == ["relay", "init"]:
            printed["callback secret"] = re.search(r"Callback secret: (\S+)", out).group(1)
            printed["token"] = re.search(r"Poller token: (\S+)", out).group(1)

    assert all(code == 0 for _, code in exit_codes), exit_codes
    ledger = Ledger(app_paths().ledger_file("rehearsal"), profile="rehearsal")
    try:
        payouts = [row for row in ledger.query(None) if row.operation == "b2c"]
    finally:
        ledger.close()
    assert [(row.status, row.amount, row.phone) for row in payouts] == [
        ("completed", 10, "254708374149")
    ]
    assert payouts[0].receipt
