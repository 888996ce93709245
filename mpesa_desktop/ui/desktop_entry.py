"""How the app names itself to the desktop: its id and its icon.

``APP_ID`` is the file name of the menu entry (``packaging/linux/<APP_ID>.desktop``) and the
AppStream component id; Qt passes it to the window system so the window is matched with its
entry. The icon comes from the PNG sizes shipped in ``resources/icons`` (rendered from the SVG
beside them by ``packaging/render_icons.py``): the same files the installers put in the menus.
"""

from __future__ import annotations

import re
from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

APP_ID = "org.mpesa_desktop.MpesaDesktop"
ICON_NAME = "mpesa-desktop"
_SIZED = re.compile(rf"{ICON_NAME}-(\d+)\.png")


def app_icon() -> QIcon:
    """Every size shipped, so each place (title bar, task bar, Alt+Tab) takes the sharpest."""
    icon = QIcon()
    for item in (resources.files("mpesa_desktop.resources") / "icons").iterdir():
        if _SIZED.fullmatch(item.name):
            pixmap = QPixmap()
            pixmap.loadFromData(item.read_bytes(), "PNG")
            icon.addPixmap(pixmap)
    return icon
