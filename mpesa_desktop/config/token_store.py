"""Access tokens shared by every process of the user: the token in the OS keyring, an OS file lock
for single flight.

``KeyringTokenStore(lock_dir)`` is the ``SharedStore`` of ``daraja.token_cache``. An access token
is a bearer secret, so it lives only in the keyring: service ``mpesa-desktop``, user name
``access-token <base URL> <first 16 hex digits of the consumer key's SHA-256>``, value
``{"token": ..., "fresh_until": <epoch seconds>}`` as JSON. The lock is an exclusive OS lock
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) on ``<lock_dir>/oauth-<digest>.lock``,
an empty file named by a digest of the base URL and consumer key; the OS releases it when its
holder exits or is killed, so a crash never leaves it held.

If the keyring fails (locked, its service gone), the store logs a warning and acts as if it were
empty: this process then fetches its own token, as it would without a store.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from mpesa_desktop.config.secrets import SERVICE

log = logging.getLogger(__name__)

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        while True:  # LK_LOCK gives up after about 10 s of trying; keep waiting
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError as error:
                if error.errno != errno.EDEADLOCK:
                    raise

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def token_username(base_url: str, consumer_key: str) -> str:
    """The keyring user name of the token of ``consumer_key`` at ``base_url`` (key hashed)."""
    return f"access-token {base_url} {_digest(consumer_key)}"


class KeyringTokenStore:
    """Tokens in the keyring, keyed by (base URL, consumer key); locks under ``lock_dir``."""

    def __init__(self, lock_dir: Path):
        self.lock_dir = lock_dir

    def __repr__(self) -> str:
        return f"KeyringTokenStore({str(self.lock_dir)!r})"

    def lock_file(self, key: tuple[str, str]) -> Path:
        base_url, consumer_key = key
        return self.lock_dir / f"oauth-{_digest(base_url + ' ' + _digest(consumer_key))}.lock"

    @contextmanager
    def locked(self, key: tuple[str, str]) -> Iterator[None]:
        """Hold the key's lock file exclusively (other processes and threads wait)."""
        self.lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.lock_file(key), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def load(self, key: tuple[str, str]) -> tuple[str, float] | None:
        """The stored ``(token, fresh_until)``, or None (none stored, unreadable, or no keyring)."""
        try:
            value = keyring.get_password(SERVICE, token_username(*key))
        except KeyringError as error:
            log.warning("could not read the shared access token (%s)", type(error).__name__)
            return None
        if not value:
            return None
        try:
            stored = json.loads(value)
            return str(stored["token"]), float(stored["fresh_until"])
        except (ValueError, TypeError, KeyError):
            return None

    def save(self, key: tuple[str, str], token: str, fresh_until: float) -> None:
        value = json.dumps({"token": token, "fresh_until": fresh_until})
        try:
            keyring.set_password(SERVICE, token_username(*key), value)
        except KeyringError as error:
            log.warning("could not share the access token (%s)", type(error).__name__)

    def delete(self, key: tuple[str, str]) -> None:
        try:
            keyring.delete_password(SERVICE, token_username(*key))
        except PasswordDeleteError:
            pass
        except KeyringError as error:
            log.warning("could not drop the shared access token (%s)", type(error).__name__)
