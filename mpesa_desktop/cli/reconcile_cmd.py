"""``mpesa-desktop reconcile FILE | --pull --from D --to D [--json] [--out report.csv]``: the log
of the profile (``--profile``, else the active one) against M-Pesa's own record (DESIGN.md 3.6).

FILE is the Org Portal's statement export (CSV or XLSX, ``reconcile.statement``); ``--pull``
asks Pull Transactions for the range instead (money in only, the last 48 hours on Daraja).
``--from``/``--to`` are days (``--to`` included) or times, East Africa Time; with FILE they set
the period searched for rows in the log only (default: the statement's own span). Open rows
M-Pesa completed are settled from the record, unless ``--no-settle``.

Prints the count of each category and the rows to look at (``--json``: all of it as JSON);
``--out`` writes every verdict as CSV. Exit codes: 0 done (whatever was found), 2 a bad option or
a statement that cannot be read without guessing (the message names its line and column), and
for ``--pull`` the request's codes (3 refused, 4 unreachable, 5 outcome unknown).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reconcile", help="compare the log with M-Pesa's statement or Pull Transactions",
        description=__doc__.split("\n\n")[1])
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="the Org Portal's statement export (.csv or .xlsx)")
    parser.add_argument("--pull", action="store_true",
                        help="ask Pull Transactions (online) instead of reading a file")
    parser.add_argument("--from", dest="date_from", metavar="D",
                        help="first day or time (EAT); required with --pull")
    parser.add_argument("--to", dest="date_to", metavar="D",
                        help="last day (included) or time (EAT); required with --pull")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write every verdict as CSV")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--no-settle", action="store_true",
                        help="report only: leave open rows as they are")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from mpesa_desktop.cli.reconcile_run import cmd_reconcile  # the ledger and reader load here

    return cmd_reconcile(args)
