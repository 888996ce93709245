"""Start-up of the desktop app: ``mpesa-desktop`` with no command lands here.

``run_gui(args)`` creates the QApplication and the qasync event loop, installs the crash hook (an
unexpected error shows a dialog with the details folded instead of dying silently), opens the
services on the active profile (for the offline profile that starts the embedded simulator and
relay on loopback), shows the main window, starts the poller and runs until the window closes.
The language is installed before anything is shown, so these boxes speak it too (context
``App``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import traceback
from types import TracebackType

import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mpesa_desktop import __version__
from mpesa_desktop.config.profiles import OFFLINE
from mpesa_desktop.errors import KnownError
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.ui.appearance import apply_appearance, saved_appearance
from mpesa_desktop.ui.desktop_entry import APP_ID, app_icon
from mpesa_desktop.ui.errors import show_error
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    error_text,
    saved_language,
    set_language,
    translate,
)
from mpesa_desktop.ui.main_window import MainWindow

CRASH_TEXT = QT_TRANSLATE_NOOP("App", "mpesa-desktop met a problem it did not expect.")
CRASH_INFO = QT_TRANSLATE_NOOP(
    "App",
    "Your data is safe: every payment is written to the log before it is sent. Before trying "
    "a payment again, check its status in the Transaction log. If this happens again, please "
    "send the details below to whoever supports this installation.",
)
log = logging.getLogger(__name__)


class CrashHook:
    """``sys.excepthook`` replacement: print the traceback and show it folded in a dialog."""

    def __init__(self) -> None:
        self.boxes: list[QMessageBox] = []
        self._previous = sys.excepthook

    def install(self) -> CrashHook:
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        sys.stderr.write(details)
        if QApplication.instance() is None:
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote Daraja and clerks
        box.setObjectName("crashDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(translate("App", "mpesa-desktop: unexpected problem"))
        box.setText(translate("App", CRASH_TEXT))
        box.setInformativeText(translate("App", CRASH_INFO))
        box.setDetailedText(details)
        box.finished.connect(lambda _result, shown=box: self._forget(shown))
        self.boxes.append(box)
        box.open()

    def _forget(self, box: QMessageBox) -> None:
        if box in self.boxes:
            self.boxes.remove(box)
        box.deleteLater()


def show_start_failure(error: Exception, parent: QWidget | None = None) -> None:
    """The profile could not be opened: say why, plainly (a blocking box: no loop runs yet)."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote Daraja and clerks
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("mpesa-desktop")
    box.setText(translate("App", "The profile could not be opened."))
    box.setInformativeText(error_text(error))
    box.exec()


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the active profile (or ``--profile``); the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("mpesa-desktop")
    app.setApplicationDisplayName("mpesa-desktop")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    hook = CrashHook().install()
    paths = app_paths(getattr(args, "home", None)).ensure()
    set_language(saved_language(paths.config_dir))
    apply_appearance(saved_appearance(paths.config_dir))
    requested = getattr(args, "profile", None)
    failure: Exception | None = None
    try:
        # The offline simulator and relay start once the window has painted (start_poller).
        services = AppServices.open(paths, requested, servers_later=True)
    except (KnownError, OSError) as error:
        # The clerk must still get in (to fix the settings): open the offline simulator.
        failure = error
        try:
            services = AppServices.open(paths, OFFLINE, servers_later=True)
        except (KnownError, OSError) as offline_error:
            show_start_failure(offline_error)
            hook.uninstall()
            return 1

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        window = MainWindow(services)

        def start_background_work() -> None:
            """Once the window is on screen: the offline servers, then the poller."""

            def failed(error: Exception) -> None:
                show_error(window, error,
                           translate("App", "Could not start the offline simulator"))

            window.bridge.run(services.start_poller(), lambda _none: window.show_profile(), failed)

        window.first_painted.connect(start_background_work, Qt.ConnectionType.SingleShotConnection)
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Ctrl+C in the terminal closes the window like File > Quit (not on Windows). Set
            # before the window is shown and said open, so a log-out's SIGTERM is never lost.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, window.close)
        window.show()
        log.info("mpesa-desktop %s: window open on profile %s", __version__, services.profile.name)
        if failure is not None:
            show_error(window, failure, translate(
                "App", "Could not open the profile; the offline simulator is open"))
        app.lastWindowClosed.connect(loop.stop)
        loop.run_forever()
        leftovers = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in leftovers:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
        loop.run_until_complete(services.aclose())
    finally:
        services.close()
        asyncio.set_event_loop(None)
        loop.close()
        hook.uninstall()
    return 0
