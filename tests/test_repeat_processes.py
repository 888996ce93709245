"""A command run again after its payout completed does not pay twice (real processes on one log,
one simulator on loopback, the ``lab`` profile in a temporary home).

The defect: the log refuses a twin only while the first is in flight, so a clerk who ran
``b2c ... --yes`` again after a window's poller (another process) had completed the first payment
paid the payee twice. Now a payout identical to one completed within the profile's repeat window
is refused (exit 2, naming the earlier payment) unless ``--allow-repeat`` says it is deliberate.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from tests import cli_support
from tests.cli_support import child_env, statuses
from tests.fixtures.simulator import wait_until

pytestmark = pytest.mark.slow

lab = cli_support.lab
no_terminal = cli_support.no_terminal

PAY = ["b2c", "--phone", "0708374149", "--amount", "1500", "--remarks", "Refund", "--yes"]

# The window left open meanwhile: its poller settles the rows as their callbacks arrive, until
# its standard input closes.
WINDOW = """
import asyncio, sys
from mpesa_desktop.services import AppServices

async def main():
    services = AppServices.open()
    try:
        await services.start_poller()
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    finally:
        await services.aclose()

asyncio.run(main())
"""


def run_cli(relay, *argv: str) -> subprocess.CompletedProcess[str]:
    """``mpesa-desktop ARGV`` in a child process on the lab profile, run to its end."""
    return subprocess.run([sys.executable, "-m", "mpesa_desktop", *argv], capture_output=True,
                          text=True, env=child_env(relay), timeout=120)


def payouts(simulator) -> int:
    """B2C payments in the simulator's books (not our log)."""
    return sum(t["operation"] == "b2c" for t in simulator.transactions())


def test_a_payout_run_again_after_another_process_completed_it_is_refused(lab, relay):
    log_file = app_paths().ledger_file("lab")
    window = subprocess.Popen([sys.executable, "-c", textwrap.dedent(WINDOW)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env=child_env(relay, "lab-window"))
    try:
        assert window.stdout.readline().strip() == "ready"
        first = run_cli(relay, *PAY, "--json")
        assert first.returncode == 0, first.stderr
        reference = json.loads(first.stdout)["reference"]
        wait_until(lambda: statuses(log_file) == ["completed"], timeout=60)
        again = run_cli(relay, *PAY)
    finally:
        window.stdin.close()
        window.wait(timeout=60)
        window.stdout.close()

    assert again.returncode == 2, again.stderr
    with Ledger(log_file, "lab") as ledger:
        paid = ledger.get(reference)
    assert paid is not None and paid.receipt
    when = paid.created_at.astimezone(EAT).strftime("%d %b %Y at %H:%M")
    for named in (reference, f"receipt {paid.receipt}", f"{when} EAT", "--allow-repeat"):
        assert named in again.stderr
    assert statuses(log_file) == ["completed"]  # nothing written
    assert payouts(lab) == 1

    deliberate = run_cli(relay, *PAY, "--allow-repeat")
    assert deliberate.returncode == 0, deliberate.stderr
    assert payouts(lab) == 2
    assert statuses(log_file) == ["completed", "accepted"]
