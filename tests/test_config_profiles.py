"""Profile kinds, their defaults and the rules on names and URLs."""

from __future__ import annotations

import pytest

from mpesa_desktop.cli.exit_codes import code_for_error
from mpesa_desktop.config import ConfigError, new_profile, offline_profile
from mpesa_desktop.config.profiles import (
    PRODUCTION_URL,
    PUBLIC_STK_SHORTCODE,
    SANDBOX_URL,
)


def test_kind_defaults():
    offline = offline_profile()
    assert (offline.base_url, offline.certificate, offline.money_enabled) == (
        None,
        "simulator",
        True,
    )
    assert (offline.shortcode, offline.till_number, offline.initiator) == (
        "600000",
        "600100",
        "testapi",
    )
    sandbox = new_profile("sb", "sandbox")
    assert sandbox.base_url == SANDBOX_URL
    assert sandbox.certificate == "sandbox"
    assert sandbox.stk_shortcode == PUBLIC_STK_SHORTCODE
    live = new_profile("live", "production")
    assert live.base_url == PRODUCTION_URL
    assert live.certificate == "production"
    assert live.money_enabled is False
    assert live.is_live and live.per_payment_cap and live.daily_cap and live.retype_above
    custom = new_profile("lab", "custom", base_url="http://127.0.0.1:8000")
    assert custom.environment == "custom"


@pytest.mark.parametrize(
    ("kind", "url", "rule"),
    [
        ("production", "http://api.safaricom.co.ke", "must use https for production"),
        ("custom", "http://sim.example.com", "must use https for a custom server"),
        ("custom", "ftp://127.0.0.1", "http:// or https://"),
        ("custom", "https://a.example.com/x y", "must not contain spaces"),
    ],
)
def test_url_rules(kind, url, rule):
    with pytest.raises(ConfigError, match=rule):
        new_profile("p", kind, base_url=url)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_custom_loopback_may_use_http(host):
    assert new_profile("p", "custom", base_url=f"http://{host}:9000").base_url


@pytest.mark.parametrize(
    ("settings", "rule"),
    [
        ({"name": "bad name"}, "profile name must be"),
        ({"name": "offline"}, "only the profile named 'offline'"),
        ({"shortcode": "12ab"}, "shortcode: must be a shortcode of 5 to 9 digits"),
        ({"till_number": "1234567890"}, "till_number: must be a shortcode of 5 to 9"),
        ({"test_msisdn": "0708374149"}, "test_msisdn"),
        ({"per_payment_cap": 0}, "per_payment_cap: must be 1 or more"),
        ({"daily_cap": "100"}, "daily_cap: must be a whole number"),
        ({"colour": "red"}, "unknown profile setting"),
        ({"kind": "live"}, "kind must be one of"),
        ({"result_url": "http://r.example.com/x"}, "result_url: must use https"),
    ],
)
def test_bad_settings_name_the_setting(settings, rule):
    values = {"name": "lab", "kind": "custom", "base_url": "https://s.example.com", **settings}
    name = values.pop("name")
    kind = values.pop("kind")
    with pytest.raises(ConfigError, match=rule):
        new_profile(name, kind, **values)


def test_profile_error_is_a_usage_error():
    with pytest.raises(ConfigError) as caught:
        new_profile("p", "custom")
    assert code_for_error(caught.value) == 2
    assert "base_url: required" in str(caught.value)
