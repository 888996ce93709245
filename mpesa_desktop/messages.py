"""Sentences the Qt-free core says, declared once as templates so each face says them in its
language.

``message("Exported {rows} rows to {path}", rows="12", path=target)`` is the English sentence (a
``str``: the command line, the logs and an exception's text use it as it is) that remembers its
template and its values. The window translates the template and fills the values again
(``ui.i18n.core_text``); a value that is itself a ``Message`` is translated too. A template is
always a literal in the call, so ``ui.i18n_sources`` finds every one in the core's source and
lists it for the translator (context ``Core``). An error raised with a ``Message`` keeps it
(``said(error)``), so a sentence passed on from an exception is translated too. No Qt here.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """An English sentence made from ``template`` and ``values`` (see the module docstring)."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, values: dict[str, Any]) -> Message:
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template, text.values = template, values
        return text

    def __reduce__(self) -> tuple[type[Message], tuple[str, dict[str, Any]]]:
        return Message, (self.template, self.values)


def message(template: str, **values: Any) -> Message:
    """``template`` with its ``{placeholders}`` filled from ``values`` (a literal template)."""
    return Message(template, values)


def joined(parts: list[str], separator: str = "; ") -> Message:
    """``parts`` joined by ``separator`` (a list of sentences: each is said in the language of
    the sentence it goes into; the separator is not a word to translate)."""
    names = [f"part{index}" for index in range(len(parts))]
    return Message(separator.join("{" + name + "}" for name in names),
                   dict(zip(names, parts, strict=True)))


def said(error: BaseException) -> str:
    """What ``error`` says: the ``Message`` it was raised with, else its text."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Message) else str(error)
