"""Issue 17: the layout holds at 150% and 200% font size on a 1366x768 screen: every tab's Send
button can be scrolled to and shown whole, and no label is cut shorter than its text needs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.forms import OperationForm
from mpesa_desktop.ui.main_window import MainWindow
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services

SCREEN = (1366, 768)


@pytest.fixture(params=[(1.5, i18n.ENGLISH), (2.0, i18n.ENGLISH), (2.0, i18n.SWAHILI)],
                ids=["150%", "200%", "200%-sw"])
def scaled_window(request, qtbot, gui_services) -> Iterator[MainWindow]:
    """The window built with the application font 1.5 or 2 times larger, at 1366x768 (the
    Swahili texts are longer)."""
    scale, language = request.param
    i18n.set_language(language)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = QFont(app.font())
    larger = QFont(normal)
    larger.setPointSizeF(normal.pointSizeF() * scale)
    app.setFont(larger)
    window = MainWindow(gui_services)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        ui_support.close_window(qtbot, window)
        app.setFont(normal)
        i18n.set_language(i18n.ENGLISH)


def clipped_labels(page: QWidget) -> list[str]:
    """The visible labels of ``page`` given less height than their text needs."""
    clipped = []
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(page) or not label.text():
            continue
        needed = (label.heightForWidth(label.width()) if label.wordWrap()
                  else label.minimumSizeHint().height())
        if label.height() < needed:
            clipped.append(f"{label.text()[:40]!r}: {label.height()} < {needed}")
    return clipped


@pytest.mark.slow
def test_every_send_button_is_reachable_and_no_label_is_cut(qtbot, scaled_window) -> None:
    window = scaled_window
    assert (window.width(), window.height()) == SCREEN
    for tab in window.operation_tabs():
        name = type(tab).__name__
        window.tabs.setCurrentWidget(tab)
        qtbot.wait(20)
        for form in tab.findChildren(OperationForm):
            button = form.send_button
            scroll = next((parent for parent in _ancestors(button)
                           if isinstance(parent, QScrollArea)), None)
            assert scroll is not None, f"{name}: the form does not scroll"
            scroll.ensureWidgetVisible(button)
            qtbot.wait(10)
            shown = button.visibleRegion().boundingRect()
            assert shown.height() == button.height(), f"{name}: Send is out of reach"
        assert clipped_labels(tab) == [], name


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


@pytest.mark.slow
def test_the_other_tabs_cut_no_label(qtbot, scaled_window) -> None:
    """The log, bulk payments, reconcile and today tabs at 150% and 200% (Swahili too): every
    label shows its whole text (a long one wraps or the tab scrolls)."""
    window = scaled_window
    for name in ("log", "bulk", "reconcile", "today"):
        tab = window.tab_for(name)
        window.tabs.setCurrentWidget(tab)
        qtbot.wait(50)
        assert clipped_labels(tab) == [], name
