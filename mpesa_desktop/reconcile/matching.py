"""Match M-Pesa's record (a statement, or Pull Transactions) against the log. Qt-free.

    with reconcile(ledger, read_statement(path), source="statement.csv") as result:
        result.counts            # {category: rows}
        for row in result.rows(Category.LOG_ONLY): ...
        result.write_csv("report.csv")

**How.** The statement's rows go, in batches, into an indexed table of a work database in a
temporary folder (never all in Python), with the log's file attached read-only; the matching is
SQL over both, and every verdict is a row of a result table, read back a page at a time. So
memory stays flat whatever the sizes.

1. *By receipt*: a statement row and a log row of a payment with its receipt. Completed in both,
   same amount (the right way: Withdrawn for money out, Paid In for money in) and same party:
   **matched**; else **amount mismatch** or **party mismatch**. Completed on M-Pesa but failed or
   rejected here (or the reverse): **status mismatch**.
2. *By amount, party and time*, for the statement rows still unmatched: a log row with no receipt
   (its answer never came), same amount and party, sent within ``WINDOW`` before the completion;
   the nearest in time wins, each row used once.
3. Log rows still open (accepted, timed out, unknown) that M-Pesa completed are **settled** from
   the statement: completed with its receipt, the statement's row kept as the evidence in the
   row's history (source "statement"). A statement only ever completes a row: a failed line
   leaves an open payout for a status query or a person (believing a failure could pay twice).
4. **In M-Pesa only**: completed statement rows nothing matched (payments received the log never
   heard of, payouts made elsewhere). Charge lines (same receipt as their payment) are not
   payments and are left out.
5. **In the log only**: payments completed here within the statement's period that M-Pesa does
   not show: the most serious.

Party: the statement's Other Party Info starts with the number (``254712345678 - JANE DOE``,
masked ``2547****5678`` for customers paying in, ``600000 - Company``); it agrees with the log's
phone or shortcode when every shown digit does. Without a number on either side it is not
compared.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.ledger.records import TRANSACTION_COLUMNS, store_time
from mpesa_desktop.ledger.statuses import PENDING, IllegalTransition, Status
from mpesa_desktop.reconcile.report import Category, Reconciliation, load_time, party_of
from mpesa_desktop.reconcile.statement import StatementError, StatementRow
from mpesa_desktop.services.directions import MONEY_OUT, PAYMENTS

BATCH = 5_000
WINDOW = timedelta(days=1)  # a payout completes within a day of being sent (queue timeouts)
EARLY = timedelta(minutes=5)  # clocks differ: the log's time may be a little after M-Pesa's
SOURCE = "statement"
PRECISION = timedelta(seconds=1)  # a statement's times are to the second


_OPEN = tuple(sorted(PENDING))
_FAILED = (Status.FAILED.value, Status.REJECTED.value)
_PARTY = re.compile(r"^([0-9*]{5,15})")


def same_party(statement: str, log_party: str | None) -> bool:
    """The statement's Other Party Info agrees with the log's party (module docstring); either
    may be masked (``2547****5678``; C2B v2 confirmations mask the payer, ``2547 ***** 678``)."""
    match = _PARTY.match((statement or "").replace(" ", ""))
    ours = _PARTY.match((log_party or "").replace(" ", ""))
    if match is None or ours is None:
        return True
    shown, kept = _as_dialled(match[1]), _as_dialled(ours[1])
    if len(shown) != len(kept):
        return False
    return all(a == b or "*" in (a, b) for a, b in zip(shown, kept, strict=True))


def _as_dialled(number: str) -> str:
    """``07..``/``01..`` as ``2547..``/``2541..`` (masked or not); others as they are."""
    if number.startswith("0") and len(number) == 10:
        return "254" + number[1:]
    return number


def reconcile(ledger: Ledger, statement: Iterable[StatementRow], *, source: str,
              period: tuple[datetime, datetime] | None = None,
              covers: frozenset[str] = PAYMENTS, settle: bool = True) -> Reconciliation:
    """Match ``statement`` against ``ledger`` (module docstring). ``period`` bounds the log rows
    looked for in the statement (default: its first to the end of its last completion's
    second); ``covers`` names the operations M-Pesa's record lists (Pull Transactions: money in
    only): the others are never "in the log only"; with ``settle`` open rows M-Pesa completed
    are settled. StatementError when the statement cannot be read (nothing is settled then)."""
    folder = Path(tempfile.mkdtemp(prefix="mpesa-reconcile-"))
    conn = sqlite3.connect(folder / "work.sqlite3", isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode = MEMORY")  # OFF would break ROLLBACK TO
        conn.execute("PRAGMA synchronous = OFF")
        _attach_log(conn, ledger, folder)
        _create(conn)
        charges, first, last = _load(conn, statement, source)
        if period is None and first and last:
            period = (first, last + PRECISION)
        _by_receipt(conn)
        _by_amount_party_time(conn)
        if period is not None:
            _log_only(conn, period, covers)
        conn.execute("INSERT INTO result (category, line, reference, note) "
                     "SELECT 'mpesa_only', line, NULL, '' FROM stmt "
                     "WHERE charge = 0 AND completed_ok = 1 AND matched = 0")
        if settle:
            _settle(conn, ledger, source)
    except BaseException:
        conn.close()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Reconciliation(folder, conn, source, period, charges)


def _attach_log(conn: sqlite3.Connection, ledger: Ledger, folder: Path) -> None:
    """The log's transactions as the work database's ``log.transactions``: its own file,
    attached read-only; a team ledger's rows copied into a file of the work folder (a batch at
    a time, from one snapshot), with the indexes the matching uses."""
    if isinstance(ledger.location, Path):
        conn.execute(f"ATTACH DATABASE '{ledger.location.resolve().as_uri()}?mode=ro' AS log")
        return
    conn.execute(f"ATTACH DATABASE '{(folder / 'log.sqlite3').as_uri()}' AS log")
    columns = ", ".join(TRANSACTION_COLUMNS)
    conn.execute(f"CREATE TABLE log.transactions ({columns})")
    insert = (f"INSERT INTO log.transactions VALUES "
              f"({', '.join('?' * len(TRANSACTION_COLUMNS))})")
    backend = ledger.backend
    with backend.snapshot() as snapshot:
        cursor = backend.stream(snapshot, f"SELECT {columns} FROM transactions", {})
        try:
            with _writing(conn):
                while batch := cursor.fetchmany(BATCH):
                    conn.executemany(insert, batch)
        finally:
            cursor.close()
    for name, indexed in (("id", "id"), ("reference", "reference"), ("receipt", "receipt"),
                          ("status", "status, created_at")):
        conn.execute(f"CREATE INDEX log.transactions_{name} ON transactions ({indexed})")


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript("""
        CREATE TABLE stmt (line INTEGER PRIMARY KEY, receipt TEXT NOT NULL,
            completed TEXT NOT NULL, details TEXT, status TEXT, completed_ok INTEGER NOT NULL,
            paid_in INTEGER NOT NULL, withdrawn INTEGER NOT NULL, other_party TEXT,
            charge INTEGER NOT NULL, matched INTEGER NOT NULL DEFAULT 0);
        CREATE UNIQUE INDEX stmt_receipt ON stmt (receipt) WHERE charge = 0;
        CREATE TABLE result (category TEXT NOT NULL, line INTEGER, reference TEXT, note TEXT);
        CREATE INDEX result_reference ON result (reference);
        CREATE INDEX result_category ON result (category);
    """)


_INSERT = ("INSERT INTO stmt (line, receipt, completed, details, status, completed_ok, paid_in, "
           "withdrawn, other_party, charge) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _load(conn: sqlite3.Connection, statement: Iterable[StatementRow],
          source: str) -> tuple[int, datetime | None, datetime | None]:
    """Put the statement in the work table; (charge lines, first and last completion)."""
    charges = 0
    first = last = None
    rows = iter(statement)
    conn.execute("BEGIN")
    while batch := list(islice(rows, BATCH)):
        values = []
        for row in batch:
            charges += row.is_charge
            if first is None or row.completed_at < first:
                first = row.completed_at
            if last is None or row.completed_at > last:
                last = row.completed_at
            values.append((row.line, row.receipt, store_time(row.completed_at), row.details,
                           row.status, int(row.completed), row.paid_in, row.withdrawn,
                           row.other_party, int(row.is_charge)))
        conn.execute("SAVEPOINT batch")
        try:
            conn.executemany(_INSERT, values)
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO batch")
            _name_twin(conn, values, source)
        conn.execute("RELEASE batch")
    conn.execute("COMMIT")
    return charges, first, last


def _name_twin(conn: sqlite3.Connection, values: list[tuple[Any, ...]], source: str) -> None:
    for value in values:
        try:
            conn.execute(_INSERT, value)
        except sqlite3.IntegrityError:
            (earlier,) = conn.execute("SELECT line FROM stmt WHERE receipt = ? AND charge = 0",
                                      (value[1],)).fetchone() or (None,)
            raise StatementError(
                f"{source} line {value[0]}, column 'Receipt No.': the receipt {value[1]} is "
                f"already on line {earlier}: which one is M-Pesa's?") from None


def _op_list(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in sorted(names))


def _verdict(operation: str, status: str, amount: int | None, party: str | None,
             paid_in: int, withdrawn: int, other_party: str, completed_ok: int
             ) -> tuple[Category, str]:
    out = operation in MONEY_OUT
    theirs, wrong_way = (withdrawn, paid_in) if out else (paid_in, withdrawn)
    if not completed_ok:
        if status == Status.COMPLETED:
            return Category.STATUS_MISMATCH, "completed here, not completed on M-Pesa"
        return Category.MATCHED, "not completed on either side"
    if status in _FAILED:
        return Category.STATUS_MISMATCH, f"{status} here, completed on M-Pesa"
    if wrong_way or (amount is not None and amount * 100 != theirs):
        way = "withdrawn" if out else "paid in"
        return (Category.AMOUNT_MISMATCH,
                f"log {amount} KES, M-Pesa {(theirs or wrong_way) / 100:.2f} KES "
                f"({way} expected)")
    if not same_party(other_party, party):
        return Category.PARTY_MISMATCH, f"log {party}, M-Pesa {other_party}"
    if status in _OPEN:
        return Category.SETTLED, f"was {status}"
    return Category.MATCHED, ""


def _by_receipt(conn: sqlite3.Connection) -> None:
    """Each statement row against the (first written) log payment with its receipt; the
    verdict is computed row by row inside SQLite (``verdict``), nothing held in Python."""
    conn.create_function("verdict", 8, _verdict_text, deterministic=True)
    with _writing(conn):
        conn.execute(
            "INSERT INTO result (category, line, reference, note) "
            "SELECT substr(v, 1, instr(v, '|') - 1), line, reference, "
            "substr(v, instr(v, '|') + 1) FROM ("
            "SELECT s.line AS line, t.reference AS reference, verdict(t.operation, t.status, "
            "t.amount, coalesce(CASE WHEN t.operation IN "
            f"({_op_list(MONEY_OUT)}) THEN t.party_b END, t.phone, t.party_a), s.paid_in, "
            "s.withdrawn, s.other_party, s.completed_ok) AS v "
            "FROM stmt s JOIN log.transactions t ON t.id = (SELECT min(x.id) FROM "
            "log.transactions x WHERE x.receipt = s.receipt AND x.receipt IS NOT NULL AND "
            f"x.operation IN ({_op_list(PAYMENTS)})) WHERE s.charge = 0)")
        _mark_matched(conn)


def _verdict_text(*values: Any) -> str:
    category, note = _verdict(*values)
    return f"{category.value}|{note}"


@contextlib.contextmanager
def _writing(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _mark_matched(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE stmt SET matched = 1 WHERE matched = 0 AND line IN "
                 "(SELECT line FROM result WHERE line IS NOT NULL)")


def _by_amount_party_time(conn: sqlite3.Connection) -> None:
    """Unmatched statement rows against log rows without a receipt (module docstring, 2):
    the candidates are few (rows whose answer never came), so they are ranked in Python."""
    conn.execute("DROP TABLE IF EXISTS temp.candidates")
    conn.execute(
        "CREATE TEMP TABLE candidates AS SELECT t.reference, t.operation, t.status, t.amount, "
        "t.party_a, t.party_b, t.phone, t.created_at FROM log.transactions t "
        f"WHERE t.receipt IS NULL AND t.operation IN ({_op_list(PAYMENTS)}) "
        f"AND t.status IN ({_op_list((*_OPEN, Status.COMPLETED.value))}) "
        "AND t.amount IS NOT NULL")
    conn.execute("CREATE INDEX temp.candidates_amount ON candidates (amount, created_at)")
    pairs = conn.execute(
        "SELECT s.line, c.reference, c.operation, c.status, c.amount, c.party_a, c.party_b, "
        "c.phone, s.paid_in, s.withdrawn, s.other_party, s.completed_ok, s.completed, "
        "c.created_at FROM stmt s JOIN candidates c "
        "ON c.amount = (s.paid_in + s.withdrawn) / 100 "
        "AND c.created_at BETWEEN strftime('%Y-%m-%dT%H:%M:%fZ', s.completed, :window) "
        "AND strftime('%Y-%m-%dT%H:%M:%fZ', s.completed, :early) "
        "WHERE s.matched = 0 AND s.charge = 0 AND s.completed_ok = 1 "
        "AND (s.paid_in + s.withdrawn) % 100 = 0",
        {"window": f"-{int(WINDOW.total_seconds())} seconds",
         "early": f"+{int(EARLY.total_seconds())} seconds"}).fetchall()
    ranked = []
    for pair in pairs:
        line, reference, operation, _status, _amount, party_a, party_b, phone, paid_in, \
            withdrawn, other, _ok, completed, created = pair
        if (withdrawn if operation in MONEY_OUT else paid_in) == 0:
            continue  # the other way
        if not same_party(other, party_of(operation, party_a, party_b, phone)):
            continue
        gap = abs((load_time(completed) - load_time(created)).total_seconds())
        ranked.append((gap, line, reference, pair))
    ranked.sort()
    used_lines: set[int] = set()
    used_references: set[str] = set()
    with _writing(conn):
        for _gap, line, reference, pair in ranked:
            if line in used_lines or reference in used_references:
                continue
            used_lines.add(line)
            used_references.add(reference)
            _, _, operation, status, amount, party_a, party_b, phone, paid_in, withdrawn, \
                other, completed_ok = pair[:12]
            category, note = _verdict(operation, status, amount,
                                      party_of(operation, party_a, party_b, phone), paid_in,
                                      withdrawn, other, completed_ok)
            conn.execute("INSERT INTO result (category, line, reference, note) "
                         "VALUES (?, ?, ?, ?)", (category.value, line, reference,
                                                 f"matched by amount, party and time; {note}"
                                                 .rstrip("; ")))
        _mark_matched(conn)


def _log_only(conn: sqlite3.Connection, period: tuple[datetime, datetime],
              covers: frozenset[str]) -> None:
    conn.execute(
        "INSERT INTO result (category, line, reference, note) "
        "SELECT 'log_only', NULL, t.reference, 'completed here, not on M-Pesa' "
        "FROM log.transactions t "
        "WHERE t.status = 'completed' AND t.created_at BETWEEN :start AND :end "
        f"AND t.operation IN ({_op_list(covers & PAYMENTS)}) "
        "AND NOT EXISTS (SELECT 1 FROM result r WHERE r.reference = t.reference)",
        {"start": store_time(period[0]), "end": store_time(period[1])})


def _settle(conn: sqlite3.Connection, ledger: Ledger, source: str) -> None:
    """Complete the open rows M-Pesa completed, the statement's row as evidence."""
    rows = conn.execute(
        "SELECT r.reference, s.line, s.receipt, s.completed, s.details, s.paid_in, "
        "s.withdrawn, s.other_party FROM result r JOIN stmt s ON s.line = r.line "
        "WHERE r.category = 'settled'").fetchall()
    for reference, line, receipt, completed, details, paid_in, withdrawn, other in rows:
        row = ledger.get(reference)
        if row is None or row.status not in _OPEN:
            continue
        when = load_time(completed).astimezone(EAT).isoformat(timespec="seconds")
        evidence = {"statement": source, "line": line, "receipt": receipt,
                    "completed_at": when, "details": details, "paid_in": paid_in / 100,
                    "withdrawn": withdrawn / 100, "other_party": other}
        try:
            ledger.transition(reference, Status.COMPLETED, source=SOURCE, payload=evidence,
                              expected=row.status, receipt=receipt,
                              result_desc=f"Completed on M-Pesa's record ({source}, line "
                                          f"{line}, {when})")
        except IllegalTransition:
            conn.execute("UPDATE result SET category = 'matched', note = 'settled meanwhile' "
                         "WHERE reference = ?", (reference,))
