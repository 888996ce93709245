"""The window's palette: light, dark or high contrast; by default it follows the OS.

``apply_appearance(choice)`` sets the application's palette (Fusion style for the dark and
high-contrast ones, whose colours every platform style honours) and tells ``ui.look`` which
scheme its named colours are drawn in: a hint, an error or a heading keeps its meaning and its
contrast on a dark or black background. ``SYSTEM`` follows ``QStyleHints.colorScheme()`` and
changes with it while the app runs. The choice is made in the settings (Window group) and
remembered beside them, like the language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from mpesa_desktop.ui import look
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP

SYSTEM, LIGHT, DARK, HIGH_CONTRAST = "system", "light", "dark", "high_contrast"
APPEARANCES = {
    SYSTEM: QT_TRANSLATE_NOOP("Appearance", "Follow the system"),
    LIGHT: QT_TRANSLATE_NOOP("Appearance", "Light"),
    DARK: QT_TRANSLATE_NOOP("Appearance", "Dark"),
    HIGH_CONTRAST: QT_TRANSLATE_NOOP("Appearance", "High contrast"),
}
APPEARANCE_FILE = "appearance"
Role = QPalette.ColorRole
# Window, text, base (fields), button, highlight, highlighted text, link, disabled text.
SCHEMES = {
    DARK: ("#1e1e1e", "#eeeeee", "#2b2b2b", "#333333", "#4a90d9", "#ffffff", "#8ab4f8",
           "#8a8a8a"),
    HIGH_CONTRAST: ("#000000", "#ffffff", "#000000", "#000000", "#ffff00", "#000000",
                    "#00ffff", "#c0c0c0"),
}

_state = {"choice": LIGHT, "style": ""}


def scheme_of(choice: str) -> str:
    """The scheme a choice paints in now (``SYSTEM``: the OS's light or dark)."""
    if choice != SYSTEM:
        return choice
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return DARK if dark else LIGHT


def palette_of(scheme: str) -> QPalette:
    """The application palette of ``scheme`` (light: the style's own)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if scheme not in SCHEMES:
        return app.style().standardPalette()
    window, text, base, button, highlight, on_highlight, link, disabled = map(
        QColor, SCHEMES[scheme])
    palette = QPalette()
    for role, colour in ((Role.Window, window), (Role.WindowText, text), (Role.Base, base),
                         (Role.AlternateBase, button), (Role.Text, text), (Role.Button, button),
                         (Role.ButtonText, text), (Role.ToolTipBase, base),
                         (Role.ToolTipText, text), (Role.Highlight, highlight),
                         (Role.HighlightedText, on_highlight), (Role.Link, link),
                         (Role.PlaceholderText, disabled), (Role.BrightText, highlight)):
        palette.setColor(role, colour)
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_appearance(choice: str) -> None:
    """Paint the application in ``choice`` (one of ``APPEARANCES``) from now on."""
    if choice not in APPEARANCES:
        raise ValueError(f"appearance must be one of {', '.join(APPEARANCES)}, not {choice!r}")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if not _state["style"]:
        _state["style"] = app.style().name()
        app.styleHints().colorSchemeChanged.connect(_follow_system)
    _state["choice"] = choice
    scheme = scheme_of(choice)
    app.setStyle("Fusion" if scheme in SCHEMES else _state["style"])
    look.set_scheme(scheme)
    app.setPalette(palette_of(scheme))
    look.repaint_named_colours(app.allWidgets())


def current_appearance() -> str:
    return _state["choice"]


def _follow_system(_scheme: Qt.ColorScheme) -> None:
    if _state["choice"] == SYSTEM:
        apply_appearance(SYSTEM)


def saved_appearance(config_dir: Path) -> str:
    """The appearance chosen in the settings, else ``SYSTEM``."""
    chosen = config_dir / APPEARANCE_FILE
    text = chosen.read_text("utf-8").strip() if chosen.exists() else ""
    return text if text in APPEARANCES else SYSTEM


def save_appearance(config_dir: Path, choice: str) -> None:
    (config_dir / APPEARANCE_FILE).write_text(choice + "\n", "utf-8")
