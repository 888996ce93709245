"""The money guard: money switch, per-payment and daily caps, the retyped amount."""

from __future__ import annotations

from mpesa_desktop.config import new_profile, offline_profile
from mpesa_desktop.config.guard import (
    check_daily_cap,
    check_money_enabled,
    check_per_payment_cap,
    check_retype,
    check_submission,
    needs_retype,
)


def capped():
    return offline_profile().updated(per_payment_cap=1000, daily_cap=2500, retype_above=500)


def rules(violations):
    return [violation.rule for violation in violations]


def test_a_new_production_profile_moves_no_money_until_enabled():
    live = new_profile("live", "production")
    for operation in ("b2c", "b2b", "reversal", "tax_remittance", "stk_push"):
        violation = check_money_enabled(live, operation)
        assert violation and violation.rule == "money_disabled"
        assert "mpesa-desktop profile set live --money-enabled on" in violation.message
    for operation in ("account_balance", "transaction_status", "stk_query", "c2b_register"):
        assert check_money_enabled(live, operation) is None
    assert check_money_enabled(live.updated(money_enabled=True), "b2c") is None


def test_per_payment_cap():
    profile = capped()
    assert check_per_payment_cap(profile, "b2c", 1000) is None
    violation = check_per_payment_cap(profile, "b2c", 1001)
    assert violation.field == "amount"
    assert violation.message == (
        "amount: KES 1,001 is above this profile's limit of KES 1,000 per payment"
    )
    assert check_per_payment_cap(profile, "account_balance", 10**6) is None
    assert check_per_payment_cap(offline_profile(), "b2c", 10**6) is None


def test_daily_cap_counts_today_total():
    profile = capped()
    assert check_daily_cap(profile, "b2b", 500, today_total=2000) is None
    violation = check_daily_cap(profile, "b2b", 501, today_total=2000)
    assert violation.rule == "daily_cap"
    assert "KES 500 left today" in violation.message
    assert "KES 0 left today" in check_daily_cap(profile, "b2c", 10, today_total=3000).message


def test_retyped_amount_above_the_threshold():
    profile = capped()
    assert not needs_retype(profile, "b2c", 500)
    assert needs_retype(profile, "b2c", 501)
    assert not needs_retype(profile, "stk_push", 5000)
    assert check_retype(profile, "b2c", 501, None).rule == "retype_required"
    assert check_retype(profile, "b2c", 501, 510).rule == "retype_mismatch"
    assert check_retype(profile, "b2c", 501, 501) is None


def test_check_submission_lists_every_broken_rule_in_order():
    profile = capped().updated(money_enabled=False)
    assert rules(check_submission(profile, "b2c", 1200, today_total=2000)) == [
        "money_disabled",
        "per_payment_cap",
        "daily_cap",
        "retype_required",
    ]
    assert check_submission(capped(), "b2c", 800, today_total=100, confirmed_amount=800) == []
    assert check_submission(capped(), "account_balance", None) == []
