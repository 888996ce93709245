"""``log``, ``export``, ``demo-data`` and ``paths`` run in-process through the real dispatcher
(and once in a subprocess, to read its output through a pipe)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

from mpesa_desktop import languages
from mpesa_desktop.cli import main
from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_data_then_log_and_summary(capsys, app_home):
    code, out, _ = run(capsys, "demo-data", "--rows", "600", "--seed", "4")
    assert code == 0 and "added 600 rows" in out
    code, out, _ = run(capsys, "log", "--json", "--limit", "20")
    assert code == 0
    listing = json.loads(out)
    assert listing["count"] == 600 and len(listing["transactions"]) == 20
    first = listing["transactions"][0]
    assert first["created_at"].endswith("+03:00") and first["profile"] == "offline"
    assert {row["status"] for row in listing["transactions"]} <= {"completed", "failed",
                                                                 "rejected"}
    code, out, _ = run(capsys, "log", "--status", "failed", "--operation", "b2c",
                       "--limit", "5")
    assert code == 0 and "failed" in out and out.strip().splitlines()[-1].startswith("showing")


def test_log_filters_by_phone_in_local_form(capsys, app_home):
    with Ledger(app_paths().ledger_file("offline")) as ledger:
        mine = ledger.create("b2c", amount=700, party_b="254712345678", remarks="Refund")
        ledger.create("b2c", amount=900, party_b="254799999999")
    code, out, _ = run(capsys, "log", "--phone", "0712 345 678", "--json")
    listing = json.loads(out)
    assert code == 0 and listing["count"] == 1 and listing["total"] == 700
    assert listing["transactions"][0]["reference"] == mine.reference
    code, out, _ = run(capsys, "log", "--text", "refund", "--min-amount", "500")
    assert code == 0 and mine.reference in out and "KES 700" in out


def test_export_with_filters_columns_and_excel(capsys, app_home, tmp_path):
    run(capsys, "demo-data", "--rows", "300", "--seed", "9")
    out_file = tmp_path / "completed.csv"
    code, out, _ = run(capsys, "export", "--out", str(out_file), "--status", "completed",
                       "--columns", "created_at,status,amount,remarks", "--excel")
    assert code == 0 and "rows to" in out
    data = out_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert header == ["created_at", "status", "amount", "remarks"]
    assert rows and {row[1] for row in rows} == {"completed"}
    assert out == f"Exported {len(rows):,} rows to {out_file}\n"  # the window's sentence too


def test_export_never_replaces_a_file_without_force(capsys, app_home, tmp_path):
    run(capsys, "demo-data", "--rows", "50", "--seed", "9")
    out_file = tmp_path / "month.csv"
    out_file.write_text("accounting's own notes\n", encoding="utf-8")
    code, _, err = run(capsys, "export", "--out", str(out_file))
    assert code == 2 and "already exists; add --force" in err
    assert out_file.read_text(encoding="utf-8") == "accounting's own notes\n"
    code, _, _ = run(capsys, "export", "--out", str(out_file), "--force")
    assert code == 0 and out_file.read_text(encoding="utf-8").startswith("created_at")


def test_bad_input_is_named_and_exits_2(capsys, app_home, tmp_path):
    code, _, err = run(capsys, "log", "--status", "paid")
    assert code == 2 and "--status" in err and "status must be one of" in err
    code, _, err = run(capsys, "log", "--from", "28/11/2026")
    assert code == 2 and "--from: must be a date like 2026-11-28" in err
    code, _, err = run(capsys, "export", "--out", str(tmp_path / "x.csv"), "--columns", "secret")
    assert code == 2 and "unknown column 'secret'" in err
    code, _, err = run(capsys, "export", "--out", str(tmp_path / "missing" / "x.csv"))
    assert code == 2 and "--out" in err
    code, _, err = run(capsys, "export", "--out", str(tmp_path))
    assert (code, err) == (2, f"mpesa-desktop: --out: {tmp_path} is a folder; give a file name\n")
    code, _, err = run(capsys, "log", "--text", "Ka")
    assert code == 2 and "--text: give at least 3 characters" in err
    code, _, err = run(capsys, "demo-data", "--rows", "0")
    assert code == 2 and "--rows" in err
    code, _, err = run(capsys, "--profile", "nobody", "log")
    assert code == 2 and "no profile named 'nobody'" in err


def test_demo_data_never_touches_a_real_profile(capsys, app_home):
    paths = app_paths()
    ConfigStore(paths).add(new_profile("shop", "sandbox"))
    code, _, err = run(capsys, "--profile", "shop", "demo-data", "--rows", "10")
    assert code == 2 and "only goes into an offline profile" in err
    assert not paths.ledger_file("shop").exists()


def test_log_uses_the_chosen_or_active_profile(capsys, app_home):
    paths = app_paths()
    store = ConfigStore(paths)
    store.add(new_profile("shop", "sandbox"))
    with Ledger(paths.ledger_file("shop"), profile="shop") as ledger:
        ledger.create("b2c", amount=123, party_b="254708374149")
    assert json.loads(run(capsys, "log", "--json")[1])["count"] == 0
    assert json.loads(run(capsys, "--profile", "shop", "log", "--json")[1])["total"] == 123
    store.use("shop")
    assert json.loads(run(capsys, "log", "--json")[1])["total"] == 123


def test_paths(capsys, app_home):
    ConfigStore(app_paths()).add(new_profile("shop", "sandbox"))
    code, out, _ = run(capsys, "paths", "--json")
    places = json.loads(out)
    assert code == 0
    assert places["config_dir"].startswith(str(app_home))
    assert places["ledgers"]["offline"].endswith("offline.sqlite3")
    assert places["ledgers"]["shop"].endswith("shop.sqlite3")
    code, out, _ = run(capsys, "paths")
    assert code == 0 and "log shop:" in out and "data_dir:" in out


def test_log_piped_into_a_reader_that_stops_early_ends_quietly(app_home):
    """``mpesa-desktop log --json | head``: no BrokenPipeError traceback when head exits."""
    env = {**os.environ, "MPESA_DESKTOP_HOME": str(app_home)}
    command = [sys.executable, "-m", "mpesa_desktop"]
    subprocess.run([*command, "demo-data", "--rows", "3000", "--seed", "3"], env=env,
                   check=True, capture_output=True, timeout=120)
    with subprocess.Popen([*command, "log", "--json", "--limit", "3000"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.read(200)
        process.stdout.close()  # what head does after its lines
        err = process.stderr.read().decode()
        process.wait(timeout=60)
    assert first.startswith(b"[") or first.startswith(b"{")
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_the_log_commands_speak_the_clerks_language(capsys, app_home):
    languages.save_language(app_paths().ensure().config_dir, languages.SWAHILI)
    code, out, _ = run(capsys, "demo-data", "--rows", "3", "--seed", "4")
    assert code == 0 and out.startswith("miamala 3 imeongezwa kwenye ")
    code, out, _ = run(capsys, "log")
    assert code == 0 and out.splitlines()[-1].startswith("miamala 3; jumla KES ")
    code, _, err = run(capsys, "log", "--limit", "0")
    assert code == 2 and err == "mpesa-desktop: --limit: lazima iwe 1 au zaidi\n"
    code, out, err = run(capsys, "log", "--json", "--status", "lost")
    assert code == 2 and out == ""
    assert err.startswith("mpesa-desktop: --status: hali lazima iwe mojawapo ya ")
