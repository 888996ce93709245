"""``services.profiles``: the one way both faces save profiles, on a real config file and the
in-memory keyring."""

from __future__ import annotations

import pytest

from mpesa_desktop.config import ConfigError, ConfigStore, Secrets, new_profile
from mpesa_desktop.config.profiles import (
    MAX_REPEAT_WINDOW_HOURS,
    PUBLIC_INITIATOR_PASSWORD,
    PUBLIC_STK_PASSKEY,
)
from mpesa_desktop.daraja.security import bundled_certificate
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services.profiles import (
    add_profile,
    parse_settings,
    remove_profile,
    save_profile,
    save_secrets,
    turns_on_live_money,
)
from tests.fixtures.profiles import TEST_SECRETS


def reloaded(app_home) -> ConfigStore:
    return ConfigStore(app_paths(app_home))


def test_settings_typed_as_text_become_what_a_profile_holds():
    assert parse_settings({
        "shortcode": " 600000 ", "relay_url": "", "daily_cap": "50,000", "retype_above": "none",
        "per_payment_cap": "", "repeat_window_hours": " 48 ", "till_number": None,
    }) == {"shortcode": "600000", "relay_url": None, "daily_cap": 50_000, "retype_above": None,
           "per_payment_cap": None, "repeat_window_hours": 48}


@pytest.mark.parametrize(("texts", "message"), [
    ({"daily_cap": "lots"}, "daily_cap: must be a whole number of shillings; empty or 'none' "
                            "means no limit (got 'lots': that is not a number)"),
    ({"repeat_window_hours": "2.5"}, "repeat_window_hours: must be a whole number of hours from "
                                     f"0 (no warning) to {MAX_REPEAT_WINDOW_HOURS} (got '2.5')"),
    ({"repeat_window_hours": "745"}, "repeat_window_hours: must be a whole number of hours from "
                                     f"0 (no warning) to {MAX_REPEAT_WINDOW_HOURS} (got '745')"),
    ({"repeat_window_hours": ""}, "repeat_window_hours: must be a whole number of hours"),
    ({"money_enabled": "yes"}, "money_enabled: not a setting typed as text"),
])
def test_a_bad_setting_is_named_with_its_rule(texts, message):
    with pytest.raises(ConfigError) as refused:
        parse_settings(texts)
    assert str(refused.value).startswith(message)


def test_a_new_sandbox_profile_gets_the_public_test_secrets_unless_others_are_given(
        app_home, config_store, memory_keyring):
    saved = add_profile(config_store, new_profile("sb", "sandbox"),
                        {"consumer_key": TEST_SECRETS["consumer_key"], "stk_passkey": ""})
    assert saved.secrets == ("consumer_key", "initiator_password", "stk_passkey")
    assert saved.in_keyring and saved.missing == ("consumer_secret",)
    secrets = Secrets("sb")
    assert secrets.get("stk_passkey") == PUBLIC_STK_PASSKEY
    assert secrets.get("initiator_password") == PUBLIC_INITIATOR_PASSWORD
    assert reloaded(app_home).get("sb").base_url == "https://sandbox.safaricom.co.ke"
    add_profile(config_store, new_profile("sb2", "sandbox"),
                {"initiator_password": TEST_SECRETS["initiator_password"]})
    assert Secrets("sb2").get("initiator_password") == TEST_SECRETS["initiator_password"]


def test_a_taken_name_or_a_bad_certificate_saves_nothing(app_home, config_store, tmp_path):
    add_profile(config_store, new_profile("lab", "custom", base_url="http://127.0.0.1:9000"))
    with pytest.raises(ConfigError, match=r"^name: a profile named 'lab' already exists$"):
        add_profile(config_store, new_profile("lab", "sandbox"),
                    {"consumer_key": TEST_SECRETS["consumer_key"]})
    assert not Secrets("lab").has("consumer_key")
    notes = tmp_path / "notes.cer"
    notes.write_text("not a certificate")
    with pytest.raises(ConfigError, match=r"certificate: not a PEM or DER X\.509 certificate"):
        add_profile(config_store, new_profile("sb", "sandbox"), certificate=str(notes))
    assert sorted(reloaded(app_home).names()) == ["lab", "offline"]


def test_saving_imports_a_certificate_and_keeps_secrets_not_given(app_home, config_store,
                                                                   tmp_path):
    add_profile(config_store, new_profile("sb", "sandbox"),
                {"consumer_key": TEST_SECRETS["consumer_key"],
                 "relay_token": TEST_SECRETS["relay_token"]})
    source = tmp_path / "newer.cer"
    source.write_bytes(bundled_certificate("simulator"))
    changed = config_store.get("sb").updated(repeat_window_hours=0, daily_cap=1_000)
    saved = save_profile(config_store, changed, {"relay_token": ""}, certificate=str(source))
    assert saved.secrets == ("relay_token",)
    profile = reloaded(app_home).get("sb")
    assert (profile.repeat_window_hours, profile.daily_cap) == (0, 1_000)
    assert profile.certificate.startswith(str(app_paths(app_home).config_dir))
    assert Secrets("sb").get("consumer_key") == TEST_SECRETS["consumer_key"]
    assert not Secrets("sb").has("relay_token")  # an empty value clears
    save_profile(config_store, profile, certificate="production")
    assert reloaded(app_home).get("sb").certificate == "production"


def test_removing_forgets_the_secrets_and_keeps_the_log(app_home, config_store):
    add_profile(config_store, new_profile("sb", "sandbox"),
                {"consumer_key": TEST_SECRETS["consumer_key"]})
    log_file = app_paths(app_home).ledger_file("sb")
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.write_bytes(b"kept")
    remove_profile(config_store, "sb")
    assert "sb" not in reloaded(app_home)
    assert Secrets("sb").stored() == dict.fromkeys(Secrets("sb").stored(), False)
    assert log_file.read_bytes() == b"kept"


def test_secrets_alone(config_store):
    saved = save_secrets(config_store.get("offline"), {"relay_token": TEST_SECRETS["relay_token"]})
    assert saved.missing == () and Secrets("offline").get("relay_token")


def test_only_turning_live_money_on_needs_the_typed_name(config_store):
    live = new_profile("live", "production")
    assert turns_on_live_money(live, True)
    assert not turns_on_live_money(live, False)
    assert not turns_on_live_money(live.updated(money_enabled=True), True)
    assert not turns_on_live_money(new_profile("sb", "sandbox", money_enabled=False), True)
