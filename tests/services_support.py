"""Fixtures and helpers of the services tests (``tests/test_services_*.py``).

A test module takes the fixture by name after ``from tests import services_support`` and
``services = services_support.services``. Everything is real: ``AppServices`` opens a profile in
the test's temporary home (offline: the embedded simulator and relay on loopback with a 0.05 s
callback delay) with a fast poller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest

from mpesa_desktop.config import ConfigStore, Secrets, new_profile
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.poller import PollerConfig
from mpesa_desktop.simulator import SimulatorConfig

FAST = PollerConfig(min_interval=0.02, max_interval=0.1, stk_query_after=0.2,
                    stk_query_every=0.2, status_query_after=0.3, status_query_every=0.2,
                    longest_query_interval=1.0, queries_per_minute=600, pending_every=0.05)


def open_services(profile: str | None = None) -> AppServices:
    """Open ``profile`` (the active one by default) with the fast poller."""
    return AppServices.open(app_paths(), profile,
                            simulator_config=SimulatorConfig(callback_delay=0.05),
                            poller_config=FAST)


@pytest.fixture
def services() -> Iterator[AppServices]:
    """The offline profile's services, closed after the test."""
    opened = open_services()
    yield opened
    opened.close()


def run(services: AppServices, coro: Coroutine[Any, Any, Any]) -> Any:
    """Run ``coro`` on a fresh loop; the poller (if started) stops before the loop ends."""
    async def main() -> Any:
        try:
            return await coro
        finally:
            await services.stop_poller()

    return asyncio.run(main())


def executed(services: AppServices, operation: str) -> list[dict]:
    """What the embedded simulator executed of ``operation``."""
    return [t for t in services.simulator.transactions() if t["operation"] == operation]


def add_lab_profile(base_url: str, relay: Any) -> None:
    """A custom profile ``lab`` (not made active) on ``base_url`` whose callbacks go through the
    ``relay`` fixture."""
    store = ConfigStore(app_paths())
    store.add(new_profile("lab", "custom", base_url=base_url, shortcode="600000",
                          initiator="testapi", relay_url=relay.base_url))
    secrets = Secrets("lab")
    for key, value in {"consumer_key": "lab-key", "consumer_secret": "lab-secret",
                       "initiator_password": PUBLIC_INITIATOR_PASSWORD,
                       "relay_token": relay.token,
                       "relay_callback_secret": relay.settings.callback_secret}.items():
        secrets.set(key, value)
