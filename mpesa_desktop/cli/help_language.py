"""The command line's help in the clerk's language: ``--help``, usage lines and argparse's errors.

The help texts are declared once, where each option is (``help=``, ``description=``); this
module walks the finished parser (:func:`help_texts`: the translator's .ts lists them in context
``Help``, ``ui.i18n_sources``) and :func:`translate_parser` puts each text's translation in its
place. Argparse's own words ("usage: ", "options", its errors) come through its ``gettext``
names, which :func:`argparse_speaking` answers from context ``argparse`` (:data:`ARGPARSE_WORDS`).
An option's type check says its rule through :func:`argument_rule`. A text with no translation
stays English. The language is known before the arguments are read (:func:`language_of`:
``--home`` may choose where the settings are).
"""

from __future__ import annotations

import argparse
import contextlib
import gettext as standard_gettext
import os
from collections.abc import Iterator, Sequence

from mpesa_desktop.languages import ENGLISH, chosen_language, say, system_language, translations
from mpesa_desktop.messages import Message
from mpesa_desktop.paths import HOME_ENV, app_paths

HELP = "Help"
ARGPARSE = "argparse"
# Argparse's words a clerk meets (Python 3.11-3.13), as its source spells them.
ARGPARSE_WORDS = (
    "usage: ", "options", "positional arguments", "show this help message and exit",
    "%(prog)s: error: %(message)s\n", "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s", "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)", "invalid %(type)s value: %(value)r",
    "expected one argument", "expected at least one argument", "expected at most one argument",
    "not allowed with argument %s", "one of the arguments %s is required",
    "ambiguous option: %(option)s could match %(matches)s",
)
_reading_in = [ENGLISH]  # the language the arguments are being read in (argparse_speaking)


def language_of(argv: Sequence[str]) -> str:
    """The clerk's language for a command line ``argv`` (read before argparse reads it)."""
    home = os.environ.get(HOME_ENV)
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--home" and index + 1 < len(argv):
            home = argv[index + 1]
        elif word.startswith("--home="):
            home = word.split("=", 1)[1]
    return chosen_language(app_paths(home).config_dir) or system_language()


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every sub-command's parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from parsers(child)


def _texts_of(parser: argparse.ArgumentParser) -> Iterator[tuple[object, str]]:
    """(holder, attribute) of every help text of one parser."""
    yield parser, "description"
    yield parser, "epilog"
    for group in parser._action_groups:
        yield group, "title"
        yield group, "description"
    for action in parser._actions:
        yield action, "help"
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield choice, "help"


def help_texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every help text of ``parser`` and its sub-commands (for the translator)."""
    found = set()
    for each in parsers(parser):
        for holder, attribute in _texts_of(each):
            text = getattr(holder, attribute)
            if text and text != argparse.SUPPRESS and text not in ARGPARSE_WORDS:
                found.add(text)
    return found


def translate_parser(parser: argparse.ArgumentParser, language: str) -> None:
    """Put ``language``'s translation of every help text of ``parser`` in its place."""
    if language == ENGLISH:
        return
    known = translations(language)
    for each in parsers(parser):
        for holder, attribute in _texts_of(each):
            text = getattr(holder, attribute)
            if text and text != argparse.SUPPRESS:
                setattr(holder, attribute, known.get((HELP, text), text))


@contextlib.contextmanager
def argparse_speaking(language: str) -> Iterator[None]:
    """Argparse's own words in ``language`` while the arguments are read (its usage, help and
    errors); the standard library's again after."""
    known = translations(language) if language != ENGLISH else {}

    def gettext(text: str) -> str:
        return known.get((ARGPARSE, text), text)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    _reading_in.append(language)
    try:
        yield
    finally:
        _reading_in.pop()
        argparse._ = standard_gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = standard_gettext.ngettext  # type: ignore[attr-defined]


def argument_rule(rule: Message) -> str:
    """An option's ``rule`` (an ``ArgumentTypeError``'s text, which argparse keeps only as
    plain text) in the language the arguments are being read in."""
    return say(rule, _reading_in[-1])
