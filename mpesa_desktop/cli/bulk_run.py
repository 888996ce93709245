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
from mpesa_desktop.cli.speech import ask, fail, tell
from mpesa_desktop.daraja.amounts import read_amount
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.errors import KnownError
from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.languages import amount_in_words, say
from mpesa_desktop.messages import Message, message, said
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
        tell(args, "", error=True)
        tell(args, message(
            "Interrupted. A row being sent may have gone out: its outcome is unknown. Run the "
            "same file again to send the rest; rows already sent are never sent again."),
            error=True)
        return EXIT_UNKNOWN


async def _run(services: AppServices, bulk_file: Any, args: argparse.Namespace) -> int:
    try:
        await sign_in_services(args, services)
        services.require(Right.SUBMIT)
        bulk = await BulkPayout.prepare(services, bulk_file)
        for outcome in bulk.skipped:
            _progress(outcome, args)
        if bulk.payees == 0:
            tell(args, message("Nothing to send: all {count} rows were sent by an earlier run.",
                               count=len(bulk.outcomes)), error=True)
        else:
            _print_repeats(bulk, args)
            if bulk.repeats and args.yes and not args.allow_repeats:
                return _refuse_repeats(bulk, args)
            if not _confirm(services, bulk, args):
                tell(args, UNCONFIRMED, error=True)
                return EXIT_USAGE
            confirmed_total = _confirmed_total(bulk, args)
            if args.wait:
                await services.start_poller()  # results are settled while rows go out
            # The rows listed as repeats were allowed (--allow-repeats) or confirmed at the
            # question naming them: they go as deliberate repeats, and no other row does.
            await bulk.send(rate=args.rate, confirmed_total=confirmed_total,
                            allow_repeats=args.allow_repeats or not args.yes,
                            on_row=lambda o: _progress(o, args) if o.action in SENDING
                            else None)
            if bulk.stopped:
                tell(args, bulk.stopped, error=True)
                tell(args, message("The rows after it were not sent; run the same file again to "
                                   "send them."), error=True)
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


def describe(services: AppServices, bulk: BulkPayout, language: str) -> Message:
    """The sentence the clerk confirms: payees, total in figures and words (in ``language``),
    profile."""
    profile = services.profile
    values = {"count": bulk.payees, "total": format_kes(bulk.total),
              "words": amount_in_words(bulk.total, language),
              "profile": profile.name, "environment": profile.environment}
    if bulk.payees == 1:
        return message("Pay {count} payee a total of {total} ({words}) from profile "
                       "'{profile}' ({environment}).", **values)
    return message("Pay {count} payees a total of {total} ({words}) from profile "
                   "'{profile}' ({environment}).", **values)


def _confirm(services: AppServices, bulk: BulkPayout, args: argparse.Namespace) -> bool:
    repeats = len(bulk.repeats)
    if repeats:
        question = message("Send {count} payments, {repeats} of them again (see the warnings "
                           "above)? [y/N] ", count=bulk.payees, repeats=repeats)
    else:
        question = message("Send {count} payments? [y/N] ", count=bulk.payees)
    return confirmed(services, args, describe(services, bulk, args.language), question)


def _print_repeats(bulk: BulkPayout, args: argparse.Namespace) -> None:
    for outcome, earlier in bulk.repeats:
        at = earlier.created_at.astimezone(EAT).isoformat(timespec="minutes")
        tell(args, message("row {row}: warning: {phone} was already paid {amount} at {when} "
                           "({reference}, {status})", row=outcome.row, phone=outcome.phone,
                           amount=format_kes(outcome.amount), when=at,
                           reference=earlier.reference, status=earlier.status), error=True)


def _refuse_repeats(bulk: BulkPayout, args: argparse.Namespace) -> int:
    count = len(bulk.repeats)
    if count == 1:
        refusal = message("{count} row repeats a payment made in the last 48 hours; nothing was "
                          "sent. Check them (mpesa-desktop log), then run again with "
                          "--allow-repeats to pay them anyway.", count=count)
    else:
        refusal = message("{count} rows repeat a payment made in the last 48 hours; nothing was "
                          "sent. Check them (mpesa-desktop log), then run again with "
                          "--allow-repeats to pay them anyway.", count=count)
    if args.json:
        print(json.dumps({"error": refusal, "exit_code": EXIT_USAGE, "repeats": [
            {"row": outcome.row, "earlier_reference": earlier.reference,
             "earlier_status": earlier.status} for outcome, earlier in bulk.repeats]}, indent=2))
    fail(args, refusal)
    return EXIT_USAGE


def _confirmed_total(bulk: BulkPayout, args: argparse.Namespace) -> int | None:
    """The total typed again (``--confirm-total`` or a prompt) when the profile asks for it."""
    text = args.confirm_total
    if text is None and bulk.needs_retyped_total and sys.stdin.isatty():
        text = ask(args, message("Type the total again to confirm: "))
    if text is None:
        if bulk.needs_retyped_total:
            raise ValidationError({"confirmed_total": message(
                "some amounts are above the profile's retype threshold: type the file's total "
                "again")})
        return None
    try:
        return read_amount(text)
    except ValueError as error:
        raise ValidationError({"confirmed_total": said(error)}) from None


def _progress(outcome: RowOutcome, args: argparse.Namespace) -> None:
    tell(args, message("row {row}: {line}", row=outcome.row, line=_line(outcome)), error=True)


def _line(outcome: RowOutcome) -> Message:
    money = message("{amount} to {phone}", amount=format_kes(outcome.amount),
                    phone=outcome.phone)
    if outcome.action == SKIPPED:
        if outcome.sent_by_run:
            return message("skipped, {money} was sent by an earlier run (run {run}) at {when}: "
                           "{status} ({reference})", money=money, run=outcome.sent_by_run,
                           when=outcome.sent_at, status=outcome.status,
                           reference=outcome.reference)
        return message("skipped, {money} was sent by an earlier run at {when}: {status} "
                       "({reference})", money=money, when=outcome.sent_at,
                       status=outcome.status, reference=outcome.reference)
    if outcome.reference is None:
        return message("{action}, {money}: {reason}", action=outcome.action, money=money,
                       reason=outcome.message or outcome.status)
    return message("{action}, {money}: {status} ({reference})", action=outcome.action,
                   money=money, status=outcome.status, reference=outcome.reference)


COLUMNS = ("row", "name", "phone", "amount", "action", "status", "reference", "receipt")
# The summary's headings, said in the clerk's language (the JSON keeps COLUMNS' names).
HEADINGS = {"row": message("row"), "name": message("name"), "phone": message("phone"),
            "amount": message("amount"), "action": message("action"),
            "status": message("status"), "reference": message("reference"),
            "receipt": message("receipt")}


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
    headings = [say(HEADINGS[column], args.language) for column in columns]
    table = [[cell for column, cell in zip(COLUMNS, _cells(o), strict=True) if column in columns]
             for o in outcomes]
    widths = [max(len(row[i]) for row in [headings, *table]) for i in range(len(columns))]
    for row in [headings, *table]:
        tell(args, "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             .rstrip())
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    done = ", ".join(f"{count} {status}" for status, count in counts.items())
    paid = sum(o.amount for o in outcomes if o.status == "completed")
    if paid:
        tell(args, message("{count} rows: {statuses}. Paid: {paid}.", count=len(outcomes),
                           statuses=done, paid=format_kes(paid)))
    else:
        tell(args, message("{count} rows: {statuses}.", count=len(outcomes), statuses=done))
    for outcome in outcomes:
        if outcome.message and outcome.status in ("refused", "rejected", "failed"):
            tell(args, message("row {row}: {line}", row=outcome.row, line=outcome.message))
    if code == EXIT_UNKNOWN:
        tell(args, message("Some outcomes are not known yet: check their status before any retry "
                           "(mpesa-desktop status --reference REF); running this file again "
                           "never re-sends them."))


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
    fail(args, said(error))
    for problem in problems:
        tell(args, f"  {say(problem.where(), language)}: {say(problem.message, language)}",
             error=True)
    for field, rule in fields.items():
        option = "--confirm-total" if field == "confirmed_total" else field
        tell(args, f"  {option}: {say(rule, language)}", error=True)
    if any(problem.row == 1 for problem in problems):
        tell(args, message("The header is {header} (see mpesa-desktop bulk --help).",
                           header=EXPECTED_HEADER), error=True)
    if any(problem.row > 1 for problem in problems):
        tell(args, message("Row numbers are the spreadsheet's: the header is row 1."),
             error=True)
