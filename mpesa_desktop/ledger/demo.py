"""Synthetic but realistic history for training, demos and benchmarks (``demo-data --rows N``).

A mix of payouts, STK pushes, incoming C2B payments, B2B, reversals, balance and status checks,
spread over months up to now, with Kenyan names and phone numbers, amounts in whole shillings and
the event trail each row would have had. Every row is settled (completed, failed or rejected) so the
poller has nothing to chase.

Built for speed in constant memory at any size: rows are generated column-wise one batch at a
time (nothing holds every row), inserted with ``executemany`` in batches of ``BATCH_ROWS`` in ONE
transaction (so a kill leaves the file as it was), the secondary indexes and the triggers are
dropped first and rebuilt after (the text index takes the new rows in one statement, merging its
segments less while it does; the index builds sort in a small page cache, spilling to disk), and
each hour's time prefixes are formatted once. Peak memory: 135 MB for 500,000 rows, 160 MB for
2,000,000.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path

from mpesa_desktop.kenya import KRA_SHORTCODE
from mpesa_desktop.ledger import db, schema
from mpesa_desktop.ledger.received import INCOMING_OPERATION
from mpesa_desktop.ledger.records import utc_now
from mpesa_desktop.ledger.values import current_operator

BATCH_ROWS = 10_000
SORT_CACHE_KIB = 16 * 1024  # the page cache while the indexes are built (see ``generate``)
EAT_SECONDS = 3 * 3600
# Partial indexes of columns demo rows leave empty: the load adds nothing to them, so they stay
# (rebuilding one would read the whole table to find nothing).
UNTOUCHED_INDEXES = frozenset({
    "transactions_checkout", "transactions_merchant", "transactions_retry_of",
})
SHORTCODE = "600000"
TILL = "600100"

FIRST_NAMES = (
    "Wanjiku", "Otieno", "Achieng", "Kamau", "Njeri", "Mwangi", "Akinyi", "Kiprop", "Chebet",
    "Mutua", "Wambui", "Omondi", "Nyambura", "Kipchoge", "Auma", "Njoroge", "Jepkosgei", "Wafula",
    "Nekesa", "Barasa", "Moraa", "Onyango", "Zawadi", "Baraka", "Halima", "Abdi", "Fatuma",
    "Juma", "Mercy", "Brian", "Faith", "Kevin", "Grace", "Dennis", "Esther", "Peter", "Amina",
    "Daniel", "Lucy", "Hassan",
)
SURNAMES = (
    "Kariuki", "Odhiambo", "Wekesa", "Kiptoo", "Mohamed", "Njuguna", "Ochieng", "Maina",
    "Ruto", "Kibet", "Owino", "Kilonzo", "Mutiso", "Gitau", "Wairimu", "Nyaga", "Opiyo", "Korir",
    "Langat", "Cheruiyot", "Mwende", "Nduta", "Ali", "Omar", "Wanyama", "Simiyu", "Kimani",
    "Githinji", "Okoth", "Atieno",
)
BUSINESSES = (
    ("888880", "KPLC PREPAID"), ("247247", "EQUITY PAYBILL"), ("522522", "KCB PAYBILL"),
    ("200999", "NAIROBI WATER"), ("510800", "SAFARICOM HOME"), ("303030", "ABSA BANK"),
    ("600100", "DUKA LA MAMA"), (KRA_SHORTCODE, "KRA"),
)
PAYOUT_REMARKS = ("Salary", "Refund", "Promotion", "Commission", "Casual wages", "Bonus",
                  "Transport refund", "Supplier advance")
STK_ACCOUNTS = ("INV", "ORDER", "RENT", "FEES", "SUB")

# operation: (weight, low amount, high amount)
OPERATIONS = {
    "b2c": (44, 10, 150_000),
    "stk_push": (20, 1, 70_000),
    INCOMING_OPERATION: (14, 1, 250_000),
    "b2b": (8, 100, 500_000),
    "reversal": (3, 10, 50_000),
    "account_balance": (4, 0, 0),
    "transaction_status": (5, 0, 0),
    "tax_remittance": (2, 1_000, 300_000),
}
FAILURES = {
    "b2c": (("1", "The balance is insufficient for the transaction."),
            ("2040", "Credit Party customer type (Unregistered or Registered Customer) can't be "
                     "supported by the service."),
            ("2001", "The initiator information is invalid.")),
    "stk_push": (("1032", "Request cancelled by user"),
                 ("1037", "DS timeout user cannot be reached"),
                 ("2001", "The initiator information is invalid.")),
}
DEFAULT_FAILURE = (("1", "The balance is insufficient for the transaction."),)
REJECTION = ("400.002.02", "Bad Request - Invalid Amount")


def _customers(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``(phone, "FIRST SURNAME")`` pairs; numbers in the 07xx and 01xx ranges."""
    prefixes = ("2547", "2547", "2547", "2541")
    return [
        (f"{rng.choice(prefixes)}{rng.randrange(10**8):08d}",
         f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}")
        for _ in range(count)
    ]


def _rows(rng: random.Random, count: int, start: float, span: float, profile: str, operator: str):
    """Yield one insert tuple per row, oldest first (``epoch`` increases with the row).

    Written for speed (a million rows in a few seconds) and constant memory: the choices are
    drawn column-wise one chunk of ``BATCH_ROWS`` at a time and the loop only picks from them
    with ``random()`` (``choice`` costs ten times more).
    """
    customers = _customers(rng, max(50, min(20_000, count // 20 + 50)))
    names = list(OPERATIONS)
    weights = [OPERATIONS[n][0] for n in names]
    step = span / max(count, 1)
    # schema.plain_cells: every text this generator makes starts with a letter or a digit and
    # holds no NUL (a test holds it to that); the profile and operator names come from outside.
    plain = 1 if min(profile, operator) >= "0" and "\0" not in profile + operator else None
    times = _Times()
    chunks = max(1, -(-count // BATCH_ROWS))
    for chunk in range(chunks):
        first = chunk * BATCH_ROWS
        size = min(BATCH_ROWS, count - first)
        # Random uuid4 bits in sorted order: each chunk draws from its own slice of the 128-bit
        # range, so the UNIQUE index on the reference grows at its end (never at a million
        # random places) without holding every row's bits at once.
        low, high = (1 << 128) * chunk // chunks, (1 << 128) * (chunk + 1) // chunks
        yield from _chunk(
            rng, first, size, start, step, profile, operator, plain, times,
            operations=rng.choices(names, weights=weights, k=size),
            outcomes=rng.choices(("completed", "failed", "rejected"), weights=(86, 10, 4), k=size),
            people=rng.choices(customers, k=size),
            jitter=[rng.random() for _ in range(size)],
            uuid_bits=sorted(low + rng.randrange(high - low) for _ in range(size)),
        )


class _Times:
    """The ledger's UTC time text (records.TIME_FORMAT) and its Kenyan-time copy (the CSV's),
    each hour's prefixes formatted once (only the current hour's are kept)."""

    def __init__(self) -> None:
        self._hour = -1
        self._prefixes = ("", "")

    def __call__(self, epoch: float) -> tuple[str, str]:
        seconds = int(epoch)
        hour, rest = divmod(seconds, 3600)
        if hour != self._hour:
            self._hour = hour
            self._prefixes = (
                time.strftime("%Y-%m-%dT%H:", time.gmtime(hour * 3600)),
                time.strftime("%Y-%m-%dT%H:", time.gmtime(hour * 3600 + EAT_SECONDS)),
            )
        prefixes = self._prefixes
        clock = f"{rest // 60:02d}:{rest % 60:02d}"
        return (f"{prefixes[0]}{clock}.{int((epoch - seconds) * 1e6):06d}Z",
                f"{prefixes[1]}{clock}+03:00")


def _chunk(rng: random.Random, first: int, size: int, start: float, step: float, profile: str,
           operator: str, plain: int | None, times: _Times, *, operations: list[str],
           outcomes: list[str], people: list[tuple[str, str]], jitter: list[float],
           uuid_bits: list[int]):
    """The rows ``first`` to ``first + size`` from the chunk's column-wise draws."""
    draw = rng.random
    for j in range(size):
        i = first + j
        operation = operations[j]
        status = outcomes[j]
        phone, name = people[j]
        _, low, high = OPERATIONS[operation]
        amount = None
        if high:
            # Mostly small amounts, a long tail of big ones; round figures are common.
            amount = int(low + (high - low) * draw() ** 3)
            if amount > 500 and draw() < 0.6:
                amount -= amount % 50
        party_a, party_b, row_phone = SHORTCODE, None, None
        account_reference, remarks, counterparty = None, None, None
        if operation == "b2c":
            party_b, row_phone, counterparty = phone, phone, f"{phone} - {name}"
            remarks = PAYOUT_REMARKS[int(draw() * len(PAYOUT_REMARKS))]
        elif operation == "stk_push":
            party_a, party_b, row_phone = phone, "174379", phone
            account_reference = (
                f"{STK_ACCOUNTS[int(draw() * len(STK_ACCOUNTS))]}{int(draw() * 10000):04d}"
            )
            remarks, counterparty = "Payment", name
        elif operation == INCOMING_OPERATION:
            party_a, party_b, row_phone, counterparty = phone, SHORTCODE, phone, name
            account_reference = f"ACC{int(draw() * 100000):05d}"
            status = "completed"
        elif operation == "b2b":
            party_b, counterparty = BUSINESSES[int(draw() * len(BUSINESSES))]
            account_reference = f"PAY{int(draw() * 1e6):06d}"
            remarks = "Supplier payment"
        elif operation == "tax_remittance":
            party_b, counterparty = KRA_SHORTCODE, "KRA"
            account_reference = f"PAY{int(draw() * 1e6):06d}"
            remarks = "PAYE"
        elif operation == "reversal":
            party_b, row_phone, counterparty = phone, phone, name
            remarks = "Wrong payment reversed"
        else:
            remarks = "Balance check" if operation == "account_balance" else "Status check"
        if status == "completed":
            code, desc = "0", "The service request is processed successfully."
        elif status == "failed":
            failures = FAILURES.get(operation, DEFAULT_FAILURE)
            code, desc = failures[int(draw() * len(failures))]
            counterparty = None
        else:
            code, desc = REJECTION
            counterparty = None
        epoch = start + (i + jitter[-j]) * step
        bits = f"{uuid_bits[j]:032x}"
        reference = (f"{bits[:8]}-{bits[8:12]}-4{bits[13:16]}-{'89ab'[i & 3]}{bits[17:20]}-"
                     f"{bits[20:]}")
        created, created_eat = times(epoch)
        updated, updated_eat = times(epoch + 2 + 30 * jitter[j])
        conversation = receipt = None
        if operation not in ("stk_push", INCOMING_OPERATION) and status != "rejected":
            conversation = f"AG_{created[:4]}{created[5:7]}{created[8:10]}_{bits[12:32]}"
        if status == "completed" and high:
            receipt = f"{'QRS'[i % 3]}{bits[:9].upper()}"
        yield (operation, profile, status, amount, party_a, party_b, row_phone, account_reference,
               remarks, code, desc, counterparty, operator, created, created_eat, updated,
               updated_eat, reference, reference if operation == "b2c" else None, conversation,
               receipt, plain)


_INSERT = """
INSERT INTO transactions (operation, profile, status, amount, party_a, party_b, phone,
    account_reference, remarks, result_code, result_desc, counterparty, operator,
    created_at, created_eat, updated_at, updated_eat, reference, originator_conversation_id,
    conversation_id, receipt, plain_cells)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_EVENTS = """
INSERT INTO events (transaction_id, seq, at, old_status, new_status, source)
SELECT t.id, step.n, CASE WHEN step.n = 3 THEN t.updated_at ELSE t.created_at END,
    CASE step.n WHEN 1 THEN NULL WHEN 2 THEN 'sending' ELSE 'accepted' END,
    CASE WHEN step.n = 1 AND t.operation = 'c2b_payment' THEN 'completed'
         WHEN step.n = 1 THEN 'sending'
         WHEN step.n = 2 AND t.status = 'rejected' THEN 'rejected'
         WHEN step.n = 2 THEN 'accepted'
         ELSE t.status END,
    CASE step.n WHEN 1 THEN CASE WHEN t.operation = 'c2b_payment' THEN 'callback' ELSE 'user' END
                WHEN 2 THEN 'ack' ELSE 'callback' END
FROM transactions AS t CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS step
WHERE t.id > :first
  AND (step.n = 1
       OR (t.operation <> 'c2b_payment' AND (step.n = 2 OR t.status IN ('completed', 'failed'))))
"""
"""The event trail each row would have had: created (by the user, or by the callback of an
incoming payment), Daraja's synchronous answer, and the result callback. Rows come in key order
(rows by id, steps in order) without an ORDER BY, which would sort each row's three steps."""


_TEXT_INDEX = (
    f"INSERT INTO {schema.TEXT_INDEX} (rowid, {', '.join(schema.TEXT_INDEXED_COLUMNS)}) "
    f"SELECT id, {', '.join(schema.TEXT_INDEXED_COLUMNS)} FROM transactions WHERE id > :first"
)
# FTS5's own merge settings: the defaults, restored after the load, and the load's (no merging
# while it runs, at most 64 segments per level: the load takes half the time and the index is
# still answered in a millisecond).
_TEXT_MERGE_DEFAULTS = {"automerge": 4, "crisismerge": 16}
_TEXT_MERGE_LOAD = {"automerge": 0, "crisismerge": 64}


def _set_text_merge(conn: sqlite3.Connection, settings: dict[str, int]) -> None:
    for name, value in settings.items():
        conn.execute(
            f"INSERT INTO {schema.TEXT_INDEX} ({schema.TEXT_INDEX}, rank) VALUES (:name, :value)",
            {"name": name, "value": value},
        )


def _index_text(conn: sqlite3.Connection, first: int) -> None:
    """Add the rows after id ``first`` to the text index, in one statement."""
    _set_text_merge(conn, _TEXT_MERGE_LOAD)
    conn.execute(_TEXT_INDEX, {"first": first})
    _set_text_merge(conn, _TEXT_MERGE_DEFAULTS)


def generate(
    path: str | Path,
    rows: int,
    *,
    profile: str = "offline",
    months: int = 6,
    end: datetime | None = None,
    seed: int | None = None,
    operator: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add ``rows`` settled transactions spanning ``months`` up to ``end`` (now) to the log at
    ``path``; returns the number added. All or nothing: one transaction."""
    if rows < 0:
        raise ValueError("rows must be 0 or more")
    rng = random.Random(seed)
    end_epoch = (end or utc_now()).timestamp()
    span = timedelta(days=30 * months).total_seconds()
    backend = db.SqliteBackend(Path(path))
    conn = backend.connect()
    try:
        schema.migrate(backend, conn)
        _bulk_mode(conn)
        operator = operator or current_operator()
        generated = _rows(rng, rows, end_epoch - span, span, profile, operator)
        with db.transaction(conn):
            # The triggers keep the Kenyan times and the text index per row; here the rows come
            # with their Kenyan times and the text index takes them all in one statement.
            indexes = [(name, sql) for name, sql in schema.secondary_indexes(conn, "transactions")
                       if name not in UNTOUCHED_INDEXES]
            triggers = schema.triggers(conn, "transactions")
            for name, _ in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            for name, _ in triggers:
                conn.execute(f'DROP TRIGGER "{name}"')
            first = conn.execute("SELECT coalesce(max(id), 0) FROM transactions").fetchone()[0]
            done = 0
            while batch := list(islice(generated, BATCH_ROWS)):
                conn.executemany(_INSERT, batch)
                done += len(batch)
                if progress:
                    progress(done, rows)
            conn.execute(_EVENTS, {"first": first})
            _index_text(conn, first)
            # Each index build sorts in memory up to the page cache's size per sorting thread,
            # then on disk: a small cache keeps its peak the same at any number of rows.
            conn.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
            for _, sql in (*indexes, *triggers):
                conn.execute(sql)
        conn.execute(f"PRAGMA analysis_limit = {db.ANALYSIS_LIMIT}")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA journal_mode = WAL")
        return done
    finally:
        conn.close()


def _bulk_mode(conn: sqlite3.Connection) -> None:
    """Settings for loading synthetic data. A kill still leaves the file as it was (one
    transaction, rolled back from its journal), so per-commit fsync is not needed here. When no
    other connection is open, a rollback journal replaces the WAL for the load: pages appended to
    the file need no journal copy, where WAL would write every page twice."""
    conn.execute("PRAGMA synchronous = OFF")
    # A bounded page cache (64 MB), and the index builds' sorts spill to temporary files rather
    # than memory: the peak stays flat however many rows are loaded.
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA threads = 2")  # index builds sort with a helper thread
    # When another connection holds the file open this fails: stay in WAL mode, only slower.
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA journal_mode = DELETE")
