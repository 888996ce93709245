"""The roles of a team and what each may do (DESIGN.md 3.6), declared once.

An Operator prepares payouts (and exports the log for accounting, as clerks do); an Approver
approves or declines them (never their own) and may prepare too; an Auditor reads and exports
the log and the audit trail and sends nothing; an Admin manages users and policies, reads and
audits, and sends nothing. A log without users is one person's: whoever runs the app may do
everything (as before teams). A log with users asks who is signing in, and each action checks
the signed-in user's right (:func:`require`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mpesa_desktop.errors import KnownError
from mpesa_desktop.messages import Message, message


class Role(StrEnum):
    OPERATOR = "operator"
    APPROVER = "approver"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Right(StrEnum):
    SUBMIT = "submit"    # prepare and send operations (a payout may then await approval)
    APPROVE = "approve"  # approve or decline another user's payout
    READ = "read"        # the log, the approvals queue
    RESOLVE = "resolve"  # settle an unknown row by hand, with a reason
    EXPORT = "export"    # the log to CSV
    AUDIT = "audit"      # read, verify and export the audit trail
    MANAGE = "manage"    # users and the approval policy


RIGHTS: dict[Role, frozenset[Right]] = {
    Role.OPERATOR: frozenset({Right.SUBMIT, Right.READ, Right.RESOLVE, Right.EXPORT}),
    Role.APPROVER: frozenset({Right.SUBMIT, Right.APPROVE, Right.READ, Right.RESOLVE,
                              Right.EXPORT}),
    Role.AUDITOR: frozenset({Right.READ, Right.EXPORT, Right.AUDIT}),
    Role.ADMIN: frozenset({Right.MANAGE, Right.READ, Right.EXPORT, Right.AUDIT}),
}
# What each right and role is called in a refusal ("... is an operator and may not ...").
RIGHT_WORDS: dict[Right, Message] = {
    Right.SUBMIT: message("send or prepare payments"),
    Right.APPROVE: message("approve or decline payouts"),
    Right.READ: message("read the log"),
    Right.RESOLVE: message("resolve transactions"),
    Right.EXPORT: message("export the log"),
    Right.AUDIT: message("read or export the audit trail"),
    Right.MANAGE: message("manage users and policies"),
}
ROLE_WORDS: dict[Role, Message] = {
    Role.OPERATOR: message("an operator"),
    Role.APPROVER: message("an approver"),
    Role.AUDITOR: message("an auditor"),
    Role.ADMIN: message("an admin"),
}


class NotAllowed(KnownError):
    """The signed-in user's role does not have the right, or nobody signed in to a log that has
    users; nothing was done."""


class SignInRefused(KnownError):
    """A sign-in the log refused (wrong password, disabled or locked user); audited."""


@dataclass(frozen=True)
class SignedIn:
    """Who is working: a user of the log and their role."""

    name: str
    role: Role

    def may(self, right: Right) -> bool:
        return right in RIGHTS[self.role]


def check_role(text: str) -> Role:
    """``text`` as a Role, or ValueError naming the roles."""
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise ValueError(message("role must be one of {roles} (got {got})",
                                 roles=", ".join(Role), got=repr(text))) from None


def require(user: SignedIn | None, has_users: bool, right: Right) -> None:
    """NotAllowed unless ``user`` may do ``right`` (anyone may, on a log without users)."""
    if user is None:
        if has_users:
            raise NotAllowed(message("this log has users: sign in first (--user NAME, or the "
                                     "window's sign-in)"))
        return
    if not user.may(right):
        raise NotAllowed(message("{user} is {role} and may not {action}", user=user.name,
                                 role=ROLE_WORDS[user.role], action=RIGHT_WORDS[right]))
