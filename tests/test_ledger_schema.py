"""Migrations by PRAGMA user_version: from an empty file and from every earlier version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mpesa_desktop.ledger import Filters, Ledger, NewerSchema, db as ledger_db, schema
from mpesa_desktop.ledger.db import SqliteBackend

# The SQLite backend's version and migration calls (they need no file of their own).
SQLITE_FILE = SqliteBackend(Path())


def tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}


def test_empty_file_migrates_to_the_latest_version(tmp_path):
    path = tmp_path / "new.sqlite3"
    with Ledger(path) as ledger:
        ledger.create("b2c", amount=10, party_b="254708374149")
    conn = sqlite3.connect(path)
    assert SQLITE_FILE.schema_version(conn) == schema.LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert {"transactions", "events", "callbacks", "meta", "balances"} <= tables(path)


def test_versions_are_numbered_one_by_one():
    assert len(schema.MIGRATIONS) == schema.LATEST_VERSION
    versions = [migration.version for migration in schema.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))


def test_connection_pragmas(tmp_path):
    conn = ledger_db.connect(tmp_path / "p.sqlite3")
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()


def fill_version_1(conn: sqlite3.Connection) -> None:
    """Rows as the version 1 code wrote them."""
    conn.execute(
        "INSERT INTO transactions (reference, operation, profile, status, amount, party_b, phone, "
        "operator, created_at, updated_at) VALUES ('ref-1', 'b2c', 'offline', 'accepted', 1500, "
        "'254708374149', '254708374149', 'clerk', '2026-01-05T08:00:00.000000Z', "
        "'2026-01-05T08:00:01.000000Z')"
    )
    conn.execute(
        "INSERT INTO events (transaction_id, seq, at, old_status, new_status, source) "
        "VALUES (1, 1, '2026-01-05T08:00:00.000000Z', NULL, 'sending', 'user'), "
        "(1, 2, '2026-01-05T08:00:01.000000Z', 'sending', 'accepted', 'ack')"
    )
    conn.execute("INSERT INTO meta (key, value) VALUES ('poller.cursor', '42')")


@pytest.mark.parametrize("start", [m.version for m in schema.MIGRATIONS[:-1]])
def test_earlier_version_with_data_migrates_and_keeps_everything(tmp_path, start):
    path = tmp_path / f"v{start}.sqlite3"
    conn = ledger_db.connect(path)
    schema.migrate(SQLITE_FILE, conn, target=start)
    assert SQLITE_FILE.schema_version(conn) == start
    fill_version_1(conn)
    conn.close()
    assert "balances" not in tables(path) or start >= 2

    with Ledger(path) as ledger:
        row = ledger.get("ref-1")
        assert (row.status, row.amount, row.operator) == ("accepted", 1500, "clerk")
        assert [e.new_status for e in ledger.events("ref-1")] == ["sending", "accepted"]
        assert ledger.get_meta("poller.cursor") == "42"
        # What the later versions added works on the migrated file.
        ledger.record_balances("ref-1", [{"account": "Working Account", "currency": "KES",
                                          "current": "1000.50"}])
        assert ledger.latest_balances()[0].account == "Working Account"
        ledger.transition("ref-1", "completed", source="callback", receipt="QKA1")
    conn = sqlite3.connect(path)
    assert SQLITE_FILE.schema_version(conn) == schema.LATEST_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_migration_is_all_or_nothing(tmp_path):
    path = tmp_path / "half.sqlite3"
    conn = ledger_db.connect(path)
    schema.migrate(SQLITE_FILE, conn, target=1)
    conn.execute("CREATE TABLE balances (x)")  # makes step 2 fail half-way
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(SQLITE_FILE, conn)
    assert SQLITE_FILE.schema_version(conn) == 1
    assert not [name for name, _ in schema.secondary_indexes(conn, "transactions")
                if name == "transactions_retry_of"]
    conn.close()


def test_a_newer_file_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(NewerSchema, match="newer mpesa-desktop"):
        Ledger(path)
    assert tables(path) == set()


@pytest.mark.parametrize("start", [1, 2])
def test_version_3_keeps_kenyan_times_and_indexes_the_text_of_older_rows(tmp_path, start):
    path = tmp_path / f"v{start}.sqlite3"
    conn = ledger_db.connect(path)
    schema.migrate(SQLITE_FILE, conn, target=start)
    fill_version_1(conn)
    conn.execute("UPDATE transactions SET remarks = 'Casual wages, March' WHERE id = 1")
    conn.close()

    with Ledger(path) as ledger:
        assert [row.reference for row in ledger.query(Filters(text="WAGES"))] == ["ref-1"]
        assert ledger.query(Filters(text="weekly")) == []
        ledger.transition("ref-1", "completed", source="callback", counterparty="Amina Odhiambo")
        assert [row.reference for row in ledger.query(Filters(text="odhiam"))] == ["ref-1"]
        ledger.create("b2c", reference="ref-2", amount=5, party_b="254708374149",
                      remarks="Weekly wages")
        assert [row.reference for row in ledger.query(Filters(text="weekly"))] == ["ref-2"]
    conn = sqlite3.connect(path)
    created, updated = conn.execute(
        "SELECT created_eat, updated_eat FROM transactions WHERE reference = 'ref-1'"
    ).fetchone()
    assert created == "2026-01-05T11:00:00+03:00"
    assert updated > "2026-01-05T11:00:01+03:00"  # changed by the transition, in Kenyan time
    assert conn.execute("SELECT count(*) FROM transactions WHERE created_eat IS NULL "
                        "OR updated_eat IS NULL").fetchone()[0] == 0
    assert conn.execute(
        f"INSERT INTO {schema.TEXT_INDEX} ({schema.TEXT_INDEX}, rank) VALUES ('integrity-check', 1)"
    ).rowcount == 1  # raises when the index disagrees with the rows
    conn.close()
