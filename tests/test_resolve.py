"""A person resolves an unknown payout by hand, with a written reason kept in its history
(issue 9, point 3): ``mpesa-desktop resolve`` through the real dispatcher, and "Resolve…" in the
log tab of the real window; both through ``services.resolve``."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from mpesa_desktop.cli import main
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from mpesa_desktop.ui.resolve_dialog import ResolveDialog
from tests import ui_support
from tests.test_ui_resend import _select

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def offline_log() -> Ledger:
    return Ledger(app_paths().ledger_file("offline"), profile="offline")


def unknown_row(ledger: Ledger, operation: str = "b2c", amount: int = 1500) -> str:
    row = ledger.create(operation, amount=amount, party_a="600000", party_b="254708374149",
                        remarks="Refund")
    return ledger.transition(row.reference, "unknown", source="ack").reference


def test_resolve_from_the_command_line_keeps_the_reason(capsys, app_home):
    with offline_log() as ledger:
        ref = unknown_row(ledger)
    code, out, err = run(capsys, "resolve", ref, "--status", "completed", "--reason",
                         "Seen paid in the M-Pesa portal", "--receipt", "sg632nmuab", "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert (shown["status"], shown["receipt"]) == ("completed", "SG632NMUAB")
    with offline_log() as ledger:
        last = ledger.events(ref)[-1]
        assert (last.old_status, last.new_status, last.source) == ("unknown", "completed", "user")
        assert last.payload["reason"] == "Seen paid in the M-Pesa portal"
        assert "Seen paid in the M-Pesa portal" in ledger.get(ref).result_desc


def test_resolve_refuses_bad_input_and_rows_it_cannot_change(capsys, app_home):
    with offline_log() as ledger:
        ref = unknown_row(ledger)
        query = unknown_row(ledger, "transaction_status", amount=None)
        done = ledger.create("b2c", amount=900, party_a="600000", party_b="254708374149")
        ledger.transition(done.reference, "accepted", source="ack", conversation_id="AG_1")
        ledger.transition(done.reference, "completed", source="callback", conversation_id="AG_1")
    cases = [
        (["resolve", ref, "--status", "failed"], "--reason: is required"),
        (["resolve", ref, "--status", "failed", "--reason", "   "], "--reason: is required"),
        (["resolve", ref, "--status", "paid", "--reason", "x"], "--status: must be completed"),
        (["resolve", ref, "--status", "failed", "--reason", "x", "--receipt", "SG632NMUAB"],
         "--receipt: is only for a payment resolved as completed"),
        (["resolve", ref, "--status", "completed", "--reason", "x", "--receipt", "12"],
         "--receipt: must be a 10-character M-Pesa receipt"),
        (["resolve", query, "--status", "failed", "--reason", "x"], "moves no money"),
        (["resolve", done.reference, "--status", "failed", "--reason", "x"],
         "is 'completed': only a row whose outcome is unknown"),
        (["resolve", "no-such-row", "--status", "failed", "--reason", "x"],
         "REF: no transaction no-such-row"),
    ]
    for argv, message in cases:
        code, _out, err = run(capsys, *argv)
        assert code == 2, argv
        assert message in err, (argv, err)
    with offline_log() as ledger:
        assert [e.new_status for e in ledger.events(ref)] == ["sending", "unknown"]
        assert ledger.get(query).status == "unknown"
        assert ledger.get(done.reference).status == "completed"


def test_resolve_from_the_log_tab(qtbot, gui_window, gui_services):
    with Ledger(gui_services.ledger.path) as other_process:
        ref = unknown_row(other_process, amount=700)
    log = gui_window.log_tab
    _select(qtbot, gui_window, ref)
    qtbot.waitUntil(log.row_actions.resolve_button.isEnabled, timeout=5_000)
    assert not log.row_actions.resend_button.isEnabled()
    log.row_actions.resolve_button.click()
    [dialog] = log.findChildren(ResolveDialog)
    assert dialog.isVisible() and not dialog.resolve_button.isEnabled()
    assert ref in " ".join(label.text() for label in dialog.findChildren(QLabel))
    dialog.outcome_buttons["failed"].click()
    assert not dialog.receipt.isEnabled()
    assert not dialog.resolve_button.isEnabled()  # no reason yet
    qtbot.keyClicks(dialog.reason, "Not in the statement; customer confirms nothing came")
    assert dialog.resolve_button.isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).isDefault()
    dialog.resolve_button.click()
    qtbot.waitUntil(lambda: gui_services.ledger.get(ref).status == "failed", timeout=5_000)
    last = gui_services.ledger.events(ref)[-1]
    assert (last.source, last.payload["reason"]) == (
        "user", "Not in the statement; customer confirms nothing came")
    qtbot.waitUntil(lambda: log.detail.transaction.status == "failed", timeout=5_000)
    assert not log.row_actions.resolve_button.isEnabled()
    assert "Resolved as failed" in log.message.text()
