"""The Today tab's balance line (``services.today.balance_history``) on both backends: a day's
balance is the total available of the last Account Balance result recorded that Kenyan day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from mpesa_desktop.ledger import Ledger
from mpesa_desktop.services.today import balance_history


def test_a_days_balance_is_its_last_result_summed_over_accounts(ledger_location):
    now = [datetime(2026, 11, 30, 20, 0, tzinfo=UTC)]  # 23:00 in Nairobi, 30 November
    with Ledger(ledger_location, clock=lambda: now[0]) as ledger:
        ledger.record_balances("r1", [{"account": "Working", "available": "100.00"},
                                      {"account": "Utility", "available": "50.00"}])
        now[0] = datetime(2026, 11, 30, 20, 30, tzinfo=UTC)  # later that day: this one counts
        ledger.record_balances("r2", [{"account": "Working", "available": "120.00"},
                                      {"account": "Utility", "available": "60.50"}])
        now[0] = datetime(2026, 11, 30, 21, 30, tzinfo=UTC)  # 00:30 on 1 December in Nairobi
        ledger.record_balances("r3", [{"account": "Working", "available": "7.00"}])
        history = dict(balance_history(ledger, date(2026, 12, 1), days=3))
    assert history == {date(2026, 11, 29): None, date(2026, 11, 30): Decimal("180.50"),
                       date(2026, 12, 1): Decimal("7.00")}
