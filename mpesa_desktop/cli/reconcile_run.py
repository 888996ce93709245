"""Running ``mpesa-desktop reconcile`` (its options and help are in ``reconcile_cmd``): read the
statement or ask Pull Transactions, match, settle, report, as ``reconcile_cmd``'s docstring says.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mpesa_desktop.cli.exit_codes import EXIT_OK, EXIT_USAGE, code_for_error
from mpesa_desktop.cli.speech import fail, tell
from mpesa_desktop.errors import KnownError
from mpesa_desktop.kenya import EAT
from mpesa_desktop.languages import say
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import app_paths
from mpesa_desktop.reconcile.matching import reconcile
from mpesa_desktop.reconcile.report import LABELS, PROBLEMS, Category, Reconciliation
from mpesa_desktop.reconcile.statement import StatementError, read_statement

SHOWN_PER_CATEGORY = 20


def _usage(args: argparse.Namespace, problem: str) -> int:
    tell(args, message("mpesa-desktop: {problem}", problem=problem), error=True)
    return EXIT_USAGE


def _moment(option: str, text: str, end: bool) -> datetime:
    """A day (its start, or with ``end`` the start of the next) or a time, in EAT."""
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime.combine(day + timedelta(days=end), time(), tzinfo=EAT)
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(message("{option}: must be a day like 2026-11-28 or a time like "
                                 "'2026-11-28 14:00' (got {got})", option=option,
                                 got=repr(text))) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=EAT)


def _period(args: argparse.Namespace) -> tuple[datetime, datetime] | None:
    if args.pull and not (args.date_from and args.date_to):
        raise ValueError(message("--pull needs --from and --to (the range to ask M-Pesa for)"))
    if not args.date_from and not args.date_to:
        return None
    if not (args.date_from and args.date_to):
        raise ValueError(message("--from and --to go together"))
    start = _moment("--from", args.date_from, end=False)
    end = _moment("--to", args.date_to, end=True)
    if end <= start:
        raise ValueError(message("--to: must be after --from"))
    return start, end


def cmd_reconcile(args: argparse.Namespace) -> int:
    if bool(args.file) == bool(args.pull):
        return _usage(args, message("give a statement FILE or --pull, one of them"))
    try:
        period = _period(args)
    except ValueError as error:
        return _usage(args, said(error))
    if args.out and args.out.exists() and not args.force:
        return _usage(args, message("--out: {path} exists; add --force to replace it",
                                    path=args.out))
    if args.file and not Path(args.file).is_file():
        return _usage(args, message("FILE: no such file {path}", path=args.file))
    try:
        result = _pulled(args, period) if args.pull else _from_file(args, period)
    except StatementError as error:
        return _usage(args, said(error))
    except KnownError as error:
        fail(args, said(error))
        return code_for_error(error)
    with result:
        written = result.write_csv(args.out) if args.out else None
        _print(result, args, written)
    return EXIT_OK


def _from_file(args: argparse.Namespace, period: tuple[datetime, datetime] | None
               ) -> Reconciliation:
    from mpesa_desktop.cli.signing_in import open_ledger
    from mpesa_desktop.team.roles import Right, require

    path = Path(args.file)
    with open_ledger(args) as ledger:
        require(ledger.user, ledger.has_users, Right.READ)
        return reconcile(ledger, read_statement(path), source=path.name, period=period,
                         settle=not args.no_settle)


def _pulled(args: argparse.Namespace, period: tuple[datetime, datetime] | None
            ) -> Reconciliation:
    from mpesa_desktop.cli.signing_in import sign_in_services
    from mpesa_desktop.reconcile.pulled import reconcile_pull
    from mpesa_desktop.services import AppServices
    from mpesa_desktop.team.roles import Right

    assert period is not None  # _period requires it with --pull
    services = AppServices.open(app_paths(args.home), args.profile)

    async def run() -> Reconciliation:
        try:
            await sign_in_services(args, services)
            services.require(Right.READ)
            return await reconcile_pull(services, *period)
        finally:
            await services.aclose()

    return asyncio.run(run())


def _print(result: Reconciliation, args: argparse.Namespace, written: int | None) -> None:
    period = [moment.astimezone(EAT).isoformat(timespec="seconds")
              for moment in result.period] if result.period else None
    if args.json:
        data: dict[str, Any] = {
            "source": result.source, "period": period, "charges": result.charges,
            "counts": {category.value: count for category, count in result.counts.items()},
            "problems": result.problems,
            "rows": [row.as_dict() for category in PROBLEMS for row in result.rows(category)],
        }
        if written is not None:
            data["report"] = {"file": str(args.out), "rows": written}
        print(json.dumps(data, indent=2))
        return
    language = args.language
    if period:
        tell(args, message("Reconciled {source} ({start} to {end}) against the log:",
                           source=result.source, start=period[0], end=period[1]))
    else:
        tell(args, message("Reconciled {source} against the log:", source=result.source))
    for category in Category:
        tell(args, f"  {say(LABELS[category], language):<30} {result.counts[category]:>9,}")
    if result.charges:
        tell(args, f"  {say(message('(charge lines, not payments)'), language):<30} "
             f"{result.charges:>9,}")
    for category in PROBLEMS:
        count = result.counts[category]
        if not count:
            continue
        tell(args, "")
        tell(args, message("{category} ({count}):", category=LABELS[category],
                           count=f"{count:,}"))
        for row in result.rows(category, limit=SHOWN_PER_CATEGORY):
            when = row.completed_at.astimezone(EAT).strftime("%Y-%m-%d %H:%M:%S") \
                if row.completed_at else "-"
            money = (f"+{row.paid_in / 100:,.2f}" if row.paid_in
                     else f"-{row.withdrawn / 100:,.2f}" if row.withdrawn
                     else say(message("({amount} here)", amount=f"{row.log_amount:,}"), language)
                     if row.log_amount is not None else "-")
            tell(args, f"  {when}  {row.receipt or '-':<10}  {money:>13}  "
                 f"{row.reference or '-'}  {row.note}".rstrip())
        if count > SHOWN_PER_CATEGORY:
            more = message("... and {count} more (--out FILE writes them all)",
                           count=f"{count - SHOWN_PER_CATEGORY:,}")
            tell(args, f"  {say(more, language)}")
    if written is not None:
        tell(args, "")
        tell(args, message("Wrote {count} rows to {path}", count=f"{written:,}", path=args.out))
