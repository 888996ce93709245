"""The window's language is chosen in the settings and switched live: labels, tabs and menus
change, what the clerk typed stays; the confirmation says the amount in Swahili words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from mpesa_desktop.ui import i18n
from tests import ui_support
from tests.ui_support import type_into, wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

TYPED = {"party_b": "0708374149", "amount": "1500", "remarks": "Refund of deposit"}


@pytest.fixture
def english_after() -> Iterator[None]:
    """Whatever a test switches to, the next test starts in English."""
    yield
    i18n.set_language(i18n.ENGLISH)


def choose_language(qtbot: Any, window: Any, language: str) -> None:
    ui_support.choose_in_settings(qtbot, window, "languageChoice", language)


def form_texts(tab: Any) -> dict[str, str]:
    return {name: tab.form.rows[name].editor.text() for name in TYPED}


def test_switching_to_swahili_keeps_what_was_typed(qtbot, gui_window, english_after) -> None:
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, TYPED)
    assert gui_window.tabs.tabText(0) == "Pay a customer"

    choose_language(qtbot, gui_window, i18n.SWAHILI)

    assert form_texts(tab) == TYPED, "nothing typed is lost"
    assert tab.form.rows["amount"].editor.accessibleName() == "Kiasi (KES)"
    assert tab.form.row_labels["amount"].text().replace("&", "") == "Kiasi (KES)"
    assert "Lipa mteja" in tab.form.send_button.text().replace("&", "")
    titles = [gui_window.tabs.tabText(i) for i in range(gui_window.tabs.count())]
    assert "Lipa mteja" in titles and "Salio" in titles and "Leo" in titles
    menus = [action.text() for action in gui_window.menuBar().actions()]
    assert "&Faili" in menus and "&Wasifu" in menus
    assert tab.form.send_button.isEnabled(), "the typed form is still ready to send"
    assert gui_window.banner.text().startswith("KIIGAJI NJE YA MTANDAO - hakuna pesa halisi")
    assert gui_window.ledger_banner.text().startswith("Daftari la timu haliwezi kufikiwa")
    headings = [label.text() for label in tab.findChildren(QLabel, "tabHeading")]
    assert headings == ["Lipa mteja"]

    choose_language(qtbot, gui_window, i18n.ENGLISH)
    assert form_texts(tab) == TYPED
    assert tab.form.row_labels["amount"].text().replace("&", "") == "Amount (KES)"
    assert [label.text() for label in tab.findChildren(QLabel, "tabHeading")] == [
        "Pay a customer"]
    assert gui_window.banner.text().startswith("OFFLINE SIMULATOR - no real money")


def test_the_choice_is_remembered_for_the_next_start(qtbot, gui_window, english_after) -> None:
    config_dir = gui_window.services.config.paths.config_dir
    choose_language(qtbot, gui_window, i18n.SWAHILI)
    assert i18n.saved_language(config_dir) == i18n.SWAHILI
    assert i18n.current_language() == i18n.SWAHILI


def test_the_confirmation_says_the_amount_in_swahili(qtbot, gui_window, english_after) -> None:
    choose_language(qtbot, gui_window, i18n.SWAHILI)
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, {**TYPED, "amount": "250000"})
    tab.form.send_button.click()
    dialog = wait_confirm(qtbot, tab)
    words = dialog.findChild(QLabel, "confirmWords")
    assert words is not None
    assert words.text() == "Shilingi elfu mia mbili na hamsini"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Kwa:" in texts and "KES 250,000" in texts
    assert dialog.windowTitle() == "Thibitisha malipo"
    dialog.reject()


def test_the_outcome_is_shown_and_announced_in_swahili(qtbot, gui_window, english_after) -> None:
    choose_language(qtbot, gui_window, i18n.SWAHILI)
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, TYPED)
    tab.form.send_button.click()
    wait_confirm(qtbot, tab).confirm_button.click()
    summary = tab.outcome.summary
    qtbot.waitUntil(lambda: summary.text().startswith("Imekamilika."), timeout=10_000)
    assert summary.accessibleDescription() == summary.text(), "the screen reader is told"
    assert tab.outcome.badge.text() == "Imekamilika"
    qtbot.waitUntil(lambda: any(text.startswith("Imekamilika: KES 1,500 kwa 2547•••149")
                                for text in gui_window.notices.texts()))
    notice = gui_window.notices.notices()[-1]
    assert notice.accessibleDescription() == notice.label.text()
