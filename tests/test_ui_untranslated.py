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
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTreeWidget,
    QWidget,
)

from mpesa_desktop.ledger import Ledger
from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.bulk_table import NOTE, STATUS
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.help_menu import AboutDialog
from mpesa_desktop.ui.keyboard import plain
from mpesa_desktop.ui.log_model import Column
from mpesa_desktop.ui.profile_wizard import ProductionConfirmDialog
from mpesa_desktop.ui.resolve_dialog import ResolveDialog
from mpesa_desktop.ui.tab_registry import registered_tabs
from tests import ui_support
from tests.test_resolve import unknown_row
from tests.test_ui_bulk import GOOD_ROWS, write_csv
from tests.test_ui_resend import _select

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
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            yield where, widget.placeholderText()
        if isinstance(widget, QAbstractSpinBox):  # a date field: "Any date" at its lowest
            yield where, widget.text()
        if isinstance(widget, QGroupBox):
            yield where, widget.title()
        if isinstance(widget, QTableView) and widget.model() is not None:
            model, horizontal = widget.model(), Qt.Orientation.Horizontal
            yield from ((where, model.headerData(column, horizontal) or "")
                        for column in range(model.columnCount()))
        if isinstance(widget, QListWidget):
            yield from ((where, widget.item(row).text()) for row in range(widget.count()))
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            yield from ((where, header.text(i)) for i in range(widget.columnCount()))
            for row in range(widget.topLevelItemCount()):
                item = widget.topLevelItem(row)
                yield from ((where, item.text(i)) for i in range(widget.columnCount()))
        if isinstance(widget, QComboBox):
            yield from ((where, widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QMenu):
            yield where, widget.title()
            yield from ((where, action.text()) for action in widget.actions())


def model_texts(view: QAbstractItemView, words: Iterable[Column]) -> Iterator[tuple[str, str]]:
    """(where, text) for the headers of ``view``'s model (titles and tool tips) and the cells of
    the ``words`` columns (the app's own words; the other columns hold data)."""
    model: QAbstractItemModel = view.model()
    where = view.objectName() or type(view).__name__
    horizontal = Qt.Orientation.Horizontal
    for column in range(model.columnCount()):
        yield where, model.headerData(column, horizontal) or ""
        yield where, model.headerData(column, horizontal, Qt.ItemDataRole.ToolTipRole) or ""
    for row in range(model.rowCount()):
        yield from ((where, model.index(row, column).data() or "") for column in words)


def english_left(widgets: Iterable[QWidget], also: Iterable[tuple[str, str]] = ()) -> list[str]:
    sources, vocabulary = english_sources(), english_words()
    return sorted({f"{where}: {text!r}" for where, text in (*shown_texts(widgets), *also)
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
        "sandbox set-up": gui_window.open_sandbox_setup(),
        "new profile": gui_window.open_new_profile(),
        "live confirmation": ProductionConfirmDialog(
            "shop-live", i18n.translate("Profiles", "turn on LIVE money"), gui_window),
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


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language(i18n.ENGLISH)


def test_no_english_is_left_in_the_log_tab_and_its_dialogs(qtbot, gui_window, gui_services,
                                                          english_after):
    """A row chosen in English, then the language switched live: the filters, the totals, the
    table's headers and words, the detail pane and its history, the actions, and the Resolve
    and Export dialogs opened in Swahili. What the ledger holds (names, Daraja's result, ids)
    is data."""
    with Ledger(gui_services.ledger.path) as other_process:
        reference = unknown_row(other_process)
    _select(qtbot, gui_window, reference)
    log = gui_window.log_tab
    qtbot.waitUntil(lambda: log.detail.history.topLevelItemCount() == 2)
    i18n.set_language(i18n.SWAHILI)
    qtbot.waitUntil(lambda: log.summary.text().startswith("malipo "))
    data = set(log.detail._values.values())
    shown = [widget for widget in log.findChildren(QWidget) if widget not in data]
    words = (Column.OPERATION, Column.STATUS)
    assert english_left([log, *shown], model_texts(log.table, words)) == []
    assert log.model.index(0, Column.STATUS).data() == "Haijulikani"
    assert log.detail.history.topLevelItem(1).text(2) == "jibu la kwanza"

    resolve = log.row_actions.open_resolve()
    assert isinstance(resolve, ResolveDialog)
    export = log.open_export()
    for name, dialog in {"resolve": resolve, "export": export}.items():
        assert english_left([dialog, *dialog.findChildren(QWidget)]) == [], name
        dialog.close()


def test_no_english_is_left_in_the_bulk_tab_and_its_confirmation(qtbot, gui_window, tmp_path,
                                                                 english_after):
    """A file previewed in English, then the language switched live: the guide, the buttons,
    the mapping, the table's headers, statuses and notes, the summary (the total in Swahili
    words) and the confirmation of the batch. The file's own cells (names, remarks) are data."""
    tab = gui_window.bulk_tab
    gui_window.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(tab.previewed, timeout=20_000):
        tab.open_file(write_csv(tmp_path / "payees.csv", GOOD_ROWS))
    with qtbot.waitSignal(tab.previewed, timeout=20_000):
        i18n.set_language(i18n.SWAHILI)  # the preview is worded again
    assert tab.summary.text().startswith("wapokeaji 3 wa kulipwa, KES 3,800 (shilingi elfu tatu")
    boxes = tab.mapping.boxes.values()  # they list the file's header cells: data
    assert {box.itemText(0) for box in boxes} == {"(hakuna)"}
    data = {tab.file_label, *boxes}
    shown = [widget for widget in tab.findChildren(QWidget) if widget not in data]
    assert english_left([tab, *shown], model_texts(tab.table, (STATUS, NOTE))) == []
    said = [(box.objectName(), text) for box in boxes
            for text in (box.accessibleName(), box.itemText(0))]
    assert english_left([], said) == []

    tab.ask_to_send()
    dialog = tab.confirm_dialog
    assert dialog is not None
    assert english_left([dialog, *dialog.findChildren(QWidget)]) == []
    dialog.reject()


def test_every_tab_built_in_english_speaks_swahili_after_a_switch(qtbot, gui_window,
                                                                  english_after):
    """Every registered tab, built while the window spoke English, then the language switched
    live: nothing English is left on any of them (their data aside: the Today tab's figures,
    the log's rows and the reconciliation's rows are empty in a new log)."""
    tabs = gui_window.tabs
    built = [gui_window.tab_for(entry.name) for entry in registered_tabs()]
    log = gui_window.log_tab
    qtbot.waitUntil(lambda: log.table.empty_note.text() != "")  # read in English first
    i18n.set_language(i18n.SWAHILI)
    qtbot.waitUntil(lambda: log.summary.text().startswith("malipo 0")
                    and log.table.empty_note.text().startswith("Kumbukumbu haina"))
    assert len(built) == tabs.count()
    for tab in built:
        tabs.setCurrentWidget(tab)
        assert english_left([tab, *tab.findChildren(QWidget)]) == [], type(tab).__name__


def test_the_rules_the_core_declares_are_said_in_swahili(qtbot, gui_window, tmp_path,
                                                         english_after):
    """Issue 17 (the core's words): a field's broken rule, typed in the form, and the
    problems of a bulk file, both checked by the Qt-free core, read in Swahili."""
    i18n.set_language(i18n.SWAHILI)
    tab = gui_window.b2c_tab
    ui_support.type_into(qtbot, tab, {"party_b": "12345", "amount": "1500,50"})
    said = [row.message.text() for row in tab.form.rows.values() if row.message.isVisible()]
    assert any(": lazima iwe nambari ya simu ya Kenya" in text for text in said), said
    assert any("koma ya desimali haikubaliwi" in text for text in said), said
    assert english_left([tab, *tab.findChildren(QWidget)]) == []
    i18n.set_language(i18n.ENGLISH)  # the rule shown switches with the language
    assert "must be a Kenyan mobile number" in tab.form.rows["party_b"].message.text()
    i18n.set_language(i18n.SWAHILI)

    bulk = gui_window.bulk_tab
    bad = [GOOD_ROWS[0], ["12345", "1,500.50", "November salary", "", "Dee", ""]]
    with qtbot.waitSignal(bulk.previewed, timeout=20_000):
        bulk.open_file(write_csv(tmp_path / "bad.csv", bad))
    problems = bulk.problems.toPlainText().splitlines()
    assert any(line.startswith("safu 3, phone: lazima iwe") for line in problems), problems
    shown = [widget for widget in bulk.findChildren(QWidget)
             if widget not in (bulk.file_label, *bulk.mapping.boxes.values())]
    assert english_left([bulk, *shown], model_texts(bulk.table, (STATUS, NOTE))) == []
    assert english_left([], [("problems", line) for line in problems]) == []
