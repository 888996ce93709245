"""The admin API, the embedded runner's controls and the standalone command."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import pytest
import requests

from mpesa_desktop.daraja.security import bundled_certificate, security_credential
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.fixtures.simulator import DarajaHttp, wait_until


def test_certificate_is_the_bundled_simulator_certificate(simulator):
    answer = requests.get(f"{simulator.url}/admin/certificate", timeout=5)
    assert answer.status_code == 200
    assert answer.content == bundled_certificate("simulator") == simulator.certificate_pem
    assert answer.content.startswith(b"-----BEGIN CERTIFICATE-----")


def test_credential_made_from_the_admin_certificate_is_accepted(simulator, daraja_http,
                                                                 callback_sink):
    pem = requests.get(f"{simulator.url}/admin/certificate", timeout=5).content
    credential = security_credential("Safaricom999!*!", pem)
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/r"),
                                             SecurityCredential=credential))
    assert callback_sink.wait_for(1)[0]["payload"]["Result"]["ResultCode"] == 0


def test_transactions_stats_and_callbacks(simulator, daraja_http, callback_sink):
    body = daraja_http.body("b2c", callback_sink.url("/r"))
    daraja_http.send("b2c", body)
    daraja_http.send("b2c", body)
    callback_sink.wait_for(1)
    listed = requests.get(f"{simulator.url}/admin/transactions", timeout=5).json()
    assert listed == simulator.transactions()
    assert len(listed) == 1
    payout = listed[0]
    assert payout["operation"] == "b2c"
    assert payout["amount"] == 100
    assert payout["party_b"] == "254708374149"
    assert re.fullmatch(r"[A-Z0-9]{10}", payout["receipt"])
    stats = requests.get(f"{simulator.url}/admin/stats", timeout=5).json()
    assert stats["oauth_calls"] == 1 == simulator.oauth_calls
    assert stats["requests"] == 3 == simulator.request_count
    assert stats["paths"] == {"/oauth/v1/generate": 1, "/mpesa/b2c/v3/paymentrequest": 2}
    assert stats["transactions"] == 1
    records = wait_until(lambda: requests.get(f"{simulator.url}/admin/callbacks",
                                              timeout=5).json())
    assert records[0]["kind"] == "result"
    assert records[0]["transaction_id"] == payout["id"]
    assert records[0]["attempts"][0]["status"] == 200


def test_admin_requests_are_not_counted(simulator):
    requests.get(f"{simulator.url}/admin/stats", timeout=5)
    requests.get(f"{simulator.url}/admin/transactions", timeout=5)
    assert simulator.request_count == 0


def test_resend_through_admin(simulator, daraja_http, callback_sink):
    daraja_http.send("account_balance", daraja_http.body("account_balance",
                                                         callback_sink.url("/r")))
    first = callback_sink.wait_for(1)[0]
    record = wait_until(simulator.callbacks)[0]
    answer = requests.post(f"{simulator.url}/admin/resend", json={"id": record["id"]}, timeout=5)
    assert answer.json()["status"] == 200
    assert answer.json()["id"] == record["id"]
    assert callback_sink.wait_for(2)[1] == first
    missing = requests.post(f"{simulator.url}/admin/resend", json={"id": 999}, timeout=5)
    assert missing.status_code == 400


def test_undeliverable_callback_is_recorded(simulator, daraja_http):
    daraja_http.send("b2c", daraja_http.body("b2c", "http://127.0.0.1:9/nobody"))
    record = wait_until(lambda: [r for r in simulator.callbacks() if r["attempts"]])[0]
    assert record["attempts"][0]["status"] is None
    assert record["attempts"][0]["error"]
    assert daraja_http.send("b2c", daraja_http.body("b2c")).ok


def test_remote_callbacks_are_not_sent(simulator, daraja_http):
    daraja_http.send("b2c", daraja_http.body("b2c", "https://example.com/result"))
    record = wait_until(lambda: [r for r in simulator.callbacks() if r["attempts"]])[0]
    assert record["attempts"][0]["error"] == "not sent: callbacks go to loopback addresses only"


def test_simulator_controls_work_before_start():
    sim = Simulator(SimulatorConfig(callback_delay=0.01))
    assert sim.transactions() == []
    assert sim.oauth_calls == 0
    sim.set_fault("error_500")
    with sim:
        http = DarajaHttp(sim.url)
        try:
            assert http.send("b2c", http.body("b2c")).status_code == 500
        finally:
            http.close()


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("parent_ignores_sigint", [False, True],
                         ids=["foreground", "background-job"])
def test_command_line_serves_until_interrupted(tmp_path, parent_ignores_sigint):
    """Ctrl+C stops the server, even when started from a background job (which ignores SIGINT
    and passes that on to its children)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mpesa_desktop", "simulator", "--port", "0",
         "--callback-delay", "0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ignore_sigint if parent_ignores_sigint else None)
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        token = requests.get(f"{url}/oauth/v1/generate?grant_type=client_credentials",
                             auth=("k", "s"), timeout=5)
        assert token.status_code == 200
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        assert code == 0, process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_balances_endpoint(simulator, daraja_http, callback_sink):
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/r"), Amount=50))
    answer = requests.get(f"{simulator.url}/admin/balances", timeout=5).json()
    assert answer == simulator.balances()
    assert answer["organisations"]["600000"]["Utility Account"] == 1_000_000 - 50
    assert answer["organisations"]["600100"] == {
        "Merchant Account": 0, "Working Account": 0, "Charges Paid Account": 0,
        "Organization Settlement Account": 0}
    assert answer["customers"] == {"254708374149": 100_050}


def test_top_up_refills_an_account_that_ran_dry(simulator, daraja_http, callback_sink):
    def pay() -> None:
        daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/r"), Amount=200_000))

    for _ in range(6):  # the Utility Account opens with 1,000,000: the sixth finds it empty
        pay()
    codes = [c["payload"]["Result"]["ResultCode"] for c in callback_sink.wait_for(6)]
    assert sorted(codes) == [0, 0, 0, 0, 0, 1]  # 1: the balance is insufficient
    answer = requests.post(f"{simulator.url}/admin/top-up", timeout=5, json={
        "shortcode": "600000", "account": "Utility Account", "amount": 5_000_000})
    assert answer.status_code == 200
    assert answer.json() == {"balance": 5_000_000}
    pay()
    assert callback_sink.wait_for(7)[6]["payload"]["Result"]["ResultCode"] == 0
    customer = requests.post(f"{simulator.url}/admin/top-up", timeout=5,
                             json={"msisdn": "254708374149", "amount": 50})
    assert customer.json() == {"balance": 100_000 + 6 * 200_000 + 50}
    assert simulator.balances()["customers"]["254708374149"] == 1_300_050


@pytest.mark.parametrize(("body", "names"), [
    ({"shortcode": "600000", "account": "Utility Account", "amount": 0}, "amount"),
    ({"shortcode": "600000", "account": "Utility Account", "amount": True}, "amount"),
    ({"msisdn": "254708374149"}, "amount"),
    ({"amount": 10}, "msisdn"),
    ({"shortcode": "999", "account": "Utility Account", "amount": 10}, "shortcode"),
    ({"shortcode": "600000", "account": "Pocket", "amount": 10}, "account"),
])
def test_top_up_refuses_a_bad_body(simulator, body, names):
    before = simulator.balances()
    answer = requests.post(f"{simulator.url}/admin/top-up", json=body, timeout=5)
    assert answer.status_code == 400
    assert names in answer.json()["error"]
    assert simulator.balances() == before
