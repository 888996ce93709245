"""Working the window by keyboard: mnemonics (Alt+letter) handed out so each is used once.

A form's labels and buttons get their mnemonics from ``with_mnemonics``: the first letter of a
word where it is free, else any free letter or digit; the menu bar's letters (``MENU_LETTERS``)
are never used, so Alt+F, Alt+P and Alt+H always open the menus. In a dialog with more fields
than letters, the last ones share a letter; Qt then moves the focus round the fields that share
it, one press at a time. A date or time field whose Tab key must leave it (Qt's walks its
sections, and can trap the focus there) is made with ``TabLeaves`` first among its bases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

# The menu bar's mnemonics in every language: &File, &Profile, &Help (ui.main_window,
# ui.help_menu) and in Swahili &Faili, &Wasifu, &Msaada (resources/i18n).
MENU_LETTERS = frozenset("fphwm")
# Ctrl+digit jumps to the window's tabs, first to tenth.
JUMP_DIGITS = "1234567890"


class TabLeaves:
    """Mixin for a ``QAbstractSpinBox`` (a date or time field): Tab and Shift+Tab go to the next
    or previous control; its day, month, year or hour are reached with the arrow keys."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        assert isinstance(self, QWidget)
        return QWidget.focusNextPrevChild(self, forward)


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
        digits = [i for i, char in enumerate(text) if char.isdigit()]  # when letters run out
        chosen = next((i for i in (*starts, *others, *digits) if text[i].lower() not in used),
                      None)
        if chosen is None:  # every letter taken: share one (never the menus')
            chosen = next((i for i in (*starts, *others) if text[i].lower() not in MENU_LETTERS),
                          None)
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


def give_dialog_mnemonics(dialog: QWidget) -> None:
    """Mnemonics for a dialog: its buttons first, then the label of every control that takes
    the focus (Alt+letter then puts the cursor in that control)."""
    buttons = [button for button in dialog.findChildren(QAbstractButton) if button.text()]
    labels = [label for label in dialog.findChildren(QLabel)
              if label.buddy() is not None and label.text()
              and label.buddy().focusPolicy() & Qt.FocusPolicy.TabFocus]
    give_mnemonics([*buttons, *labels])


def jump_key(index: int) -> QKeySequence | None:
    """The key that shows the window's tab at ``index`` (from 0): Ctrl+1 ... Ctrl+9, Ctrl+0;
    None past the tenth tab."""
    if index >= len(JUMP_DIGITS):
        return None
    return QKeySequence(f"Ctrl+{JUMP_DIGITS[index]}")
