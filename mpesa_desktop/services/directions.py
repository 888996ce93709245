"""Which operations bring money in, which send it out, and which only check or set up.

Derived, never written out again: money out is the guard's payouts (``config.guard``); money in is
every other money operation (STK push, asked of the customer) plus the customer payments the ledger
records (``ledger.INCOMING_OPERATION``); the rest of Daraja's operations (``daraja.limits``) are
checks and set-up: balance, status and STK queries, C2B URL registration and simulation.
"""

from __future__ import annotations

from mpesa_desktop.config.guard import MONEY_OPERATIONS, PAYOUT_OPERATIONS
from mpesa_desktop.daraja.limits import OPERATIONS as DARAJA_OPERATIONS
from mpesa_desktop.ledger import INCOMING_OPERATION

MONEY_OUT: frozenset[str] = PAYOUT_OPERATIONS
MONEY_IN: frozenset[str] = (MONEY_OPERATIONS - PAYOUT_OPERATIONS) | {INCOMING_OPERATION}
PAYMENTS: frozenset[str] = MONEY_IN | MONEY_OUT
# Every operation the log may hold: payments first (in, then out), then checks and set-up, each
# in Daraja's order.
LOGGED_OPERATIONS: tuple[str, ...] = (
    INCOMING_OPERATION,
    *(name for name in DARAJA_OPERATIONS if name in MONEY_IN),
    *(name for name in DARAJA_OPERATIONS if name in MONEY_OUT),
    *(name for name in DARAJA_OPERATIONS if name not in PAYMENTS),
)
HOUSEKEEPING: frozenset[str] = frozenset(LOGGED_OPERATIONS) - PAYMENTS
