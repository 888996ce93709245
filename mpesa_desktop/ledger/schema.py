"""The ledger's tables and their migrations, numbered by ``PRAGMA user_version``.

Each migration is a list of statements applied in one transaction together with the new
``user_version``, so a file is always at exactly one version. Migrations are append-only: a
released step is never edited; a change is a new step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from mpesa_desktop.ledger import keyed
from mpesa_desktop.ledger.db import transaction
from mpesa_desktop.ledger.keyed import IN_FLIGHT_SQL
from mpesa_desktop.ledger.statuses import LedgerError


@dataclass(frozen=True)
class Migration:
    """One step: its statements, then ``then(connection)`` when given, in one transaction."""

    version: int
    description: str
    statements: tuple[str, ...]
    then: Callable[[sqlite3.Connection], object] | None = None


_V1 = Migration(
    1,
    "transactions, events, callbacks, meta and the filter indexes",
    (
        """CREATE TABLE transactions (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            operation TEXT NOT NULL,
            profile TEXT NOT NULL,
            status TEXT NOT NULL,
            amount INTEGER CHECK (amount IS NULL OR amount >= 0),
            party_a TEXT,
            party_b TEXT,
            phone TEXT,
            account_reference TEXT,
            remarks TEXT,
            conversation_id TEXT,
            originator_conversation_id TEXT,
            checkout_request_id TEXT,
            merchant_request_id TEXT,
            receipt TEXT,
            result_code TEXT,
            result_desc TEXT,
            counterparty TEXT,
            operator TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            request_body TEXT,
            retry_of TEXT REFERENCES transactions(reference)
        )""",
        """CREATE TABLE events (
            transaction_id INTEGER NOT NULL REFERENCES transactions(id),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            old_status TEXT,
            new_status TEXT NOT NULL,
            source TEXT NOT NULL,
            payload TEXT,
            PRIMARY KEY (transaction_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE callbacks (
            id INTEGER PRIMARY KEY,
            received_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            reference TEXT,
            payload TEXT NOT NULL
        )""",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
        "CREATE INDEX transactions_created ON transactions (created_at)",
        "CREATE INDEX transactions_status ON transactions (status, created_at)",
        "CREATE INDEX transactions_operation ON transactions (operation, created_at)",
        "CREATE INDEX transactions_phone ON transactions (phone, created_at) "
        "WHERE phone IS NOT NULL",
        "CREATE INDEX transactions_receipt ON transactions (receipt) "
        "WHERE receipt IS NOT NULL",
        "CREATE INDEX transactions_amount ON transactions (amount)",
        "CREATE INDEX transactions_originator ON transactions (originator_conversation_id) "
        "WHERE originator_conversation_id IS NOT NULL",
        "CREATE INDEX transactions_conversation ON transactions (conversation_id) "
        "WHERE conversation_id IS NOT NULL",
        "CREATE INDEX transactions_checkout ON transactions (checkout_request_id) "
        "WHERE checkout_request_id IS NOT NULL",
        "CREATE INDEX transactions_merchant ON transactions (merchant_request_id) "
        "WHERE merchant_request_id IS NOT NULL",
    ),
)

_V2 = Migration(
    2,
    "balances per account, and an index for re-sends",
    (
        """CREATE TABLE balances (
            id INTEGER PRIMARY KEY,
            reference TEXT,
            recorded_at TEXT NOT NULL,
            account TEXT NOT NULL,
            currency TEXT NOT NULL,
            current TEXT,
            available TEXT,
            reserved TEXT,
            uncleared TEXT
        )""",
        "CREATE INDEX balances_recorded ON balances (recorded_at, id)",
        "CREATE INDEX transactions_retry_of ON transactions (retry_of) "
        "WHERE retry_of IS NOT NULL",
    ),
)

# Free-text search (queries.py): a trigram index, so "contains" needs no scan of the table. An
# external-content FTS5 table (the text stays in ``transactions``); detail=none and columnsize=0
# keep it small and quick to build (nothing here ranks): a match is a candidate, which the exact
# LIKE test then confirms. The reference (a UUID: many distinct trigrams, slow to index) is
# matched from its start, through its own index.
TEXT_INDEX = "transactions_text"
TEXT_INDEXED_COLUMNS = (
    "remarks", "party_a", "party_b", "account_reference", "receipt", "counterparty",
)


def eat_time_sql(column: str) -> str:
    """SQL turning a stored UTC time into ISO 8601 Kenyan time in whole seconds, cut (not rounded:
    SQLite would round 50.9996 up to 51): ``2026-11-28T07:31:50+03:00``."""
    return f"strftime('%Y-%m-%dT%H:%M:%S', substr({column}, 1, 19), '+3 hours') || '+03:00'"


# The text columns a CSV export may hold. ``plain_cells`` is 1 when none of them starts below "0"
# ("+", "-", tab and CR sort below "0": the export's formula guard is needed only there) or holds
# a NUL character, 0 when one does, NULL when not known; the export writes the rows that are 1
# as SQLite formats them and looks at the others in Python.
CELL_COLUMNS = (
    "reference", "operation", "status", "phone", "party_a", "party_b", "account_reference",
    "remarks", "receipt", "counterparty", "result_code", "result_desc", "conversation_id",
    "originator_conversation_id", "checkout_request_id", "merchant_request_id", "operator",
    "profile", "retry_of",
)


def plain_cells_sql(columns: tuple[str, ...], prefix: str = "") -> str:
    """SQL true when no text cell of ``columns`` starts below "0" (one ``min`` over them) nor
    holds a NUL character."""
    starts = ", ".join(f"coalesce({prefix}{column}, '0')" for column in columns)
    smallest = f"min({starts})" if len(columns) > 1 else starts
    joined = " || ".join(f"coalesce({prefix}{column}, '')" for column in columns)
    return f"({smallest} >= '0' AND instr({joined}, char(0)) = 0)"


def _text_values(prefix: str) -> str:
    return ", ".join(f"{prefix}{column}" for column in TEXT_INDEXED_COLUMNS)


_TEXT_COLUMNS_SQL = ", ".join(TEXT_INDEXED_COLUMNS)
_V3 = Migration(
    3,
    "for the CSV export, Kenyan-time copies of the times and whether the row's text cells are "
    "plain; a trigram index for text search; all kept up to date by triggers",
    (
        "ALTER TABLE transactions ADD COLUMN created_eat TEXT",
        "ALTER TABLE transactions ADD COLUMN updated_eat TEXT",
        "ALTER TABLE transactions ADD COLUMN plain_cells INTEGER",
        f"UPDATE transactions SET created_eat = {eat_time_sql('created_at')}, "
        f"updated_eat = {eat_time_sql('updated_at')}, "
        f"plain_cells = {plain_cells_sql(CELL_COLUMNS)}",
        f"CREATE VIRTUAL TABLE {TEXT_INDEX} USING fts5({_TEXT_COLUMNS_SQL}, "
        "content='transactions', content_rowid='id', tokenize='trigram', detail='none', "
        "columnsize=0)",
        # Indexing a big log at once: merge segments less while it runs, then FTS5's defaults.
        f"INSERT INTO {TEXT_INDEX} ({TEXT_INDEX}, rank) VALUES ('automerge', 0)",
        f"INSERT INTO {TEXT_INDEX} ({TEXT_INDEX}, rank) VALUES ('crisismerge', 64)",
        f"INSERT INTO {TEXT_INDEX} (rowid, {_TEXT_COLUMNS_SQL}) "
        f"SELECT id, {_TEXT_COLUMNS_SQL} FROM transactions",
        f"INSERT INTO {TEXT_INDEX} ({TEXT_INDEX}, rank) VALUES ('automerge', 4)",
        f"INSERT INTO {TEXT_INDEX} ({TEXT_INDEX}, rank) VALUES ('crisismerge', 16)",
        f"""CREATE TRIGGER transactions_inserted AFTER INSERT ON transactions BEGIN
            UPDATE transactions SET created_eat = {eat_time_sql('new.created_at')},
                updated_eat = {eat_time_sql('new.updated_at')},
                plain_cells = {plain_cells_sql(CELL_COLUMNS, 'new.')} WHERE id = new.id;
            INSERT INTO {TEXT_INDEX} (rowid, {_TEXT_COLUMNS_SQL})
                VALUES (new.id, {_text_values('new.')});
        END""",
        f"""CREATE TRIGGER transactions_times_updated AFTER UPDATE OF created_at, updated_at
        ON transactions BEGIN
            UPDATE transactions SET created_eat = {eat_time_sql('new.created_at')},
                updated_eat = {eat_time_sql('new.updated_at')} WHERE id = new.id;
        END""",
        f"""CREATE TRIGGER transactions_cells_updated AFTER UPDATE OF {', '.join(CELL_COLUMNS)}
        ON transactions BEGIN
            UPDATE transactions SET plain_cells = {plain_cells_sql(CELL_COLUMNS, 'new.')}
                WHERE id = new.id;
        END""",
        f"""CREATE TRIGGER transactions_text_updated AFTER UPDATE OF {_TEXT_COLUMNS_SQL}
        ON transactions BEGIN
            INSERT INTO {TEXT_INDEX} ({TEXT_INDEX}, rowid, {_TEXT_COLUMNS_SQL})
                VALUES ('delete', old.id, {_text_values('old.')});
            INSERT INTO {TEXT_INDEX} (rowid, {_TEXT_COLUMNS_SQL})
                VALUES (new.id, {_text_values('new.')});
        END""",
        f"""CREATE TRIGGER transactions_deleted AFTER DELETE ON transactions BEGIN
            INSERT INTO {TEXT_INDEX} ({TEXT_INDEX}, rowid, {_TEXT_COLUMNS_SQL})
                VALUES ('delete', old.id, {_text_values('old.')});
        END""",
    ),
)

# Exactly once (DESIGN.md 3.4): the duplicate rule lives in the file (``keyed``). Version 4 wrote
# the keyed operations out here; version 6 reads them from the table ``keyed_operations``.
# Changing the statuses in flight takes a new step re-creating the trigger and index.
IN_FLIGHT_KEY_INDEX = "transactions_in_flight_key"
KEY_TRIGGER = "transactions_keyed"
_V4_KEYED_PAYOUTS = ("b2b", "b2c", "tax_remittance")


def _v4_duplicate_key_sql(prefix: str) -> str:
    """Version 4's key, as released (``keyed.duplicate_key_sql`` is the key since version 6)."""
    operations = ", ".join(f"'{operation}'" for operation in _V4_KEYED_PAYOUTS)
    return (
        f"CASE WHEN {prefix}operation = 'reversal' AND {prefix}account_reference IS NOT NULL "
        f"THEN json_array({prefix}operation, {prefix}account_reference) "
        f"WHEN {prefix}operation IN ({operations}) AND {prefix}amount IS NOT NULL "
        f"THEN json_array({prefix}operation, {prefix}party_a, {prefix}party_b, {prefix}amount, "
        f"{prefix}account_reference) END"
    )


_V4 = Migration(
    4,
    "exactly once: a payout's duplicate key, unique among the rows in flight; the owner of a "
    "row being sent, and the leases of the processes sending rows",
    (
        "ALTER TABLE transactions ADD COLUMN duplicate_key TEXT",
        "ALTER TABLE transactions ADD COLUMN owner TEXT",
        # Rows already in flight keep blocking a twin: the oldest of each payout gets its key. An
        # older log may hold twins in flight already; the younger ones keep no key (NULL), so the
        # unique index can be built. Settled rows keep none either: they block nothing.
        f"UPDATE transactions SET duplicate_key = {_v4_duplicate_key_sql('')} "
        f"WHERE status IN ({IN_FLIGHT_SQL}) AND id = (SELECT min(twin.id) FROM transactions twin "
        f"WHERE twin.status IN ({IN_FLIGHT_SQL}) "
        f"AND {_v4_duplicate_key_sql('twin.')} = {_v4_duplicate_key_sql('transactions.')})",
        f"CREATE UNIQUE INDEX {IN_FLIGHT_KEY_INDEX} ON transactions (duplicate_key) "
        f"WHERE status IN ({IN_FLIGHT_SQL})",
        f"""CREATE TRIGGER {KEY_TRIGGER} AFTER INSERT ON transactions
        WHEN {_v4_duplicate_key_sql('new.')} IS NOT NULL BEGIN
            UPDATE transactions SET duplicate_key = {_v4_duplicate_key_sql('new.')}
                WHERE id = new.id;
        END""",
        # One row per open Ledger that has written a ``sending`` row (``ledger.leases``).
        """CREATE TABLE leases (
            owner TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started TEXT,
            heartbeat_at TEXT NOT NULL
        ) WITHOUT ROWID""",
    ),
)

# Settling what is uncertain (``ledger.settling``): each open row's status-query schedule, shared
# by every process (when it may be asked about next, how often it was, when it last was: the log's
# questions of the last minute are counted by that), when Transaction Status first found no such
# request, and an index to find the callbacks kept about a row.
_V5 = Migration(
    5,
    "settling what is uncertain: the status-query back-off of each open row, shared by every "
    "process; the first 'no such transaction' answer; the callbacks kept about a row",
    (
        "ALTER TABLE transactions ADD COLUMN next_query_at TEXT",
        "ALTER TABLE transactions ADD COLUMN last_query_at TEXT",
        "ALTER TABLE transactions ADD COLUMN queries_sent INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE transactions ADD COLUMN first_not_found_at TEXT",
        "CREATE INDEX transactions_last_query ON transactions (last_query_at) "
        "WHERE last_query_at IS NOT NULL",
        "CREATE INDEX callbacks_reference ON callbacks (reference) WHERE reference IS NOT NULL",
    ),
)

# The keyed operations, and how each is keyed, in the file: filled from the catalogue in this
# step's transaction and brought up to date on every opening (``keyed.sync``), so a keyed
# operation added to the catalogue needs no migration. The trigger looks the operation up there.
_V6 = Migration(
    6,
    "the keyed operations in a table filled from the catalogue; the duplicate key's trigger "
    "reads it",
    (
        f"""CREATE TABLE {keyed.TABLE} (
            operation TEXT PRIMARY KEY,
            key TEXT NOT NULL CHECK (key IN ('payment', 'receipt'))
        ) WITHOUT ROWID""",
        # As version 4 keyed them; ``keyed.fill`` then applies what the catalogue declares.
        f"INSERT INTO {keyed.TABLE} (operation, key) VALUES "
        + ", ".join(f"('{operation}', 'payment')" for operation in _V4_KEYED_PAYOUTS)
        + ", ('reversal', 'receipt')",
        f"DROP TRIGGER {KEY_TRIGGER}",
        f"""CREATE TRIGGER {KEY_TRIGGER} AFTER INSERT ON transactions
        WHEN new.operation IN (SELECT operation FROM {keyed.TABLE}) BEGIN
            UPDATE transactions SET duplicate_key = {keyed.duplicate_key_sql('new.')}
                WHERE id = new.id;
        END""",
    ),
    then=keyed.fill,
)

# The repeat rule (``ledger.repeats``): a new payout looks for an identical one completed within
# the repeat window, inside its write transaction; the completed rows are found by their key.
_V7 = Migration(
    7,
    "the repeat rule: completed payouts found by their duplicate key",
    (
        "CREATE INDEX transactions_completed_key ON transactions (duplicate_key, created_at) "
        "WHERE status = 'completed' AND duplicate_key IS NOT NULL",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
LATEST_VERSION = MIGRATIONS[-1].version
# Rows sampled per index by ANALYZE: statistics in milliseconds, even at a million rows.
ANALYSIS_LIMIT = 1000


class NewerSchema(LedgerError):
    """The file was written by a newer mpesa-desktop than this one."""


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the file to ``target`` one step at a time, then (from version 6) its keyed
    operations to the catalogue's; returns the version it was at before."""
    start = version(conn)
    if start > LATEST_VERSION:
        raise NewerSchema(
            f"this log was written by a newer mpesa-desktop (schema {start}, this one knows up "
            f"to {LATEST_VERSION}); update the app to open it"
        )
    for migration in MIGRATIONS:
        if start < migration.version <= target:
            with transaction(conn):
                # Re-read inside the write lock: another process may have migrated meanwhile.
                if version(conn) >= migration.version:
                    continue
                for statement in migration.statements:
                    conn.execute(statement)
                if migration.then is not None:
                    migration.then(conn)
                conn.execute(f"PRAGMA user_version = {migration.version}")
    if target >= _V6.version:
        keyed.sync(conn)
    return start


def secondary_indexes(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """``(name, CREATE INDEX sql)`` of ``table``'s own indexes (not the UNIQUE constraint's)."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL ORDER BY name",
        {"table": table},
    )
    return [(name, sql) for name, sql in rows]


def triggers(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """``(name, CREATE TRIGGER sql)`` of the triggers on ``table``."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :table "
        "ORDER BY name",
        {"table": table},
    )
    return [(name, sql) for name, sql in rows]


def ensure_statistics(conn: sqlite3.Connection) -> None:
    """Give the query planner statistics when the file has none (a sampled ANALYZE, a few
    milliseconds). Without them SQLite may, say, walk every 'completed' row to find one phone's.
    """
    has_stats = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    ).fetchone() and conn.execute(
        "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'transactions' LIMIT 1"
    ).fetchone()
    if not has_stats:
        conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        conn.execute("ANALYZE transactions")
