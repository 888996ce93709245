"""The admin API under ``/admin/`` (not part of Daraja; loopback only, no auth).

- ``GET  /admin/certificate``   the simulator's certificate, PEM
- ``GET  /admin/transactions``  executed transactions, a JSON list (see ``journal.Transaction``)
- ``GET  /admin/callbacks``     every callback sent or lost, with its id and delivery attempts
- ``GET  /admin/balances``      ``{"organisations": {shortcode: {account: balance}},
  "customers": {msisdn: balance}}``
- ``GET  /admin/stats``         ``{"oauth_calls", "requests", "paths", "transactions",
  "callbacks", "pending_jobs", "faults"}`` (``pending_jobs``: callbacks and customer answers
  still to come, see ``jobs``)
- ``POST /admin/scenario``      ``{"scenario": NAME, "phone": MSISDN}`` (that phone from now on),
  ``{"scenario": NAME, "count": N}`` (the next N operations it applies to) or ``{"reset": true}``
- ``POST /admin/fault``         ``{"kind": KIND, "count": 1, "seconds": 0.0, "path": null}``
  (``count`` null: until cleared) or ``{"clear": true}``; answers ``{"faults": [...]}``
- ``POST /admin/resend``        ``{"id": N}``: post callback N again; answers its last attempt
- ``POST /admin/expire-tokens`` invalidate every access token; answers ``{"expired": N}``
- ``POST /admin/top-up``        ``{"shortcode": S, "account": A, "amount": N}`` or
  ``{"msisdn": M, "amount": N}``: add N (more than 0) to that balance, so that long benchmarks
  never run out of money; answers ``{"balance": new balance}``
- ``POST /admin/c2b-validation`` ``{"shortcode": S, "enabled": true}``: External Validation on
  (or off) for shortcode S; answers ``{"c2b_validation": [shortcodes with it on]}``

Bad admin bodies get HTTP 400 ``{"error": "..."}``.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from mpesa_desktop.simulator.config import Fault
from mpesa_desktop.simulator.credentials import simulator_certificate
from mpesa_desktop.simulator.state import SimulatorState


class AdminError(ValueError):
    """A bad admin request; its message goes back as ``{"error": ...}``."""


def balances(state: SimulatorState) -> dict:
    return {
        "organisations": {org.shortcode: dict(org.balances) for org in state.book.organisations()},
        "customers": state.book.customers(),
    }


def set_scenario(state: SimulatorState, body: dict[str, Any]) -> None:
    if body.get("reset"):
        state.scenarios.reset()
        return
    name = body.get("scenario")
    if not isinstance(name, str):
        raise AdminError("scenario: give a scenario name, or reset: true")
    if body.get("phone"):
        state.scenarios.set_phone(str(body["phone"]), name)
        return
    count = body.get("count", 1)
    if not isinstance(count, int) or count < 1:
        raise AdminError("count must be a whole number, 1 or more")
    state.scenarios.queue(name, count)


def set_fault(state: SimulatorState, body: dict[str, Any]) -> list[dict]:
    if body.get("clear"):
        state.faults.clear()
        return state.faults.active()
    try:
        fault = Fault(kind=str(body["kind"]), count=body.get("count", 1),
                      seconds=float(body.get("seconds", 0.0)), path=body.get("path"))
    except (KeyError, TypeError, ValueError):
        raise AdminError("kind is required; seconds must be a number") from None
    state.faults.add(fault)
    return state.faults.active()


def set_c2b_validation(state: SimulatorState, body: dict[str, Any]) -> list[str]:
    shortcode, enabled = body.get("shortcode"), body.get("enabled", True)
    if not isinstance(shortcode, str | int) or not str(shortcode).isdigit():
        raise AdminError("shortcode: give the shortcode's digits")
    if not isinstance(enabled, bool):
        raise AdminError("enabled must be true or false")
    if enabled:
        state.c2b_validation.add(str(shortcode))
    else:
        state.c2b_validation.discard(str(shortcode))
    return sorted(state.c2b_validation)


def top_up(state: SimulatorState, body: dict[str, Any]) -> dict:
    amount = body.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int | float) or not 0 < amount < 1e15:
        raise AdminError("amount must be a number more than 0 (below 1e15)")
    if body.get("msisdn"):
        return {"balance": state.book.top_up_customer(str(body["msisdn"]), float(amount))}
    shortcode, account = body.get("shortcode"), body.get("account")
    if not isinstance(shortcode, str) or not isinstance(account, str):
        raise AdminError("give msisdn, or shortcode and account (text)")
    return {"balance": state.book.top_up(shortcode, account, float(amount))}


async def resend(state: SimulatorState, callback_id: Any) -> dict:
    record = state.callbacks.get(callback_id) if isinstance(callback_id, int) else None
    if record is None:
        raise AdminError(f"no callback with id {callback_id!r}")
    await state.callbacks.deliver(record)
    state.checkpoint()
    return {"id": record.id, **record.attempts[-1]}


def add_routes(app: web.Application, state: SimulatorState) -> None:
    async def body_of(request: web.Request) -> dict[str, Any]:
        text = await request.text()
        try:
            body = json.loads(text) if text.strip() else {}
        except ValueError:
            raise AdminError("the body must be JSON") from None
        if not isinstance(body, dict):
            raise AdminError("the body must be a JSON object")
        return body

    def answering(action):
        async def handler(request: web.Request) -> web.Response:
            try:
                return web.json_response(await action(await body_of(request)))
            except ValueError as error:
                return web.json_response({"error": str(error)}, status=400)
        return handler

    async def certificate(_request: web.Request) -> web.Response:
        return web.Response(body=simulator_certificate(), content_type="application/x-pem-file")

    async def scenario(body: dict[str, Any]) -> dict:
        set_scenario(state, body)
        return {"ok": True}

    async def fault(body: dict[str, Any]) -> dict:
        return {"faults": set_fault(state, body)}

    async def resend_action(body: dict[str, Any]) -> dict:
        return await resend(state, body.get("id"))

    async def expire(_body: dict[str, Any]) -> dict:
        return {"expired": state.tokens.expire_all()}

    async def c2b_validation(body: dict[str, Any]) -> dict:
        return {"c2b_validation": set_c2b_validation(state, body)}

    async def top_up_action(body: dict[str, Any]) -> dict:
        return top_up(state, body)

    def listing(produce):
        async def handler(_request: web.Request) -> web.Response:
            return web.json_response(produce())
        return handler

    app.router.add_get("/admin/certificate", certificate)
    app.router.add_get("/admin/transactions", listing(
        lambda: [t.as_dict() for t in state.journal.all()]))
    app.router.add_get("/admin/callbacks", listing(
        lambda: [r.as_dict() for r in state.callbacks.records()]))
    app.router.add_get("/admin/balances", listing(lambda: balances(state)))
    app.router.add_get("/admin/stats", listing(state.stats))
    app.router.add_post("/admin/scenario", answering(scenario))
    app.router.add_post("/admin/fault", answering(fault))
    app.router.add_post("/admin/resend", answering(resend_action))
    app.router.add_post("/admin/expire-tokens", answering(expire))
    app.router.add_post("/admin/top-up", answering(top_up_action))
    app.router.add_post("/admin/c2b-validation", answering(c2b_validation))
