"""Reading a callback body: decoding, the known shapes, and what is repaired rather than lost.

Daraja posts each callback once and never again, so the relay keeps whatever it can read:

- bytes that are not valid text (invalid UTF-8, an encoded lone surrogate) become U+FFFD;
- lone UTF-16 surrogates written as JSON escapes (``"\\ud800"``), which JSON allows but no
  database or strict encoder downstream accepts, become U+FFFD too;

``Parsed.repaired`` says what was replaced (the relay stores the raw body beside the event and
the feed shows the note). A body that is still not JSON, or JSON of no known shape for its
callback kind, is refused with the reason (and the relay keeps it in the quarantine).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import NamedTuple

from mpesa_desktop.relay.store import canonical_json

REPLACED_BYTES = "bytes that are not valid text replaced with U+FFFD"
REPLACED_SURROGATES = "lone UTF-16 surrogates replaced with U+FFFD"
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_result(payload: dict) -> bool:
    result = payload.get("Result")
    return isinstance(result, dict) and any(
        key in result for key in ("ResultCode", "ConversationID", "OriginatorConversationID")
    )


def _is_stk(payload: dict) -> bool:
    body = payload.get("Body")
    callback = body.get("stkCallback") if isinstance(body, dict) else None
    return isinstance(callback, dict) and (
        "CheckoutRequestID" in callback or "MerchantRequestID" in callback
    )


def _is_c2b(payload: dict) -> bool:
    return isinstance(payload.get("TransID"), str | int) and "TransAmount" in payload


SHAPES: dict[str, Callable[[dict], bool]] = {
    "result": _is_result,
    "timeout": _is_result,
    "stk": _is_stk,
    "c2b_validation": _is_c2b,
    "c2b_confirmation": _is_c2b,
}


class Parsed(NamedTuple):
    """A body read: its canonical JSON, or why it was ``refused``; ``repaired`` says what had
    to be replaced to read it ("" when nothing)."""

    payload_json: str | None
    refused: str = ""
    repaired: str = ""


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


# Made once: ``json.loads`` with these options would build a decoder for every callback.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)


def _decode(body: bytes) -> tuple[str, list[str]]:
    """The body as text (UTF-8, or the UTF-16/32 that JSON allows), bad bytes replaced."""
    encoding = json.detect_encoding(body)
    try:
        return body.decode(encoding), []
    except UnicodeDecodeError:
        return body.decode(encoding, "replace"), [REPLACED_BYTES]


def parse_payload(kind: str, body: bytes) -> Parsed:
    """Read a callback body of the known shape for ``kind`` (see the module docstring)."""
    text, repairs = _decode(body)
    try:
        payload = _DECODER.decode(text)
        if _SURROGATE_ESCAPE.search(text):
            # Only escapes can leave a lone surrogate; they are inside strings, so replacing
            # them in the serialised text keeps the JSON valid.
            loose = json.dumps(payload, ensure_ascii=False)
            if _LONE_SURROGATE.search(loose):
                payload = json.loads(_LONE_SURROGATE.sub("\ufffd", loose))
                repairs.append(REPLACED_SURROGATES)
    except (ValueError, RecursionError, TypeError):
        return Parsed(None, "not JSON")
    if not isinstance(payload, dict) or not SHAPES[kind](payload):
        return Parsed(None, f"JSON of no known shape for a {kind} callback")
    return Parsed(canonical_json(payload), repaired="; ".join(repairs))
