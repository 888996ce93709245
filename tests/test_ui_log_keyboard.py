"""The log tab by keyboard alone, in the real window: Tab never sticks in a date field or
walks the table's cells, every control has a name for screen readers, and the labels' and
buttons' mnemonics are unique and take the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from mpesa_desktop.ui.main_window import MainWindow
from tests import ui_support
from tests.ui_log_support import open_services

gui_loop = ui_support.gui_loop


@pytest.fixture
def log(gui_loop, qtbot, app_home):
    with open_services(app_home, rows=300, seed=5) as services:
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.resize(1240, 860)
        window.show()
        window.tabs.setCurrentWidget(window.log_tab)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        tab = window.log_tab
        qtbot.waitUntil(lambda: tab.model.rowCount() > 0 and not tab.model.loading,
                        timeout=5000)
        yield tab
        ui_support.close_window(qtbot, window)


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def press(qtbot, key) -> QWidget:
    """Press ``key`` where the focus is; the widget that has it afterwards."""
    qtbot.keyClick(QApplication.focusWidget(), key)
    return QApplication.focusWidget()


def test_tab_leaves_an_empty_date_field_at_once(qtbot, log):
    bar = log.filter_bar
    assert bar.date_from.text() == "Any date"
    focus(qtbot, bar.date_from)
    assert press(qtbot, Qt.Key.Key_Tab) is bar.date_to
    assert press(qtbot, Qt.Key.Key_Tab) is bar.sort
    assert press(qtbot, Qt.Key.Key_Backtab) is bar.date_to
    assert press(qtbot, Qt.Key.Key_Backtab) is bar.date_from
    assert press(qtbot, Qt.Key.Key_Backtab) is bar.period


def test_tab_leaves_a_filled_date_field_too_and_arrows_walk_it(qtbot, log):
    bar = log.filter_bar
    bar.date_from.setDate(bar.date_from.date().currentDate())
    focus(qtbot, bar.date_from)
    assert press(qtbot, Qt.Key.Key_Tab) is bar.date_to


def test_tab_follows_the_bar_then_leaves_the_table(qtbot, log):
    bar = log.filter_bar
    focus(qtbot, bar.operation)
    path = [bar.operation]
    for _ in range(10):
        path.append(press(qtbot, Qt.Key.Key_Tab))
    assert path[:10] == [bar.operation, bar.status, bar.search, bar.period, bar.date_from,
                         bar.date_to, bar.sort, log.clear_button, log.export_button, log.table]
    after_table = path[10]
    assert after_table is not log.table and not log.table.isAncestorOf(after_table)
    assert log.isAncestorOf(after_table)  # on to the row's actions and details
    focus(qtbot, log.table)
    log.table.setCurrentIndex(log.model.index(0, 0))
    qtbot.keyClick(log.table, Qt.Key.Key_Down)
    assert log.table.currentIndex().row() == 1  # the arrow keys walk the rows
    assert log.table.hasFocus()


def controls(tab) -> list[QWidget]:
    bar, actions = tab.filter_bar, tab.row_actions
    return [bar.operation, bar.status, bar.search, bar.period, bar.date_from, bar.date_to,
            bar.sort, tab.clear_button, tab.export_button, tab.table, actions.check_button,
            actions.refund_button, actions.resend_button, actions.copy_button]


def test_every_control_has_a_name_and_a_unique_mnemonic(log):
    named = controls(log)
    in_bar = [widget for widget in log.filter_bar.findChildren(
        QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert set(in_bar) <= set(named)  # a new control in the bar gets a name too
    for widget in named:
        name = widget.accessibleName() or (
            widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else "")
        assert name.strip(), widget
    captions = [label for label in log.filter_bar.findChildren(QLabel) if label.buddy()]
    assert {label.buddy() for label in captions} == set(named[:7])
    buttons = [widget for widget in named if isinstance(widget, QAbstractButton)]
    keys = []
    for widget in (*captions, *buttons):
        text = widget.text()
        assert "&" in text, text
        keys.append(text[text.index("&") + 1].lower())
    assert len(keys) == len(set(keys)), keys
    assert not {"f", "p", "h"} & set(keys)  # the menus' File, Profile and Help


@pytest.mark.parametrize(("key", "target"), [
    (Qt.Key.Key_W, "operation"), (Qt.Key.Key_A, "status"), (Qt.Key.Key_E, "search"),
    (Qt.Key.Key_D, "period"), (Qt.Key.Key_M, "date_from"), (Qt.Key.Key_T, "date_to"),
    (Qt.Key.Key_S, "sort"),
])
def test_alt_and_a_mnemonic_takes_the_focus_to_its_field(qtbot, log, key, target):
    focus(qtbot, log.table)
    qtbot.keyClick(log.table, key, Qt.KeyboardModifier.AltModifier)
    assert getattr(log.filter_bar, target).hasFocus()
