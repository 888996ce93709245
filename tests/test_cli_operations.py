"""The operation commands in-process (``mpesa_desktop.cli.main``): a custom profile pointing at
the simulator fixture and a real embedded relay (to count what was sent), and the offline profile
as a new user has it."""

from __future__ import annotations

import json

from mpesa_desktop import languages
from mpesa_desktop.cli import main
from mpesa_desktop.config import ConfigStore, Secrets, new_profile
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from tests import cli_support
from tests.cli_support import Terminal, add_lab_profile

B2C = ["b2c", "--phone", "0708374149", "--amount", "1500", "--remarks", "Refund"]


no_terminal = cli_support.no_terminal
lab = cli_support.lab


def cli_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_a_new_user_pays_a_customer_offline_and_waits_for_the_result(capsys):
    code, row = cli_json(capsys, *B2C, "--yes", "--wait", "--timeout", "30")
    assert code == 0
    assert row["status"] == "completed"
    assert row["profile"] == "offline" and row["receipt"]
    assert "SecurityCredential" not in row["request_body"]
    with Ledger(app_paths().ledger_file("offline")) as ledger:
        assert ledger.get(row["reference"]).status == "completed"


def test_bad_input_exits_2_names_the_options_and_sends_nothing(lab, capsys):
    code = main(["b2c", "--phone", "0708", "--amount", "5", "--remarks", "x", "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--phone" in err and "--amount" in err and "--remarks" in err
    assert "nothing was sent" in err
    assert lab.request_count == 0


def test_money_moves_only_after_confirmation(lab, capsys, monkeypatch):
    assert main(B2C) == 2
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(B2C) == 2
    prompt = capsys.readouterr().err
    assert "KES 1,500 (one thousand five hundred shillings) to phone 254708374149" in prompt
    assert lab.request_count == 0
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(B2C) == 0
    assert "accepted" in capsys.readouterr().out
    assert [t["amount"] for t in lab.transactions()] == [1500]


def test_every_operation_command(lab, capsys):
    code, paid = cli_json(capsys, *B2C, "--yes", "--wait")
    assert (code, paid["status"]) == (0, "completed")
    code, status = cli_json(capsys, "status", "--reference", paid["reference"], "--wait")
    assert (code, status["status"]) == (0, "completed")
    assert status["operation"] == "transaction_status"
    code, bill = cli_json(capsys, "b2b", "--party-b", "600001", "--amount", "239",
                          "--account-ref", "INV-9", "--remarks", "Stock", "--yes", "--wait")
    assert (code, bill["status"]) == (0, "completed")
    code, balance = cli_json(capsys, "balance", "--wait")
    assert (code, balance["status"]) == (0, "completed")
    code, push = cli_json(capsys, "stk", "--phone", "0708374149", "--amount", "20",
                          "--account-ref", "INV1", "--wait")
    assert (code, push["status"]) == (0, "completed") and push["receipt"]
    code, query = cli_json(capsys, "stk-query", "--reference", push["reference"])
    assert (code, query["status"], query["result_code"]) == (0, "completed", "0")
    code, refund = cli_json(capsys, "reversal", "--receipt", push["receipt"], "--amount", "20",
                            "--remarks", "Overcharged", "--receiver-party", "174379", "--yes",
                            "--wait")
    assert (code, refund["status"]) == (0, "completed")
    code, register = cli_json(capsys, "c2b-register")
    assert (code, register["status"]) == (0, "completed")
    code, simulated = cli_json(capsys, "c2b-simulate", "--amount", "75", "--bill-ref", "ACC7")
    assert (code, simulated["status"]) == (0, "completed")
    operations = [t["operation"] for t in lab.transactions()]
    assert operations.count("b2c") == 1 and operations.count("reversal") == 1


def test_a_failed_payment_exits_3(lab, capsys):
    code, row = cli_json(capsys, "b2c", "--phone", "0711000001", "--amount", "100",
                         "--remarks", "Refund", "--yes", "--wait")
    assert (code, row["status"], row["result_code"]) == (3, "failed", "1")


def test_an_unknown_outcome_exits_5_and_says_to_check_status(lab, capsys):
    lab.set_fault("drop", path="/mpesa/b2c/v3/paymentrequest")
    assert main([*B2C, "--yes"]) == 5
    err = capsys.readouterr().err
    assert "unknown" in err
    # the same payment is refused while its outcome is unknown: nothing is sent twice
    assert main([*B2C, "--yes"]) == 2
    assert "not sent again" in capsys.readouterr().err
    assert len(lab.transactions()) == 1


def test_a_server_that_cannot_be_reached_exits_4(simulator, relay, capsys):
    add_lab_profile(simulator, relay)
    simulator.stop()
    assert main([*B2C, "--yes"]) == 4
    assert "nothing was sent" in capsys.readouterr().err.lower()
    languages.save_language(app_paths().config_dir, languages.SWAHILI)
    assert main([*B2C, "--yes"]) == 4
    assert "seva haikujibu. Hakuna kilichotumwa." in capsys.readouterr().err


def test_caps_and_the_retyped_amount_are_enforced_on_the_command_line(simulator, relay,
                                                                     capsys, monkeypatch):
    add_lab_profile(simulator, relay, per_payment_cap=5000, retype_above=1000)
    assert main(["b2c", "--phone", "0708374149", "--amount", "6000", "--remarks", "Bonus",
                 "--yes"]) == 2
    assert "KES 5,000 per payment" in capsys.readouterr().err
    assert main([*B2C, "--yes"]) == 2
    assert "typed a second time" in capsys.readouterr().err
    assert main([*B2C, "--yes", "--confirm-amount", "1,500"]) == 0
    monkeypatch.setattr("sys.stdin", Terminal("y\n1500\n"))
    assert main(["b2c", "--phone", "0708374150", "--amount", "1500", "--remarks", "Bonus"]) == 0
    assert [t["amount"] for t in simulator.transactions()] == [1500, 1500]


def test_production_with_money_disabled_refuses(capsys):
    store = ConfigStore(app_paths())
    store.add(new_profile("live", "production", initiator="apiop", shortcode="600123",
                          relay_url="https://relay.example.com"))
    Secrets("live").set("relay_callback_secret", "0f1e")
    code = main(["--profile", "live", *B2C, "--yes", "--confirm-amount", "1500"])
    assert code == 2
    assert "turned off" in capsys.readouterr().err
    with Ledger(app_paths().ledger_file("live")) as ledger:
        assert ledger.summary()[0] == 0


def test_the_confirmation_is_asked_in_the_clerks_language(lab, capsys, monkeypatch):
    languages.save_language(app_paths().ensure().config_dir, languages.SWAHILI)
    monkeypatch.setattr("sys.stdin", Terminal("hapana\n"))
    assert main(B2C) == 2
    err = capsys.readouterr().err
    assert ("Tuma KES 1,500 (shilingi elfu moja, mia tano) kwa simu 254708374149, kwa ajili "
            "ya: Refund") in err
    assert "Yatume? [y/N] Haijatumwa." in err
    assert lab.request_count == 0
    monkeypatch.setattr("sys.stdin", Terminal("ndiyo\n"))
    assert main(B2C) == 0
    assert [t["amount"] for t in lab.transactions()] == [1500]
