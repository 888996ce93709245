"""Running ``mpesa-desktop bulk`` (its options and help are in ``bulk_cmd``): check the file,
open the services, confirm, send, wait and report, as ``bulk_cmd``'s docstring describes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from mpesa_desktop.cli.confirmation import UNCONFIRMED, confirmed
from mpesa_desktop.cli.exit_codes import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNKNOWN,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    code_for_error,
)
from mpesa_desktop.cli.signing_in import sign_in_services
from mpesa_desktop.daraja.amounts import read_amount
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.errors import KnownError
from mpesa_desktop.kenya import EAT, amount_in_words, format_kes
from mpesa_desktop.languages import say
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.bulk import (
    NOT_SENT,
    REFUSED,
    RESENT,
    SENT,
    SKIPPED,
    BulkPayout,
    RowOutcome,
)
from mpesa_desktop.services.bulk_file import EXPECTED_HEADER, read_bulk_file
from mpesa_desktop.team.roles import Right

# The actions reported as the rows go out (skipped ones are reported before the question).
SENDING = (SENT, RESENT, REFUSED)


def run_bulk(args: argparse.Namespace) -> int:
    """Check the file, open the services, confirm, send, (wait,) report; the exit code."""
    try:
        bulk_file = read_bulk_file(args.file)
        services = AppServices.open(app_paths(args.home), args.profile)
    except KnownError as error:
        _report_error(error, args)
        return code_for_error(error)
    try:
        return asyncio.run(_run(services, bulk_file, args))
    except KeyboardInterrupt:
        print("\n" + say(message(
            "Interrupted. A row being sent may have gone out: its outcome is unknown. Run the "
            "same file again to send the rest; rows already sent are never sent again."),
            args.language), file=sys.stderr)
        return EXIT_UNKNOWN


async def _run(services: AppServices, bulk_file: Any, args: argparse.Namespace) -> int:
    try:
        await sign_in_services(args, services)
        services.require(Right.SUBMIT)
        bulk = await BulkPayout.prepare(services, bulk_file)
        for outcome in bulk.skipped:
            _progress(outcome)
        if bulk.payees == 0:
            print(say(message("Nothing to send: all {count} rows were sent by an earlier run.",
                              count=len(bulk.outcomes)), args.language), file=sys.stderr)
        else:
            _print_repeats(bulk)
            if bulk.repeats and args.yes and not args.allow_repeats:
                return _refuse_repeats(bulk, args)
            if not _confirm(services, bulk, args):
                print(say(UNCONFIRMED, args.language), file=sys.stderr)
                return EXIT_USAGE
            confirmed_total = _confirmed_total(bulk, args)
            if args.wait:
                await services.start_poller()  # results are settled while rows go out
            # The rows listed as repeats were allowed (--allow-repeats) or confirmed at the
            # question naming them: they go as deliberate repeats, and no other row does.
            await bulk.send(rate=args.rate, confirmed_total=confirmed_total,
                            allow_repeats=args.allow_repeats or not args.yes,
                            on_row=lambda o: _progress(o) if o.action in SENDING else None)
            if bulk.stopped:
                print(say(bulk.stopped, args.language), file=sys.stderr)
                print(say(message("The rows after it were not sent; run the same file again to "
                                  "send them."), args.language), file=sys.stderr)
        if args.wait:
            await bulk.wait(args.timeout)
        code = exit_code(bulk, waited=args.wait)
        _print_summary(bulk, args, code)
        return code
    except KnownError as error:
        _report_error(error, args)
        return code_for_error(error)
    finally:
        await services.aclose()


def exit_code(bulk: BulkPayout, *, waited: bool) -> int:
    """5 when some outcome is unknown (or still open after ``--wait``); else, when the run
    stopped on an error before any row went out, that error's code (as for a single payment);
    else 4 when it stopped because the server could not be reached; else 3 when some row was
    refused, rejected or failed (or left unsent); else 0."""
    statuses = {outcome.status for outcome in bulk.outcomes}
    open_statuses = {"sending", "unknown", "timed_out"} | ({"accepted"} if waited else set())
    stopped = code_for_error(bulk.stop_error) if bulk.stop_error is not None else EXIT_OK
    if statuses & open_statuses or stopped == EXIT_UNKNOWN:
        return EXIT_UNKNOWN
    if stopped != EXIT_OK and not any(o.action in (SENT, RESENT) for o in bulk.outcomes):
        return stopped
    if stopped == EXIT_UNREACHABLE:
        return EXIT_UNREACHABLE
    if statuses & {"rejected", "failed", REFUSED, NOT_SENT}:
        return EXIT_FAILED
    return EXIT_OK


def describe(services: AppServices, bulk: BulkPayout) -> str:
    """The sentence the clerk confirms: payees, total in figures and words, profile."""
    count = bulk.payees
    noun = "payee" if count == 1 else "payees"
    profile = services.profile
    return (f"Pay {count} {noun} a total of {format_kes(bulk.total)} "
            f"({amount_in_words(bulk.total)}) from profile '{profile.name}' "
            f"({profile.environment}).")


def _confirm(services: AppServices, bulk: BulkPayout, args: argparse.Namespace) -> bool:
    repeats = len(bulk.repeats)
    also = f", {repeats} of them again (see the warnings above)" if repeats else ""
    return confirmed(services, args, describe(services, bulk),
                     lambda: _ask(f"Send {bulk.payees} payments{also}? [y/N] "))


def _ask(question: str) -> str:
    """The clerk's answer; the question goes to stderr so ``--json`` output stays clean."""
    print(question, end="", file=sys.stderr, flush=True)
    return input().strip()


def _print_repeats(bulk: BulkPayout) -> None:
    for outcome, earlier in bulk.repeats:
        at = earlier.created_at.astimezone(EAT).isoformat(timespec="minutes")
        print(f"row {outcome.row}: warning: {outcome.phone} was already paid "
              f"{format_kes(outcome.amount)} at {at} ({earlier.reference}, {earlier.status})",
              file=sys.stderr)


def _refuse_repeats(bulk: BulkPayout, args: argparse.Namespace) -> int:
    count = len(bulk.repeats)
    message = (f"{count} {'row repeats' if count == 1 else 'rows repeat'} a payment made in the "
               "last 48 hours; nothing was sent. Check them (mpesa-desktop log), then run again "
               "with --allow-repeats to pay them anyway.")
    if args.json:
        print(json.dumps({"error": message, "exit_code": EXIT_USAGE, "repeats": [
            {"row": outcome.row, "earlier_reference": earlier.reference,
             "earlier_status": earlier.status} for outcome, earlier in bulk.repeats]}, indent=2))
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _confirmed_total(bulk: BulkPayout, args: argparse.Namespace) -> int | None:
    """The total typed again (``--confirm-total`` or a prompt) when the profile asks for it."""
    text = args.confirm_total
    if text is None and bulk.needs_retyped_total and sys.stdin.isatty():
        text = _ask("Type the total again to confirm: ")
    if text is None:
        if bulk.needs_retyped_total:
            raise ValidationError({"confirmed_total": "some amounts are above the profile's "
                                   "retype threshold: type the file's total again"})
        return None
    try:
        return read_amount(text)
    except ValueError as error:
        raise ValidationError({"confirmed_total": str(error)}) from None


def _progress(outcome: RowOutcome) -> None:
    print(f"row {outcome.row}: {_line(outcome)}", file=sys.stderr)


def _line(outcome: RowOutcome) -> str:
    money = f"{format_kes(outcome.amount)} to {outcome.phone}"
    if outcome.action == SKIPPED:
        run = f" (run {outcome.sent_by_run})" if outcome.sent_by_run else ""
        return (f"skipped, {money} was sent by an earlier run{run} at {outcome.sent_at}: "
                f"{outcome.status} ({outcome.reference})")
    if outcome.reference is None:
        return f"{outcome.action}, {money}: {outcome.message or outcome.status}"
    return f"{outcome.action}, {money}: {outcome.status} ({outcome.reference})"


COLUMNS = ("row", "name", "phone", "amount", "action", "status", "reference", "receipt")


def _cells(outcome: RowOutcome) -> list[str]:
    return [str(outcome.row), outcome.name, outcome.phone, format_kes(outcome.amount),
            outcome.action, outcome.status, outcome.reference or "", outcome.receipt or ""]


def _print_summary(bulk: BulkPayout, args: argparse.Namespace, code: int) -> None:
    outcomes = bulk.outcomes
    if args.json:
        print(json.dumps({
            "file": str(bulk.file.path), "run_id": bulk.run_id, "payees": len(outcomes),
            "sent": bulk.payees, "total": bulk.total, "stopped": bulk.stopped,
            "exit_code": code, "rows": [outcome.as_dict() for outcome in outcomes],
        }, indent=2, default=str))
        return
    columns = [c for c in COLUMNS if c != "name" or any(o.name for o in outcomes)]
    table = [[cell for column, cell in zip(COLUMNS, _cells(o), strict=True) if column in columns]
             for o in outcomes]
    widths = [max(len(row[i]) for row in [columns, *table]) for i in range(len(columns))]
    for row in [columns, *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
              .rstrip())
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    done = ", ".join(f"{count} {status}" for status, count in counts.items())
    paid = sum(o.amount for o in outcomes if o.status == "completed")
    print(f"{len(outcomes)} rows: {done}." + (f" Paid: {format_kes(paid)}." if paid else ""))
    for outcome in outcomes:
        if outcome.message and outcome.status in ("refused", "rejected", "failed"):
            print(f"row {outcome.row}: {outcome.message}")
    if code == EXIT_UNKNOWN:
        print("Some outcomes are not known yet: check their status before any retry "
              "(mpesa-desktop status --reference REF); running this file again never "
              "re-sends them.")


def _report_error(error: KnownError, args: argparse.Namespace) -> None:
    problems = getattr(error, "problems", None) or []
    fields = getattr(error, "errors", None) or {}
    if args.json:
        data: dict[str, Any] = {"error": str(error), "exit_code": code_for_error(error)}
        if problems:
            data["problems"] = [{"row": p.row, "column": p.column, "message": p.message}
                                for p in problems]
        if fields:
            data["fields"] = fields
        print(json.dumps(data, indent=2))
    language = args.language
    print(f"error: {say(said(error), language)}", file=sys.stderr)
    for problem in problems:
        print(f"  {say(problem.where(), language)}: {say(problem.message, language)}",
              file=sys.stderr)
    for field, rule in fields.items():
        option = "--confirm-total" if field == "confirmed_total" else field
        print(f"  {option}: {say(rule, language)}", file=sys.stderr)
    if any(problem.row == 1 for problem in problems):
        print(say(message("The header is {header} (see mpesa-desktop bulk --help).",
                          header=EXPECTED_HEADER), language), file=sys.stderr)
    if any(problem.row > 1 for problem in problems):
        print(say(message("Row numbers are the spreadsheet's: the header is row 1."), language),
              file=sys.stderr)
