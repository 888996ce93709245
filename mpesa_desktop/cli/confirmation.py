"""The clerk's yes before a command moves money: ``--yes``, or an answer typed at a terminal.

Without a terminal nothing is asked and the answer is no (scripts pass ``--yes``). The
sentence to confirm goes to stderr, after a LIVE banner on a production profile, then the
question (``cli.speech.ask``); all in the clerk's language, and y, yes or ndiyo is a yes.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mpesa_desktop.cli.speech import agreed, ask, fail, tell
from mpesa_desktop.messages import Message, message

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices


UNCONFIRMED = message("Not sent.")  # what a command says when the clerk did not confirm


def confirmed(services: AppServices, args: argparse.Namespace, description: Message,
              question: Message) -> bool:
    """True when ``--yes`` was given or the clerk answers ``question`` with a yes."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        fail(args, message("money moves only after confirmation: add --yes (stdin is not a "
                           "terminal)"))
        return False
    if services.profile.is_live:
        tell(args, message("LIVE - real money. "), error=True, end="")
    tell(args, description, error=True)
    return agreed(ask(args, question))
