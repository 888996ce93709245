"""What the command line says to the clerk, in the clerk's language.

Every sentence a command prints (or asks, or raises for its handler to print) is a
``messages.message`` with a literal template: ``python -m mpesa_desktop.ui.i18n_sources`` lists
it for the translator (context ``Core``) and :func:`tell` says it in ``args.language`` through
``languages.say``. Data stay as they are: names, references, amounts, paths, JSON, a table's
cells. ``tests/test_cli_speech.py`` fails on a sentence printed any other way. The help and
argparse's own words are translated from the parser itself (``help_language``).
"""

from __future__ import annotations

import argparse
import sys

from mpesa_desktop.languages import say
from mpesa_desktop.messages import Message, message

# The answers that mean yes to a confirmation, in either language ("n" is never one of them:
# it is "no" in English).
YES = ("y", "yes", "ndiyo")


def tell(args: argparse.Namespace, text: str, *, error: bool = False, end: str = "\n") -> None:
    """Print ``text`` (a ``Message``, or data) in the clerk's language: on stderr when
    ``error``."""
    print(say(text, args.language), end=end, file=sys.stderr if error else sys.stdout,
          flush=error)


def fail(args: argparse.Namespace, problem: str) -> None:
    """``error: PROBLEM`` on stderr, both in the clerk's language."""
    tell(args, message("error: {problem}", problem=problem), error=True)


def ask(args: argparse.Namespace, question: Message) -> str:
    """The clerk's answer, typed at the terminal, to ``question`` (asked on stderr)."""
    tell(args, question, error=True, end="")
    return input().strip()


def agreed(answer: str) -> bool:
    """True when the clerk answered yes."""
    return answer.strip().lower() in YES
