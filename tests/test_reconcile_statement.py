"""The Org Portal statement export (issue 15, point 1): CSV and XLSX, the portal's header lines
and number formats read; anything ambiguous refused naming the line and the column."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook

from mpesa_desktop.kenya import EAT
from mpesa_desktop.reconcile.statement import COLUMNS, StatementError, read_statement

HEADER = ",".join(COLUMNS.values())
PREAMBLE = "Account Holder:,ACME LTD\nTime Period:,01-11-2026 - 30-11-2026\n\n"


def csv_file(tmp_path, *lines, preamble=PREAMBLE, header=HEADER, bom=True):
    path = tmp_path / "statement.csv"
    text = preamble + header + "\n" + "\n".join(lines) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return path


LINE = ('SKL1A2B3C4,28-11-2026 14:03:22,28-11-2026 14:03:20,Salary payment,Completed,,'
        '"-1,250.00","98,750.00",true,Business Payment to Customer via API,'
        '254712345678 - JANE DOE,,')


def test_a_portal_csv_is_read_past_its_header_lines(tmp_path):
    [row] = read_statement(csv_file(tmp_path, LINE, ""))
    assert row.line == 5
    assert row.receipt == "SKL1A2B3C4"
    assert row.completed_at == datetime(2026, 11, 28, 14, 3, 22, tzinfo=EAT)
    assert row.initiated_at == datetime(2026, 11, 28, 14, 3, 20, tzinfo=EAT)
    assert (row.paid_in, row.withdrawn, row.balance) == (0, 125_000, 9_875_000)
    assert row.other_party == "254712345678 - JANE DOE"
    assert row.completed and not row.is_charge


@pytest.mark.parametrize(("cell", "cents"), [
    ("1250", 125_000), ("1,250.5", 125_050), ("KES 1,250.00", 125_000), ("-1,250.00", 125_000),
    ("(1,250.00)", 125_000), ("Ksh1250", 125_000), ("0.40", 40),
])
def test_amounts_in_the_portals_formats(tmp_path, cell, cents):
    line = f'SKL1A2B3C4,2026-11-28 14:03:22,,x,Completed,,"{cell}",,,,,,'
    [row] = read_statement(csv_file(tmp_path, line))
    assert row.withdrawn == cents


@pytest.mark.parametrize("when", ["2026-11-28 14:03:22", "28-11-2026 14:03:22",
                                  "28/11/2026 14:03", "2026-11-28T14:03:22",
                                  "28.11.2026 14:03:22"])
def test_times_day_first_or_iso_in_east_africa_time(tmp_path, when):
    [row] = read_statement(csv_file(tmp_path, f"SKL1A2B3C4,{when},,x,Completed,5,,,,,,,"))
    assert row.completed_at.replace(second=0) == datetime(2026, 11, 28, 14, 3, tzinfo=EAT)


@pytest.mark.parametrize(("line", "column", "rule"), [
    ("SKL1A2B3,2026-11-28 14:03:22,,x,Completed,5,,,,,,,", "Receipt No.", "10-character"),
    ("SKL1A2B3C4,11/28/2026 14:03,,x,Completed,5,,,,,,,", "Completion Time", "day first"),
    ("SKL1A2B3C4,28-11-26 14:03,,x,Completed,5,,,,,,,", "Completion Time", "four-digit year"),
    ("SKL1A2B3C4,2026-11-28 14:03:22,,x,Completed,5.005,,,,,,,", "Paid In", "amount"),
    ("SKL1A2B3C4,2026-11-28 14:03:22,,x,Completed,five,,,,,,,", "Paid In", "amount"),
    ("SKL1A2B3C4,2026-11-28 14:03:22,,x,Completed,,1.2.3,,,,,,", "Withdrawn", "amount"),
])
def test_anything_ambiguous_is_refused_naming_line_and_column(tmp_path, line, column, rule):
    with pytest.raises(StatementError, match=rf"line 5, column '{column}': .*{rule}"):
        list(read_statement(csv_file(tmp_path, line)))


def test_an_amount_both_paid_in_and_withdrawn_is_refused(tmp_path):
    line = "SKL1A2B3C4,2026-11-28 14:03:22,,x,Completed,5,5,,,,,,"
    with pytest.raises(StatementError, match="line 5: an amount in both 'Paid In' and "
                                             "'Withdrawn'"):
        list(read_statement(csv_file(tmp_path, line)))


def test_a_header_without_required_columns_or_with_one_twice_is_refused(tmp_path):
    with pytest.raises(StatementError, match="line 4: the header lacks 'Withdrawn'"):
        list(read_statement(csv_file(tmp_path, header="Receipt No.,Completion Time,Paid In")))
    with pytest.raises(StatementError, match="'Paid In' is given twice"):
        list(read_statement(csv_file(
            tmp_path, header="Receipt No.,Completion Time,Paid In,Withdrawn,Paid in")))
    with pytest.raises(StatementError, match=r"no header row naming 'Receipt No\.'"):
        list(read_statement(csv_file(tmp_path, header="Receipt,Time")))


def test_header_spelling_and_order_do_not_matter(tmp_path):
    path = csv_file(tmp_path, "10.00,,skl1a2b3c4,28-11-2026 14:03:22", preamble="",
                    header="paid  in,WITHDRAWN,receipt no,Completion time", bom=False)
    [row] = read_statement(path)
    assert (row.receipt, row.paid_in, row.status, row.completed) == ("SKL1A2B3C4", 1000, "",
                                                                     True)


def test_a_workbook_is_read_with_its_date_and_number_cells(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Organization Statement"])
    sheet.append(["Time Period:", "01-11-2026 - 30-11-2026"])
    sheet.append(list(COLUMNS.values()))
    sheet.append(["SKL1A2B3C4", datetime(2026, 11, 28, 14, 3, 22), None, "Pay Bill from",
                  "Completed", 640, None, 100_640.5, "true", "Pay Bill Online",
                  "2547****5678 - JOHN", None, "ACC1"])
    sheet.append(["SKL1A2B3C5", "28-11-2026 14:05:00", None, "Business Payment Charge",
                  "Completed", None, -13, 100_627.5, "true", "B2C Payment Charge", None, None,
                  None])
    path = tmp_path / "statement.xlsx"
    book.save(path)
    first, charge = read_statement(path)
    assert (first.line, first.paid_in, first.balance, first.account_no) == (4, 64_000,
                                                                            10_064_050, "ACC1")
    assert first.completed_at == datetime(2026, 11, 28, 14, 3, 22, tzinfo=EAT)
    assert (charge.withdrawn, charge.is_charge) == (1300, True)


def test_a_file_that_is_no_workbook_is_refused_by_name(tmp_path):
    path = tmp_path / "statement.xlsx"
    path.write_text("Receipt No.,Completion Time\n")
    with pytest.raises(StatementError, match=r"statement\.xlsx: not a readable XLSX workbook"):
        list(read_statement(path))


def test_rows_are_streamed_not_read_all_at_once(tmp_path):
    path = csv_file(tmp_path, LINE, "not,a,statement,row")
    rows = read_statement(path)
    assert next(rows).receipt == "SKL1A2B3C4"  # the bad line after it is not read yet
    with pytest.raises(StatementError, match="line 6"):
        next(rows)
