"""The ledger reference a callback URL may carry: ``<callback_base>/result?ref=<reference>``.

The app tags each request's ResultURL, QueueTimeOutURL and STK CallBackURL with the reference
of its own log row, so a callback can be matched even when the request's acknowledgement (with
Daraja's OriginatorConversationID and ConversationID) was lost. The relay keeps the ``ref`` of
each stored callback and shows it in the feed.

A ref is a UUID, with or without its dashes (32 or 36 characters, hexadecimal, either case):
such a value can never spell a word Daraja refuses in a URL. Anything else (missing, repeated,
too long, other characters) is no ref at all: the callback is still stored, without one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The path under which a relay takes callbacks: ``<relay>/cb/<callback secret>/result?ref=...``.
CALLBACK_PREFIX = "/cb"
REF_PARAM = "ref"
MAX_REF_LENGTH = 36
_REF = re.compile(
    r"[0-9a-f]{8}(-?)[0-9a-f]{4}\1[0-9a-f]{4}\1[0-9a-f]{4}\1[0-9a-f]{12}", re.IGNORECASE
)


def valid_ref(value: object) -> str | None:
    """``value`` when it is a well-formed ref, else None."""
    if not isinstance(value, str) or len(value) > MAX_REF_LENGTH:
        return None
    return value if _REF.fullmatch(value) else None


def ref_from_query(values: Sequence[str]) -> str | None:
    """The ref of a callback URL's query, given every value of its ``ref`` parameter: the one
    value when there is exactly one and it is well formed, else None."""
    if len(values) != 1:
        return None
    return valid_ref(values[0])
