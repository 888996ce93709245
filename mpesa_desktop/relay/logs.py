"""Relay logging that never shows a secret.

The callback path secret is in every callback URL, so request paths are logged with it replaced
(``/cb/<secret>/result``), and a filter scrubs the path secret and the poller token from any log
line that reaches the relay's handler. Records of one kind are rate limited (``RateLimitFilter``):
a flood of bad requests writes a few lines and a count, not megabytes of tracebacks.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from mpesa_desktop.relay.settings import CALLBACK_PREFIX

REDACTED = "<secret>"
_CALLBACK_PATH = re.compile(rf"^{re.escape(CALLBACK_PREFIX)}/[^/]*")


def redact_path(path: str) -> str:
    """``/cb/<anything>/result`` -> ``/cb/<secret>/result``; other paths unchanged."""
    return _CALLBACK_PATH.sub(f"{CALLBACK_PREFIX}/{REDACTED}", path)


class RedactingAccessLogger(AbstractAccessLogger):
    """aiohttp access log: method, path with the secret replaced, status, duration."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            "%s %s %s %.1f ms",
            request.method,
            redact_path(request.path)[:200],
            response.status,
            time * 1000,
        )


AIOHTTP_LOGGERS = ("aiohttp.server", "aiohttp.web", "aiohttp.access", "aiohttp.internal")


class SecretFilter(logging.Filter):
    """Replaces each given secret with ``<secret>`` in a record's message and traceback
    (aiohttp's parser errors quote the raw request line, callback path included)."""

    def __init__(self, secrets: Iterable[str]):
        super().__init__()
        self._secrets = tuple(secret for secret in secrets if secret)

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self._redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True


class RateLimitFilter(logging.Filter):
    """Lets at most ``burst`` records of one kind (logger, level and message template) through
    per ``window`` seconds, so a flood of bad requests cannot fill the disk; the first record of
    a kind after its window says how many like it were dropped."""

    MAX_KINDS = 1000

    def __init__(self, burst: int = 10, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.burst = burst
        self.window = window
        self._clock = clock
        self._kinds: dict[tuple[str, int, str], tuple[float, int, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        now = self._clock()
        key = (record.name, record.levelno, str(record.msg))
        if key not in self._kinds and len(self._kinds) >= self.MAX_KINDS:
            self._kinds.clear()
        started, passed, dropped = self._kinds.get(key, (now, 0, 0))
        if now - started >= self.window:
            if dropped:
                record.msg = (f"{record.getMessage()} ({dropped} more like this were dropped "
                              f"in {self.window:.0f} s)")
                record.args = None
            started, passed, dropped = now, 0, 0
        if passed >= self.burst:
            self._kinds[key] = (started, passed, dropped + 1)
            return False
        self._kinds[key] = (started, passed + 1, dropped)
        return True


RELAY_LOGGERS = (*AIOHTTP_LOGGERS, "mpesa_desktop.relay")


def guard_aiohttp_loggers(secrets: Iterable[str]) -> Callable[[], None]:
    """Attach a SecretFilter and a RateLimitFilter to aiohttp's loggers and the relay's own;
    returns the function that removes them."""
    filters = (SecretFilter(secrets), RateLimitFilter())
    loggers = [logging.getLogger(name) for name in RELAY_LOGGERS]
    for logger in loggers:
        for each in filters:
            logger.addFilter(each)

    def remove() -> None:
        for logger in loggers:
            for each in filters:
                logger.removeFilter(each)

    return remove
