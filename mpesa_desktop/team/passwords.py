"""Passwords kept as a memory-hard hash (scrypt, from the standard library's OpenSSL).

The stored text names its parameters (``scrypt$N$r$p$salt$hash``, base64), so they can be made
stronger later without making old hashes unreadable. N=2**15, r=8: 32 MiB and about a tenth of
a second per attempt on a desk computer, which makes guessing a stolen file slow.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from mpesa_desktop.messages import message

_N, _R, _P = 2**15, 8, 1
_MAX_MEMORY = 256 * 1024 * 1024
MIN_LENGTH = 8


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=_MAX_MEMORY, dklen=32)


def check_new(password: str) -> str:
    """``password`` when it may be used, else ValueError naming the rule."""
    if len(password) < MIN_LENGTH:
        raise ValueError(message("password must be at least {count} characters",
                                 count=MIN_LENGTH))
    if password != password.strip():
        raise ValueError(message("password must not start or end with a space"))
    return password


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _derive(password, salt, _N, _R, _P)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def matches(password: str, stored: str | None) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (False for no hash)."""
    if not stored:
        return False
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        found = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found, base64.b64decode(digest))
