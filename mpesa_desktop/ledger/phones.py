"""Phone numbers as the ledger stores and searches them: Kenyan MSISDNs as 2547/2541 + 8 digits.

Lenient on purpose: the ledger records what was sent, so anything that is not a recognisable Kenyan
mobile number is kept as typed (trimmed).
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-().]")
_KENYAN = re.compile(r"^(?:\+?254|0)?([17]\d{8})$")


def normalise_phone(text: str | int | None) -> str | None:
    """``0712 345 678``, ``+254712345678``, ``712345678`` -> ``254712345678``; others unchanged."""
    if text is None:
        return None
    cleaned = _SEPARATORS.sub("", str(text).strip())
    if not cleaned:
        return None
    match = _KENYAN.match(cleaned)
    return f"254{match.group(1)}" if match else str(text).strip()
