"""The result file of a bulk run (CSV or XLSX): each payee row with its status, receipt and the
name M-Pesa returned, then a summary. Qt-free; blocking (run it in the services' worker).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from mpesa_desktop.kenya import format_kes
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.services.bulk import BulkPayout, RowOutcome

HEADER = ["row", "name", "national_id", "phone", "amount", "action", "status", "receipt",
          "name_returned_by_mpesa", "reference", "message"]
PAID = "completed"


def summary(outcomes: list[RowOutcome]) -> list[tuple[str, str]]:
    """What the run came to: rows, the count of each status, and the shillings paid."""
    counts = Counter(outcome.status for outcome in outcomes)
    paid = sum(outcome.amount for outcome in outcomes if outcome.status == PAID)
    return [("rows", str(len(outcomes))),
            *((f"status {status}", str(count)) for status, count in sorted(counts.items())),
            ("paid", format_kes(paid))]


def result_rows(bulk: BulkPayout) -> list[list[Any]]:
    """The header and one row per payee, in file order."""
    ids = {row.number: row.cells.get("national_id", "") for row in bulk.file.rows}
    return [HEADER, *([o.row, o.name, ids.get(o.row, ""), o.phone, o.amount, o.action, o.status,
                       o.receipt or "", o.counterparty or "", o.reference or "", o.message or ""]
                      for o in bulk.outcomes)]


def write_result(path: str | Path, bulk: BulkPayout, ledger: Ledger) -> None:
    """Write the result file, each row's status read afresh from ``ledger``: XLSX when
    ``path`` ends in .xlsx (a Summary sheet), else CSV (the summary under the rows, after a
    blank line)."""
    path = Path(path)
    for outcome in bulk.outcomes:
        if outcome.reference and (transaction := ledger.get(outcome.reference)) is not None:
            outcome.update(transaction)
    rows, totals = result_rows(bulk), summary(bulk.outcomes)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        payees = workbook.create_sheet("Payees")
        for row in rows:
            payees.append(row)
        sheet = workbook.create_sheet("Summary")
        sheet.append(["file", bulk.file.path.name])
        sheet.append(["checksum", bulk.digest])
        for item in totals:
            sheet.append(list(item))
        workbook.save(path)
        return
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerows(rows)
        writer.writerow([])
        writer.writerows([["file", bulk.file.path.name], ["checksum", bulk.digest], *totals])
