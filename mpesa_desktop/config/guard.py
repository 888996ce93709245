"""The money guard: caps and the production rules, as pure functions over a profile.

The services layer calls ``check_submission`` before it writes anything or sends anything, so the
GUI and the command line obey the same rules:

1. money operations (payouts and STK push) are refused while the profile's ``money_enabled`` is
   off (a new production profile starts that way);
2. a payout above the profile's per-payment cap is refused;
3. a payout that would take today's total above the daily cap is refused;
4. a payout above ``retype_above`` needs the amount typed a second time (``confirmed_amount``),
   and it must match.

Each rule returns a ``GuardViolation`` (rule, field, message) or None; the services layer turns a
violation into its own error. The messages are ``messages.message`` templates (the window says
them in its language).
"""

from __future__ import annotations

from dataclasses import dataclass

from mpesa_desktop.catalogue import MONEY_OPERATIONS, PAYOUTS
from mpesa_desktop.config.profiles import Profile
from mpesa_desktop.kenya import format_kes
from mpesa_desktop.messages import message

# Ledger statuses of payouts that count towards today's total (all but rejected/failed/draft).
COUNTED_STATUSES = ("sending", "accepted", "completed", "timed_out", "unknown")


@dataclass(frozen=True)
class GuardViolation:
    """Why a submission is refused. ``rule`` is one of: money_disabled, per_payment_cap,
    daily_cap, retype_required, retype_mismatch."""

    rule: str
    field: str
    message: str


def is_payout(operation: str) -> bool:
    return operation in PAYOUTS


def is_money_operation(operation: str) -> bool:
    return operation in MONEY_OPERATIONS


def check_money_enabled(profile: Profile, operation: str) -> GuardViolation | None:
    """Refuse money operations while the profile has money turned off."""
    if is_money_operation(operation) and not profile.money_enabled:
        return GuardViolation(
            "money_disabled",
            "operation",
            message("Money operations are turned off for profile '{name}'. Turn them on in "
                    "Settings (or: mpesa-desktop profile set {name} --money-enabled on) first.",
                    name=profile.name),
        )
    return None


def check_per_payment_cap(
    profile: Profile, operation: str, amount: int | None
) -> GuardViolation | None:
    """Refuse a payout above the per-payment cap."""
    cap = profile.per_payment_cap
    if is_payout(operation) and cap is not None and amount is not None and amount > cap:
        return GuardViolation(
            "per_payment_cap",
            "amount",
            message("amount: {amount} is above this profile's limit of {cap} per payment",
                    amount=format_kes(amount), cap=format_kes(cap)),
        )
    return None


def check_daily_cap(
    profile: Profile, operation: str, amount: int | None, today_total: int
) -> GuardViolation | None:
    """Refuse a payout that would take today's payouts (``today_total`` so far) above the cap."""
    cap = profile.daily_cap
    if not is_payout(operation) or cap is None or amount is None:
        return None
    if today_total + amount > cap:
        left = max(cap - today_total, 0)
        return GuardViolation(
            "daily_cap",
            "amount",
            message("amount: {amount} would take today's payouts to {total}, above this "
                    "profile's daily limit of {cap} ({left} left today)",
                    amount=format_kes(amount), total=format_kes(today_total + amount),
                    cap=format_kes(cap), left=format_kes(left)),
        )
    return None


def needs_retype(profile: Profile, operation: str, amount: int | None) -> bool:
    """True when the clerk must type this amount a second time before it is sent."""
    threshold = profile.retype_above
    return is_payout(operation) and threshold is not None and amount is not None and (
        amount > threshold
    )


def check_retype(
    profile: Profile, operation: str, amount: int | None, confirmed_amount: int | None
) -> GuardViolation | None:
    """Refuse an amount above the threshold unless ``confirmed_amount`` repeats it."""
    if not needs_retype(profile, operation, amount):
        return None
    if confirmed_amount is None:
        return GuardViolation(
            "retype_required",
            "confirmed_amount",
            message("confirmed_amount: amounts above {threshold} must be typed a second time "
                    "to confirm", threshold=format_kes(profile.retype_above or 0)),
        )
    if confirmed_amount != amount:
        return GuardViolation(
            "retype_mismatch",
            "confirmed_amount",
            message("confirmed_amount: the amount typed again does not match the amount; "
                    "nothing was sent"),
        )
    return None


def check_submission(
    profile: Profile,
    operation: str,
    amount: int | None,
    *,
    today_total: int = 0,
    confirmed_amount: int | None = None,
) -> list[GuardViolation]:
    """Every rule broken by this submission, in the order above (empty when it may go)."""
    found = [
        check_money_enabled(profile, operation),
        check_per_payment_cap(profile, operation, amount),
        check_daily_cap(profile, operation, amount, today_total),
        check_retype(profile, operation, amount, confirmed_amount),
    ]
    return [violation for violation in found if violation is not None]
