"""Delivers callbacks (ResultURL, QueueTimeOutURL, CallBackURL, C2B URLs) with aiohttp.

Like Daraja it never retries; every attempt is recorded (HTTP status or the error), and a failure
to deliver never disturbs the server. The admin "resend" posts a recorded callback again.
Callbacks only go to loopback addresses unless the config allows remote ones, so the simulator
never reaches the internet on behalf of a test that used an example URL.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from mpesa_desktop.simulator.faults import FaultBoard

log = logging.getLogger(__name__)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass
class CallbackRecord:
    """One callback the simulator sent (or lost on purpose), and every attempt to deliver it."""

    id: int
    kind: str
    url: str
    payload: dict
    transaction_id: str | None
    lost: bool = False
    attempts: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "url": self.url, "payload": self.payload,
            "transaction_id": self.transaction_id, "lost": self.lost,
            "attempts": list(self.attempts),
        }


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class CallbackDispatcher:
    """Schedules, sends and records callbacks on the server's event loop."""

    def __init__(self, faults: FaultBoard, *, allow_remote: bool = False, timeout: float = 10.0):
        self._faults = faults
        self._allow_remote = allow_remote
        self._timeout = timeout
        self._records: list[CallbackRecord] = []
        self._tasks: set[asyncio.Task] = set()
        self._session: aiohttp.ClientSession | None = None

    def records(self) -> list[CallbackRecord]:
        return list(self._records)

    def get(self, callback_id: int) -> CallbackRecord | None:
        return next((r for r in self._records if r.id == callback_id), None)

    def later(self, delay: float, work: Callable[[], Awaitable[Any]]) -> None:
        """Run ``work()`` after ``delay`` seconds on this loop (e.g. finish an STK push)."""
        async def run() -> None:
            await asyncio.sleep(delay)
            try:
                await work()
            except Exception:  # a bug in one callback must not stop the server
                log.exception("simulator: delayed work failed")

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def send(self, kind: str, url: str, payload: dict, transaction_id: str | None = None,
                   *, lose: bool = False) -> Any:
        """Record and deliver a callback now (subject to callback faults); return the JSON the
        receiver answered with, or None."""
        record = CallbackRecord(len(self._records) + 1, kind, url, payload, transaction_id)
        self._records.append(record)
        fault = self._faults.for_callback()
        if lose or fault == "callback_lost":
            record.lost = True
            return None
        answer = await self.deliver(record)
        if fault == "callback_twice":
            await self.deliver(record)
        return answer

    async def deliver(self, record: CallbackRecord) -> Any:
        """POST the record's payload once; record the attempt; never raise."""
        attempt: dict[str, Any] = {"at": datetime.now(UTC).isoformat(), "status": None,
                                   "error": None}
        record.attempts.append(attempt)
        if not (self._allow_remote or is_loopback(record.url)):
            attempt["error"] = "not sent: callbacks go to loopback addresses only"
            return None
        try:
            session = self._client()
            async with session.post(record.url, json=record.payload) as response:
                attempt["status"] = response.status
                text = await response.text()
        except (TimeoutError, aiohttp.ClientError, ValueError, OSError) as error:
            attempt["error"] = f"{type(error).__name__}: {error}"
            return None
        try:
            return json.loads(text) if text else None
        except ValueError:
            return None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self._timeout))
        return self._session

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None
