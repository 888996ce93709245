"""CSV export of the log (DESIGN.md section 3.5), streaming in constant memory.

Stable header (the column names), one row per transaction, newest first; amounts in whole
shillings; times ISO 8601 in Kenyan time (``+03:00``); UTF-8, with a BOM for Excel when asked.
Any text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
``'`` so a spreadsheet never runs it as a formula.

Speed: each column's formatting is one precomputed SQL expression, so SQLite formats the cells
and Python only moves batches of tuples from ``fetchmany`` to ``csv.writer.writerows``. The export
reads through its own read-only connection inside one read transaction (a consistent snapshot
that never blocks the writers).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mpesa_desktop.ledger import db, queries

if TYPE_CHECKING:
    from mpesa_desktop.ledger.ledger import Ledger

TIME_COLUMNS = frozenset({"created_at", "updated_at"})
INTEGER_COLUMNS = frozenset({"amount"})
TEXT_COLUMNS = (
    "reference",
    "operation",
    "status",
    "phone",
    "party_a",
    "party_b",
    "account_reference",
    "remarks",
    "receipt",
    "counterparty",
    "result_code",
    "result_desc",
    "conversation_id",
    "originator_conversation_id",
    "checkout_request_id",
    "merchant_request_id",
    "operator",
    "profile",
    "retry_of",
)
DEFAULT_COLUMNS: tuple[str, ...] = (
    "created_at",
    "updated_at",
    "reference",
    "operation",
    "status",
    "amount",
    "phone",
    "party_a",
    "party_b",
    "account_reference",
    "remarks",
    "receipt",
    "counterparty",
    "result_code",
    "result_desc",
    "conversation_id",
    "originator_conversation_id",
    "checkout_request_id",
    "merchant_request_id",
    "operator",
    "profile",
    "retry_of",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH_ROWS = 2_000

_GUARD_CODES = ", ".join(str(ord(c)) for c in FORMULA_STARTS)


def column_expression(column: str) -> str:
    """The SQL that formats one exported column."""
    if column in TIME_COLUMNS:
        # Whole seconds, cut (not rounded: SQLite would round 50.9996 up to 51).
        return f"strftime('%Y-%m-%dT%H:%M:%S', substr({column}, 1, 19), '+3 hours') || '+03:00'"
    if column in INTEGER_COLUMNS:
        return column
    if column in TEXT_COLUMNS:
        # The formula guard. Most cells start with a letter, a digit or a non-ASCII character:
        # two byte comparisons settle those; only the rest pay for the exact test.
        return (
            f"CASE WHEN {column} >= 'A' OR ({column} >= '0' AND {column} < ':') THEN {column} "
            f"WHEN unicode({column}) IN ({_GUARD_CODES}) THEN '''' || {column} "
            f"ELSE {column} END"
        )
    raise ValueError(
        f"columns: unknown column {column!r}; choose from {', '.join(DEFAULT_COLUMNS)}"
    )


def check_columns(columns: Sequence[str] | str | None) -> tuple[str, ...]:
    """The columns to export, in order (all by default); ValueError names an unknown one."""
    if columns is None:
        return DEFAULT_COLUMNS
    if isinstance(columns, str):
        columns = columns.split(",")
    chosen = tuple(name.strip() for name in columns if name.strip())
    if not chosen:
        raise ValueError("columns: choose at least one column")
    for name in chosen:
        column_expression(name)
    return chosen


def guard_cell(text: str) -> str:
    """The formula guard for one cell (the same rule the SQL applies), for other writers."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class ExportResult:
    rows: int
    cancelled: bool


def export_csv(
    source: Ledger | str | os.PathLike[str],
    destination: str | os.PathLike[str] | TextIO,
    *,
    filters: queries.Filters | None = None,
    columns: Sequence[str] | str | None = None,
    excel: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ExportResult:
    """Write the rows matching ``filters`` as CSV to ``destination`` (a path or a text stream).

    ``progress(done, total)`` is called after each batch; ``cancel()`` returning True stops the
    export (a file being written is then removed). A file is written beside its final name and
    renamed when complete, so a cancelled or failed export never leaves half a file.
    """
    chosen = check_columns(columns)
    path = Path(getattr(source, "path", source))
    if not isinstance(destination, str | os.PathLike):
        return _write(path, destination, chosen, filters, excel, progress, cancel, batch_rows)
    final = Path(destination)
    partial = final.with_name(f".{final.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            result = _write(path, stream, chosen, filters, excel, progress, cancel, batch_rows)
        if result.cancelled:
            partial.unlink()
        else:
            partial.replace(final)
        return result
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _write(
    path: Path,
    stream: TextIO,
    columns: tuple[str, ...],
    filters: queries.Filters | None,
    excel: bool,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
    batch_rows: int,
) -> ExportResult:
    select = f"SELECT {', '.join(column_expression(c) for c in columns)} FROM transactions"
    # Every matching row is written in time order: walk the time index, never sort.
    where, params = queries.where_clause(filters, amount_index=False)
    conn = db.connect(path, readonly=True)
    try:
        conn.execute("BEGIN")  # one snapshot for the count and the rows
        total = 0
        if progress:
            sql, count_params = queries.summary_sql(filters)
            total = conn.execute(sql, count_params).fetchone()[0]
        cursor = conn.execute(f"{select} {where} {queries.ORDER_NEWEST_FIRST}", params)
        if excel:
            stream.write("\ufeff")
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(columns)
        done = 0
        while batch := cursor.fetchmany(batch_rows):
            if cancel and cancel():
                return ExportResult(done, cancelled=True)
            writer.writerows(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        return ExportResult(done, cancelled=False)
    finally:
        conn.close()
