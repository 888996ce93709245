"""Test set-up shared by the whole suite.

- Qt runs offscreen (no display needed).
- The OS keychain is replaced by an in-memory keyring backend, fresh for every test; child
  processes get the null backend (``PYTHON_KEYRING_BACKEND``) unless a test names another, so
  none of them reads or writes the user's keychain (the app keeps shared access tokens there).
- ``MPESA_DESKTOP_HOME`` points at a temporary folder, so no test touches the user's files.
- Fixtures for the simulator, ledger, profiles and relay live in ``tests/fixtures/``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

import keyring
import pytest

from tests.memory_keyring import MemoryKeyring

pytest_plugins = [
    "tests.fixtures.simulator",
    "tests.fixtures.ledger",
    "tests.fixtures.postgres",
    "tests.fixtures.profiles",
    "tests.fixtures.relay",
]


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    """Every test gets an empty in-memory keychain."""
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def app_home(tmp_path, monkeypatch):
    """All config and data of the test go under a temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("MPESA_DESKTOP_HOME", str(home))
    return home
