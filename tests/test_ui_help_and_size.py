"""Help > User guide and Help > About, ``--version``, and a window that fits a 1024x600 laptop."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from mpesa_desktop import __version__
from mpesa_desktop.ui.forms import OperationForm
from mpesa_desktop.ui.help_menu import AboutDialog, UserGuideDialog
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

# A 1024x600 screen less a desktop panel and the window's title bar.
SMALL_SCREEN = (1024, 540)


def _help_action(window, text: str):
    menu = next(action.menu() for action in window.menuBar().actions()
                if action.text() == "&Help")
    return next(action for action in menu.actions() if action.text() == text)


def _open_dialog(qtbot, kind):
    qtbot.waitUntil(lambda: any(isinstance(widget, kind) and widget.isVisible()
                                for widget in QApplication.topLevelWidgets()))
    return next(widget for widget in QApplication.topLevelWidgets()
                if isinstance(widget, kind) and widget.isVisible())


def test_f1_opens_the_user_guide_shipped_with_the_app(qtbot, gui_window):
    guide = _help_action(gui_window, "&User guide")
    assert guide.shortcut().toString() == "F1"
    guide.trigger()
    dialog = _open_dialog(qtbot, UserGuideDialog)
    text = dialog.browser.toPlainText()
    assert "What the statuses mean" in text
    assert "Never pay again." in text
    dialog.reject()


def test_about_names_version_licence_profile_and_paths(qtbot, gui_window):
    _help_action(gui_window, "&About mpesa-desktop").trigger()
    dialog = _open_dialog(qtbot, AboutDialog)
    services = gui_window.bridge.services
    shown = {name: label.text() for name, label in dialog.labels.items()}
    assert shown["Version"] == __version__
    assert shown["Licence"] == "MIT"
    assert shown["Active profile"] == "offline (offline)"
    assert shown["Transaction log"] == str(services.paths.ledger_file("offline"))
    assert shown["App log file"].startswith(str(services.paths.log_dir))
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in dialog.labels.values())
    dialog.reject()


def test_version_on_the_command_line():
    answer = subprocess.run([sys.executable, "-m", "mpesa_desktop", "--version"],
                            capture_output=True, text=True, timeout=60, check=True)
    assert answer.stdout.strip() == f"mpesa-desktop {__version__}"


def test_window_fits_a_1024x600_screen_and_every_send_button_can_be_reached(
        qtbot, gui_window):
    gui_window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: gui_window.height() <= SMALL_SCREEN[1])
    assert gui_window.width() <= SMALL_SCREEN[0]
    for tab in gui_window.operation_tabs():
        gui_window.tabs.setCurrentWidget(tab)
        scroll = tab.findChild(QScrollArea)
        for form in tab.findChildren(OperationForm):
            button = form.send_button
            scroll.ensureWidgetVisible(button)
            qtbot.wait(10)
            viewport = scroll.viewport()
            corners = (button.mapTo(viewport, button.rect().topLeft()),
                       button.mapTo(viewport, button.rect().bottomRight()))
            assert all(viewport.rect().contains(corner) for corner in corners), (
                f"{button.text()}: the button cannot be brought into view")


def test_notices_stack_in_the_corner_and_never_cover_a_form(qtbot, gui_window):
    gui_window.resize(*SMALL_SCREEN)
    for n in range(4):
        gui_window.notices.show_text(
            f"KES 250,000 to 2547•••00{n} failed: The balance is insufficient for the "
            "transaction; move money to the Utility account and try again", "failed")
    qtbot.waitUntil(lambda: len(gui_window.notices.notices()) == 4)
    qtbot.wait(20)
    area = gui_window.notices
    corner = area.mapTo(gui_window, area.rect().bottomRight())
    assert corner.x() > gui_window.width() - 40  # the right-hand corner, above the status bar
    for tab in gui_window.operation_tabs():
        gui_window.tabs.setCurrentWidget(tab)
        qtbot.wait(10)
        tab_area = tab.rect().translated(tab.mapTo(gui_window, tab.rect().topLeft()))
        notices = area.rect().translated(area.mapTo(gui_window, area.rect().topLeft()))
        assert not tab_area.intersects(notices), f"{tab.heading} is covered by notices"
