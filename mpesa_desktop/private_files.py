"""Files only their owner can read: the app's folders are 0700 and its files 0600, whatever the
umask (DESIGN.md 3.6).

- ``private_dir(path)`` creates a folder (and any missing parents) 0700 and tightens it when it
  exists with a looser mode.
- ``private_file(path)`` creates an empty file 0600 (or, with ``create=False``, only tightens one
  that exists): call it before a library such as SQLite opens the file, since SQLite gives the
  ``-wal`` and ``-shm`` files the mode of the main file.
- ``open_private(path, mode)`` is ``open()`` for a file the app writes: a new file is 0600, an
  existing one is tightened.

A new file or folder gets exactly 0600/0700; an existing one loses its group and other bits and
keeps the rest (never widened), and a log line says so (another user's file, whose mode only
its owner may change, is left as it is with a warning). Modes mean something on POSIX only: on
Windows (where a file's access is the folder's ACL, private to the user under the profile
folders the app uses) every function here only creates, and changes no mode.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

POSIX = os.name == "posix"
DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: str | os.PathLike[str]) -> Path:
    """The folder ``path``, created 0700 with any missing parents; tightened if looser."""
    path = Path(path)
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if POSIX:
        for created in missing:
            os.chmod(created, DIR_MODE)  # mkdir's mode passes through the umask
        if path not in missing:
            tighten(path)
    return path


def private_file(path: str | os.PathLike[str], *, create: bool = True) -> Path:
    """``path`` made private: created empty and 0600 when missing (unless ``create`` is false),
    tightened when it exists with a looser mode."""
    path = Path(path)
    if create:
        try:
            os.close(_open_fd(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            return path
        except FileExistsError:
            pass
    # An existing file is never opened here, only chmod-ed: closing any descriptor of a file
    # drops every POSIX lock this process holds on it (SQLite's on an open ledger included).
    tighten(path)
    return path


def open_private(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode, **kwargs)``, except that a file it creates is 0600 and an existing
    file is tightened first."""
    return open(path, mode, opener=_open_fd, **kwargs)


def tighten(path: str | os.PathLike[str]) -> bool:
    """Take the group and other bits off a file or folder; True when it had any (False when
    there is no such file)."""
    if not POSIX:
        return False
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        return _strip(path, current, lambda mode: os.chmod(path, mode))
    except FileNotFoundError:  # gone meanwhile (SQLite removes a -wal when the last one closes)
        return False


def _open_fd(path: str | os.PathLike[str], flags: int) -> int:
    """``os.open`` that creates 0600 exactly and tightens what exists (``open``'s opener)."""
    if flags & os.O_CREAT:
        try:
            fd = os.open(path, flags | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            pass
        else:
            if POSIX:
                os.fchmod(fd, FILE_MODE)  # os.open's mode passes through the umask
            return fd
    fd = os.open(path, flags, FILE_MODE)
    if POSIX:
        try:
            current = stat.S_IMODE(os.fstat(fd).st_mode)
            _strip(path, current, lambda mode: os.fchmod(fd, mode))
        except BaseException:
            os.close(fd)
            raise
    return fd


def _strip(path: str | os.PathLike[str], current: int, chmod: Callable[[int], None]) -> bool:
    kept = current & ~(stat.S_IRWXG | stat.S_IRWXO)
    if kept == current:
        return False
    try:
        chmod(kept)
    except PermissionError:  # another user's file: only its owner may change its mode
        log.warning("could not tighten %s (mode %o): it belongs to another user", path, current)
        return False
    log.info("tightened %s from %o to %o (only its owner may read it)", path, current, kept)
    return True
