"""The ledger reference a callback URL carries (``?ref=``): kept by the relay with the callback,
shown in the feed, ignored when malformed, never part of the duplicate check; and ``settle``
matching by it (ids first, then ref) on a real ledger."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
import requests

from mpesa_desktop.ledger import settling
from mpesa_desktop.relay.embedded import EmbeddedRelay
from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.relay.reference import valid_ref
from mpesa_desktop.relay.store import CallbackStore
from mpesa_desktop.services.settle import settle
from tests.fixtures.relay import b2c_result, queue_timeout, stk_callback

ACCEPTED = {"ResultCode": 0, "ResultDesc": "Accepted"}


def post(relay: EmbeddedRelay, kind: str, payload: dict, query: str = "") -> requests.Response:
    return requests.post(relay.callback_url(kind) + query, json=payload, timeout=10)


def feed_events(relay: EmbeddedRelay) -> list:
    events, _cursor = RelayFeed(relay.base_url, relay.token).fetch(None, limit=1000)
    return events


def result_of(ocid: str | None = None) -> dict:
    return b2c_result(ocid or uuid.uuid4().hex, f"AG_20250101_{uuid.uuid4().hex[:20]}")


@pytest.mark.parametrize("ref", [
    str(uuid.uuid4()), uuid.uuid4().hex, str(uuid.uuid4()).upper(),
])
def test_a_well_formed_ref_is_kept_and_shown_in_the_feed(relay, ref):
    response = post(relay, "result", result_of(), f"?ref={ref}")
    assert response.status_code == 200
    assert response.json() == ACCEPTED
    [event] = feed_events(relay)
    assert event.ref == ref
    raw = requests.get(relay.base_url + "/v1/events",
                       headers={"Authorization": f"Bearer {relay.token}"}, timeout=10).json()
    assert raw["events"][0]["ref"] == ref
    assert set(raw["events"][0]) == {"id", "kind", "received_at", "ref", "payload"}


def test_a_callback_without_a_ref_shows_null(relay):
    post(relay, "timeout", queue_timeout("x1", "AG_1"))
    raw = requests.get(relay.base_url + "/v1/events",
                       headers={"Authorization": f"Bearer {relay.token}"}, timeout=10).json()
    assert raw["events"][0]["ref"] is None


GARBAGE_QUERIES = [
    "?ref=",
    "?ref=1",
    "?ref=../../etc/passwd",
    "?ref=%27%3B%20DROP%20TABLE%20events%3B--",
    "?ref=" + "a" * 5000,
    "?ref=" + str(uuid.uuid4()) + "0",
    "?ref=" + str(uuid.uuid4()).replace("-", "_"),
    "?ref=g" + uuid.uuid4().hex[1:],
    "?ref=%00" + uuid.uuid4().hex[1:],
    "?ref=%C3%A9" + uuid.uuid4().hex[2:],
    f"?ref={uuid.uuid4()}&ref={uuid.uuid4()}",
    "?reference=" + uuid.uuid4().hex,
    "?ref",
]


@pytest.mark.parametrize("query", GARBAGE_QUERIES)
def test_a_malformed_or_forged_ref_is_ignored_not_refused(relay, query):
    response = post(relay, "result", result_of(), query)
    assert response.status_code == 200
    assert response.json() == ACCEPTED
    [event] = feed_events(relay)
    assert event.ref is None
    assert relay.store.quarantined() == []


def test_other_query_parameters_do_not_hide_the_ref(relay):
    ref = str(uuid.uuid4())
    post(relay, "stk", stk_callback("ws_CO_1", "29115-1"), f"?source=app&ref={ref}&x=1")
    assert [event.ref for event in feed_events(relay)] == [ref]


def test_a_duplicate_delivery_is_stored_once_whatever_its_ref(relay):
    payload = result_of()
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    for query in (f"?ref={first}", f"?ref={second}", "", "?ref=junk"):
        assert post(relay, "result", payload, query).status_code == 200
    [event] = feed_events(relay)
    assert event.ref == first
    [stored] = relay.store.events_after(0)
    assert stored.deliveries == 4


def test_a_store_written_before_refs_were_kept_is_brought_up_to_date(tmp_path):
    path = tmp_path / "relay.sqlite3"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
            received_at TEXT NOT NULL, source TEXT NOT NULL, digest TEXT NOT NULL UNIQUE,
            deliveries INTEGER NOT NULL DEFAULT 1, payload TEXT NOT NULL);
        INSERT INTO meta VALUES ('instance', 'oldstore');
        INSERT INTO events (kind, received_at, source, digest, payload)
            VALUES ('result', '2025-01-01T00:00:00+00:00', '127.0.0.1', 'd1', '{"Result":{}}');
        PRAGMA user_version = 1;
    """)
    old.close()
    ref = str(uuid.uuid4())
    with CallbackStore(path) as store:
        assert store.instance == "oldstore"
        event_id, is_new = store.add("result", result_of(), ref=ref)
        assert is_new
        old_event, new_event = store.events_after(0)
    assert (old_event.ref, new_event.ref) == (None, ref)
    assert new_event.id == event_id
    with CallbackStore(path) as reopened:  # opening twice is harmless
        assert len(reopened.events_after(0)) == 2


@pytest.mark.parametrize(("value", "expected"), [
    ("0f8b6a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b", True),
    ("0f8b6a2e3c4d4e5f8a9b0c1d2e3f4a5b", True),
    ("0f8b6a2e-3c4d4e5f-8a9b-0c1d2e3f4a5b", False),  # dashes all or nothing
    ("0f8b6a2e3c4d4e5f8a9b0c1d2e3f4a5", False),
    ("0f8b6a2e3c4d4e5f8a9b0c1d2e3f4a5b\n", False),
    ("mpesa-query", False),
    (None, False),
    (123, False),
])
def test_valid_ref(value, expected):
    assert valid_ref(value) == (value if expected else None)


# -- settle: ids first, then ref ----------------------------------------------------------------


def test_settle_matches_by_ref_when_no_id_matches_and_the_row_learns_the_ids(ledger):
    row = ledger.create("b2b", amount=239, party_a="600000", party_b="600001")
    ledger.transition(row.reference, "unknown", source="ack", result_desc="connection dropped")
    payload = result_of("AG-ocid-1")
    settled = settle(ledger, "result", payload, ref=row.reference)
    assert settled is not None and settled.reference == row.reference
    assert settled.status == "completed"
    assert settled.originator_conversation_id == "AG-ocid-1"
    assert settled.conversation_id == payload["Result"]["ConversationID"]
    statuses = [event.new_status for event in ledger.events(row.reference)]
    assert statuses == ["sending", "unknown", "completed"]
    # the same callback again, with or without its ref, changes nothing
    assert settle(ledger, "result", payload, ref=row.reference).status == "completed"
    assert settle(ledger, "result", payload).reference == row.reference
    assert len(ledger.events(row.reference)) == 3


def test_ids_win_over_the_ref(ledger):
    by_id = ledger.create("b2b", amount=100, party_a="600000", party_b="600001")
    ledger.transition(by_id.reference, "accepted", source="ack",
                      originator_conversation_id="ocid-A", conversation_id="AG_A")
    other = ledger.create("b2b", amount=200, party_a="600000", party_b="600002")
    ledger.transition(other.reference, "unknown", source="ack")
    payload = b2c_result("ocid-A", "AG_A")
    assert settle(ledger, "result", payload, ref=other.reference).reference == by_id.reference
    assert ledger.get(by_id.reference).status == "completed"
    assert ledger.get(other.reference).status == "unknown"


def test_a_ref_that_names_no_fitting_row_changes_nothing(ledger):
    stk = ledger.create("stk_push", amount=10, phone="254708374149")
    ledger.transition(stk.reference, "unknown", source="ack")
    known = ledger.create("b2b", amount=100, party_a="600000", party_b="600001")
    ledger.transition(known.reference, "accepted", source="ack",
                      originator_conversation_id="ocid-K", conversation_id="AG_K")
    cases = [
        str(uuid.uuid4()),   # no such row
        stk.reference,       # a Result cannot be about an STK push
        known.reference,     # the row's own ids differ from the callback's
    ]
    for ref in cases:
        assert settle(ledger, "result", result_of("ocid-other"), ref=ref) is None
    assert settle(ledger, "stk", stk_callback("ws_CO_9", "9-9"), ref=known.reference) is None
    assert ledger.get(stk.reference).status == "unknown"
    assert ledger.get(known.reference).status == "accepted"


def test_an_stk_callback_settles_its_push_by_ref(ledger):
    push = ledger.create("stk_push", amount=10, phone="254708374149")
    ledger.transition(push.reference, "unknown", source="ack")
    settled = settle(ledger, "stk", stk_callback("ws_CO_5", "5-5", amount=10),
                     ref=push.reference)
    assert settled.status == "completed"
    assert settled.checkout_request_id == "ws_CO_5"
    assert settled.receipt == "NLJ7RT61SV"


def test_a_callback_that_beats_its_acknowledgement_settles_the_row_still_sending(ledger):
    row = ledger.create("tax_remittance", amount=500, party_a="600000", party_b="572572")
    settled = settle(ledger, "result", result_of("ocid-fast"), ref=row.reference)
    assert settled.status == "completed"
    assert [e.new_status for e in ledger.events(row.reference)] == [
        "sending", "accepted", "completed"]


def test_a_queue_timeout_found_by_ref_alone_is_kept_and_changes_nothing(ledger):
    """A ref alone cannot vouch for a timeout (issue 9: callbacks are evidence): its ids would
    be the row's only way to be asked about, and a forged one would bind the row to ids M-Pesa
    never gave. The row stays ``unknown`` (resolvable by a person); the timeout is kept."""
    row = ledger.create("b2b", amount=239, party_a="600000", party_b="600001")
    ledger.transition(row.reference, "unknown", source="ack")
    settled = settle(ledger, "timeout", queue_timeout("ocid-slow", "AG_slow"), ref=row.reference)
    assert settled.status == "unknown"
    assert (settled.originator_conversation_id, settled.conversation_id) == (None, None)
    assert [kind for kind, _payload in settling.kept_callbacks(ledger, row.reference)] == [
        "timeout"]
