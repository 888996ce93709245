"""One OAuth token per (base URL, consumer key) across processes (issue 9, point 5).

Daraja invalidates the previous token whenever a new one is issued, and so does the simulator.
Real child processes (``tests/token_worker.py``, the command line) pay through ONE simulator on
loopback, on one profile, with a keyring they share (``tests/file_keyring.py``, selected in each
child through ``PYTHON_KEYRING_BACKEND``): the simulator counts every OAuth call and every request.
The in-process tests drive two caches over one ``KeyringTokenStore`` (two processes' views of it).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from mpesa_desktop.config import ConfigStore, Secrets
from mpesa_desktop.config.token_store import KeyringTokenStore, token_username
from mpesa_desktop.daraja.token_cache import TokenCache, shared_cache
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.runtime import runtime_token_cache
from tests.cli_support import add_lab_profile
from tests.file_keyring import FILE_KEYRING_ENV, FileKeyring
from tests.fixtures.profiles import register_test_secret
from tests.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[1]
BALANCE_PATH = "/mpesa/accountbalance/v1/query"
WORKERS = 4
PER_BATCH = 3
KEY = ("http://127.0.0.1:9", "consumer-key")


@pytest.fixture
def shared_keyring(monkeypatch):
    """A file-backed keyring for this process and its children, in a folder of its own."""
    with tempfile.TemporaryDirectory(prefix="mpesa-test-keyring-") as folder:
        path = Path(folder) / "keyring.json"
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.file_keyring.FileKeyring")
        monkeypatch.setenv(FILE_KEYRING_ENV, str(path))
        backend = FileKeyring(path)
        previous = keyring.get_keyring()
        keyring.set_keyring(backend)
        try:
            yield backend
        finally:
            keyring.set_keyring(previous)


class Workers:
    """Child processes running ``tests.token_worker``, each ready (services open) once built."""

    def __init__(self, count: int, per_batch: int):
        self.children = [
            subprocess.Popen([sys.executable, "-m", "tests.token_worker", str(per_batch)],
                             cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(count)]
        for child in self.children:
            assert child.stdout is not None
            assert child.stdout.readline() == "ready\n", self.failure(child)

    def batch(self) -> list[list[str]]:
        """Tell every child to send its batch at once; the statuses each one got."""
        for child in self.children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        answers = []
        for child in self.children:
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line, self.failure(child)
            answers.append(json.loads(line))
        return answers

    def failure(self, child: subprocess.Popen[str]) -> str:
        child.kill()
        _out, err = child.communicate(timeout=30)
        return f"a worker failed:\n{err}"

    def close(self) -> None:
        for child in self.children:
            assert child.stdin is not None
            child.stdin.close()
        for child in self.children:
            child.wait(timeout=60)
            if child.stdout is not None:
                child.stdout.close()
            if child.stderr is not None:
                child.stderr.close()
        assert [child.returncode for child in self.children] == [0] * len(self.children)


@pytest.fixture
def workers(shared_keyring, simulator, relay):
    """The lab profile paying through the simulator, and WORKERS child processes on it."""
    add_lab_profile(simulator, relay)
    group = Workers(WORKERS, PER_BATCH)
    try:
        yield group
    finally:
        group.close()


def shared_tokens(backend: FileKeyring) -> list[str]:
    """The access tokens in the shared keyring (registered with the end-of-suite secret scan)."""
    tokens = [json.loads(value)["token"] for name, value in backend.entries().items()
              if "access-token" in name]
    for token in tokens:
        register_test_secret(token, "access token")
    return tokens


def files_holding(folder: Path, secret: str) -> list[Path]:
    return [path for path in folder.rglob("*")
            if path.is_file() and secret.encode() in path.read_bytes()]


@pytest.mark.slow
def test_processes_on_one_profile_share_one_token(workers, simulator, shared_keyring, app_home):
    answers = workers.batch()
    assert answers == [["accepted"] * PER_BATCH] * WORKERS
    assert simulator.oauth_calls == 1
    # every request went through first time: none was refused for its token and sent again
    assert simulator.stats()["paths"][BALANCE_PATH] == WORKERS * PER_BATCH
    [token] = shared_tokens(shared_keyring)
    assert files_holding(app_home, token) == []
    [lock] = (app_home / "data" / "locks").iterdir()
    assert lock.stat().st_size == 0


@pytest.mark.slow
def test_an_invalidated_token_is_refreshed_once_for_every_process(workers, simulator,
                                                                   shared_keyring):
    workers.batch()
    [first] = shared_tokens(shared_keyring)
    assert simulator.expire_tokens() == 1  # as when something else takes a new token
    answers = workers.batch()
    assert answers == [["accepted"] * PER_BATCH] * WORKERS
    assert simulator.oauth_calls == 2
    # each process's first request met the dead token once and was sent again once
    assert simulator.stats()["paths"][BALANCE_PATH] == 2 * WORKERS * PER_BATCH + WORKERS
    [second] = shared_tokens(shared_keyring)
    assert second != first
    assert workers.batch() == [["accepted"] * PER_BATCH] * WORKERS
    assert simulator.oauth_calls == 2


@pytest.mark.slow
def test_the_command_line_uses_the_token_of_the_open_window(workers, simulator):
    workers.batch()
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "mpesa_desktop", "balance", "--json"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["status"] == "accepted"
    assert workers.batch() == [["accepted"] * PER_BATCH] * WORKERS
    assert simulator.oauth_calls == 1
    assert simulator.stats()["paths"][BALANCE_PATH] == 2 * WORKERS * PER_BATCH + 2


# -- in one process: two caches over one store stand for two processes ------------------------


class Issuer:
    """Hands out T1, T2, ... with a fixed lifetime, counting calls."""

    def __init__(self, lifetime: float = 3599.0):
        self.lifetime = lifetime
        self.issued = 0

    def __call__(self) -> tuple[str, float]:
        self.issued += 1
        return f"T{self.issued}", self.lifetime


class WallClock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_second_process_takes_the_stored_token_instead_of_fetching(tmp_path, memory_keyring):
    store, issuer = KeyringTokenStore(tmp_path / "locks"), Issuer()
    first, second = TokenCache(store=store), TokenCache(store=store)
    assert first.get(KEY, issuer) == "T1"
    assert second.get(KEY, issuer) == "T1"
    assert issuer.issued == 1
    assert "T1" in memory_keyring.store[("mpesa-desktop", token_username(*KEY))]
    assert all(value != "consumer-key" and "consumer-key" not in name
               for (_service, name), value in memory_keyring.store.items())


def test_a_token_stale_in_the_store_is_fetched_once_for_both(tmp_path):
    wall = WallClock()
    store, issuer = KeyringTokenStore(tmp_path / "locks"), Issuer(lifetime=600)
    first = TokenCache(store=store, wall_clock=wall)
    second = TokenCache(store=store, wall_clock=wall)
    assert first.get(KEY, issuer) == "T1"
    wall.now += 541  # past the 60 s margin by the clock processes share
    assert second.get(KEY, issuer) == "T2"
    assert TokenCache(store=store, wall_clock=wall).get(KEY, issuer) == "T2"
    assert issuer.issued == 2


def test_invalidation_drops_the_stored_token_only_if_it_is_the_one_that_failed(tmp_path):
    store, issuer = KeyringTokenStore(tmp_path / "locks"), Issuer()
    first, second = TokenCache(store=store), TokenCache(store=store)
    assert first.get(KEY, issuer) == second.get(KEY, issuer) == "T1"
    first.invalidate(KEY, "T1")  # the first to meet the error refreshes for everyone
    assert first.get(KEY, issuer) == "T2"
    second.invalidate(KEY, "T1")  # the second finds T2 stored and keeps it
    assert second.get(KEY, issuer) == "T2"
    assert issuer.issued == 2
    assert first.get(KEY, issuer) == "T2"


def test_a_keyring_that_fails_leaves_each_process_its_own_token(tmp_path, caplog):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    store, issuer = KeyringTokenStore(tmp_path / "locks"), Issuer()
    first, second = TokenCache(store=store), TokenCache(store=store)
    assert (first.get(KEY, issuer), second.get(KEY, issuer)) == ("T1", "T2")
    first.invalidate(KEY, "T1")
    assert first.get(KEY, issuer) == "T3"
    assert "could not read the shared access token (NoKeyringError)" in caplog.text
    assert "T1" not in caplog.text


def balance_through_the_services(profile_name: str | None = None) -> str:
    services = AppServices.open(profile_name=profile_name)
    try:
        return asyncio.run(services.submit("account_balance", {})).status
    finally:
        services.close()


def token_entries(backend: MemoryKeyring) -> list[str]:
    return [name for (_service, name) in backend.store if name.startswith("access-token")]


def test_the_services_keep_a_profiles_token_in_the_keyring(simulator, relay, memory_keyring):
    add_lab_profile(simulator, relay)
    assert balance_through_the_services() == "accepted"
    assert token_entries(memory_keyring) == [token_username(simulator.url, "lab-key")]


def test_offline_tokens_stay_in_the_process(memory_keyring):
    # the embedded simulator's address is new on every run: a stored token would be litter
    assert balance_through_the_services("offline") == "accepted"
    assert token_entries(memory_keyring) == []


def test_without_a_keyring_backend_the_token_is_shared_in_the_process_only(simulator, relay):
    add_lab_profile(simulator, relay)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    profile = ConfigStore(app_paths()).get("lab")
    cache = runtime_token_cache(app_paths(), profile, Secrets("lab"))
    assert cache is shared_cache and not cache.shared
