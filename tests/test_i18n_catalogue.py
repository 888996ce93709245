"""The window's translation: one .ts complete for the code, compiled to the .qm Qt loads, and
the language chosen from the OS or the settings."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from mpesa_desktop import languages
from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.i18n_sources import declared_texts, update_catalogue


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <translation> element of each message of ``ts``."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def test_the_ts_holds_every_text_of_the_code_and_nothing_else(tmp_path: Path) -> None:
    source = i18n.source_catalogue(i18n.SWAHILI)
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    update_catalogue(copy)  # lupdate over the code, as python -m mpesa_desktop.ui.i18n_sources
    refresh = "run: python -m mpesa_desktop.ui.i18n_sources"
    assert set(messages(copy)) == set(messages(source)), refresh


def test_the_texts_the_core_declares_are_in_the_ts() -> None:
    listed = set(messages(i18n.source_catalogue(i18n.SWAHILI)))
    assert ("Catalogue", "Amount") in declared_texts()
    assert ("Tabs", "Pay a customer") in declared_texts()
    assert declared_texts() <= listed


def test_the_qm_is_compiled_from_the_ts_and_loads(qapp: QApplication, tmp_path: Path) -> None:
    compiled = tmp_path / "sw.qm"
    i18n.compile_catalogue(i18n.source_catalogue(i18n.SWAHILI), compiled)
    translator = QTranslator()
    assert translator.load(str(compiled))
    assert translator.translate("Tabs", "Pay a customer") == "Lipa mteja"


def test_a_missing_or_older_qm_is_compiled_again(qapp: QApplication) -> None:
    path = i18n.compiled_catalogue(i18n.SWAHILI)
    source = i18n.source_catalogue(i18n.SWAHILI)
    stale = source.stat().st_mtime - 60
    os.utime(path, (stale, stale))
    again = i18n.compiled_catalogue(i18n.SWAHILI)
    assert again.stat().st_mtime >= source.stat().st_mtime


def test_the_language_follows_the_os_until_one_is_chosen(tmp_path: Path) -> None:
    assert i18n.default_language(QLocale("sw_KE")) == i18n.SWAHILI
    assert i18n.default_language(QLocale("sw_TZ")) == i18n.SWAHILI
    assert i18n.default_language(QLocale("en_KE")) == i18n.ENGLISH
    assert i18n.default_language(QLocale("fr_FR")) == i18n.ENGLISH
    assert i18n.saved_language(tmp_path) == i18n.default_language()
    languages.save_language(tmp_path, i18n.SWAHILI)
    assert i18n.saved_language(tmp_path) == i18n.SWAHILI
    (tmp_path / languages.LANGUAGE_FILE).write_text("klingon\n")
    assert i18n.saved_language(tmp_path) == i18n.default_language()


def test_every_text_of_the_ts_is_translated() -> None:
    unfinished = [source for source, translation
                  in messages(i18n.source_catalogue(i18n.SWAHILI)).items()
                  if translation.get("type") == "unfinished" or not translation.text]
    assert unfinished == []
