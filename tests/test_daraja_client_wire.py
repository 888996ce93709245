"""Wire shapes the simulator never sends: a tiny raw aiohttp server answers exactly what a
test sets, so the client's tolerance of odd bodies and its single retry can be checked."""

from __future__ import annotations

import json

import pytest
from aiohttp import web

from mpesa_desktop.background_server import BackgroundServer
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.errors import ApiError, AuthError, TransportError
from mpesa_desktop.daraja.token_cache import TokenCache
from tests.daraja_samples import valid_fields

B2C_PATH = "/mpesa/b2c/v3/paymentrequest"


class RawServer:
    """Answers OAuth and B2C with whatever (status, body, content type) the test queued."""

    def __init__(self):
        self.oauth = (200, json.dumps({"access_token": "T1", "expires_in": "3599"}), "json")
        self.api = (200, json.dumps({"ResponseCode": "0"}), "json")
        self.calls: list[tuple[str, str]] = []
        self.tokens = iter(f"T{n}" for n in range(1, 100))
        self.server = BackgroundServer(self._app, name="raw-daraja")

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/oauth/v1/generate", self._answer_oauth)
        app.router.add_post(B2C_PATH, self._answer_api)
        return app

    @staticmethod
    def _response(status: int, body: str, kind: str) -> web.Response:
        content_type = {"json": "application/json", "html": "text/html"}[kind]
        return web.Response(status=status, text=body, content_type=content_type)

    async def _answer_oauth(self, request: web.Request) -> web.Response:
        self.calls.append(("oauth", request.headers.get("Authorization", "")))
        status, body, kind = self.oauth
        return self._response(status, body.replace("{token}", next(self.tokens)), kind)

    async def _answer_api(self, request: web.Request) -> web.Response:
        self.calls.append(("api", request.headers.get("Authorization", "")))
        return self._response(*self.api)


@pytest.fixture
def raw():
    server = RawServer()
    server.server.start()
    yield server
    server.server.stop()


@pytest.fixture
def client(raw):
    with DarajaClient(raw.server.url, "key", "secret", environment="offline",
                      timeout=(2.0, 5.0), token_cache=TokenCache()) as daraja:
        yield daraja


def pay(client: DarajaClient) -> dict:
    return client.execute("b2c", **valid_fields("b2c"))


@pytest.mark.parametrize("expires_in", [3599, "3599", 3599.0, None, "soon"])
def test_expires_in_as_number_string_or_missing(raw, client, expires_in):
    body = {"access_token": "T1"}
    if expires_in is not None:
        body["expires_in"] = expires_in
    raw.oauth = (200, json.dumps(body), "json")
    assert pay(client) == {"ResponseCode": "0"}
    assert pay(client) == {"ResponseCode": "0"}
    assert [kind for kind, _ in raw.calls] == ["oauth", "api", "api"]
    assert raw.calls[1][1] == "Bearer T1"
    assert raw.calls[0][1] == "Basic a2V5OnNlY3JldA=="


def test_invalid_token_twice_means_exactly_one_refresh_then_the_error(raw, client):
    raw.oauth = (200, '{"access_token": "{token}", "expires_in": "3599"}', "json")
    raw.api = (401, json.dumps({"requestId": "r-1", "errorCode": "401.002.01",
                                "errorMessage": "Error Occurred - Invalid Access Token - x"}),
               "json")
    with pytest.raises(ApiError) as caught:
        pay(client)
    assert caught.value.error_code == "401.002.01"
    assert caught.value.request_id == "r-1"
    assert raw.calls == [("oauth", "Basic a2V5OnNlY3JldA=="), ("api", "Bearer T1"),
                         ("oauth", "Basic a2V5OnNlY3JldA=="), ("api", "Bearer T2")]


@pytest.mark.parametrize("code", ["404.001.03", "400.003.01"])
def test_other_invalid_token_codes_also_refresh(raw, client, code):
    raw.api = (404, json.dumps({"errorCode": code, "errorMessage": "Invalid Access Token"}),
               "json")
    with pytest.raises(ApiError):
        pay(client)
    assert [kind for kind, _ in raw.calls] == ["oauth", "api", "oauth", "api"]


def test_other_error_codes_are_not_retried(raw, client):
    raw.api = (400, json.dumps({"errorCode": "400.002.02",
                                "errorMessage": "Bad Request - Invalid Amount"}), "json")
    with pytest.raises(ApiError) as caught:
        pay(client)
    assert "Daraja said: Bad Request - Invalid Amount" in str(caught.value)
    assert [kind for kind, _ in raw.calls] == ["oauth", "api"]


def test_oauth_refusal_with_empty_body_is_auth_error(raw, client):
    raw.oauth = (400, "", "json")
    with pytest.raises(AuthError) as caught:
        pay(client)
    assert caught.value.http_status == 400
    assert [kind for kind, _ in raw.calls] == ["oauth"]


def test_oauth_error_body_is_auth_error_with_its_code(raw, client):
    raw.oauth = (400, json.dumps({"requestId": "1", "errorCode": "400.008.02",
                                  "errorMessage": "Invalid grant type passed"}), "json")
    with pytest.raises(AuthError) as caught:
        client.fetch_token()
    assert caught.value.error_code == "400.008.02"


def test_oauth_answer_without_token_is_auth_error(raw, client):
    raw.oauth = (200, json.dumps({"expires_in": "3599"}), "json")
    with pytest.raises(AuthError):
        client.fetch_token()


def test_oauth_server_failure_is_transport_error_nothing_sent(raw, client):
    raw.oauth = (502, "<html>Bad gateway</html>", "html")
    with pytest.raises(TransportError) as caught:
        pay(client)
    assert caught.value.maybe_delivered is False
    assert [kind for kind, _ in raw.calls] == ["oauth"]


@pytest.mark.parametrize(("status", "body", "kind"), [
    (200, "<html>OK</html>", "html"),
    (200, "[1, 2]", "json"),
    (500, "", "html"),
    (504, "<html>Gateway Timeout</html>", "html"),
    (500, json.dumps({"Envelope": {"Body": {"Fault": {"faultstring": "Execution of "
                                                      "ServiceCallout failed"}}}}), "json"),
])
def test_unreadable_or_bodiless_answers_are_unknown_outcomes(raw, client, status, body, kind):
    raw.api = (status, body, kind)
    with pytest.raises(TransportError) as caught:
        pay(client)
    assert caught.value.maybe_delivered is True


def test_non_json_client_error_is_api_error_with_its_text(raw, client):
    raw.api = (403, "<html><body>Forbidden by policy</body></html>", "html")
    with pytest.raises(ApiError) as caught:
        pay(client)
    assert caught.value.http_status == 403
    assert caught.value.error_code is None
    assert "Forbidden by policy" in caught.value.error_message


def test_apigee_fault_body_message_is_kept(raw, client):
    fault = {"Envelope": {"Body": {"Fault": {"faultstring": "Execution of ServiceCallout "
                                                            "SC-SearchURL failed"}}}}
    raw.api = (400, json.dumps(fault), "json")
    with pytest.raises(ApiError) as caught:
        pay(client)
    assert caught.value.error_message == "Execution of ServiceCallout SC-SearchURL failed"


def test_non_zero_response_code_in_a_200_is_api_error(raw, client):
    raw.api = (200, json.dumps({"ResponseCode": "1", "ResponseDescription": "Rejected"}), "json")
    with pytest.raises(ApiError) as caught:
        pay(client)
    assert caught.value.error_code == "1"
    assert "Rejected" in str(caught.value)
