"""The clerk's yes before a command moves money: ``--yes``, or an answer typed at a terminal.

Without a terminal nothing is asked and the answer is no (scripts pass ``--yes``). The
sentence to confirm goes to stderr, after a LIVE banner on a production profile; the command's
own words in the clerk's language (``languages.say``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from mpesa_desktop.languages import say
from mpesa_desktop.messages import message

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices


UNCONFIRMED = message("Not sent.")  # what a command says when the clerk did not confirm


def confirmed(services: AppServices, args: argparse.Namespace, description: str,
              ask: Callable[[], str]) -> bool:
    """True when ``--yes`` was given or ``ask()`` (the clerk's answer) says y or yes."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print("error: " + say(message("money moves only after confirmation: add --yes (stdin is "
                                      "not a terminal)"), args.language), file=sys.stderr)
        return False
    banner = say(message("LIVE - real money. "), args.language) if services.profile.is_live \
        else ""
    print(f"{banner}{description}", file=sys.stderr)
    return ask().lower() in ("y", "yes")
