"""The services layer's own refusals: a duplicate payout and the production guard / caps.

Both are ``KnownError``s of the app's one error tree (``mpesa_desktop.errors``), so the GUI and the
command line treat every error alike; both mean nothing was sent.
"""

from __future__ import annotations

from mpesa_desktop.errors import KnownError


class DuplicateError(KnownError):
    """An identical payout or reversal is already in flight (or its outcome is not yet known), or
    an identical payout completed within the repeat window and this one was not marked a repeat.

    ``reference`` is the ledger reference of the row that blocks this one, when there is one
    (None while the twin is still being written, e.g. a double click).
    """

    def __init__(self, message: str, reference: str | None = None):
        self.reference = reference
        super().__init__(message)


class GuardError(KnownError):
    """The profile's guard refused: money disabled, a cap exceeded, or the amount not retyped.

    ``field`` names the input concerned (``amount`` or ``confirmed_amount``); ``kind`` is one of
    ``money_disabled``, ``per_payment_cap``, ``daily_cap``, ``retype`` (the caller may ask the
    clerk to type the amount again and resubmit with ``confirmed_amount``).
    """

    def __init__(self, message: str, *, kind: str, field: str = "amount"):
        self.kind = kind
        self.field = field
        super().__init__(message)
