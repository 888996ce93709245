"""Fixtures and helpers of the in-process command-line tests (``tests/test_bulk.py``,
``tests/test_cli_operations.py``).

A test module takes the fixtures by name after ``from tests import cli_support`` and
``lab = cli_support.lab`` (and ``no_terminal = cli_support.no_terminal``, autouse: standard input
is not a terminal unless a test puts a ``Terminal`` there). ``child_env`` is the environment of
a child process (a real ``mpesa-desktop`` command) paying through the lab profile.
"""

from __future__ import annotations

import io
import os
import sqlite3

import pytest

from mpesa_desktop.config import ConfigStore, Secrets, new_profile
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD, PUBLIC_STK_PASSKEY
from mpesa_desktop.paths import app_paths


class Terminal(io.StringIO):
    """Standard input that says it is a terminal, with the clerk's answers in it."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def lab_secrets(relay) -> dict[str, str]:
    """The secrets of the lab profile: the simulator's public values and the relay's token."""
    return {"consumer_key": "lab-key", "consumer_secret": "lab-secret",
            "initiator_password": PUBLIC_INITIATOR_PASSWORD, "stk_passkey": PUBLIC_STK_PASSKEY,
            "relay_token": relay.token,
            "relay_callback_secret": relay.settings.callback_secret}


def child_env(relay, consumer_key: str = "lab-key") -> dict[str, str]:
    """The environment of a child process paying through the lab profile. Each child of a race
    gets its own consumer key: the simulator, as Daraja, invalidates a key's token when it issues
    the next one (sharing one token between processes is another matter than this one)."""
    secrets = {f"MPESA_DESKTOP_LAB_{key.upper()}": value
               for key, value in {**lab_secrets(relay), "consumer_key": consumer_key}.items()}
    return {**os.environ, **secrets, "PYTHONUNBUFFERED": "1"}


def add_lab_profile(simulator, relay, name: str = "lab", **settings) -> None:
    """A custom profile ``name`` (made active) paying through the simulator fixture."""
    store = ConfigStore(app_paths())
    store.add(new_profile(name, "custom", base_url=simulator.url, shortcode="600000",
                          b2c_shortcode="600000", stk_shortcode="174379", initiator="testapi",
                          test_msisdn="254708374149", relay_url=relay.base_url,
                          **settings))
    store.use(name)
    secrets = Secrets(name)
    for key, value in lab_secrets(relay).items():
        secrets.set(key, value)


@pytest.fixture
def lab(simulator, relay):
    """The lab profile, active; returns the simulator it pays through."""
    add_lab_profile(simulator, relay)
    return simulator


def statuses(path) -> list[str]:
    """The log's statuses, read without opening a Ledger (another process is writing)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:  # not created yet
        return []
    try:
        return [row[0] for row in conn.execute("SELECT status FROM transactions ORDER BY id")]
    except sqlite3.Error:
        return []
    finally:
        conn.close()
