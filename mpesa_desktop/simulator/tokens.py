"""OAuth access tokens: issued per consumer key, expiring, and invalidated by the next one.

Daraja: "Can I generate multiple tokens? Yes, but each request invalidates the previous token"
(daraja-reference.md section 3.1). Times come from ``time.monotonic``.
"""

from __future__ import annotations

import time

from mpesa_desktop.simulator import identifiers


class TokenStore:
    """Live tokens: one per consumer key at most."""

    def __init__(self, ttl: int):
        self.ttl = ttl
        self._expiry: dict[str, float] = {}
        self._by_consumer: dict[str, str] = {}

    def issue(self, consumer_key: str) -> str:
        """A new token for this consumer key; the key's previous token stops working."""
        previous = self._by_consumer.pop(consumer_key, None)
        if previous is not None:
            self._expiry.pop(previous, None)
        token = identifiers.access_token()
        self._by_consumer[consumer_key] = token
        self._expiry[token] = time.monotonic() + self.ttl
        return token

    def is_valid(self, token: str) -> bool:
        expiry = self._expiry.get(token)
        return expiry is not None and time.monotonic() < expiry

    def expire_all(self) -> int:
        """Invalidate every token; return how many were live."""
        live = sum(1 for expiry in self._expiry.values() if time.monotonic() < expiry)
        self._expiry.clear()
        self._by_consumer.clear()
        return live
