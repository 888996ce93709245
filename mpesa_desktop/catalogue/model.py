"""What the app knows about one Daraja operation, declared once (:class:`Operation`).

Every face and layer derives its view of an operation from its declaration: the wire request
(``daraja.operations``), the field rules (``daraja.limits``), the money guard and the duplicate
key (``config.guard``, ``ledger.schema``), how its answer arrives and settles it
(``services.submit``, ``services.settle``), the command line (``cli.operations_cmd``), the
log's labels and the confirmation's sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from mpesa_desktop.catalogue.fields import FieldKind, FieldRule
from mpesa_desktop.catalogue.prefill import Prefill, no_prefill


class Op(StrEnum):
    """The Daraja operations the app sends, in Daraja's order."""

    STK_PUSH = "stk_push"
    STK_QUERY = "stk_query"
    C2B_REGISTER = "c2b_register"
    C2B_SIMULATE = "c2b_simulate"
    B2C = "b2c"
    B2POCHI = "b2pochi"
    B2B = "b2b"
    TAX_REMITTANCE = "tax_remittance"
    ACCOUNT_BALANCE = "account_balance"
    REVERSAL = "reversal"
    TRANSACTION_STATUS = "transaction_status"
    DYNAMIC_QR = "dynamic_qr"
    PULL_REGISTER = "pull_register"
    PULL_QUERY = "pull_query"


class Money(Enum):
    """Which way an operation moves the business's money."""

    NONE = "none"  # a check or a set-up
    IN = "in"      # asked of a customer (STK push)
    OUT = "out"    # a payout: capped, counted in the day's total, confirmed, keyed


class Answer(Enum):
    """How Daraja's final answer to an operation arrives."""

    AT_ONCE = "at_once"  # the acknowledgement is the answer
    RESULT = "result"    # a Result (or queue timeout) callback to the ResultURL
    STK = "stk"          # an STK callback to the CallBackURL


class Key(Enum):
    """What makes two payouts the same payment (the ledger refuses a twin in flight)."""

    PAYMENT = "payment"  # operation, both parties, amount and account
    RECEIPT = "receipt"  # the receipt it reverses (kept as the account reference)


@dataclass(frozen=True)
class Option:
    """A command-line option setting one field; its help is derived from the field's rule,
    with ``note`` added (e.g. where its default comes from)."""

    flag: str
    field: str
    note: str = ""


Values = Mapping[str, Any]



@dataclass(frozen=True)
class Operation:
    """One Daraja operation, everything the app needs to know about it.

    ``wire`` is the request body key by key in Daraja's order: a value names the snake_case
    field it copies; ``name?`` is left out when unset, ``name|null`` is sent as null and
    ``=TEXT`` is fixed text. ``columns`` maps the normalised fields to the ledger's searchable
    columns; ``recipient`` words where the money goes for the confirmation; ``prefill`` gives the
    fields a profile fills in (the forms show them, the command line uses them when an option is
    left out; None or "" when the profile does not know). ``label`` names it
    in the log, ``noun`` in a sentence ("a payment to a customer"), ``short`` in a brief one
    ("Sending again payment ..."). ``image_answer`` names the key of the answer that holds a
    picture (base64 PNG: Dynamic QR's ``QRCode``), which the window shows and ``--save`` writes.
    """

    name: Op
    label: str
    noun: str
    command: str
    summary: str
    path: str
    wire: tuple[tuple[str, str], ...]
    fields: Mapping[str, FieldRule]
    options: tuple[Option, ...]
    columns: Callable[[Values], dict[str, Any]]
    money: Money = Money.NONE
    answer: Answer = Answer.RESULT
    settled_by_query: bool = False
    asks_about_another: bool = False
    key: Key | None = None
    recipient: Callable[[Values], str] | None = field(default=None)
    prefill: Prefill = no_prefill
    short: str = "payment"
    success_codes: tuple[str, ...] = ()  # ResponseCodes of success besides all-zero ones
    image_answer: str | None = None

    @property
    def needs_initiator(self) -> bool:
        """Signed by the initiator's security credential (B2C, B2B, balance...)."""
        return any(rule.kind is FieldKind.SECRET and name == "security_credential"
                   for name, rule in self.fields.items())

    @property
    def needs_passkey(self) -> bool:
        """Signed with the STK passkey (STK push and query)."""
        return "passkey" in self.fields

    @property
    def pays_a_phone(self) -> bool:
        """Its recipient (``party_b``) is a phone number (B2C, B2Pochi)."""
        recipient = self.fields.get("party_b")
        return recipient is not None and recipient.kind is FieldKind.MSISDN

    @property
    def is_payout(self) -> bool:
        return self.money is Money.OUT

    @property
    def moves_money(self) -> bool:
        return self.money is not Money.NONE
