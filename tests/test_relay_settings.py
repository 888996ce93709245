"""Relay directories (``relay init``): secrets, the environment and its allow-list, limits, file
modes whatever the umask; the allow-list's address rules; log redaction."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from mpesa_desktop import languages
from mpesa_desktop.cli import main
from mpesa_desktop.paths import app_paths
from mpesa_desktop.relay.allowlist import SAFARICOM_ADDRESSES, SourcePolicy
from mpesa_desktop.relay.embedded import EmbeddedRelay
from mpesa_desktop.relay.logs import SecretFilter, redact_path
from mpesa_desktop.relay.settings import (
    SECRETS_FILE,
    SETTINGS_FILE,
    STORE_FILE,
    RelaySettingsError,
    forbidden_url_word,
    init_relay,
    load_settings,
)
from tests.fixtures.relay import b2c_result, stk_callback


def test_init_writes_two_different_secrets_readable_only_by_the_owner(tmp_path):
    settings = init_relay(tmp_path / "relay")
    secrets_path = tmp_path / "relay" / SECRETS_FILE
    assert stat.S_IMODE(secrets_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "relay").stat().st_mode) == 0o700
    assert settings.callback_secret != settings.token
    assert len(settings.callback_secret) >= 40 and len(settings.token) >= 40
    assert settings.callback_base == f"/cb/{settings.callback_secret}"
    assert forbidden_url_word(settings.callback_base) is None
    assert load_settings(tmp_path / "relay") == settings
    assert settings.allow_safaricom_only is False
    assert settings.trusted_proxies == ("127.0.0.1", "::1")
    other = init_relay(tmp_path / "other")
    assert other.callback_secret != settings.callback_secret and other.token != settings.token
    assert settings.token not in repr(settings)
    assert settings.callback_secret not in repr(settings)
    # The non-secret settings file holds no secret.
    settings_text = (tmp_path / "relay" / SETTINGS_FILE).read_text()
    assert settings.token not in settings_text and settings.callback_secret not in settings_text


def test_init_refuses_to_replace_existing_secrets(tmp_path):
    first = init_relay(tmp_path / "relay")
    with pytest.raises(RelaySettingsError, match="already a relay directory"):
        init_relay(tmp_path / "relay")
    assert load_settings(tmp_path / "relay") == first


@pytest.mark.parametrize(
    ("secrets_text", "settings_text", "message"),
    [
        (None, None, "not a relay directory"),
        ("{not json", None, "cannot read it"),
        ('{"token": "t"}', None, "callback_secret is missing"),
        ('{"callback_secret": "a/b", "token": "t"}', None, "only hold letters"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "short"}}', None, "only hold letters"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "\u00e9{"t" * 40}"}}', None,
         "only hold letters"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"a" * 40}"}}', None, "must differ"),
        (f'{{"callback_secret": "{"a" * 20}sql", "token": "{"t" * 40}"}}', None, "refuses"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"allow_safaricom_only": "yes"}', "true or false"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"trusted_proxies": "1.2.3.4"}', "list of addresses"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"environment": "live"}', "environment must be one of sandbox, production"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"limits": [5]}', "limits must be an object"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"limits": {"header_timout": 5}}', "limits.header_timout is not a limit"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"limits": {"header_timeout": 0}}', "header_timeout must be a number of seconds"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"limits": {"max_connections_per_client": 2.5}}', "must be a whole number"),
        (f'{{"callback_secret": "{"a" * 40}", "token": "{"t" * 40}"}}',
         '{"limits": {"body_timeout": true}}', "body_timeout must be a number"),
    ],
)
def test_load_names_what_is_wrong(tmp_path, secrets_text, settings_text, message):
    directory = tmp_path / "relay"
    directory.mkdir()
    if secrets_text is not None:
        (directory / SECRETS_FILE).write_text(secrets_text)
    if settings_text is not None:
        (directory / SETTINGS_FILE).write_text(settings_text)
    with pytest.raises(RelaySettingsError, match=message):
        load_settings(directory)


@pytest.mark.parametrize(
    "url",
    ["https://x/mpesa/cb", "https://Safaricom.example/cb", "https://x/M-PESA", "https://x/EXEC",
     "https://x/cmd", "https://x/SQL", "https://x/query", "https://x/a.exe"],
)
def test_forbidden_url_words_are_found_in_any_case(url):
    assert forbidden_url_word(url) is not None


def test_cli_init_prints_the_callback_base_and_token_as_json(tmp_path, capsys):
    assert main(["relay", "init", "--dir", str(tmp_path / "relay"), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    settings = load_settings(tmp_path / "relay")
    assert printed == {"callback_base": settings.callback_base, "token": settings.token,
                       "callback_secret": settings.callback_secret}

    assert main(["relay", "init", "--dir", str(tmp_path / "relay")]) == 2
    assert "already a relay directory" in capsys.readouterr().err


def test_cli_init_plain_output_names_the_urls(tmp_path, capsys):
    assert main(["relay", "init", "--dir", str(tmp_path / "relay")]) == 0
    out = capsys.readouterr().out
    settings = load_settings(tmp_path / "relay")
    assert f"Callback base path: {settings.callback_base}" in out
    assert f"{settings.callback_base}/result" in out
    assert f"{settings.callback_base}/c2b/confirmation" in out
    assert f"Poller token: {settings.token}" in out


def test_cli_init_speaks_swahili_when_it_is_chosen(tmp_path, app_home, capsys):
    languages.save_language(app_paths(app_home).ensure().config_dir, languages.SWAHILI)
    assert main(["relay", "init", "--dir", str(tmp_path / "relay")]) == 0
    out = capsys.readouterr().out
    settings = load_settings(tmp_path / "relay")
    assert f"Njia ya msingi ya majibu: {settings.callback_base}" in out
    assert f"Tokeni ya poller: {settings.token}" in out
    assert "mpesa-desktop profile set-secret JINA relay_token" in out
    assert main(["relay", "init", "--dir", str(tmp_path / "relay")]) == 2
    assert capsys.readouterr().err.startswith("relay init: ")


def test_cli_relay_refuses_a_missing_or_bad_directory(tmp_path, capsys):
    assert main(["relay"]) == 2
    assert "--dir DIR is required" in capsys.readouterr().err
    assert main(["relay", "--dir", str(tmp_path / "nothing")]) == 2
    assert "not a relay directory" in capsys.readouterr().err
    init_relay(tmp_path / "relay")
    assert main(["relay", "--dir", str(tmp_path / "relay"), "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def test_client_address_believes_forwarded_for_only_from_trusted_proxies():
    policy = SourcePolicy(SAFARICOM_ADDRESSES, trusted_proxies=["127.0.0.1", "10.0.0.0/8"])
    safaricom = "196.201.214.200"
    assert policy.client_address(safaricom, None) == safaricom
    # An untrusted peer's header is ignored.
    assert policy.client_address("203.0.113.9", safaricom) == "203.0.113.9"
    # Through trusted proxies, the right-most untrusted hop is the client.
    assert policy.client_address("127.0.0.1", f"{safaricom}, 10.1.2.3") == safaricom
    assert policy.client_address("127.0.0.1", f"{safaricom}, 203.0.113.9") == "203.0.113.9"
    assert policy.client_address("127.0.0.1", f"[::ffff:{safaricom}]:443") == safaricom
    assert policy.client_address("127.0.0.1", "garbage") == "garbage"
    assert policy.client_address("::ffff:127.0.0.1", "") == "127.0.0.1"
    assert policy.client_address("127.0.0.1", "10.0.0.1, 10.0.0.2") == "10.0.0.1"
    assert policy.client_address(None, None) == "unknown"
    assert policy.allows(safaricom)
    assert not policy.allows("203.0.113.9")
    assert not policy.allows("garbage")
    assert SourcePolicy().allows("203.0.113.9")


def test_allow_list_entries_are_checked():
    with pytest.raises(ValueError, match="not an IP address"):
        SourcePolicy(["196.201.214.300"])


def test_redaction_of_paths_and_log_lines():
    assert redact_path("/cb/0123abcd/result") == "/cb/<secret>/result"
    assert redact_path("/cb/0123abcd") == "/cb/<secret>"
    assert redact_path("/v1/events") == "/v1/events"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "POST %s with %s",
                               ("/cb/s3cr3t/stk", "tok3n"), None)
    assert SecretFilter(["s3cr3t", "tok3n"]).filter(record)
    assert record.getMessage() == "POST /cb/<secret>/stk with <secret>"


def test_a_production_relay_allows_only_safaricom_addresses_by_default(tmp_path, capsys,
                                                                      caplog):
    caplog.set_level(logging.INFO)
    directory = tmp_path / "relay"
    assert main(["relay", "init", "--dir", str(directory), "--production"]) == 0
    assert "only from Safaricom's published addresses" in capsys.readouterr().out
    settings = load_settings(directory)
    assert (settings.environment, settings.allow_safaricom_only) == ("production", True)
    body = b2c_result("oc-prod", "AG_prod")
    with EmbeddedRelay(directory) as relay:
        direct = requests.post(relay.callback_url("result"), json=body, timeout=10)
        # Loopback is a trusted proxy by default: X-Forwarded-For names the real sender.
        from_safaricom = requests.post(relay.callback_url("result"), json=body, timeout=10,
                                       headers={"X-Forwarded-For": SAFARICOM_ADDRESSES[3]})
        kept = relay.store.quarantined()
        stored = relay.store.events_after(0)
    assert direct.status_code == 403
    assert from_safaricom.status_code == 200
    assert [(item.reason, item.source) for item in kept] == [("source not allowed",
                                                              "127.0.0.1")]
    assert [event.source for event in stored] == [SAFARICOM_ADDRESSES[3]]
    assert "production relay: callbacks accepted only from Safaricom's 14 addresses" \
        in caplog.text


def test_the_allow_list_follows_the_environment_unless_set(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    directory = tmp_path / "relay"
    init_relay(directory)
    settings_path = directory / SETTINGS_FILE
    sandbox = load_settings(directory)
    assert (sandbox.environment, sandbox.allow_safaricom_only) == ("sandbox", False)
    settings_path.write_text('{"environment": "production"}')
    assert load_settings(directory).allow_safaricom_only is True
    settings_path.write_text('{"environment": "production", "allow_safaricom_only": false}')
    assert load_settings(directory).allow_safaricom_only is False
    with EmbeddedRelay(directory) as relay:  # an operator turned it off: said at start
        assert requests.post(relay.callback_url("stk"), json=stk_callback("ws", "mr"),
                             timeout=10).status_code == 200
    assert "production relay with allow_safaricom_only false" in caplog.text


def modes(directory: Path) -> dict[str, int]:
    return {path.name: stat.S_IMODE(path.stat().st_mode)
            for path in [directory, *directory.iterdir()]}


def test_relay_files_are_private_whatever_the_umask(tmp_path):
    directory = tmp_path / "deep" / "relay"
    previous = os.umask(0)
    try:
        with EmbeddedRelay(directory) as relay:
            assert requests.post(relay.callback_url("stk"), json=stk_callback("ws", "mr"),
                                 timeout=10).status_code == 200
            found = modes(directory)
    finally:
        os.umask(previous)
    assert found == {"relay": 0o700, SETTINGS_FILE: 0o600, SECRETS_FILE: 0o600,
                     STORE_FILE: 0o600, STORE_FILE + "-wal": 0o600, STORE_FILE + "-shm": 0o600}
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700


def test_files_left_readable_by_version_1_are_tightened(tmp_path):
    directory = tmp_path / "relay"
    with EmbeddedRelay(directory):  # a store on disk, with its WAL
        pass
    for path in directory.iterdir():
        path.chmod(0o644)
    directory.chmod(0o755)
    with EmbeddedRelay(directory):
        found = modes(directory)
    assert found["relay"] == 0o700
    assert {name: mode for name, mode in found.items() if name != "relay"} == {
        name: 0o600 for name in found if name != "relay"}


def test_the_relay_command_creates_private_files_whatever_the_umask(tmp_path):
    directory = tmp_path / "relay"
    created = subprocess.run(
        [sys.executable, "-m", "mpesa_desktop", "relay", "init", "--dir", str(directory),
         "--json"], capture_output=True, text=True, timeout=60, umask=0)
    assert created.returncode == 0, created.stderr
    assert modes(directory) == {"relay": 0o700, SETTINGS_FILE: 0o600, SECRETS_FILE: 0o600}
