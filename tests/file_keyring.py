"""A keyring backend in one JSON file, shared by the processes of a test (test-only code).

A child process selects it with ``PYTHON_KEYRING_BACKEND=tests.file_keyring.FileKeyring`` and
finds the file through ``FILE_KEYRING_ENV``; the parent uses ``FileKeyring(path)``. Every operation
holds an exclusive lock on ``<file>.lock`` and replaces the file whole, so processes never see a
half-written file. The file holds secrets in clear: tests keep it in a temporary folder of their
own, outside pytest's (which the secret scan reads), and delete it.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

FILE_KEYRING_ENV = "MPESA_TEST_KEYRING_FILE"
T = TypeVar("T")


class FileKeyring(KeyringBackend):
    """Passwords in ``path`` (default: the file named by ``FILE_KEYRING_ENV``)."""

    @properties.classproperty
    def priority(cls) -> float:
        """Viable only where the test named the file (never picked up by detection elsewhere)."""
        if FILE_KEYRING_ENV not in os.environ:
            raise RuntimeError(f"set {FILE_KEYRING_ENV} to use the file keyring")
        return 1

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ[FILE_KEYRING_ENV])

    def _locked(self, work: Callable[[dict[str, str]], T]) -> T:
        with open(f"{self.path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            values = json.loads(self.path.read_text()) if self.path.exists() else {}
            before = dict(values)
            result = work(values)
            if values != before:
                temporary = self.path.with_suffix(".tmp")
                temporary.write_text(json.dumps(values))
                temporary.replace(self.path)
            return result

    def entries(self) -> dict[str, str]:
        """Every stored value by ``service␟username`` (for the test's assertions)."""
        return self._locked(dict)

    def get_password(self, service: str, username: str) -> str | None:
        return self._locked(lambda values: values.get(f"{service}\x1f{username}"))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._locked(lambda values: values.__setitem__(f"{service}\x1f{username}", password))

    def delete_password(self, service: str, username: str) -> None:
        if self._locked(lambda values: values.pop(f"{service}\x1f{username}", None)) is None:
            raise PasswordDeleteError(username)
