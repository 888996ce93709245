"""Issue 13: an approver's desk killed at a random moment while it approves and sends never gets a
payout paid twice, nor lost: real processes on one SQLite log and the simulator on loopback.

Each round, ben's payout waits for approval; cat's ``approve`` runs in a child process that is
killed (SIGKILL) after a random delay, while the simulator answers slowly. Then dan's desk opens
the log (start-up recovery) and approves it: if cat's process had released it, dan is refused
(the row is sending/unknown/accepted..., never sent again), otherwise dan's approval pays it.
M-Pesa's books then hold each payout at most once, and exactly once where the log says it went.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import subprocess
import sys
import time

import pytest

from mpesa_desktop.ledger.approvals import ApprovalRefused
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from tests import cli_support
from tests.cli_support import child_env
from tests.fixtures.simulator import PATHS
from tests.test_team_cli import PASSWORDS, add_team, run

pytestmark = pytest.mark.slow

lab = cli_support.lab
no_terminal = cli_support.no_terminal

ROUNDS = 8


async def dan_approves(reference: str) -> tuple[str, str]:
    """Dan's desk opens the log (recovering what a killed process left) and approves
    ``reference``: its status before, and after."""
    desk = AppServices.open(app_paths())
    try:
        await desk.sign_in("dan", PASSWORDS["dan"])
        before = (await desk.run_blocking(desk.ledger.get, reference)).status
        try:
            after = await desk.approve(reference)
        except ApprovalRefused:
            after = await desk.run_blocking(desk.ledger.get, reference)
        return before, after.status
    finally:
        await desk.aclose()


def test_an_approver_killed_at_a_random_moment_never_pays_twice(lab, relay, monkeypatch,
                                                               capsys):
    add_team(monkeypatch, capsys)
    run(monkeypatch, capsys, "ann", "policy", "set", "--approve-above", "0")
    lab.set_fault("latency", seconds=1.0, path=PATHS["b2c"])
    rng = random.Random(13)
    for round_number in range(ROUNDS):
        amount = 1000 + round_number
        code, out, err = run(monkeypatch, capsys, "ben", "b2c", "--phone", "0708374149",
                             "--amount", str(amount), "--remarks", "Supplier", "--yes",
                             "--json")
        assert code == 0, err
        reference = json.loads(out)["reference"]
        approver = subprocess.Popen(
            [sys.executable, "-m", "mpesa_desktop", "--user", "cat", "approve", reference,
             "--yes"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**child_env(relay), "MPESA_DESKTOP_USER_PASSWORD": PASSWORDS["cat"]})
        time.sleep(rng.uniform(0.1, 1.6))
        approver.send_signal(signal.SIGKILL)
        approver.communicate(timeout=30)

        before, after = asyncio.run(dan_approves(reference))
        paid = [t for t in lab.transactions() if t["amount"] == amount]
        assert len(paid) <= 1, (round_number, before, after)
        if before == "awaiting_approval":  # cat's process died before releasing it
            assert after in ("accepted", "completed") and len(paid) == 1
        else:  # released by cat: never sent again from dan's desk
            assert before in ("sending", "unknown", "accepted", "completed", "timed_out")
            assert after == before or after in ("accepted", "completed")
            if after in ("accepted", "completed"):
                assert len(paid) == 1
    # Nothing paid twice overall, and every payout is accounted for in the log.
    amounts = [t["amount"] for t in lab.transactions()]
    assert len(amounts) == len(set(amounts))
    code, out, err = run(monkeypatch, capsys, "eve", "audit", "verify")
    assert code == 0 and "the audit trail is whole" in out, err
