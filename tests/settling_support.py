"""Helpers of the settling tests and the stuck-rows benchmark: a clock that only moves when told,
and a real Transaction Status asker that sends each question to a simulator over loopback (as
the app does, without logging a row of its own), so the simulator's journal counts what was
asked."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.operations import build_request
from mpesa_desktop.daraja.security import bundled_certificate, security_credential
from mpesa_desktop.services.poller import status_query_fields
from mpesa_desktop.simulator.config import DEFAULT_INITIATORS

START = datetime(2026, 11, 28, 4, 0, tzinfo=UTC)


class Clock:
    """A clock for the ledger and the poller: ``now`` moves only with ``advance``."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class StatusAsker:
    """``await asker(row)`` sends a Transaction Status request about ``row`` to the simulator at
    ``base_url``; its result goes to ``result_url``."""

    def __init__(self, base_url: str, result_url: str) -> None:
        self.client = DarajaClient(base_url, "lab-key", "lab-secret", environment="custom")
        self.fields = {
            "initiator": "testapi",
            "security_credential": security_credential(DEFAULT_INITIATORS["testapi"],
                                                       bundled_certificate("simulator")),
            "result_url": result_url,
            "queue_timeout_url": result_url,
        }

    async def __call__(self, row: Any) -> None:
        prepared = build_request("transaction_status",
                                 {**self.fields, **status_query_fields(row)}, "custom")
        await asyncio.to_thread(self.client.send, prepared)

    def close(self) -> None:
        self.client.close()


def status_queries(simulator: Any) -> int:
    """How many Transaction Status requests the simulator received."""
    return sum(t["operation"] == "transaction_status" for t in simulator.transactions())
