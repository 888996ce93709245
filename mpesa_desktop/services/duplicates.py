"""No payment twice: the duplicate guard of the submit pipeline (DESIGN.md section 3.4).

Payouts and reversals: the ledger itself refuses one identical to a payout in flight
(``sending``, ``accepted``, ``timed_out`` or ``unknown``), in the transaction that would write it,
whichever process or face sent the first (``ledger.schema``: a payout's duplicate key is its
operation, parties and amount; a reversal's, the receipt it reverses). ``refused`` turns that
refusal into the clerk's DuplicateError naming the row in flight.

STK pushes are not refused by the ledger (a customer may be asked twice for the same amount);
``InFlight`` only keeps a double click on "Request payment" in one process from pushing twice
while the first push is being sent (Daraja itself answers a second push of the same amount to
the same customer within two minutes with ResultCode 17).
``reserve`` is synchronous and takes a thread lock, so two submits racing on the same loop (or on
two loops) cannot both pass; the reservation is released once the request's outcome is recorded.

A payout identical to one COMPLETED within the profile's ``repeat_window_hours`` is a second
payment: the ledger refuses it too, in the same transaction (``ledger.repeats``), unless the
caller says it is deliberate (``allow_repeat``: the window's "this is a second payment" tick, the
command line's ``--allow-repeat``). ``repeated`` names the earlier payment and that way out.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.ledger.repeats import RepeatRefused
from mpesa_desktop.ledger.statuses import DuplicateRow
from mpesa_desktop.services.errors import DuplicateError

BEING_SENT = (
    "An identical {what} is already being sent; it was not sent again. Wait for its result "
    "(or check its status) before asking again."
)
IN_THE_LOG = (
    "An identical {what} ({reference}) is '{status}'; it was not sent again. Wait for its "
    "result, or check its status, before paying again."
)

PAID_ALREADY = (
    "Not sent: an identical {what} of {amount} to {payee} was completed on {when} EAT "
    "({reference}{receipt}). To pay the same again on purpose, confirm it as a second payment "
    "(in the window, tick \"this is a second payment\"; on the command line, add "
    "--allow-repeat)."
)


def refused(what: str, error: DuplicateRow) -> DuplicateError:
    """The clerk's DuplicateError for the ledger's refusal of a twin of ``what``."""
    twin = error.twin
    return DuplicateError(IN_THE_LOG.format(what=what, reference=twin.reference,
                                            status=twin.status), reference=twin.reference)


def repeated(what: str, error: RepeatRefused) -> DuplicateError:
    """The clerk's DuplicateError for the ledger's refusal of a repeat of a completed ``what``."""
    twin = error.twin
    payee = twin.party_b or "-"
    if twin.account_reference:
        payee += f", account {twin.account_reference}"
    return DuplicateError(PAID_ALREADY.format(
        what=what, amount=format_kes(twin.amount or 0), payee=payee,
        when=twin.created_at.astimezone(EAT).strftime("%d %b %Y at %H:%M"),
        reference=twin.reference, receipt=f", receipt {twin.receipt}" if twin.receipt else ""),
        reference=twin.reference)


def push_key(operation: str, fields: dict[str, Any]) -> Hashable | None:
    """What makes two STK pushes the same request; None for every other operation."""
    if operation == "stk_push":
        return (operation, fields.get("phone_number"), fields.get("amount"))
    return None


class InFlight:
    """The STK pushes being sent by this process right now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: set[Hashable] = set()

    def reserve(self, key: Hashable | None, what: str) -> None:
        """Claim ``key``; DuplicateError if another submit holds it. None keys always pass."""
        if key is None:
            return
        with self._lock:
            if key in self._keys:
                raise DuplicateError(BEING_SENT.format(what=what))
            self._keys.add(key)

    def release(self, key: Hashable | None) -> None:
        if key is None:
            return
        with self._lock:
            self._keys.discard(key)
