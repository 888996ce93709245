"""The poller: results arrive by themselves (issue 5, item 3).

An asyncio task on the app's loop; every blocking call (the relay feed, SQLite, Daraja) runs in
the worker executor. Each round it

1. reads the relay feed after its cursor and applies each callback with ``services.settle``
   (matched by Daraja's ids, else by the ledger reference its callback URL carried), then
   keeps the new cursor in the ledger (meta ``relay_cursor``), so a restart resumes where it
   stopped and no event is applied twice;
2. asks Daraja about rows that stay open: an STK push still ``accepted`` after
   ``stk_query_after`` seconds is settled by an STK Query; a ``timed_out`` or ``unknown`` row, or
   an ``accepted`` one older than ``status_query_after``, gets a Transaction Status query (per
   row at most once per ``status_query_every`` seconds, the wait doubling after each question).
   A status query never re-sends anything.

It polls faster while events arrive and backs off (with jitter) while idle or while the relay
cannot be reached. ``wake()`` makes it poll at once (after a submit, or when someone waits).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mpesa_desktop.daraja.callbacks import parse_stk_query
from mpesa_desktop.daraja.errors import DarajaError
from mpesa_desktop.relay.feed import RelayFeed, RelayFeedError
from mpesa_desktop.services.settle import settle

log = logging.getLogger(__name__)

CURSOR_KEY = "relay_cursor"
MAX_BACKOFF = 64
# Operations whose result Transaction Status can find by OriginatorConversationID.
STATUS_QUERYABLE = frozenset({"b2c", "b2b", "tax_remittance", "reversal"})


@dataclass(frozen=True)
class PollerConfig:
    """Timing of the poller, in seconds."""

    min_interval: float = 0.2
    max_interval: float = 5.0
    backoff: float = 1.5
    jitter: float = 0.2
    batch: int = 100
    stk_query_after: float = 30.0
    stk_query_every: float = 30.0
    status_query_after: float = 120.0
    status_query_every: float = 60.0
    pending_every: float = 1.0


async def wait_event(event: asyncio.Event, timeout: float) -> bool:
    """Wait until ``event`` is set or ``timeout`` passes; True when it was set. Unlike
    ``asyncio.wait_for`` before Python 3.12, a cancellation is never swallowed."""
    waiter = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({waiter}, timeout=timeout)
    finally:
        waiter.cancel()
    return event.is_set()


class Poller:
    """Applies relay events and settles open rows for one profile's ledger.

    ``stk_query(row)`` returns Daraja's STK Query answer (blocking); ``status_query(row)`` is a
    coroutine that submits a Transaction Status request for ``row``.
    """

    def __init__(self, *, ledger: Any, feed: RelayFeed | None, executor: Executor,
                 stk_query: Callable[[Any], dict[str, Any]],
                 status_query: Callable[[Any], Awaitable[Any]],
                 config: PollerConfig | None = None):
        self.ledger = ledger
        self.feed = feed
        self.config = config or PollerConfig()
        self._executor = executor
        self._stk_query = stk_query
        self._status_query = status_query
        self._wake = asyncio.Event()
        self._asked: dict[str, tuple[float, int]] = {}
        self._last_pending_check = 0.0
        self._stopping = False
        self.last_error: str | None = None

    async def _blocking(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    def wake(self) -> None:
        """Poll now (thread-unsafe: call it on the poller's loop)."""
        self._wake.set()

    def stop(self) -> None:
        """Make ``run`` return at its next step (then cancel its task to interrupt a wait)."""
        self._stopping = True
        self._wake.set()

    async def run(self) -> None:
        """Poll until stopped or cancelled."""
        self._stopping = False
        interval = self.config.min_interval
        while not self._stopping:
            try:
                applied = await self.poll_once()
                self.last_error = None
                interval = (self.config.min_interval if applied
                            else min(interval * self.config.backoff, self.config.max_interval))
            except RelayFeedError as error:
                self.last_error = str(error)
                log.warning("relay feed: %s", error)
                interval = min(max(interval, 1.0) * self.config.backoff * 2,
                               self.config.max_interval * 4)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("poller round failed")
                interval = self.config.max_interval
            delay = interval * (1 + random.uniform(-self.config.jitter, self.config.jitter))
            self._wake.clear()
            if await wait_event(self._wake, delay):
                interval = self.config.min_interval

    async def poll_once(self) -> int:
        """One round: apply new feed events, then ask about open rows; events applied."""
        applied = 0
        if self.feed is not None:
            while True:
                count, more = await self._blocking(self._apply_feed_page)
                applied += count
                if not more:
                    break
        now = time.monotonic()
        if now - self._last_pending_check >= self.config.pending_every:
            self._last_pending_check = now
            await self.settle_pending()
        return applied

    def _apply_feed_page(self) -> tuple[int, bool]:
        """Fetch one page after the stored cursor, apply it, store the cursor (blocking)."""
        assert self.feed is not None
        cursor = self.ledger.get_meta(CURSOR_KEY)
        events, after = self.feed.fetch(cursor, limit=self.config.batch)
        for event in events:
            try:
                settle(self.ledger, event.kind, event.payload, ref=event.ref)
            except Exception:
                log.exception("could not apply relay event %s (%s)", event.id, event.kind)
        if events or after != cursor:
            self.ledger.set_meta(CURSOR_KEY, after)
        return len(events), len(events) >= self.config.batch

    def _due(self, reference: str, every: float) -> bool:
        """True when the row may be asked about again; each question doubles the wait (up to
        64 times ``every``) so a row Daraja cannot settle does not fill the log with queries."""
        asked = self._asked.get(reference)
        if asked is None:
            return True
        last, count = asked
        return time.monotonic() - last >= every * min(2 ** (count - 1), MAX_BACKOFF)

    def _mark_asked(self, reference: str) -> None:
        _last, count = self._asked.get(reference, (0.0, 0))
        self._asked[reference] = (time.monotonic(), count + 1)

    async def settle_pending(self) -> None:
        """Ask Daraja about every open row that is due for a question."""
        rows = await self._blocking(self.ledger.pending)
        now = datetime.now(UTC)
        for row in rows:
            age = (now - row.created_at).total_seconds()
            try:
                if row.operation == "stk_push":
                    await self._check_stk(row, age)
                elif row.operation in STATUS_QUERYABLE:
                    await self._check_status(row, age)
            except DarajaError as error:
                log.info("could not ask about %s yet: %s", row.reference, error)
        live = {row.reference for row in rows}
        for reference in list(self._asked):
            if reference not in live:
                del self._asked[reference]

    async def _check_stk(self, row: Any, age: float) -> None:
        if row.status != "accepted" or not row.checkout_request_id:
            return
        if age < self.config.stk_query_after:
            return
        if not self._due(row.reference, self.config.stk_query_every):
            return
        self._mark_asked(row.reference)
        answer = await self._blocking(self._stk_query, row)
        if parse_stk_query(answer).status != "pending":
            await self._blocking(settle, self.ledger, "stk_query", answer)

    async def _check_status(self, row: Any, age: float) -> None:
        if not row.originator_conversation_id:
            return  # no id Daraja knows it by: only the business's M-Pesa portal can tell
        if row.status == "accepted" and age < self.config.status_query_after:
            return
        if not self._due(row.reference, self.config.status_query_every):
            return
        self._mark_asked(row.reference)
        await self._status_query(row)


def stk_query_fields(row: Any) -> dict[str, Any]:
    """The STK Query fields for an STK push row (the passkey is added by the caller)."""
    body = row.request_body or {}
    return {
        "business_shortcode": str(body.get("BusinessShortCode") or row.party_b),
        "checkout_request_id": row.checkout_request_id,
    }


def status_query_fields(row: Any) -> dict[str, Any]:
    """The Transaction Status fields for a payout row (defaults fill the rest)."""
    return {
        "original_conversation_id": row.originator_conversation_id,
        "party_a": row.party_a,
        "identifier_type": "4",
        "remarks": f"Status check of {row.reference}"[:100],
    }
