"""Delivers callbacks (ResultURL, QueueTimeOutURL, CallBackURL, C2B URLs) with aiohttp.

Like Daraja it never retries; every attempt is recorded (HTTP status or the error), and a failure
to deliver never disturbs the server. The admin "resend" posts a recorded callback again. When
callbacks are sent is the job queue's business (``jobs``); the records added or attempted since
the last ``take_changed()`` are what the next checkpoint saves.
Callbacks only go to loopback addresses unless the config allows remote ones, so the simulator
never reaches the internet on behalf of a test that used an example URL.
"""

from __future__ import annotations

import json
import logging
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

    @classmethod
    def from_dict(cls, data: dict) -> CallbackRecord:
        return cls(data["id"], data["kind"], data["url"], data["payload"],
                   data["transaction_id"], data["lost"], list(data["attempts"]))


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class RelayUrls:
    """How saved URLs name the relay that takes this simulator's callbacks (``callback_base``,
    the embedded relay's ``http://127.0.0.1:PORT/cb/<secret>``): by the placeholder ``<relay>``.

    So the relay's path secret is never written to the state file, and a URL restored after a
    restart reaches the relay where it listens now (a new port at each start). Other URLs are
    kept as given, as Daraja keeps them."""

    PLACEHOLDER = "<relay>"

    def __init__(self, callback_base: str | None):
        self._base = callback_base.rstrip("/") if callback_base else None

    def saved(self, url: str) -> str:
        base = self._base
        if base and (url == base or url.startswith((base + "/", base + "?"))):
            return self.PLACEHOLDER + url[len(base):]
        return url

    def restored(self, url: str) -> str:
        if self._base and url.startswith(self.PLACEHOLDER):
            return self._base + url[len(self.PLACEHOLDER):]
        return url


class CallbackDispatcher:
    """Sends and records callbacks on the server's event loop."""

    def __init__(self, faults: FaultBoard, *, allow_remote: bool = False, timeout: float = 10.0):
        self._faults = faults
        self._allow_remote = allow_remote
        self._timeout = timeout
        self._records: list[CallbackRecord] = []
        self._changed: dict[int, CallbackRecord] = {}
        self._session: aiohttp.ClientSession | None = None

    def records(self) -> list[CallbackRecord]:
        return list(self._records)

    def get(self, callback_id: int) -> CallbackRecord | None:
        return next((r for r in self._records if r.id == callback_id), None)

    def restore(self, records: list[CallbackRecord]) -> None:
        """Put back the records a saved state holds."""
        self._records.extend(records)

    def take_changed(self) -> list[CallbackRecord]:
        """The records added or attempted since the last call."""
        changed, self._changed = list(self._changed.values()), {}
        return changed

    async def send(self, kind: str, url: str, payload: dict, transaction_id: str | None = None,
                   *, lose: bool = False) -> Any:
        """Record and deliver a callback now (subject to callback faults); return the JSON the
        receiver answered with, or None."""
        next_id = self._records[-1].id + 1 if self._records else 1
        record = CallbackRecord(next_id, kind, url, payload, transaction_id)
        self._records.append(record)
        self._changed[record.id] = record
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
        try:
            text = await self._post(record, attempt)
        finally:
            self._changed[record.id] = record
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return None

    async def _post(self, record: CallbackRecord, attempt: dict[str, Any]) -> str | None:
        """POST the payload and fill in ``attempt``; the answer's text, or None on failure."""
        if not (self._allow_remote or is_loopback(record.url)):
            attempt["error"] = "not sent: callbacks go to loopback addresses only"
            return None
        try:
            session = self._client()
            async with session.post(record.url, json=record.payload) as response:
                attempt["status"] = response.status
                return await response.text()
        except (TimeoutError, aiohttp.ClientError, ValueError, OSError) as error:
            attempt["error"] = f"{type(error).__name__}: {error}"
            return None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self._timeout))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
