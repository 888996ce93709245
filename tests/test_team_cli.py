"""Issue 13 from the command line, against the simulator over loopback: users, a policy, a payout
held for approval and approved from another user's session, refusals, the audit trail; and two
approvers' desks approving one payout at the same moment, paid once.
"""

from __future__ import annotations

import asyncio
import io
import json

import pytest

from mpesa_desktop.cli import main
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from tests import cli_support

lab = cli_support.lab
no_terminal = cli_support.no_terminal

PASSWORDS = {"ann": "ann-secret-1", "ben": "ben-secret-2", "cat": "cat-secret-3",
             "dan": "dan-secret-4", "eve": "eve-secret-5"}
B2C = ["b2c", "--phone", "0708374149", "--amount", "5000", "--remarks", "Invoice 17", "--yes"]


def run(monkeypatch, capsys, user: str | None, *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    """One command as ``user`` (their password in the environment), ``stdin`` its input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    if user is None:
        monkeypatch.delenv("MPESA_DESKTOP_USER_PASSWORD", raising=False)
        code = main(list(argv))
    else:
        monkeypatch.setenv("MPESA_DESKTOP_USER_PASSWORD", PASSWORDS[user])
        code = main(["--user", user, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def add_team(monkeypatch, capsys) -> None:
    code, out, _ = run(monkeypatch, capsys, None, "user", "add", "ann", "--role", "admin",
                       stdin=PASSWORDS["ann"] + "\n")
    assert (code, out.strip()) == (0, "added ann as admin")
    for name, role in (("ben", "operator"), ("cat", "approver"), ("dan", "approver"),
                       ("eve", "auditor")):
        code, out, err = run(monkeypatch, capsys, "ann", "user", "add", name, "--role", role,
                             stdin=PASSWORDS[name] + "\n")
        assert code == 0, err


@pytest.fixture(params=("sqlite", "postgresql"))
def team_lab(request, simulator, relay):
    """The lab profile (active) paying through the simulator, its log a SQLite file or a team
    ledger whose users are PostgreSQL logins (the profile's own login owns the tables)."""
    ledger = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    cli_support.add_lab_profile(simulator, relay, **({"ledger": ledger} if ledger else {}))
    return simulator


def test_a_payout_waits_for_approval_and_is_paid_once_approved(team_lab, monkeypatch, capsys):
    lab = team_lab
    add_team(monkeypatch, capsys)
    code, out, _ = run(monkeypatch, capsys, "ann", "policy", "set", "--approve-above", "1000")
    assert (code, out.strip()) == (0, "policy version 1: payouts above KES 1,000 need one "
                                      "approver")
    # --wait does not wait for a payout held for approval: a person releases it, not M-Pesa.
    code, out, err = run(monkeypatch, capsys, "ben", *B2C, "--json", "--wait", "--timeout", "30")
    assert code == 0, err
    held = json.loads(out)
    assert (held["status"], held["operator"]) == ("awaiting_approval", "ben")
    assert lab.transactions() == []  # nothing sent before approval

    code, _, err = run(monkeypatch, capsys, "ben", "approve", held["reference"], "--yes")
    assert code == 2 and "ben may not approve or decline payouts" in err
    code, _, err = run(monkeypatch, capsys, "eve", *B2C)
    assert code == 2 and "eve is an auditor and may not send or prepare payments" in err
    code, _, err = run(monkeypatch, capsys, None, "approvals")
    assert code == 2 and "this log has users: sign in first" in err

    code, out, _ = run(monkeypatch, capsys, "cat", "approvals", "--json")
    [queued] = json.loads(out)
    assert (queued["reference"], queued["maker"], queued["amount"]) == (
        held["reference"], "ben", 5000)
    code, out, err = run(monkeypatch, capsys, "cat", "approve", held["reference"], "--note",
                         "invoice checked", "--yes")
    assert code == 0, err
    assert "approved and sent: accepted" in out
    assert [t["amount"] for t in lab.transactions()] == [5000]
    code, _, err = run(monkeypatch, capsys, "dan", "approve", held["reference"], "--yes")
    assert code == 2 and "not awaiting approval (approved by cat)" in err
    assert [t["amount"] for t in lab.transactions()] == [5000]

    code, out, err = run(monkeypatch, capsys, "eve", "audit", "verify")
    assert code == 0 and "the audit trail is whole" in out, err
    code, _, err = run(monkeypatch, capsys, "ben", "audit", "verify")
    assert code == 2 and "ben is an operator and may not read or export the audit trail" in err


def test_declined_and_wrong_password(lab, monkeypatch, capsys):
    add_team(monkeypatch, capsys)
    run(monkeypatch, capsys, "ann", "policy", "set", "--approve-above", "0")
    _, out, _ = run(monkeypatch, capsys, "ben", *B2C, "--json")
    reference = json.loads(out)["reference"]
    with pytest.raises(SystemExit) as usage:
        run(monkeypatch, capsys, "dan", "decline", reference)
    assert usage.value.code == 2 and "--reason" in capsys.readouterr().err
    code, out, _ = run(monkeypatch, capsys, "dan", "decline", reference, "--reason",
                       "duplicate invoice")
    assert code == 0 and "declined (duplicate invoice)" in out
    monkeypatch.setenv("MPESA_DESKTOP_USER_PASSWORD", "guess-guess")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--user", "cat", "approvals"]) == 2
    assert "wrong user name or password" in capsys.readouterr().err
    assert lab.transactions() == []


def test_two_approvers_at_the_same_moment_pay_once(lab, monkeypatch, capsys):
    add_team(monkeypatch, capsys)
    run(monkeypatch, capsys, "ann", "policy", "set", "--approve-above", "0")
    _, out, _ = run(monkeypatch, capsys, "ben", *B2C, "--json")
    reference = json.loads(out)["reference"]

    async def both() -> list[object]:
        desks = [AppServices.open(app_paths()), AppServices.open(app_paths())]
        try:
            await desks[0].sign_in("cat", PASSWORDS["cat"])
            await desks[1].sign_in("dan", PASSWORDS["dan"])
            return await asyncio.gather(*(desk.approve(reference) for desk in desks),
                                        return_exceptions=True)
        finally:
            for desk in desks:
                await desk.aclose()

    outcomes = asyncio.run(both())
    sent = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(sent) == 1 and sent[0].status == "accepted"
    assert len(refused) == 1 and "not awaiting approval" in str(refused[0])
    assert [t["amount"] for t in lab.transactions()] == [5000]


@pytest.mark.parametrize("argv", [["user", "add", "zed", "--role", "operator"],
                                  ["policy", "set", "--approve-above", "10"],
                                  ["user", "disable", "ben"]])
def test_only_an_admin_manages(lab, monkeypatch, capsys, argv):
    add_team(monkeypatch, capsys)
    code, _, err = run(monkeypatch, capsys, "cat", *argv, stdin="zed-secret-9\n")
    assert code == 2 and "cat is an approver and may not manage users and policies" in err


@pytest.mark.parametrize("team_lab", ["postgresql"], indirect=True)
def test_on_a_team_ledger_a_disabled_user_cannot_log_in(team_lab, monkeypatch, capsys):
    add_team(monkeypatch, capsys)
    code, _, err = run(monkeypatch, capsys, "ann", "user", "disable", "ben")
    assert code == 0, err
    code, _, err = run(monkeypatch, capsys, "ben", *B2C)
    assert code == 2 and "the team ledger refused the login of ben" in err
    code, out, _ = run(monkeypatch, capsys, "cat", "approvals")
    assert code == 0 and "0 awaiting approval" in out  # the desk went on as it was


def test_at_a_terminal_the_approver_sees_the_makers_confirmation(lab, monkeypatch, capsys):
    add_team(monkeypatch, capsys)
    run(monkeypatch, capsys, "ann", "policy", "set", "--approve-above", "0")
    _, out, _ = run(monkeypatch, capsys, "ben", *B2C, "--json")
    reference = json.loads(out)["reference"]
    monkeypatch.setenv("MPESA_DESKTOP_USER_PASSWORD", PASSWORDS["cat"])
    monkeypatch.setattr("sys.stdin", cli_support.Terminal("n\n"))
    assert main(["--user", "cat", "approve", reference]) == 2
    asked = capsys.readouterr().err
    assert "Not approved." in asked
    assert ("KES 5,000 (five thousand shillings) to phone 254708374149, for: Invoice 17 "
            "(prepared by ben)") in asked
    assert lab.transactions() == []
    monkeypatch.setattr("sys.stdin", cli_support.Terminal("y\n"))
    assert main(["--user", "cat", "approve", reference]) == 0
    assert [t["amount"] for t in lab.transactions()] == [5000]


def test_a_refusal_is_said_in_the_clerks_language(lab, monkeypatch, capsys):
    add_team(monkeypatch, capsys)
    monkeypatch.setenv("LC_ALL", "sw_KE.UTF-8")
    code, _, err = run(monkeypatch, capsys, "eve", *B2C)
    assert code == 2
    assert "eve ni mkaguzi na hawezi kutuma au kuandaa malipo" in err
    code, out, _ = run(monkeypatch, capsys, "ann", "policy", "set", "--approve-above", "1000",
                       "--two-approvers-above", "50000")
    assert code == 0
    assert out.strip() == ("sera toleo 1: malipo ya zaidi ya KES 1,000 yanahitaji mwidhinishaji "
                           "mmoja; zaidi ya KES 50,000, waidhinishaji wawili")
    code, out, _ = run(monkeypatch, capsys, "eve", "audit", "verify")
    assert code == 0 and out.startswith("kumbukumbu ya ukaguzi ni kamili: maingizo ")
    code, _, err = run(monkeypatch, capsys, "ann", "policy", "set", "--off",
                       "--two-approvers-above", "5")
    assert (code, err.strip()) == (
        2, "mpesa-desktop: --off na --two-approvers-above haziendi pamoja")
    code, _, err = run(monkeypatch, capsys, "ann", "user", "add", "fay", "--role", "boss",
                       stdin=PASSWORDS["ben"] + "\n")
    assert code == 2 and "jukumu lazima liwe mojawapo ya operator, approver" in err
