"""Which operations bring money in, which send it out, and which only check or set up.

Derived from the catalogue, never written out again: money out is its payouts; money in is
every other money operation (STK push, asked of the customer) plus the customer payments the ledger
records (``ledger.INCOMING_OPERATION``); the rest of the catalogue's operations are
checks and set-up: balance, status and STK queries, C2B URL registration and simulation.
"""

from __future__ import annotations

from mpesa_desktop.catalogue import MONEY_OPERATIONS, OPERATIONS, PAYOUTS
from mpesa_desktop.ledger import INCOMING_OPERATION

MONEY_OUT: frozenset[str] = PAYOUTS
MONEY_IN: frozenset[str] = (MONEY_OPERATIONS - PAYOUTS) | {INCOMING_OPERATION}
PAYMENTS: frozenset[str] = MONEY_IN | MONEY_OUT
# Every operation the log may hold: payments first (in, then out), then checks and set-up, each
# in Daraja's order.
LOGGED_OPERATIONS: tuple[str, ...] = (
    INCOMING_OPERATION,
    *(name for name in OPERATIONS if name in MONEY_IN),
    *(name for name in OPERATIONS if name in MONEY_OUT),
    *(name for name in OPERATIONS if name not in PAYMENTS),
)
HOUSEKEEPING: frozenset[str] = frozenset(LOGGED_OPERATIONS) - PAYMENTS
