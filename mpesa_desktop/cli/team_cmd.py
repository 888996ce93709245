"""``mpesa-desktop user / policy / approvals / approve / decline / audit``: the team's commands
(DESIGN.md 3.6).

- ``user add NAME --role ROLE`` (the log's first user is its admin; after that an admin adds),
  ``user list [--json]``, ``user disable NAME``, ``user password NAME``; a new password comes
  from a hidden prompt (twice), or one line of stdin when it is not a terminal;
- ``policy set --approve-above KES [--two-approvers-above KES]`` or ``policy set --off``,
  ``policy show [--json]`` (admins set it);
- ``approvals [--json]``: the payouts waiting for approval; ``approve REF [--note TEXT]
  [--yes]`` shows the confirmation the maker saw and the maker's name, then approves (and sends,
  when this approval releases it); ``decline REF --reason TEXT``;
- ``audit verify`` (exit 3 when an entry was changed or deleted), ``audit export --out FILE``.

Each runs as the global ``--user NAME`` (``signing_in``). Refusals exit 2 with the reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from mpesa_desktop.cli.signing_in import new_password, open_ledger, sign_in_services
from mpesa_desktop.cli.speech import agreed, ask, fail, tell
from mpesa_desktop.config import ConfigError
from mpesa_desktop.errors import KnownError
from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.languages import say
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import app_paths
from mpesa_desktop.team.roles import Right, require

EXIT_OK, EXIT_USAGE, EXIT_FAILED = 0, 2, 3  # as ``exit_codes`` (loaded only for an error)

if TYPE_CHECKING:
    from mpesa_desktop.ledger import Ledger


def register(subparsers: argparse._SubParsersAction) -> None:
    user = subparsers.add_parser("user", help="the log's users and their roles")
    user_commands = user.add_subparsers(dest="user_command", metavar="COMMAND", required=True)
    add = user_commands.add_parser("add", help="add a user (the log's first user is its admin)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, help="operator, approver, auditor or admin")
    add.set_defaults(func=_handled(cmd_user_add))
    listing = user_commands.add_parser("list", help="list the users")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=_handled(cmd_user_list))
    disable = user_commands.add_parser("disable", help="disable a user (admins)")
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(func=_handled(cmd_user_disable))
    password = user_commands.add_parser("password", help="give a user a new password")
    password.add_argument("name", metavar="NAME")
    password.set_defaults(func=_handled(cmd_user_password))

    policy = subparsers.add_parser("policy", help="which payouts need approval")
    policy_commands = policy.add_subparsers(dest="policy_command", metavar="COMMAND",
                                            required=True)
    set_policy = policy_commands.add_parser("set", help="set the approval policy (admins)")
    choice = set_policy.add_mutually_exclusive_group(required=True)
    choice.add_argument("--approve-above", type=int, metavar="KES",
                        help="payouts above KES need an approver (0: every payout)")
    choice.add_argument("--off", action="store_true", help="no approval: payouts go at once")
    set_policy.add_argument("--two-approvers-above", type=int, metavar="KES",
                            help="payouts above KES need two approvers")
    set_policy.set_defaults(func=_handled(cmd_policy_set))
    show = policy_commands.add_parser("show", help="show the policy in force")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=_handled(cmd_policy_show))

    approvals = subparsers.add_parser("approvals", help="list the payouts awaiting approval")
    approvals.add_argument("--json", action="store_true", help="print JSON")
    approvals.set_defaults(func=_handled(cmd_approvals))
    approve = subparsers.add_parser("approve", help="approve a payout (sent when released)")
    approve.add_argument("reference", metavar="REF")
    approve.add_argument("--note", metavar="TEXT", help="a note kept with the approval")
    approve.add_argument("--yes", action="store_true", help="approve without asking")
    approve.add_argument("--json", action="store_true", help="print the row as JSON")
    approve.set_defaults(func=_handled(cmd_approve))
    decline = subparsers.add_parser("decline", help="decline a payout, with a reason")
    decline.add_argument("reference", metavar="REF")
    decline.add_argument("--reason", required=True, metavar="TEXT")
    decline.set_defaults(func=_handled(cmd_decline))

    audit = subparsers.add_parser("audit", help="the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="COMMAND",
                                          required=True)
    verify = audit_commands.add_parser("verify", help="check that no entry was changed or lost")
    verify.set_defaults(func=_handled(cmd_audit_verify))
    export = audit_commands.add_parser("export", help="write the audit trail as CSV")
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(func=_handled(cmd_audit_export))


def _handled(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """The refusals and errors a clerk can act on: the message on stderr, the exit code."""
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ValueError as error:
            _refused(args, error)
            return EXIT_USAGE
        except KnownError as error:
            from mpesa_desktop.cli.exit_codes import code_for_error

            _refused(args, error)
            return code_for_error(error)
    return run


def _refused(args: argparse.Namespace, error: Exception) -> None:
    tell(args, message("mpesa-desktop: {problem}", problem=said(error)), error=True)


def _when(moment: Any) -> str:
    return moment.astimezone(EAT).strftime("%Y-%m-%d %H:%M")


def cmd_user_add(args: argparse.Namespace) -> int:
    from mpesa_desktop.team import passwords, users

    users.check_name(args.name)
    with open_ledger(args) as ledger:
        if ledger.has_users:
            require(ledger.user, True, Right.MANAGE)  # before asking for a password
        password = passwords.check_new(new_password(args.name, args.language))
        role = users.add_user(ledger, args.name, args.role, password)
    if role != args.role.strip().lower():
        tell(args, message("added {name} as {role} (the log's first user is its admin)",
                           name=args.name, role=role))
    else:
        tell(args, message("added {name} as {role}", name=args.name, role=role))
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    from mpesa_desktop.team import users

    with open_ledger(args) as ledger:
        require(ledger.user, ledger.has_users, Right.READ)
        found = users.users(ledger)
    if args.json:
        print(json.dumps([{**asdict(user), "created_at": user.created_at.isoformat(),
                           "locked_until": user.locked_until.isoformat()
                           if user.locked_until else None} for user in found], indent=2))
        return EXIT_OK
    for user in found:
        state = say(message("disabled") if user.disabled else message("active"), args.language)
        tell(args, message("{name} {role} {state} since {when}", name=f"{user.name:<20}",
                           role=f"{user.role:<9}", state=f"{state:<8}",
                           when=_when(user.created_at)))
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    from mpesa_desktop.team import users

    with open_ledger(args) as ledger:
        users.disable_user(ledger, args.name)
    tell(args, message("disabled {name}", name=args.name))
    return EXIT_OK


def cmd_user_password(args: argparse.Namespace) -> int:
    from mpesa_desktop.team import passwords, users

    with open_ledger(args) as ledger:
        if ledger.user is None or ledger.user.name != args.name:
            require(ledger.user, ledger.has_users, Right.MANAGE)  # before asking for it
        password = passwords.check_new(new_password(args.name, args.language))
        users.set_password(ledger, args.name, password)
    tell(args, message("changed the password of {name}", name=args.name))
    return EXIT_OK


def cmd_policy_set(args: argparse.Namespace) -> int:
    from mpesa_desktop.team import policy

    above = None if args.off else args.approve_above
    if args.off and args.two_approvers_above is not None:
        raise ValueError(message("--off and --two-approvers-above do not go together"))
    with open_ledger(args) as ledger:
        made = policy.set_policy(ledger, above, args.two_approvers_above)
    tell(args, message("policy version {version}: {policy}", version=made.version,
                       policy=made.describe()))
    return EXIT_OK


def cmd_policy_show(args: argparse.Namespace) -> int:
    from mpesa_desktop.team import policy

    with open_ledger(args) as ledger:
        require(ledger.user, ledger.has_users, Right.READ)
        shown = policy.policy_of(ledger)
    if args.json:
        print(json.dumps({**asdict(shown), "description": shown.describe()}, indent=2))
    else:
        tell(args, message("policy version {version}: {policy}", version=shown.version,
                           policy=shown.describe()))
    return EXIT_OK


def cmd_approvals(args: argparse.Namespace) -> int:
    with open_ledger(args) as ledger:
        require(ledger.user, ledger.has_users, Right.READ)
        queue = ledger.awaiting_approval()
    if args.json:
        print(json.dumps([{
            "reference": row.reference, "operation": row.operation, "amount": row.amount,
            "party_b": row.party_b, "remarks": row.remarks, "maker": row.operator,
            "created_at": row.created_at.astimezone(EAT).isoformat(timespec="seconds"),
            "approvals": list(hold.approvers), "approvals_needed": hold.approvals_needed,
        } for row, hold in queue], indent=2))
        return EXIT_OK
    for row, hold in queue:
        tell(args, message(
            "{when}  {reference}  {operation} {amount}  to {payee}  by {maker} {given}/{needed} "
            "approved", when=_when(row.created_at), reference=row.reference,
            operation=f"{row.operation:<8}", amount=f"{format_kes(row.amount or 0):>14}",
            payee=f"{row.party_b or '':<12}", maker=f"{row.operator:<12}",
            given=len(hold.approvers), needed=hold.approvals_needed))
    tell(args, message("{count} awaiting approval", count=len(queue)))
    return EXIT_OK


def cmd_approve(args: argparse.Namespace) -> int:
    import asyncio

    from mpesa_desktop.cli.exit_codes import code_for_status
    from mpesa_desktop.services import AppServices

    services = AppServices.open(app_paths(args.home), args.profile)

    async def run() -> int:
        try:
            await sign_in_services(args, services)
            row = await services.run_blocking(services.ledger.get, args.reference)
            if row is not None and not _confirmed(args, services.ledger, row):
                tell(args, message("Not approved."), error=True)
                return EXIT_USAGE  # as a payment not confirmed: nothing was sent
            after = await services.approve(args.reference, args.note)
        finally:
            await services.aclose()
        if args.json:
            print(json.dumps({"reference": after.reference, "status": after.status}, indent=2))
        elif after.status == "awaiting_approval":
            tell(args, message("{reference}: approved; it waits for another approver",
                               reference=after.reference))
        elif after.result_desc:
            tell(args, message("{reference}: approved and sent: {status} ({result})",
                               reference=after.reference, status=after.status,
                               result=after.result_desc))
        else:
            tell(args, message("{reference}: approved and sent: {status}",
                               reference=after.reference, status=after.status))
        return code_for_status(after.status, waited=False)
    return asyncio.run(run())


def _confirmed(args: argparse.Namespace, ledger: Ledger, row: Any) -> bool:
    """The approver's yes to the confirmation the maker saw, with the maker's name."""
    from mpesa_desktop.cli.operations_run import describe

    if args.yes:
        return True
    if not sys.stdin.isatty():
        fail(args, message("a payout is approved only after confirmation: add --yes (stdin is "
                           "not a terminal)"))
        return False
    hold = ledger.hold(row.reference)
    tell(args, message("{payout} (prepared by {maker})",
                       payout=describe(row.operation, hold.fields, args.language),
                       maker=row.operator),
         error=True)
    return agreed(ask(args, message("Approve? [y/N] ")))


def cmd_decline(args: argparse.Namespace) -> int:
    with open_ledger(args) as ledger:
        decision = ledger.decline(args.reference, args.reason)
    tell(args, message("{reference}: declined ({reason})",
                       reference=decision.transaction.reference, reason=args.reason))
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from mpesa_desktop.ledger import audit

    with open_ledger(args) as ledger:
        require(ledger.user, ledger.has_users, Right.AUDIT)
        problems = audit.verify(ledger)
        count = ledger.reading(lambda conn: conn.execute("SELECT count(*) FROM audit")
                               .fetchone()[0])
        ledger.add_audit_entry("audit_verified", None, {"problems": len(problems)})
    for problem in problems:
        tell(args, message("mpesa-desktop: {problem}", problem=problem), error=True)
    if problems:
        return EXIT_FAILED
    tell(args, message("the audit trail is whole: {count} entries, none changed or deleted",
                       count=f"{count:,}"))
    return EXIT_OK


def cmd_audit_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mpesa_desktop.ledger import audit

    out = Path(args.out).expanduser()
    if out.exists():
        raise ConfigError(message("--out: {path} exists; choose a new file", path=out))
    with open_ledger(args) as ledger:
        require(ledger.user, ledger.has_users, Right.AUDIT)
        count = audit.export_csv(ledger, out)
        ledger.add_audit_entry("audit_exported", str(out), {"entries": count})
    tell(args, message("exported {count} audit entries to {path}", count=f"{count:,}",
                       path=out))
    return EXIT_OK
