"""The callback relay over real HTTP on loopback: storing, answering, refusing, the feed."""

from __future__ import annotations

import json
import logging
import socket
import sqlite3

import pytest
import requests

from mpesa_desktop.relay.embedded import EmbeddedRelay
from mpesa_desktop.relay.feed import RelayAuthError, RelayFeed
from mpesa_desktop.relay.settings import SETTINGS_FILE, forbidden_url_word
from mpesa_desktop.relay.store import QUARANTINE_BODY_LIMIT
from tests.fixtures.relay import (
    b2c_result,
    balance_result,
    c2b_notification,
    canonical,
    queue_timeout,
    stk_callback,
)

ACCEPTED = {"ResultCode": 0, "ResultDesc": "Accepted"}
MIB = 1024 * 1024


def post(relay: EmbeddedRelay, kind: str, payload: object, **kwargs) -> requests.Response:
    return requests.post(relay.callback_url(kind), json=payload, timeout=10, **kwargs)


def all_events(relay: EmbeddedRelay, limit: int = 100) -> list:
    feed = RelayFeed(relay.base_url, relay.token)
    events, cursor = [], None
    while True:
        page, cursor = feed.fetch(cursor, limit=limit)
        if not page:
            return events
        events.extend(page)


def test_each_callback_kind_is_stored_and_answered_as_daraja_expects(relay):
    bodies = {
        "result": b2c_result("oc-1", "AG_1"),
        "timeout": queue_timeout("oc-2", "AG_2"),
        "stk": stk_callback("ws_CO_1", "mr-1"),
        "c2b_validation": c2b_notification("RKL51ZDR4F"),
        "c2b_confirmation": c2b_notification("RKL51ZDR4F"),
    }
    for kind, body in bodies.items():
        response = post(relay, kind, body)
        assert response.status_code == 200
        if kind == "c2b_validation":
            assert response.json() == {"ResultCode": "0", "ResultDesc": "Accepted"}
        else:
            assert response.json() == ACCEPTED

    events = all_events(relay)
    assert [event.kind for event in events] == list(bodies)
    assert [event.payload for event in events] == list(bodies.values())
    assert [event.id for event in events] == sorted(event.id for event in events)
    assert all(event.received_at.endswith("+00:00") for event in events)
    assert {stored.source for stored in relay.store.events_after(0)} == {"127.0.0.1"}


def test_a_callback_is_committed_before_the_answer(relay):
    response = post(relay, "result", b2c_result("oc-durable", "AG_durable"))
    assert response.status_code == 200
    # A separate connection, as another process would open it, already sees the row.
    with sqlite3.connect(relay.settings.store_path) as connection:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
        rows = connection.execute("SELECT kind, source, payload FROM events").fetchall()
    assert mode == "wal"
    assert rows == [("result", "127.0.0.1", canonical(b2c_result("oc-durable", "AG_durable")))]


def test_a_duplicate_delivery_is_stored_once(relay):
    body = stk_callback("ws_CO_dup", "mr-dup")
    reordered = json.loads(json.dumps(body, sort_keys=True))  # same content, other key order
    for payload in (body, body, reordered):
        assert post(relay, "stk", payload).json() == ACCEPTED
    # The same body under another kind is a different callback.
    assert post(relay, "result", b2c_result("oc-d", "AG_d")).status_code == 200

    events = all_events(relay)
    assert [event.kind for event in events] == ["stk", "result"]
    assert relay.store.events_after(0)[0].deliveries == 3


def test_oversized_bodies_get_413_and_nothing_is_stored(relay):
    padding = "x" * MIB
    response = post(relay, "result", {"Result": {"ResultCode": 0, "pad": padding}})
    assert response.status_code == 413

    def chunks():  # no Content-Length: the streamed read must stop at the limit
        yield b'{"Result": {"ResultCode": 0, "pad": "'
        for _ in range(17):
            yield b"y" * 65536
        yield b'"}}'

    streamed = requests.post(relay.callback_url("result"), data=chunks(), timeout=10,
                             headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    head = b'{"Result": {"ResultCode": 0, "pad": "'
    exactly_limit = head + b"z" * (MIB - len(head) - 3) + b'"}}'
    assert len(exactly_limit) == MIB
    assert requests.post(relay.callback_url("result"), data=exactly_limit,
                         timeout=10).status_code == 200
    assert [event.kind for event in all_events(relay)] == ["result"]
    assert relay.store.quarantined() == []


@pytest.mark.parametrize(
    ("kind", "body", "reason"),
    [
        ("result", b"not json at all", "not JSON"),
        ("stk", b"\xff\xfe\x00garbage", "not JSON"),
        ("result", b'{"Result": {"ResultCode": NaN, "ConversationID": "x"}}', "not JSON"),
        ("result", b'{"Result": {"ResultCode": 1e999, "ConversationID": "x"}}', "not JSON"),
        ("result", b'{"Result": {"ResultCode": ' + b"9" * 5000 + b"}}", "not JSON"),
        ("result", b"[" * 100_000 + b"]" * 100_000, "not JSON"),
        ("result", b'["a", "list"]', "no known shape"),
        ("result", b'{"Body": {"stkCallback": {"CheckoutRequestID": "ws"}}}', "no known shape"),
        ("stk", b'{"Result": {"ResultCode": 0}}', "no known shape"),
        ("c2b_confirmation", b'{"TransID": "X"}', "no known shape"),
        ("c2b_validation", b"{}", "no known shape"),
    ],
)
def test_bad_bodies_get_400_and_are_kept_aside(relay, kind, body, reason):
    response = requests.post(relay.callback_url(kind), data=body, timeout=10,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert all_events(relay) == []
    [kept] = relay.store.quarantined()
    assert kept.kind == kind
    assert reason in kept.reason
    assert kept.size == len(body)
    assert kept.body == body[:QUARANTINE_BODY_LIMIT]
    assert kept.source == "127.0.0.1"


def test_other_paths_methods_and_wrong_secrets_get_404(relay):
    base = relay.callback_base_url
    body = b2c_result("oc-404", "AG_404")
    for url in (
        f"{base}/results", f"{base}/result/", f"{base}/RESULT", f"{base}/c2b",
        f"{base}/c2b/validation/x", base, f"{relay.base_url}/cb",
        f"{relay.base_url}/cb/{'0' * 40}/result", f"{relay.base_url}/result",
        f"{relay.base_url}/cb/{relay.token}/result",
    ):
        assert requests.post(url, json=body, timeout=10).status_code == 404, url
    for method in ("GET", "PUT", "DELETE", "PATCH", "OPTIONS"):
        response = requests.request(method, relay.callback_url("result"), json=body, timeout=10)
        assert response.status_code == 404
    assert all_events(relay) == []


def test_callback_urls_contain_no_word_daraja_refuses(tmp_path):
    for index in range(30):
        with EmbeddedRelay(tmp_path / f"relay{index}") as relay:
            for kind in ("result", "timeout", "stk", "c2b_validation", "c2b_confirmation"):
                assert forbidden_url_word(relay.callback_url(kind)) is None


def test_feed_refuses_missing_and_wrong_tokens(relay):
    post(relay, "result", b2c_result("oc-t", "AG_t"))
    url = relay.base_url + "/v1/events"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": relay.token},
                    {"Authorization": f"Basic {relay.token}"},
                    {"Authorization": f"Bearer {relay.settings.callback_secret}"},
                    {"Authorization": f"Bearer {relay.token}x"}):
        response = requests.get(url, headers=headers, timeout=10)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert "Result" not in response.text
    with pytest.raises(RelayAuthError):
        RelayFeed(relay.base_url, "wrong").fetch(None)
    ok = requests.get(url, headers={"Authorization": f"Bearer {relay.token}"}, timeout=10)
    assert ok.status_code == 200
    assert len(ok.json()["events"]) == 1


def test_feed_pages_in_cursor_order_and_rejects_bad_parameters(relay):
    for number in range(7):
        post(relay, "stk", stk_callback(f"ws_CO_{number}", f"mr-{number}"))
    feed = RelayFeed(relay.base_url, relay.token)
    first, cursor = feed.fetch(None, limit=3)
    second, cursor = feed.fetch(cursor, limit=3)
    third, cursor = feed.fetch(cursor, limit=3)
    empty, same = feed.fetch(cursor, limit=3)
    ids = [event.id for event in first + second + third]
    assert ids == sorted(ids) and len(set(ids)) == 7
    assert [len(first), len(second), len(third), len(empty)] == [3, 3, 1, 0]
    assert same == cursor
    # A bare integer id works as a cursor too.
    after_four, _ = feed.fetch(ids[3])
    assert [event.id for event in after_four] == ids[4:]

    url = relay.base_url + "/v1/events"
    headers = {"Authorization": f"Bearer {relay.token}"}
    for query in ("after=-1", "after=abc", "after=1.5", "limit=0", "limit=1001", "limit=x",
                  "after=" + "9" * 40):
        response = requests.get(f"{url}?{query}", headers=headers, timeout=10)
        assert response.status_code == 400, query
        assert "error" in response.json()


def test_a_cursor_from_another_store_starts_again_from_the_beginning(tmp_path):
    with EmbeddedRelay(tmp_path / "first") as relay:
        post(relay, "stk", stk_callback("ws_CO_a", "mr-a"))
        post(relay, "stk", stk_callback("ws_CO_b", "mr-b"))
        _, old_cursor = RelayFeed(relay.base_url, relay.token).fetch(None)
    # The relay's database is replaced (new directory, same secrets would not matter).
    with EmbeddedRelay(tmp_path / "second") as relay:
        post(relay, "stk", stk_callback("ws_CO_c", "mr-c"))
        events, cursor = RelayFeed(relay.base_url, relay.token).fetch(old_cursor)
    assert [event.payload["Body"]["stkCallback"]["CheckoutRequestID"] for event in events] == [
        "ws_CO_c"
    ]
    assert cursor != old_cursor


def test_a_restart_loses_nothing_and_the_cursor_continues(tmp_path):
    directory = tmp_path / "relay"
    with EmbeddedRelay(directory) as relay:
        token, base = relay.token, relay.settings.callback_base
        for number in range(5):
            post(relay, "result", b2c_result(f"oc-{number}", f"AG_{number}"))
        seen, cursor = RelayFeed(relay.base_url, token).fetch(None, limit=3)
    with EmbeddedRelay(directory) as relay:
        assert relay.token == token and relay.settings.callback_base == base
        post(relay, "result", b2c_result("oc-after", "AG_after"))
        post(relay, "result", b2c_result("oc-0", "AG_0"))  # a duplicate of a stored one
        rest, _ = RelayFeed(relay.base_url, token).fetch(cursor)
        everything = all_events(relay)
    got = [event.payload["Result"]["OriginatorConversationID"] for event in seen + rest]
    assert got == ["oc-0", "oc-1", "oc-2", "oc-3", "oc-4", "oc-after"]
    assert [event.id for event in everything] == [event.id for event in seen + rest]


def test_allow_list_refuses_other_sources_and_keeps_them_aside(tmp_path):
    directory = tmp_path / "relay"
    EmbeddedRelay(directory)  # initialise the directory
    settings_path = directory / SETTINGS_FILE
    options = json.loads(settings_path.read_text())
    options["allow_safaricom_only"] = True
    settings_path.write_text(json.dumps(options))
    with EmbeddedRelay(directory) as relay:
        body = b2c_result("oc-allow", "AG_allow")
        refused = post(relay, "result", body)
        # Loopback is a trusted proxy by default: X-Forwarded-For names the real sender.
        via_proxy = post(relay, "result", body, headers={
            "X-Forwarded-For": "10.1.1.1, 196.201.214.200"})
        spoofed = post(relay, "stk", stk_callback("ws_CO_s", "mr-s"), headers={
            "X-Forwarded-For": "196.201.214.200, 10.9.9.9"})
        events = all_events(relay)
        kept = relay.store.quarantined()
        sources = [stored.source for stored in relay.store.events_after(0)]
    assert refused.status_code == 403
    assert via_proxy.status_code == 200
    assert spoofed.status_code == 403
    assert [event.kind for event in events] == ["result"]
    assert sources == ["196.201.214.200"]
    assert [(item.reason, item.source) for item in kept] == [
        ("source not allowed", "10.9.9.9"), ("source not allowed", "127.0.0.1")]


def test_healthz_answers_without_a_token(relay):
    response = requests.get(relay.base_url + "/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert RelayFeed(relay.base_url, "any").healthy()


def test_logs_never_show_the_secrets(relay, caplog):
    caplog.set_level(logging.DEBUG)
    post(relay, "result", b2c_result("oc-log", "AG_log"))
    post(relay, "result", b2c_result("oc-log", "AG_log"))
    requests.post(relay.callback_url("stk"), data=b"nonsense", timeout=10)
    requests.post(relay.callback_base_url + "/nope", data=b"{}", timeout=10)
    requests.get(relay.base_url + "/v1/events",
                 headers={"Authorization": f"Bearer {relay.token}"}, timeout=10)
    post(relay, "result", balance_result("oc-b", "AG_b"))
    # aiohttp's parser errors quote the raw request line, with the path secret in it.
    host, port = relay.base_url.removeprefix("http://").split(":")
    for raw in (f"GARBAGE {relay.settings.callback_base}/result HTTP/1.1\r\n\r\n",
                f"POST {relay.settings.callback_base}/stk HTTP/1.1\r\nContent-Length: 1\r\n"
                "Content-Length: 2\r\n\r\nxy"):
        with socket.create_connection((host, int(port)), timeout=10) as raw_client:
            raw_client.sendall(raw.encode())
            assert raw_client.recv(100).startswith(b"HTTP/1.")
    assert "Error handling request" in caplog.text
    assert "/cb/<secret>/result" in caplog.text
    # Only the relay's side: the test's own HTTP client (urllib3) logs the URLs it requests.
    server_lines = "\n".join(
        f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records
        if not record.name.startswith("urllib3"))
    assert "stored result callback" in server_lines
    assert relay.settings.callback_secret not in server_lines
    assert relay.token not in server_lines
    assert relay.settings.callback_secret not in repr(relay)
    assert relay.token not in repr(relay.settings)
    assert relay.token not in repr(RelayFeed(relay.base_url, relay.token))
