"""The operation sub-commands' arguments, generated from the catalogue.

As Electrum builds a sub-command from each ``@command`` declaration and qutebrowser deduces a
command's arguments from its registered function, each :class:`~mpesa_desktop.catalogue.Operation`
gives one sub-command (``command``, ``summary``) whose options are its declared ``options``; the
help of each is written from the field's rule (kind, bounds, choices, default, optional) and the
option's note. Secret fields never become options. The options every operation of a kind shares
(``COMMON``) are declared once here, each with the test saying which operations take it: payouts
are confirmed (``--yes``...), operations that ask about another row take ``--reference``.

Field options are stored as ``field_<name>`` (``fields_from``); a common option under its own
name (``args.retry_of``). ``option_for`` names the option behind a field in error messages.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mpesa_desktop.catalogue import FieldKind, FieldRule, Key, Operation, by_command
from mpesa_desktop.cli.help_language import argument_rule
from mpesa_desktop.errors import BugError
from mpesa_desktop.messages import message

DEFAULT_WAIT = 60.0
FIELD_PREFIX = "field_"
# Operations answered at once with an image: the acknowledgement's key holding it (base64 PNG).


def positive_seconds(text: str) -> float:
    """``--timeout``: a finite number of seconds above 0 (argparse names the option)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(argument_rule(message(
            "must be a number of seconds above 0, like 60 (got {got})", got=repr(text))))
    return seconds


def new_png_file(text: str) -> Path:
    """``--save``: a new ``.png`` file in an existing folder (nothing is overwritten)."""
    path = Path(text).expanduser()
    if path.suffix.lower() != ".png":
        raise argparse.ArgumentTypeError(argument_rule(message(
            "must be a file name ending in .png (got {got})", got=repr(text))))
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(argument_rule(message(
            "the folder {folder} does not exist", folder=repr(str(path.parent)))))
    if path.exists():
        raise argparse.ArgumentTypeError(argument_rule(message(
            "{name} already exists: choose a new name (nothing is overwritten)",
            name=repr(text))))
    return path


@dataclass(frozen=True)
class Common:
    """An option shared by the operation sub-commands ``applies`` accepts. ``metavar`` None
    makes an on/off switch; ``field`` is the services' name for its value in their errors."""

    flag: str
    help: str
    applies: Callable[[Operation], bool]
    metavar: str | None = None
    field: str | None = None
    type: Callable[[str], Any] | None = None
    default: Any = None


def _every(_declared: Operation) -> bool:
    return True


def _payout(declared: Operation) -> bool:
    return declared.is_payout


def _repeatable(declared: Operation) -> bool:
    # A payout keyed by its parties and amount can be repeated by mistake; a reversal, keyed
    # by the receipt it reverses, cannot.
    return declared.is_payout and declared.key is Key.PAYMENT


def _asks_about_another(declared: Operation) -> bool:
    return declared.asks_about_another


def _answers_with_image(declared: Operation) -> bool:
    return declared.image_answer is not None


COMMON = (
    Common("--reference", "take the ids from this row of the log", _asks_about_another,
           metavar="REF"),
    Common("--yes", "send without asking (needed when stdin is not a terminal)", _payout),
    Common("--confirm-amount", "the amount typed again, when the profile asks for it", _payout,
           metavar="AMOUNT", field="confirmed_amount"),
    Common("--retry-of", "send again a rejected or failed transaction of the log", _payout,
           metavar="REF", field="retry_of"),
    Common("--allow-repeat", "pay again a payout identical to one completed within the "
           "profile's repeat window", _repeatable),
    Common("--save", "write the QR code to this new PNG file", _answers_with_image,
           metavar="FILE.png", type=new_png_file),
    Common("--wait", "wait for the final result", _every),
    Common("--timeout", f"how long --wait waits, in seconds (default {DEFAULT_WAIT:g})", _every,
           metavar="SECONDS", type=positive_seconds, default=DEFAULT_WAIT),
    Common("--json", "print the result as JSON", _every),
)


def _length(rule: FieldRule) -> str:
    low, high = rule.min_len or 0, rule.max_len
    if low > 1 and high:
        return f"{low} to {high} characters"
    if high:
        return f"up to {high} characters"
    return f"at least {low} characters" if low > 1 else "one line"


def _amount(rule: FieldRule) -> str:
    low, high = rule.min_amount or 1, rule.max_amount
    if high:
        return f"whole shillings, {low:,} to {high:,}"
    return f"whole shillings, at least {low:,}" if low > 1 else "whole shillings"


_KIND_HELP: dict[FieldKind, Callable[[FieldRule], str]] = {
    FieldKind.AMOUNT: _amount,
    FieldKind.MSISDN: lambda _rule: "a Kenyan mobile number, e.g. 0712345678",
    FieldKind.SHORTCODE: lambda _rule: "5 to 9 digits",
    FieldKind.PARTY: lambda _rule: "5 to 9 digits (a phone number when the identifier type is 1)",
    FieldKind.URL: lambda _rule: "a web address, e.g. https://example.com/result",
    FieldKind.C2B_URL: lambda _rule: "a web address without the words Daraja refuses "
                                     "(mpesa, safaricom, query...)",
    FieldKind.TEXT: _length,
    FieldKind.ID: lambda rule: f"no spaces, {_length(rule)}",
    FieldKind.RECEIPT: lambda _rule: "a 10-character M-Pesa receipt, e.g. NLJ7RT61SV",
    FieldKind.TIME: lambda _rule: "a time, e.g. '2026-11-28 14:00:00' (East Africa), or a date",
    FieldKind.COUNT: lambda _rule: "a whole number from 0",
}


def rule_help(rule: FieldRule) -> str:
    """What a field's rule asks for, in a few words: ``whole shillings, 10 to 250,000``."""
    if rule.choices:
        return "one of " + ", ".join(rule.choices)
    return _KIND_HELP[rule.kind](rule)


def option_help(rule: FieldRule, note: str = "") -> str:
    """An option's help: the field's label and rule, optional or its default, and the note.

    ``Remarks: 2 to 100 characters``; ``Occasion: optional, up to 100 characters``;
    ``Payment type: one of BusinessPayment, SalaryPayment, PromotionPayment``.
    """
    optional = not rule.required and rule.default is None
    text = f"{rule.label}: {'optional, ' if optional else ''}{rule_help(rule)}"
    if rule.default is not None:
        text += f" (default {rule.default})"
    if note.startswith("("):
        return f"{text} {note}"
    return f"{text}; {note}" if note else text


def _metavar(flag: str) -> str:
    return flag.lstrip("-").upper().replace("-", "_")


def add_operation_parser(subparsers: argparse._SubParsersAction, declared: Operation
                         ) -> argparse.ArgumentParser:
    """The sub-command of one operation: its declared options, then the common ones it takes."""
    parser = subparsers.add_parser(declared.command, help=declared.summary,
                                   description=declared.summary)
    for option in declared.options:
        rule = declared.fields[option.field]
        if rule.secret:
            raise BugError(f"{declared.name}: the secret {option.field} cannot be an option")
        parser.add_argument(option.flag, dest=FIELD_PREFIX + option.field,
                            metavar=_metavar(option.flag), help=option_help(rule, option.note))
    for common in COMMON:
        if not common.applies(declared):
            continue
        if common.metavar is None:
            parser.add_argument(common.flag, action="store_true", help=common.help)
        else:
            parser.add_argument(common.flag, metavar=common.metavar, type=common.type,
                                default=common.default, help=common.help)
    return parser


def fields_from(args: argparse.Namespace) -> dict[str, Any]:
    """The operation's fields given on the command line (options left out are not there)."""
    return {name[len(FIELD_PREFIX):]: value for name, value in vars(args).items()
            if name.startswith(FIELD_PREFIX) and value is not None}


def option_for(args: argparse.Namespace, field: str) -> str:
    """The command-line option that sets ``field`` (the field name when there is none)."""
    declared = by_command(args.command)
    for option in declared.options:
        if option.field == field:
            return option.flag
    for common in COMMON:
        if common.field == field and common.applies(declared):
            return common.flag
    return field
