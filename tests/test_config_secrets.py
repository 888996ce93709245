"""Secrets live in the keyring, or in session memory with a plain message when there is none."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest

from mpesa_desktop.config import Secrets
from mpesa_desktop.config.secrets import (
    NO_BACKEND_MESSAGE,
    SERVICE,
    SessionVault,
    environment_variable,
)
from tests.fixtures.profiles import TEST_SECRETS


def test_secrets_go_to_the_keyring_under_profile_and_name(memory_keyring):
    secrets = Secrets("sb")
    secrets.set("consumer_key", TEST_SECRETS["consumer_key"])
    assert memory_keyring.store == {(SERVICE, "sb/consumer_key"): TEST_SECRETS["consumer_key"]}
    assert secrets.backend_available and secrets.backend_message is None
    assert Secrets("sb").get("consumer_key") == TEST_SECRETS["consumer_key"]
    assert Secrets("other").get("consumer_key") is None
    assert Secrets("sb").stored()["consumer_key"] is True
    secrets.delete("consumer_key")
    secrets.delete("consumer_key")
    assert memory_keyring.store == {}


def test_empty_value_deletes(memory_keyring):
    secrets = Secrets("sb")
    secrets.set("relay_token", TEST_SECRETS["relay_token"])
    secrets.set("relay_token", "")
    assert not secrets.has("relay_token")


def test_repr_never_shows_a_value():
    secrets = Secrets("sb")
    secrets.set("consumer_secret", TEST_SECRETS["consumer_secret"])
    assert TEST_SECRETS["consumer_secret"] not in repr(secrets)
    assert TEST_SECRETS["consumer_secret"] not in repr(secrets.stored())


def test_unknown_secret_name_is_refused():
    with pytest.raises(ValueError, match="unknown secret 'password'"):
        Secrets("sb").set("password", "x")


def test_without_a_keyring_secrets_stay_in_memory_with_a_message():
    keyring.set_keyring(keyring.backends.fail.Keyring())
    secrets = Secrets("sb")
    assert secrets.backend_available is False
    assert secrets.backend_message == NO_BACKEND_MESSAGE
    assert "memory" in NO_BACKEND_MESSAGE and "never written to disk" in NO_BACKEND_MESSAGE
    secrets.set("consumer_key", TEST_SECRETS["consumer_key"])
    # Another wrapper in the same session sees it; nothing went anywhere else.
    assert Secrets("sb").get("consumer_key") == TEST_SECRETS["consumer_key"]
    assert "session memory" in repr(secrets)
    secrets.delete_all()
    assert Secrets("sb").get("consumer_key") is None


def test_a_keyring_failing_later_falls_back_to_memory(memory_keyring):
    secrets = Secrets("sb", vault=SessionVault())
    keyring.set_keyring(keyring.backends.fail.Keyring())
    secrets.set("stk_passkey", TEST_SECRETS["stk_passkey"])
    assert secrets.backend_available is False
    assert secrets.get("stk_passkey") == TEST_SECRETS["stk_passkey"]
    assert memory_keyring.store == {}


def test_a_secret_may_come_from_the_environment(monkeypatch):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert environment_variable("lab.2", "consumer_key") == "MPESA_DESKTOP_LAB_2_CONSUMER_KEY"
    monkeypatch.setenv("MPESA_DESKTOP_LAB_2_CONSUMER_KEY", TEST_SECRETS["consumer_key"])
    assert Secrets("lab.2").get("consumer_key") == TEST_SECRETS["consumer_key"]
    assert Secrets("lab").get("consumer_key") is None
    # What the clerk stores wins over the environment.
    Secrets("lab.2").set("consumer_key", TEST_SECRETS["consumer_secret"])
    assert Secrets("lab.2").get("consumer_key") == TEST_SECRETS["consumer_secret"]
