"""The app's log file tells support what was sent and what became of it, and nothing secret."""

from __future__ import annotations

import io
import json

from mpesa_desktop.app_log import LOG_NAME
from mpesa_desktop.cli import main
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD
from mpesa_desktop.paths import app_paths


def test_a_payout_leaves_its_story_in_the_log_file(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["b2c", "--phone", "0708374149", "--amount", "1500", "--remarks", "Refund",
                 "--yes", "--wait", "--timeout", "30", "--json"])
    assert code == 0
    reference = json.loads(capsys.readouterr().out)["reference"]
    text = (app_paths().log_dir / LOG_NAME).read_text(encoding="utf-8")
    story = [line.split(": ", 1)[1] for line in text.splitlines() if f"b2c {reference}" in line]
    assert f"stored result callback #1 from 127.0.0.1 (ref {reference})" in text
    assert story == [
        f"b2c {reference}: new -> sending",
        f"b2c {reference}: sending -> accepted",
        f"b2c {reference}: accepted -> completed (0)",
    ]
    assert PUBLIC_INITIATOR_PASSWORD not in text
    assert "SecurityCredential" not in text


def test_server_commands_keep_their_own_log(app_home, capsys):
    assert main(["relay", "init", "--dir", str(app_home / "relay"), "--json"]) == 0
    capsys.readouterr()
    assert not (app_paths().log_dir / LOG_NAME).exists()
