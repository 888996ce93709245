"""Issue 17: with the Swahili catalogue loaded, no English text of the window is left on screen.

Every text a translator is given (the sources of the .ts) is looked for in what the window
shows: labels, buttons, tool tips, placeholders, accessible names, combo-box items, window
titles, menus and tab titles, in every operation tab and the dialogs. A source still shown in
English is a text the code does not pass through ``translate`` (or the .ts leaves as it is);
the only ones allowed are data and proper nouns (``SAME_IN_BOTH``). A text the .ts does not
know is caught by its words: two English words no translation uses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QMenu, QWidget

from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.help_menu import AboutDialog
from mpesa_desktop.ui.keyboard import plain
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

# Texts that read the same in both languages: examples of data, versions and names.
DATA = re.compile(r"^[^\s]*[/\\][^\s]*$")  # a path or an address: one token with a slash
SAME_IN_BOTH = {"0708 374 149", "0712 345 678", "v1", "{fact}:", "{kind} {number}", "Till",
                "Language / Lugha"}


def english_sources() -> set[str]:
    """Every source text of the .ts whose translation differs from it."""
    root = ET.parse(i18n.source_catalogue(i18n.SWAHILI)).getroot()
    return {plain(message.findtext("source") or "") for message in root.iter("message")
            if message.findtext("translation") != message.findtext("source")} - SAME_IN_BOTH


def words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-z]{3,}", text)}


def english_words() -> set[str]:
    """The words of the English sources that no Swahili translation uses ("payment", "the",
    "send"...): two of them in one text shown in Swahili is English the code never passed
    through ``translate``, even when the .ts does not know the text."""
    root = ET.parse(i18n.source_catalogue(i18n.SWAHILI)).getroot()
    english = set().union(*(words(message.findtext("source") or "")
                            for message in root.iter("message")))
    swahili = set().union(*(words(message.findtext("translation") or "")
                            for message in root.iter("message")))
    return english - swahili


def shown_texts(widgets: Iterable[QWidget]) -> Iterator[tuple[str, str]]:
    """(where, text) for each text ``widgets`` show or say."""
    for widget in widgets:
        where = widget.objectName() or type(widget).__name__
        yield where, widget.toolTip()
        yield where, widget.accessibleName()
        if widget.isWindow():
            yield where, widget.windowTitle()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, QLineEdit):
            yield where, widget.placeholderText()
        if isinstance(widget, QComboBox):
            yield from ((where, widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QMenu):
            yield where, widget.title()
            yield from ((where, action.text()) for action in widget.actions())


def english_left(widgets: Iterable[QWidget]) -> list[str]:
    sources, vocabulary = english_sources(), english_words()
    return sorted({f"{where}: {text!r}" for where, text in shown_texts(widgets)
                   if text and text not in SAME_IN_BOTH and not DATA.match(text)
                   and (plain(text).rstrip(":") in sources
                        or len(words(plain(text)) & vocabulary) >= 2)})


@pytest.fixture
def swahili(gui_window) -> Iterator[None]:
    i18n.set_language(i18n.SWAHILI)
    yield
    i18n.set_language(i18n.ENGLISH)


def test_no_english_is_left_in_the_operation_tabs_menus_and_banners(qtbot, gui_window, swahili):
    widgets: list[QWidget] = [gui_window, gui_window.banner, gui_window.ledger_banner,
                              *gui_window.findChildren(QMenu)]
    tabs = gui_window.tabs
    titles = [tabs.tabText(index) for index in range(tabs.count())]
    assert english_left(widgets) == []
    assert [title for title in titles if plain(title) in english_sources()] == []
    for tab in gui_window.operation_tabs():
        assert english_left([tab, *tab.findChildren(QWidget)]) == [], type(tab).__name__


def test_no_english_is_left_in_the_dialogs(qtbot, gui_window, swahili):
    services = gui_window.bridge.services
    dialogs = {
        "settings": gui_window.open_settings(services.profile.name),
        "about": AboutDialog(services, gui_window),
        "confirmation": ConfirmDialog(title=i18n.translate("OperationTab", "Confirm payment"),
                                      action="Lipa mteja", amount=1500,
                                      recipient="254708374149", purpose="Mshahara",
                                      retype=True, repeat=True, live=True,
                                      parent=gui_window),
    }
    # The certificate's subject and dates are data (its common name is English words).
    certificate = dialogs["settings"].certificate
    data = {certificate.subject, certificate.validity}
    qtbot.waitUntil(lambda: certificate.validity.text().startswith("Halali "))
    for name, dialog in dialogs.items():
        dialog.show()
        shown = [widget for widget in dialog.findChildren(QWidget) if widget not in data]
        assert english_left([dialog, *shown]) == [], name
        dialog.close()
        dialog.deleteLater()
