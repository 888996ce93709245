"""The aiohttp application: Daraja's paths, OAuth, the Bearer check and fault injection.

Order of checks, as Daraja does it (daraja-reference.md section 8): path (404.001.01) -> method
(405.001) -> the body is read -> injected faults -> access token -> Content-Type (400.002.02
naming the first field) and JSON (400.002.05 "Invalid Request Payload", section 5.2) -> fields in
order (400.002.02) -> business rules (500.001.1001, 500.002.1001) -> acknowledgement.

A bad access token gets each path's own code (section 5.2): 404.001.03 on most paths;
401.002.01 on B2C, B2Pochi and Account Balance (the sandbox capture of B2Pochi, section 5.1);
400.003.01 "Invalid Access Token" on C2B and Transaction Status, where a request without a Bearer
header gets 404.001.04 "Invalid Authentication Header".

The body is read as soon as the request arrived, before any injected latency: a client that
gives up (or is killed) while it waits has still had its request executed, as on Daraja, so the
"outcome unknown" case is real. What a request changed is saved (``state.checkpoint``) before its
answer leaves; the work it left for later runs as jobs (``JOB_RUNNERS``) from the app's start to
its clean-up.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import functools
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from mpesa_desktop.simulator import admin, c2b, initiator, pull, qr, stk
from mpesa_desktop.simulator.state import SimulatorState
from mpesa_desktop.simulator.validation import first_field
from mpesa_desktop.simulator.wire import (
    Refusal,
    error_response,
    invalid_field,
    invalid_payload,
    method_not_allowed,
    not_found,
)

OAUTH_PATH = "/oauth/v1/generate"
STATE_KEY = web.AppKey("simulator_state", SimulatorState)
Handler = Callable[[SimulatorState, dict[str, Any]], Awaitable[dict]]


ErrorBody = tuple[int, str, str]  # HTTP status, errorCode, errorMessage


@dataclass(frozen=True)
class AuthErrors:
    """A path's answers to a bad token (``invalid``) and to a request without a Bearer header
    (``no_bearer``); a message ending in "- " gets the token appended, as Daraja does."""

    invalid: ErrorBody
    no_bearer: ErrorBody


_INVALID_404: ErrorBody = (404, "404.001.03", "Invalid Access Token")
_INVALID_401: ErrorBody = (401, "401.002.01", "Error Occurred - Invalid Access Token - ")
TOKEN_404 = AuthErrors(invalid=_INVALID_404, no_bearer=_INVALID_404)
TOKEN_401 = AuthErrors(invalid=_INVALID_401, no_bearer=_INVALID_401)
TOKEN_400 = AuthErrors(invalid=(400, "400.003.01", "Invalid Access Token"),
                       no_bearer=(404, "404.001.04", "Invalid Authentication Header"))


@dataclass(frozen=True)
class Endpoint:
    rules: str
    handler: Handler
    auth: AuthErrors


def _initiator(operation: str, rules: str | None = None) -> Handler:
    return lambda state, body: initiator.handle(state, operation, body, rules)


ENDPOINTS: dict[str, Endpoint] = {
    "/mpesa/stkpush/v1/processrequest": Endpoint("stk_push", stk.push, TOKEN_404),
    "/mpesa/stkpushquery/v1/query": Endpoint("stk_query", stk.query, TOKEN_404),
    "/mpesa/c2b/v1/registerurl": Endpoint(
        "c2b_register", lambda s, b: c2b.register(s, b, "v1"), TOKEN_400),
    "/mpesa/c2b/v2/registerurl": Endpoint(
        "c2b_register", lambda s, b: c2b.register(s, b, "v2"), TOKEN_400),
    "/mpesa/c2b/v1/simulate": Endpoint("c2b_simulate", c2b.simulate, TOKEN_400),
    "/mpesa/c2b/v2/simulate": Endpoint("c2b_simulate", c2b.simulate, TOKEN_400),
    "/mpesa/b2c/v3/paymentrequest": Endpoint("b2c", _initiator("b2c"), TOKEN_401),
    "/mpesa/b2c/v1/paymentrequest": Endpoint("b2c_v1", _initiator("b2c", "b2c_v1"), TOKEN_401),
    "/mpesa/b2pochi/v1/paymentrequest": Endpoint("b2pochi", _initiator("b2pochi"), TOKEN_401),
    "/mpesa/b2b/v1/paymentrequest": Endpoint("b2b", _initiator("b2b"), TOKEN_404),
    "/mpesa/b2b/v1/remittax": Endpoint("tax_remittance", _initiator("tax_remittance"),
                                       TOKEN_404),
    "/mpesa/accountbalance/v1/query": Endpoint(
        "account_balance", _initiator("account_balance"), TOKEN_401),
    "/mpesa/reversal/v1/request": Endpoint("reversal", _initiator("reversal"), TOKEN_404),
    "/mpesa/qrcode/v1/generate": Endpoint("dynamic_qr", qr.generate, TOKEN_404),
    "/mpesa/transactionstatus/v1/query": Endpoint(
        "transaction_status", _initiator("transaction_status"), TOKEN_400),
    "/pulltransactions/v1/register": Endpoint("pull_register", pull.register, TOKEN_404),
    "/pulltransactions/v1/query": Endpoint("pull_query", pull.query, TOKEN_404),
}


async def _callback(state: SimulatorState, data: dict[str, Any]) -> None:
    """The ``callback`` job: post a payload made earlier."""
    await state.callbacks.send(data["kind"], data["url"], data["payload"], data["transaction"],
                               lose=data["lose"])


JOB_RUNNERS: dict[str, Callable[[SimulatorState, dict[str, Any]], Awaitable[None]]] = {
    "callback": _callback, "stk_answer": stk.answer, "c2b_payment": c2b.pay,
}


def build_app(state: SimulatorState) -> web.Application:
    app = web.Application()
    app[STATE_KEY] = state
    admin.add_routes(app, state)
    app.router.add_route("*", "/{tail:.*}", _dispatch)

    async def start_jobs(_app: web.Application) -> None:
        runners = {kind: functools.partial(run, state) for kind, run in JOB_RUNNERS.items()}
        state.jobs.start(runners, after=state.checkpoint)

    async def stop_jobs(_app: web.Application) -> None:
        await state.jobs.stop()
        await state.callbacks.close()

    app.on_startup.append(start_jobs)
    app.on_cleanup.append(stop_jobs)
    return app


async def _dispatch(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    path = request.path
    state.requests_by_path[path] += 1
    endpoint = ENDPOINTS.get(path)
    if path == OAUTH_PATH:
        state.oauth_calls += 1
        if request.method != "GET":
            return method_not_allowed()
    elif endpoint is None:
        return not_found()
    elif request.method != "POST":
        return method_not_allowed()
    raw = await request.read()  # Daraja has the request now, whether the client waits or not
    faults = state.faults.for_request(path, is_api=endpoint is not None)
    if faults.latency:
        await asyncio.sleep(faults.latency)
    if faults.answer:
        return _fault_answer(faults.answer)
    if endpoint is None:
        response = _oauth(state, request)
    else:
        response = await _api(state, endpoint, request, raw)
        state.checkpoint()  # before anyone hears of it, as a dropped connection may not
    if faults.drop:
        return _drop_connection(request)
    return response


def _fault_answer(kind: str) -> web.Response:
    if kind == "spike_arrest":
        return error_response(500, "500.003.02", "Error Occurred: Spike Arrest Violation")
    if kind == "error_503":
        return web.Response(status=503, text="<html><body><h1>503 Service Unavailable</h1>"
                            "No server is available to handle this request.</body></html>",
                            content_type="text/html")
    return error_response(500, "500.003.1001", "Internal Server Error")


def _drop_connection(request: web.Request) -> web.StreamResponse:
    """Close the connection without an answer (the request has already been executed)."""
    if request.transport is not None:
        request.transport.abort()
    return web.Response()


def _oauth(state: SimulatorState, request: web.Request) -> web.Response:
    if request.query.get("grant_type") != "client_credentials":
        return error_response(400, "400.008.02", "Invalid grant type passed")
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return error_response(400, "400.008.01", "Invalid authentication type passed")
    try:
        key, separator, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return error_response(400, "400.008.01", "Invalid authentication type passed")
    config = state.config
    if not separator or not key or (config.consumer_key is not None and (
            key != config.consumer_key or secret != config.consumer_secret)):
        return web.Response(status=400)
    token = state.tokens.issue(key)
    return web.json_response({"access_token": token, "expires_in": str(state.tokens.ttl)})


async def _api(state: SimulatorState, endpoint: Endpoint, request: web.Request,
               raw: bytes) -> web.Response:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not state.tokens.is_valid(token):
        error = endpoint.auth.invalid if scheme.lower() == "bearer" else endpoint.auth.no_bearer
        status, code, message = error
        return error_response(status, code, message + token if message.endswith("- ") else message)
    try:
        body = _json_body(request, raw, endpoint.rules)
        return web.json_response(await endpoint.handler(state, body))
    except Refusal as refusal:
        return refusal.response()


def _json_body(request: web.Request, raw: bytes, rules: str) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise invalid_field(first_field(rules))
    try:
        body = json.loads(raw)
    except ValueError:  # UnicodeDecodeError included
        raise invalid_payload() from None
    if not isinstance(body, dict):
        raise invalid_payload()
    return body
