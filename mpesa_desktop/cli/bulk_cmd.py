"""``mpesa-desktop bulk FILE [--rate N] [--wait] [--json]``: pay every row of a CSV file (B2C
payouts) with the rules of a single payment (DESIGN.md section 3.1).

The file's header is ``phone,amount,remarks[,occasion][,command_id][,name]`` (common spellings
accepted; ``services.bulk_file`` documents it). The whole file is checked first: any bad row and
nothing is sent, and every bad row and column is listed with its spreadsheet row number. Then
the clerk confirms the number of payees and the total, in figures and words (a prompt when
standard input is a terminal, else ``--yes``); totals with an amount above the profile's retype
threshold must be typed again (prompted, or ``--confirm-total``). Rows go out one after the
other, at most ``--rate`` a second. Running the same file again never pays anyone twice: rows an
earlier run sent are skipped (and said so); only rejected, failed and unsent rows are sent. Rows
whose phone was paid the same amount in the last 48 hours (e.g. a file edited after a partial
run) are shown as warnings before the question; with ``--yes`` they refuse the file unless
``--allow-repeats`` is given.

``--wait`` waits for every row's final status; ``--json`` prints the outcome of every row as
JSON. Exit codes (``cli.exit_codes``): 0 all done, 2 bad file, not confirmed, or a setting
missing (nothing sent), 3 some row refused, rejected or failed, 4 the server could not be reached
(the run stopped), 5 some outcome unknown (check its status before any retry). A run stopped
before any row went out exits as a single payment stopped by the same error would.
"""

from __future__ import annotations

import argparse

from mpesa_desktop.cli.help_language import argument_rule
from mpesa_desktop.cli.operation_args import positive_seconds
from mpesa_desktop.messages import message
from mpesa_desktop.services.bulk_file import EXPECTED_HEADER

DEFAULT_RATE = 1.0
MAX_RATE = 50.0
DEFAULT_WAIT = 300.0


FILE_HELP = f"""\
FILE is a CSV (UTF-8; Excel's "CSV UTF-8" is fine; commas, or semicolons or tabs throughout),
one payee a row, header first:
  {EXPECTED_HEADER}
  phone       0712345678, +254 712 345 678 or 254712345678 (also: phone number, msisdn, mobile)
  amount      whole shillings, 10 to 250,000: 1500, "1,500", 1 500, KES 1500, 1500.00 or
              1500/= (also: amount (KES), ksh). Never a decimal comma (1500,00), a dot
              between thousands (1.500), cents, an exponent, nor a comma in a file
              separated by semicolons: the whole file is refused
  remarks     2 to 100 characters (also: description, narration, reason)
  occasion    optional, up to 100 characters
  command_id  optional: BusinessPayment (default), SalaryPayment or PromotionPayment
  name        optional, not sent: shown in the summary
  national_id optional, not sent (also: ID number, ID no)
Row numbers in messages are the spreadsheet's (the header is row 1). Any bad row and nothing
is sent. Running the same file again never pays anyone twice: rows already sent are skipped;
only rejected, failed and unsent rows are sent.

exit codes: 0 all done, 2 bad file, not confirmed or a setting missing (nothing sent), 3 some
row refused, rejected or failed, 4 server unreachable (run stopped), 5 some outcome unknown."""


def _rate(text: str) -> float:
    try:
        rate = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            argument_rule(message("must be a number of requests a second"))) from None
    if not 0 < rate <= MAX_RATE:
        raise argparse.ArgumentTypeError(argument_rule(message(
            "must be above 0 and at most {high}", high=f"{MAX_RATE:g}")))
    return rate


def register(subparsers: argparse._SubParsersAction) -> None:
    help_text = "pay every row of a CSV file (B2C payouts)"
    parser = subparsers.add_parser(
        "bulk", help=help_text, description=help_text, epilog=FILE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", metavar="FILE", help="the CSV file of payees")
    parser.add_argument("--rate", type=_rate, default=DEFAULT_RATE, metavar="N",
                        help=f"send at most N requests a second (default {DEFAULT_RATE:g})")
    parser.add_argument("--yes", action="store_true",
                        help="send without asking (needed when stdin is not a terminal)")
    parser.add_argument("--allow-repeats", action="store_true",
                        help="with --yes: pay rows whose phone was paid the same amount in the "
                        "last 48 hours")
    parser.add_argument("--confirm-total", metavar="AMOUNT",
                        help="the file's total typed again, when the profile asks for it")
    parser.add_argument("--wait", action="store_true", help="wait for every row's final result")
    parser.add_argument("--timeout", type=positive_seconds, default=DEFAULT_WAIT, metavar="SECONDS",
                        help=f"how long --wait waits in all (default {DEFAULT_WAIT:g})")
    parser.add_argument("--json", action="store_true", help="print every row's outcome as JSON")
    parser.set_defaults(func=_run_bulk)


def _run_bulk(args: argparse.Namespace) -> int:
    from mpesa_desktop.cli.bulk_run import run_bulk  # the services load when a file is paid

    return run_bulk(args)
