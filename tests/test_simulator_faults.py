"""Fault injection: latency, 500, 503, spike arrest, dropped connections, callback faults."""

from __future__ import annotations

import json
import socket

import pytest
import requests

from mpesa_desktop.simulator import Fault, Simulator, SimulatorConfig
from tests.fixtures.simulator import PATHS, DarajaHttp, wait_until


def test_500_for_the_next_requests_only(simulator, daraja_http):
    daraja_http.token()
    simulator.set_fault("error_500", count=2)
    answers = [daraja_http.send("b2c", daraja_http.body("b2c")) for _ in range(3)]
    assert [a.status_code for a in answers] == [500, 500, 200]
    assert answers[0].json()["errorCode"] == "500.003.1001"
    assert len(simulator.transactions()) == 1


def test_503_has_a_non_json_body(simulator, daraja_http):
    daraja_http.token()
    simulator.set_fault("error_503")
    answer = daraja_http.send("account_balance", daraja_http.body("account_balance"))
    assert answer.status_code == 503
    assert answer.headers["Content-Type"].startswith("text/html")
    assert simulator.transactions() == []


def test_spike_arrest(simulator, daraja_http):
    daraja_http.token()
    simulator.set_fault("spike_arrest")
    answer = daraja_http.send("stk_push", daraja_http.body("stk_push"))
    assert answer.status_code == 500
    assert answer.json()["errorCode"] == "500.003.02"
    assert answer.json()["errorMessage"] == "Error Occurred: Spike Arrest Violation"


def test_faults_do_not_touch_oauth_unless_aimed_at_it(simulator, daraja_http):
    simulator.set_fault("error_500")
    daraja_http.token()
    assert daraja_http.send("b2c", daraja_http.body("b2c")).status_code == 500
    simulator.set_fault("error_503", path="/oauth/v1/generate")
    with pytest.raises(requests.HTTPError):
        daraja_http.token()


def test_fault_aimed_at_one_path(simulator, daraja_http):
    daraja_http.token()
    simulator.set_fault("error_500", path=PATHS["b2c"])
    assert daraja_http.send("account_balance", daraja_http.body("account_balance")).ok
    assert daraja_http.send("b2c", daraja_http.body("b2c")).status_code == 500


def test_drop_after_the_payment_was_executed(simulator, daraja_http, callback_sink):
    daraja_http.token()
    simulator.set_fault("drop")
    body = daraja_http.body("b2c", callback_sink.url("/result"))
    with pytest.raises(requests.ConnectionError):
        daraja_http.send("b2c", body)
    payouts = simulator.transactions()
    assert len(payouts) == 1
    assert payouts[0]["originator_conversation_id"] == body["OriginatorConversationID"]
    assert payouts[0]["status"] == "completed"
    result = callback_sink.wait_for(1)[0]["payload"]["Result"]
    assert result["OriginatorConversationID"] == body["OriginatorConversationID"]
    again = daraja_http.send("b2c", body)
    assert again.json()["errorCode"] == "500.002.1001"


def test_latency_delays_the_answer(simulator, daraja_http):
    daraja_http.token()
    simulator.set_fault("latency", seconds=0.5)
    with pytest.raises(requests.ReadTimeout):
        daraja_http.session.post(f"{simulator.url}{PATHS['b2c']}", json=daraja_http.body("b2c"),
                                 headers={"Authorization": f"Bearer {daraja_http.token()}"},
                                 timeout=0.1)


def test_a_client_gone_during_the_latency_still_had_its_request_executed(simulator,
                                                                         daraja_http):
    """Daraja executes what it received even if the client is killed while it waits."""
    body = daraja_http.body("b2c", Amount=700)
    payload = json.dumps(body).encode()
    request = (f"POST {PATHS['b2c']} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               f"Authorization: Bearer {daraja_http.token()}\r\n"
               f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
               ).encode() + payload
    simulator.set_fault("latency", seconds=0.5)
    host, port = simulator.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as client:
        client.sendall(request)
        wait_until(lambda: simulator.stats()["faults"] == [])  # it is waiting out the latency
    payout = wait_until(lambda: simulator.transactions())[0]
    assert payout["originator_conversation_id"] == body["OriginatorConversationID"]
    assert payout["status"] == "completed"
    assert simulator.balances()["customers"]["254708374149"] == 100_000 + 700


def test_callback_lost(simulator, daraja_http, callback_sink):
    simulator.set_fault("callback_lost")
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/first")))
    daraja_http.send("b2c", daraja_http.body("b2c", callback_sink.url("/second")))
    assert [c["path"] for c in callback_sink.wait_for(1)] == ["/second"]
    records = wait_until(lambda: len(simulator.callbacks()) == 2 and simulator.callbacks())
    assert [r["lost"] for r in records] == [True, False]
    assert [t["status"] for t in simulator.transactions()] == ["completed", "completed"]


def test_callback_delivered_twice(simulator, daraja_http, callback_sink):
    simulator.set_fault("callback_twice")
    daraja_http.send("stk_push", daraja_http.body("stk_push", callback_sink.url("/stk")))
    first, second = callback_sink.wait_for(2)
    assert first == second


def test_faults_through_admin_and_clear(simulator, daraja_http):
    daraja_http.token()
    answer = requests.post(f"{simulator.url}/admin/fault",
                           json={"kind": "error_500", "count": None}, timeout=5)
    assert answer.json() == {"faults": [
        {"kind": "error_500", "count": None, "seconds": 0.0, "path": None}]}
    assert daraja_http.send("b2c", daraja_http.body("b2c")).status_code == 500
    assert daraja_http.send("b2c", daraja_http.body("b2c")).status_code == 500
    cleared = requests.post(f"{simulator.url}/admin/fault", json={"clear": True}, timeout=5)
    assert cleared.json() == {"faults": []}
    assert daraja_http.send("b2c", daraja_http.body("b2c")).ok


def test_bad_fault_requests(simulator):
    unknown = requests.post(f"{simulator.url}/admin/fault", json={"kind": "fire"}, timeout=5)
    assert unknown.status_code == 400
    assert "unknown fault" in unknown.json()["error"]
    missing = requests.post(f"{simulator.url}/admin/fault", json={}, timeout=5)
    assert missing.status_code == 400
    with pytest.raises(ValueError, match="count"):
        simulator.set_fault("drop", count=0)


def test_faults_from_the_config():
    config = SimulatorConfig(callback_delay=0.01, faults=[Fault("spike_arrest", count=1)])
    with Simulator(config) as sim:
        http = DarajaHttp(sim.url)
        try:
            first = http.send("b2c", http.body("b2c"))
            second = http.send("b2c", http.body("b2c"))
        finally:
            http.close()
    assert first.json()["errorCode"] == "500.003.02"
    assert second.ok
