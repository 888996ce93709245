"""The simulator's OAuth and Bearer checks, over real HTTP."""

from __future__ import annotations

import re

import requests

from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests.fixtures.simulator import PATHS, DarajaHttp

OAUTH = "/oauth/v1/generate"


def test_token_looks_like_daraja(simulator):
    response = requests.get(f"{simulator.url}{OAUTH}?grant_type=client_credentials",
                            auth=("any-key", "any-secret"), timeout=5)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "expires_in"}
    assert re.fullmatch(r"[A-Za-z0-9]{28}", body["access_token"])
    assert body["expires_in"] == "3599"
    assert simulator.oauth_calls == 1


def test_wrong_grant_type_and_missing_basic_auth(simulator):
    wrong_grant = requests.get(f"{simulator.url}{OAUTH}?grant_type=password",
                               auth=("k", "s"), timeout=5)
    assert wrong_grant.status_code == 400
    assert wrong_grant.json()["errorCode"] == "400.008.02"
    assert wrong_grant.json()["errorMessage"] == "Invalid grant type passed"
    assert set(wrong_grant.json()) == {"requestId", "errorCode", "errorMessage"}
    no_auth = requests.get(f"{simulator.url}{OAUTH}?grant_type=client_credentials", timeout=5)
    assert no_auth.status_code == 400
    assert no_auth.json()["errorCode"] == "400.008.01"
    bearer = requests.get(f"{simulator.url}{OAUTH}?grant_type=client_credentials",
                          headers={"Authorization": "Bearer abc"}, timeout=5)
    assert bearer.json()["errorCode"] == "400.008.01"
    assert simulator.oauth_calls == 3


def test_configured_consumer_key_refuses_others():
    config = SimulatorConfig(callback_delay=0.05, consumer_key="key", consumer_secret="secret")
    with Simulator(config) as sim:
        url = f"{sim.url}{OAUTH}?grant_type=client_credentials"
        wrong = requests.get(url, auth=("key", "nope"), timeout=5)
        assert wrong.status_code == 400
        assert wrong.content == b""
        assert requests.get(url, auth=("key", "secret"), timeout=5).status_code == 200


def test_new_token_invalidates_the_previous_one(simulator, daraja_http):
    first = daraja_http.token()
    second = daraja_http.token()
    assert first != second
    b2c = daraja_http.post(PATHS["b2c"], daraja_http.body("b2c"), token=first)
    assert b2c.status_code == 401
    assert b2c.json()["errorCode"] == "401.002.01"
    assert b2c.json()["errorMessage"].startswith("Error Occurred - Invalid Access Token")
    stk = daraja_http.post(PATHS["stk_push"], daraja_http.body("stk_push"), token=first)
    assert stk.status_code == 404
    assert stk.json()["errorCode"] == "404.001.03"
    assert daraja_http.post(PATHS["b2c"], daraja_http.body("b2c"), token=second).ok
    assert simulator.transactions()[0]["operation"] == "b2c"
    assert len(simulator.transactions()) == 1


def test_tokens_of_other_consumer_keys_stay_valid(simulator, daraja_http):
    mine = daraja_http.token("app-one", "s")
    daraja_http.token("app-two", "s")
    assert daraja_http.post(PATHS["account_balance"], daraja_http.body("account_balance"),
                            token=mine).ok


def test_expire_tokens_from_python_and_admin(simulator, daraja_http):
    token = daraja_http.token()
    assert simulator.expire_tokens() == 1
    assert daraja_http.post(PATHS["b2c"], daraja_http.body("b2c"), token=token).status_code == 401
    token = daraja_http.token()
    answer = requests.post(f"{simulator.url}/admin/expire-tokens", timeout=5)
    assert answer.json() == {"expired": 1}
    assert daraja_http.post(PATHS["b2c"], daraja_http.body("b2c"), token=token).status_code == 401


def test_token_ttl_is_configurable():
    with Simulator(SimulatorConfig(callback_delay=0.05, token_ttl=0)) as sim:
        http = DarajaHttp(sim.url)
        try:
            token = http.token()
            response = http.post(PATHS["b2c"], http.body("b2c"), token=token)
        finally:
            http.close()
        assert response.status_code == 401
        assert sim.transactions() == []


def test_missing_bearer_header(simulator):
    response = requests.post(f"{simulator.url}{PATHS['reversal']}", json={}, timeout=5)
    assert response.status_code == 404
    assert response.json()["errorCode"] == "404.001.03"


def test_wrong_method_and_unknown_path(simulator, daraja_http):
    daraja_http.token()
    get_api = daraja_http.session.get(f"{simulator.url}{PATHS['b2c']}", timeout=5)
    assert get_api.status_code == 405
    assert get_api.json()["errorCode"] == "405.001"
    post_oauth = daraja_http.session.post(f"{simulator.url}{OAUTH}", timeout=5)
    assert post_oauth.status_code == 405
    unknown = daraja_http.post("/mpesa/b2c/v9/paymentrequest", {})
    assert unknown.status_code == 404
    assert unknown.json()["errorCode"] == "404.001.01"
    stats = requests.get(f"{simulator.url}/admin/stats", timeout=5).json()
    assert stats["oauth_calls"] == 2
    assert stats["paths"][PATHS["b2c"]] == 1
    assert simulator.request_count == 4


# each path's answer to a bad token (daraja-reference.md section 5.2)
TOKEN_ERRORS = {"b2c": (401, "401.002.01"), "account_balance": (401, "401.002.01"),
                "c2b_register": (400, "400.003.01"), "c2b_simulate": (400, "400.003.01"),
                "transaction_status": (400, "400.003.01")}


def test_every_api_path_checks_the_bearer_token(simulator, daraja_http):
    daraja_http.token()
    for operation, path in PATHS.items():
        body = daraja_http.body(operation)
        answer = daraja_http.post(path, body, token="x" * 28)
        expected = TOKEN_ERRORS.get(operation, (404, "404.001.03"))
        assert (answer.status_code, answer.json()["errorCode"]) == expected, operation
    assert simulator.transactions() == []


def test_c2b_and_transaction_status_have_their_own_token_codes(simulator, daraja_http):
    daraja_http.token()
    for path in ("/mpesa/c2b/v1/registerurl", "/mpesa/c2b/v1/simulate", PATHS["c2b_register"],
                 PATHS["c2b_simulate"], PATHS["transaction_status"]):
        invalid = daraja_http.post(path, {}, token="y" * 28)
        assert invalid.status_code == 400, path
        assert invalid.json()["errorCode"] == "400.003.01"
        assert invalid.json()["errorMessage"] == "Invalid Access Token"
        no_bearer = requests.post(f"{simulator.url}{path}", json={}, timeout=5,
                                  headers={"Authorization": "Basic a2V5OnNlY3JldA=="})
        assert no_bearer.status_code == 404, path
        assert no_bearer.json()["errorCode"] == "404.001.04"
        assert no_bearer.json()["errorMessage"] == "Invalid Authentication Header"
    assert simulator.transactions() == []
