"""``mpesa-desktop b2c / b2b / balance / reversal / status / stk / stk-query / c2b-register /
c2b-simulate``: one operation through the same services as the GUI (DESIGN.md section 3.1).

Options left out come from the active (or ``--profile``) profile's defaults. Secrets come from the
keyring, never from the command line. Before money moves the command asks for confirmation when
standard input is a terminal; otherwise ``--yes`` is required. Amounts above the profile's retype
threshold must be typed again (prompted, or ``--confirm-amount``). A payout identical to one
completed within the profile's repeat window is refused (exit 2) unless ``--allow-repeat`` says it
is a deliberate second payment.

``--wait`` waits (with the poller) for the final result; ``--json`` prints the transaction as
JSON. Exit codes: 0 done, 2 usage or validation error, 3 refused or failed, 4 could not reach the
server, 5 outcome unknown (check status before any retry).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from mpesa_desktop.cli.confirmation import confirmed
from mpesa_desktop.config.guard import PAYOUT_OPERATIONS, needs_retype
from mpesa_desktop.daraja.errors import DarajaError
from mpesa_desktop.daraja.limits import amount_in_words, format_kes
from mpesa_desktop.ledger import LedgerError
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.review import REPEATABLE_PAYOUTS

DEFAULT_WAIT = 60.0
EXIT_OK, EXIT_USAGE, EXIT_FAILED, EXIT_UNKNOWN = 0, 2, 3, 5

# command -> (operation, help, [(option, field, help)])
Option = tuple[str, str, str]
COMMANDS: dict[str, tuple[str, str, list[Option]]] = {
    "b2c": ("b2c", "pay a customer (B2C)", [
        ("--phone", "party_b", "customer's phone, e.g. 0712345678"),
        ("--amount", "amount", "whole shillings, 10 to 250,000"),
        ("--remarks", "remarks", "2 to 100 characters"),
        ("--command-id", "command_id", "BusinessPayment, SalaryPayment or PromotionPayment"),
        ("--occasion", "occasion", "optional, up to 100 characters"),
        ("--party-a", "party_a", "paying B2C shortcode (default: the profile's)"),
    ]),
    "b2b": ("b2b", "pay a business (B2B)", [
        ("--party-b", "party_b", "receiving paybill or till"),
        ("--amount", "amount", "whole shillings"),
        ("--account-ref", "account_reference", "account number (required for a paybill)"),
        ("--remarks", "remarks", "up to 100 characters"),
        ("--command-id", "command_id", "BusinessPayBill, BusinessBuyGoods or BusinessPayToBulk"),
        ("--requester", "requester", "optional phone of the customer paid for"),
        ("--occasion", "occasion", "optional, up to 100 characters"),
        ("--party-a", "party_a", "paying shortcode (default: the profile's)"),
    ]),
    "balance": ("account_balance", "ask for the account balances", [
        ("--party-a", "party_a", "shortcode (default: the profile's)"),
        ("--identifier-type", "identifier_type", "4 shortcode (default), 2 till, 1 phone"),
        ("--remarks", "remarks", "up to 100 characters"),
    ]),
    "reversal": ("reversal", "refund a customer payment (reversal)", [
        ("--receipt", "transaction_id", "M-Pesa receipt of the payment to reverse"),
        ("--amount", "amount", "whole shillings"),
        ("--remarks", "remarks", "2 to 100 characters"),
        ("--occasion", "occasion", "optional, up to 100 characters"),
        ("--receiver-party", "receiver_party", "your shortcode (default: the profile's)"),
    ]),
    "status": ("transaction_status", "ask what happened to a transaction", [
        ("--receipt", "transaction_id", "M-Pesa receipt"),
        ("--originator-id", "original_conversation_id", "OriginatorConversationID"),
        ("--party-a", "party_a", "shortcode (default: the profile's)"),
        ("--identifier-type", "identifier_type", "4 shortcode (default), 2 till, 1 phone"),
        ("--remarks", "remarks", "up to 100 characters"),
        ("--occasion", "occasion", "optional, up to 100 characters"),
    ]),
    "stk": ("stk_push", "ask a customer to pay (STK push)", [
        ("--phone", "phone_number", "customer's phone, e.g. 0712345678"),
        ("--amount", "amount", "whole shillings, 1 to 250,000"),
        ("--account-ref", "account_reference", "up to 12 characters, shown to the customer"),
        ("--description", "transaction_desc", "up to 13 characters (default Payment)"),
        ("--transaction-type", "transaction_type",
         "CustomerPayBillOnline (default) or CustomerBuyGoodsOnline"),
        ("--party-b", "party_b", "receiving shortcode, or the till for buy goods"),
        ("--shortcode", "business_shortcode", "STK shortcode (default: the profile's)"),
    ]),
    "stk-query": ("stk_query", "ask how an STK push ended", [
        ("--checkout-id", "checkout_request_id", "CheckoutRequestID of the push"),
        ("--shortcode", "business_shortcode", "STK shortcode (default: the profile's)"),
    ]),
    "c2b-register": ("c2b_register", "register the C2B confirmation and validation URLs", [
        ("--shortcode", "shortcode", "your shortcode (default: the profile's)"),
        ("--response-type", "response_type", "Completed (default) or Cancelled"),
        ("--confirmation-url", "confirmation_url", "default: the relay's"),
        ("--validation-url", "validation_url", "default: the relay's"),
        ("--version", "version", "v2 (default) or v1"),
    ]),
    "c2b-simulate": ("c2b_simulate", "simulate a customer payment (sandbox and offline)", [
        ("--shortcode", "shortcode", "paybill or till (default: the profile's)"),
        ("--amount", "amount", "whole shillings"),
        ("--phone", "msisdn", "paying phone (default: the profile's test number)"),
        ("--bill-ref", "bill_ref_number", "account number, up to 20 characters"),
        ("--command-id", "command_id", "CustomerPayBillOnline (default) or CustomerBuyGoodsOnline"),
    ]),
}
# Operations that need the clerk's confirmation before they are sent.
CONFIRMED = PAYOUT_OPERATIONS
# Operations that can look up their ids from a row of the log (``--reference``).
BY_REFERENCE = {"transaction_status", "stk_query"}


def register(subparsers: argparse._SubParsersAction) -> None:
    for command, (operation, help_text, options) in COMMANDS.items():
        parser = subparsers.add_parser(command, help=help_text, description=help_text)
        for option, field, option_help in options:
            parser.add_argument(option, dest=f"field_{field}", help=option_help,
                                metavar=option.lstrip("-").upper().replace("-", "_"))
        if operation in BY_REFERENCE:
            parser.add_argument("--reference", metavar="REF",
                                help="take the ids from this row of the log")
        if operation in CONFIRMED:
            parser.add_argument("--yes", action="store_true",
                                help="send without asking (needed when stdin is not a terminal)")
            parser.add_argument("--confirm-amount", metavar="AMOUNT",
                                help="the amount typed again, when the profile asks for it")
            parser.add_argument("--retry-of", metavar="REF",
                                help="send again a rejected or failed transaction of the log")
        if operation in REPEATABLE_PAYOUTS:
            parser.add_argument("--allow-repeat", action="store_true",
                                help="pay even though an identical payment completed within the "
                                "profile's repeat window (a deliberate second payment)")
        parser.add_argument("--wait", action="store_true", help="wait for the final result")
        parser.add_argument("--timeout", type=float, default=DEFAULT_WAIT, metavar="SECONDS",
                            help=f"how long --wait waits (default {DEFAULT_WAIT:g})")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.set_defaults(func=_command(operation))


def _command(operation: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return run_operation(args, operation)

    return run


def fields_from(args: argparse.Namespace) -> dict[str, Any]:
    return {name[len("field_"):]: value for name, value in vars(args).items()
            if name.startswith("field_") and value is not None}


def run_operation(args: argparse.Namespace, operation: str) -> int:
    """Open the services on the profile, run the operation, close; the exit code."""
    try:
        services = AppServices.open(app_paths(args.home), args.profile)
    except DarajaError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return asyncio.run(_run(services, args, operation))


async def _run(services: AppServices, args: argparse.Namespace, operation: str) -> int:
    try:
        return await _submit_and_report(services, args, operation)
    except (DarajaError, LedgerError) as error:
        _report_error(error, args)
        return getattr(error, "exit_code", EXIT_USAGE)
    finally:
        await services.aclose()


async def _submit_and_report(services: AppServices, args: argparse.Namespace,
                             operation: str) -> int:
    fields = fields_from(args)
    if getattr(args, "reference", None):
        fields = {**await _fields_of_row(services, args.reference, operation), **fields}
    values = services.check(operation, fields)  # ValidationError (exit 2) before any question
    confirmed_amount = getattr(args, "confirm_amount", None)
    if operation in CONFIRMED:
        if not confirmed(services, args, describe(operation, values),
                         lambda: input("Send it? [y/N] ").strip()):
            print("Not sent.", file=sys.stderr)
            return EXIT_USAGE
        amount = values.get("amount")
        if confirmed_amount is None and needs_retype(services.profile, operation, amount):
            confirmed_amount = _ask_retype()
    transaction = await services.submit(operation, fields, confirmed_amount=confirmed_amount,
                                        retry_of=getattr(args, "retry_of", None),
                                        allow_repeat=getattr(args, "allow_repeat", False))
    if args.wait:
        transaction = await services.wait_final(transaction.reference, args.timeout)
    _print_transaction(transaction, args)
    return exit_code_for(transaction.status, waited=args.wait)


def exit_code_for(status: str, *, waited: bool) -> int:
    """0 when done (or accepted without waiting), 3 refused/failed, 5 outcome not known yet."""
    if status in ("rejected", "failed"):
        return EXIT_FAILED
    if status == "completed" or (status == "accepted" and not waited):
        return EXIT_OK
    return EXIT_UNKNOWN


async def _fields_of_row(services: AppServices, reference: str, operation: str) -> dict:
    row = await services.run_blocking(services.ledger.get, reference)
    if row is None:
        raise LedgerError(f"no transaction with reference {reference} in the log")
    if operation == "stk_query":
        if not row.checkout_request_id:
            raise LedgerError(f"{reference} has no CheckoutRequestID (is it an STK push?)")
        return {"checkout_request_id": row.checkout_request_id}
    found: dict[str, Any] = {"party_a": row.party_a} if row.operation != "stk_push" else {}
    if row.receipt:
        found["transaction_id"] = row.receipt
    elif row.originator_conversation_id:
        found["original_conversation_id"] = row.originator_conversation_id
    else:
        raise LedgerError(f"{reference} has neither a receipt nor an OriginatorConversationID")
    return found


def describe(operation: str, values: dict[str, Any]) -> str:
    """The sentence the clerk confirms: amount in figures and words, recipient, purpose."""
    amount = values.get("amount")
    money = f"{format_kes(amount)} ({amount_in_words(amount)})" if amount else "?"
    if operation == "b2c":
        target = f"to phone {values['party_b']}"
    elif operation == "reversal":
        target = f"back to the payer of receipt {values['transaction_id']}"
    else:
        target = f"to business {values['party_b']}"
        if values.get("account_reference"):
            target += f", account {values['account_reference']}"
    return f"Send {money} {target}, for: {values.get('remarks')}"


def _ask_retype() -> str | None:
    if not sys.stdin.isatty():
        return None  # the services refuse with a message naming --confirm-amount's field
    return input("Type the amount again to confirm: ").strip()


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
        parts.append(f"receipt {transaction.receipt}")
    print(", ".join(parts))
    if transaction.result_desc:
        print(transaction.result_desc)
    if transaction.status == "unknown" or (args.wait and not transaction.is_final):
        print("The outcome is not known yet: check its status before any retry "
              f"(mpesa-desktop status --reference {transaction.reference}).")


def option_for(args: argparse.Namespace, field: str) -> str:
    """The command-line option that sets ``field`` (the field name when there is none)."""
    for option, option_field, _help in COMMANDS[args.command][2]:
        if option_field == field:
            return option
    return {"confirmed_amount": "--confirm-amount", "retry_of": "--retry-of"}.get(field, field)


def _report_error(error: Exception, args: argparse.Namespace) -> None:
    transaction = getattr(error, "transaction", None)
    if args.json:
        data: dict[str, Any] = {"error": str(error), "exit_code": getattr(error, "exit_code", 2)}
        fields = getattr(error, "errors", None)
        if fields:
            data["fields"] = fields
        if transaction is not None:
            data["transaction"] = transaction_dict(transaction)
        print(json.dumps(data, indent=2, default=str))
    print(f"error: {error}", file=sys.stderr)
    for field, rule in (getattr(error, "errors", None) or {}).items():
        print(f"  {option_for(args, field)}: {rule}", file=sys.stderr)
    if transaction is not None:
        print(f"logged as {transaction.reference} ({transaction.status})", file=sys.stderr)
