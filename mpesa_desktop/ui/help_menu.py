"""The Help menu: the user guide (offline HTML shipped in resources) and About.

About names what a clerk or their IT person is asked for when something goes wrong: the version,
the licence, the active profile and where the config, the data, the profile's log and the app's
log file live. Every value is shown as plain text.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop import __version__
from mpesa_desktop.app_log import LOG_NAME
from mpesa_desktop.services.ledger_access import ledger_location
from mpesa_desktop.ui.desktop_entry import app_icon
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, name_buttons, show_text, translate
from mpesa_desktop.ui.look import PlainLabel

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices

LICENCE = "MIT"
GUIDE = ("guide", "index.html")


def guide_html() -> str:
    """The user guide shipped with the app."""
    folder, name = GUIDE
    return (resources.files("mpesa_desktop.resources") / folder / name).read_text("utf-8")


class UserGuideDialog(QDialog):
    """The user guide in a browser pane; nothing is fetched from the network."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(translate("Help", "mpesa-desktop user guide"))
        self.resize(720, 560)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setAccessibleName(translate("Help", "User guide"))
        self.browser.setOpenLinks(False)  # the guide has no links out; nothing leaves the app
        self.browser.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


ABOUT_ICON_SIZE = 64


class AboutDialog(QDialog):
    """The icon; version, licence, the active profile and the paths, as selectable plain text."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("Help", "About mpesa-desktop"))
        profile = services.profile
        paths = services.paths
        self.values = {
            QT_TRANSLATE_NOOP("Help", "Version"): __version__,
            QT_TRANSLATE_NOOP("Help", "Licence"): LICENCE,
            QT_TRANSLATE_NOOP("Help", "Active profile"): f"{profile.name} ({profile.kind})",
            QT_TRANSLATE_NOOP("Help", "Transaction log"): str(ledger_location(paths, profile)),
            QT_TRANSLATE_NOOP("Help", "Settings"): str(paths.config_file),
            QT_TRANSLATE_NOOP("Help", "Data folder"): str(paths.data_dir),
            QT_TRANSLATE_NOOP("Help", "App log file"): str(paths.log_dir / LOG_NAME),
        }
        self.icon = QLabel(self)
        self.icon.setObjectName("aboutIcon")
        self.icon.setPixmap(app_icon().pixmap(ABOUT_ICON_SIZE, ABOUT_ICON_SIZE))
        title = PlainLabel(f"mpesa-desktop {__version__}", self)
        title.setObjectName("aboutTitle")
        blurb = PlainLabel(
            translate("Help", "A back office for Safaricom's M-Pesa Daraja API."), self)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for name, value in self.values.items():
            label = PlainLabel(value, self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown = translate("Help", name)
            label.setAccessibleName(shown)
            form.addRow(f"{shown}:", label)
            self.labels[name] = label
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)


def add_help_menu(window: QMainWindow, services: AppServices) -> None:
    """Add Help > User guide (F1) and Help > About to ``window``'s menu bar. ``services`` is
    read when About opens, so a profile switched since is the one shown."""
    menu = window.menuBar().addMenu("")
    show_text(menu, "setTitle", translate("Help", "&Help"))
    guide = QAction(window)
    show_text(guide, "setText", translate("Help", "&User guide"))
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    guide.triggered.connect(lambda: _show(UserGuideDialog(window)))
    about = QAction(window)
    show_text(about, "setText", translate("Help", "&About mpesa-desktop"))
    about.triggered.connect(lambda: _show(AboutDialog(services, window)))
    menu.addAction(guide)
    menu.addAction(about)


def _show(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()

