"""Per-transaction callback URLs on the offline profile: every request's ResultURL,
QueueTimeOutURL and STK CallBackURL carry its row's reference (``?ref=``), the simulator posts to
them exactly as given, the relay keeps the ref, and the poller settles a row whose
acknowledgement was lost (connection dropped after Daraja executed it) by that ref."""

from __future__ import annotations

import asyncio
import threading
import uuid
from typing import Any

import aiohttp
import pytest
import requests
from aiohttp import web

from mpesa_desktop.background_server import BackgroundServer
from mpesa_desktop.daraja import limits
from mpesa_desktop.daraja.errors import TransportError
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.tagged_urls import tag_callback_urls, with_reference
from tests import services_support
from tests.fixtures.simulator import wait_until
from tests.services_support import FAST, add_lab_profile, executed, run

WAIT = 15.0
PATHS = {
    "b2b": "/mpesa/b2b/v1/paymentrequest",
    "tax_remittance": "/mpesa/b2b/v1/remittax",
    "account_balance": "/mpesa/accountbalance/v1/query",
    "reversal": "/mpesa/reversal/v1/request",
}
FIELDS = {
    "b2b": {"amount": 239, "party_b": "600001", "account_reference": "INV-9",
            "remarks": "Stock"},
    "tax_remittance": {"amount": 500, "account_reference": "PRN1234", "remarks": "VAT"},
    "account_balance": {},
}


services = services_support.services


def stored_refs(services: AppServices) -> list[str | None]:
    return [event.ref for event in services.relay.store.events_after(0, limit=1000)]


def test_callback_urls_carry_the_row_reference_and_arrive_as_sent(services):
    async def scenario() -> dict[str, Any]:
        return {
            "b2b": await services.submit("b2b", FIELDS["b2b"]),
            "stk_push": await services.submit("stk_push", {
                "amount": 20, "phone_number": "0708374149", "account_reference": "INV1"}),
            "c2b_register": await services.submit("c2b_register", {}),
        }

    rows = run(services, scenario())
    b2b, push = rows["b2b"], rows["stk_push"]
    base = services.relay.callback_base_url
    # kept as sent, secrets removed: the relay's path secret is stored as <relay>
    stored = base.rsplit("/", 1)[0] + "/<relay>"
    assert b2b.request_body["ResultURL"] == f"{stored}/result?ref={b2b.reference}"
    assert b2b.request_body["QueueTimeOutURL"] == f"{stored}/timeout?ref={b2b.reference}"
    assert push.request_body["CallBackURL"] == f"{stored}/stk?ref={push.reference}"
    # C2B URLs are shared by every payment: never tagged
    register = rows["c2b_register"].request_body
    assert register["ConfirmationURL"] == f"{stored}/c2b/confirmation"
    assert register["ValidationURL"] == f"{stored}/c2b/validation"
    assert "SecurityCredential" not in b2b.request_body
    # the simulator posts to the URL exactly as given, query included; the relay keeps the ref
    wait_until(lambda: {b2b.reference, push.reference} <= set(stored_refs(services)) or None,
               timeout=WAIT)
    urls = [record["url"] for record in services.simulator.callbacks()]
    assert f"{base}/result?ref={b2b.reference}" in urls
    assert f"{base}/stk?ref={push.reference}" in urls
    assert stored_refs(services).count(b2b.reference) == 1


def test_tagged_urls_pass_daraja_url_rules():
    ref = str(uuid.uuid4())
    for base in ("https://relay.example.co.ke/cb/0a1b2c3d4e5f60718293a4b5c6d7e8f9/result",
                 "http://127.0.0.1:8080/cb/abc/stk"):
        url = with_reference(base, ref)
        assert url == f"{base}?ref={ref}"
        # even the stricter C2B rule (no forbidden word) holds; production needs https only
        assert limits.check_url(url, "sandbox", c2b=True) == url
    https = with_reference("https://relay.example.co.ke/cb/0a1b2c3d/result", ref.replace("-", ""))
    assert limits.check_url(https, "production", c2b=True) == https
    fields = limits.validate("b2b", {
        "initiator": "testapi", "security_credential": "x", "command_id": "BusinessPayBill",
        "amount": 10, "party_a": "600000", "party_b": "600001", "account_reference": "A1",
        "requester": "254708374149", "remarks": "ok",
        "queue_timeout_url": with_reference("https://relay.example.co.ke/cb/x/timeout", ref),
        "result_url": with_reference("https://relay.example.co.ke/cb/x/result", ref)},
        "production")
    assert fields["result_url"].endswith(f"?ref={ref}")


def test_other_query_parameters_stay_and_an_earlier_ref_is_replaced():
    ref, old = str(uuid.uuid4()), str(uuid.uuid4())
    assert with_reference(f"https://h.example/r?a=1&ref={old}&b=2", ref) == (
        f"https://h.example/r?a=1&b=2&ref={ref}")
    assert with_reference("https://h.example/r?refund=1", ref) == (
        f"https://h.example/r?refund=1&ref={ref}")
    fields = {"result_url": "https://h.example/r", "confirmation_url": "https://h.example/c"}
    assert tag_callback_urls(fields, ref) == {
        "result_url": f"https://h.example/r?ref={ref}", "confirmation_url": "https://h.example/c"}
    # a hand-chosen B2C OriginatorConversationID is not a ref: nothing is tagged
    assert tag_callback_urls(fields, "my payroll 7") == fields


def lost_ack(services: AppServices, operation: str, fields: dict[str, Any]) -> Any:
    """Submit with the connection dropped after the simulator executed the request; the row
    must be ``unknown`` and know none of Daraja's ids. The poller is not running yet."""
    services.simulator.set_fault("drop", path=PATHS[operation])

    async def send() -> Any:
        with pytest.raises(TransportError) as caught:
            await services.submit(operation, fields)
        return caught.value.transaction

    row = run(services, send())
    assert row.status == "unknown"
    assert row.originator_conversation_id is None and row.conversation_id is None
    return row


def assert_settled_by_its_callback(services: AppServices, row: Any) -> Any:
    final = run(services, services.wait_final(row.reference, WAIT))
    assert final.status == "completed"
    assert final.result_code == "0"
    events = services.ledger.events(row.reference)
    assert [e.new_status for e in events] == ["sending", "unknown", "completed"]
    assert events[-1].source == "callback"
    [sent] = executed(services, row.operation)  # executed once, never sent again
    assert final.conversation_id and final.originator_conversation_id  # learnt from the result
    assert row.reference in stored_refs(services)
    return final, sent


@pytest.mark.parametrize("operation", ["b2b", "tax_remittance", "account_balance"])
def test_a_request_whose_answer_was_lost_is_completed_by_its_callback(services, operation):
    row = lost_ack(services, operation, FIELDS[operation])
    final, _sent = assert_settled_by_its_callback(services, row)
    if operation == "account_balance":
        assert services.ledger.latest_balances()
    else:
        assert final.receipt


def test_a_reversal_whose_answer_was_lost_is_completed_by_its_callback(services):
    paid = run(services, services.submit("stk_push", {
        "amount": 20, "phone_number": "0708374149", "account_reference": "INV1"}))
    receipt = wait_until(lambda: executed(services, "stk_push")[0].get("receipt"), timeout=WAIT)
    row = lost_ack(services, "reversal", {"transaction_id": receipt, "amount": 20,
                                          "remarks": "Wrong amount", "receiver_party": "174379"})
    final, _sent = assert_settled_by_its_callback(services, row)
    assert final.receipt and final.receipt != receipt
    assert run(services, services.wait_final(paid.reference, WAIT)).status == "completed"


def test_forged_callbacks_with_garbage_or_foreign_refs_change_nothing(services):
    services.simulator.set_fault("callback_lost")  # the true result never arrives
    row = lost_ack(services, "b2b", FIELDS["b2b"])
    forged = {"Result": {"ResultType": 0, "ResultCode": 0, "ResultDesc": "ok",
                         "OriginatorConversationID": "forged", "ConversationID": "AG_forged",
                         "TransactionID": "FAKE123456"}}
    queries = [f"?ref={row.reference}x", "?ref=../../x", f"?ref={uuid.uuid4()}",
               f"?ref={row.reference}&ref={row.reference}"]
    for number, query in enumerate(queries):
        body = {"Result": {**forged["Result"], "ResultDesc": f"forged {number}"}}
        url = services.relay.callback_url("result") + query
        assert requests.post(url, json=body, timeout=10).status_code == 200
    refs = stored_refs(services)
    assert len(refs) == 4 and row.reference not in refs
    assert run(services, services.poll_once()) == 4
    assert services.ledger.get(row.reference).status == "unknown"
    assert services.ledger.find(originator_conversation_id="forged") is None


class LosingProxy:
    """A loopback hop in front of the simulator, standing in for a network that loses an answer
    late: requests to ``hold_path`` are executed by the simulator, then the answer is held until
    ``release`` is set and the connection is dropped. Everything else passes through."""

    def __init__(self, target: str, hold_path: str):
        self.target = target
        self.hold_path = hold_path
        self.release = threading.Event()
        self._server = BackgroundServer(self._app, name="losing-proxy")

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        return app

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        headers = {name: value for name, value in request.headers.items()
                   if name.lower() in ("authorization", "content-type")}
        async with aiohttp.ClientSession() as session, session.request(
                request.method, self.target + request.path_qs, data=await request.read(),
                headers=headers) as answer:
            body, status = await answer.read(), answer.status
            content_type = answer.content_type
        if request.path != self.hold_path:
            return web.Response(body=body, status=status, content_type=content_type)
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, WAIT)
        if request.transport is not None:
            request.transport.abort()
        return web.Response()

    def start(self) -> str:
        return self._server.start()

    def stop(self) -> None:
        self.release.set()
        self._server.stop()


def test_a_result_that_arrives_before_the_lost_answer_settles_the_row(simulator, relay):
    """The answer is lost only after the result callback was applied (row still ``sending``):
    the row goes sending -> accepted -> completed and submit returns it instead of failing."""
    proxy = LosingProxy(simulator.url, PATHS["b2b"])
    add_lab_profile(proxy.start(), relay)
    services = AppServices.open(app_paths(), "lab", poller_config=FAST)
    try:
        services.subscribe(lambda change: proxy.release.set()
                           if change.new == "completed" else None)

        async def scenario() -> Any:
            await services.start_poller()
            return await services.submit("b2b", FIELDS["b2b"])

        row = run(services, scenario())
        assert row.status == "completed"
        assert [e.new_status for e in services.ledger.events(row.reference)] == [
            "sending", "accepted", "completed"]
        assert row.conversation_id and row.receipt
        assert len(executed_by(simulator, "b2b")) == 1
    finally:
        services.close()
        proxy.stop()


def executed_by(simulator: Any, operation: str) -> list[dict]:
    return [t for t in simulator.transactions() if t["operation"] == operation]
