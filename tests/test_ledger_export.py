"""CSV export: golden files, hostile cells made inert, columns, BOM, progress, cancel, snapshot."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Filters, Ledger
from mpesa_desktop.ledger.export import (
    DEFAULT_COLUMNS,
    FORMULA_STARTS,
    export_csv,
    guard_cell,
)
from tests.fixtures.ledger import demo_log
from tests.raw_sql import run_sql

GOLDEN = Path(__file__).parent / "golden"

HOSTILE = [
    dict(operation="b2c", amount=1500, party_a="600000", party_b="+254712345678",
         remarks='=HYPERLINK("http://evil.example/x","Click me")',
         account_reference="=1+1", result=("completed", "Zoë Wanjikũ Ñandi")),
    dict(operation="stk_push", amount=5, party_a="254711000001", phone="0711000001",
         account_reference="-5", remarks="@SUM(A1:A9)",
         result=("completed", 'Otieno "Baba" Odhiambo, Kisumu')),
    dict(operation="b2b", amount=90000, party_a="600000", party_b="888880",
         account_reference="\tTAB", remarks="line one\nline two",
         result=("failed", "\rCR at the start")),
    dict(operation="reversal", amount=250, party_a="600000", party_b="-254700000000",
         remarks="+cmd|' /C calc'!A0", result=("completed", "Ἀθηνᾶ Kamau 😀")),
    dict(operation="b2c", amount=10, party_a="600000", party_b="254708374149",
         remarks="Plain, with a comma", result=("rejected", None)),
]


@pytest.fixture
def hostile_log(ledger_location):
    moments = iter(datetime(2026, 11, 27, 20, 55, tzinfo=UTC) + timedelta(minutes=7 * n)
                   for n in range(100))
    ledger = Ledger(ledger_location, clock=lambda: next(moments), operator="clerk")
    for n, spec in enumerate(HOSTILE, start=1):
        spec = dict(spec)
        status, counterparty = spec.pop("result")
        row = ledger.create(reference=f"ref-{n:04d}", **spec)
        if status == "rejected":
            ledger.transition(row.reference, "rejected", source="ack", result_code="400.002.02",
                              result_desc='Bad Request - "Invalid" Amount')
            continue
        ledger.transition(row.reference, "accepted", source="ack", conversation_id=f"AG_{n}")
        ledger.transition(row.reference, status, source="callback",
                          receipt=f"QKA{n:07d}" if status == "completed" else None,
                          result_code="0" if status == "completed" else "1",
                          result_desc="=2+3" if status == "failed" else "Processed.",
                          counterparty=counterparty)
    yield ledger
    ledger.close()


def read_cells(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_full_export_matches_the_golden_file(hostile_log, tmp_path):
    out = tmp_path / "log.csv"
    result = export_csv(hostile_log, out)
    assert (result.rows, result.cancelled) == (len(HOSTILE), False)
    assert out.read_bytes() == (GOLDEN / "ledger_export.csv").read_bytes()


def test_excel_export_with_columns_and_filter_matches_the_golden_file(hostile_log, tmp_path):
    out = tmp_path / "excel.csv"
    export_csv(hostile_log, out, excel=True, filters=Filters(status="completed,failed"),
               columns="created_at,reference,amount,counterparty,remarks,result_desc")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data == (GOLDEN / "ledger_export_excel.csv").read_bytes()


def test_every_cell_is_inert_and_keeps_its_text(hostile_log, tmp_path):
    out = tmp_path / "log.csv"
    export_csv(hostile_log, out, excel=True)
    header, *rows = read_cells(out.read_bytes())
    assert tuple(header) == DEFAULT_COLUMNS
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    by_reference = {row[header.index("reference")]: dict(zip(header, row, strict=True))
                    for row in rows}
    first = by_reference["ref-0001"]
    assert first["remarks"] == """'=HYPERLINK("http://evil.example/x","Click me")"""
    assert first["party_b"] == "'+254712345678"
    assert first["counterparty"] == "Zoë Wanjikũ Ñandi"
    assert first["amount"] == "1500"
    assert by_reference["ref-0002"]["account_reference"] == "'-5"
    assert by_reference["ref-0002"]["remarks"] == "'@SUM(A1:A9)"
    assert by_reference["ref-0002"]["counterparty"] == 'Otieno "Baba" Odhiambo, Kisumu'
    assert by_reference["ref-0003"]["account_reference"] == "'\tTAB"
    assert by_reference["ref-0003"]["remarks"] == "line one\nline two"
    assert by_reference["ref-0003"]["counterparty"] == "'\rCR at the start"
    assert by_reference["ref-0003"]["result_desc"] == "'=2+3"
    assert by_reference["ref-0004"]["counterparty"] == "Ἀθηνᾶ Kamau 😀"
    assert by_reference["ref-0004"]["party_b"] == "'-254700000000"
    # Times are Kenyan, to the second; the newest row comes first.
    assert first["created_at"] == "2026-11-27T23:55:00+03:00"
    assert rows[0][header.index("reference")] == "ref-0005"


def test_sql_formatting_agrees_with_a_plain_python_reading(ledger_location, tmp_path):
    demo_log(ledger_location, 400, 7, tmp_path)
    out = tmp_path / "demo.csv"
    with Ledger(ledger_location) as ledger:
        export_csv(ledger, out)
    header, *rows = read_cells(out.read_bytes())
    raw = run_sql(ledger_location, f"SELECT {', '.join(header)} FROM transactions "
                  "ORDER BY created_at DESC, id DESC")

    def expected(column: str, value: object) -> str:
        if value is None:
            return ""
        if column in ("created_at", "updated_at"):
            moment = datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
            return moment.astimezone(EAT).strftime("%Y-%m-%dT%H:%M:%S+03:00")
        return guard_cell(str(value))

    assert rows == [[expected(c, v) for c, v in zip(header, row, strict=True)] for row in raw]


def test_progress_and_cancel(ledger_location, tmp_path):
    demo_log(ledger_location, 25, 1, tmp_path)
    path = Ledger(ledger_location)
    seen = []
    stream = io.StringIO()
    result = export_csv(path, stream, batch_rows=10, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(10, 25), (20, 25), (25, 25)]
    assert result.rows == 25 and len(stream.getvalue().splitlines()) == 26

    out = tmp_path / "cancelled.csv"
    batches = []
    result = export_csv(path, out, batch_rows=10, progress=lambda d, t: batches.append(d),
                        cancel=lambda: len(batches) >= 1)
    path.close()
    assert result.cancelled and result.rows == 10
    assert list(tmp_path.glob("*.csv*")) == [] and list(tmp_path.glob(".*partial")) == []


def test_failed_export_leaves_no_file_and_bad_columns_are_named(hostile_log, tmp_path):
    with pytest.raises(ValueError, match="unknown column 'password'"):
        export_csv(hostile_log, tmp_path / "x.csv", columns=["reference", "password"])
    with pytest.raises(ValueError, match="at least one column"):
        export_csv(hostile_log, tmp_path / "x.csv", columns=" , ")

    def broken(done: int, total: int) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_csv(hostile_log, tmp_path / "x.csv", progress=broken)
    assert [p.name for p in tmp_path.iterdir() if "x.csv" in p.name] == []


def test_export_runs_while_a_writer_holds_the_log(hostile_log, tmp_path):
    # Another client in the middle of a write transaction.
    if isinstance(hostile_log.location, Path):
        writer = sqlite3.connect(hostile_log.path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
    else:
        writer = psycopg.connect(hostile_log.location)
    writer.execute("UPDATE transactions SET remarks = 'changed, uncommitted'")
    stream = io.StringIO()
    export_csv(hostile_log, stream)
    writer.rollback()
    writer.close()
    assert "uncommitted" not in stream.getvalue()
    assert len(read_cells(stream.getvalue().encode())) == len(HOSTILE) + 1


def test_rows_read_again_come_from_the_exports_own_snapshot(hostile_log, tmp_path):
    # A clerk's change committed while the export runs: every row, those csv.writer writes (read
    # again by id, on PostgreSQL from a second connection) included, is as it was at the start.
    for n in range(3):  # the newest rows, plain: the change comes before any row is read again
        hostile_log.create("b2b", amount=100 + n, party_a="600000", party_b="600100",
                           account_reference=f"INV{n}", remarks="Supplier payment")
    before = written_by_csv_writer(hostile_log.location, DEFAULT_COLUMNS)
    changed = []

    def change_everything(done: int, total: int) -> None:
        if changed:
            return
        if isinstance(hostile_log.location, Path):
            writer = sqlite3.connect(hostile_log.path, isolation_level=None)
        else:
            writer = psycopg.connect(hostile_log.location, autocommit=True)
        writer.execute("UPDATE transactions SET remarks = '=changed, \"later\"'")
        writer.close()
        changed.append(done)

    stream = io.StringIO()
    export_csv(hostile_log, stream, batch_rows=1, progress=change_everything)
    assert changed == [1]
    assert stream.getvalue() == before
    assert written_by_csv_writer(hostile_log.location, DEFAULT_COLUMNS) != before


def test_guard_decides_right_for_every_first_character(ledger):
    starts = [chr(code) for code in range(1, 128)] + ["é", "Ω", "中", "😀", "\u00a0"]
    for n, start in enumerate(starts):
        ledger.create("b2c", reference=f"r{n:03d}", remarks=f"{start}x")
    ledger.create("b2c", reference="empty", remarks="")
    stream = io.StringIO()
    export_csv(ledger, stream, columns="reference,remarks")
    _, *rows = read_cells(stream.getvalue().encode())
    exported = dict(rows)
    for n, start in enumerate(starts):
        assert exported[f"r{n:03d}"] == guard_cell(f"{start}x"), repr(start)
    assert exported["empty"] == ""
    guarded = [cell for cell in exported.values() if cell.startswith("'") and cell != "'x"]
    assert len(guarded) == len(FORMULA_STARTS)


def test_times_are_cut_to_the_second_not_rounded(ledger_location):
    moment = datetime(2026, 12, 31, 20, 59, 59, 999_900, tzinfo=UTC)
    with Ledger(ledger_location, clock=lambda: moment) as ledger:
        ledger.create("b2c", amount=1, party_b="254708374149")
        stream = io.StringIO()
        export_csv(ledger, stream, columns=["created_at"])
    assert stream.getvalue().splitlines()[1] == "2026-12-31T23:59:59+03:00"


def written_by_csv_writer(location, columns: tuple[str, ...]) -> str:
    """The export read plainly: every row from the database, guarded and written by
    csv.writer."""
    raw = run_sql(location, f"SELECT {', '.join(columns)} FROM transactions "
                  "ORDER BY created_at DESC, id DESC")
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    for row in raw:
        cells = []
        for column, value in zip(columns, row, strict=True):
            if column in ("created_at", "updated_at"):
                moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
                value = moment.astimezone(EAT).strftime("%Y-%m-%dT%H:%M:%S+03:00")
            elif isinstance(value, str):
                value = guard_cell(value)
            cells.append(value)
        writer.writerow(cells)
    return stream.getvalue()


@pytest.mark.parametrize("columns", [
    DEFAULT_COLUMNS,
    ("remarks", "amount", "created_at"),
    ("counterparty",),
    ("retry_of",),
    ("amount", "updated_at"),
])
@pytest.mark.parametrize("batch_rows", [1, 3, 2_000])
def test_plain_and_hostile_rows_in_any_batch_are_what_csv_writer_writes(
    hostile_log, tmp_path, columns, batch_rows
):
    for n, remarks in enumerate(("Salary", "", " leading space", "#7, row", "a=b", "tab\tin",
                                 "x@y", None, "quote \" in", "50%", "back\\slash",
                                 "NUL\x00inside")):
        hostile_log.create("b2c", amount=n, party_b="254708374149", remarks=remarks,
                           account_reference="ACC" if n % 2 else None)
    for n in range(40):  # plain rows, to fill whole batches
        hostile_log.create("b2b", amount=100 + n, party_a="600000", party_b="600100",
                           account_reference=f"INV{n}", remarks="Supplier payment")
    stream = io.StringIO()
    export_csv(hostile_log, stream, columns=columns, batch_rows=batch_rows)
    assert stream.getvalue() == written_by_csv_writer(hostile_log.location, columns)


def test_rows_without_kenyan_times_or_start_flags_are_exported_the_same(hostile_log, tmp_path):
    # As if written by code that did not keep the copies (PostgreSQL's trigger would).
    off = not isinstance(hostile_log.location, Path)
    if off:
        run_sql(hostile_log.location, "ALTER TABLE transactions DISABLE TRIGGER USER")
    run_sql(hostile_log.location, "UPDATE transactions SET created_eat = NULL, "
            "updated_eat = NULL, plain_cells = NULL")
    if off:
        run_sql(hostile_log.location, "ALTER TABLE transactions ENABLE TRIGGER USER")
    out = tmp_path / "log.csv"
    export_csv(hostile_log, out)
    assert out.read_bytes() == (GOLDEN / "ledger_export.csv").read_bytes()


def test_export_with_a_text_filter_rare_or_common(ledger_location, tmp_path):
    demo_log(ledger_location, 6_000, 4, tmp_path)
    for term in ("600", "Kamau", "no such words"):
        stream = io.StringIO()
        with Ledger(ledger_location) as ledger:
            export_csv(ledger, stream, filters=Filters(text=term), columns="reference")
            expected, after = [], None
            while page := ledger.query(Filters(text=term), after=after, limit=1_000):
                expected += [row.reference for row in page]
                after = page[-1]
        assert stream.getvalue().split("\r\n")[1:-1] == expected, term
