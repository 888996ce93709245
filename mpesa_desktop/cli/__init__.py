"""The ``mpesa-desktop`` command line (DESIGN.md section 3.1).

Each group of commands lives in its own module with a ``register(subparsers)`` function that adds
its sub-commands; each sub-command sets ``func(args) -> int`` (the exit code). With no command the
main window opens on the active profile.

Exit codes (decided in one place, ``exit_codes``, from the error's class): 0 done, 2 usage,
validation or configuration error, 3 Daraja refused or the transaction failed, 4 could not reach
the server, 5 outcome unknown (check status before any retry).

``args.language`` is the language the clerk chose in the window's settings, else the system's
(``languages``, known before the arguments are read): every sentence a command says
(``speech``) and the help (``help_language``) are printed in it, read from the window's own
.ts without Qt. The JSON outputs and the data stay as they are.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence

from mpesa_desktop import __version__
from mpesa_desktop.app_log import start_app_log
from mpesa_desktop.cli import (
    bulk_cmd,
    ledger_cmd,
    operations_cmd,
    profile_cmd,
    reconcile_cmd,
    relay_cmd,
    simulator_cmd,
    team_cmd,
)
from mpesa_desktop.cli.help_language import (
    argparse_speaking,
    language_of,
    translate_parser,
)
from mpesa_desktop.paths import HOME_ENV, app_paths

# Commands that run a server of their own keep their own log (to the terminal).
SERVER_COMMANDS = {"simulator", "relay"}
COMMAND_MODULES = (simulator_cmd, relay_cmd, profile_cmd, operations_cmd, bulk_cmd, ledger_cmd,
                   reconcile_cmd, team_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mpesa-desktop",
        description="Back office for M-Pesa Daraja: payouts, refunds, balances, STK push, "
        "status checks and the transaction log. With no command, opens the main window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=os.environ.get(HOME_ENV),
        help=f"keep all config and data under DIR (also ${HOME_ENV})",
    )
    parser.add_argument("--profile", metavar="NAME", help="use this profile for one command")
    parser.add_argument("--user", metavar="NAME",
                        help="work as this user of the log (password from a hidden prompt, or "
                        "$MPESA_DESKTOP_USER_PASSWORD)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    language = language_of(argv)
    with argparse_speaking(language):
        parser = build_parser()
        translate_parser(parser, language)
        args = parser.parse_args(argv)
    if args.home:
        os.environ[HOME_ENV] = str(args.home)
    args.language = language
    if args.command in SERVER_COMMANDS:
        # Started from a background job, a server inherits an ignored SIGINT and could then only
        # be killed; Ctrl+C (or a supervisor's SIGINT) must stop it cleanly.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    else:
        start_app_log(app_paths())
    if args.command is None:
        from mpesa_desktop.ui.app import run_gui

        return run_gui(args)
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``mpesa-desktop log --json | head``): stop quietly. Point stdout
        # at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
