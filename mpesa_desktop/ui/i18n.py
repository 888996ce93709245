"""The window's language: Qt's translation system, the catalogue it loads and a live switch.

Every user-visible string of the window goes through :func:`translate` with a stable context
(``translate("MainWindow", "&File")``): ``pyside6-lupdate`` finds those calls, and the strings the
Qt-free core declares (the catalogue's field labels) are listed for it by
``mpesa_desktop.ui.i18n_sources`` (``python -m mpesa_desktop.ui.i18n_sources`` refreshes the
.ts). ``resources/i18n/mpesa_desktop_sw_KE.ts`` is the ONE file a translator edits; its ``.qm``
is compiled from it with ``pyside6-lrelease`` at build time, or by :func:`compiled_catalogue`
when the ``.qm`` is missing or older than the ``.ts``.

A text with values is a template translated first, then formatted
(``translate("MainWindow", "{count} pending").fill(count=3)``). What :func:`translate` returns
is a ``str`` that remembers its context, source and values (:class:`Translated`), so
:func:`show_text` can set it on a widget and set it again, in the new language, when
:func:`set_language` switches: labels change in place and no form loses what was typed.
Callbacks registered with :func:`on_language_change` run after (mnemonics are handed out again).
A sentence of the Qt-free core (``mpesa_desktop.messages.Message``) is shown through
:func:`core_text`: its template translated (context ``Core``), then filled. The languages, the
.ts's place and the saved choice are declared, without Qt, in ``mpesa_desktop.languages``
(the command line uses them too).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QObject,
    QTime,
    QTranslator,
)
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from mpesa_desktop.languages import (
    CORE,
    ENGLISH,
    LANGUAGES,
    SWAHILI,
    chosen_language,
    source_catalogue,
)
from mpesa_desktop.messages import Message, said


class Translated(str):
    """A translated text that remembers how it was made (to be made again in another
    language)."""

    context: str
    source: str
    values: dict[str, Any]

    def __new__(cls, context: str, source: str, values: dict[str, Any]) -> Translated:
        shown = QCoreApplication.translate(context, source)
        if values:
            shown = shown.format(**{key: str(value) for key, value in values.items()})
        text = super().__new__(cls, shown)
        text.context, text.source, text.values = context, source, values
        return text

    def fill(self, **values: Any) -> Translated:
        """The template translated, its ``{placeholders}`` filled from ``values``."""
        return Translated(self.context, self.source, values)

    def again(self) -> Translated:
        """The same text in the language installed now (its translated values too)."""
        values = {key: value.again() if isinstance(value, Translated) else value
                  for key, value in self.values.items()}
        return Translated(self.context, self.source, values)


def translate(context: str, source: str) -> Translated:
    """``source`` in the window's language (a template: ``translate(...).fill(name=value)``)."""
    return Translated(context, source, {})


def core_text(text: str) -> str:
    """A sentence of the core in the window's language (any other text as it is: data)."""
    if not isinstance(text, Message):
        return text
    return translate(CORE, text.template).fill(
        **{key: core_text(value) if isinstance(value, Message) else value
           for key, value in text.values.items()})


def error_text(error: BaseException) -> str:
    """What ``error`` says, in the window's language when the core said it as a ``Message``."""
    return core_text(said(error))


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate where the text is declared; translated where shown."""
    return source


def again(text: str) -> str:
    """``text`` in the current language if it was translated, else as it is (data)."""
    return text.again() if isinstance(text, Translated) else text


# ---- live switching ----

# Weak references: a closed window's widgets are not kept alive by the language.
_shown: list[tuple[weakref.ref[QObject], str, Translated]] = []
_hooks: list[weakref.WeakMethod[Callable[[], None]]] = []
_translator: QTranslator | None = None
_language = ENGLISH


def show_text(target: QObject, setter: str, text: Translated) -> None:
    """``target.<setter>(text)`` now, and again in the new language after a switch."""
    show_data(target, setter, text)
    _shown.append((weakref.ref(target), setter, text))


def show_data(target: QObject, setter: str, text: str) -> None:
    """``target.<setter>(text)`` for data (a file's name): a switch leaves it as it is, where
    it would have set again a text shown before with :func:`show_text`."""
    getattr(target, setter)(text)
    _shown[:] = [entry for entry in _shown if entry[0]() is not None
                 and not (entry[0]() is target and entry[1] == setter)]


def on_language_change(method: Callable[[], None]) -> None:
    """Call the bound ``method`` after each switch of language, while its object lives."""
    _hooks[:] = [hook for hook in _hooks if hook() is not None]
    _hooks.append(weakref.WeakMethod(method))


def current_language() -> str:
    return _language


def default_language(locale: QLocale | None = None) -> str:
    """The OS's language: Swahili for any ``sw*`` locale, English otherwise."""
    name = (locale or QLocale.system()).name()
    return SWAHILI if name.lower().startswith("sw") else ENGLISH


def saved_language(config_dir: Path) -> str:
    """The language chosen in the settings, else the OS's (:func:`default_language`)."""
    return chosen_language(config_dir) or default_language()


def set_language(language: str) -> None:
    """Install ``language``'s catalogue (English: none) and retranslate what is shown."""
    global _translator, _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    if language == _language:
        return
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if language != ENGLISH:
        translator = QTranslator(app)
        if not translator.load(str(compiled_catalogue(language))):
            raise RuntimeError(f"the {LANGUAGES[language]} catalogue could not be loaded")
        app.installTranslator(translator)
        _translator = translator
    _language = language
    QLocale.setDefault(locale_of(language))
    _retranslate()


def locale_of(language: str) -> QLocale:
    """The QLocale numbers and dates are written in (Kenya for both languages)."""
    return QLocale(QLocale.Language.Swahili if language == SWAHILI else QLocale.Language.English,
                   QLocale.Country.Kenya)


def moment_text(moment: datetime, pattern: str = "d MMM HH:mm") -> str:
    """``moment`` (at its own clock time) written with QLocale's ``pattern``, e.g. "5 Dec
    14:30", its month in the window's language."""
    shown = QDateTime(QDate(moment.year, moment.month, moment.day),
                      QTime(moment.hour, moment.minute, moment.second))
    return locale_of(_language).toString(shown, pattern)


def _retranslate() -> None:
    _shown[:] = [entry for entry in _shown if _alive(entry[0]())]
    for target, setter, text in list(_shown):
        getattr(target(), setter)(text.again())
    _hooks[:] = [hook for hook in _hooks if _alive(getattr(hook(), "__self__", None))]
    for hook in list(_hooks):
        method = hook()
        if method is not None:
            method()


def _alive(target: object) -> bool:
    return target is not None and shiboken6.isValid(target)


# ---- Qt's own buttons ----

STANDARD_BUTTONS = {
    QDialogButtonBox.StandardButton.Cancel: QT_TRANSLATE_NOOP("Buttons", "Cancel"),
    QDialogButtonBox.StandardButton.Save: QT_TRANSLATE_NOOP("Buttons", "Save"),
    QDialogButtonBox.StandardButton.Close: QT_TRANSLATE_NOOP("Buttons", "Close"),
    QDialogButtonBox.StandardButton.Ok: QT_TRANSLATE_NOOP("Buttons", "OK"),
}


def name_buttons(box: QDialogButtonBox) -> None:
    """The standard buttons of ``box`` in the window's language (Qt ships no Swahili; in
    English Qt's own words stay)."""
    if _language == ENGLISH:
        return
    for which, text in STANDARD_BUTTONS.items():
        button = box.button(which)
        if button is not None:
            button.setText(translate("Buttons", text))


# ---- accessibility ----

def announce(widget: QWidget, text: str) -> None:
    """Tell a screen reader that ``widget`` now says ``text`` (its accessible description and
    an alert event: a status change is read out where the focus is)."""
    widget.setAccessibleDescription(text)
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


# ---- the catalogue files ----

def tool(name: str) -> str:
    """A PySide6 tool (``pyside6-lrelease``) of this interpreter's environment."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} is not installed (it comes with PySide6-Essentials)")
    return found


def _has_tool(name: str) -> bool:
    try:
        tool(name)
    except RuntimeError:
        return False
    return True


def compiled_catalogue(language: str) -> Path:
    """The .qm of ``language``, compiled from its .ts when missing or older (beside it, or in
    the temporary folder when the installation is read-only)."""
    source = source_catalogue(language)
    compiled = source.with_suffix(".qm")
    if compiled.exists() and (compiled.stat().st_mtime >= source.stat().st_mtime
                              or not _has_tool("pyside6-lrelease")):
        return compiled  # a bundle ships its .qm (copied files may lose their times)
    for target in (compiled, Path(tempfile.gettempdir()) / "mpesa-desktop" / compiled.name):
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            return target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            compile_catalogue(source, target)
        except OSError:
            continue
        return target
    raise RuntimeError(f"could not compile {source.name}")


def compile_catalogue(source: Path, target: Path) -> None:
    """``pyside6-lrelease source -qm target`` (OSError when it cannot be written)."""
    done = subprocess.run([tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not target.exists():
        raise OSError(f"pyside6-lrelease failed: {done.stderr.strip()}")
