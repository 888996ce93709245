"""CSV export of the log (DESIGN.md section 3.5), streaming in constant memory.

Stable header (the column names), one row per transaction, newest first; amounts in whole
shillings; times ISO 8601 in Kenyan time (``+03:00``); UTF-8, with a BOM for Excel when asked.
Any text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
``'`` so a spreadsheet never runs it as a formula.

Speed: the database builds each row's whole CSV line (SQLite with one ``printf``, PostgreSQL
with one ``concat``, sent by ``COPY ... TO STDOUT`` as ``psql`` reads) and Python only joins a
batch of lines and writes it; the times come ready from the Kenyan-time copies the schema keeps.
A line is written as the database built it only when it needs nothing, checked per batch at C
speed:
no quote, "=", "@" or tab anywhere, one comma per column gap, one CR and one LF per line, and no
text cell starting below "0" or holding a NUL ("+", "-", tab and CR sort below "0"; the schema
keeps that answer per row in ``plain_cells``). A row that fails (rare)
is read again and written by ``csv.writer`` with the guard, so the bytes are always exactly what
``csv.writer`` writes for the guarded cells. The export reads through its own read-only
connection inside one read transaction (a consistent snapshot that never blocks the writers:
``Backend.snapshot``), a batch at a time.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Generator, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from mpesa_desktop.ledger import queries, schema
from mpesa_desktop.ledger.dialect import SQLITE, Dialect
from mpesa_desktop.messages import message
from mpesa_desktop.private_files import open_private

if TYPE_CHECKING:
    from mpesa_desktop.ledger.backend import Backend
    from mpesa_desktop.ledger.ledger import Ledger

TIME_COLUMNS = frozenset({"created_at", "updated_at"})
INTEGER_COLUMNS = frozenset({"amount"})
TEXT_COLUMNS = schema.CELL_COLUMNS
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
# The Kenyan-time copy of each time column (schema version 3), and the SQL for a row without one.
_EAT_COPIES = {"created_at": "created_eat", "updated_at": "updated_eat"}


def cell_sql(column: str, dialect: Dialect = SQLITE) -> str:
    """The SQL of one exported cell before quoting and the formula guard."""
    if column in TIME_COLUMNS:
        return f"coalesce({_EAT_COPIES[column]}, {schema.eat_time_sql(column, dialect)})"
    if column in INTEGER_COLUMNS or column in TEXT_COLUMNS:
        return column
    raise ValueError(message("columns: unknown column {column}; choose from {columns}",
                             column=repr(column), columns=", ".join(DEFAULT_COLUMNS)))


def check_columns(columns: Sequence[str] | str | None) -> tuple[str, ...]:
    """The columns to export, in order (all by default); ValueError names an unknown one."""
    if columns is None:
        return DEFAULT_COLUMNS
    if isinstance(columns, str):
        columns = columns.split(",")
    chosen = tuple(name.strip() for name in columns if name.strip())
    if not chosen:
        raise ValueError(message("columns: choose at least one column"))
    for name in chosen:
        cell_sql(name)
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
    renamed when complete, so a cancelled or failed export never leaves half a file. A file is
    0600, only its owner may read it (``private_files``).
    """
    chosen = check_columns(columns)
    if isinstance(source, str | os.PathLike):
        from mpesa_desktop.ledger.db import SqliteBackend

        backend: Backend = SqliteBackend(Path(source))
    else:
        backend = source.backend
    if not isinstance(destination, str | os.PathLike):
        return _write(backend, destination, chosen, filters, excel, progress, cancel, batch_rows)
    final = Path(destination)
    partial = final.with_name(f".{final.name}.partial")
    try:
        with open_private(partial, "w", encoding="utf-8", newline="") as stream:
            result = _write(backend, stream, chosen, filters, excel, progress, cancel,
                            batch_rows)
        if result.cancelled:
            partial.unlink()
        else:
            partial.replace(final)
        return result
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


# A batch as written: text ready to write (many lines at once) and rows to write with the
# guard, in order; and how many rows it holds.
Pieces = list["str | tuple[object, ...]"]
Batches = Generator[tuple[Pieces, int], None, None]
# The end of a row in COPY's text format: a tab, the row's id, a new line.
_ID_TAIL = re.compile(r"\t[0-9]+\n")


def _write(
    backend: Backend,
    stream: IO[str],
    columns: tuple[str, ...],
    filters: queries.Filters | None,
    excel: bool,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
    batch_rows: int,
) -> ExportResult:
    dialect = backend.dialect
    cells = [cell_sql(column, dialect) for column in columns]
    lines = _Lines(len(columns))
    # One snapshot for the count, the rows and any row read again.
    with backend.snapshot() as conn:
        # Every matching row is written in time order: walk the time index, never sort (unless
        # a rare search term names the few rows to sort).
        text_index = queries.uses_text_index(conn, filters, dialect)
        where, params = queries.where_clause(filters, amount_index=False, text_index=text_index,
                                             dialect=dialect)
        total = 0
        if progress:
            sql, count_params = queries.summary_sql(filters, text_index=text_index,
                                                    dialect=dialect)
            total = conn.execute(sql, count_params).fetchone()[0]
        rows = f"FROM transactions {where} {queries.ORDER_NEWEST_FIRST}"
        if dialect is SQLITE:
            batches = _fetched(backend, conn, cells, rows, params, batch_rows, lines)
        else:
            batches = _copied(backend, conn, cells, rows, params, batch_rows, lines)
        if excel:
            stream.write("\ufeff")
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(columns)
        done = 0
        with closing(batches):
            for pieces, count in batches:
                if cancel and cancel():
                    return ExportResult(done, cancelled=True)
                for piece in pieces:
                    if isinstance(piece, str):
                        stream.write(piece)
                    else:
                        writer.writerow(_guarded(columns, piece))
                done += count
                if progress:
                    progress(done, total)
        return ExportResult(done, cancelled=False)


def _fetched(backend: Backend, conn: Any, cells: list[str], rows: str, params: dict[str, Any],
             batch_rows: int, lines: _Lines) -> Batches:
    """SQLite: each row's line as ``printf`` built it (NULL when its cells are not plain) and its
    id, a batch at a time; a batch whose lines all need nothing is joined and written as is."""
    params["line_format"] = ",".join(["%s"] * len(cells)) + "\r\n"
    line = f"printf(:line_format, {', '.join(cells)})"
    cursor = backend.stream(conn, f"SELECT CASE WHEN plain_cells = 1 THEN {line} END, id {rows}",
                            params)
    try:
        while batch := cursor.fetchmany(batch_rows):
            built = [row[0] for row in batch]
            if None not in built and lines.plain(text := "".join(built), len(built)):
                yield [text], len(batch)
            else:
                yield _sorted_out(batch, lines, _reader(conn, cells)), len(batch)
    finally:
        cursor.close()


def _copied(backend: Backend, conn: Any, cells: list[str], rows: str, params: dict[str, Any],
            batch_rows: int, lines: _Lines) -> Batches:
    """PostgreSQL: the same through ``COPY ... TO STDOUT`` (each row "line, tab, id"), the way
    ``psql``'s ``\\copy`` reads. A batch with no backslash (COPY's escapes, and its NULL) has its
    ids cut off at C speed and is written as is when its lines need nothing; any other batch is
    looked at a row at a time, the rows needing ``csv.writer`` read again on a second connection
    in the same snapshot (this one is busy with the COPY)."""
    from mpesa_desktop.ledger.postgres import PostgresBackend

    assert isinstance(backend, PostgresBackend)
    snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
    line = "concat(" + ", ',', ".join(cells) + ")"  # concat: NULL is empty
    with ExitStack() as stack:
        copied = stack.enter_context(closing(conn.copy_out(
            f"SELECT CASE WHEN plain_cells = 1 THEN {line} END, id {rows}", params)))
        beside = None
        while batch := list(islice(copied, batch_rows)):
            text = b"".join(batch).decode()
            if "\\" not in text:
                out, cut = _ID_TAIL.subn("\r\n", text)
                if cut == len(batch) and lines.plain(out, len(batch)):
                    yield [out], len(batch)
                    continue
            if beside is None:
                beside = stack.enter_context(backend.beside(snapshot))
            yield _sorted_out([_copied_row(raw) for raw in batch], lines,
                              _reader(beside, cells)), len(batch)


def _copied_row(raw: bytes) -> tuple[str | None, int]:
    """A COPY text row "line, tab, id": the line as csv.writer would end it, or None when COPY
    escaped something in it (or it is NULL), and the id."""
    line, _, row_id = raw.decode()[:-1].rpartition("\t")
    return (None if "\\" in line else line + "\r\n"), int(row_id)


def _reader(conn: Any, cells: list[str]) -> Callable[[list[int]], dict[int, tuple[object, ...]]]:
    """Reads rows again by id, their cells as values, in one query."""
    def read(ids: list[int]) -> dict[int, tuple[object, ...]]:
        keys = {f"id{n}": row_id for n, row_id in enumerate(ids)}
        return {row[0]: tuple(row[1:]) for row in conn.execute(
            f"SELECT id, {', '.join(cells)} FROM transactions "
            f"WHERE id IN ({', '.join(f':{key}' for key in keys)})", keys)}
    return read


def _sorted_out(batch: Sequence[tuple[str | None, int]], lines: _Lines,
                read_again: Callable[[list[int]], dict[int, tuple[object, ...]]]) -> Pieces:
    """A batch's lines that need nothing as they are, and the others' rows read again (in one
    query) for ``csv.writer`` and the guard."""
    plain = [line is not None and lines.plain(line, 1) for line, _ in batch]
    hostile = [row_id for (_, row_id), ok in zip(batch, plain, strict=True) if not ok]
    again = read_again(hostile) if hostile else {}
    return [line if ok and line is not None else again[row_id]
            for (line, row_id), ok in zip(batch, plain, strict=True)]


@dataclass(frozen=True)
class _Lines:
    """Tells whether lines SQLite built are already what ``csv.writer`` writes."""

    columns: int

    def plain(self, text: str, rows: int) -> bool:
        """True when the ``rows`` lines in ``text`` (none with a cell starting below "0") need
        no quoting and no formula guard: no quote, no "=", "@" or tab anywhere (rare, so these
        tests are quick), one comma per column gap, one CR and one LF per line."""
        if (
            '"' in text
            or "=" in text
            or "@" in text
            or "\t" in text
            or text.count(",") != rows * (self.columns - 1)
            or text.count("\n") != rows
            or text.count("\r") != rows
        ):
            return False
        # csv.writer quotes the one empty cell of a single-column line ("" alone).
        return self.columns > 1 or not (text.startswith("\r\n") or "\n\r\n" in text)


def _guarded(columns: tuple[str, ...], row: tuple[object, ...]) -> list[object]:
    return [
        guard_cell(value) if column in TEXT_COLUMNS and isinstance(value, str) else value
        for column, value in zip(columns, row, strict=True)
    ]
