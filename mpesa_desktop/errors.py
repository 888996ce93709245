"""The one error tree of mpesa-desktop: every error the app raises on purpose is an AppError.

A ``KnownError`` is the clerk's business: ``str(error)`` is a sentence saying what happened and
what to do, and the faces show it without a traceback (the window through ``ui.errors.explain``,
the command line on stderr with an exit code). Anything else that escapes (a ``BugError``, or any
exception that is not an AppError) is a bug: the window shows the crash dialog, the command line
its traceback. Each layer declares its own errors in its own module, under the root here::

    AppError                    raised on purpose by mpesa-desktop
    +-- KnownError              the clerk's business: the message says what to do
    |   +-- DarajaError         daraja.errors: the Daraja client's (and the facade's) errors
    |   |   +-- ValidationError     fields break Daraja's rules (``errors``); nothing was sent
    |   |   +-- ApiError            Daraja refused (``http_status``, ``error_code``...)
    |   |   |   +-- AuthError           the consumer key and secret were refused
    |   |   +-- TransportError      not reached, or the answer lost (``maybe_delivered``)
    |   |       +-- CertificateError    the server's TLS certificate could not be verified
    |   +-- ConfigError         config.errors: a profile setting or the config file is wrong
    |   |   +-- MissingSecretError  a secret the operation needs is not stored
    |   +-- DuplicateError      services.errors: an identical payout is in flight or just paid
    |   +-- GuardError          services.errors: money disabled, a cap, the amount not retyped
    |   +-- BulkFileError       services.bulk_file: the bulk file cannot be paid as it is
    |   +-- NotAllowed          team.roles: the signed-in user's role may not (or nobody is)
    |   +-- SignInRefused       team.roles: a wrong password, a disabled or locked user
    |   +-- LedgerError         ledger.statuses: the transaction log refused
    |       +-- IllegalTransition   a status change the status machine does not allow
    |       +-- RetryRefused        a re-send that could pay twice
    |       +-- DuplicateRow        a payout identical to one in flight
    |       +-- RepeatRefused       ledger.repeats: identical to one completed a moment ago
    |       +-- UnknownReference    ledger.log_file: no transaction has this reference
    |       +-- NewerSchema         ledger.schema: the log was written by a newer mpesa-desktop
    |       +-- BadLedgerUrl        ledger.ledger_url: a team ledger's URL breaks a rule
    |       +-- LedgerUnavailable   the log's database (a team ledger's server) cannot be reached
    |       +-- CopyRefused         ledger.copy: a log that cannot be copied to a team ledger
    |       +-- ApprovalRefused     ledger.approvals: an approval or decline the rules refuse
    +-- BugError                the app caught itself in a state it must never reach

Not in the tree: ``daraja.amounts.AmountError``, a ValueError carrying a rule that its caller puts
under a field's name (a ValidationError, a form's message); and the errors of the programs that
run as servers of their own (the simulator's, the relay's settings and feed errors), which are
handled where they arise and never reach a clerk as such.

The errors carry no exit code and no wording for a window: the command line maps classes to exit
codes in one table (``cli.exit_codes``), the window words them in ``ui.errors``, and background
work reaches the window by one route with this policy (``ui.delivery``). This module is a leaf:
it imports nothing of the app, so every layer (Qt-free core included) can derive from it.
"""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """Base of every error mpesa-desktop raises on purpose."""


class KnownError(AppError):
    """An error the clerk can act on; ``str(error)`` says what happened and what to do.

    ``transaction`` is the log's row the error left behind (rejected, unknown...), when the
    submit pipeline had written one; None otherwise."""

    transaction: Any = None


class BugError(AppError):
    """The app found itself in a state it must never reach: a bug, reported as one."""
