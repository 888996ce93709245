"""One OAuth access token per (base URL, consumer key), shared by the process and, given a shared
store, by every process of the user.

Daraja invalidates the previous token whenever a new one is issued (daraja-reference.md 3.1 and
6.4), so everything that uses one consumer key must use one token: every client and facade object
in the process, and also the window, the command line and a bulk run, which are separate processes.

In the process the cache is thread-safe and single-flight (one fetch at a time per key; the other
threads wait and reuse its result), treats a token as stale 60 s before it expires (at half its
life when that is shorter), and on an invalid-token error drops only the token that failed, so many
threads failing at once cause exactly one refresh. A fresh token is returned without any I/O.

Across processes (a ``SharedStore``, passed in by the start-up code; ``config.token_store`` keeps
the token in the OS keyring and locks with an OS file lock): when the process's own copy is missing
or stale, the cache takes the store's lock for the key, reads the store again and fetches only if
the store has no fresh token either, then saves what it fetched; one fetch serves every process.
On an invalid-token error it deletes the store's token only if it is still the one that failed
(compare and delete, under the lock), so the first process to notice refreshes and the others
pick up the new token instead of knocking it out. Without a store (no keyring backend, or the
embedded simulator whose address changes every run) the token is shared within the process only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

REFRESH_MARGIN = 60.0

Key = tuple[str, str]
Fetcher = Callable[[], tuple[str, float]]


class SharedStore(Protocol):
    """Where processes share tokens: ``(token, fresh_until)``, ``fresh_until`` in epoch seconds."""

    def locked(self, key: Key) -> AbstractContextManager[object]:
        """Hold the key's lock, excluding every other process and thread, for the block."""
        ...

    def load(self, key: Key) -> tuple[str, float] | None: ...

    def save(self, key: Key, token: str, fresh_until: float) -> None: ...

    def delete(self, key: Key) -> None: ...


@dataclass
class _Entry:
    """A key's lock and its (token, refresh_at) pair, replaced as one object."""

    lock: threading.Lock
    state: tuple[str | None, float] = (None, 0.0)


class TokenCache:
    """Tokens keyed by (base URL, consumer key); ``oauth_calls`` counts fetches made here.

    ``clock`` (monotonic) times this process's copies; ``wall_clock`` (epoch seconds, comparable
    between processes) times the copies in ``store``.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, *,
                 store: SharedStore | None = None,
                 wall_clock: Callable[[], float] = time.time):
        self._clock = clock
        self._wall_clock = wall_clock
        self._store = store
        self._entries: dict[Key, _Entry] = {}
        self._guard = threading.Lock()
        self._calls = 0

    @property
    def oauth_calls(self) -> int:
        """How many tokens this cache has fetched so far (all keys)."""
        return self._calls

    @property
    def shared(self) -> bool:
        """True when tokens are shared with other processes (there is a store)."""
        return self._store is not None

    def _entry(self, key: Key) -> _Entry:
        entry = self._entries.get(key)
        if entry is None:
            with self._guard:
                entry = self._entries.setdefault(key, _Entry(threading.Lock()))
        return entry

    def get(self, key: Key, fetch: Fetcher) -> str:
        """The cached token for ``key``, fetching one with ``fetch() -> (token, expires_in)``."""
        entry = self._entry(key)
        token, refresh_at = entry.state
        if token is not None and self._clock() < refresh_at:
            return token
        with entry.lock:
            token, refresh_at = entry.state
            if token is not None and self._clock() < refresh_at:
                return token
            if self._store is None:
                token, fresh_for = self._fetch(fetch)
            else:
                token, fresh_for = self._shared_fetch(self._store, key, fetch)
            entry.state = (token, self._clock() + fresh_for)
            return token

    def _shared_fetch(self, store: SharedStore, key: Key, fetch: Fetcher) -> tuple[str, float]:
        """Under the store's lock: the store's token if fresh, else a new one, saved there."""
        with store.locked(key):
            shared = store.load(key)
            if shared is not None:
                token, fresh_until = shared
                fresh_for = fresh_until - self._wall_clock()
                if fresh_for > 0:
                    return token, fresh_for
            token, fresh_for = self._fetch(fetch)
            store.save(key, token, self._wall_clock() + fresh_for)
            return token, fresh_for

    def _fetch(self, fetch: Fetcher) -> tuple[str, float]:
        """A new token and how long it stays fresh (its lifetime less the refresh margin)."""
        token, expires_in = fetch()
        with self._guard:
            self._calls += 1
        return token, expires_in - min(REFRESH_MARGIN, expires_in / 2)

    def invalidate(self, key: Key, token: str) -> None:
        """Forget ``token`` if it is still the cached one (Daraja said it is invalid), here and
        in the store (only if the store still holds that very token)."""
        entry = self._entry(key)
        with entry.lock:
            if entry.state[0] != token:
                return
            entry.state = (None, 0.0)
            if self._store is None:
                return
            with self._store.locked(key):
                shared = self._store.load(key)
                if shared is not None and shared[0] == token:
                    self._store.delete(key)


shared_cache = TokenCache()
