"""Issue 17, the command line's messages: every sentence a command prints, asks or raises is a
``messages.message`` (so the .ts lists it and ``cli.speech`` says it in the clerk's language).

The check reads the command line's source: a literal with words passed to any call but the
ones that take no sentence for the clerk (argparse's declarations, logging, JSON, SQL, a bug's
message) fails it; an option's type check says its rule as a message too.
``test_i18n_catalogue`` then holds every template translated.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mpesa_desktop import cli, languages
from mpesa_desktop.cli.speech import agreed
from mpesa_desktop.messages import message

CLI_DIR = Path(cli.__file__).parent
# A word: two letters or more, once the program's name, options, KES and placeholders are out.
WORD = re.compile(r"[A-Za-z]{2,}")
NOT_WORDS = re.compile(r"mpesa-desktop|KES|--[a-z-]+|\{[^}]*\}|%\([a-z]+\)s|\\x[0-9a-f]{2}")
# Calls whose literals are not said to the clerk by a command: argparse's declarations (its
# help is translated from the parser itself: cli.help_language), names of attributes and keys,
# JSON, SQL, logging, audit actions, a programming error's text.
NOT_SAID = {
    "message", "add_argument", "add_parser", "add_subparsers", "add_argument_group",
    "add_mutually_exclusive_group", "ArgumentParser", "set_defaults",
    "getattr", "hasattr", "setattr", "get", "pop", "dumps", "execute", "add_audit_entry", "open",
    "Formatter", "BugError", "getLogger", "debug", "info", "warning", "exception", "environ",
    "startswith", "endswith", "split", "join", "replace", "strftime", "Path", "getenv",
    "isoformat", "Common",  # operation_args.Common: an option and its argparse help
}


def literal_text(node: ast.AST) -> str:
    """The literal text of ``node`` (a string, f-string, sum or choice of them), else ''."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(value) for value in node.values)
    if isinstance(node, ast.BinOp):
        return literal_text(node.left) + " " + literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return literal_text(node.body) + " " + literal_text(node.orelse)
    return ""


def callee(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None) or ""


def unsaid_sentences(source: str) -> list[str]:
    """``line: text`` of every sentence in ``source`` said to the clerk but not as a message."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and callee(node) not in NOT_SAID:
            for argument in [*node.args, *(keyword.value for keyword in node.keywords
                                           if keyword.arg not in ("file", "end", "sep"))]:
                text = literal_text(argument)
                if WORD.search(NOT_WORDS.sub("", text)):
                    found.append(f"{node.lineno}: {callee(node)}({text[:60]!r})")
    return found


@pytest.mark.parametrize("module", sorted(path.name for path in CLI_DIR.glob("*.py")))
def test_every_sentence_a_command_says_is_a_message(module):
    assert unsaid_sentences((CLI_DIR / module).read_text("utf-8")) == []


def test_the_check_finds_a_sentence_said_without_a_message():
    source = ("print(f'added {name} as {role}')\n"
              "raise ValueError('--limit: must be 1 or more')\n"
              "tell(args, message('added {name}', name=name))\n"
              "print(json.dumps({'added': name}))\n"
              "print(f'{name:<20} {role:<9}')\n")
    assert [line.split(":")[0] for line in unsaid_sentences(source)] == ["1", "2"]


def test_error_lines_and_yes_are_said_in_the_clerks_language():
    said = languages.say(message("error: {problem}", problem=message("Not sent.")),
                         languages.SWAHILI)
    assert not said.startswith("error") and "Not sent" not in said
    assert agreed("Y") and agreed(" yes ") and agreed("ndiyo")
    assert not agreed("n") and not agreed("") and not agreed("hapana")
