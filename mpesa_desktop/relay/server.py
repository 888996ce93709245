"""The callback relay: an aiohttp app that stores Daraja's callbacks and feeds them to pollers.

Routes (``<base>`` is ``/cb/<callback secret>``):

- ``POST <base>/result``, ``/timeout``, ``/stk``, ``/c2b/validation``, ``/c2b/confirmation``:
  the callback is committed to the store before the answer (HTTP 200
  ``{"ResultCode": 0, "ResultDesc": "Accepted"}``; C2B validation gets ``"ResultCode": "0"``).
  A duplicate delivery gets the same answer and is stored once. Bodies over 1 MiB get 413, a
  body not all received within the body timeout 408 (``relay.limits``); non-JSON or JSON of
  no known shape gets 400 and is kept in the quarantine; a source refused by the allow-list
  gets 403 and is kept there too. A body with bytes that are not valid text or lone
  surrogates is stored with them replaced by U+FFFD and its raw bytes kept beside it
  (``relay.payloads``). Any other path or method under ``/cb`` is 404.
  The app tags each request's callback URLs with its ledger reference, ``.../result?ref=<ref>``
  (``relay.reference``): a well-formed ``ref`` is stored with the callback; a malformed,
  repeated or missing one is simply not kept (never an error). Duplicates are recognised by
  kind and body alone, so a second delivery is stored once whatever its ``ref``.
- ``GET /v1/events?after=<cursor>&limit=N`` with ``Authorization: Bearer <token>`` (401
  otherwise): ``{"events": [{"id", "kind", "received_at", "ref", "payload"}], "next":
  <cursor>}`` (``ref`` is null when the callback URL carried none); an event whose body had to
  be repaired also has ``"repaired"``, saying what was replaced.
  The cursor is ``"<store instance>:<last id>"`` (a bare integer is accepted too); a cursor
  from another store (the relay's database was replaced) restarts from the beginning, so a
  poller never misses an event; pollers de-duplicate by applying events idempotently.
- ``GET /healthz``: ``{"status": "ok"}``.

Served by ``limits.GuardedSite`` (the command line and ``EmbeddedRelay`` both do), every
connection has header and idle deadlines and the per-client and total caps of ``relay.limits``;
log lines are rate-limited (``relay.logs``).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from mpesa_desktop.relay.allowlist import SAFARICOM_ADDRESSES, SourcePolicy
from mpesa_desktop.relay.limits import (
    GUARD_KEY,
    ConnectionGuard,
    release_free_memory,
    track_requests,
)
from mpesa_desktop.relay.logs import LOG_WINDOW, RepeatLimiter, guard_relay_loggers
from mpesa_desktop.relay.payloads import parse_payload
from mpesa_desktop.relay.reference import CALLBACK_PREFIX, REF_PARAM, ref_from_query
from mpesa_desktop.relay.settings import RelaySettings
from mpesa_desktop.relay.store import CallbackStore, utc_now

log = logging.getLogger("mpesa_desktop.relay")

MAX_BODY = 1024 * 1024
MAX_FEED_LIMIT = 1000
DEFAULT_FEED_LIMIT = 100
LINGERING_TIME = 1.0

CALLBACK_KINDS = {
    "result": "result",
    "timeout": "timeout",
    "stk": "stk",
    "c2b/validation": "c2b_validation",
    "c2b/confirmation": "c2b_confirmation",
}
CALLBACK_PATHS = {kind: path for path, kind in CALLBACK_KINDS.items()}

ACCEPTED = {"ResultCode": 0, "ResultDesc": "Accepted"}
VALIDATION_ACCEPTED = {"ResultCode": "0", "ResultDesc": "Accepted"}
# The answers to a stored callback, encoded once (every callback gets one of the two).
_ANSWERS = {kind: json.dumps(VALIDATION_ACCEPTED if kind == "c2b_validation" else ACCEPTED)
            for kind in CALLBACK_KINDS.values()}

STORE_KEY = web.AppKey("store", CallbackStore)
SETTINGS_KEY = web.AppKey("settings", RelaySettings)
POLICY_KEY = web.AppKey("policy", SourcePolicy)


class BodyTooLarge(Exception):
    """The request body is over the limit."""


class BodyTimeout(Exception):
    """The request body did not all arrive within the body timeout."""


def _error(status: int, message: str, **headers: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers or None)


async def read_body(request: web.Request, limit: int = MAX_BODY,
                    timeout: float | None = None) -> bytes:
    """The whole body, refusing as soon as it passes ``limit`` bytes (``BodyTooLarge``) or
    when it has not all arrived ``timeout`` seconds after the call (``BodyTimeout``)."""
    if request.content_length is not None and request.content_length > limit:
        raise BodyTooLarge
    if request.content.is_eof():  # all of it came with the headers (a callback, nearly always)
        body = request.content.read_nowait()
        if len(body) > limit:
            raise BodyTooLarge
        return body
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.content.iter_chunked(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise BodyTooLarge
                chunks.append(chunk)
    except TimeoutError:
        raise BodyTimeout from None
    return b"".join(chunks)


# -- handlers ---------------------------------------------------------------------------------


async def handle_callback(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS_KEY]
    kind = CALLBACK_KINDS.get(request.match_info["tail"])
    secret = request.match_info["secret"].encode("utf-8", "surrogatepass")
    if (
        not hmac.compare_digest(secret, settings.callback_secret.encode("ascii"))
        or kind is None
        or request.method != "POST"
    ):
        return _error(404, "not found")
    store = request.app[STORE_KEY]
    policy = request.app[POLICY_KEY]
    received_at = utc_now()
    source = policy.client_address(request.remote, request.headers.get("X-Forwarded-For"))
    try:
        body = await read_body(request, timeout=settings.limits.body_timeout)
    except BodyTooLarge:
        log.warning("refused a %s callback from %s: body over %d bytes", kind, source, MAX_BODY)
        return _error(413, f"body over {MAX_BODY} bytes", Connection="close")
    except BodyTimeout:
        log.warning("refused a %s callback from %s: body not received within %g s", kind,
                    source, settings.limits.body_timeout)
        return _error(408, f"body not received within {settings.limits.body_timeout:g} s",
                      Connection="close")
    except ConnectionError:  # the client went away: there is no one to answer
        log.warning("a %s callback from %s was cut off before its body ended", kind, source)
        return _error(400, "connection lost")
    content_type = request.headers.get("Content-Type", "")
    if not policy.allows(source):
        await asyncio.wrap_future(store.submit_quarantine(
            kind, "source not allowed", body, source, content_type, received_at))
        log.warning("refused a %s callback from %s: source not allowed", kind, source)
        return _error(403, "source not allowed")
    parsed = parse_payload(kind, body)
    if parsed.payload_json is None:
        quarantine_id = await asyncio.wrap_future(store.submit_quarantine(
            kind, parsed.refused, body, source, content_type, received_at))
        log.warning("refused a %s callback from %s: %s (kept as quarantine #%d)",
                    kind, source, parsed.refused, quarantine_id)
        return _error(400, parsed.refused)
    ref = ref_from_query(request.query.getall(REF_PARAM, []))
    raw = body if parsed.repaired else None
    event_id, is_new = await store.store(
        kind, parsed.payload_json, source, received_at, ref, parsed.repaired or None, raw)
    if is_new and parsed.repaired:
        log.warning("stored %s callback #%d from %s (ref %s) with %s; its raw body is kept",
                    kind, event_id, source, ref or "none", parsed.repaired)
    elif is_new:
        log.info("stored %s callback #%d from %s (ref %s)", kind, event_id, source,
                 ref or "none")
    else:
        log.info("duplicate %s callback #%d from %s stored once", kind, event_id, source)
    return web.Response(text=_ANSWERS[kind], content_type="application/json")


def _authorised(request: web.Request, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, presented = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        presented.strip().encode("utf-8", "surrogatepass"), token.encode("ascii")
    )


def parse_cursor(text: str | None, instance: str) -> int:
    """The id to read after: bare integers as given, ``"<instance>:<id>"`` of this store as
    given, a cursor of another store 0. Raises ValueError for anything else."""
    if text is None or text == "":
        return 0
    store_instance, separator, number = text.rpartition(":")
    if not number.isascii() or not number.isdigit() or len(number) > 18:
        raise ValueError("after must be a cursor returned as next, or a non-negative integer")
    if separator and store_instance != instance:
        return 0
    return int(number)


async def handle_events(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS_KEY]
    if not _authorised(request, settings.token):
        return _error(401, "a valid bearer token is required", **{"WWW-Authenticate": "Bearer"})
    store = request.app[STORE_KEY]
    try:
        after = parse_cursor(request.query.get("after"), store.instance)
    except ValueError as error:
        return _error(400, str(error))
    limit_text = request.query.get("limit", str(DEFAULT_FEED_LIMIT))
    if not (limit_text.isascii() and limit_text.isdigit() and len(limit_text) <= 6
            and 1 <= int(limit_text) <= MAX_FEED_LIMIT):
        return _error(400, f"limit must be a whole number from 1 to {MAX_FEED_LIMIT}")
    limit = int(limit_text)
    loop = asyncio.get_running_loop()
    events = await loop.run_in_executor(None, store.events_after, after, limit)
    last = events[-1].id if events else after
    parts = [
        f'{{"id":{event.id},"kind":{json.dumps(event.kind)},'
        f'"received_at":{json.dumps(event.received_at)},"ref":{json.dumps(event.ref)},'
        + (f'"repaired":{json.dumps(event.repaired)},' if event.repaired else "")
        + f'"payload":{event.payload_json}}}'
        for event in events
    ]
    cursor = json.dumps(f"{store.instance}:{last}")
    text = f'{{"events":[{",".join(parts)}],"next":{cursor}}}'
    return web.Response(text=text, content_type="application/json")


async def handle_health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@web.middleware
async def _never_crash(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status == 404:
            return _error(404, "not found")
        raise
    except Exception as error:
        log.error("internal error handling a request: %s", error.__class__.__name__)
        return _error(500, "internal error")


async def _cancel_lingering_handlers(app: web.Application) -> None:
    """On cleanup (after the server's shutdown), cancel request handlers still draining the body
    of a connection that is gone, so the loop closes with no task pending."""
    current = asyncio.current_task()
    lingering = [
        task for task in asyncio.all_tasks()
        if task is not current and not task.done()
        and getattr(task.get_coro(), "__qualname__", "") == "RequestHandler.start"
    ]
    for task in lingering:
        task.cancel()
    await asyncio.gather(*lingering, return_exceptions=True)


def _quiet_loop_errors(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    """The loop's exception handler: one rate-limited line, a traceback only for the unknown
    (``socket.accept() out of system resource`` once a second is not worth a traceback)."""
    error = context.get("exception")
    message = context.get("message", "error in the event loop")
    if isinstance(error, OSError):
        log.warning("%s: %s", message, error)
    else:
        log.error("%s", message, exc_info=error)


async def _housekeeping(limiter: RepeatLimiter) -> None:
    """Every log window: summarise the lines left out, give freed memory back."""
    while True:
        await asyncio.sleep(limiter.window)
        limiter.summarise()
        release_free_memory()


def _describe_allow_list(settings: RelaySettings) -> None:
    if settings.allow_safaricom_only:
        log.info("%s relay: callbacks accepted only from Safaricom's %d addresses and %d more "
                 "in extra_allowed", settings.environment, len(SAFARICOM_ADDRESSES),
                 len(settings.extra_allowed))
    elif settings.environment == "production":
        log.warning("production relay with allow_safaricom_only false: callbacks are accepted "
                    "from any address")
    else:
        log.info("%s relay: callbacks accepted from any address", settings.environment)


def create_app(settings: RelaySettings, store: CallbackStore | None = None) -> web.Application:
    """The relay app. Without ``store`` it opens the directory's store and closes it on cleanup.
    Serve it with ``limits.GuardedSite``."""
    allowed = list(settings.extra_allowed)
    if settings.allow_safaricom_only:
        allowed.extend(SAFARICOM_ADDRESSES)
    policy = SourcePolicy(allowed, settings.trusted_proxies)
    guard = ConnectionGuard(settings.limits, exempt=policy.spares)
    # A request answered without reading its whole body (413, 404) has the rest drained for at
    # most LINGERING_TIME (aiohttp's default is 10 s), so the client still reads the answer.
    app = web.Application(client_max_size=MAX_BODY,
                          middlewares=[track_requests(guard), _never_crash],
                          handler_args={"lingering_time": LINGERING_TIME})

    async def guard_logs(app: web.Application):
        limiter = RepeatLimiter(window=LOG_WINDOW)
        remove = guard_relay_loggers((settings.callback_secret, settings.token), limiter)
        loop = asyncio.get_running_loop()
        previous_handler = loop.get_exception_handler()
        loop.set_exception_handler(_quiet_loop_errors)
        housekeeping = asyncio.create_task(_housekeeping(limiter))
        _describe_allow_list(settings)
        yield
        housekeeping.cancel()
        await asyncio.gather(housekeeping, return_exceptions=True)
        limiter.summarise()
        loop.set_exception_handler(previous_handler)
        remove()

    app.cleanup_ctx.append(guard_logs)
    app.on_cleanup.append(_cancel_lingering_handlers)
    app[SETTINGS_KEY] = settings
    app[POLICY_KEY] = policy
    app[GUARD_KEY] = guard
    if store is not None:
        app[STORE_KEY] = store
    else:
        async def own_store(app: web.Application):
            app[STORE_KEY] = CallbackStore(settings.store_path)
            yield
            app[STORE_KEY].close()

        app.cleanup_ctx.append(own_store)
    app.router.add_route("*", CALLBACK_PREFIX + "/{secret}/{tail:.*}", handle_callback)
    app.router.add_get("/v1/events", handle_events)
    app.router.add_get("/healthz", handle_health)
    return app
