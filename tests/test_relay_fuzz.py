"""The relay under a hostile fuzz run of 10,000 requests, with a restart half-way.

Random bytes, random JSON, deep nesting, huge numbers, NaN, bad UTF-8, wrong methods, weird
paths, wrong secrets and tokens and oversized bodies, interleaved with valid callbacks (some
delivered twice). Nothing may answer 5xx, every valid callback must be answered as Daraja expects
and be in the feed exactly once, and the relay must still be healthy.
(``tests/benchmarks/relay.py --fuzz N`` runs longer fuzz runs.)
"""

from __future__ import annotations

import asyncio

import requests

from mpesa_desktop.relay.embedded import EmbeddedRelay
from mpesa_desktop.relay.feed import RelayFeed
from tests.fixtures.relay import canonical, hostile_requests, run_fuzz

TOTAL = 10_000


def read_feed(relay: EmbeddedRelay, cursor: str | None) -> tuple[list, str | None]:
    feed = RelayFeed(relay.base_url, relay.token)
    events = []
    while True:
        page, cursor = feed.fetch(cursor, limit=1000)
        if not page:
            return events, cursor
        events.extend(page)


def test_ten_thousand_hostile_requests_crash_nothing_and_lose_no_callback(tmp_path):
    directory = tmp_path / "relay"
    requests_list = list(hostile_requests(EmbeddedRelay(directory).settings.callback_base, TOTAL))
    half = TOTAL // 2
    with EmbeddedRelay(directory) as relay:
        first = asyncio.run(run_fuzz(relay.base_url, requests_list[:half]))
        before_restart, cursor = read_feed(relay, None)
    with EmbeddedRelay(directory) as relay:
        second = asyncio.run(run_fuzz(relay.base_url, requests_list[half:]))
        after_restart, _ = read_feed(relay, cursor)
        everything, _ = read_feed(relay, None)
        healthy = requests.get(relay.base_url + "/healthz", timeout=10).status_code
        quarantined = relay.store.quarantined(limit=TOTAL)

    assert first.failures == [] and second.failures == []
    assert first.sent + second.sent == TOTAL
    statuses = first.statuses + second.statuses
    assert not [status for status in statuses if status >= 500]
    assert statuses[200] >= 1000 and statuses[400] >= 1000 and statuses[404] >= 500
    assert statuses[401] > 0 and statuses[413] > 0
    assert healthy == 200

    stored = [(event.kind, canonical(event.payload)) for event in everything]
    assert len(stored) == len(set(stored))  # each callback once, duplicates included
    assert first.expected | second.expected <= set(stored)
    # The feed after the restart continues exactly where the first half ended.
    assert [event.id for event in before_restart + after_restart] == [
        event.id for event in everything]
    assert len(quarantined) == statuses[400]
