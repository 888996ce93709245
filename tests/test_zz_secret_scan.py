"""After the whole suite: no secret the tests used is on disk or in process arguments.

Named to run last. It scans every file under the session's temporary folder (each test's home
folder holds its config file, SQLite logs and log files; exports and other CSV files live beside
them), plus this process's and its children's command lines and environment, for each value in
the registry of ``tests/fixtures/profiles.py`` (and the Basic-auth form of the test consumer key
and secret). It reports where a secret was found by its label, never by its value.

Secrets the suite cannot list beforehand are looked for by their shape: an access token echoed in
Daraja's 401 message or after ``Bearer``, and a relay's callback path secret in a callback URL
(``/cb/`` and 40 hex digits). A relay's own directory (the one holding its ``secrets.json``)
keeps its secrets by design and is left out of that search. The config file holds a profile's
relay address only: its callback secret is in the keyring like every other secret.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from tests.fixtures.profiles import TEST_SECRETS, registered_secrets

CHUNK = 1 << 20
SHAPES = {
    re.compile(rb"Invalid Access Token - [A-Za-z0-9]{16}"): "access token echoed by Daraja",
    re.compile(rb"Bearer [A-Za-z0-9._~+/=-]{16}"): "Bearer token",
    re.compile(rb"/cb/[0-9a-f]{40}"): "relay callback path secret",
}
SHAPE_OVERLAP = 64
RELAY_SECRETS_FILE = "secrets.json"


def needles() -> dict[bytes, str]:
    """Byte patterns to look for, with their labels."""
    found = {value.encode(): label for value, label in registered_secrets().items()}
    pair = f"{TEST_SECRETS['consumer_key']}:{TEST_SECRETS['consumer_secret']}".encode()
    found[base64.b64encode(pair)] = "consumer key and secret (Basic auth)"
    return found


def files_under(root: Path) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def scan_file(path: Path, patterns: dict[bytes, str]) -> set[str]:
    """Labels of the patterns found in the file, read in chunks (memory stays flat)."""
    overlap = max(len(pattern) for pattern in patterns)
    hits: set[str] = set()
    tail = b""
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                window = tail + chunk
                hits.update(label for pattern, label in patterns.items() if pattern in window)
                tail = window[-overlap:]
    except OSError:
        return hits
    return hits


def app_files_under(root: Path) -> Iterator[Path]:
    """Every file under ``root`` but those in a relay's own directory."""
    for folder, dirs, names in os.walk(root):
        if RELAY_SECRETS_FILE in names:
            dirs.clear()
            continue
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def scan_shapes(path: Path) -> set[str]:
    """Labels of the secret shapes found in the file, read in chunks."""
    hits: set[str] = set()
    tail = b""
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                window = tail + chunk
                hits.update(label for shape, label in SHAPES.items() if shape.search(window))
                tail = window[-SHAPE_OVERLAP:]
    except OSError:
        return hits
    return hits


def scan_files(paths: Iterable[Path], patterns: dict[bytes, str]) -> list[str]:
    return [
        f"{path}: {label}"
        for path in paths
        for label in sorted(scan_file(path, patterns))
    ]


def process_ids() -> list[str]:
    """This process and every descendant still running."""
    pending, seen = [str(os.getpid())], []
    while pending:
        pid = pending.pop()
        seen.append(pid)
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                pending.extend(children.read_text().split())
            except OSError:
                continue
    return seen


def scan_processes(patterns: dict[bytes, str]) -> list[str]:
    problems = []
    for pid in process_ids():
        for part in ("cmdline", "environ"):
            path = Path(f"/proc/{pid}/{part}")
            problems += [f"process {pid} {part}: {label}" for label in scan_file(path, patterns)]
    return problems


def test_the_scanner_finds_a_planted_secret(tmp_path):
    planted = tmp_path / "home" / "data" / "export.csv"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"x" * (CHUNK - 5) + TEST_SECRETS["relay_token"].encode() + b"\n")
    try:
        assert scan_files(files_under(tmp_path), needles()) == [f"{planted}: relay_token"]
    finally:
        planted.unlink()


def test_no_secret_on_disk_or_in_process_arguments(tmp_path_factory):
    patterns = needles()
    root = tmp_path_factory.getbasetemp()
    homes = [path for path in root.glob("*/home") if path.is_dir()]
    problems = scan_files(files_under(root), patterns) + scan_processes(patterns)
    assert problems == [], "secrets found:\n" + "\n".join(problems)
    print(f"scanned {len(homes)} test home folders under {root} and {len(process_ids())} "
          f"process(es) for {len(patterns)} secret values")


def test_the_shape_scanner_finds_planted_secrets_even_in_the_config_not_in_a_relay(tmp_path):
    home = tmp_path / "home" / "data"
    home.mkdir(parents=True)
    planted = home / "ledger.sqlite3"
    planted.write_bytes(b"x" * (CHUNK - 30) + b"Invalid Access Token - BJGFGQXV5aZnw9QKA4TDtu4Xdyf"
                        + b" https://relay.example/cb/" + b"0a" * 20 + b"/result")
    relay = home / "relay" / "offline"
    relay.mkdir(parents=True)
    (relay / RELAY_SECRETS_FILE).write_text('{"callback_secret": "' + "0a" * 20 + '"}')
    (relay / "relay.sqlite3").write_bytes(b"/cb/" + b"0a" * 20)
    (home / "config.toml").write_text('relay_url = "https://relay.example/cb/' + "0a" * 20 + '"')
    try:
        found = {str(path): hits for path in app_files_under(tmp_path)
                 if (hits := scan_shapes(path))}
        assert found == {str(planted): {"access token echoed by Daraja",
                                        "relay callback path secret"},
                         str(home / "config.toml"): {"relay callback path secret"}}
    finally:
        for path in [*home.iterdir(), *relay.iterdir()]:
            if path.is_file():
                path.unlink()


def test_no_token_or_relay_path_secret_in_the_files_the_app_wrote(tmp_path_factory):
    root = tmp_path_factory.getbasetemp()
    problems = [f"{path}: {label}" for path in app_files_under(root)
                for label in sorted(scan_shapes(path))]
    assert problems == [], "secrets found by their shape:\n" + "\n".join(problems)
