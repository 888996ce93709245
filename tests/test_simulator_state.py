"""The simulator's books survive a restart: a real simulator server is stopped (or killed) and a
new one started on the same state folder goes on where it stopped."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys

import pytest
import requests

from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.fixtures.simulator import CallbackSink, DarajaHttp, wait_until

FAST = SimulatorConfig(callback_delay=0.05)
NEVER = SimulatorConfig(callback_delay=600)  # nothing is delivered before the stop


def _result(callback: dict) -> dict:
    return callback["payload"]["Result"]


def _parameters(callback: dict) -> dict:
    items = _result(callback)["ResultParameters"]["ResultParameter"]
    return {item["Key"]: item.get("Value") for item in items}


def _run(simulator: Simulator, operation: str, **overrides) -> dict:
    """Send one request to a started simulator; its acknowledgement."""
    http = DarajaHttp(simulator.url)
    try:
        response = http.send(operation, http.body(operation, **overrides))
        assert response.status_code == 200, response.text
        return response.json()
    finally:
        http.close()


@pytest.fixture
def sink():
    receiver = CallbackSink()
    receiver.start()
    yield receiver
    receiver.stop()


def test_balances_registrations_and_journal_survive_a_restart(tmp_path, sink):
    validating = SimulatorConfig(callback_delay=0.05, c2b_validation=frozenset({"600000"}))
    first = Simulator(validating, state_dir=tmp_path)
    first.start()
    try:
        ack = _run(first, "b2c", ResultURL=sink.url("/b2c"), Amount=2000)
        wait_until(lambda: first.pending_jobs() == [])
        _run(first, "c2b_register", ConfirmationURL=sink.url("/c2b/confirmation"),
             ValidationURL=sink.url("/c2b/validation"))
        balances = first.balances()
        payout = first.transactions()[0]
    finally:
        first.stop()

    second = Simulator(validating, state_dir=tmp_path)
    second.start()
    try:
        assert second.balances() == balances
        assert balances["organisations"]["600000"]["Utility Account"] == 1_000_000 - 2000
        assert balances["customers"]["254708374149"] == 100_000 + 2000
        assert second.transactions() == [payout]
        # Transaction Status of the payment made before the restart, by its
        # OriginatorConversationID (as the poller asks) and by its receipt.
        _run(second, "transaction_status", ResultURL=sink.url("/status"),
             OriginalConversationID=ack["OriginatorConversationID"])
        _run(second, "transaction_status", ResultURL=sink.url("/status"),
             TransactionID=payout["receipt"])
        answers = [c for c in sink.wait_for(3) if c["path"] == "/status"]
        assert [_result(c)["ResultCode"] for c in answers] == [0, 0]
        assert {_parameters(c)["ReceiptNo"] for c in answers} == {payout["receipt"]}
        assert {_parameters(c)["TransactionStatus"] for c in answers} == {"Completed"}
        # The C2B URLs registered before the restart are the ones told of a payment after it.
        _run(second, "c2b_simulate", Amount=75)
        paths = [c["path"] for c in sink.wait_for(5)]
        assert paths[-2:] == ["/c2b/validation", "/c2b/confirmation"]
        assert second.balances()["organisations"]["600000"]["Utility Account"] == (
            1_000_000 - 2000 + 75)
    finally:
        second.stop()


def test_callbacks_pending_at_the_stop_are_delivered_after_the_restart(tmp_path, sink):
    first = Simulator(NEVER, state_dir=tmp_path)
    first.start()
    try:
        payout_ack = _run(first, "b2c", ResultURL=sink.url("/b2c"), Amount=300)
        push_ack = _run(first, "stk_push", CallBackURL=sink.url("/stk"), Amount=40)
        assert len(first.pending_jobs()) == 2
    finally:
        first.stop()
    assert sink.received == []

    second = Simulator(FAST, state_dir=tmp_path)  # pending work runs within its delay
    second.start()
    try:
        wait_until(lambda: len(sink.payloads("/b2c")) == 1 and sink.payloads("/stk"))
        result = sink.payloads("/b2c")[0]["Result"]
        assert result["OriginatorConversationID"] == payout_ack["OriginatorConversationID"]
        assert result["ResultCode"] == 0
        stk = sink.payloads("/stk")[0]["Body"]["stkCallback"]
        assert stk["CheckoutRequestID"] == push_ack["CheckoutRequestID"]
        assert stk["ResultCode"] == 0
        wait_until(lambda: second.pending_jobs() == [])
        executed = {t["operation"]: t for t in second.transactions()}
        assert executed["b2c"]["receipt"] == {
            item["Key"]: item.get("Value")
            for item in result["ResultParameters"]["ResultParameter"]}["TransactionReceipt"]
        assert executed["stk_push"]["status"] == "completed"
        assert second.balances()["customers"]["254708374149"] == 100_000 + 300 - 40
    finally:
        second.stop()
    third = Simulator(FAST, state_dir=tmp_path)
    try:
        assert third.pending_jobs() == []  # delivered once, not again at every start
        assert [r["kind"] for r in third.callbacks()] == ["result", "stk"]
    finally:
        third.stop()


def test_a_payment_reversed_before_the_restart_is_not_reversed_again(tmp_path, sink):
    first = Simulator(FAST, state_dir=tmp_path)
    first.start()
    try:
        _run(first, "stk_push", CallBackURL=sink.url("/stk"), Amount=700)
        receipt = wait_until(lambda: first.transactions()[0]["receipt"])
        _run(first, "reversal", ResultURL=sink.url("/reversal"), TransactionID=receipt,
             Amount=700)
        assert sink.wait_for(2)[1]["payload"]["Result"]["ResultCode"] == 0
        wait_until(lambda: first.pending_jobs() == [])  # else it is sent again after the start
    finally:
        first.stop()
    second = Simulator(FAST, state_dir=tmp_path)
    second.start()
    try:
        _run(second, "reversal", ResultURL=sink.url("/reversal"), TransactionID=receipt,
             Amount=700)
        assert sink.wait_for(3)[2]["payload"]["Result"]["ResultCode"] == "R000001"
        assert second.balances()["customers"]["254708374149"] == 100_000
    finally:
        second.stop()


def test_the_relay_is_named_by_a_placeholder_and_found_at_its_new_port(tmp_path, sink):
    """The embedded relay listens on a new port at each start; its path secret is never
    written to the state file."""
    secret = "0123456789abcdef0123456789abcdef01234567"
    old_relay = f"http://127.0.0.1:9/cb/{secret}"  # nothing listens there any more
    first = Simulator(NEVER, state_dir=tmp_path, callback_base=old_relay)
    first.start()
    try:
        _run(first, "b2c", ResultURL=f"{old_relay}/result?ref=R1")
        _run(first, "c2b_register", ConfirmationURL=f"{old_relay}/c2b/confirmation",
             ValidationURL="http://127.0.0.1:9/elsewhere/validation")
    finally:
        first.stop()
    assert all(secret.encode() not in path.read_bytes() for path in tmp_path.iterdir())

    second = Simulator(FAST, state_dir=tmp_path, callback_base=sink.url(f"/cb/{secret}"))
    second.start()
    try:
        received = sink.wait_for(1)[0]
        assert (received["path"], received["payload"]["Result"]["ResultCode"]) == (
            f"/cb/{secret}/result", 0)
        registration = second.registrations()["600000"]
        assert registration["confirmation_url"] == sink.url(f"/cb/{secret}/c2b/confirmation")
        assert registration["validation_url"] == "http://127.0.0.1:9/elsewhere/validation"
    finally:
        second.stop()


def test_a_held_state_folder_is_not_shared(tmp_path, caplog):
    owner = Simulator(FAST, state_dir=tmp_path)
    owner.start()
    try:
        _run(owner, "b2c", Amount=500)
        intruder = Simulator(FAST, state_dir=tmp_path)
        assert intruder.state_file is None
        assert "keeps its books in memory" in caplog.text
        assert intruder.transactions() == []
        intruder.start()
        _run(intruder, "b2c", Amount=700)
        intruder.stop()
    finally:
        owner.stop()
    after = Simulator(FAST, state_dir=tmp_path)
    try:
        assert [t["amount"] for t in after.transactions()] == [500]
    finally:
        after.stop()


def test_a_simulator_started_again_takes_its_folder_again(tmp_path):
    simulator = Simulator(FAST, state_dir=tmp_path)
    simulator.start()
    _run(simulator, "b2c", Amount=500)
    simulator.stop()
    simulator.start()
    try:
        assert simulator.state_file is not None
        _run(simulator, "b2c", Amount=700)
    finally:
        simulator.stop()
    after = Simulator(FAST, state_dir=tmp_path)
    try:
        assert [t["amount"] for t in after.transactions()] == [500, 700]
    finally:
        after.stop()


def test_the_state_file_and_its_wal_are_the_owners_alone_whatever_the_umask(tmp_path):
    folder = tmp_path / "state"
    previous = os.umask(0)
    try:
        simulator = Simulator(FAST, state_dir=folder)
        simulator.start()
        _run(simulator, "b2c", Amount=500)
        state_file = simulator.state_file
        assert state_file is not None
        files = sorted(folder.iterdir())
        assert [path.name for path in files] == [state_file.name, state_file.name + "-wal"]
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o600}
        simulator.stop()
    finally:
        os.umask(previous)


def _standalone(state_dir, delay: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "mpesa_desktop", "simulator", "--port", "0",
         "--callback-delay", delay, "--state", str(state_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+", line)
    assert match, f"the simulator did not print its address: {line!r}"
    return process, match.group(0)


@pytest.mark.slow
def test_standalone_simulator_with_state_survives_being_killed(tmp_path, sink):
    process, url = _standalone(tmp_path, "600")
    try:
        process.stdout.readline()  # where to find the certificate
        assert f"books kept in {tmp_path}" in process.stdout.readline()
        http = DarajaHttp(url)
        ack = http.send("b2c", http.body("b2c", sink.url("/b2c"), Amount=1500)).json()
        http.close()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        process.stdout.close()
    process, url = _standalone(tmp_path, "0.05")
    try:
        result = sink.wait_for(1)[0]["payload"]["Result"]
        assert result["OriginatorConversationID"] == ack["OriginatorConversationID"]
        balances = requests.get(f"{url}/admin/balances", timeout=5).json()
        assert balances["customers"]["254708374149"] == 100_000 + 1500
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_standalone_help_documents_the_state_folder():
    done = subprocess.run([sys.executable, "-m", "mpesa_desktop", "simulator", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "--state DIR keep balances, executed transactions, C2B registrations" in text
    assert "(default: in memory, forgotten at exit)" in text
