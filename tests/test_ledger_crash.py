"""Killing the process (SIGKILL) never corrupts the log nor hides a payout that may have left.

Each test runs a real child Python process on a real file, kills it at a chosen moment, then
opens the file again in this process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from mpesa_desktop.ledger import Ledger, RetryRefused
from mpesa_desktop.ledger.backend import is_url
from tests.raw_sql import run_sql

pytestmark = pytest.mark.slow


def start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def integrity(path) -> str:
    """SQLite's check of the file; a team ledger's server keeps its own (it must answer)."""
    if is_url(path):
        run_sql(path, "SELECT count(*) FROM transactions")
        return "ok"
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_killed_between_write_ahead_and_answer_restarts_as_unknown(ledger_location):
    path = ledger_location
    child = start(
        """
        import sys, time
        from mpesa_desktop.ledger import Ledger
        ledger = Ledger(sys.argv[1])
        row = ledger.create("b2c", amount=2500, party_b="254708374149", remarks="Salary")
        print(row.reference, flush=True)
        time.sleep(120)  # the request is out; Daraja's answer never comes back to us
        """,
        str(path),
    )
    reference = child.stdout.readline().strip()
    assert reference
    kill(child)

    assert integrity(path) == "ok"
    with Ledger(path) as ledger:
        assert ledger.get(reference).status == "sending"
        assert ledger.recover_interrupted() == 1
        row = ledger.get(reference)
        assert row.status == "unknown" and row.in_flight
        assert [(e.new_status, e.source) for e in ledger.events(reference)] == [
            ("sending", "user"), ("unknown", "startup")
        ]
        assert ledger.in_flight("b2c", party_b="254708374149", amount=2500) == [row]
        with pytest.raises(RetryRefused):
            ledger.create("b2c", amount=2500, party_b="254708374149", retry_of=reference)


def test_killed_during_a_large_insert_leaves_a_sound_file(tmp_path):
    path = tmp_path / "bulk.sqlite3"
    with Ledger(path) as ledger:
        kept = ledger.create("b2c", amount=100, party_b="254708374149")
    child = start(
        """
        import sys
        from mpesa_desktop.ledger import demo
        demo.generate(sys.argv[1], 400_000, seed=1,
                      progress=lambda done, total: print(done, flush=True))
        print("finished", flush=True)
        """,
        str(path),
    )
    first = child.stdout.readline().strip()
    assert first.isdigit()  # well inside the bulk transaction
    kill(child)

    assert integrity(path) == "ok"
    with Ledger(path) as ledger:
        # All or nothing: the bulk load is gone, the committed row is intact.
        assert ledger.summary() == (1, 100)
        assert ledger.get(kept.reference).status == "sending"
        ledger.create("b2c", amount=5, party_b="254708374149")
    assert integrity(path) == "ok"


def test_killed_while_committing_many_payouts_loses_none_it_reported(ledger_location):
    path = ledger_location
    child = start(
        """
        import sys
        from mpesa_desktop.ledger import Ledger
        ledger = Ledger(sys.argv[1])
        n = 0
        while True:
            n += 1
            row = ledger.create("b2c", amount=n, party_b="254708374149")
            ledger.transition(row.reference, "accepted", source="ack")
            print(row.reference, flush=True)
        """,
        str(path),
    )
    reported = [child.stdout.readline().strip() for _ in range(200)]
    kill(child)

    assert integrity(path) == "ok"
    with Ledger(path) as ledger:
        for reference in reported:
            assert ledger.get(reference).status == "accepted"
        ledger.recover_interrupted()
        assert {row.status for row in ledger.query(limit=100_000)} <= {"accepted", "unknown"}
