"""One sub-command per operation of the catalogue (``mpesa-desktop b2c``, ``tax``, ``qr``...):
one operation through the same services as the GUI (DESIGN.md section 3.1). The sub-commands,
their options and help are generated from the declarations (``cli.operation_args``).

Options left out come from the active (or ``--profile``) profile's defaults. Secrets come from the
keyring, never from the command line. Before money moves the command asks for confirmation when
standard input is a terminal; otherwise ``--yes`` is required. Amounts above the profile's retype
threshold must be typed again (prompted, or ``--confirm-amount``). An operation answered with an
image (Dynamic QR) writes it to the file named by ``--save``. A payout identical to one completed
within the profile's repeat window is refused (exit 2) unless ``--allow-repeat`` says it is a
deliberate second payment.

``--wait`` waits (with the poller) for the final result; ``--json`` prints the transaction as
JSON. Exit codes (``cli.exit_codes``): 0 done, 2 usage, validation or configuration error, 3
refused or failed, 4 could not reach the server, 5 outcome unknown (check status before any retry).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from mpesa_desktop.catalogue import OPERATIONS
from mpesa_desktop.cli.operation_args import add_operation_parser


def register(subparsers: argparse._SubParsersAction) -> None:
    """One sub-command per operation of the catalogue (``operation_args``)."""
    for declared in OPERATIONS.values():
        parser = add_operation_parser(subparsers, declared)
        parser.set_defaults(func=_command(declared.name.value))


def _command(operation: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from mpesa_desktop.cli.operations_run import run_operation  # the services load here

        return run_operation(args, operation)

    return run
