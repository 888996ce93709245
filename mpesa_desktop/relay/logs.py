"""Relay logging that never shows a secret.

The callback path secret is in every callback URL, so request paths are logged with it replaced
(``/cb/<secret>/result``), and a filter scrubs the path secret and the poller token from any log
line that reaches the relay's handler.
"""

from __future__ import annotations

import logging
import re
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


def guard_aiohttp_loggers(secrets: Iterable[str]) -> Callable[[], None]:
    """Attach a SecretFilter to aiohttp's loggers; returns the function that removes it."""
    secret_filter = SecretFilter(secrets)
    loggers = [logging.getLogger(name) for name in AIOHTTP_LOGGERS]
    for logger in loggers:
        logger.addFilter(secret_filter)

    def remove() -> None:
        for logger in loggers:
            logger.removeFilter(secret_filter)

    return remove
