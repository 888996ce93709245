"""The config file: profiles and the active name survive a round trip; no secret is written."""

from __future__ import annotations

import tomllib

import pytest

from mpesa_desktop.config import ConfigError, ConfigStore, Secrets, new_profile
from mpesa_desktop.config.profiles import OFFLINE
from mpesa_desktop.paths import app_paths
from tests.fixtures.profiles import TEST_SECRETS


def test_fresh_install_has_the_offline_profile_active(config_store):
    assert config_store.names() == [OFFLINE]
    assert config_store.active.name == OFFLINE
    assert config_store.active.base_url is None
    assert config_store.active.certificate == "simulator"
    assert not config_store.path.exists()


def test_round_trip_keeps_every_setting_and_the_active_name(app_home, config_store):
    custom = new_profile(
        "lab.sim",
        "custom",
        base_url="http://127.0.0.1:8999",
        shortcode="600123",
        till_number="600100",
        initiator='clerk "one" \\ two',
        relay_url="https://relay.example.com/base",
        result_url="https://relay.example.com/result",
        per_payment_cap=5000,
        daily_cap=20000,
        retype_above=1000,
        money_enabled=False,
    )
    config_store.add(custom)
    config_store.add(new_profile("live", "production"))
    config_store.use("lab.sim")

    reloaded = ConfigStore(app_paths(app_home))
    assert reloaded.profiles() == config_store.profiles()
    assert reloaded.active == custom
    data = tomllib.loads(reloaded.path.read_text(encoding="utf-8"))
    assert data["active"] == "lab.sim"
    assert data["profiles"]["live"]["money_enabled"] is False


def test_no_secret_reaches_the_config_file(config_store):
    config_store.add(new_profile("sb", "sandbox"))
    secrets = Secrets("sb")
    for name, value in TEST_SECRETS.items():
        secrets.set(name, value)
    config_store.use("sb")
    text = config_store.path.read_text(encoding="utf-8")
    for value in TEST_SECRETS.values():
        assert value not in text


def test_remove_falls_back_to_offline_and_offline_cannot_go(app_home, config_store):
    config_store.add(new_profile("sb", "sandbox"))
    config_store.use("sb")
    config_store.remove("sb")
    assert config_store.active.name == OFFLINE
    assert ConfigStore(app_paths(app_home)).names() == [OFFLINE]
    with pytest.raises(ConfigError, match="cannot be removed"):
        config_store.remove(OFFLINE)


def test_duplicate_unknown_and_kind_change_are_refused(config_store):
    config_store.add(new_profile("sb", "sandbox"))
    with pytest.raises(ConfigError, match="already exists"):
        config_store.add(new_profile("sb", "sandbox"))
    with pytest.raises(ConfigError, match="no profile named 'nope'"):
        config_store.use("nope")
    with pytest.raises(ConfigError, match="kind"):
        config_store.update(new_profile("sb", "custom", base_url="https://x.example.com"))


def test_update_replaces_settings(app_home, config_store):
    config_store.add(new_profile("sb", "sandbox"))
    config_store.update(config_store.get("sb").updated(daily_cap=1234))
    assert ConfigStore(app_paths(app_home)).get("sb").daily_cap == 1234


def test_broken_config_file_gives_a_clear_error(app_home):
    paths = app_paths(app_home)
    paths.ensure()
    paths.config_file.write_text("active = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        ConfigStore(paths)
    paths.config_file.write_text('[profiles.x]\nkind = "sandbox"\ncolour = "red"\n')
    with pytest.raises(ConfigError, match="profile 'x': unknown setting"):
        ConfigStore(paths)
    paths.config_file.write_text('[profiles.x]\nkind = "production"\nbase_url = "http://a.b"\n')
    with pytest.raises(ConfigError, match="base_url: must use https"):
        ConfigStore(paths)


def test_unknown_active_name_falls_back_to_offline(app_home):
    paths = app_paths(app_home)
    paths.ensure()
    paths.config_file.write_text('active = "gone"\n', encoding="utf-8")
    assert ConfigStore(paths).active.name == OFFLINE


def test_threads_sharing_a_store_lose_no_change(app_home, config_store):
    from concurrent.futures import ThreadPoolExecutor

    names = [f"lab{number}" for number in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(
            lambda name: config_store.add(
                new_profile(name, "custom", base_url="http://127.0.0.1:9000")
            ),
            names,
        ))
    assert set(ConfigStore(app_paths(app_home)).names()) == {OFFLINE, *names}
