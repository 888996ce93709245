"""The shared token cache: reuse, the 60 s refresh margin, single flight, targeted invalidation."""

from __future__ import annotations

import threading
import time

import pytest

from mpesa_desktop.daraja.token_cache import TokenCache

KEY = ("https://sandbox.safaricom.co.ke", "consumer-key")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Issuer:
    """Hands out T1, T2, ... with a fixed lifetime, counting calls."""

    def __init__(self, lifetime: float = 3599.0, delay: float = 0.0):
        self.lifetime = lifetime
        self.delay = delay
        self.issued = 0

    def __call__(self) -> tuple[str, float]:
        time.sleep(self.delay)
        self.issued += 1
        return f"T{self.issued}", self.lifetime


def test_token_is_reused_until_60_seconds_before_expiry():
    clock, issuer = Clock(), Issuer()
    cache = TokenCache(clock)
    assert cache.get(KEY, issuer) == "T1"
    clock.now += 3538.9
    assert cache.get(KEY, issuer) == "T1"
    clock.now += 0.2
    assert cache.get(KEY, issuer) == "T2"
    assert cache.oauth_calls == 2


def test_short_lifetimes_refresh_at_half_life():
    clock, issuer = Clock(), Issuer(lifetime=10)
    cache = TokenCache(clock)
    cache.get(KEY, issuer)
    clock.now += 4.9
    assert cache.get(KEY, issuer) == "T1"
    clock.now += 0.2
    assert cache.get(KEY, issuer) == "T2"


def test_keys_are_separate():
    cache, issuer = TokenCache(Clock()), Issuer()
    assert cache.get(KEY, issuer) == "T1"
    assert cache.get((KEY[0], "other-key"), issuer) == "T2"
    assert cache.get(("http://127.0.0.1:8460", KEY[1]), issuer) == "T3"
    assert cache.get(KEY, issuer) == "T1"


def test_invalidate_drops_only_the_failed_token():
    cache, issuer = TokenCache(Clock()), Issuer()
    cache.get(KEY, issuer)
    cache.invalidate(KEY, "T1")
    assert cache.get(KEY, issuer) == "T2"
    cache.invalidate(KEY, "T1")  # a late thread reporting the old token changes nothing
    assert cache.get(KEY, issuer) == "T2"
    assert cache.oauth_calls == 2


def test_single_flight_many_threads_one_fetch():
    cache, issuer = TokenCache(), Issuer(delay=0.1)
    tokens: list[str] = []
    threads = [threading.Thread(target=lambda: tokens.append(cache.get(KEY, issuer)))
               for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert tokens == ["T1"] * 10
    assert issuer.issued == cache.oauth_calls == 1


def test_many_threads_reporting_the_same_invalid_token_cause_one_refresh():
    cache, issuer = TokenCache(), Issuer()
    cache.get(KEY, issuer)
    barrier = threading.Barrier(8)
    fresh: list[str] = []

    def report():
        barrier.wait()
        cache.invalidate(KEY, "T1")
        fresh.append(cache.get(KEY, issuer))

    threads = [threading.Thread(target=report) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fresh == ["T2"] * 8
    assert issuer.issued == 2


def test_a_failed_fetch_is_not_cached():
    cache = TokenCache(Clock())

    def failing() -> tuple[str, float]:
        raise RuntimeError("server down")

    with pytest.raises(RuntimeError):
        cache.get(KEY, failing)
    assert cache.get(KEY, Issuer()) == "T1"
    assert cache.oauth_calls == 1
