"""Reading a bulk payout workbook (XLSX) as rows of text cells. Qt-free.

A workbook's first sheet is read as a CSV file would be: one record (a list of cell texts) a
row. Numbers are numbers, not text formatted by a locale: a whole number (``1500`` or
``1500.0``) reads ``1500``; any other (``1500.5``) keeps its fraction and is then refused by
the strict amount reader (whole shillings). Dates read as ISO dates; empty cells as ``""``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from mpesa_desktop.messages import message
from mpesa_desktop.services.bulk_file import MAX_ROWS, TOO_MANY_ROWS, BulkFileError, RowProblem

# Rows read at most (payees, the header, blank rows): a bigger sheet is refused unread.
MAX_RECORDS = MAX_ROWS * 2


def cell_text(value: Any) -> str:
    """The text of one cell's value as the bulk file reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def xlsx_records(path: Path) -> list[list[str]]:
    """The first sheet of the workbook at ``path``, one list of cell texts a row;
    BulkFileError when it is not a readable workbook or too big."""
    from openpyxl import load_workbook  # only for workbooks: keeps the CSV path light

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is no workbook
        raise BulkFileError([RowProblem(0, "", message(
            "is not a readable XLSX workbook ({reason})", reason=error))]) from None
    try:
        records: list[list[str]] = []
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            if len(records) == MAX_RECORDS:
                raise BulkFileError([RowProblem(0, "", TOO_MANY_ROWS)])
            records.append([cell_text(value) for value in values])
        return records
    finally:
        workbook.close()

