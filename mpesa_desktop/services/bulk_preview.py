"""The preview of a bulk file before anything is sent: every row checked by ``BulkPayout.prepare``
(the rules of a single payment), the problems per row and cell, or the prepared run. Qt-free.

    preview = await preview_file(services, sheet, mapping)
    if preview.problems: ...           # RowProblem per row and column; nothing can be sent
    else: preview.bulk.payees, preview.bulk.total, preview.bulk.totals_by_type()

A file refused whole (another locale's amounts, money turned off, the daily cap) is a problem
of row 0. Rows an earlier run of the same file sent are in ``bulk.skipped``; rows whose phone
was paid the same amount lately (against the log) in ``bulk.repeats``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mpesa_desktop.services.bulk import BulkPayout
from mpesa_desktop.services.bulk_file import BulkFile, BulkFileError, RowProblem
from mpesa_desktop.services.bulk_sheet import Mapping, Sheet, remember_mapping
from mpesa_desktop.services.errors import GuardError


@dataclass
class Preview:
    """A checked file: ``bulk`` when every row is right, else ``problems``."""

    bulk_file: BulkFile | None
    bulk: BulkPayout | None = None
    problems: list[RowProblem] = field(default_factory=list)

    def problems_by_row(self) -> dict[int, list[RowProblem]]:
        rows: dict[int, list[RowProblem]] = {}
        for problem in self.problems:
            rows.setdefault(problem.row, []).append(problem)
        return rows


async def preview_file(services: Any, sheet: Sheet, mapping: Mapping) -> Preview:
    """Check ``sheet`` read through ``mapping`` (remembered for its layout once the rows read)."""
    try:
        bulk_file = await services.run_blocking(sheet.bulk_file, mapping)
    except BulkFileError as error:
        return Preview(None, problems=error.problems)
    await services.run_blocking(remember_mapping, services.ledger, sheet.header, mapping)
    try:
        bulk = await BulkPayout.prepare(services, bulk_file)
    except BulkFileError as error:
        return Preview(bulk_file, problems=error.problems)
    except GuardError as error:
        return Preview(bulk_file, problems=[RowProblem(0, "", str(error))])
    return Preview(bulk_file, bulk)
