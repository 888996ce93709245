"""The catalogue of Daraja operations: each declared once, every set of them derived here.

An operation is one :class:`Operation` in ``money_in``, ``money_out`` or ``checks``; the
sets below, the wire requests, the field rules, the command line, the log's labels and the
confirmation's sentence all follow from the declarations. Adding an operation is one
declaration here, one tab (``ui.tabs``) and one simulator handler. Qt-free, a leaf: it imports
nothing else of the app but the Kenyan facts (``kenya``).
"""

from __future__ import annotations

from mpesa_desktop.catalogue.checks import ACCOUNT_BALANCE, TRANSACTION_STATUS
from mpesa_desktop.catalogue.fields import FieldKind, FieldRule
from mpesa_desktop.catalogue.model import Answer, Key, Money, Op, Operation, Option
from mpesa_desktop.catalogue.money_in import (
    C2B_REGISTER,
    C2B_SIMULATE,
    DYNAMIC_QR,
    STK_PUSH,
    STK_QUERY,
)
from mpesa_desktop.catalogue.money_out import (
    B2B,
    B2C,
    B2POCHI,
    KRA_SHORTCODE,
    REVERSAL,
    TAX_REMITTANCE,
)
from mpesa_desktop.catalogue.pull import PULL_QUERY, PULL_REGISTER

__all__ = [
    "ANSWERED_AT_ONCE",
    "ASKS_ABOUT_ANOTHER",
    "INITIATOR_OPERATIONS",
    "KEYED",
    "KRA_SHORTCODE",
    "MONEY_OPERATIONS",
    "OPERATIONS",
    "PAYOUTS",
    "RESULT_ANSWERED",
    "STATUS_QUERYABLE",
    "STK_ANSWERED",
    "STK_OPERATIONS",
    "Answer",
    "FieldKind",
    "FieldRule",
    "Key",
    "Money",
    "Op",
    "Operation",
    "Option",
    "by_command",
    "operation",
]

OPERATIONS: dict[str, Operation] = {
    declared.name.value: declared
    for declared in (STK_PUSH, STK_QUERY, C2B_REGISTER, C2B_SIMULATE, B2C, B2POCHI, B2B,
                     TAX_REMITTANCE, ACCOUNT_BALANCE, REVERSAL, TRANSACTION_STATUS,
                     DYNAMIC_QR, PULL_REGISTER, PULL_QUERY)
}
if set(OPERATIONS) != {op.value for op in Op}:
    raise RuntimeError("every Op is declared exactly once")


def _where(test: str) -> frozenset[str]:
    return frozenset(name for name, declared in OPERATIONS.items()
                     if getattr(declared, test))


# Payouts: confirmed, capped and counted by the guard, keyed by the ledger, re-sendable.
PAYOUTS = _where("is_payout")
# Refused while money is disabled for the profile (payouts and STK push).
MONEY_OPERATIONS = _where("moves_money")
INITIATOR_OPERATIONS = _where("needs_initiator")
STK_OPERATIONS = _where("needs_passkey")
# Rows that ask about another row: a callback about that row must not settle them.
ASKS_ABOUT_ANOTHER = _where("asks_about_another")
# Operations a Transaction Status query can settle.
STATUS_QUERYABLE = _where("settled_by_query")
ANSWERED_AT_ONCE = frozenset(name for name, declared in OPERATIONS.items()
                             if declared.answer is Answer.AT_ONCE)
RESULT_ANSWERED = frozenset(name for name, declared in OPERATIONS.items()
                            if declared.answer is Answer.RESULT)
STK_ANSWERED = frozenset(name for name, declared in OPERATIONS.items()
                         if declared.answer is Answer.STK)
KEYED: dict[str, Key] = {name: declared.key for name, declared in OPERATIONS.items()
                         if declared.key is not None}


def operation(name: str) -> Operation:
    """The declaration of an operation (ValueError naming the known ones otherwise)."""
    try:
        return OPERATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown operation {name!r}; choose one of {', '.join(OPERATIONS)}") from None


def by_command(command: str) -> Operation:
    """The operation a command-line sub-command sends."""
    for declared in OPERATIONS.values():
        if declared.command == command:
            return declared
    raise ValueError(f"no operation has the command {command!r}")
