"""The relay's store on real SQLite files: group commit from many threads, duplicates, closing."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from mpesa_desktop.relay.store import CallbackStore
from tests.fixtures.relay import stk_callback


def test_concurrent_writers_each_get_their_row_once(tmp_path):
    store = CallbackStore(tmp_path / "relay.sqlite3")
    results: list[tuple[int, bool]] = []
    lock = threading.Lock()

    def writer(number: int) -> None:
        for item in range(100):
            # Writers 0-3 and 4-7 send the same callbacks: each distinct one is stored once.
            outcome = store.add("stk", stk_callback(f"ws_CO_{number % 4}_{item}", "mr"))
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    events = store.events_after(0, limit=1000)
    store.close()

    assert len(results) == 800
    assert sum(is_new for _, is_new in results) == 400 == len(events)
    assert len({event_id for event_id, _ in results}) == 400
    ids = [event.id for event in events]
    assert ids == sorted(ids)
    assert sum(event.deliveries for event in events) == 800


def test_close_commits_everything_queued_and_refuses_more(tmp_path):
    path = tmp_path / "relay.sqlite3"
    store = CallbackStore(path)
    futures = [store.submit("result", f'{{"n":{number}}}', "10.0.0.1") for number in range(300)]
    store.close()
    store.close()  # twice is fine
    assert all(future.done() for future in futures)
    with pytest.raises(RuntimeError, match="closed"):
        store.submit("result", "{}", "10.0.0.1")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM events").fetchone()[0] == 300
    reopened = CallbackStore(path)
    assert reopened.count() == 300
    assert reopened.instance == store.instance
    reopened.close()


def test_quarantine_keeps_the_newest_and_cuts_bodies(tmp_path):
    store = CallbackStore(tmp_path / "relay.sqlite3", quarantine_keep=5)
    for number in range(12):
        store.submit_quarantine("stk", "not JSON", bytes([number]) * 20_000, "10.0.0.2",
                                "text/plain").result()
    kept = store.quarantined(limit=100)
    store.close()
    assert [item.id for item in kept] == [12, 11, 10, 9, 8]
    assert all(item.size == 20_000 and len(item.body) == 16 * 1024 for item in kept)
    assert kept[0].body[:1] == bytes([11])
    assert "body" not in repr(kept[0])
