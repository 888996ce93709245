"""The app's log file, for whoever supports the clerk: what was sent and what became of it.

``start_app_log(paths)`` sends mpesa_desktop's own records (INFO and up) to
``<log_dir>/mpesa-desktop.log``, rotated at 1 MiB with five old files kept. The files are private
(0600 in a 0700 folder, ``private_files``): an old file left readable by others is tightened, and
the log says so. Nothing logs a secret: records name transactions by reference, operation and
status only, and each line passes through ``redaction.redact_text`` (a token echoed in an error
message, the relay's path secret) before it is written. Calling it again (the tests run many
commands in one process) replaces the previous file.
"""

from __future__ import annotations

import io
import logging
from logging.handlers import RotatingFileHandler
from typing import cast

from mpesa_desktop.paths import AppPaths
from mpesa_desktop.private_files import open_private, private_dir, private_file
from mpesa_desktop.redaction import redact_text

LOG_NAME = "mpesa-desktop.log"
BACKUPS = 5
_HANDLER_NAME = "mpesa-desktop-file"


class RedactingFormatter(logging.Formatter):
    """A formatter whose lines (tracebacks included) have their secrets replaced."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 (the rotated ones keep the mode)."""

    def _open(self) -> io.TextIOWrapper:
        stream = open_private(self.baseFilename, self.mode, encoding=self.encoding,
                              errors=self.errors)
        return cast(io.TextIOWrapper, stream)  # a text-mode open() is a TextIOWrapper


def start_app_log(paths: AppPaths) -> RotatingFileHandler:
    """Log mpesa_desktop's records to the app's log file; returns the handler."""
    logger = logging.getLogger("mpesa_desktop")
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(handler)
        handler.close()
    private_dir(paths.log_dir)
    path = paths.log_dir / LOG_NAME
    handler = PrivateRotatingFileHandler(
        path, maxBytes=1 << 20, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # Attached first, so a file tightened here is said so in the log itself.
    for old in [path, *(path.with_name(f"{LOG_NAME}.{n}") for n in range(1, BACKUPS + 1))]:
        private_file(old, create=False)
    return handler
