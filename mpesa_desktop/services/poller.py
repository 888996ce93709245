"""The poller: results arrive by themselves (issue 5, item 3), and uncertain rows get settled.

An asyncio task on the app's loop; every blocking call (the relay feed, SQLite, Daraja) runs in
the worker executor. Each round it

1. reads the relay feed after its cursor and applies each callback with ``services.settle``
   (which believes a callback only as far as its ids prove it), then keeps the new cursor in the
   ledger (meta ``relay_cursor``), so a restart resumes where it stopped and no event is applied
   twice. On a team ledger one process of the team reads the feed at a time (the turn
   ``relay feed``: ``ledger.leases``); the others hear the changes through the ledger;
2. asks Daraja about rows that stay open: an STK push still ``accepted`` after
   ``stk_query_after`` seconds is settled by an STK Query; a ``timed_out`` or ``unknown`` payout,
   or an ``accepted`` one older than ``status_query_after``, gets a Transaction Status query.
   Each question is first claimed in the ledger (``ledger.settling``): the back-off is kept per
   row in the file and shared by every process, so one row is asked about once per interval
   whichever processes poll it (the interval doubling from ``*_query_every`` up to
   ``longest_query_interval``), and the log asks about at most ``queries_per_minute`` rows a
   minute. A status query never re-sends anything. Two "no such transaction" answers settle an
   ``unknown`` payout as never reached (``never_reached_after``; ``services.status_answers``);
3. closes a question that moves no money (a balance or status query) left without an answer for
   ``unanswered_after`` seconds, as ``failed`` ("no answer"): nobody needs to resolve it.

When a row learns Daraja's ids from its acknowledgement, the callbacks kept about it are looked
at again (``settle.settle_kept``): a failure that arrived before the acknowledgement could not be
checked then.

It polls faster while events arrive and backs off (with jitter) while idle or while the relay
cannot be reached. ``wake()`` makes it poll at once (after a submit, or when someone waits).
Times of the schedule come from ``clock`` (tests and benchmarks pass their own).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mpesa_desktop.catalogue import MONEY_OPERATIONS, STATUS_QUERYABLE
from mpesa_desktop.daraja.callbacks import parse_stk_query
from mpesa_desktop.errors import KnownError
from mpesa_desktop.ledger import IllegalTransition, Ledger, Transaction, settling
from mpesa_desktop.ledger.records import utc_now
from mpesa_desktop.ledger.statuses import Status
from mpesa_desktop.relay.feed import RelayFeed, RelayFeedError
from mpesa_desktop.services.settle import settle, settle_kept
from mpesa_desktop.services.status_answers import NEVER_REACHED_AFTER

log = logging.getLogger(__name__)

CURSOR_KEY = "relay_cursor"
FEED_TURN = "relay feed"
# How long a turn at the feed lasts unless renewed (a process killed holding it: another desk
# takes over after this).
FEED_TURN_FOR = timedelta(seconds=30)
UNANSWERED = "No answer from M-Pesa came in time; ask again if it is still needed."


@dataclass(frozen=True)
class PollerConfig:
    """Timing of the poller, in seconds (``queries_per_minute``: rows asked about a minute)."""

    min_interval: float = 0.2
    max_interval: float = 5.0
    backoff: float = 1.5
    jitter: float = 0.2
    batch: int = 100
    stk_query_after: float = 30.0
    stk_query_every: float = 30.0
    status_query_after: float = 120.0
    status_query_every: float = 300.0
    longest_query_interval: float = 3600.0
    queries_per_minute: int = 6
    never_reached_after: float = NEVER_REACHED_AFTER.total_seconds()
    unanswered_after: float = 1800.0
    pending_every: float = 1.0

    def backoff_of(self, every: float) -> settling.Backoff:
        return settling.Backoff(first=every, longest=max(every, self.longest_query_interval),
                                per_minute=self.queries_per_minute)


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
    coroutine that submits a Transaction Status request for ``row``; ``clock`` gives the time of
    the query schedule (aware UTC).
    """

    def __init__(self, *, ledger: Ledger, feed: RelayFeed | None, executor: Executor,
                 stk_query: Callable[[Any], dict[str, Any]],
                 status_query: Callable[[Any], Awaitable[Any]],
                 config: PollerConfig | None = None,
                 clock: Callable[[], datetime] = utc_now):
        self.ledger = ledger
        self.feed = feed
        self.config = config or PollerConfig()
        self._executor = executor
        self._stk_query = stk_query
        self._status_query = status_query
        self._clock = clock
        self._wake = asyncio.Event()
        self._last_pending_check = 0.0
        self._stopping = False
        self.last_error: str | None = None
        ledger.subscribe(self._on_change)

    async def _blocking(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    def _settle_options(self) -> dict[str, Any]:
        return {"never_reached_after": timedelta(seconds=self.config.never_reached_after)}

    def _on_change(self, row: Transaction, old: str | None, new: str) -> None:
        """A row that has just learnt Daraja's ids from its acknowledgement: look again at the
        callbacks kept about it (called in the thread that recorded the acknowledgement)."""
        if (new == Status.ACCEPTED and old in (Status.SENDING, Status.UNKNOWN)
                and (row.conversation_id or row.checkout_request_id)):
            settle_kept(self.ledger, row.reference, **self._settle_options())

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
        if self.ledger.hears_others and not self.ledger.take_turn(FEED_TURN, FEED_TURN_FOR):
            return 0, False  # another desk reads the feed for the team
        cursor = self.ledger.get_meta(CURSOR_KEY)
        events, after = self.feed.fetch(cursor, limit=self.config.batch)
        for event in events:
            try:
                settle(self.ledger, event.kind, event.payload, ref=event.ref,
                       **self._settle_options())
            except Exception:
                log.exception("could not apply relay event %s (%s)", event.id, event.kind)
        if events or after != cursor:
            self.ledger.set_meta(CURSOR_KEY, after)
        return len(events), len(events) >= self.config.batch

    async def settle_pending(self) -> None:
        """Ask Daraja about every open row that is due for a question (claimed in the ledger,
        so no other process asks about it in the same interval); close unanswered questions."""
        rows = await self._blocking(self.ledger.pending)
        now = self._clock()
        waiting = await self._blocking(settling.waiting, self.ledger, now)
        for row in rows:
            if row.reference in waiting:
                continue
            age = (now - row.created_at).total_seconds()
            try:
                if row.operation == "stk_push":
                    await self._check_stk(row, age, now)
                elif row.operation in STATUS_QUERYABLE:
                    await self._check_status(row, age, now)
                elif row.operation not in MONEY_OPERATIONS:
                    await self._close_unanswered(row, age)
            except KnownError as error:
                log.info("could not ask about %s yet: %s", row.reference, error)

    async def _claim(self, row: Any, now: datetime, every: float) -> bool:
        return await self._blocking(settling.claim, self.ledger, row.reference, now,
                                    self.config.backoff_of(every))

    async def _check_stk(self, row: Any, age: float, now: datetime) -> None:
        if row.status != "accepted" or not row.checkout_request_id:
            return
        if age < self.config.stk_query_after:
            return
        if not await self._claim(row, now, self.config.stk_query_every):
            return
        answer = await self._blocking(self._stk_query, row)
        if parse_stk_query(answer).status != "pending":
            await self._blocking(settle, self.ledger, "stk_query", answer)

    async def _check_status(self, row: Any, age: float, now: datetime) -> None:
        if not row.originator_conversation_id:
            return  # no id Daraja knows it by: the M-Pesa portal and a person settle it
        if row.status == "accepted" and age < self.config.status_query_after:
            return
        if not await self._claim(row, now, self.config.status_query_every):
            return
        await self._status_query(row)

    async def _close_unanswered(self, row: Any, age: float) -> None:
        """A question (no money moves) without an answer for ``unanswered_after``: failed."""
        if age < self.config.unanswered_after:
            return
        try:
            await self._blocking(lambda: self.ledger.transition(
                row.reference, Status.FAILED, source="poll", expected=row.status,
                result_desc=UNANSWERED))
        except IllegalTransition as error:  # answered meanwhile
            log.info("left %s as it is: %s", row.reference, error)


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
