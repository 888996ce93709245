"""One OAuth access token per (base URL, consumer key), shared by everything in the process.

Daraja invalidates the previous token whenever a new one is issued (daraja-reference.md 3.1), so
every client and facade object in the process must share one token. The cache is thread-safe and
single-flight (one fetch at a time per key; the other threads wait and reuse its result), treats a
token as stale 60 s before it expires, and on an invalid-token error drops only the token that
failed, so many threads failing at once cause exactly one refresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

REFRESH_MARGIN = 60.0

Fetcher = Callable[[], tuple[str, float]]


@dataclass
class _Entry:
    """A key's lock and its (token, refresh_at) pair, replaced as one object."""

    lock: threading.Lock
    state: tuple[str | None, float] = (None, 0.0)


class TokenCache:
    """Tokens keyed by (base URL, consumer key); ``oauth_calls`` counts fetches made."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._guard = threading.Lock()
        self._calls = 0

    @property
    def oauth_calls(self) -> int:
        """How many tokens this cache has fetched so far (all keys)."""
        return self._calls

    def _entry(self, key: tuple[str, str]) -> _Entry:
        entry = self._entries.get(key)
        if entry is None:
            with self._guard:
                entry = self._entries.setdefault(key, _Entry(threading.Lock()))
        return entry

    def get(self, key: tuple[str, str], fetch: Fetcher) -> str:
        """The cached token for ``key``, fetching one with ``fetch() -> (token, expires_in)``."""
        entry = self._entry(key)
        token, refresh_at = entry.state
        if token is not None and self._clock() < refresh_at:
            return token
        with entry.lock:
            token, refresh_at = entry.state
            if token is not None and self._clock() < refresh_at:
                return token
            token, expires_in = fetch()
            with self._guard:
                self._calls += 1
            margin = min(REFRESH_MARGIN, expires_in / 2)
            entry.state = (token, self._clock() + expires_in - margin)
            return token

    def invalidate(self, key: tuple[str, str], token: str) -> None:
        """Forget ``token`` if it is still the cached one (Daraja said it is invalid)."""
        entry = self._entry(key)
        with entry.lock:
            if entry.state[0] == token:
                entry.state = (None, 0.0)


shared_cache = TokenCache()
