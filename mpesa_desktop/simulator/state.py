"""Everything one simulator instance knows, shared by its routes, handlers and admin API.

All of it is touched only on the server's event loop; the embedded ``Simulator`` reads it through
that loop.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mpesa_desktop.simulator.book import Book
from mpesa_desktop.simulator.config import SimulatorConfig
from mpesa_desktop.simulator.credentials import CredentialChecker
from mpesa_desktop.simulator.delivery import CallbackDispatcher
from mpesa_desktop.simulator.faults import FaultBoard
from mpesa_desktop.simulator.journal import Journal
from mpesa_desktop.simulator.scenarios import ScenarioBoard
from mpesa_desktop.simulator.tokens import TokenStore


@dataclass
class C2BRegistration:
    shortcode: str
    response_type: str
    confirmation_url: str
    validation_url: str
    version: str


class SimulatorState:
    def __init__(self, config: SimulatorConfig):
        self.config = config
        self.tokens = TokenStore(config.token_ttl)
        self.credentials = CredentialChecker(config.initiators, config.accept_any_credential)
        self.book = Book(config.organisations, config.customer_balance)
        self.journal = Journal()
        self.scenarios = ScenarioBoard()
        self.faults = FaultBoard(config.faults)
        self.callbacks = CallbackDispatcher(
            self.faults, allow_remote=config.allow_remote_callbacks,
            timeout=config.callback_timeout)
        self.c2b_urls: dict[str, C2BRegistration] = {}
        self.requests_by_path: Counter[str] = Counter()
        self.oauth_calls = 0

    @property
    def request_count(self) -> int:
        """Requests the simulator received, OAuth included, admin excluded."""
        return sum(self.requests_by_path.values())

    @property
    def delay(self) -> float:
        return self.config.callback_delay

    def stats(self) -> dict:
        records = self.callbacks.records()
        return {
            "oauth_calls": self.oauth_calls,
            "requests": self.request_count,
            "paths": dict(self.requests_by_path),
            "transactions": len(self.journal.all()),
            "callbacks": {
                "sent": sum(1 for r in records if r.attempts),
                "delivered": sum(1 for r in records
                                 if any(a["status"] == 200 for a in r.attempts)),
                "lost": sum(1 for r in records if r.lost),
            },
            "faults": self.faults.active(),
        }
