"""How one field of one operation must look: the kinds of field and the rule of each.

A :class:`FieldRule` is pure data; ``daraja.limits`` applies it (normalise, check, explain) and
the command line and the forms read it for their labels, hints and help.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    """What a field holds, and so how it is checked and normalised."""

    AMOUNT = "amount"        # whole shillings within bounds
    MSISDN = "msisdn"        # a Kenyan mobile number, normalised to 2547/2541 + 8 digits
    SHORTCODE = "shortcode"  # 5 to 9 digits
    PARTY = "party"          # a shortcode, or an MSISDN when the identifier type is "1"
    URL = "url"              # a callback URL Daraja accepts in the environment
    C2B_URL = "c2b_url"      # a URL without the words Daraja refuses for C2B
    TEXT = "text"            # one line within length bounds
    CHOICE = "choice"        # one of ``choices`` (case-insensitive)
    SECRET = "secret"        # never logged, never on the command line
    ID = "id"                # text without spaces
    RECEIPT = "receipt"      # a 10-character M-Pesa receipt
    TIME = "time"            # an East Africa time, sent as YYYY-MM-DD HH:MM:SS
    COUNT = "count"          # a whole number from 0


@dataclass(frozen=True)
class FieldRule:
    """How one field must look: its label, kind, bounds, choices and default."""

    label: str
    kind: FieldKind
    required: bool = True
    min_len: int | None = None
    max_len: int | None = None
    choices: tuple[str, ...] = ()
    min_amount: int | None = None
    max_amount: int | None = None
    default: str | None = None

    @property
    def secret(self) -> bool:
        return self.kind is FieldKind.SECRET


def amount(label: str, low: int, high: int | None = None) -> FieldRule:
    return FieldRule(label, FieldKind.AMOUNT, min_amount=low, max_amount=high)


def text(label: str, low: int | None, high: int | None, required: bool = True,
         default: str | None = None) -> FieldRule:
    return FieldRule(label, FieldKind.TEXT, required=required, min_len=low, max_len=high,
                     default=default)


def url(label: str, kind: FieldKind = FieldKind.URL) -> FieldRule:
    return FieldRule(label, kind)


def choice(label: str, choices: tuple[str, ...], default: str | None = None) -> FieldRule:
    return FieldRule(label, FieldKind.CHOICE, required=default is None, choices=choices,
                     default=default)


def phone(label: str, required: bool = True) -> FieldRule:
    return FieldRule(label, FieldKind.MSISDN, required=required)


def shortcode(label: str, required: bool = True) -> FieldRule:
    return FieldRule(label, FieldKind.SHORTCODE, required=required)


INITIATOR = FieldRule("Initiator (API user)", FieldKind.TEXT, max_len=64)
CREDENTIAL = FieldRule("Security credential", FieldKind.SECRET)
PASSKEY = FieldRule("STK passkey", FieldKind.SECRET)
QUEUE_URL = url("Queue timeout URL")
RESULT_URL = url("Result URL")
OCCASION = text("Occasion", 1, 100, required=False)
REMARKS = text("Remarks", 1, 100)
REMARKS_2 = text("Remarks", 2, 100)
IDENTIFIER_TYPE = choice("Identifier type", ("1", "2", "4"), default="4")

# Field groups and wire fragments shared by the operations signed by the initiator.
SIGNED = {"initiator": INITIATOR, "security_credential": CREDENTIAL}
CALLBACKS = {"queue_timeout_url": QUEUE_URL, "result_url": RESULT_URL}
INITIATOR_WIRE = (("Initiator", "initiator"), ("SecurityCredential", "security_credential"))
URLS_WIRE = (("QueueTimeOutURL", "queue_timeout_url"), ("ResultURL", "result_url"))
URLS_RESULT_FIRST_WIRE = (("ResultURL", "result_url"), ("QueueTimeOutURL", "queue_timeout_url"))

# The note of a command-line option whose default is the profile's.
FROM_PROFILE = "(default: the profile's)"
