"""Relay logging that never shows a secret and that a flood cannot make fill the disk.

The callback path secret is in every callback URL, so request paths are logged with it replaced
(``/cb/<secret>/result``), and a filter scrubs the path secret and the poller token from any log
line that reaches the relay's handler.

``RepeatLimiter`` lets at most ``LOG_BURST`` lines of one kind (logger, level and message
template, whatever the arguments) through per ``LOG_WINDOW`` seconds, keeps the traceback of
the first of them only, and counts the rest; ``summarise()`` (run every window by the relay)
writes one line per kind saying how many were left out. A flood of bad requests or slow
connections therefore costs a few kilobytes of log a minute, not gigabytes.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from mpesa_desktop.relay.reference import CALLBACK_PREFIX

REDACTED = "<secret>"
LOG_BURST = 20
LOG_WINDOW = 10.0
MAX_KINDS = 1000
_CALLBACK_PATH = re.compile(rf"^{re.escape(CALLBACK_PREFIX)}/[^/]*")


def redact_path(path: str) -> str:
    """``/cb/<anything>/result`` -> ``/cb/<secret>/result``; other paths unchanged."""
    return _CALLBACK_PATH.sub(f"{CALLBACK_PREFIX}/{REDACTED}", path)


class RedactingAccessLogger(AbstractAccessLogger):
    """aiohttp access log: method, path with the secret replaced, status, duration. A request
    answered 2xx is logged at DEBUG (each callback stored has its own INFO line already, and the
    feed's reads are routine), the others at INFO."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        level = logging.DEBUG if 200 <= response.status < 300 else logging.INFO
        if not self.logger.isEnabledFor(level):
            return
        self.logger.log(
            level,
            "%s %s %s %.1f ms",
            request.method,
            redact_path(request.path)[:200],
            response.status,
            time * 1000,
        )


RELAY_LOGGER = "mpesa_desktop.relay"
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


@dataclass
class _Kind:
    window_start: float
    passed: int = 0
    left_out: int = 0


class RepeatLimiter(logging.Filter):
    """Rate limit per kind of log line (see the module docstring)."""

    def __init__(self, burst: int = LOG_BURST, window: float = LOG_WINDOW,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.burst = burst
        self.window = window
        self._clock = clock
        self._kinds: dict[tuple[str, int, str], _Kind] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "relay_summary", False):
            return True
        key = (record.name, record.levelno, str(record.msg)[:200])
        now = self._clock()
        with self._lock:
            if key not in self._kinds and len(self._kinds) >= MAX_KINDS:
                key = (record.name, record.levelno, "<other messages>")
            kind = self._kinds.setdefault(key, _Kind(now))
            if now - kind.window_start >= self.window:
                kind.window_start, kind.passed = now, 0
            if kind.passed >= self.burst:
                kind.left_out += 1
                return False
            kind.passed += 1
            first = kind.passed == 1
        if not first:  # one traceback per kind and window is enough
            record.exc_info = record.exc_text = record.stack_info = None
        return True

    def summarise(self) -> None:
        """Log how many lines of each kind were left out since the last summary; forget kinds
        that have been quiet for a whole window."""
        now = self._clock()
        with self._lock:
            left_out = [(key, kind.left_out) for key, kind in self._kinds.items()
                        if kind.left_out]
            for kind in self._kinds.values():
                kind.left_out = 0
            self._kinds = {key: kind for key, kind in self._kinds.items()
                           if now - kind.window_start < self.window}
        for (name, level, template), count in left_out:
            logging.getLogger(name).log(
                level, "... and %d more lines like %r left out (at most %d a kind per %g s)",
                count, template[:100], self.burst, self.window, extra={"relay_summary": True})


def guard_relay_loggers(secrets: Iterable[str], limiter: RepeatLimiter) -> Callable[[], None]:
    """Attach ``limiter`` to the relay's and aiohttp's loggers and a SecretFilter to aiohttp's;
    returns the function that removes them."""
    secret_filter = SecretFilter(secrets)
    relay_logger = logging.getLogger(RELAY_LOGGER)
    aiohttp_loggers = [logging.getLogger(name) for name in AIOHTTP_LOGGERS]
    relay_logger.addFilter(limiter)
    for logger in aiohttp_loggers:
        logger.addFilter(limiter)  # before the SecretFilter, which rewrites the message
        logger.addFilter(secret_filter)

    def remove() -> None:
        relay_logger.removeFilter(limiter)
        for logger in aiohttp_loggers:
            logger.removeFilter(limiter)
            logger.removeFilter(secret_filter)

    return remove
