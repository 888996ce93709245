"""Light, dark and high-contrast palettes: chosen in the settings or following the OS; the
look's named colours (hints, errors, headings) follow the scheme, on widgets already shown too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from mpesa_desktop.ui import appearance, look
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

WINDOW = QPalette.ColorRole.Window
TEXT = QPalette.ColorRole.WindowText


@pytest.fixture
def light_after(qapp: QApplication) -> Iterator[None]:
    yield
    appearance.apply_appearance(appearance.LIGHT)


def choose(qtbot: Any, window: Any, choice: str) -> None:
    ui_support.choose_in_settings(qtbot, window, "appearanceChoice", choice)


def test_dark_and_high_contrast_from_the_settings(qtbot, gui_window, light_after) -> None:
    hint = gui_window.b2c_tab.form.status  # painted in the hint colour when it was built
    choose(qtbot, gui_window, appearance.DARK)
    assert QApplication.palette().color(WINDOW).lightness() < 60
    assert QApplication.palette().color(TEXT).lightness() > 200
    assert hint.palette().color(TEXT).name() == look.SCHEME_COLOURS["dark"][look.HINT_COLOUR]

    choose(qtbot, gui_window, appearance.HIGH_CONTRAST)
    assert QApplication.palette().color(WINDOW).name() == "#000000"
    assert QApplication.palette().color(TEXT).name() == "#ffffff"
    assert hint.palette().color(TEXT).name() == "#ffffff"
    config_dir = gui_window.services.config.paths.config_dir
    assert appearance.saved_appearance(config_dir) == appearance.HIGH_CONTRAST

    choose(qtbot, gui_window, appearance.LIGHT)
    assert QApplication.palette().color(WINDOW).lightness() > 200
    assert hint.palette().color(TEXT).name() == look.HINT_COLOUR


def test_following_the_system_takes_the_os_scheme(qapp, light_after) -> None:
    appearance.apply_appearance(appearance.SYSTEM)
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    assert appearance.scheme_of(appearance.SYSTEM) == (appearance.DARK if dark
                                                       else appearance.LIGHT)
    assert (QApplication.palette().color(WINDOW).lightness() < 60) == dark


def test_an_unknown_choice_is_refused_and_the_default_follows_the_os(tmp_path) -> None:
    with pytest.raises(ValueError, match="appearance must be one of"):
        appearance.apply_appearance("purple")
    assert appearance.saved_appearance(tmp_path) == appearance.SYSTEM


def test_the_log_the_dialogs_texts_and_the_charts_follow_the_dark_palette(
        qtbot, gui_window, light_after) -> None:
    """Issue 17: texts coloured by the app (the log's hints and notes, an error in a dialog,
    Today's figures) and the charts' own drawing take the scheme's colours, not the light
    ones."""
    log, chart = gui_window.log_tab, gui_window.today_tab.balance
    settings = gui_window.open_settings(gui_window.services.profile.name)
    appearance.apply_appearance(appearance.DARK)
    dark = look.SCHEME_COLOURS["dark"]
    for label, colour in ((log.search_hint, look.HINT_COLOUR), (log.loading, look.HINT_COLOUR),
                          (log.message, look.TITLE_COLOUR),
                          (log.table.empty_note, look.TITLE_COLOUR),
                          (settings.message, look.ERROR_COLOUR)):
        assert label.palette().color(TEXT).name() == dark[colour], label.objectName()
    chart.resize(320, 180)
    assert chart.grab().toImage().pixelColor(2, 2).name() == dark[look.CHART_BACKGROUND]
    failed = gui_window.today_tab.figure_buttons["failed"]
    button_text = QPalette.ColorRole.ButtonText
    assert failed.palette().color(button_text).name() == dark[look.FAILED_COLOUR]
    appearance.apply_appearance(appearance.HIGH_CONTRAST)
    high = look.SCHEME_COLOURS["high_contrast"]
    assert failed.palette().color(button_text).name() == high[look.FAILED_COLOUR]
    settings.close()
    settings.deleteLater()
