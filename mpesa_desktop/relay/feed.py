"""A small blocking client of the relay's feed, for pollers (run it in a worker thread).

    feed = RelayFeed("https://relay.example.com", token)
    events, cursor = feed.fetch(cursor)          # cursor: None at first, then what came back
    for event in events:                         # in id order; apply each idempotently
        settle(ledger, event.kind, event.payload, ref=event.ref)
    ledger.set_meta("relay_cursor", cursor)      # keep it only after applying

The cursor is an opaque string (``"<store instance>:<id>"``); ``fetch`` also accepts an integer
id. A callback's text may hold a lone UTF-16 surrogate (JSON ``"\\ud800"``: valid JSON, but no
character, which SQLite and UTF-8 refuse); ``fetch`` replaces each with U+FFFD, so the event is
applied with what can be read instead of being dropped.

Errors: ``RelayAuthError`` (the token was refused) and ``RelayFeedError`` (could not reach the
relay, or it answered something unexpected); both carry a plain message without the token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mpesa_desktop.messages import message
from mpesa_desktop.relay.reference import valid_ref

# requests loads when a feed is made (the poller imports this module before it has one).
if TYPE_CHECKING:
    import requests

FEED_PATH = "/v1/events"
# JSON decoding pairs escaped surrogates into characters: any surrogate left is a lone one.
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def without_lone_surrogates(value: Any) -> Any:
    """``value`` (decoded JSON) with every lone surrogate in its text and keys made U+FFFD."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(key): without_lone_surrogates(item)
                for key, item in value.items()}
    return value


class RelayFeedError(Exception):
    """The feed could not be read; ``status`` is the HTTP status when there was an answer."""

    def __init__(self, message: str, status: int | None = None):
        self.status = status
        super().__init__(message)


class RelayAuthError(RelayFeedError):
    """The relay refused the poller token (HTTP 401)."""


@dataclass(frozen=True)
class RelayEvent:
    """One stored callback. ``kind``: result, timeout, stk, c2b_validation, c2b_confirmation;
    ``ref``: the ledger reference its callback URL carried, or None."""

    id: int
    kind: str
    received_at: str
    payload: dict
    ref: str | None = None


class RelayFeed:
    """Reads ``GET /v1/events`` with the poller token. ``repr`` never shows the token."""

    def __init__(self, base_url: str, token: str, timeout: float | tuple[float, float] = 10.0,
                 session: requests.Session | None = None):
        import requests

        self.base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout
        self._session = session or requests.Session()

    def __repr__(self) -> str:
        return f"RelayFeed({self.base_url!r})"

    def fetch(self, after: int | str | None = None,
              limit: int = 100) -> tuple[list[RelayEvent], str]:
        """Events after the cursor, oldest first, and the cursor to pass next time."""
        import requests

        params: dict[str, str] = {"limit": str(limit)}
        if after is not None and after != "":
            params["after"] = str(after)
        try:
            response = self._session.get(
                self.base_url + FEED_PATH,
                params=params,
                headers={"Authorization": f"Bearer {self._token}"},
                timeout=self._timeout,
            )
        except requests.RequestException as error:
            raise RelayFeedError(message("could not reach the relay at {server} ({reason})",
                                         server=self.base_url,
                                         reason=error.__class__.__name__)) from None
        if response.status_code == 401:
            raise RelayAuthError(message("the relay refused the poller token"), 401)
        if response.status_code != 200:
            raise RelayFeedError(message("the relay answered HTTP {status}",
                                         status=response.status_code), response.status_code)
        try:
            data = without_lone_surrogates(response.json())
            events = [
                RelayEvent(int(item["id"]), str(item["kind"]), str(item["received_at"]),
                           item["payload"], valid_ref(item.get("ref")))
                for item in data["events"]
            ]
            cursor = str(data["next"])
        except (ValueError, KeyError, TypeError):
            raise RelayFeedError(
                message("the relay's feed answer is not in the expected form")) from None
        return events, cursor

    def healthy(self) -> bool:
        """True when ``GET /healthz`` answers 200."""
        import requests

        try:
            return self._session.get(self.base_url + "/healthz",
                                     timeout=self._timeout).status_code == 200
        except requests.RequestException:
            return False

    def close(self) -> None:
        self._session.close()
