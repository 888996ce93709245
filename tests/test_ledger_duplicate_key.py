"""The duplicate rule in the file (schema v4): a payout identical to one in flight cannot be
written, by the Ledger or by any other client of the file, and an older log migrates even when
it already holds twins."""

from __future__ import annotations

import sqlite3

import pytest

from mpesa_desktop.catalogue import PAYOUTS
from mpesa_desktop.ledger import IN_FLIGHT, STATUSES, DuplicateRow, Ledger, schema
from mpesa_desktop.ledger import db as ledger_db

PAYEE = "254708374149"


def raw_insert(path, reference: str, status: str, *, operation: str = "b2c", amount: int = 500,
               party_b: str = PAYEE, account_reference: str | None = None) -> None:
    """A row written by another client of the file, straight in SQL (no Ledger)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO transactions (reference, operation, profile, status, amount, "
                "party_a, party_b, account_reference, operator, created_at, updated_at) VALUES "
                "(:reference, :operation, 'offline', :status, :amount, '600000', :party_b, "
                ":account_reference, 'script', '2026-01-05T08:00:00.000000Z', "
                "'2026-01-05T08:00:00.000000Z')",
                {"reference": reference, "operation": operation, "status": status,
                 "amount": amount, "party_b": party_b, "account_reference": account_reference},
            )
    finally:
        conn.close()


def test_the_keyed_operations_are_the_payouts():
    # B2Pochi is keyed from schema v6, which keys every payout the catalogue declares.
    assert {*schema.KEYED_PAYOUTS, "reversal"} == PAYOUTS - {"b2pochi"}


def test_a_raw_sql_twin_of_a_payout_in_flight_is_refused(ledger):
    first = ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw_insert(ledger.path, "twin", "sending")
    assert ledger.get("twin") is None
    # Another amount or another payee is another payment.
    raw_insert(ledger.path, "other-amount", "sending", amount=501)
    raw_insert(ledger.path, "other-payee", "sending", party_b="254708374150")
    with pytest.raises(DuplicateRow) as caught:
        ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE)
    assert caught.value.twin.reference == first.reference
    assert caught.value.twin.status == "sending"


@pytest.mark.parametrize("status", STATUSES)
def test_a_twin_is_refused_exactly_while_the_first_is_in_flight(ledger, status):
    raw_insert(ledger.path, "first", status)
    if status in IN_FLIGHT:
        with pytest.raises(DuplicateRow) as caught:
            ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE)
        assert (caught.value.twin.reference, caught.value.twin.status) == ("first", status)
        assert ledger.summary()[0] == 1
    else:
        again = ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE)
        assert again.status == "sending"


def test_once_the_first_is_settled_the_same_payout_may_be_sent(ledger):
    first = ledger.create("b2c", amount=500, party_b=PAYEE)
    ledger.transition(first.reference, "accepted", source="ack")
    with pytest.raises(DuplicateRow):
        ledger.create("b2c", amount=500, party_b=PAYEE)
    ledger.transition(first.reference, "completed", source="callback")
    assert ledger.create("b2c", amount=500, party_b=PAYEE).status == "sending"


def test_a_reversal_is_keyed_by_the_receipt_it_reverses(ledger):
    ledger.create("reversal", amount=100, party_a="174379", account_reference="QKA1B2C3D4")
    with pytest.raises(DuplicateRow):
        ledger.create("reversal", amount=90, party_a="600000", account_reference="QKA1B2C3D4")
    ledger.create("reversal", amount=100, party_a="174379", account_reference="QKA1B2C3D5")


def test_other_operations_are_not_keyed(ledger):
    for _ in range(2):
        ledger.create("stk_push", amount=10, party_a=PAYEE, phone=PAYEE)
        ledger.create("transaction_status", party_a="600000", account_reference="QKA1")
        ledger.create("account_balance", party_a="600000")
    assert ledger.summary()[0] == 6


def test_a_draft_becomes_sending_only_when_no_twin_is_in_flight(ledger):
    draft = ledger.create("b2c", amount=500, party_b=PAYEE, draft=True)
    first = ledger.create("b2c", amount=500, party_b=PAYEE)  # a draft is not in flight
    with pytest.raises(DuplicateRow) as caught:
        ledger.transition(draft.reference, "sending", source="user")
    assert caught.value.twin.reference == first.reference
    assert ledger.get(draft.reference).status == "draft"
    ledger.transition(first.reference, "rejected", source="ack")
    assert ledger.transition(draft.reference, "sending", source="user").status == "sending"


def test_an_older_log_holding_twins_in_flight_migrates_and_the_oldest_blocks(tmp_path):
    path = tmp_path / "v3.sqlite3"
    conn = ledger_db.connect(path)
    schema.migrate(conn, target=3)
    conn.close()
    raw_insert(path, "settled", "completed")  # version 3 wrote these, with no key
    raw_insert(path, "oldest", "unknown")
    raw_insert(path, "younger", "accepted")  # a twin paid by version 3's race
    raw_insert(path, "reversal", "accepted", operation="reversal", amount=10,
               account_reference="QKA1B2C3D4")

    with Ledger(path) as ledger:
        conn = sqlite3.connect(path)
        keys = dict(conn.execute("SELECT reference, duplicate_key FROM transactions"))
        conn.close()
        assert keys == {"settled": None, "oldest": '["b2c","600000","254708374149",500,null]',
                        "younger": None, "reversal": '["reversal","QKA1B2C3D4"]'}
        with pytest.raises(DuplicateRow) as caught:
            ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE)
        assert caught.value.twin.reference == "oldest"
        with pytest.raises(DuplicateRow):
            ledger.create("reversal", amount=10, account_reference="QKA1B2C3D4")
        # Both twins settle as before; then the payout may be sent again.
        for reference in ("oldest", "younger"):
            ledger.transition(reference, "failed", source="poll")
        assert ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE).in_flight


@pytest.mark.parametrize("operation", ["b2b", "tax_remittance"])
def test_bills_of_one_amount_to_one_paybill_with_other_accounts_are_two_payments(
        ledger, operation):
    """Two invoices (or two PRNs) of the same amount to the same paybill: both may be paid;
    the same account again is a twin."""
    ledger.create(operation, amount=2500, party_a="600000", party_b="572572",
                  account_reference="PRN-1")
    ledger.create(operation, amount=2500, party_a="600000", party_b="572572",
                  account_reference="PRN-2")
    with pytest.raises(DuplicateRow):
        ledger.create(operation, amount=2500, party_a="600000", party_b="572572",
                      account_reference="PRN-1")
