"""The app's files are its owner's alone: folders 0700, files 0600, whatever the umask.

Each test runs the real paths under ``umask 000`` (the worst case: without the rule every file
would be world-readable, and writable): a ledger with its ``-wal`` and ``-shm``, the app log and
its rotated files, the config file, a certificate, CSV exports from the command line (in a child
process) and from the window's export dialog. Files left readable by version 1 are tightened
when opened, and the log says so.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpesa_desktop.app_log import LOG_NAME, start_app_log
from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.config.credentials import import_certificate
from mpesa_desktop.daraja.security import bundled_certificate
from mpesa_desktop.ledger import Filters, Ledger
from mpesa_desktop.paths import app_paths
from mpesa_desktop.private_files import open_private, private_dir, private_file, tighten
from mpesa_desktop.ui.export_dialog import ExportDialog
from tests import cli_support, ui_support
from tests.ui_log_support import open_services

gui_loop = ui_support.gui_loop
lab = cli_support.lab


@pytest.fixture
def umask_000() -> Iterator[None]:
    """The whole test runs with ``umask 000`` (restored afterwards)."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def child_env(relay) -> dict[str, str]:
    """A child process's environment: the lab profile's secrets as environment variables."""
    secrets = {f"MPESA_DESKTOP_LAB_{key.upper()}": value
               for key, value in cli_support.lab_secrets(relay).items()}
    return {**os.environ, **secrets}


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def modes_under(root: Path) -> dict[str, str]:
    """Every folder and file under ``root`` (itself included) with its mode, in octal."""
    found = {".": oct(mode(root))}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = oct(mode(path))
    return found


def private(found: dict[str, str], root: Path) -> dict[str, str]:
    """What ``found`` should be: 0700 for folders, 0600 for files."""
    return {name: oct(0o700 if (root / name).is_dir() else 0o600) for name in found}


# -- the ledger --------------------------------------------------------------------------------


def test_a_new_ledger_its_wal_and_shm_are_private(umask_000, app_home):
    paths = app_paths(app_home).ensure()
    with Ledger(paths.ledger_file("offline")) as ledger:
        ledger.create("b2c", amount=1500, party_a="600000", party_b="254708374149")
        files = [ledger.path, *(Path(f"{ledger.path}{suffix}") for suffix in ("-wal", "-shm"))]
        assert [path.exists() for path in files] == [True, True, True]  # WAL mode, still open
        assert {path.name: oct(mode(path)) for path in files} == {
            path.name: oct(0o600) for path in files}
    found = modes_under(app_home)
    assert found == private(found, app_home)


def test_a_ledger_left_readable_by_version_1_is_tightened_on_open(umask_000, app_home, caplog):
    paths = app_paths(app_home)
    path = paths.ledger_file("offline")
    ledgers = path.parent
    ledgers.mkdir(parents=True)  # 0777 under umask 000, as version 1 left them
    with Ledger(path) as ledger:
        ledger.create("b2c", amount=10, party_a="600000", party_b="254708374149")
    os.chmod(path, 0o644)
    for folder in (paths.data_dir, ledgers):
        os.chmod(folder, 0o755)
    caplog.set_level(logging.INFO, logger="mpesa_desktop")
    paths.ensure()
    with Ledger(path) as ledger:
        assert ledger.query()[0].amount == 10
        assert oct(mode(path)) == oct(0o600)
    assert [oct(mode(folder)) for folder in (paths.data_dir, ledgers)] == [
        oct(0o700), oct(0o700)]
    assert f"tightened {path} from 644 to 600 (only its owner may read it)" in caplog.messages
    assert f"tightened {ledgers} from 755 to 700 (only its owner may read it)" in \
        caplog.messages


def test_the_companions_of_a_ledger_are_tightened_too(umask_000, tmp_path):
    path = tmp_path / "shop.sqlite3"
    with Ledger(path) as first:
        first.create("b2c", amount=10, party_a="600000", party_b="254708374149")
        for suffix in ("-wal", "-shm"):
            os.chmod(f"{path}{suffix}", 0o666)
        with Ledger(path):  # a second process opening the same log sees the loose companions
            assert [oct(mode(Path(f"{path}{suffix}"))) for suffix in ("-wal", "-shm")] == [
                oct(0o600), oct(0o600)]


# -- the app log -------------------------------------------------------------------------------


def test_the_app_log_and_its_rotated_files_are_private(umask_000, app_home):
    paths = app_paths(app_home)
    paths.log_dir.mkdir(parents=True)
    loose = paths.log_dir / f"{LOG_NAME}.1"
    loose.write_text("an old rotated file of version 1\n")
    os.chmod(loose, 0o644)
    handler = start_app_log(paths)
    try:
        logging.getLogger("mpesa_desktop.test").info("b2c ref-1: new -> sending")
        handler.doRollover()  # what a full file does: the next file is new
        logging.getLogger("mpesa_desktop.test").info("b2c ref-1: sending -> accepted")
    finally:
        logging.getLogger("mpesa_desktop").removeHandler(handler)
        handler.close()
    found = modes_under(paths.log_dir)
    assert sorted(found) == [".", LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2"]
    assert found == private(found, paths.log_dir)
    # The tightening is in the log itself (now rotated to .1).
    first = (paths.log_dir / f"{LOG_NAME}.1").read_text(encoding="utf-8")
    assert f"tightened {loose} from 644 to 600" in first
    assert "b2c ref-1: sending -> accepted" in (paths.log_dir / LOG_NAME).read_text()


# -- config and certificates -------------------------------------------------------------------


def test_the_config_file_is_private_and_a_loose_one_is_tightened(umask_000, app_home, caplog):
    paths = app_paths(app_home)
    store = ConfigStore(paths)
    store.add(new_profile("shop", "sandbox"))
    assert [oct(mode(paths.config_dir)), oct(mode(paths.config_file))] == [
        oct(0o700), oct(0o600)]
    assert [p.name for p in paths.config_dir.iterdir()] == ["config.toml"]  # no temporary left
    os.chmod(paths.config_file, 0o664)
    caplog.set_level(logging.INFO, logger="mpesa_desktop")
    assert "shop" in ConfigStore(paths)
    assert oct(mode(paths.config_file)) == oct(0o600)
    assert f"tightened {paths.config_file} from 664 to 600 (only its owner may read it)" in \
        caplog.messages


def test_an_imported_certificate_is_private(umask_000, app_home, tmp_path):
    source = tmp_path / "cert.cer"
    source.write_bytes(bundled_certificate("sandbox"))
    stored = Path(import_certificate(app_paths(app_home), "shop", source))
    assert stored.read_bytes() == source.read_bytes()
    assert [oct(mode(stored.parent)), oct(mode(stored))] == [oct(0o700), oct(0o600)]
    assert Path(import_certificate(app_paths(app_home), "shop", stored)).read_bytes() == \
        source.read_bytes()  # importing the stored copy again keeps it whole


# -- the whole app, and exports ----------------------------------------------------------------


def test_a_payout_and_an_export_from_the_command_line_leave_only_private_files(
        umask_000, lab, relay, app_home, tmp_path):
    """Child processes (umask 000) pay through the lab profile and export its log; every
    folder and file they made in the app's home is 0700/0600, and so is the CSV."""
    command = [sys.executable, "-m", "mpesa_desktop", "--profile", "lab"]
    env = child_env(relay)
    paid = subprocess.run([*command, "b2c", "--phone", "0708374149", "--amount", "1500",
                           "--remarks", "Refund", "--yes", "--wait", "--timeout", "30"],
                          env=env, umask=0, capture_output=True, text=True, timeout=120)
    assert paid.returncode == 0, paid.stderr
    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "log.csv"
    target.write_text("an old export, readable by all\n")
    os.chmod(target, 0o666)
    exported = subprocess.run([*command, "export", "--out", str(target), "--force"], env=env,
                              umask=0, capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    assert "1500" in target.read_text(encoding="utf-8")
    assert modes_under(exports) == {".": oct(0o777), "log.csv": oct(0o600)}  # a clerk's folder
    found = modes_under(app_home)
    assert {"config/config.toml", "data/ledgers/lab.sqlite3", f"logs/{LOG_NAME}"} <= set(found)
    assert found == private(found, app_home)


def test_the_export_dialog_writes_a_private_file(umask_000, gui_loop, qtbot, app_home,
                                                  tmp_path):
    with open_services(app_home, rows=40) as services:
        target = tmp_path / "payouts.csv"
        dialog = ExportDialog(services, Filters(operation="b2c"))
        qtbot.addWidget(dialog)
        dialog.path.setText(str(target))
        dialog.show()
        with qtbot.waitSignal(dialog.exported, timeout=10_000):
            dialog.export_button.click()
    assert target.read_text(encoding="utf-8").startswith("created_at,")
    assert oct(mode(target)) == oct(0o600)


# -- the helper's rules ------------------------------------------------------------------------


def test_new_files_are_0600_even_when_the_umask_would_take_the_owners_write(tmp_path):
    previous = os.umask(0o277)
    try:
        folder = private_dir(tmp_path / "a" / "b")
        made = private_file(folder / "made")
        with open_private(folder / "opened", "w") as stream:
            stream.write("x")
    finally:
        os.umask(previous)
    assert [oct(mode(path)) for path in (tmp_path / "a", folder, made, folder / "opened")] == [
        oct(0o700), oct(0o700), oct(0o600), oct(0o600)]


def test_tightening_takes_only_group_and_other_bits(tmp_path, caplog):
    kept = tmp_path / "read-only"
    kept.write_text("x")
    os.chmod(kept, 0o400)
    loose = tmp_path / "loose"
    loose.write_text("x")
    os.chmod(loose, 0o755)
    caplog.set_level(logging.INFO, logger="mpesa_desktop")
    assert tighten(kept) is False and tighten(loose) is True
    assert tighten(tmp_path / "gone") is False
    assert [oct(mode(kept)), oct(mode(loose))] == [oct(0o400), oct(0o700)]
    assert caplog.messages == [f"tightened {loose} from 755 to 700 (only its owner may read it)"]


def test_a_ledger_opened_while_another_process_reads_it_survives(tmp_path):
    """Making the log private must never open (or create) the WAL's companions under SQLite: a
    process that did died of SIGBUS when a reader elsewhere reset the shared memory."""
    for trial in range(5):
        path = tmp_path / f"trial{trial}" / "ledger.sqlite3"
        child = subprocess.Popen([sys.executable, "-c", (
            "from mpesa_desktop.ledger import Ledger\n"
            f"with Ledger({str(path)!r}) as ledger:\n"
            "    ledger.create('b2c', amount=5, party_a='600000', party_b='254708374149')\n")])
        while child.poll() is None:  # read as the window and the tests do, as fast as we can
            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            except sqlite3.Error:
                continue
            try:
                conn.execute("SELECT count(*) FROM transactions").fetchone()
            except sqlite3.Error:
                pass
            finally:
                conn.close()
        assert child.returncode == 0, f"trial {trial}: the writer died ({child.returncode})"
