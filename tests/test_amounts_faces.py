"""Every face reads amounts with the one strict reader: a bulk file written by a spreadsheet in
another language, the command line, the window (form and "amount again") and the Python API
refuse ``1500,00``, ``1e3``, ``１５００``... with the field (and row) named, and nothing is sent.

The bulk files are written the way Excel's "CSV UTF-8" writes them when the computer is set to
German or French: a byte-order mark, CRLF line ends, semicolons between cells (the comma is the
decimal mark there), ``1500,00``, ``1.500`` or ``1 500,00`` (a narrow no-break space). They go
through the real ``mpesa-desktop bulk`` in a child process, and the simulator's books show that
nothing was paid.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import uuid

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from mpesa_desktop.api import B2C
from mpesa_desktop.cli import main
from mpesa_desktop.daraja import security
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services.bulk_file import OTHER_LOCALE_FILE, SEMICOLON_COMMA
from mpesa_desktop.ui.confirm import ConfirmDialog
from tests import cli_support, ui_support
from tests.cli_support import add_lab_profile, lab_secrets
from tests.daraja_samples import CALLBACK, INITIATOR_PASSWORD
from tests.ui_support import simulator_count, type_into, wait_confirm

no_terminal = cli_support.no_terminal
lab = cli_support.lab
gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

NNBSP = "\u202f"
B2C_RULE = "must be whole shillings from 10 to 250,000, written like 1,500"
HEADER = ["phone", "amount", "remarks", "name"]
PAYEES = [("0708374149", "Gehalt November", "J\u00fcrgen M\u00fcller"),
          ("0722000111", "Prime novembre", "Ana\u00efs L\u00e9vesque"),
          ("0733000222", "Erstattung", "")]


def spreadsheet_file(tmp_path, amounts: list[str]) -> str:
    """A payee file as Excel's "CSV UTF-8" writes it on a German or French computer."""
    path = tmp_path / "payees.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for (phone, remarks, name), amount in zip(PAYEES, amounts, strict=True):
            writer.writerow([phone, amount, remarks, name])
    return str(path)


def run_cli(relay, *argv: str) -> subprocess.CompletedProcess:
    """``mpesa-desktop ARGV`` in a child process on the lab profile (secrets from the
    environment, as a script on a server would give them)."""
    secrets = {f"MPESA_DESKTOP_LAB_{key.upper()}": value
               for key, value in lab_secrets(relay).items()}
    return subprocess.run([sys.executable, "-m", "mpesa_desktop", *argv],
                          env={**os.environ, **secrets}, capture_output=True, text=True,
                          timeout=120, check=False)


def assert_nothing_paid(simulator, balances: dict) -> None:
    assert simulator.request_count == 0
    assert simulator.transactions() == []
    assert simulator.balances() == balances
    with Ledger(app_paths().ledger_file("lab")) as ledger:
        assert ledger.summary()[0] == 0


# -- the bulk file -------------------------------------------------------------------------------

LOCALE_FILES = [
    pytest.param(["1500,00", "2.000,00", "300,00"], {
        2: "got '1500,00': a decimal comma is not accepted",
        3: "got '2.000,00': a decimal comma is not accepted",
        4: "got '300,00': a decimal comma is not accepted"}, id="german-decimal-comma"),
    pytest.param(["1.500", "2.000", "300"], {
        2: "got '1.500': a dot between thousands is not accepted",
        3: "got '2.000': a dot between thousands is not accepted"}, id="german-dot-thousands"),
    pytest.param([f"1{NNBSP}500,00", "2000", "300"], {
        2: "got '1 500,00': a decimal comma is not accepted"}, id="french-decimal-comma"),
    pytest.param(["1,500", "2000", "300"], {2: SEMICOLON_COMMA}, id="semicolons-and-a-comma"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("amounts", "rows"), LOCALE_FILES)
def test_a_file_from_a_spreadsheet_in_another_language_is_refused_whole(lab, relay, tmp_path,
                                                                         amounts, rows):
    balances = lab.balances()
    done = run_cli(relay, "bulk", spreadsheet_file(tmp_path, amounts), "--yes", "--rate", "50")
    assert done.returncode == 2, done.stderr
    assert "nothing was sent" in done.stderr
    assert f"file: {OTHER_LOCALE_FILE}" in done.stderr
    for row, rule in rows.items():
        line = next(line for line in done.stderr.splitlines()
                    if line.strip().startswith(f"row {row}, amount:"))
        assert rule in line, line
    assert len([line for line in done.stderr.splitlines() if ", amount:" in line]) == len(rows)
    assert_nothing_paid(lab, balances)


def test_a_bad_amount_is_named_by_row_and_cell_with_the_rule(lab, tmp_path, capsys):
    path = tmp_path / "payees.csv"
    path.write_text("phone,amount,remarks\n0708374149,1500,Salary\n0722000111,1e3,Bonus\n"
                    "0733000222,\uff11\uff15\uff10\uff10,Refund\n", encoding="utf-8")
    assert main(["bulk", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert (f"row 3, amount: {B2C_RULE} (got '1e3': an exponent (e) is not accepted)") in err
    assert (f"row 4, amount: {B2C_RULE} (got '\uff11\uff15\uff10\uff10': only the digits 0-9 "
            "are accepted)") in err
    assert OTHER_LOCALE_FILE not in err  # nothing here says another language
    assert lab.request_count == 0


def test_every_accepted_way_of_writing_an_amount_pays_exactly_that(lab, tmp_path, capsys):
    path = tmp_path / "payees.csv"
    path.write_text('phone,amount,remarks\n0708374149,"1,500",Salary\n'
                    "0722000111,KES 2000.00,Salary\n0733000222,300/=,Refund\n"
                    "0744000333,1\u00a0000,Refund\n0755000444,Ksh 450,Tip\n", encoding="utf-8")
    assert main(["bulk", str(path), "--yes", "--rate", "50"]) == 0
    semicolons = spreadsheet_file(tmp_path, ["1600", "2100", "3 000"])  # no comma: unambiguous
    assert main(["bulk", semicolons, "--yes", "--rate", "50"]) == 0
    assert [int(t["amount"]) for t in lab.transactions()] == [
        1500, 2000, 300, 1000, 450, 1600, 2100, 3000]


def test_the_total_typed_again_is_read_strictly(simulator, relay, tmp_path, capsys):
    add_lab_profile(simulator, relay, retype_above=1000)
    path = tmp_path / "payees.csv"
    path.write_text("phone,amount,remarks\n0708374149,1500,Salary\n", encoding="utf-8")
    assert main(["bulk", str(path), "--yes", "--confirm-total", "1500,00"]) == 2
    err = capsys.readouterr().err
    assert ("--confirm-total: must be whole shillings, at least 1, written like 1,500 "
            "(got '1500,00': a decimal comma is not accepted)") in err
    assert simulator.request_count == 0


# -- one payment on the command line -------------------------------------------------------------

def b2c_args(amount: str) -> list[str]:
    return ["b2c", "--phone", "0708374149", "--amount", amount, "--remarks", "Refund", "--yes"]


@pytest.mark.slow
def test_the_command_line_refuses_an_exponent_and_sends_nothing(lab, relay):
    balances = lab.balances()
    done = run_cli(relay, *b2c_args("1e3"))
    assert done.returncode == 2, done.stderr
    assert f"--amount: {B2C_RULE} (got '1e3': an exponent (e) is not accepted)" in done.stderr
    assert_nothing_paid(lab, balances)


@pytest.mark.parametrize(("amount", "reason"), [
    ("1500,00", "a decimal comma is not accepted"),
    ("2.5E+05", "an exponent (e) is not accepted"),
    ("10.000", "a dot between thousands is not accepted"),
    ("\uff11\uff15\uff10\uff10", "only the digits 0-9 are accepted"),
    ("1_500", "underscores are not accepted"),
    ("15,00,000", "digits must be grouped in threes, like 1,500 or 12,345,678"),
    ("1500.50", "cents are not accepted, only .00"),
    ("+1500", "a sign (+ or -) is not accepted"),
    ("USD 100", "only Kenyan shillings (KES) are accepted"),
])
def test_the_command_line_names_the_option_and_the_rule(lab, capsys, amount, reason):
    assert main(b2c_args(amount)) == 2
    assert f"--amount: {B2C_RULE} (got '{amount}': {reason})" in capsys.readouterr().err
    assert lab.request_count == 0


def test_the_amount_typed_again_on_the_command_line_is_read_strictly(simulator, relay, capsys):
    add_lab_profile(simulator, relay, retype_above=1000)
    assert main([*b2c_args("1500"), "--confirm-amount", "1500,00"]) == 2
    assert ("--confirm-amount: must be whole shillings, at least 1, written like 1,500 "
            "(got '1500,00': a decimal comma is not accepted)") in capsys.readouterr().err
    assert simulator.request_count == 0
    assert main([*b2c_args("1500"), "--confirm-amount", "KES 1,500.00"]) == 0
    assert [int(t["amount"]) for t in simulator.transactions()] == [1500]


# -- the Python API ------------------------------------------------------------------------------

@pytest.mark.parametrize(("amount", "reason"), [
    ("1500,00", "a decimal comma is not accepted"),
    ("1e3", "an exponent (e) is not accepted"),
    (1500.5, "cents are not accepted, only .00"),
    (True, "that is not a number"),
    ("\u0661\u0665\u0660\u0660", "only the digits 0-9 are accepted"),
])
def test_the_api_raises_a_validation_error_naming_amount(simulator, amount, reason):
    b2c = B2C(env="sandbox", app_key=f"key-{uuid.uuid4().hex}", app_secret="secret",
              sandbox_url=simulator.url)
    credential = security.security_credential(INITIATOR_PASSWORD,
                                              security.bundled_certificate("simulator"))
    with pytest.raises(ValidationError) as caught:
        b2c.transact(initiator_name="testapi", security_credential=credential,
                     command_id="BusinessPayment", amount=amount, party_a=600000,
                     party_b=254708374149, remarks="Salary", queue_timeout_url=f"{CALLBACK}/t",
                     result_url=f"{CALLBACK}/r")
    assert list(caught.value.errors) == ["amount"]
    assert caught.value.errors["amount"].endswith(f": {reason})")
    assert "amount: must be whole shillings from 10 to 250,000" in str(caught.value)
    assert simulator.request_count == 0


def test_the_api_takes_ints_and_whole_floats(simulator):
    b2c = B2C(env="sandbox", app_key=f"key-{uuid.uuid4().hex}", app_secret="secret",
              sandbox_url=simulator.url)
    credential = security.security_credential(INITIATOR_PASSWORD,
                                              security.bundled_certificate("simulator"))
    for amount in (1500, 2000.0, "KES 3,000"):
        ack = b2c.transact(initiator_name="testapi", security_credential=credential,
                           command_id="BusinessPayment", amount=amount, party_a=600000,
                           party_b=254708374149, remarks="Salary",
                           queue_timeout_url=f"{CALLBACK}/t", result_url=f"{CALLBACK}/r")
        assert ack["ResponseCode"] == "0"
    assert [int(t["amount"]) for t in simulator.transactions()] == [1500, 2000, 3000]


# -- the window ----------------------------------------------------------------------------------

def type_text(editor: QLineEdit, text: str) -> None:
    """Type ``text`` as a keyboard or input method does, one key event a character (QTest's
    keyClicks cannot type characters outside Latin-1, such as full-width digits)."""
    editor.clear()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def test_the_form_refuses_a_decimal_comma_and_sends_nothing(qtbot, gui_window, gui_services):
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, {"party_b": "0708374149", "remarks": "Refund"})
    row = tab.form.rows["amount"]
    for typed, reason in (("1500,00", "a decimal comma is not accepted"),
                          ("1e3", "an exponent (e) is not accepted"),
                          ("\uff11\uff15\uff10\uff10", "only the digits 0-9 are accepted")):
        type_text(row.editor, typed)
        assert row.editor.text() == typed
        assert row.message.isVisible()
        assert row.message.text() == f"Amount (KES) {B2C_RULE} (got '{typed}': {reason})"
        assert not tab.form.send_button.isEnabled()
        qtbot.keyClick(row.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        tab.form.send_button.click()
        qtbot.wait(20)
        assert tab.confirm_dialog is None
    assert simulator_count(gui_services) == 0
    assert gui_services.ledger.summary()[0] == 0

    type_text(row.editor, "KES 1\u00a0500/=")
    assert row.message.text() == "KES 1,500"
    tab.form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    assert dialog.findChild(QLabel, "confirmFigures").text() == "KES 1,500"
    dialog.confirm_button.click()
    assert tab.outcome.summary.text().startswith("Paying KES 1,500 to 254708374149")
    qtbot.waitUntil(lambda: simulator_count(gui_services) == 1)
    assert [int(t["amount"]) for t in gui_services.simulator.transactions()] == [1500]


def test_the_amount_typed_again_says_which_rule_it_breaks(qtbot):
    dialog = ConfirmDialog(title="Confirm payment", action="Pay a customer", amount=5000,
                           recipient="254708374149", purpose="Refund", retype=True, live=True)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.retype_edit, "5000,00")
    assert dialog.retype_hint.isVisible()
    assert dialog.retype_hint.text() == (
        "Amount again must be whole shillings, written like 1,500 "
        "(got '5000,00': a decimal comma is not accepted)")
    assert not dialog.confirm_button.isEnabled()
    assert dialog.confirmed_amount is None
    type_text(dialog.retype_edit, "5\u00a0000")  # a no-break space, as some keyboards type
    assert not dialog.retype_hint.isVisible()
    assert dialog.confirm_button.isEnabled()
    assert dialog.confirmed_amount == 5000
