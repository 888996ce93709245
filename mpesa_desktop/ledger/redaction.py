"""Removing secrets from request bodies and payloads before they are written to the log."""

from __future__ import annotations

from typing import Any

SECRET_KEYS = frozenset({"securitycredential", "password", "passkey"})
SECRET_WORDS = ("secret", "password", "credential", "passkey", "token")


def is_secret_key(key: str) -> bool:
    lowered = str(key).lower()
    return lowered in SECRET_KEYS or any(word in lowered for word in SECRET_WORDS)


def redact(value: Any) -> Any:
    """A copy of ``value`` with every secret-looking key removed, at any depth."""
    if isinstance(value, dict):
        return {key: redact(item) for key, item in value.items() if not is_secret_key(key)}
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    return value
