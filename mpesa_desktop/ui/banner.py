"""The banners across the top of the main window.

The mode banner says which money the clerk is touching. offline: grey "OFFLINE SIMULATOR - no
real money"; sandbox (and custom): orange "SANDBOX"; production: red "LIVE - real money". The
profile name follows so a clerk with several profiles knows which one is open.

The ledger banner shows only while a team ledger's database cannot be reached: nothing can be
sent then (no payout leaves without its row written first), and the window carries on by itself
once the server is back.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, show_text, translate
from mpesa_desktop.ui.look import PlainLabel


@dataclass(frozen=True)
class BannerStyle:
    """Text and colours for one kind of profile."""

    text: str
    background: str
    foreground: str = "#ffffff"


BANNER_STYLES: dict[str, BannerStyle] = {  # the texts translated where shown
    "offline": BannerStyle(QT_TRANSLATE_NOOP("Banner", "OFFLINE SIMULATOR - no real money"),
                           "#5f6368"),
    "sandbox": BannerStyle(QT_TRANSLATE_NOOP("Banner", "SANDBOX"), "#e67700"),
    "custom": BannerStyle(QT_TRANSLATE_NOOP("Banner", "SANDBOX"), "#e67700"),
    "production": BannerStyle(QT_TRANSLATE_NOOP("Banner", "LIVE - real money"), "#c62828"),
}


def banner_style(kind: str) -> BannerStyle:
    """The banner for a profile kind; an unknown kind is treated as live money (the safe side)."""
    return BANNER_STYLES.get(kind, BANNER_STYLES["production"])


class ModeBanner(PlainLabel):  # the profile's name is shown as typed
    """A full-width coloured strip naming the mode and the profile."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("modeBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(30)
        show_text(self, "setAccessibleName", translate("Banner", "Mode"))
        self.kind = ""
        self.style_used = banner_style("offline")

    def show_profile(self, kind: str, profile_name: str) -> None:
        """Repaint for the profile now open."""
        self.kind = kind
        self.style_used = style = banner_style(kind)
        mode = translate("Banner", style.text)
        if profile_name:
            show_text(self, "setText", translate("Banner", "{mode}   ·   profile: {profile}").fill(
                mode=mode, profile=profile_name))
        else:
            show_text(self, "setText", mode)
        self.setStyleSheet(
            f"QLabel#modeBanner {{ background: {style.background}; color: {style.foreground};"
            " font-weight: bold; letter-spacing: 1px; padding: 6px; }"
        )


LEDGER_UNREACHABLE = QT_TRANSLATE_NOOP(
    "Banner", "The team ledger cannot be reached. Nothing is sent until it is back; this window "
    "carries on by itself when it is.")


class LedgerBanner(PlainLabel):
    """A red strip under the mode banner while the log's database cannot be reached."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        show_text(self, "setText", translate("Banner", LEDGER_UNREACHABLE))
        self.setObjectName("ledgerBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        show_text(self, "setAccessibleName", translate("Banner", "Team ledger"))
        self.setStyleSheet("QLabel#ledgerBanner { background: #b3261e; color: #ffffff; "
                           "font-weight: bold; padding: 6px; }")
        self.hide()

    def show_reachable(self, reachable: bool) -> None:
        self.setVisible(not reachable)
