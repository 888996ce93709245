"""The app's log file, for whoever supports the clerk: what was sent and what became of it.

``start_app_log(paths)`` sends mpesa_desktop's own records (INFO and up) to
``<log_dir>/mpesa-desktop.log``, rotated at 1 MiB with five old files kept. Nothing logs a
secret: records name transactions by reference, operation and status only. Calling it again
(the tests run many commands in one process) replaces the previous file.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from mpesa_desktop.paths import AppPaths

LOG_NAME = "mpesa-desktop.log"
_HANDLER_NAME = "mpesa-desktop-file"


def start_app_log(paths: AppPaths) -> RotatingFileHandler:
    """Log mpesa_desktop's records to the app's log file; returns the handler."""
    logger = logging.getLogger("mpesa_desktop")
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(handler)
        handler.close()
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        paths.log_dir / LOG_NAME, maxBytes=1 << 20, backupCount=5, encoding="utf-8"
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler
