"""Removing secrets from what the app stores: request bodies, payloads, messages, log lines.

The one place that decides what a secret looks like; the ledger (rows, events, callbacks), the
app log and, through the ledger, the exports all go through it:

- ``redact(value)``: a copy of a body or payload without its secret-looking keys (at any depth)
  and with every text value passed through ``redact_text``, except an image Daraja sends as
  base64 (Dynamic QR's ``QRCode``): letters that happen to spell "token" in it are not a token,
  and redacting them would break the picture;
- ``redact_text(text)``: a message with the secrets in it replaced:

  - a token after the word "token" or after ``Bearer``/``Basic`` (Daraja's 401 answer echoes
    the access token: "Error Occurred - Invalid Access Token - <token>");
  - the value of a secret-looking name written ``name: value`` or ``name=value``
    (``"Password": "..."``, ``SecurityCredential=...``, ``consumer_secret: ...``);
  - the relay's callback path secret (``https://relay.example/cb/<secret>/b2c/result?ref=...``
    becomes ``https://relay.example/cb/<relay>/b2c/result?ref=...``).

Redacting is idempotent: the placeholders are never taken for secrets.
"""

from __future__ import annotations

import re
from typing import Any

from mpesa_desktop.relay.reference import CALLBACK_PREFIX

SECRET_KEYS = frozenset({"securitycredential", "password", "passkey", "consumer_key",
                         "consumerkey"})
SECRET_WORDS = ("secret", "password", "credential", "passkey", "token")
REDACTED = "<redacted>"
# Keys whose value is an image in base64, kept whole when it is nothing but base64.
IMAGE_KEYS = frozenset({"qrcode"})
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
RELAY_SECRET = "<relay>"

_NAME = "|".join([*(rf"[a-z_]*{word}[a-z_]*" for word in SECRET_WORDS), *SECRET_KEYS])
_TEXT_RULES = (
    # Bearer/Basic credentials, and a long token-like run after the word "token".
    (re.compile(r"\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{16,}", re.IGNORECASE),
     rf"\1\2{REDACTED}"),
    (re.compile(r"(token[\"']?\s*(?:[-:=]\s*)?[\"']?)[A-Za-z0-9._~+/=-]{16,}", re.IGNORECASE),
     rf"\1{REDACTED}"),
    # name: value, name=value (quoted or not) for a secret-looking name.
    (re.compile(rf"\b((?:{_NAME})[\"']?\s*[:=]\s*[\"']?)[^\"'\s,;&}}<>]+", re.IGNORECASE),
     rf"\1{REDACTED}"),
    # The relay's callback path secret: /cb/<secret>
    (re.compile(rf"(?<={re.escape(CALLBACK_PREFIX)}/)[^/?#\s\"'<>]+"), RELAY_SECRET),
)


def is_secret_key(key: str) -> bool:
    lowered = str(key).lower()
    return lowered in SECRET_KEYS or any(word in lowered for word in SECRET_WORDS)


def redact_text(text: str) -> str:
    """``text`` with every token, secret value and relay path secret in it replaced."""
    for pattern, replacement in _TEXT_RULES:
        text = pattern.sub(replacement, text)
    return text


def _is_image(key: str, value: Any) -> bool:
    return (str(key).lower() in IMAGE_KEYS and isinstance(value, str)
            and _BASE64.fullmatch(value) is not None)


def redact(value: Any) -> Any:
    """A copy of ``value`` with every secret-looking key removed, at any depth, and every text
    passed through ``redact_text``."""
    if isinstance(value, dict):
        return {key: item if _is_image(key, item) else redact(item)
                for key, item in value.items() if not is_secret_key(key)}
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    if isinstance(value, str):
        return redact_text(value)
    return value
