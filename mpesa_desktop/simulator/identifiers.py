"""Identifiers shaped like Daraja's (daraja-reference.md section 2.5).

Receipts are 10 upper-case alphanumerics, ConversationIDs ``AG_YYYYMMDD_<20 hex>``,
CheckoutRequestIDs ``ws_CO_<DDMMYYYYHHmmss><digits>``, tokens 28 letters and digits.
"""

from __future__ import annotations

import secrets
import string
from datetime import UTC, datetime

from mpesa_desktop.kenya import EAT

_UPPER_ALNUM = string.ascii_uppercase + string.digits
_ALNUM = string.ascii_letters + string.digits
PLACEHOLDER_RECEIPT = "OAK0000000"


def _choose(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _now_eat() -> datetime:
    return datetime.now(UTC).astimezone(EAT)


def access_token() -> str:
    return _choose(_ALNUM, 28)


def receipt() -> str:
    """An M-Pesa receipt such as ``SG632NMUAB``: a letter, then nine upper-case alphanumerics."""
    return secrets.choice(string.ascii_uppercase) + _choose(_UPPER_ALNUM, 9)


def conversation_id() -> str:
    return f"AG_{_now_eat():%Y%m%d}_{secrets.token_hex(10)}"


def daraja_originator_id() -> str:
    """A Daraja-made OriginatorConversationID, e.g. ``f1e2-4b95-a71d-b30d3cdbb7a7735297``."""
    hexes = secrets.token_hex(12)
    return f"{hexes[:4]}-{hexes[4:8]}-{hexes[8:12]}-{hexes[12:]}{_choose(string.digits, 6)}"


def merchant_request_id() -> str:
    return daraja_originator_id()


def checkout_request_id() -> str:
    return f"ws_CO_{_now_eat():%d%m%Y%H%M%S}{_choose(string.digits, 12)}"


def request_id() -> str:
    """A ``requestId`` for error bodies, e.g. ``11728-2929992-1``."""
    return f"{secrets.randbelow(90000) + 10000}-{secrets.randbelow(9000000) + 1000000}-1"
