"""The duplicate rule's data: which operations are keyed, and how, as the catalogue declares them.

Exactly once (DESIGN.md 3.4): the duplicate rule lives in the file, so it holds for every process
and every client. A payout's key is what makes two payouts the same payment (``Key.PAYMENT``):
the operation, both parties, the amount and the account (a paybill's account number, a tax
payment's PRN: two bills of one amount to one paybill are two payments); a reversal's
(``Key.RECEIPT``), the receipt it reverses. Other operations (and a row without an amount or a
receipt, which pays nobody) have none. An AFTER INSERT trigger computes it (a client cannot leave
it out) and a unique index over the rows in flight (or awaiting approval) refuses a twin, in the
transaction that writes it (``schema``, versions 4, 6 and 9).

Since version 6 the trigger reads which operations are keyed, and how, from the table
``keyed_operations``, which every opening of the file brings to what the catalogue declares
(:func:`sync`): declaring a new keyed operation in the catalogue needs no migration. A new KIND
of key (a new ``Key``) does: its SQL is written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpesa_desktop.catalogue import KEYED, OPERATIONS, Key
from mpesa_desktop.ledger.dialect import SQLITE, Dialect
from mpesa_desktop.ledger.statuses import KEY_HELD

if TYPE_CHECKING:
    from mpesa_desktop.ledger.backend import Backend, Connection

TABLE = "keyed_operations"
KEY_COLUMNS = ("operation", "party_a", "party_b", "amount", "account_reference")
# The statuses in which a row holds its key (in flight, or awaiting approval): SQL.
HELD_SQL = ", ".join(f"'{status}'" for status in sorted(KEY_HELD))


def duplicate_key_sql(prefix: str, dialect: Dialect = SQLITE) -> str:
    """SQL of a row's duplicate key from the columns ``<prefix>operation`` and so on (``new.`` in
    a trigger, ``:`` for named parameters, ``transactions.`` in an UPDATE of that table); NULL
    for an operation that has none. A JSON array of the values (``dialect``: its text is each
    database's own, and only ever compared within one)."""
    p = prefix
    receipt = dialect.array((f"{p}operation", "text"), (f"{p}account_reference", "text"))
    payment = dialect.array((f"{p}operation", "text"), (f"{p}party_a", "text"),
                            (f"{p}party_b", "text"), (f"{p}amount", "bigint"),
                            (f"{p}account_reference", "text"))
    account = dialect.typed(f"{p}account_reference", "text")
    amount = dialect.typed(f"{p}amount", "bigint")
    return (
        f"(SELECT CASE WHEN keyed.key = '{Key.RECEIPT.value}' "
        f"AND {account} IS NOT NULL THEN {receipt} "
        f"WHEN keyed.key = '{Key.PAYMENT.value}' AND {amount} IS NOT NULL THEN {payment} END "
        f"FROM {TABLE} keyed WHERE keyed.operation = {p}operation)"
    )


def declared() -> dict[str, str]:
    """``{operation: key kind}`` of the operations the catalogue keys."""
    return {name: key.value for name, key in KEYED.items()}


def _changes(conn: Connection) -> dict[str, str | None]:
    """``{operation: key kind, or None for no key}`` where the file differs from the catalogue.
    An operation this version does not know (a newer version's) is left as it is."""
    wanted = declared()
    held = dict(conn.execute(f"SELECT operation, key FROM {TABLE}").fetchall())
    return {name: wanted.get(name) for name in OPERATIONS
            if wanted.get(name) != held.get(name)}


def fill(conn: Connection, dialect: Dialect = SQLITE) -> list[str]:
    """Bring ``keyed_operations`` to what the catalogue declares, inside the caller's write
    transaction, and key again the rows of each operation that changed: every settled row, and
    the oldest of each set of twins in flight (an older build may have let twins through; the
    younger keep no key, so the unique index holds). Returns the operations that changed."""
    changes = _changes(conn)
    for name, kind in changes.items():
        if kind is None:
            conn.execute(f"DELETE FROM {TABLE} WHERE operation = :name", {"name": name})
        else:
            conn.execute(
                f"INSERT INTO {TABLE} (operation, key) VALUES (:name, :kind) "
                "ON CONFLICT (operation) DO UPDATE SET key = excluded.key",
                {"name": name, "kind": kind},
            )
        conn.execute("UPDATE transactions SET duplicate_key = NULL WHERE operation = :name "
                     "AND duplicate_key IS NOT NULL", {"name": name})
        conn.execute(
            f"UPDATE transactions SET duplicate_key = "
            f"{duplicate_key_sql('transactions.', dialect)} "
            f"WHERE operation = :name AND (status NOT IN ({HELD_SQL}) OR id = "
            f"(SELECT min(twin.id) FROM transactions twin WHERE twin.operation = :name "
            f"AND twin.status IN ({HELD_SQL}) AND {duplicate_key_sql('twin.', dialect)} "
            f"= {duplicate_key_sql('transactions.', dialect)}))",
            {"name": name},
        )
    return list(changes)


def sync(backend: Backend, conn: Connection) -> None:
    """:func:`fill`, in a write transaction of its own, when the file differs from the catalogue
    (most openings only read the small table)."""
    if _changes(conn):
        with backend.transaction(conn):
            backend.serialize(conn, "schema")
            fill(conn, backend.dialect)
