"""The verdicts of a reconciliation and how they are read back (``matching`` makes them).

Each verdict is a row of the work database's ``result`` table, joined with the statement's row
and the log's when read: a :class:`ReportRow`. :class:`Reconciliation` owns that database (in a
temporary folder, removed by ``close``) and reads it a page at a time, the most serious category
first, so a report of any size is written in constant memory.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger.export import guard_cell
from mpesa_desktop.messages import message
from mpesa_desktop.services.directions import MONEY_OUT


class Category(StrEnum):
    MATCHED = "matched"
    SETTLED = "settled"
    AMOUNT_MISMATCH = "amount_mismatch"
    PARTY_MISMATCH = "party_mismatch"
    STATUS_MISMATCH = "status_mismatch"
    MPESA_ONLY = "mpesa_only"
    LOG_ONLY = "log_only"


# Core sentences: the window and the command line say them in the clerk's language.
LABELS = {
    Category.MATCHED: message("Matched"),
    Category.SETTLED: message("Settled from M-Pesa's record"),
    Category.AMOUNT_MISMATCH: message("Amount differs"),
    Category.PARTY_MISMATCH: message("Party differs"),
    Category.STATUS_MISMATCH: message("Status differs"),
    Category.MPESA_ONLY: message("In M-Pesa only"),
    Category.LOG_ONLY: message("In the log only"),
}
# Categories a clerk must look at, the most serious first; then all of them in that order.
PROBLEMS = (Category.LOG_ONLY, Category.AMOUNT_MISMATCH, Category.PARTY_MISMATCH,
            Category.STATUS_MISMATCH, Category.MPESA_ONLY)
ORDER = (*PROBLEMS, Category.SETTLED, Category.MATCHED)

REPORT_COLUMNS = ("category", "receipt", "statement_line", "completed_at", "paid_in",
                  "withdrawn", "other_party", "details", "reference", "operation", "log_status",
                  "log_amount", "log_party", "note")


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One verdict: the statement's side (None for log-only), the log's side (None for
    M-Pesa-only) and a note saying what differs."""

    category: Category
    receipt: str | None
    statement_line: int | None
    completed_at: datetime | None
    paid_in: int | None  # cents
    withdrawn: int | None  # cents
    other_party: str | None
    details: str | None
    reference: str | None
    operation: str | None
    log_status: str | None
    log_amount: int | None  # shillings
    log_party: str | None
    note: str

    def cells(self) -> list[Any]:
        """The row as the report's CSV cells (amounts in shillings, times EAT)."""
        def money(cents: int | None) -> str:
            return "" if cents is None else f"{cents / 100:.2f}"
        when = self.completed_at.astimezone(EAT).isoformat(timespec="seconds") \
            if self.completed_at else ""
        return [self.category.value, self.receipt or "", self.statement_line or "", when,
                money(self.paid_in), money(self.withdrawn), self.other_party or "",
                self.details or "", self.reference or "", self.operation or "",
                self.log_status or "", "" if self.log_amount is None else self.log_amount,
                self.log_party or "", self.note]

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(REPORT_COLUMNS, self.cells(), strict=True))


def load_time(text: str) -> datetime:
    """The ledger's UTC text as an aware datetime (``fromisoformat``: many times faster than
    ``records.load_time``'s strptime, which a report of 100,000 rows feels)."""
    return datetime.fromisoformat(text)


def party_of(operation: str, party_a: str | None, party_b: str | None,
             phone: str | None) -> str | None:
    """Who the log row paid or was paid by: the receiver of money out, the payer of money in."""
    if operation in MONEY_OUT:
        return party_b
    return phone or party_a


class Reconciliation:
    """The verdicts of one reconciliation, kept in a work database until :meth:`close`."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, source: str,
                 period: tuple[datetime, datetime] | None, charges: int) -> None:
        self._folder = folder
        self._conn = conn
        self.source = source
        self.period = period
        self.charges = charges
        self.counts: dict[Category, int] = {category: 0 for category in Category}
        for name, count in conn.execute(
                "SELECT category, count(*) FROM result GROUP BY category"):
            self.counts[Category(name)] = count

    def __enter__(self) -> Reconciliation:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    @property
    def problems(self) -> int:
        return sum(self.counts[category] for category in PROBLEMS)

    def rows(self, category: Category | None = None, *, limit: int | None = None,
             offset: int = 0) -> Iterator[ReportRow]:
        """The verdicts (of one ``category``), most serious category first, then by time."""
        where = "WHERE r.category = :category" if category else ""
        order = " ".join(f"WHEN '{c.value}' THEN {i}" for i, c in enumerate(ORDER))
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        cursor = self._conn.execute(
            "SELECT r.category, s.receipt, s.line, s.completed, s.paid_in, s.withdrawn, "
            "s.other_party, s.details, t.reference, t.operation, t.status, t.amount, "
            "t.party_a, t.party_b, t.phone, r.note, t.receipt, t.created_at "
            "FROM result r LEFT JOIN stmt s ON s.line = r.line "
            "LEFT JOIN log.transactions t ON t.reference = r.reference "
            f"{where} ORDER BY CASE r.category {order} END, "
            f"coalesce(s.completed, t.created_at), r.rowid{page}",
            {"category": category.value if category else None})
        for row in cursor:
            (name, receipt, line, completed, paid_in, withdrawn, other, details, reference,
             operation, status, amount, party_a, party_b, phone, note, log_receipt,
             created) = row
            yield ReportRow(
                Category(name), receipt or log_receipt, line,
                load_time(completed or created) if (completed or created) else None,
                paid_in, withdrawn, other, details, reference, operation, status, amount,
                party_of(operation, party_a, party_b, phone) if operation else None, note or "")

    def write_csv(self, path: str | Path) -> int:
        """Write every verdict to ``path`` (CSV, formula-guarded cells); the number of rows."""
        count = 0
        with Path(path).open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(REPORT_COLUMNS)
            for row in self.rows():
                writer.writerow([guard_cell(cell) if isinstance(cell, str) else cell
                                 for cell in row.cells()])
                count += 1
        return count
