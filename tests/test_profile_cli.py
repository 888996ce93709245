"""``mpesa-desktop profile ...`` run in-process; secrets only ever through stdin or a prompt."""

from __future__ import annotations

import io
import json

import keyring
import keyring.backends.fail
import pytest

from mpesa_desktop import cli, languages
from mpesa_desktop.config import ConfigStore, Secrets
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD, PUBLIC_STK_PASSKEY
from mpesa_desktop.config.secrets import SERVICE
from mpesa_desktop.daraja.security import bundled_certificate
from mpesa_desktop.paths import app_paths
from tests.fixtures.profiles import TEST_SECRETS


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def run(monkeypatch, capsys):
    def run(*argv: str, stdin: str = "", tty: bool = False):
        monkeypatch.setattr("sys.stdin", Tty(stdin) if tty else io.StringIO(stdin))
        code = cli.main(["profile", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def secret_lines(**values: str) -> str:
    return "".join(f"{key}={value}\n" for key, value in values.items())


def store(app_home) -> ConfigStore:
    return ConfigStore(app_paths(app_home))


def test_list_on_a_fresh_install(run):
    code, out, _ = run("list")
    assert code == 0
    assert out.split()[:3] == ["*", "offline", "offline"]
    code, out, _ = run("list", "--json")
    assert json.loads(out) == [
        {
            "name": "offline",
            "kind": "offline",
            "base_url": None,
            "active": True,
            "money_enabled": True,
        }
    ]


def test_add_sandbox_with_secrets_from_stdin(run, app_home, memory_keyring):
    stdin = "# my app\n" + secret_lines(
        consumer_key=TEST_SECRETS["consumer_key"],
        consumer_secret=TEST_SECRETS["consumer_secret"],
    )
    code, out, err = run("add", "sb", "--kind", "sandbox", "--secrets-from-stdin", stdin=stdin)
    assert code == 0, err
    assert "Added profile 'sb'" in out
    assert "consumer key, consumer secret" in out
    assert TEST_SECRETS["consumer_key"] not in out + err
    keys = memory_keyring.store
    assert keys[(SERVICE, "sb/consumer_key")] == TEST_SECRETS["consumer_key"]
    # Safaricom's public sandbox values are filled in for the clerk.
    assert keys[(SERVICE, "sb/initiator_password")] == PUBLIC_INITIATOR_PASSWORD
    assert keys[(SERVICE, "sb/stk_passkey")] == PUBLIC_STK_PASSKEY
    assert store(app_home).get("sb").base_url == "https://sandbox.safaricom.co.ke"
    assert store(app_home).active_name == "offline"


def test_add_custom_with_settings_then_use(run, app_home):
    code, _, err = run(
        "add", "lab", "--kind", "custom", "--base-url", "http://127.0.0.1:9000",
        "--shortcode", "600111", "--per-payment-cap", "5,000", "--daily-cap", "20000",
        "--certificate", "simulator", "--use",
    )
    assert code == 0, err
    profile = store(app_home).active
    assert (profile.name, profile.shortcode, profile.per_payment_cap, profile.daily_cap) == (
        "lab", "600111", 5000, 20000,
    )
    assert "Still to set: consumer key (mpesa-desktop profile set-secret lab2 consumer_key)" in (
        run("add", "lab2", "--kind", "custom", "--base-url", "http://127.0.0.1:1")[1]
    )


def test_show_lists_settings_and_which_secrets_are_set_never_values(run, stored_secrets):
    run("add", "sb", "--kind", "sandbox")
    stored_secrets("sb")
    code, out, _ = run("show", "sb")
    assert code == 0
    assert "apicrypt.safaricom.co.ke" in out and "2016-11-11" in out
    assert "consumer_key" in out and "set" in out
    for value in TEST_SECRETS.values():
        assert value not in out
    details = json.loads(run("show", "sb", "--json")[1])
    assert details["secrets"]["relay_token"] is True
    assert details["settings"]["stk_shortcode"] == "174379"


def test_bad_input_names_the_setting_and_changes_nothing(run, app_home):
    code, _, err = run("add", "lab", "--kind", "custom", "--base-url", "http://sim.example.com")
    assert code == 2
    assert "base_url: must use https" in err
    code, _, err = run("add", "lab", "--kind", "custom", "--base-url", "https://a.example.com",
                       "--daily-cap", "lots")
    assert code == 2 and "daily_cap: must be a whole number" in err
    code, _, err = run("add", "lab", "--kind", "custom", "--base-url", "https://a.example.com",
                       "--per-payment-cap", "1500,00")  # never a cap of 150,000
    assert code == 2 and "per_payment_cap: must be a whole number of shillings; empty or " \
        "'none' means no limit (got '1500,00': a decimal comma is not accepted)" in err
    code, _, err = run("add", "lab", "--kind", "custom", "--base-url", "https://a.example.com",
                       "--secrets-from-stdin", stdin="password=x\n")
    assert code == 2 and "unknown secret 'password'" in err
    assert store(app_home).names() == ["offline"]
    assert run("show", "nope")[0] == 2


def test_production_needs_confirmation(run, app_home):
    code, _, err = run("add", "live", "--kind", "production")
    assert code == 2 and "--yes-live" in err
    assert "live" not in store(app_home)
    code, out, _ = run("add", "live", "--kind", "production", "--yes-live")
    assert code == 0 and "Money operations are off" in out
    assert store(app_home).get("live").money_enabled is False

    code, _, err = run("use", "live")
    assert code == 2
    assert store(app_home).active_name == "offline"
    code, _, err = run("use", "live", stdin="LIVE\n", tty=True)
    assert code == 2 and "Not confirmed" in err
    code, out, _ = run("use", "live", stdin="live\n", tty=True)
    assert code == 0 and "Active profile: live" in out
    assert store(app_home).active_name == "live"


def test_turning_on_live_money_needs_confirmation(run, app_home):
    run("add", "live", "--kind", "production", "--yes-live")
    assert run("set", "live", "--money-enabled", "on")[0] == 2
    assert store(app_home).get("live").money_enabled is False
    assert run("set", "live", "--money-enabled", "on", stdin="live\n", tty=True)[0] == 0
    assert store(app_home).get("live").money_enabled is True
    assert run("set", "live", "--money-enabled", "off", "--retype-above", "none")[0] == 0
    profile = store(app_home).get("live")
    assert (profile.money_enabled, profile.retype_above) == (False, None)


def test_set_changes_and_clears_settings(run, app_home, tmp_path):
    run("add", "lab", "--kind", "custom", "--base-url", "http://127.0.0.1:9000",
        "--relay-url", "http://127.0.0.1:9100")
    certificate = tmp_path / "new.cer"
    certificate.write_bytes(bundled_certificate("simulator"))
    code, _, err = run("set", "lab", "--relay-url", "", "--certificate", str(certificate))
    assert code == 0, err
    profile = store(app_home).get("lab")
    assert profile.relay_url is None
    assert profile.certificate.startswith(str(app_paths(app_home).config_dir))


def test_set_secret_from_stdin_and_from_a_hidden_prompt(run, monkeypatch, memory_keyring):
    run("add", "sb", "--kind", "sandbox")
    code, out, _ = run("set-secret", "sb", "relay_token", stdin=TEST_SECRETS["relay_token"] + "\n")
    assert code == 0 and "Stored the relay token" in out
    assert Secrets("sb").get("relay_token") == TEST_SECRETS["relay_token"]

    prompts = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return TEST_SECRETS["consumer_secret"]

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    code, out, _ = run("set-secret", "sb", "consumer_secret", tty=True)
    assert code == 0
    assert prompts == ["consumer secret for sb (hidden; empty clears): "]
    assert Secrets("sb").get("consumer_secret") == TEST_SECRETS["consumer_secret"]
    assert run("set-secret", "sb", "relay_token", stdin="\n")[1].startswith("Cleared")
    assert not Secrets("sb").has("relay_token")


def test_interactive_add_prompts_for_secrets(run, monkeypatch):
    answers = iter([TEST_SECRETS["consumer_key"], TEST_SECRETS["consumer_secret"], "", ""])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    code, _, _ = run("add", "sb", "--kind", "sandbox", tty=True)
    assert code == 0
    assert Secrets("sb").get("consumer_key") == TEST_SECRETS["consumer_key"]
    assert Secrets("sb").get("initiator_password") == PUBLIC_INITIATOR_PASSWORD


def test_remove_deletes_secrets_keeps_the_log_and_falls_back(run, app_home, stored_secrets):
    run("add", "lab", "--kind", "custom", "--base-url", "http://127.0.0.1:9000", "--use")
    stored_secrets("lab")
    code, out, _ = run("remove", "lab")
    assert code == 0
    assert "transaction log is kept" in out and "Active profile: offline" in out
    assert Secrets("lab").stored() == dict.fromkeys(Secrets("lab").stored(), False)
    assert run("remove", "offline")[0] == 2


def test_without_a_keyring_the_cli_says_so_and_keeps_secrets_in_memory(run, app_home):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    stdin = secret_lines(consumer_key=TEST_SECRETS["consumer_key"])
    code, out, err = run("add", "sb", "--kind", "sandbox", "--secrets-from-stdin", stdin=stdin)
    assert code == 0
    assert "Stored in memory for this session" in out
    assert "No system keyring was found" in err
    assert "set these environment variables instead: MPESA_DESKTOP_SB_CONSUMER_KEY" in err
    assert Secrets("sb").get("consumer_key") == TEST_SECRETS["consumer_key"]
    assert TEST_SECRETS["consumer_key"] not in store(app_home).path.read_text()


def test_profile_commands_speak_swahili_when_it_is_chosen(run, app_home):
    languages.save_language(app_paths(app_home).ensure().config_dir, languages.SWAHILI)
    stdin = secret_lines(consumer_key=TEST_SECRETS["consumer_key"])
    code, out, _ = run("add", "lab", "--kind", "custom", "--base-url", "http://127.0.0.1:9000",
                       "--secrets-from-stdin", stdin=stdin)
    assert code == 0
    assert "Wasifu 'lab' (" in out and ") umeongezwa." in out
    assert "Wasifu 'lab' (Seva maalum) umeongezwa." in out  # the kind as the window says it
    assert "Zimehifadhiwa kwenye hifadhi ya siri: Ufunguo wa mtumiaji (consumer key)." in out
    assert "Bado haijawekwa: Siri ya mtumiaji (consumer secret) (mpesa-desktop profile " \
        "set-secret lab consumer_secret)" in out
    code, out, _ = run("show", "lab")
    assert code == 0 and "taarifa za cheti" in out and "consumer_key" in out
    assert "imewekwa" in out and "haijawekwa" in out
    code, _, err = run("show", "nope")
    assert code == 2 and "hakuna wasifu unaoitwa 'nope'" in err


def test_a_bad_setting_is_refused_in_swahili_when_it_is_chosen(run, app_home):
    languages.save_language(app_paths(app_home).ensure().config_dir, languages.SWAHILI)
    code, out, err = run("add", "live", "--kind", "production", "--base-url",
                         "http://api.example.co.ke", "--yes-live")
    assert code == 2 and out == ""
    assert err == "hitilafu: base_url: lazima itumie https katika mazingira halisi\n"
    code, _, err = run("set", "offline", "--daily-cap", "0")
    assert code == 2
    assert err == "hitilafu: daily_cap: lazima iwe 1 au zaidi\n"
    assert "live" not in store(app_home)
