"""The command line's exit codes (DESIGN.md section 3.1), the one place they are decided.

0 done; 2 usage, validation or configuration error (nothing was sent; the message names the field
or setting); 3 Daraja refused or the transaction failed; 4 the server could not be reached
(nothing was sent); 5 the outcome is unknown (check the status before any retry).

An error's code comes from ``ERROR_CODES``, by its nearest class there (the errors themselves carry
no exit code: ``mpesa_desktop.errors`` draws their tree). A ``TransportError`` whose request may
have been delivered is the one case an attribute decides: its outcome is unknown (5).
"""

from __future__ import annotations

from mpesa_desktop.config.errors import ConfigError
from mpesa_desktop.daraja.errors import ApiError, TransportError, ValidationError
from mpesa_desktop.errors import BugError, KnownError
from mpesa_desktop.ledger.statuses import LedgerError, LedgerUnavailable
from mpesa_desktop.services.bulk_file import BulkFileError
from mpesa_desktop.services.connection import Outcome
from mpesa_desktop.services.errors import DuplicateError, GuardError
from mpesa_desktop.team.roles import NotAllowed, SignInRefused

EXIT_OK, EXIT_USAGE, EXIT_FAILED, EXIT_UNREACHABLE, EXIT_UNKNOWN = 0, 2, 3, 4, 5

ERROR_CODES: dict[type[KnownError], int] = {
    ValidationError: EXIT_USAGE,
    ConfigError: EXIT_USAGE,  # a missing consumer key is a setting to fix: nothing was sent
    GuardError: EXIT_USAGE,
    DuplicateError: EXIT_USAGE,
    BulkFileError: EXIT_USAGE,
    LedgerError: EXIT_USAGE,  # e.g. --reference names no row, --retry-of a completed one
    NotAllowed: EXIT_USAGE,  # the user's role may not, or nobody signed in: nothing done
    SignInRefused: EXIT_USAGE,
    LedgerUnavailable: EXIT_UNREACHABLE,  # the team ledger's server: nothing was written
    ApiError: EXIT_FAILED,
    TransportError: EXIT_UNREACHABLE,  # CertificateError too: no secure connection was made
}


def code_for_error(error: KnownError) -> int:
    """The exit code of a command that ends with ``error``."""
    if isinstance(error, TransportError) and error.maybe_delivered:
        return EXIT_UNKNOWN
    for cls in type(error).__mro__:
        if cls in ERROR_CODES:
            return ERROR_CODES[cls]
    raise BugError(f"no exit code for {type(error).__name__}: add it to ERROR_CODES")


# What ``profile test`` exits with, by the connection test's outcome.
CONNECTION_CODES = {Outcome.CONNECTED: EXIT_OK, Outcome.INCOMPLETE: EXIT_USAGE,
                    Outcome.REFUSED: EXIT_FAILED, Outcome.UNREACHABLE: EXIT_UNREACHABLE}


def code_for_connection(outcome: Outcome) -> int:
    """The exit code of ``profile test``: 0 connected, 2 a secret or the address missing,
    3 the key and secret refused, 4 the server not reached."""
    return CONNECTION_CODES[outcome]


def code_for_status(status: str, *, waited: bool) -> int:
    """The exit code for a transaction's status: 0 done (or accepted, not waited for, or
    awaiting approval: nothing is sent before), 3 rejected, failed or declined, 5 outcome not
    known yet."""
    if status in ("rejected", "failed", "declined"):
        return EXIT_FAILED
    if status in ("completed", "awaiting_approval") or (status == "accepted" and not waited):
        return EXIT_OK
    return EXIT_UNKNOWN
