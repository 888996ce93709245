"""``mpesa-desktop reconcile`` end to end in a child process (issue 15, point 4): a statement
built from the simulator's books with rows removed, altered and added, and ``--pull``."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from mpesa_desktop import languages
from mpesa_desktop.kenya import EAT
from mpesa_desktop.paths import app_paths
from tests import services_support
from tests.reconcile_support import book_rows, row, write_statement
from tests.test_reconcile_matching import pay_all
from tests.test_reconcile_pull import received

pytestmark = pytest.mark.slow


def reconcile_cli(home, *argv, check_code=None):
    env = {**os.environ, "MPESA_DESKTOP_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "mpesa_desktop", "reconcile", *argv],
                          env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def books(app_home, tmp_path):
    """The offline profile after five payouts and a payment received, closed; the statement
    rows of the simulator's books and the rows of the log."""
    services = services_support.open_services()
    try:
        paid = pay_all(services)
        rows = book_rows(services)
    finally:
        services.close()
    return rows, paid


def test_a_statement_with_rows_removed_altered_and_added(app_home, tmp_path, books):
    rows, paid = books
    removed, altered = paid[2], paid[1]
    rows = [item for item in rows if item["receipt"] != removed.receipt]
    for item in rows:
        if item["receipt"] == altered.receipt and "Charge" not in item["details"]:
            item["withdrawn"] = "-2,400.00"
    rows.append(row("SXA1B2C3D4", paid[-1].updated_at, "5,000.00", "", "2547****0001 - X"))
    statement = write_statement(tmp_path / "statement.csv", rows)
    report = tmp_path / "report.csv"
    code, out, err = reconcile_cli(app_home, str(statement), "--json", "--out", str(report))
    assert code == 0, err
    data = json.loads(out)
    assert data["counts"] == {"matched": 4, "settled": 0, "amount_mismatch": 1,
                              "party_mismatch": 0, "status_mismatch": 0, "mpesa_only": 1,
                              "log_only": 1}
    assert data["problems"] == 3 and data["charges"] == 4
    assert {(r["category"], r["reference"] or r["receipt"]) for r in data["rows"]} == {
        ("log_only", removed.reference), ("amount_mismatch", altered.reference),
        ("mpesa_only", "SXA1B2C3D4")}
    with report.open(newline="") as file:
        written = list(csv.DictReader(file))
    assert data["report"] == {"file": str(report), "rows": 7} and len(written) == 7
    assert written[0]["category"] == "log_only"  # the most serious first
    assert written[0]["log_amount"] == "470" and written[0]["reference"] == removed.reference

    code, out, err = reconcile_cli(app_home, str(statement))
    assert code == 0, err
    assert "In the log only                        1" in out
    assert f"{altered.receipt}      -2,400.00  {altered.reference}  log 2300 KES, M-Pesa " \
           "2400.00 KES" in out
    assert "SXA1B2C3D4      +5,000.00  -" in out
    assert f"{removed.receipt}     (470 here)  {removed.reference}  completed here" in out
    code, _, err = reconcile_cli(app_home, str(statement), "--out", str(report))
    assert code == 2 and "--out: " in err and "add --force" in err


def test_pull_reconciles_the_payments_received(app_home):
    services = services_support.open_services()
    try:
        received(services, 640, 1200)
    finally:
        services.close()
    today = datetime.now(EAT).date()
    code, out, err = reconcile_cli(app_home, "--pull", "--from", str(today - timedelta(days=1)),
                                   "--to", str(today), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["source"] == "Pull Transactions"
    assert data["counts"]["matched"] == 2 and data["problems"] == 0
    assert data["period"][0].startswith(str(today - timedelta(days=1)))


@pytest.mark.parametrize(("argv", "message"), [
    ((), "give a statement FILE or --pull"),
    (("--pull", "--from", "2026-11-28"), "--pull needs --from and --to"),
    (("--pull", "--from", "28/11/2026", "--to", "2026-11-29"), "--from: must be a day"),
    (("--pull", "--from", "2026-11-29", "--to", "2026-11-28"), "--to: must be after --from"),
    (("nosuch.csv",), "FILE: no such file nosuch.csv"),
])
def test_bad_options_are_named_and_exit_2(app_home, argv, message):
    code, out, err = reconcile_cli(app_home, *argv)
    assert code == 2 and message in err and out == ""


def test_bad_options_are_named_in_the_clerks_language(app_home):
    languages.save_language(app_paths().ensure().config_dir, languages.SWAHILI)
    code, out, err = reconcile_cli(app_home)
    assert code == 2 and out == ""
    assert err == "mpesa-desktop: andika FILE ya taarifa au --pull, kimojawapo tu\n"
    code, _, err = reconcile_cli(app_home, "--pull", "--from", "2026-11-29", "--to", "2026-11-28")
    assert code == 2 and "--to: lazima iwe baada ya --from" in err


def test_a_statement_that_cannot_be_read_is_named_and_nothing_settled(app_home, tmp_path):
    statement = tmp_path / "statement.csv"
    statement.write_text("Receipt No.,Completion Time,Paid In,Withdrawn\n"
                         "SKL1A2B3C4,2026-11-28 10:00:00,5,\n"
                         "SKL1A2B3C5,11/28/2026 10:00,5,\n")
    code, out, err = reconcile_cli(app_home, str(statement))
    assert code == 2 and out == ""
    assert "statement.csv line 3, column 'Completion Time': must be a date and time" in err
