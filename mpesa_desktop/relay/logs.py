"""Relay logging that never shows a secret.

The callback path secret is in every callback URL, so request paths are logged with it replaced
(``/cb/<secret>/result``), and a filter scrubs the path secret and the poller token from any log
line that reaches the relay's handler.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

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


class SecretFilter(logging.Filter):
    """Replaces each given secret with ``<secret>`` in a record's final message."""

    def __init__(self, secrets: Iterable[str]):
        super().__init__()
        self._secrets = tuple(secret for secret in secrets if secret)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = message
        for secret in self._secrets:
            redacted = redacted.replace(secret, REDACTED)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True
