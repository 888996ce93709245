"""Callbacks the relay cannot take as they are: lone surrogates and bytes that are not valid text
are stored with U+FFFD (the raw body kept beside the event, the feed saying what was replaced),
and a payout still settles from such a result. Version 1 accepted a result with a lone
surrogate and fed it on as it was; the app could not store it, so the payout never settled."""

from __future__ import annotations

import json

import requests

from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.relay.payloads import REPLACED_BYTES, REPLACED_SURROGATES, parse_payload
from mpesa_desktop.services.settle import settle
from tests.fixtures.relay import b2c_result, c2b_notification, stk_callback

ACCEPTED = {"ResultCode": 0, "ResultDesc": "Accepted"}


def post_raw(relay, kind: str, body: bytes) -> requests.Response:
    return requests.post(relay.callback_url(kind), data=body, timeout=10,
                         headers={"Content-Type": "application/json"})


def feed_json(relay) -> list[dict]:
    response = requests.get(relay.base_url + "/v1/events", timeout=10,
                            headers={"Authorization": f"Bearer {relay.token}"})
    return response.json()["events"]


def test_a_lone_surrogate_escape_is_stored_as_u_fffd_with_the_raw_body(relay):
    text = json.dumps(stk_callback("ws_CO_lone", "mr-lone"))
    body = text.replace("ws_CO_lone", "ws_CO_\\ud800lone").encode()
    response = post_raw(relay, "stk", body)
    assert response.status_code == 200 and response.json() == ACCEPTED

    [event] = RelayFeed(relay.base_url, relay.token).fetch(None)[0]
    callback = event.payload["Body"]["stkCallback"]
    assert callback["CheckoutRequestID"] == "ws_CO_\ufffdlone"
    # What the app must be able to do with it: encode it as UTF-8 (a lone surrogate cannot be).
    json.dumps(event.payload, ensure_ascii=False).encode("utf-8")
    [shown] = feed_json(relay)
    assert shown["repaired"] == REPLACED_SURROGATES
    assert relay.store.raw_body(event.id) == body
    assert relay.store.quarantined() == []


def test_bytes_that_are_not_utf8_are_stored_as_u_fffd(relay):
    for number, bad in enumerate((b"\xff\xfe", b"\xed\xa0\x80", b"\xc3")):  # \xed.. : a surrogate
        body = json.dumps(c2b_notification(f"RKL{number}", bill_ref="NAME")).encode()
        body = body.replace(b"NAME", b"N" + bad + b"E")
        assert post_raw(relay, "c2b_confirmation", body).status_code == 200
    events = RelayFeed(relay.base_url, relay.token).fetch(None)[0]
    assert [event.payload["BillRefNumber"][0] + event.payload["BillRefNumber"][-1]
            for event in events] == ["NE"] * 3
    assert all("\ufffd" in event.payload["BillRefNumber"] for event in events)
    assert [shown["repaired"] for shown in feed_json(relay)] == [REPLACED_BYTES] * 3
    assert relay.store.raw_body(events[1].id).count(b"\xed\xa0\x80") == 1


def test_a_repaired_callback_delivered_twice_is_stored_once(relay):
    body = json.dumps(b2c_result("oc-twice", "AG_twice")).replace(
        "SG632NMUAB", "SG632\\udfffNMUAB").encode()
    assert post_raw(relay, "result", body).status_code == 200
    assert post_raw(relay, "result", body).status_code == 200
    [event] = relay.store.events_after(0)
    assert event.deliveries == 2 and event.repaired == REPLACED_SURROGATES


def test_well_formed_text_is_stored_as_it_was_and_the_feed_is_unchanged(relay):
    payload = c2b_notification("RKL9", bill_ref="Café \U0001f600 漢字")
    body = json.dumps(payload).encode()  # the emoji is a valid surrogate pair escape
    assert post_raw(relay, "c2b_confirmation", body).status_code == 200
    [shown] = feed_json(relay)
    assert set(shown) == {"id", "kind", "received_at", "ref", "payload"}
    assert shown["payload"] == payload
    assert relay.store.raw_body(shown["id"]) is None


def test_what_cannot_be_read_is_still_refused_and_kept_aside():
    assert parse_payload("stk", b"\xff\xfe garbage").refused == "not JSON"
    assert parse_payload("stk", b'{"a": "\\ud800"}').refused.startswith("JSON of no known")
    parsed = parse_payload("stk", json.dumps(stk_callback("ws", "mr")).encode("utf-16"))
    assert parsed.payload_json is not None and parsed.repaired == ""


def test_a_payout_settles_from_a_result_with_a_lone_surrogate(ledger, relay):
    row = ledger.create("b2c", amount=1500, party_b="254708374149", phone="254708374149",
                        remarks="surrogate", originator_conversation_id="oc-sur")
    ledger.transition(row.reference, "accepted", source="ack", conversation_id="AG_sur")
    text = json.dumps(b2c_result("oc-sur", "AG_sur"))
    body = text.replace("NICHOLAS", "NICH\\udc80OLAS").encode()
    assert post_raw(relay, "result", body).status_code == 200

    events, _ = RelayFeed(relay.base_url, relay.token).fetch(None)
    for event in events:
        settle(ledger, event.kind, event.payload)
    settled = ledger.get(row.reference)
    assert settled.status == "completed"
    assert settled.receipt == "SG632NMUAB"
    assert "NICH\ufffdOLAS" in settled.counterparty
