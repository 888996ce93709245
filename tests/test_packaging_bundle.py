"""The built app, as a clerk's computer gets it: ``python packaging/build.py --tarball`` builds the
one-folder bundle and the Linux tarball; the bundle's executable, started offscreen on a first
start (a fresh home, the offline profile), opens its window, pays a customer from its command line
and answers ``--version``, keeping its data in the user's standard folders and writing nothing
beside the program; the tarball installs a menu entry and uninstalls leaving the data unless
asked. The bundle's size and start-up time are printed as ratios to the source run (no timing is
asserted)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from mpesa_desktop import __version__
from mpesa_desktop.app_log import LOG_NAME
from mpesa_desktop.paths import HOME_ENV
from mpesa_desktop.ui.desktop_entry import APP_ID, ICON_NAME
from tests import packaging_support

ROOT = Path(__file__).resolve().parent.parent
NAME = "mpesa-desktop"
WINDOW_OPEN = f"{NAME} {__version__}: window open on profile offline"
START_RUNS = 3

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]
program_folder = packaging_support.program_folder


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[Path, Path]]:
    """(the bundle's folder, the tarball), built once for this module, outside pytest's temporary
    folder (see ``packaging_support``)."""
    with tempfile.TemporaryDirectory(prefix="mpesa-build-") as folder:
        out = Path(folder)
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist",
                        str(out / "dist"), "--work", str(out / "work"), "--tarball"],
                       check=True, stdout=subprocess.DEVNULL)
        tarballs = list((out / "dist").glob(f"{NAME}-{__version__}-linux-*.tar.gz"))
        assert len(tarballs) == 1
        yield out / "dist" / NAME, tarballs[0]


def desktop_env(home: Path) -> dict[str, str]:
    """A clerk's session: their own home, the standard folders (no ``--home``), no display."""
    env = {key: value for key, value in os.environ.items()
           if key != HOME_ENV and not key.startswith("XDG_")}
    return {**env, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file and link under ``folder``: its mode and content digest."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = (0, os.readlink(path))
        elif path.is_file():
            found[key] = (path.stat().st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            found[key] = (path.stat().st_mode, "folder")
    return found


def run(argv: list[str], home: Path, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=desktop_env(home), cwd=cwd, capture_output=True, text=True,
                          timeout=120, **kwargs)


def standard_paths(command: list[str], home: Path, cwd: Path) -> dict[str, Path]:
    """The folders the app names for ``home`` (``mpesa-desktop paths --json``)."""
    answer = run([*command, "paths", "--json"], home, cwd, check=True)
    return {key: Path(value) for key, value in json.loads(answer.stdout).items()
            if isinstance(value, str)}


def open_and_close_window(command: list[str], home: Path, cwd: Path) -> float:
    """Start the app with no command (its window) on a first start; the seconds until its log
    says the window is open. Then close it as the desktop does at log-out (SIGTERM): it exits 0,
    which it does only once its window was open and closed (the last window closing ends it)."""
    log_file = standard_paths(command, home, cwd)["log_dir"] / LOG_NAME
    started = time.perf_counter()
    process = subprocess.Popen(command, env=desktop_env(home), cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = started + 90
        while not (log_file.exists() and WINDOW_OPEN in log_file.read_text("utf-8")):
            assert process.poll() is None, f"the app stopped: {process.communicate()[0]}"
            assert time.perf_counter() < deadline, "the window did not open"
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=60)[0]
        assert process.returncode == 0, output
        return seconds
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def installed_size(name: str, seen: set[str]) -> int:
    """Bytes of distribution ``name`` and of what it requires (extras aside), each once."""
    dist = importlib.metadata.distribution(name)
    key = dist.metadata["Name"].lower().replace("_", "-")
    if key in seen:
        return 0
    seen.add(key)
    size = sum(path.stat().st_size for file in dist.files or []
               if (path := Path(str(file.locate()))).is_file())
    for line in dist.requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            size += installed_size(requirement.name, seen)
    return size


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts)


def test_the_bundle_answers_its_version(built, tmp_path):
    bundle, _tarball = built
    answer = run([str(bundle / NAME), "--version"], tmp_path, tmp_path, check=True)
    assert answer.stdout.strip() == f"{NAME} {__version__}"


def test_a_first_start_opens_the_window_pays_and_writes_nothing_beside_the_program(
        built, tmp_path):
    bundle, _tarball = built
    app = [str(bundle / NAME)]
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    before = snapshot(bundle)

    open_and_close_window(app, home, cwd)
    paid = run([*app, "b2c", "--phone", "0708374149", "--amount", "1500", "--remarks",
                "Refund of deposit", "--yes", "--wait", "--json"], home, cwd)
    assert paid.returncode == 0, paid.stdout + paid.stderr
    payout = json.loads(paid.stdout)
    assert (payout["status"], payout["amount"], payout["phone"]) == (
        "completed", 1500, "254708374149")
    assert payout["receipt"]
    listed = json.loads(run([*app, "log", "--json"], home, cwd, check=True).stdout)
    assert [(row["reference"], row["status"]) for row in listed["transactions"]] == [
        (payout["reference"], "completed")]

    folders = standard_paths(app, home, cwd)
    assert folders["data_dir"] == home / ".local" / "share" / NAME
    assert folders["config_dir"] == home / ".config" / NAME
    assert (folders["data_dir"] / "ledgers" / "offline.sqlite3").is_file()
    assert (folders["log_dir"] / LOG_NAME).is_file()
    assert snapshot(bundle) == before
    assert list(cwd.iterdir()) == []


def test_start_up_and_size_against_the_source_run(built, tmp_path):
    bundle, _tarball = built
    runs: dict[str, list[float]] = {"bundle": [], "source": []}
    commands = {"bundle": [str(bundle / NAME)], "source": [sys.executable, "-m", "mpesa_desktop"]}
    for round_ in range(START_RUNS):  # interleaved, so load from other processes falls on both
        for kind, command in commands.items():
            home = tmp_path / f"{kind}-{round_}"
            home.mkdir()
            runs[kind].append(open_and_close_window(command, home, tmp_path))
    bundle_start, source_start = (statistics.median(runs[k]) for k in ("bundle", "source"))
    bundle_size = folder_size(bundle)
    source_size = installed_size("mpesa-desktop", set()) + sum(
        folder_size(ROOT / folder) for folder in ("mpesa_desktop", "resources"))
    print(f"\nfirst start to window open, median of {START_RUNS}: bundle {bundle_start:.2f} s, "
          f"source {source_start:.2f} s, ratio {bundle_start / source_start:.2f} (goal < 2)")
    print(f"size: bundle {bundle_size / 2**20:.0f} MiB, the source run's app and dependencies "
          f"{source_size / 2**20:.0f} MiB (Python itself aside), ratio "
          f"{bundle_size / source_size:.2f}")


def test_the_tarball_installs_a_menu_entry_and_uninstalls_keeping_the_data_unless_purged(
        built, tmp_path, program_folder):
    _bundle, tarball = built
    with tarfile.open(tarball) as archive:
        archive.extractall(program_folder / "unpacked", filter="tar")
    (top,) = (program_folder / "unpacked").iterdir()
    home, prefix = tmp_path / "home", program_folder / "prefix"
    home.mkdir()

    run([str(top / "install.sh"), str(prefix)], home, tmp_path, check=True)
    command = prefix / "bin" / NAME
    program = prefix / "lib" / NAME
    assert run([str(command), "--version"], home, tmp_path, check=True).stdout.strip() == (
        f"{NAME} {__version__}")
    share = prefix / "share"
    entry = (share / "applications" / f"{APP_ID}.desktop").read_text("utf-8")
    assert f'Exec="{program / NAME}"' in entry.splitlines()
    hicolor = share / "icons" / "hicolor"
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg").is_file()
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    validated = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)],
                               capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout
    assert f'<release version="{__version__}"' in metainfo.read_text("utf-8")

    paid = run([str(command), "b2c", "--phone", "0708374149", "--amount", "200", "--remarks",
                "Lunch refund", "--yes", "--wait"], home, tmp_path)
    assert paid.returncode == 0, paid.stdout + paid.stderr
    data = standard_paths([str(command)], home, tmp_path)["data_dir"]
    ledger = data / "ledgers" / "offline.sqlite3"
    assert ledger.is_file()

    removed = run([str(program / "uninstall.sh")], home, tmp_path, check=True)
    assert f"kept {data}" in removed.stdout
    assert not program.exists() and not command.exists() and not command.is_symlink()
    # Every file it installed is gone (the desktop's own caches, such as mimeinfo.cache written
    # by update-desktop-database where it exists, are shared by every application and stay).
    shipped = [path.relative_to(top / "share") for path in (top / "share").rglob("*")
               if path.is_file()]
    assert shipped and [path for path in shipped if (share / path).exists()] == []
    assert ledger.is_file()

    # An update (a reinstall) finds the log; --purge deletes it with the program.
    run([str(top / "install.sh"), str(prefix)], home, tmp_path, check=True)
    listed = json.loads(run([str(command), "log", "--json"], home, tmp_path, check=True).stdout)
    assert [row["amount"] for row in listed["transactions"]] == [200]
    purged = run([str(program / "uninstall.sh"), "--purge"], home, tmp_path, check=True)
    assert f"deleted {data}" in purged.stdout
    assert not data.exists() and not program.exists()
