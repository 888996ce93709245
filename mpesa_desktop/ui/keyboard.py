"""Working the window by keyboard: mnemonics (Alt+letter) handed out so each is used once.

A form's labels and buttons get their mnemonics from ``with_mnemonics``: the first letter of a
word where it is free, else any free letter; the menu bar's letters (``MENU_LETTERS``) are never
used, so Alt+F, Alt+P and Alt+H always open the menus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QAbstractButton, QLabel

# The menu bar's mnemonics: &File, &Profile, &Help (ui.main_window, ui.help_menu).
MENU_LETTERS = frozenset("fph")


def plain(caption: str) -> str:
    """``caption`` without its mnemonic marker (a literal ``&&`` stays)."""
    return caption.replace("&&", "\0").replace("&", "").replace("\0", "&&")


def with_mnemonics(captions: Sequence[str], reserved: Iterable[str] = MENU_LETTERS) -> list[str]:
    """``captions`` each with one ``&`` before a letter no earlier caption took."""
    used = {letter.lower() for letter in reserved}
    marked = []
    for caption in captions:
        text = plain(caption)
        starts = [i for i, char in enumerate(text)
                  if char.isalpha() and (i == 0 or not text[i - 1].isalnum())]
        others = [i for i, char in enumerate(text) if char.isalpha() and i not in starts]
        chosen = next((i for i in (*starts, *others) if text[i].lower() not in used), None)
        if chosen is None:
            marked.append(text)
            continue
        used.add(text[chosen].lower())
        marked.append(f"{text[:chosen]}&{text[chosen:]}")
    return marked


def give_mnemonics(widgets: Sequence[QLabel | QAbstractButton]) -> None:
    """Set each widget's text to carry a mnemonic unique among ``widgets``."""
    for widget, caption in zip(widgets, with_mnemonics([w.text() for w in widgets]), strict=True):
        widget.setText(caption)
