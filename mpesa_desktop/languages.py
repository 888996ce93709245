"""The app's languages and its one translation, without Qt: for the window and the command line.

The translator edits one file per language, ``resources/i18n/mpesa_desktop_<language>.ts``
(Qt Linguist's XML). The window loads it compiled for Qt (``ui.i18n``); the command line, which
never imports Qt, reads the same .ts with the standard library (:func:`translations`, finished
translations only) and says a core sentence (a ``messages.Message``) in the language chosen:
:func:`say` translates its template (context ``Core``) and fills its values; any other text is
data and stays as it is; a word the window declares in another context (a profile kind's
label) is said by :func:`word`. The language is the one chosen in the window's settings (a
one-line file beside them), else the system's (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: Swahili
for any ``sw`` locale).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from mpesa_desktop.kenya import amount_in_words as english_words
from mpesa_desktop.messages import Message
from mpesa_desktop.swahili_words import amount_in_words_sw

ENGLISH = "en"
SWAHILI = "sw_KE"
LANGUAGES = {ENGLISH: "English", SWAHILI: "Kiswahili"}
CATALOGUE_STEM = "mpesa_desktop_"
LANGUAGE_FILE = "language"
CORE = "Core"  # the context of the core's sentences (mpesa_desktop.messages)
PROFILES = "Profiles"  # the window's context of the profile kinds' labels (for word)
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def catalogue_dir() -> Path:
    return Path(str(resources.files("mpesa_desktop.resources") / "i18n"))


def source_catalogue(language: str) -> Path:
    """The .ts a translator edits (the one source of the translation)."""
    return catalogue_dir() / f"{CATALOGUE_STEM}{language}.ts"


def chosen_language(config_dir: Path) -> str | None:
    """The language chosen in the settings, or None when none was (or it is unknown)."""
    chosen = config_dir / LANGUAGE_FILE
    text = chosen.read_text("utf-8").strip() if chosen.exists() else ""
    return text if text in LANGUAGES else None


def save_language(config_dir: Path, language: str) -> None:
    """Remember ``language`` for the next start (a one-line file beside the settings)."""
    (config_dir / LANGUAGE_FILE).write_text(language + "\n", "utf-8")


def system_language(environ: Mapping[str, str] = os.environ) -> str:
    """The system's language by the POSIX locale variables: Swahili for ``sw*``, else English."""
    locale = next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), "")
    return SWAHILI if locale.lower().startswith("sw") else ENGLISH


@cache
def translations(language: str) -> dict[tuple[str, str], str]:
    """(context, source) -> the finished translation, read from ``language``'s .ts (English:
    none)."""
    if language == ENGLISH:
        return {}
    found = {}
    for context in ET.parse(source_catalogue(language)).getroot().iter("context"):
        name = context.findtext("name") or ""
        for entry in context.iter("message"):
            translation = entry.find("translation")
            if translation is not None and translation.text and (
                    translation.get("type") != "unfinished"):
                found[(name, entry.findtext("source") or "")] = translation.text
    return found


def word(context: str, text: str, language: str) -> str:
    """``text``, a word the window declares in ``context`` (a profile kind's label, context
    ``Profiles``: ``translate("Profiles", profile.label)``), in ``language`` as the window shows
    it; as it is when it has no finished translation. For the command line, which prints those
    words inside its own sentences (``word(PROFILES, profile.label, args.language)``)."""
    return translations(language).get((context, text), text)


def amount_in_words(amount: int, language: str) -> str:
    """``amount`` shillings in words in ``language``, as the confirmations repeat it."""
    return amount_in_words_sw(amount) if language == SWAHILI else english_words(amount)


def say(text: str, language: str) -> str:
    """``text`` in ``language`` when the core said it as a ``Message`` (its values too), else
    as it is."""
    if not isinstance(text, Message) or language == ENGLISH:
        return text
    template = translations(language).get((CORE, text.template), text.template)
    if not text.values:
        return template
    return template.format(**{key: say(value, language) if isinstance(value, Message)
                              else value for key, value in text.values.items()})
