"""``mpesa-desktop log / export / demo-data / paths / resolve``: the transaction log from the
command line.

The log used is the one of ``--profile NAME``, else of the active profile. ``resolve REF --status
completed|failed --reason TEXT [--receipt R]`` settles an ``unknown`` payout by hand
(``services.resolve``; exit 2, nothing changed, without a reason or for a row that cannot be).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mpesa_desktop.cli.signing_in import open_ledger
from mpesa_desktop.cli.speech import tell
from mpesa_desktop.config import ConfigError, ConfigStore, Profile
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.languages import say
from mpesa_desktop.ledger.statuses import LedgerError
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import AppPaths, app_paths
from mpesa_desktop.team.roles import NotAllowed, Right, SignInRefused, require

# Each command imports the ledger's parts it uses when it runs (``paths`` needs none of them).
if TYPE_CHECKING:
    from mpesa_desktop.ledger import Filters, Transaction

USAGE_ERROR = 2
DEMO_PROFILE = "offline"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds ``log``, ``export``, ``demo-data``, ``paths``, ``resolve`` and ``ledger copy``."""
    log = subparsers.add_parser("log", help="list the transaction log, newest first")
    _add_filter_options(log)
    log.add_argument("--limit", type=int, default=50, metavar="N", help="rows to show (50)")
    log.add_argument("--json", action="store_true", help="print JSON")
    log.set_defaults(func=_guarded(cmd_log))

    export = subparsers.add_parser("export", help="write the transaction log as CSV")
    export.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    _add_filter_options(export)
    export.add_argument(
        "--columns", metavar="A,B,..", help="columns to write, in order (default: all)"
    )
    export.add_argument("--excel", action="store_true", help="start with a BOM for Excel")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(func=_guarded(cmd_export))

    demo_data = subparsers.add_parser(
        "demo-data", help="fill the offline profile's log with realistic synthetic history"
    )
    demo_data.add_argument("--rows", type=int, required=True, metavar="N")
    demo_data.add_argument("--months", type=int, default=6, metavar="M", help="history span (6)")
    demo_data.add_argument("--seed", type=int, help="repeatable data")
    demo_data.set_defaults(func=_guarded(cmd_demo_data))

    paths = subparsers.add_parser(
        "paths", help="show where the config, the data and each profile's log live"
    )
    paths.add_argument("--json", action="store_true", help="print JSON")
    paths.set_defaults(func=_guarded(cmd_paths))

    resolve = subparsers.add_parser(
        "resolve", help="settle a payout whose outcome is unknown by hand, with a reason",
        description="Settle a payout whose outcome is unknown, after checking it elsewhere (the "
        "M-Pesa portal or statement, the customer). The reason is kept in its history.")
    resolve.add_argument("reference", metavar="REF", help="the row's reference")
    resolve.add_argument("--status", metavar="completed|failed",
                         help="what happened to it (required)")
    resolve.add_argument("--reason", metavar="TEXT", help="why: what you checked (required)")
    resolve.add_argument("--receipt", metavar="R", help="its M-Pesa receipt, when completed")
    resolve.add_argument("--json", action="store_true", help="print the row as JSON")
    resolve.set_defaults(func=_guarded(cmd_resolve))

    ledger = subparsers.add_parser("ledger", help="move a profile's log to a team ledger")
    actions = ledger.add_subparsers(dest="ledger_action", required=True, metavar="ACTION")
    copy = actions.add_parser(
        "copy", help="copy the profile's own log into a team's PostgreSQL ledger",
        description="Copy the profile's own SQLite log into a team's PostgreSQL ledger (run it "
        "again to go on after an interruption), then check each table by its row count and a "
        "checksum. The password comes from the keyring's ledger_password or "
        "MPESA_DESKTOP_<PROFILE>_LEDGER_PASSWORD.")
    copy.add_argument("--to", required=True, metavar="URL",
                      help="postgresql://user@host:port/dbname")
    copy.set_defaults(func=_guarded(cmd_ledger_copy))


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--from", dest="date_from", metavar="DATE", help="from this day (EAT)")
    group.add_argument("--to", dest="date_to", metavar="DATE", help="up to this day, included")
    group.add_argument("--status", metavar="S[,S..]", help="one or more statuses")
    group.add_argument("--operation", metavar="OP[,OP..]", help="one or more operations")
    group.add_argument("--phone", metavar="MSISDN", help="07.., +2547.. or 2547..")
    group.add_argument("--receipt", metavar="CODE", help="M-Pesa receipt")
    group.add_argument("--min-amount", type=int, metavar="KES")
    group.add_argument("--max-amount", type=int, metavar="KES")
    group.add_argument("--text", metavar="WORDS",
                       help="part of remarks, parties, account reference, receipt or name, or "
                       "the start of our reference, any case (at least 3 characters)")


def _guarded(command):
    """Turns the errors a clerk can fix into a message on stderr and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (ValueError, LedgerError, ConfigError, NotAllowed, SignInRefused) as error:
            tell(args, message("mpesa-desktop: {problem}", problem=said(error)), error=True)
            return USAGE_ERROR

    return run


def _paths(args: argparse.Namespace) -> AppPaths:
    return app_paths(getattr(args, "home", None))


def _profile(args: argparse.Namespace, paths: AppPaths) -> Profile:
    store = ConfigStore(paths)
    if args.profile:
        return store.get(args.profile)
    return store.active


def _date(option: str, text: str | None) -> date | datetime | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(message("{option}: must be a date like 2026-11-28 (got {got})",
                                 option=option, got=repr(text))) from None


def filters_from(args: argparse.Namespace) -> Filters:
    """The log filters given on the command line (checked: bad ones raise ValueError)."""
    from mpesa_desktop.ledger import Filters
    from mpesa_desktop.ledger.queries import MIN_INDEXED_TEXT
    from mpesa_desktop.ledger.statuses import check_status

    if args.status:
        for name in args.status.split(","):
            try:
                check_status(name.strip())
            except ValueError as error:
                raise ValueError(message("{option}: {problem}", option="--status",
                                         problem=said(error))) from None
    if args.text and len(args.text.strip()) < MIN_INDEXED_TEXT:
        raise ValueError(message("--text: give at least {count} characters",
                                 count=MIN_INDEXED_TEXT))
    return Filters(
        date_from=_date("--from", args.date_from),
        date_to=_date("--to", args.date_to),
        operation=args.operation,
        status=args.status,
        phone=args.phone,
        receipt=args.receipt,
        amount_min=args.min_amount,
        amount_max=args.max_amount,
        text=args.text,
    )


def transaction_json(transaction: Transaction) -> dict[str, Any]:
    record = asdict(transaction)
    record["created_at"] = transaction.created_at.astimezone(EAT).isoformat(timespec="seconds")
    record["updated_at"] = transaction.updated_at.astimezone(EAT).isoformat(timespec="seconds")
    return record


def cmd_log(args: argparse.Namespace) -> int:
    filters = filters_from(args)
    if args.limit < 1:
        raise ValueError(message("--limit: must be 1 or more"))
    with open_ledger(args) as ledger:
        require(ledger.user, ledger.has_users, Right.READ)
        rows = ledger.query(filters, limit=args.limit)
        count, total = ledger.summary(filters)
    if args.json:
        print(json.dumps({"count": count, "total": total,
                          "transactions": [transaction_json(row) for row in rows]}, indent=2))
        return 0
    for row in rows:
        when = row.created_at.astimezone(EAT).strftime("%Y-%m-%d %H:%M")
        amount = "" if row.amount is None else format_kes(row.amount)
        who = row.phone or row.party_b or ""
        tell(args, f"{when}  {row.status:<9}  {row.operation:<18} {amount:>12}  {who:<12}  "
             f"{row.receipt or '':<10}  {row.reference}")
    if count > len(rows):
        tell(args, message("showing {shown} of {count}; total {total}", shown=f"{len(rows):,}",
                           count=f"{count:,}", total=format_kes(total)))
    else:
        tell(args, message("{count} rows; total {total}", count=f"{count:,}",
                           total=format_kes(total)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from mpesa_desktop.ledger.export import check_columns
    from mpesa_desktop.services.exports import (
        ExportError,
        TargetExists,
        export_log,
        finished_message,
    )

    filters = filters_from(args)
    columns = check_columns(args.columns)
    with open_ledger(args) as ledger:
        try:
            result = export_log(ledger, args.out, filters=filters, columns=columns,
                                excel=args.excel, replace=args.force)
        except TargetExists as error:
            raise ValueError(message("--out: {problem}; add --force to replace it",
                                     problem=said(error))) from None
        except ExportError as error:
            raise ValueError(message("{option}: {problem}", option="--out",
                                     problem=said(error))) from None
    tell(args, finished_message(result, args.out))
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from mpesa_desktop.ledger import demo

    if args.rows < 1:
        raise ValueError(message("--rows: must be 1 or more"))
    if args.months < 1:
        raise ValueError(message("--months: must be 1 or more"))
    paths = _paths(args)
    profile = ConfigStore(paths).get(args.profile or DEMO_PROFILE)
    if profile.kind != "offline":
        raise ValueError(message(
            "--profile: demo data only goes into an offline profile's log ('{profile}' is "
            "{kind})", profile=profile.name, kind=profile.kind))
    if profile.ledger:
        raise ValueError(message(
            "--profile: demo data is written into a profile's own file; '{profile}' keeps its "
            "log in a team ledger (make demo data in another profile, then copy it with "
            "mpesa-desktop ledger copy)", profile=profile.name))
    path = paths.ledger_file(profile.name)
    started = time.perf_counter()
    added = demo.generate(path, args.rows, profile=profile.name, months=args.months,
                          seed=args.seed)
    tell(args, message("added {count} rows to {path} in {seconds} s", count=f"{added:,}",
                       path=path, seconds=f"{time.perf_counter() - started:.1f}"))
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    paths = _paths(args)
    ledgers = {p.name: str(p.ledger or paths.ledger_file(p.name))
               for p in ConfigStore(paths).profiles()}
    places = {
        "config_dir": str(paths.config_dir),
        "config_file": str(paths.config_file),
        "data_dir": str(paths.data_dir),
        "log_dir": str(paths.log_dir),
    }
    if args.json:
        print(json.dumps({**places, "ledgers": ledgers}, indent=2))
        return 0
    for name, value in places.items():
        tell(args, f"{name + ':':<13} {value}")
    for name, value in ledgers.items():
        tell(args, f"{say(message('log {name}:', name=name), args.language):<13} {value}")
    return 0


def cmd_ledger_copy(args: argparse.Namespace) -> int:
    from mpesa_desktop.config import Secrets
    from mpesa_desktop.ledger.copy import CopyRefused, copy_ledger
    from mpesa_desktop.ledger.ledger_url import check_url
    from mpesa_desktop.services.ledger_access import PASSWORD_SECRET

    paths = _paths(args)
    profile = _profile(args, paths)
    try:
        check_url(args.to)
    except ValueError as error:
        raise ValueError(message("{option}: {problem}", option="--to",
                                 problem=said(error))) from None
    source = paths.ledger_file(profile.name)
    if not source.exists():
        raise ValueError(message("--profile: '{profile}' has no log of its own at {path}",
                                 profile=profile.name, path=source))
    tables = copy_ledger(source, args.to, password=Secrets(profile.name).get(PASSWORD_SECRET))
    for table in tables:
        verdict = message("same rows, same checksum") if table.matches \
            else message("DIFFERENT")
        tell(args, message("{table} copied {copied}  rows {source} -> {target}  {verdict}",
                           table=f"{table.name:<13}", copied=f"{table.copied:>9,}",
                           source=f"{table.source_rows:>9,}", target=f"{table.target_rows:>9,}",
                           verdict=verdict))
    if not all(table.matches for table in tables):
        raise CopyRefused(message("the team ledger holds other rows than this log: check it "
                                  "before pointing the profile at it"))
    tell(args, message("copied; point the profile at it: mpesa-desktop profile set {profile} "
                       "--ledger {url}", profile=profile.name, url=args.to))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from mpesa_desktop.services.resolve import resolve

    try:
        with open_ledger(args) as ledger:
            row = resolve(ledger, args.reference, args.status or "", args.reason, args.receipt)
    except ValidationError as error:
        for field, rule in error.errors.items():
            option = "REF" if field == "reference" else f"--{field}"
            tell(args, message("mpesa-desktop: {problem}", problem=message(
                "{option}: {problem}", option=option, problem=rule)), error=True)
        return USAGE_ERROR
    if args.json:
        print(json.dumps(transaction_json(row), indent=2))
    else:
        tell(args, message("{reference} resolved as {status}: {result}",
                           reference=row.reference, status=row.status, result=row.result_desc))
    return 0
