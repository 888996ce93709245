"""Issue 11, point 5: every operation tab can be worked by keyboard alone.

Tab walks each tab's controls in screen order without getting stuck, reaches every field and
the send button, and every control it meets has a name a screen reader can say, in English and
in Swahili (issue 17); the labels
carry mnemonics (Alt+letter) that are unique within their tab and leave the menu bar's letters
alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMenuBar,
    QWidget,
)

from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.export_dialog import ExportDialog
from mpesa_desktop.ui.forms import OperationForm
from mpesa_desktop.ui.help_menu import AboutDialog
from mpesa_desktop.ui.profile_wizard import ProductionConfirmDialog
from mpesa_desktop.ui.resolve_dialog import ResolveDialog
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

MAX_STEPS = 60


@pytest.fixture(params=[i18n.ENGLISH, i18n.SWAHILI])
def language(request: pytest.FixtureRequest, gui_window: QWidget) -> Iterator[str]:
    """The window switched (live) to each language in turn; English again afterwards."""
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(i18n.ENGLISH)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: its accessible name, else a button's text."""
    name = widget.accessibleName()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&", "")
    return name.strip()


def walk(qtbot, container: QWidget, start: QWidget) -> list[QWidget]:
    """The widgets Tab visits inside ``container`` from ``start`` until focus leaves it or comes
    back round to ``start`` (a lone control stays where it is); fails when one key press leaves
    focus on another widget where it was (a trap)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    visited = [start]
    for _ in range(MAX_STEPS):
        before = QApplication.focusWidget()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        if after is None or after is start or not container.isAncestorOf(after):
            return visited
        assert after is not before, f"Tab is trapped in {before.objectName() or before}"
        visited.append(after)
    raise AssertionError("Tab never left or came back round")


def test_tab_reaches_every_field_and_send_and_every_control_has_a_name(qtbot, gui_window, language):
    for tab in gui_window.operation_tabs():
        gui_window.tabs.setCurrentWidget(tab)
        for form in tab.findChildren(OperationForm):
            form.advanced_toggle.setChecked(True)  # the folded fields are on the walk too
        qtbot.wait(20)
        forms = tab.findChildren(OperationForm)
        first = next(row.editor for row in forms[0].rows.values() if row.editor.isVisible())
        visited = walk(qtbot, tab, first)
        for form in forms:
            expected = [row.editor for row in form.rows.values()
                        if row.editor.isVisible() and row.editor.isEnabled()]
            missing = [editor.objectName() for editor in expected if editor not in visited]
            assert not missing, f"{tab.heading}: Tab never reaches {missing}"
        unnamed = [widget.objectName() or type(widget).__name__ for widget in visited
                   if not spoken_name(widget)]
        assert not unnamed, f"{tab.heading}: controls without a name: {unnamed}"


def test_labels_and_buttons_carry_unique_mnemonics(qtbot, gui_window, language):
    menu_letters = {action.text()[action.text().index("&") + 1].lower()
                    for action in gui_window.findChild(QMenuBar).actions()
                    if "&" in action.text()}
    for tab in gui_window.operation_tabs():
        for form in tab.findChildren(OperationForm):
            captions = [label.text() for label in form.row_labels.values()
                        if label.isVisibleTo(form)]
            captions += [form.send_button.text(), form.advanced_toggle.text()]
            letters = []
            for caption in captions:
                assert "&" in caption, f"{tab.heading}: {caption!r} has no mnemonic"
                letters.append(caption[caption.index("&") + 1].lower())
            assert len(letters) == len(set(letters)), f"{tab.heading}: {captions}"
            assert not set(letters) & menu_letters, f"{tab.heading} clashes with the menus"
            for label in form.row_labels.values():
                assert isinstance(label, QLabel) and label.buddy() is not None


def test_alt_and_a_label_letter_puts_the_cursor_in_its_field(qtbot, gui_window):
    tab = gui_window.b2c_tab
    gui_window.tabs.setCurrentWidget(tab)
    form = tab.form
    label = form.row_labels["amount"]
    letter = label.text()[label.text().index("&") + 1]
    form.rows["party_b"].editor.setFocus()
    qtbot.keyClick(gui_window, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.rows["amount"].editor)


def test_every_label_in_the_window_shows_its_text_literally(qtbot, gui_window):
    """Issue 11, point 2: remarks typed as ``<b>bold</b>`` read as typed everywhere."""
    tab = gui_window.b2c_tab
    gui_window.tabs.setCurrentWidget(tab)
    for name, text in {"party_b": "0708374149", "amount": "<b>5</b>",
                       "remarks": "<b>bold</b>"}.items():
        tab.form.rows[name].editor.setText(text)
    qtbot.wait(20)
    labels = [label for label in gui_window.findChildren(QLabel)
              if label.window() is gui_window]
    assert any("<b>" in label.text() for label in labels)  # the hint quotes what was typed
    rich = [label.objectName() or label.text()[:40] for label in labels
            if label.textFormat() != Qt.TextFormat.PlainText]
    assert not rich, f"labels that could render rich text: {rich}"


def accessible_name(widget: QWidget) -> str:
    """The name the accessibility tree gives ``widget`` (its own, its label's, its text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) if interface else "").strip()


def dialog_walk(qtbot, dialog: QWidget) -> list[QWidget]:
    """Tab round ``dialog`` from its first control."""
    dialog.show()
    qtbot.waitExposed(dialog)
    first = next(w for w in dialog.findChildren(QWidget)
                 if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return walk(qtbot, dialog, first)


def test_every_dialog_can_be_worked_by_keyboard_and_names_its_controls(qtbot, gui_window, language):
    services = gui_window.bridge.services
    dialogs = {
        "settings": lambda: gui_window.open_settings(services.profile.name),
        "sandbox set-up": gui_window.open_sandbox_setup,
        "new profile": gui_window.open_new_profile,
        "export": lambda: ExportDialog(services, None, gui_window),
        "about": lambda: AboutDialog(services, gui_window),
        "confirmation": lambda: ConfirmDialog(title="Confirm payment", action="Pay a customer",
                                              amount=1500, recipient="254708374149",
                                              purpose="Salary", retype=True, repeat=True,
                                              warnings=["Paid before"], parent=gui_window),
        "live confirmation": lambda: ProductionConfirmDialog(
            "shop-live", i18n.translate("Profiles", "turn on LIVE money"), gui_window),
        "resolve": lambda: ResolveDialog(services.ledger.create(
            "b2c", amount=700, party_a="600000", party_b="254708374149", remarks="Refund"),
            gui_window),
    }
    for name, opening in dialogs.items():
        dialog = opening()
        visited = dialog_walk(qtbot, dialog)
        unnamed = [w.objectName() or type(w).__name__ for w in visited
                   if not accessible_name(w)]
        assert not unnamed, f"{name}: controls without an accessible name: {unnamed}"
        captions = [label.text() for label in dialog.findChildren(QLabel)
                    if label.buddy() is not None and label.isVisible()
                    and label.buddy().focusPolicy() & Qt.FocusPolicy.TabFocus]
        assert all("&" in caption for caption in captions), f"{name}: {captions}"
        dialog.close()
        dialog.deleteLater()


@pytest.mark.parametrize("name", ["log", "bulk", "reconcile", "today"])
def test_the_other_tabs_can_be_worked_by_keyboard_and_name_their_controls(
        qtbot, gui_window, language, name):
    """Issue 17: the tabs that are not one form (the log, bulk payments, reconcile, today) are
    walked by Tab without a trap, in both languages, and every control met has a name."""
    tab = gui_window.tab_for(name)
    gui_window.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    first = next(w for w in tab.findChildren(QWidget)
                 if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    visited = walk(qtbot, tab, first)
    assert len(visited) > 1, f"{name}: Tab goes nowhere"
    unnamed = [w.objectName() or type(w).__name__ for w in visited if not accessible_name(w)]
    assert not unnamed, f"{name}: controls without an accessible name: {unnamed}"


def test_the_log_and_bulk_tabs_carry_unique_mnemonics(qtbot, gui_window, language):
    """In either language each caption and button of the log tab (and of the bulk tab) has its
    own Alt+letter, and none is a letter of the menu bar."""
    menu_letters = {action.text()[action.text().index("&") + 1].lower()
                    for action in gui_window.findChild(QMenuBar).actions()
                    if "&" in action.text()}
    log, bulk = gui_window.log_tab, gui_window.bulk_tab
    for name, widgets in (
            ("log", [*log.filter_bar.captions, log.clear_button, log.export_button,
                     *log.row_actions.buttons()]),
            ("bulk", [bulk.open_button, bulk.template_button, bulk.send_button,
                      bulk.pause_button, bulk.cancel_button, bulk.result_button])):
        captions = [widget.text() for widget in widgets]
        assert all("&" in caption for caption in captions), (name, captions)
        letters = [caption[caption.index("&") + 1].lower() for caption in captions]
        assert len(letters) == len(set(letters)), (name, captions)
        assert not set(letters) & menu_letters, (name, captions)
