"""``services.connection`` (Test connection, both faces) against the real simulator over loopback:
always a fresh token request, the new token shared in the keyring as a refresh shares it, and
one sentence for each outcome; ``mpesa-desktop profile test`` says the same and exits 0/2/3/4."""

from __future__ import annotations

import asyncio

import pytest

from mpesa_desktop import cli
from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.config.token_store import KeyringTokenStore
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.connection import OFFLINE_NOT_RUNNING, Outcome, check_connection
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from mpesa_desktop.ui.settings_dialog import SettingsDialog
from tests import cli_support
from tests.fixtures.profiles import TEST_SECRETS

LAB_KEY = "lab-key"  # cli_support.lab_secrets
CONNECTED = "Connected: {url} accepted the consumer key and secret and issued an access token."


def balance_in_another_process(profile_name: str = "lab") -> str:
    """An account balance sent by services opened afresh, as another process opens them (their
    token comes from the keyring store, never from this process's memory)."""
    services = AppServices.open(profile_name=profile_name)
    try:
        return asyncio.run(services.submit("account_balance", {})).status
    finally:
        services.close()


def stored_token(simulator) -> str | None:
    shared = KeyringTokenStore(app_paths().data_dir / "locks").load((simulator.url, LAB_KEY))
    return None if shared is None else shared[0]


def lab_profile():
    return ConfigStore(app_paths()).get("lab")


def test_every_test_asks_the_server_and_shares_the_new_token(simulator, relay, memory_keyring):
    cli_support.add_lab_profile(simulator, relay)
    assert balance_in_another_process() == "accepted"  # a token is stored, fresh
    before, calls = stored_token(simulator), simulator.oauth_calls
    for round_ in (1, 2):
        result = check_connection(app_paths(), lab_profile())
        assert result.outcome is Outcome.CONNECTED
        assert result.message == CONNECTED.format(url=simulator.url)
        assert simulator.oauth_calls == calls + round_  # never the cached token
    assert stored_token(simulator) not in (None, before)
    # The server knocked out the token stored before; the next process finds the new one and
    # needs neither a retry nor another token.
    requests_before = simulator.request_count
    assert balance_in_another_process() == "accepted"
    assert simulator.oauth_calls == calls + 2
    assert simulator.request_count == requests_before + 1


def test_the_settings_dialog_asks_afresh_and_shares_the_new_token(qtbot, simulator, relay):
    """The dialog's Test connection used a token cache of its own process: a stale token could
    pass for a connection, and the token it did fetch knocked out the one the user's other
    processes shared, each of which then failed once before fetching yet another."""
    cli_support.add_lab_profile(simulator, relay)
    assert balance_in_another_process() == "accepted"
    before, calls = stored_token(simulator), simulator.oauth_calls
    simulator.expire_tokens()  # what a cached token may be by now
    dialog = SettingsDialog(ConfigStore(app_paths()), "lab")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=10_000)
    with qtbot.waitSignal(dialog.connection_tested, timeout=10_000) as tested:
        dialog.test_connection()
    assert tested.args == [True, CONNECTED.format(url=simulator.url)]
    assert simulator.oauth_calls == calls + 1
    assert stored_token(simulator) not in (None, before)
    requests_before = simulator.request_count
    assert balance_in_another_process() == "accepted"
    assert (simulator.oauth_calls, simulator.request_count) == (calls + 1, requests_before + 1)


def test_a_refused_key_leaves_the_stored_token_alone(relay, memory_keyring):
    strict = Simulator(SimulatorConfig(callback_delay=0.05, consumer_key=LAB_KEY,
                                       consumer_secret="lab-secret"))
    strict.start()
    try:
        cli_support.add_lab_profile(strict, relay)
        assert check_connection(app_paths(), lab_profile()).ok
        stored = stored_token(strict)
        assert stored is not None
        result = check_connection(app_paths(), lab_profile(),
                                  typed={"consumer_secret": "cs-TESTONLY-wrong"})
        assert result.outcome is Outcome.REFUSED
        assert result.message.startswith("The server answered but refused the consumer key and "
                                          "secret")
        assert stored_token(strict) == stored
    finally:
        strict.stop()


def test_what_cannot_be_asked_is_said_plainly(config_store, stored_secrets, simulator):
    config_store.add(new_profile("lab", "custom", base_url="http://127.0.0.1:9"))
    result = check_connection(app_paths(), config_store.get("lab"))
    assert result.outcome is Outcome.INCOMPLETE
    assert "consumer key is not set for profile 'lab'" in result.message
    stored_secrets("lab")
    result = check_connection(app_paths(), config_store.get("lab"))
    assert result.outcome is Outcome.UNREACHABLE
    assert result.message.startswith("Could not reach the server.")
    offline = config_store.get("offline")
    assert check_connection(app_paths(), offline).message == OFFLINE_NOT_RUNNING
    assert check_connection(app_paths(), offline, base_url=simulator.url).ok  # built-in keys


@pytest.fixture
def run(capsys):
    def run(*argv: str):
        code = cli.main(["profile", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_command_line_tests_the_same_way(run, simulator, relay, config_store,
                                             stored_secrets):
    cli_support.add_lab_profile(simulator, relay)
    code, out, _ = run("test", "lab")
    assert (code, out) == (0, check_connection(app_paths(), lab_profile()).message + "\n")
    config_store.add(new_profile("gone", "custom", base_url="http://127.0.0.1:9"))
    assert run("test", "gone")[0] == 2  # no consumer key
    stored_secrets("gone")
    code, _, err = run("test", "gone")
    assert code == 4 and err.startswith("error: Could not reach the server.")
    code, _, err = run("test", "offline")
    assert (code, err) == (2, f"error: {OFFLINE_NOT_RUNNING}\n")
    assert run("test", "nobody")[0] == 2


def test_the_command_line_says_when_the_keys_are_refused(run, relay, config_store,
                                                         stored_secrets):
    strict = Simulator(SimulatorConfig(callback_delay=0.05, consumer_key="someone-else"))
    strict.start()
    try:
        config_store.add(new_profile("lab", "custom", base_url=strict.url))
        stored_secrets("lab")
        code, out, err = run("test", "lab", "--json")
        assert code == 3 and not err
        assert '"outcome": "refused"' in out and TEST_SECRETS["consumer_secret"] not in out
    finally:
        strict.stop()
