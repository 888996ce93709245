"""Exactly-once across processes (issue 9, point 2), with real processes on one SQLite log and one
simulator on loopback (the ``lab`` profile: a custom profile paying through the simulator fixture).

- Two processes send the identical payout at the same moment, pair after pair: M-Pesa's books
  show each paid once, the other refused as a duplicate naming the first.
- A process that is mid-send keeps its ``sending`` row when another process starts (and runs the
  start-up recovery), and records Daraja's answer itself, a refusal included.
- A row whose process was killed is taken over as ``unknown`` by the next start.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections import Counter

import pytest

from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from tests import cli_support
from tests.cli_support import child_env, statuses
from tests.fixtures.simulator import PATHS, wait_until

pytestmark = pytest.mark.slow

lab = cli_support.lab
no_terminal = cli_support.no_terminal

PAIRS = 100
FIRST_AMOUNT = 100
B2C = ["b2c", "--phone", "0708374149", "--remarks", "Refund", "--yes"]

# One sender: opens the services on the active (lab) profile, then for each amount read from
# standard input pays it at once and prints "paid REF" or "refused REF" (the row that blocked it).
SENDER = """
import asyncio, sys
from mpesa_desktop.services import AppServices, DuplicateError

services = AppServices.open()
print("ready", flush=True)

async def pay(amount):
    try:
        row = await services.submit("b2c", {"amount": amount, "party_b": "0708374149",
                                            "remarks": "Refund"})
    except DuplicateError as error:
        return f"refused {error.reference}"
    return f"paid {row.reference}"

async def rounds():
    for line in sys.stdin:
        print(await pay(int(line)), flush=True)

try:
    asyncio.run(rounds())
finally:
    services.close()
"""


def b2c_paid(simulator) -> Counter:
    return Counter(int(t["amount"]) for t in simulator.transactions() if t["operation"] == "b2c")


def test_two_processes_sending_the_same_payout_at_once_pay_it_once(lab, relay):
    senders = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(SENDER)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=child_env(relay, f"lab-key-{n}")) for n in range(2)]
    try:
        for sender in senders:
            assert sender.stdout.readline().strip() == "ready"
        outcomes = []
        for amount in range(FIRST_AMOUNT, FIRST_AMOUNT + PAIRS):
            for sender in senders:  # both are waiting on their input: they start together
                sender.stdin.write(f"{amount}\n")
                sender.stdin.flush()
            outcomes.append(sorted(sender.stdout.readline().split() for sender in senders))
        for sender in senders:
            sender.stdin.close()
            assert sender.wait(timeout=60) == 0
    finally:
        for sender in senders:
            if sender.poll() is None:
                sender.kill()
                sender.wait()
            if not sender.stdin.closed:
                sender.stdin.close()
            sender.stdout.close()

    paid = b2c_paid(lab)
    twice = sorted(amount for amount, count in paid.items() if count > 1)
    assert twice == []
    assert sorted(paid) == list(range(FIRST_AMOUNT, FIRST_AMOUNT + PAIRS))
    for (first, reference), (second, blocker) in outcomes:
        assert (first, second) == ("paid", "refused")
        assert blocker == reference  # the refusal names the row that is in flight


def start_cli(relay, *argv: str) -> subprocess.Popen[str]:
    """``mpesa-desktop ARGV`` in a child process on the lab profile."""
    return subprocess.Popen([sys.executable, "-m", "mpesa_desktop", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=child_env(relay))


@pytest.mark.parametrize(("answer", "status", "code"), [
    ("spike_arrest", "rejected", 3),  # Daraja refuses: the sender records it (it could not)
    (None, "accepted", 0),
])
def test_a_process_mid_send_keeps_its_row_when_another_starts(lab, relay, answer, status, code):
    lab.set_fault("latency", seconds=6.0, path=PATHS["b2c"])  # the request hangs a while
    if answer:
        lab.set_fault(answer, path=PATHS["b2c"])
    sender = start_cli(relay, *B2C, "--amount", "1500")
    log_file = app_paths().ledger_file("lab")
    try:
        wait_until(lambda: statuses(log_file) == ["sending"], timeout=60)
        services = AppServices.open()  # another process starts and runs the recovery
        try:
            [row] = services.ledger.query()
            assert row.status == "sending"
            _, err = sender.communicate(timeout=60)
            assert sender.returncode == code, err
            assert services.ledger.get(row.reference).status == status
            assert [(e.new_status, e.source) for e in services.ledger.events(row.reference)] == [
                ("sending", "user"), (status, "ack")]
        finally:
            services.close()
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.communicate()


def test_the_row_of_a_killed_sender_is_taken_over_by_the_next_start(lab, relay):
    lab.set_fault("latency", seconds=5.0, path=PATHS["b2c"])
    sender = start_cli(relay, *B2C, "--amount", "1500")
    log_file = app_paths().ledger_file("lab")
    try:
        wait_until(lambda: statuses(log_file) == ["sending"], timeout=60)
    finally:
        sender.send_signal(signal.SIGKILL)
        sender.communicate(timeout=30)
    services = AppServices.open()
    try:
        [row] = services.ledger.query()
        assert row.status == "unknown"
        assert services.ledger.events(row.reference)[-1].source == "startup"
    finally:
        services.close()


def test_a_running_process_takes_over_the_row_of_a_sender_killed_meanwhile(lab, relay):
    services = AppServices.open()  # e.g. the window, open all along
    try:
        lab.set_fault("latency", seconds=5.0, path=PATHS["b2c"])
        sender = start_cli(relay, *B2C, "--amount", "1500")
        try:
            wait_until(lambda: [r.status for r in services.ledger.query()] == ["sending"],
                       timeout=60)
        finally:
            sender.send_signal(signal.SIGKILL)
            sender.communicate(timeout=30)
        # The lease keeper's sweep, a few seconds later.
        wait_until(lambda: [r.status for r in services.ledger.query()] == ["unknown"],
                   timeout=30)
    finally:
        services.close()
