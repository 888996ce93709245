"""Caps and the money switch hold through both faces: the services (GUI) and the command line."""

from __future__ import annotations

import asyncio
import io

import pytest

from mpesa_desktop import cli
from mpesa_desktop.ledger import Filters
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.errors import GuardError
from mpesa_desktop.simulator import SimulatorConfig


@pytest.fixture
def run(monkeypatch, capsys):
    def run(*argv: str):
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def b2c(amount: int, sink) -> dict:
    return {
        "party_b": "254708374149",
        "amount": amount,
        "remarks": "guard check",
        "command_id": "BusinessPayment",
        "result_url": sink.url("/result"),
        "queue_timeout_url": sink.url("/timeout"),
    }


def submit(app_home, profile: str | None, *payments, confirmed_amount=None):
    """Submit each payment in turn on a fresh AppServices; the results or GuardErrors."""

    async def go():
        services = AppServices.open(
            app_paths(app_home), profile, simulator_config=SimulatorConfig(callback_delay=0.05)
        )
        outcomes = []
        try:
            for fields in payments:
                try:
                    outcomes.append(
                        await services.submit("b2c", fields, confirmed_amount=confirmed_amount)
                    )
                except GuardError as error:
                    outcomes.append(error)
            rows = services.ledger.summary(Filters())[0]
        finally:
            await services.aclose()
        return outcomes, rows

    return asyncio.run(go())


def test_caps_through_the_services(run, app_home, callback_sink):
    assert run("profile", "set", "offline", "--per-payment-cap", "1000",
               "--daily-cap", "1500")[0] == 0
    outcomes, rows = submit(
        app_home, None, b2c(1200, callback_sink), b2c(900, callback_sink), b2c(700, callback_sink)
    )
    first, second, third = outcomes
    assert isinstance(first, GuardError) and first.kind == "per_payment_cap"
    assert str(first) == "amount: KES 1,200 is above this profile's limit of KES 1,000 per payment"
    assert second.status == "accepted"
    assert isinstance(third, GuardError) and third.kind == "daily_cap"
    assert "KES 600 left today" in str(third)
    assert rows == 1  # refused payments were never written, let alone sent


def test_retype_through_the_services(run, app_home, callback_sink):
    run("profile", "set", "offline", "--retype-above", "500")
    (refused,), _ = submit(app_home, None, b2c(800, callback_sink))
    assert isinstance(refused, GuardError) and refused.field == "confirmed_amount"
    (mismatch,), _ = submit(app_home, None, b2c(800, callback_sink), confirmed_amount=880)
    assert isinstance(mismatch, GuardError)
    (sent,), rows = submit(app_home, None, b2c(800, callback_sink), confirmed_amount=800)
    assert sent.status == "accepted" and rows == 1


def test_money_switch_through_the_services(run, app_home, custom_profile, callback_sink, simulator):
    run("profile", "set", custom_profile.name, "--money-enabled", "off")
    (refused,), rows = submit(app_home, custom_profile.name, b2c(100, callback_sink))
    assert isinstance(refused, GuardError) and refused.kind == "money_disabled"
    assert rows == 0 and simulator.transactions() == []


def test_caps_through_the_command_line(run, app_home, callback_sink):
    run("profile", "set", "offline", "--per-payment-cap", "1000", "--retype-above", "500")
    common = ["b2c", "--phone", "254708374149", "--remarks", "guard check", "--yes"]
    code, _, err = run(*common, "--amount", "1200")
    assert code == 2
    assert "above this profile's limit of KES 1,000 per payment" in err
    code, _, err = run(*common, "--amount", "800")
    assert code == 2 and "typed a second time" in err
    code, _, err = run(*common, "--amount", "800", "--confirm-amount", "800")
    assert code == 0, err


def test_money_switch_through_the_command_line(run, app_home, custom_profile, callback_sink):
    run("profile", "set", custom_profile.name, "--result-url", callback_sink.url("/result"),
        "--queue-timeout-url", callback_sink.url("/timeout"))
    args = ["--profile", custom_profile.name, "b2c", "--phone", "254708374149", "--amount", "100",
            "--remarks", "guard check", "--yes"]
    assert run(*args)[0] == 0
    run("profile", "set", custom_profile.name, "--money-enabled", "off")
    code, _, err = run(*args)
    assert code == 2
    assert f"Money operations are turned off for profile '{custom_profile.name}'" in err
