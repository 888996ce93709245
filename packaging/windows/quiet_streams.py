"""PyInstaller runtime hook of the Windows window executable (``mpesa-desktop.exe``, built with
no console): Python then starts with ``sys.stdout`` and ``sys.stderr`` set to None, so a stray
print or the crash dialog's copy of the traceback to stderr would raise. Point them at the null
device; what matters is in the app's log file and the crash dialog. ``mpesa-desktop-cli.exe`` has
a console and its streams are left alone."""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (open for the process)
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
