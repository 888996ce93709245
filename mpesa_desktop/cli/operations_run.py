"""Running one operation's sub-command (generated in ``operations_cmd``): open the services,
check, confirm, submit, (wait,) report, as ``operations_cmd``'s docstring describes.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from mpesa_desktop.catalogue import operation as declaration
from mpesa_desktop.cli.confirmation import UNCONFIRMED, confirmed
from mpesa_desktop.cli.exit_codes import EXIT_FAILED, EXIT_USAGE, code_for_error, code_for_status
from mpesa_desktop.cli.operation_args import (
    fields_from,
    option_for,
)
from mpesa_desktop.cli.signing_in import sign_in_services
from mpesa_desktop.cli.speech import ask, fail, tell
from mpesa_desktop.config.guard import needs_retype
from mpesa_desktop.errors import KnownError
from mpesa_desktop.kenya import format_kes
from mpesa_desktop.languages import amount_in_words, say
from mpesa_desktop.ledger import LedgerError
from mpesa_desktop.messages import Message, message, said
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.answer_image import answer_image


def run_operation(args: argparse.Namespace, operation: str) -> int:
    """Open the services on the profile, run the operation, close; the exit code."""
    try:
        services = AppServices.open(app_paths(args.home), args.profile)
    except KnownError as error:
        _report_error(error, args)
        return code_for_error(error)
    return asyncio.run(_run(services, args, operation))


async def _run(services: AppServices, args: argparse.Namespace, operation: str) -> int:
    try:
        await sign_in_services(args, services)
        return await _submit_and_report(services, args, operation)
    except KnownError as error:
        _report_error(error, args)
        return code_for_error(error)
    finally:
        await services.aclose()


async def _submit_and_report(services: AppServices, args: argparse.Namespace,
                             operation: str) -> int:
    fields = fields_from(args)
    if getattr(args, "reference", None):
        fields = {**await _fields_of_row(services, args.reference, operation), **fields}
    values = services.check(operation, fields)  # ValidationError (exit 2) before any question
    confirmed_amount = getattr(args, "confirm_amount", None)
    if declaration(operation).is_payout:
        if not confirmed(services, args, describe(operation, values, args.language),
                         message("Send it? [y/N] ")):
            tell(args, UNCONFIRMED, error=True)
            return EXIT_USAGE
        amount = values.get("amount")
        if confirmed_amount is None and needs_retype(services.profile, operation, amount):
            confirmed_amount = _ask_retype(args)
    transaction = await services.submit(operation, fields, confirmed_amount=confirmed_amount,
                                        retry_of=getattr(args, "retry_of", None),
                                        allow_repeat=getattr(args, "allow_repeat", False))
    if args.wait:
        transaction = await services.wait_final(transaction.reference, args.timeout)
    _print_transaction(transaction, args)
    if getattr(args, "save", None) and not await _save_image(services, transaction, args):
        return EXIT_FAILED
    return code_for_status(transaction.status, waited=args.wait)


async def _save_image(services: AppServices, transaction: Any,
                      args: argparse.Namespace) -> bool:
    """Write the picture of the answer (Dynamic QR's PNG) to ``--save``; say where."""
    image = await services.run_blocking(answer_image, services.ledger, transaction.reference)
    path: Path = args.save
    if not image:
        key = declaration(transaction.operation).image_answer
        fail(args, message("the answer holds no {key} image (base64): nothing written to {path}",
                           key=key, path=path))
        return False
    try:
        with path.open("xb") as file:  # never over a file made since the options were read
            file.write(image)
    except OSError as error:
        fail(args, message("could not write {path}: {reason}", path=path,
                           reason=error.strerror or error))
        return False
    tell(args, message("QR code saved to {path} ({count} bytes)", path=path,
                       count=f"{len(image):,}"), error=args.json)
    return True


async def _fields_of_row(services: AppServices, reference: str, operation: str) -> dict:
    row = await services.run_blocking(services.ledger.get, reference)
    if row is None:
        raise LedgerError(message("no transaction with reference {reference} in the log",
                                  reference=reference))
    if operation == "stk_query":
        if not row.checkout_request_id:
            raise LedgerError(message("{reference} has no CheckoutRequestID (is it an STK "
                                      "push?)", reference=reference))
        return {"checkout_request_id": row.checkout_request_id}
    found: dict[str, Any] = {"party_a": row.party_a} if row.operation != "stk_push" else {}
    if row.receipt:
        found["transaction_id"] = row.receipt
    elif row.originator_conversation_id:
        found["original_conversation_id"] = row.originator_conversation_id
    else:
        raise LedgerError(message("{reference} has neither a receipt nor an "
                                  "OriginatorConversationID", reference=reference))
    return found


def describe(operation: str, values: dict[str, Any], language: str) -> Message:
    """The sentence the clerk confirms: amount in figures and words (in ``language``),
    recipient, purpose."""
    amount = values.get("amount")
    money = f"{format_kes(amount)} ({amount_in_words(amount, language)})" if amount else "?"
    recipient = declaration(operation).recipient
    if recipient:
        return message("Send {money} {recipient}, for: {remarks}", money=money,
                       recipient=recipient(values), remarks=values.get("remarks"))
    return message("Send {money}, for: {remarks}", money=money, remarks=values.get("remarks"))


def _ask_retype(args: argparse.Namespace) -> str | None:
    if not sys.stdin.isatty():
        return None  # the services refuse with a message naming --confirm-amount's field
    return ask(args, message("Type the amount again to confirm: "))


def transaction_dict(transaction: Any) -> dict[str, Any]:
    """A ledger row as JSON-ready data."""
    data = dataclasses.asdict(transaction)
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = value.isoformat()
    return data


def _print_transaction(transaction: Any, args: argparse.Namespace) -> None:
    if args.json:
        print(json.dumps(transaction_dict(transaction), indent=2, default=str))
        return
    parts = [f"{transaction.operation} {transaction.reference}: {transaction.status}"]
    if transaction.amount is not None:
        parts.append(format_kes(transaction.amount))
    if transaction.receipt:
        parts.append(say(message("receipt {receipt}", receipt=transaction.receipt),
                         args.language))
    tell(args, ", ".join(parts))
    if transaction.result_desc:
        tell(args, transaction.result_desc)  # Daraja's own words
    if transaction.status == "unknown" or (args.wait and not transaction.is_final):
        tell(args, message("The outcome is not known yet: check its status before any retry "
                           "(mpesa-desktop status --reference {reference}).",
                           reference=transaction.reference))


def _report_error(error: KnownError, args: argparse.Namespace) -> None:
    transaction = getattr(error, "transaction", None)
    if args.json:
        data: dict[str, Any] = {"error": str(error), "exit_code": code_for_error(error)}
        fields = getattr(error, "errors", None)
        if fields:
            data["fields"] = fields
        if transaction is not None:
            data["transaction"] = transaction_dict(transaction)
        print(json.dumps(data, indent=2, default=str))
    fail(args, said(error))
    for field, rule in (getattr(error, "errors", None) or {}).items():
        tell(args, f"  {option_for(args, field)}: {say(rule, args.language)}", error=True)
    if transaction is not None:
        tell(args, message("logged as {reference} ({status})", reference=transaction.reference,
                           status=transaction.status), error=True)
