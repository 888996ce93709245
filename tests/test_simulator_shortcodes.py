"""Sandbox test shortcodes (600000-600999) work offline as they do on the sandbox: opened with the
sandbox's opening balances the first time a request names them, kept across restarts."""

from __future__ import annotations

from mpesa_desktop.simulator import Simulator, SimulatorConfig
from mpesa_desktop.simulator.config import SANDBOX_BALANCES
from tests.fixtures.simulator import DarajaHttp, wait_until


def _parameters(result: dict) -> dict:
    return {item["Key"]: item.get("Value")
            for item in result["ResultParameters"]["ResultParameter"]}


def test_tutorial_shortcodes_pay_and_are_paid(simulator, daraja_http, callback_sink):
    # shortcodes of the reference's samples and tutorials (section 6.3): 600992, 600978, 600997
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/b2c"), PartyA="600992",
                                             Amount=1500))
    b2c = wait_until(lambda: callback_sink.payloads("/b2c"))[0]["Result"]
    assert b2c["ResultCode"] == 0
    assert _parameters(b2c)["B2CUtilityAccountAvailableFunds"] == 1_000_000 - 1500
    daraja_http.send("b2b", daraja_http.body("b2b", callback_sink.url("/b2b"), PartyA="600978",
                                             PartyB="600997"))
    b2b = wait_until(lambda: callback_sink.payloads("/b2b"))[0]["Result"]
    assert b2b["ResultCode"] == 0
    assert _parameters(b2b)["ReceiverPartyPublicName"] == "600997 - Safaricom Daraja 997"
    books = simulator.balances()["organisations"]
    assert books["600978"]["Working Account"] == SANDBOX_BALANCES["Working Account"] - 239
    assert books["600997"]["Utility Account"] == SANDBOX_BALANCES["Utility Account"] + 239


def test_tutorial_shortcodes_register_c2b_and_show_a_balance(simulator, daraja_http,
                                                             callback_sink):
    register = daraja_http.send("c2b_register", daraja_http.body(
        "c2b_register", callback_sink.url("/r"), ShortCode="600584"))
    assert register.json()["ResponseCode"] == "00000000"
    daraja_http.send("c2b_simulate", daraja_http.body("c2b_simulate", ShortCode=600584,
                                                      Amount=75))
    note = wait_until(lambda: callback_sink.payloads("/confirmation"))[0]
    assert note["BusinessShortCode"] == "600584"
    assert note["OrgAccountBalance"] == f"{1_000_000 + 75:.2f}"
    daraja_http.send("account_balance", daraja_http.body(
        "account_balance", callback_sink.url("/balance"), PartyA="600426"))
    balance = wait_until(lambda: callback_sink.payloads("/balance"))[0]["Result"]
    assert balance["ResultCode"] == 0
    assert "Utility Account|KES|1000000.00|" in _parameters(balance)["AccountBalance"]


def test_shortcodes_outside_the_sandbox_range_stay_unknown(simulator, daraja_http,
                                                           callback_sink):
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/b2c"), PartyA="601000"))
    daraja_http.send("b2b", daraja_http.body("b2b", callback_sink.url("/b2b"), PartyB="603021"))
    assert wait_until(lambda: callback_sink.payloads("/b2c"))[0]["Result"]["ResultCode"] == 11
    assert wait_until(lambda: callback_sink.payloads("/b2b"))[0]["Result"]["ResultCode"] == (
        "SFC_IC0003")
    register = daraja_http.send("c2b_register", daraja_http.body(
        "c2b_register", ShortCode="0600500"))
    assert register.json()["errorMessage"] == "Bad Request - Invalid ShortCode"
    assert set(simulator.balances()["organisations"]) == {
        "600000", "600001", "600100", "174379", "572572"}


def test_the_range_can_be_switched_off(callback_sink):
    with Simulator(SimulatorConfig(callback_delay=0.01, sandbox_shortcodes=range(0))) as sim:
        http = DarajaHttp(sim.url)
        try:
            http.send("b2c", http.body("b2c", callback_sink.url("/b2c"), PartyA="600992"))
        finally:
            http.close()
        assert callback_sink.wait_for(1)[0]["payload"]["Result"]["ResultCode"] == 11


def test_an_opened_shortcode_keeps_its_balance_across_a_restart(tmp_path, callback_sink):
    config = SimulatorConfig(callback_delay=0.01)
    with Simulator(config, state_dir=tmp_path) as sim:
        http = DarajaHttp(sim.url)
        try:
            http.send("b2c", http.body("b2c", callback_sink.url("/b2c"), PartyA="600996",
                                       Amount=2000))
        finally:
            http.close()
        callback_sink.wait_for(1)
    with Simulator(config, state_dir=tmp_path) as again:
        assert again.balances()["organisations"]["600996"] == {
            "Working Account": 500_000, "Utility Account": 1_000_000 - 2000,
            "Charges Paid Account": -9.0}
