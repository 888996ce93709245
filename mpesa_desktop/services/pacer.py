"""Pacing requests: at most N a second (bulk payouts stay under Daraja's spike arrest)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any


class Pacer:
    """At most ``rate`` turns a second: each ``turn()`` waits until ``1 / rate`` seconds after
    the previous turn began. ``clock`` and ``sleep`` are injectable (tests)."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep):
        if not rate > 0:
            raise ValueError("rate must be above 0")
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next: float | None = None

    async def turn(self) -> None:
        now = self._clock()
        if self._next is not None and now < self._next:
            await self._sleep(self._next - now)
            now = max(self._clock(), self._next)
        self._next = now + self.interval
