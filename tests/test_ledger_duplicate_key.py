"""The duplicate rule in the file (schema v4, and v6: the keyed operations come from the
catalogue): a payout identical to one in flight cannot be written, by the Ledger or by any other
client or process of the file, and an older log migrates even when it already holds twins."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mpesa_desktop.catalogue import KEYED, PAYOUTS
from mpesa_desktop.ledger import STATUSES, DuplicateRow, Ledger, db as ledger_db, schema
from mpesa_desktop.ledger.db import SqliteBackend
from mpesa_desktop.ledger.statuses import KEY_HELD
from tests.raw_sql import INTEGRITY_ERRORS, run_sql

# The SQLite backend's version and migration calls (they need no file of their own).
SQLITE_FILE = SqliteBackend(Path())

PAYEE = "254708374149"


def raw_insert(location, reference: str, status: str, *, operation: str = "b2c",
               amount: int = 500, party_b: str = PAYEE, account_reference: str | None = None
               ) -> None:
    """A row written by another client of the log, straight in SQL (no Ledger)."""
    run_sql(
        location,
        "INSERT INTO transactions (reference, operation, profile, status, amount, "
        "party_a, party_b, account_reference, operator, created_at, updated_at) VALUES "
        "(:reference, :operation, 'offline', :status, :amount, '600000', :party_b, "
        ":account_reference, 'script', '2026-01-05T08:00:00.000000Z', "
        "'2026-01-05T08:00:00.000000Z')",
        {"reference": reference, "operation": operation, "status": status,
         "amount": amount, "party_b": party_b, "account_reference": account_reference},
    )


def keyed_in_file(location) -> dict[str, str]:
    return dict(run_sql(location, "SELECT operation, key FROM keyed_operations"))


def test_the_file_keys_the_payouts_as_the_catalogue_declares(ledger):
    assert keyed_in_file(ledger.location) == {name: key.value for name, key in KEYED.items()}
    assert set(keyed_in_file(ledger.location)) == PAYOUTS


CHILD = """
import json, sys
from mpesa_desktop.ledger import DuplicateRow, Ledger
with Ledger(sys.argv[1], operator="desk-2") as ledger:
    try:
        row = ledger.create("b2pochi", amount=500, party_a="600000", party_b=sys.argv[2])
        print(json.dumps({"written": row.reference}))
    except DuplicateRow as refused:
        print(json.dumps({"refused": refused.twin.reference}))
"""


def create_in_another_process(path, party_b: str = PAYEE) -> dict[str, str]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), party_b], check=True,
                          capture_output=True, text=True, timeout=60)
    return json.loads(done.stdout)


def test_a_b2pochi_twin_in_flight_is_refused_by_another_connection_and_another_process(ledger):
    first = ledger.create("b2pochi", amount=500, party_a="600000", party_b=PAYEE)
    with pytest.raises(INTEGRITY_ERRORS):
        raw_insert(ledger.location, "twin", "sending", operation="b2pochi")
    assert create_in_another_process(ledger.location) == {"refused": first.reference}
    assert ledger.summary()[0] == 1
    # Another payee is another payment; a B2C of the same payee and amount is another operation.
    assert "written" in create_in_another_process(ledger.location, "254708374150")
    assert ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE).in_flight
    ledger.transition(first.reference, "rejected", source="ack")
    assert "written" in create_in_another_process(ledger.location)


def test_a_version_5_log_migrates_and_keeps_refusing_twins(tmp_path):
    path = tmp_path / "v5.sqlite3"
    conn = ledger_db.connect(path)
    schema.migrate(SQLITE_FILE, conn, target=5)
    conn.close()
    raw_insert(path, "b2c-paid", "completed")
    raw_insert(path, "b2c-open", "accepted")
    raw_insert(path, "reversal", "unknown", operation="reversal", amount=10,
               account_reference="QKA1B2C3D4")
    # Version 5 keyed B2C, B2B, tax and reversals as they were written; a build that declared
    # B2Pochi before version 6 wrote its rows with no key (twins too).
    raw_insert(path, "pochi-paid", "completed", operation="b2pochi", amount=700)
    raw_insert(path, "pochi-oldest", "unknown", operation="b2pochi")
    raw_insert(path, "pochi-younger", "accepted", operation="b2pochi")

    with Ledger(path) as ledger:
        conn = sqlite3.connect(path)
        assert SQLITE_FILE.schema_version(conn) == schema.LATEST_VERSION
        keys = dict(conn.execute("SELECT reference, duplicate_key FROM transactions"))
        conn.close()
        assert keys == {
            "b2c-paid": '["b2c","600000","254708374149",500,null]',
            "b2c-open": '["b2c","600000","254708374149",500,null]',
            "reversal": '["reversal","QKA1B2C3D4"]',
            "pochi-paid": '["b2pochi","600000","254708374149",700,null]',
            "pochi-oldest": '["b2pochi","600000","254708374149",500,null]',
            "pochi-younger": None,
        }
        for operation, twin in (("b2c", "b2c-open"), ("b2pochi", "pochi-oldest")):
            with pytest.raises(DuplicateRow) as caught:
                ledger.create(operation, amount=500, party_a="600000", party_b=PAYEE)
            assert caught.value.twin.reference == twin
            with pytest.raises(INTEGRITY_ERRORS):
                raw_insert(path, f"{operation}-raw-twin", "sending", operation=operation)
        with pytest.raises(DuplicateRow):
            ledger.create("reversal", amount=10, account_reference="QKA1B2C3D4")
        for reference in ("pochi-oldest", "pochi-younger"):
            ledger.transition(reference, "failed", source="poll")
        assert ledger.create("b2pochi", amount=500, party_a="600000", party_b=PAYEE).in_flight


def test_a_keyed_operation_the_file_lacks_is_keyed_on_opening_without_a_migration(tmp_path):
    """What a catalogue declaring a new keyed operation does to a file at the latest version:
    the file here lacks B2Pochi, as one written before its declaration would, and holds a
    B2Pochi row; opening it keys that operation and its row, and the file's version stays."""
    path = tmp_path / "log.sqlite3"
    Ledger(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM keyed_operations WHERE operation = 'b2pochi'")
        conn.execute("INSERT INTO keyed_operations VALUES ('b2b_express', 'payment')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # only the kinds of key we have
        conn.execute("INSERT INTO keyed_operations VALUES ('b2b_ratiba', 'standing')")
    conn.close()
    raw_insert(path, "pochi", "accepted", operation="b2pochi")

    with Ledger(path) as ledger:
        with pytest.raises(DuplicateRow) as caught:
            ledger.create("b2pochi", amount=500, party_a="600000", party_b=PAYEE)
        assert caught.value.twin.reference == "pochi"
    assert keyed_in_file(path) == {  # an operation only a newer build knows is left alone
        **{name: key.value for name, key in KEYED.items()}, "b2b_express": "payment"}
    conn = sqlite3.connect(path)
    assert SQLITE_FILE.schema_version(conn) == schema.LATEST_VERSION
    conn.close()


def test_a_raw_sql_twin_of_a_payout_in_flight_is_refused(ledger):
    first = ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE)
    with pytest.raises(INTEGRITY_ERRORS):
        raw_insert(ledger.location, "twin", "sending")
    assert ledger.get("twin") is None
    # Another amount or another payee is another payment.
    raw_insert(ledger.location, "other-amount", "sending", amount=501)
    raw_insert(ledger.location, "other-payee", "sending", party_b="254708374150")
    with pytest.raises(DuplicateRow) as caught:
        ledger.create("b2c", amount=500, party_a="600000", party_b=PAYEE)
    assert caught.value.twin.reference == first.reference
    assert caught.value.twin.status == "sending"


@pytest.mark.parametrize("status", STATUSES)
def test_a_twin_is_refused_exactly_while_the_first_is_in_flight(ledger, status):
    """In flight, or awaiting approval: both hold the payout's key."""
    raw_insert(ledger.location, "first", status)
    if status in KEY_HELD:
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
    schema.migrate(SQLITE_FILE, conn, target=3)
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
