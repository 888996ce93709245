"""Pause, resume, cancel and the pace of a bulk run (``BulkPayout.control``), called on the
event loop's thread (the window's buttons, the rate the clerk sets while it runs)."""

from __future__ import annotations

import asyncio

from mpesa_desktop.services.pacer import Pacer


class RunControl:
    """What the clerk does to a run: ``turn()`` is awaited before each row is sent."""

    def __init__(self, rate: float = 1.0):
        self.pacer = Pacer(rate)
        self.cancelled = False
        self._going = asyncio.Event()
        self._going.set()

    async def turn(self) -> bool:
        """Wait while paused, then for the row's turn at the rate set; False when cancelled."""
        await self._going.wait()
        if self.cancelled:
            return False
        await self.pacer.turn()
        return True

    def pause(self) -> None:
        """Send no further row until ``resume`` (a row being sent finishes)."""
        self._going.clear()

    def resume(self) -> None:
        self._going.set()

    def cancel(self) -> None:
        """Send no further row: the rest stay not sent, for a later run of the file."""
        self.cancelled = True
        self._going.set()

    @property
    def paused(self) -> bool:
        return not self._going.is_set()

    def set_rate(self, rate: float) -> None:
        """At most ``rate`` requests a second from the next row on."""
        if not rate > 0:
            raise ValueError("rate must be above 0")
        self.pacer.interval = 1.0 / rate
