"""Acceptance: a script written against mpesa-py's documented API runs unchanged against
``mpesa-desktop simulator`` (a separate process), with ``sandbox_url`` pointing at it, and every
method returns Daraja's acknowledgement dict."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

SCRIPT = r'''
import json
import os
import time

import requests

from mpesa_desktop.api.auth import MpesaBase
from mpesa_desktop.api.b2b import B2B
from mpesa_desktop.api.b2c import B2C
from mpesa_desktop.api.balance import Balance
from mpesa_desktop.api.c2b import C2B
from mpesa_desktop.api.mpesa_express import MpesaExpress
from mpesa_desktop.api.reversal import Reversal
from mpesa_desktop.api.transaction_status import TransactionStatus
from mpesa_desktop.daraja.security import security_credential

SANDBOX = os.environ["SIMULATOR_URL"]
KEYS = dict(env="sandbox", app_key="my-app-key", app_secret="my-app-secret", sandbox_url=SANDBOX)
PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"
CALLBACK = "http://127.0.0.1:9"
certificate = requests.get(SANDBOX + "/admin/certificate", timeout=5).content
credential = security_credential("Safaricom999!*!", certificate)
acks = {}

acks["token"] = MpesaBase(**KEYS).authenticate()
acks["b2c"] = B2C(**KEYS).transact(
    initiator_name="testapi", security_credential=credential, command_id="BusinessPayment",
    amount=1500, party_a=600000, party_b=254708374149, remarks="Refund",
    queue_timeout_url=CALLBACK + "/timeout", result_url=CALLBACK + "/result",
    occassion="November")
acks["b2b"] = B2B(**KEYS).transact(
    initiator="testapi", security_credential=credential, command_id="BusinessPayBill",
    sender_identifier_type="4", receiver_identifier_type="4", amount=239, party_a=600000,
    party_b=600001, remarks="Rent", account_reference="353353",
    queue_timeout_url=CALLBACK + "/timeout", result_url=CALLBACK + "/result")
acks["balance"] = Balance(**KEYS).get_balance(
    initiator="testapi", security_credential=credential, command_id="AccountBalance",
    party_a=600000, identifier_type=4, remarks="Balance",
    queue_timeout_url=CALLBACK + "/timeout", result_url=CALLBACK + "/result")
c2b = C2B(**KEYS)
acks["c2b_register"] = c2b.register(
    shortcode=600000, response_type="Completed", confirmation_url=CALLBACK + "/confirmation",
    validation_url=CALLBACK + "/validation")
acks["c2b_simulate"] = c2b.simulate(
    shortcode=600000, command_id="CustomerPayBillOnline", amount=100, msisdn=254708374149,
    bill_ref_number="ACC-7")
express = MpesaExpress(**KEYS)
acks["stk_push"] = express.stk_push(
    business_shortcode=174379, passcode=PASSKEY, amount=1, callback_url=CALLBACK + "/stk",
    reference_code="INV-001", phone_number=254708374149, description="Invoice 1")
for _ in range(200):
    try:
        acks["stk_query"] = express.query(
            business_shortcode=174379,
            checkout_request_id=acks["stk_push"]["CheckoutRequestID"], passcode=PASSKEY)
        break
    except Exception as error:  # "The transaction is being processed" until the user answers
        if getattr(error, "error_code", None) != "500.001.1001":
            raise
        time.sleep(0.05)
receipt = [t for t in requests.get(SANDBOX + "/admin/transactions", timeout=5).json()
           if t["checkout_request_id"] == acks["stk_push"]["CheckoutRequestID"]][0]["receipt"]
acks["reversal"] = Reversal(**KEYS).reverse(
    initiator="testapi", security_credential=credential, command_id="TransactionReversal",
    transaction_id=receipt, amount=1, receiver_party=174379, receiver_identifier_type="11",
    queue_timeout_url=CALLBACK + "/timeout", result_url=CALLBACK + "/result",
    remarks="Wrong payment", occassion="Refund")
acks["status"] = TransactionStatus(**KEYS).check_transaction_status(
    party_a=600000, identifier_type="4", remarks="Status", initiator="testapi",
    passcode=credential, result_url=CALLBACK + "/result",
    queue_timeout_url=CALLBACK + "/timeout", transaction_id=receipt, occassion="Check")
print(json.dumps(acks))
'''


@pytest.fixture
def standalone_simulator():
    """``mpesa-desktop simulator --port 0`` in its own process; yields its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mpesa_desktop", "simulator", "--port", "0",
         "--callback-delay", "0.05"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert match, f"the simulator did not print its address: {line!r}"
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.mark.slow
def test_mpesa_py_script_runs_unchanged_against_the_standalone_simulator(standalone_simulator):
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=90, env={**os.environ, "SIMULATOR_URL": standalone_simulator})
    assert done.returncode == 0, done.stderr
    acks = json.loads(done.stdout)
    assert isinstance(acks.pop("token"), str)
    assert set(acks) == {"b2c", "b2b", "balance", "c2b_register", "c2b_simulate", "stk_push",
                         "stk_query", "reversal", "status"}
    for name, ack in acks.items():
        assert isinstance(ack, dict), name
        assert set(str(ack["ResponseCode"])) == {"0"}, (name, ack)
    assert acks["stk_query"]["ResultCode"] == "0"
    assert acks["b2c"]["ConversationID"].startswith("AG_")
