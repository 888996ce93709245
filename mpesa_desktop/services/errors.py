"""The services layer's own refusals: a duplicate payout and the production guard / caps.

Both derive from ``DarajaError`` so the GUI and the command line treat every error alike; both
mean nothing was sent, so both exit with code 2 (DESIGN.md section 3.1: usage or validation).
"""

from __future__ import annotations

from mpesa_desktop.daraja.errors import DarajaError


class DuplicateError(DarajaError):
    """An identical payout or reversal is already in flight (or its outcome is not yet known), or
    an identical payout completed within the repeat window and this one was not marked a repeat.

    ``reference`` is the ledger reference of the row that blocks this one, when there is one
    (None while the twin is still being written, e.g. a double click).
    """

    exit_code = 2

    def __init__(self, message: str, reference: str | None = None):
        self.reference = reference
        super().__init__(message)


class GuardError(DarajaError):
    """The profile's guard refused: money disabled, a cap exceeded, or the amount not retyped.

    ``field`` names the input concerned (``amount`` or ``confirmed_amount``); ``kind`` is one of
    ``money_disabled``, ``per_payment_cap``, ``daily_cap``, ``retype`` (the caller may ask the
    clerk to type the amount again and resubmit with ``confirmed_amount``).
    """

    exit_code = 2

    def __init__(self, message: str, *, kind: str, field: str = "amount"):
        self.kind = kind
        self.field = field
        super().__init__(message)
