"""The sub-commands generated from the catalogue, in-process (``mpesa_desktop.cli.main``): KRA tax
paid offline end to end, B2Pochi and Dynamic QR checked and sent to their declared paths, help
written from the field rules, and ``--timeout`` refused unless a number of seconds above 0.

The tests marked NEEDS BRANCH ``sim`` need the simulator's B2Pochi and Dynamic QR handlers
(``/mpesa/b2pochi/v1/paymentrequest``, ``/mpesa/qrcode/v1/generate``): until that branch is merged
the simulator answers those paths 404 and those tests fail.
"""

from __future__ import annotations

import json

import pytest

from mpesa_desktop.catalogue import B2POCHI, DYNAMIC_QR, KRA_SHORTCODE
from mpesa_desktop.cli import main
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from tests import cli_support
from tests.cli_support import Terminal

no_terminal = cli_support.no_terminal
lab = cli_support.lab

TAX = ["tax", "--prn", "KRA2026A0042", "--amount", "12,500", "--remarks", "VAT March"]
POCHI = ["b2pochi", "--phone", "0708374149", "--amount", "700", "--remarks", "Supplies"]
QR = ["qr", "--merchant-name", "Mama Mboga", "--ref", "INV-77", "--amount", "350",
      "--cpi", "174379"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def cli_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def refused_by_argparse(capsys, *argv: str) -> str:
    """Run a command line argparse must refuse (exit 2); its message."""
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    assert caught.value.code == 2
    return capsys.readouterr().err


def offline_rows() -> list:
    with Ledger(app_paths().ledger_file("offline")) as ledger:
        return ledger.query()


def test_a_new_user_pays_kra_tax_offline_and_waits_for_the_result(capsys):
    code, row = cli_json(capsys, *TAX, "--yes", "--wait", "--timeout", "30")
    assert code == 0
    assert (row["operation"], row["status"], row["amount"]) == ("tax_remittance", "completed",
                                                                12500)
    assert row["receipt"] and row["account_reference"] == "KRA2026A0042"
    body = row["request_body"]
    assert body["CommandID"] == "PayTaxToKRA" and body["PartyB"] == KRA_SHORTCODE
    assert body["AccountReference"] == "KRA2026A0042"
    assert "SecurityCredential" not in body


def test_tax_is_confirmed_with_kra_and_the_prn_named(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(TAX) == 2
    prompt = capsys.readouterr().err
    assert ("KES 12,500 (twelve thousand five hundred shillings) to business 572572, "
            "account KRA2026A0042, for: VAT March") in prompt
    assert offline_rows() == []


def test_bad_tax_input_names_the_options_and_rules_and_sends_nothing(lab, capsys):
    code = main(["tax", "--prn", "P" * 14, "--amount", "0", "--remarks", "x" * 101, "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--prn: at most 13 characters" in err
    assert "--amount: must be whole shillings, at least 1" in err
    assert "--remarks: at most 100 characters" in err
    assert lab.request_count == 0


def test_bad_b2pochi_input_names_the_options_and_rules_and_sends_nothing(lab, capsys):
    code = main(["b2pochi", "--phone", "0612345678", "--amount", "5", "--remarks", "x",
                 "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--phone: must be a Kenyan mobile number" in err
    assert "--amount: must be 10 to 250,000 shillings" in err
    assert "--remarks: must be 2 to 100 characters" in err
    assert "nothing was sent" in err
    assert lab.request_count == 0


def test_b2pochi_takes_no_command_id_and_is_confirmed_to_the_phone(lab, capsys, monkeypatch):
    err = refused_by_argparse(capsys, *POCHI, "--command-id", "BusinessPayment", "--yes")
    assert "unrecognized arguments: --command-id" in err
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(POCHI) == 2
    assert ("KES 700 (seven hundred shillings) to phone 254708374149, for: Supplies"
            in capsys.readouterr().err)
    assert lab.request_count == 0


def test_b2pochi_goes_to_its_declared_path_with_its_command_id(lab, capsys):
    lab.set_fault("error_500", path=B2POCHI.path)  # refused, with or without the handler
    code, answer = cli_json(capsys, *POCHI, "--yes")
    assert code == 3
    assert lab.stats()["paths"].get(B2POCHI.path) == 1
    row = answer["transaction"]
    assert (row["operation"], row["status"]) == ("b2pochi", "rejected")
    assert row["request_body"]["CommandID"] == "BusinessPayToPochi"
    assert row["request_body"]["PartyB"] == "254708374149"
    assert "SecurityCredential" not in row["request_body"]


# NEEDS BRANCH `sim`: the simulator's B2Pochi handler (/mpesa/b2pochi/v1/paymentrequest).
def test_a_new_user_pays_a_pochi_wallet_offline_and_waits_for_the_result(capsys):
    code, row = cli_json(capsys, *POCHI, "--yes", "--wait", "--timeout", "30")
    assert (code, row["operation"], row["status"]) == (0, "b2pochi", "completed")
    assert row["receipt"] and row["amount"] == 700


def test_bad_qr_input_names_the_options_and_rules_and_sends_nothing(lab, capsys, tmp_path):
    code = main([*QR, "--size", "700", "--trx-code", "XX", "--ref", "R" * 13])
    err = capsys.readouterr().err
    assert code == 2
    assert "--size: must be one of: 300, 400, 500, 600" in err
    assert "--trx-code: must be one of: BG, WA, PB, SM, SB" in err
    assert "--ref: at most 12 characters" in err
    assert lab.request_count == 0


@pytest.mark.parametrize(("name", "words"), [
    ("qr.jpg", "ending in .png"),
    ("missing/qr.png", "does not exist"),
    ("kept.png", "already exists"),
])
def test_qr_save_must_be_a_new_png_file(lab, capsys, tmp_path, name, words):
    kept = tmp_path / "kept.png"
    kept.write_bytes(b"the clerk's own picture")
    err = refused_by_argparse(capsys, *QR, "--save", str(tmp_path / name))
    assert "argument --save" in err and words in err
    assert kept.read_bytes() == b"the clerk's own picture"
    assert lab.request_count == 0


def test_a_refused_qr_goes_to_its_declared_path_and_writes_no_file(lab, capsys, tmp_path):
    lab.set_fault("error_500", path=DYNAMIC_QR.path)  # refused, with or without the handler
    target = tmp_path / "qr.png"
    assert main([*QR, "--save", str(target)]) == 3
    assert lab.stats()["paths"].get(DYNAMIC_QR.path) == 1
    assert not target.exists()


# NEEDS BRANCH `sim`: the simulator's Dynamic QR handler (/mpesa/qrcode/v1/generate).
def test_a_new_user_saves_a_qr_code_as_png(capsys, tmp_path):
    target = tmp_path / "till.png"
    assert main([*QR, "--trx-code", "bg", "--save", str(target)]) == 0
    out = capsys.readouterr().out
    assert "completed" in out and f"QR code saved to {target}" in out
    assert target.read_bytes().startswith(PNG_SIGNATURE)
    [row] = offline_rows()
    assert (row.operation, row.status) == ("dynamic_qr", "completed")


@pytest.mark.parametrize("seconds", ["-5", "0", "nan", "inf", "soon"])
@pytest.mark.parametrize("command", [["b2c", "--phone", "0708374149", "--amount", "100",
                                      "--remarks", "Refund", "--yes", "--wait"],
                                     ["balance", "--wait"],
                                     ["bulk", "payees.csv", "--yes", "--wait"]],
                         ids=["b2c", "balance", "bulk"])
def test_a_timeout_must_be_seconds_above_0(lab, capsys, command, seconds):
    err = refused_by_argparse(capsys, *command, "--timeout", seconds)
    assert "argument --timeout: must be a number of seconds above 0" in err
    assert lab.request_count == 0


def test_help_is_written_from_the_field_rules(capsys):
    with pytest.raises(SystemExit):
        main(["b2c", "--help"])
    # argparse wraps the help: compare it with the lines joined
    text = " ".join(capsys.readouterr().out.split())
    assert "--amount AMOUNT Amount: whole shillings, 10 to 250,000" in text
    assert "--remarks REMARKS Remarks: 2 to 100 characters" in text
    assert "one of BusinessPayment, SalaryPayment, PromotionPayment" in text
    assert "--occasion OCCASION Occasion: optional, up to 100 characters" in text
    assert "--party-a PARTY_A Paying shortcode: 5 to 9 digits (default: the profile's)" in text
    assert "--phone PHONE Phone number: a Kenyan mobile number, e.g. 0712345678; " \
           "the customer's phone" in text
    with pytest.raises(SystemExit):
        main(["qr", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Size (pixels): one of 300, 400, 500, 600 (default 300)" in text
