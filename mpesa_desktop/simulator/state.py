"""Everything one simulator instance knows, shared by its routes, handlers and admin API.

All of it is touched only on the server's event loop; the embedded ``Simulator`` reads it through
that loop. With a ``StateStore`` the state is loaded from it at construction, and each
``checkpoint()`` (after every API request, finished job and admin resend) saves what changed:
balances, transactions, C2B registrations, callbacks and jobs. Tokens, scenarios, faults, the
shortcodes with C2B validation enabled (``c2b_validation``, from the config and the admin API) and
counters live only as long as the instance.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from mpesa_desktop.simulator.book import Book
from mpesa_desktop.simulator.config import SimulatorConfig
from mpesa_desktop.simulator.credentials import CredentialChecker
from mpesa_desktop.simulator.delivery import CallbackDispatcher, CallbackRecord, RelayUrls
from mpesa_desktop.simulator.faults import FaultBoard
from mpesa_desktop.simulator.jobs import Job, JobQueue
from mpesa_desktop.simulator.journal import Journal, Transaction
from mpesa_desktop.simulator.scenarios import ScenarioBoard
from mpesa_desktop.simulator.store import StateRows, StateStore
from mpesa_desktop.simulator.tokens import TokenStore


@dataclass
class C2BRegistration:
    shortcode: str
    response_type: str
    confirmation_url: str
    validation_url: str
    version: str


REGISTRATION_URLS = ("confirmation_url", "validation_url")


def _urls(body: dict[str, Any], convert: Callable[[str], str], *names: str) -> dict[str, Any]:
    """``body`` with its URLs ``names`` converted (as the state file keeps them, or back)."""
    return {**body, **{name: convert(body[name]) for name in names if name in body}}


class SimulatorState:
    """``callback_base``: the relay that takes the callbacks (``delivery.RelayUrls``)."""

    def __init__(self, config: SimulatorConfig, store: StateStore | None = None,
                 callback_base: str | None = None):
        self.config = config
        self.tokens = TokenStore(config.token_ttl)
        self.credentials = CredentialChecker(config.initiators, config.accept_any_credential)
        self.book = Book(config.organisations, config.customer_balance,
                         config.sandbox_shortcodes)
        self.journal = Journal()
        self.scenarios = ScenarioBoard()
        self.faults = FaultBoard(config.faults)
        self.callbacks = CallbackDispatcher(
            self.faults, allow_remote=config.allow_remote_callbacks,
            timeout=config.callback_timeout)
        self.jobs = JobQueue()
        self.c2b_urls: dict[str, C2BRegistration] = {}
        self.c2b_validation: set[str] = set(config.c2b_validation)
        # Pull Transactions registrations, shortcode -> nominated number, callback URL (kept
        # for the run: a restarted simulator asks for registration again)
        self.pull_registrations: dict[str, dict[str, str]] = {}
        self._changed_registrations: dict[str, C2BRegistration] = {}
        self.requests_by_path: Counter[str] = Counter()
        self.oauth_calls = 0
        self.store = store
        self._relay = RelayUrls(callback_base)
        if store is not None:
            self._restore(store.load())

    def _restore(self, saved: StateRows) -> None:
        restored = self._relay.restored
        self.book.restore(saved.organisations, saved.customers)
        for body in saved.transactions:
            self.journal.restore(Transaction.from_dict(body))
        for body in saved.registrations:
            self.c2b_urls[body["shortcode"]] = C2BRegistration(
                **_urls(body, restored, *REGISTRATION_URLS))
        self.callbacks.restore(
            [CallbackRecord.from_dict(_urls(body, restored, "url")) for body in saved.callbacks])
        self.jobs.restore([Job(**{**body, "data": _urls(body["data"], restored, "url")})
                           for body in saved.jobs], latest_due=time.time() + self.delay)

    def register_c2b(self, registration: C2BRegistration) -> None:
        self.c2b_urls[registration.shortcode] = registration
        self._changed_registrations[registration.shortcode] = registration

    def checkpoint(self) -> None:
        """Save what changed since the last checkpoint (without a store: forget it)."""
        transactions = self.journal.take_changed()
        organisations, customers = self.book.take_changed()
        registrations, self._changed_registrations = self._changed_registrations, {}
        records = self.callbacks.take_changed()
        added, finished = self.jobs.take_changed()
        if self.store is None:
            return
        saved = self._relay.saved
        self.store.save(StateRows(
            organisations=organisations,
            customers=customers,
            transactions=[t.as_dict() for t in transactions],
            registrations=[_urls(asdict(r), saved, *REGISTRATION_URLS)
                           for r in registrations.values()],
            callbacks=[_urls(r.as_dict(), saved, "url") for r in records],
            jobs=[{**body, "data": _urls(body["data"], saved, "url")}
                  for body in (job.as_dict() for job in added)],
            finished_jobs=finished,
        ))

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
            "pending_jobs": len(self.jobs.pending()),
            "faults": self.faults.active(),
        }
