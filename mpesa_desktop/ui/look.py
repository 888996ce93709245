"""The look of the operation tabs: colours, and cheap ways to apply them.

The window holds some 800 widgets; a style sheet per widget is slow to apply (each one switches
that widget, and its children, to the style-sheet engine), so text colours, backgrounds and
headings are set with palettes and fonts instead. Style sheets stay for the few widgets that need
rounded borders and are not shown at start-up (badges, notices).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

HINT_COLOUR = "#5f6368"
ERROR_COLOUR = "#b3261e"
GOOD_COLOUR = "#2e7d32"
HEADING_COLOUR = "#263238"
TITLE_COLOUR = "#37474f"
PANEL_BACKGROUND = "#fafafa"
CHART_BACKGROUND = "#ffffff"
CHART_LINE = "#1565c0"
FAILED_COLOUR = "#c62828"
PENDING_COLOUR = "#ef6c00"

# A label's text is drawn in WindowText, a button's in ButtonText: a named colour sets both.
_TEXT_ROLES = (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText)
_WINDOW = QPalette.ColorRole.Window

# The named colours above as drawn on a dark or a high-contrast window (ui.appearance), so a hint
# stays a hint and an error an error, readable on each background.
SCHEME_COLOURS = {
    "dark": {HINT_COLOUR: "#b0bec5", ERROR_COLOUR: "#ff8a80", GOOD_COLOUR: "#a5d6a7",
             HEADING_COLOUR: "#eceff1", TITLE_COLOUR: "#cfd8dc", PANEL_BACKGROUND: "#263238",
             CHART_BACKGROUND: "#2b2b2b", CHART_LINE: "#8ab4f8", FAILED_COLOUR: "#ff8a80",
             PENDING_COLOUR: "#ffb74d"},
    "high_contrast": {HINT_COLOUR: "#ffffff", ERROR_COLOUR: "#ffff00", GOOD_COLOUR: "#00ff00",
                      HEADING_COLOUR: "#ffffff", TITLE_COLOUR: "#ffffff",
                      PANEL_BACKGROUND: "#000000", CHART_BACKGROUND: "#000000",
                      CHART_LINE: "#00ffff", FAILED_COLOUR: "#ffff00",
                      PENDING_COLOUR: "#ffa500"},
}
_scheme = {"name": "light"}


def set_scheme(name: str) -> None:
    """Draw the named colours for the ``light``, ``dark`` or ``high_contrast`` scheme."""
    _scheme["name"] = name


def shown(colour: str) -> str:
    """``colour`` as drawn in the current scheme."""
    return SCHEME_COLOURS.get(_scheme["name"], {}).get(colour, colour)


def repaint_named_colours(widgets: Iterable[QWidget]) -> None:
    """Draw the named colours of ``widgets`` again in the current scheme."""
    for widget in widgets:
        text, fill = widget.property("textColour"), widget.property("backgroundColour")
        if text:
            _paint_text(widget, text)
        if fill:
            background(widget, fill)


def text_colour(widget: QWidget, colour: str) -> None:
    """Set a widget's text colour, only when it changes."""
    if widget.property("textColour") != colour:
        widget.setProperty("textColour", colour)
        _paint_text(widget, colour)


def _paint_text(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    for role in _TEXT_ROLES:
        palette.setColor(role, QColor(shown(colour)))
    widget.setPalette(palette)


def default_colour(widget: QWidget) -> None:
    """Back to the palette's own text colour (after ``text_colour``)."""
    if widget.property("textColour"):
        widget.setProperty("textColour", None)
        widget.setPalette(QPalette())


def background(widget: QWidget, colour: str) -> None:
    """Fill a widget's background with ``colour``."""
    widget.setProperty("backgroundColour", colour)
    palette = widget.palette()
    palette.setColor(_WINDOW, QColor(shown(colour)))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def emphasise(widget: QWidget, colour: str, *, points_up: int = 0, italic: bool = False) -> None:
    """Bold text in ``colour``, ``points_up`` points larger than the default font."""
    font = QFont(widget.font())
    font.setBold(True)
    font.setItalic(italic)
    if points_up:
        font.setPointSizeF(font.pointSizeF() + points_up)
    widget.setFont(font)
    text_colour(widget, colour)


class PlainLabel(QLabel):
    """A label that shows its text literally, never as rich text: remarks, names and messages
    come from clerks, customers and Daraja, and ``<b>`` in them must read as typed."""

    def __init__(self, text: str | QWidget | None = "", parent: QWidget | None = None) -> None:
        if isinstance(text, QWidget):  # QLabel(parent), as Qt allows
            super().__init__("", text)
        else:
            super().__init__(text or "", parent)
        self.setTextFormat(Qt.TextFormat.PlainText)


def scrolling(page: QWidget, body: QWidget) -> None:
    """Fill ``page`` with ``body`` in a frameless scroll area: a small screen scrolls down to the
    rest; Tab goes to the controls, not to the scroll area."""
    scroll = QScrollArea(page)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
