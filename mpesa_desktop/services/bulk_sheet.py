"""A payee spreadsheet as the window opens it: CSV or XLSX, its header, and which of its columns
holds what (the mapping). Qt-free; blocking calls (run them in the services' worker).

    sheet = read_sheet("november.xlsx")                 # BulkFileError: unreadable
    mapping = remembered_mapping(ledger, sheet.header) or guess_mapping(sheet.header)
    bulk_file = sheet.bulk_file(mapping)                # BulkFileError: a required column unset
    remember_mapping(ledger, sheet.header, mapping)

The mapping is ``{column: index of the header cell}`` for the canonical columns of
``bulk_file.COLUMN_FIELDS``; it is guessed from the header's spellings (``header_column``, the
command line's), the clerk may change it, and it is remembered per file layout (the header's
cells) in the ledger's meta table under ``bulk-layout:<hash of the header>``. Cells of columns
not mapped are ignored. The rules of the rows themselves are the services' (``services.bulk``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from mpesa_desktop.ledger import Ledger
from mpesa_desktop.messages import message
from mpesa_desktop.services.bulk_file import (
    COLUMN_FIELDS,
    REQUIRED_COLUMNS,
    BulkFile,
    BulkFileError,
    RowProblem,
    bulk_from_records,
    csv_records,
    header_column,
    header_row,
    read_bulk_bytes,
    read_text,
)

LAYOUT_PREFIX = "bulk-layout:"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
Mapping = dict[str, int]


@dataclass(frozen=True)
class Sheet:
    """A spreadsheet read whole: its records (cell texts), the header's index among them and
    the CSV separator (``,`` for a workbook)."""

    path: Path
    records: list[list[str]]
    start: int
    delimiter: str = ","

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(cell.strip() for cell in self.records[self.start])

    def bulk_file(self, mapping: Mapping) -> BulkFile:
        """The payee rows under ``mapping``; BulkFileError naming a required column not set."""
        missing = [RowProblem(self.start + 1, column,
                              message("no column of the file is chosen for it"))
                   for column in REQUIRED_COLUMNS if column not in mapping]
        if missing:
            raise BulkFileError(missing)
        columns: list[str | None] = [None] * len(self.header)
        for column, index in mapping.items():
            if column in COLUMN_FIELDS and 0 <= index < len(columns):
                columns[index] = column
        return bulk_from_records(self.records, self.start, columns, self.path, self.delimiter)


def read_sheet(path: str | Path) -> Sheet:
    """Read the CSV or XLSX file at ``path``; BulkFileError when it cannot be read."""
    from mpesa_desktop.services.bulk_xlsx import xlsx_records

    path = Path(path)
    if path.suffix.lower() in XLSX_SUFFIXES:
        read_bulk_bytes(path)  # the size limit, and a clear word when it cannot be read
        records, delimiter = xlsx_records(path), ","
    else:
        records, delimiter = csv_records(read_text(path))
    return Sheet(path, records, header_row(records), delimiter)


def guess_mapping(header: tuple[str, ...]) -> Mapping:
    """Each known column at the first header cell spelling it (the command line's spellings)."""
    mapping: Mapping = {}
    for index, cell in enumerate(header):
        column = header_column(cell)
        if column is not None:
            mapping.setdefault(column, index)
    return mapping


def layout_key(header: tuple[str, ...]) -> str:
    """The meta key of the file layout whose header is ``header``."""
    data = json.dumps([cell.strip().lower() for cell in header]).encode()
    return LAYOUT_PREFIX + hashlib.sha256(data).hexdigest()[:32]


def remembered_mapping(ledger: Ledger, header: tuple[str, ...]) -> Mapping | None:
    """The mapping last used for this layout (columns still inside the header), or None."""
    stored = ledger.get_meta(layout_key(header))
    if not stored:
        return None
    mapping = {column: int(index) for column, index in json.loads(stored).items()
               if column in COLUMN_FIELDS and 0 <= int(index) < len(header)}
    return mapping or None


def remember_mapping(ledger: Ledger, header: tuple[str, ...], mapping: Mapping) -> None:
    """Remember ``mapping`` for files of this layout."""
    ledger.set_meta(layout_key(header), json.dumps(mapping, sort_keys=True))
