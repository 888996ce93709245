"""Reading a bulk payout file: a CSV of B2C payments, one payee a row (``mpesa-desktop bulk``).

The file is UTF-8 (the byte-order mark Excel writes is fine), comma separated (a header without
commas may use semicolons or tabs instead), and its first row is the header naming the columns,
in any order::

    phone,amount,remarks,occasion,command_id
    0712345678,1500,November salary,,SalaryPayment
    254708374149,"2,000",Refund INV-7,,

| column | required | accepted header spellings (case, spaces, ``-``, ``_``, ``()`` ignored) |
|---|---|---|
| ``phone`` | yes | phone, phone number, phone no, msisdn, mobile, mobile number, party_b |
| ``amount`` | yes | amount, amount (KES), amount KSh, kes, ksh |
| ``remarks`` | yes | remarks, remark, description, narration, reason |
| ``occasion`` | no | occasion, occassion |
| ``command_id`` | no | command_id, command, payment type (see below) |
| ``name`` | no | name, payee, payee name: not sent, only shown in the summary |
| ``national_id`` | no | national ID, ID number, ID no, ID: not sent, kept in the result file |

``command_id`` is BusinessPayment (the default), SalaryPayment or PromotionPayment. Row numbers
are the spreadsheet's: the header is row 1, the first payee row 2. Blank rows are
skipped. This module only reads the shape of the file; the values are checked by the services
(the same rules as a single payment) in ``services.bulk``.

Amounts are read by the one strict reader (``daraja.amounts``: ``1500``, ``"1,500"``,
``1 500``, ``KES 1500``, ``1500.00``, ``1500/=``). A spreadsheet set to a language that writes
decimal commas (German, French...) writes ``1500,00`` or ``1.500`` and separates cells with
semicolons; its amounts are never guessed: ``amount_doubts`` finds them, and in a file
separated by semicolons even ``1,500`` (one and a half there), so the whole file is refused.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from mpesa_desktop.daraja.amounts import OTHER_LOCALE, AmountError, parse_amount
from mpesa_desktop.errors import KnownError
from mpesa_desktop.messages import message

# Canonical column -> the B2C field it fills (None: not sent).
COLUMN_FIELDS: dict[str, str | None] = {
    "phone": "party_b",
    "amount": "amount",
    "remarks": "remarks",
    "occasion": "occasion",
    "command_id": "command_id",
    "name": None,
    "national_id": None,
}
REQUIRED_COLUMNS = ("phone", "amount", "remarks")
_ALIASES: dict[str, tuple[str, ...]] = {
    "phone": ("phone", "phonenumber", "phoneno", "msisdn", "mobile", "mobilenumber", "partyb"),
    "amount": ("amount", "amountkes", "amountksh", "amountkshs", "kes", "ksh", "kshs"),
    "remarks": ("remarks", "remark", "description", "narration", "reason"),
    "occasion": ("occasion", "occassion"),
    "command_id": ("commandid", "command", "paymenttype"),
    "name": ("name", "payee", "payeename"),
    "national_id": ("nationalid", "nationalidnumber", "idnumber", "idno", "id"),
}
HEADER_ALIASES = {alias: column for column, aliases in _ALIASES.items() for alias in aliases}
EXPECTED_HEADER = "phone,amount,remarks[,occasion][,command_id][,name][,national_id]"
DELIMITERS = (",", ";", "\t")
MAX_ROWS = 10_000
TOO_MANY_ROWS = message("has more than {count} payees: split it", count=f"{MAX_ROWS:,}")
MAX_BYTES = 5_000_000
OTHER_LOCALE_FILE = message(
    "amounts are written as a spreadsheet set to a language with decimal commas writes them "
    "(1.500 or 1500,00): format the amount column as whole numbers without separators (1500) "
    "and save the file again")
SEMICOLON_COMMA = message("is ambiguous in a file separated by semicolons, where a comma marks "
                          "decimals: write it without the comma (1500)")


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with the file: its spreadsheet row (1 = the header; 0 = the whole file),
    the column (blank: the whole row), and the rule broken."""

    row: int
    column: str
    message: str

    def where(self) -> str:
        """Where the problem is: ``row 3, amount``, ``row 3`` or ``file`` (a core message)."""
        place = message("row {row}", row=self.row) if self.row else message("file")
        return message("{place}, {column}", place=place, column=self.column) if self.column \
            else place

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


class BulkFileError(KnownError):
    """The bulk file cannot be paid as it is; nothing was sent. ``problems`` lists every bad row
    and column (RowProblem), in row order."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = sorted(problems, key=lambda p: p.row)
        count = len(self.problems)
        super().__init__(message("The file has 1 problem; nothing was sent.") if count == 1
                         else message("The file has {count} problems; nothing was sent.",
                                      count=count))


@dataclass(frozen=True)
class BulkRow:
    """One payee row: ``cells`` maps the canonical column names present to their text."""

    number: int
    cells: dict[str, str]

    @property
    def name(self) -> str:
        return self.cells.get("name", "")

    def fields(self) -> dict[str, str]:
        """The B2C fields this row gives (blank cells left out: the profile's defaults apply)."""
        return {field: value for column, value in self.cells.items()
                if (field := COLUMN_FIELDS[column]) is not None and value}


@dataclass(frozen=True)
class BulkFile:
    """A bulk file whose shape is right: its columns and payee rows."""

    path: Path
    columns: tuple[str, ...]
    rows: tuple[BulkRow, ...]
    delimiter: str = ","


def header_column(cell: str) -> str | None:
    """The canonical column a header cell names, or None when it is not one we know."""
    return HEADER_ALIASES.get(re.sub(r"[^a-z0-9]", "", cell.lower()))


def read_bulk_file(path: str | Path) -> BulkFile:
    """Read ``path``; BulkFileError listing every problem of shape (header, cell counts)."""
    return parse_bulk_text(read_text(Path(path)), path)


def read_bulk_bytes(path: Path) -> bytes:
    """The file's bytes; BulkFileError when it cannot be read or is too big."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BulkFileError([RowProblem(0, "", message("cannot be read ({reason})",
                                                       reason=error.strerror))]) from None
    if len(data) > MAX_BYTES:
        raise BulkFileError([RowProblem(0, "", message("is larger than {count} bytes",
                                                       count=f"{MAX_BYTES:,}"))])
    return data


def read_text(path: Path) -> str:
    """The CSV file's text; BulkFileError when it cannot be read, is too big or not UTF-8."""
    try:
        return read_bulk_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = RowProblem(0, "", message("is not UTF-8 text (save it as \"CSV UTF-8\")"))
        raise BulkFileError([problem]) from None


def _header(cells: list[str], number: int) -> tuple[list[str | None], list[RowProblem]]:
    columns: list[str | None] = []
    problems: list[RowProblem] = []
    for cell in cells:
        column = header_column(cell)
        if column is None and cell.strip():
            problems.append(RowProblem(number, cell.strip(), message(
                "is not a known column; the header is {header}", header=EXPECTED_HEADER)))
        elif column is not None and column in columns:
            problems.append(RowProblem(number, column, message("appears twice in the header")))
        columns.append(column)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            problems.append(RowProblem(number, column, message(
                "column is missing from the header ({header})", header=EXPECTED_HEADER)))
    return columns, problems


def delimiter_of(text: str) -> str:
    """The header line's separator: a comma, or the semicolon or tab some spreadsheets write."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=header.count) if header.count(",") == 0 else ","


def csv_records(text: str) -> tuple[list[list[str]], str]:
    """The CSV ``text``'s records (lists of cells) and its separator; BulkFileError when it is
    not readable CSV."""
    delimiter = delimiter_of(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True,
                                  delimiter=delimiter))
    except csv.Error as error:
        raise BulkFileError([RowProblem(0, "", message("is not a readable CSV file ({reason})",
                                                       reason=error))]) from None
    return records, delimiter


def header_row(records: list[list[str]]) -> int:
    """The index of the header record (the first with a cell that is not blank)."""
    start = 0
    while start < len(records) and not any(cell.strip() for cell in records[start]):
        start += 1  # blank lines before the header
    if start == len(records):
        raise BulkFileError([RowProblem(0, "", message(
            "is empty; expected the header {header} and one row per payee",
            header=EXPECTED_HEADER))])
    return start


def parse_bulk_text(text: str, path: str | Path = "<text>") -> BulkFile:
    """Parse the CSV ``text``; BulkFileError listing every problem of shape."""
    records, delimiter = csv_records(text)
    start = header_row(records)
    columns, problems = _header(records[start], start + 1)
    return bulk_from_records(records, start, columns, Path(path), delimiter,
                             problems=problems, strict_width=True)


def bulk_from_records(records: list[list[str]], start: int, columns: list[str | None],
                      path: Path, delimiter: str = ",", *, problems: list[RowProblem] | None = None,
                      strict_width: bool = False) -> BulkFile:
    """The payee rows under the header ``records[start]``, whose i-th cell fills ``columns[i]``
    (None: a column not used). ``strict_width``: a row with more cells than the header is a
    problem (a CSV whose header is read as is; a mapped spreadsheet ignores unused cells)."""
    problems = list(problems or [])
    rows: list[BulkRow] = []
    for number, record in enumerate(records[start + 1:], start=start + 2):
        if not any(cell.strip() for cell in record):
            continue
        if strict_width and len(record) > len(columns) and any(
                cell.strip() for cell in record[len(columns):]):
            problems.append(RowProblem(number, "", message(
                "has {cells} cells but the header has {columns} columns",
                cells=len(record), columns=len(columns))))
            continue
        cells = {column: record[i].strip() if i < len(record) else ""
                 for i, column in enumerate(columns) if column is not None}
        rows.append(BulkRow(number, cells))
    if not rows and not problems:
        problems.append(RowProblem(0, "", message("has a header but no payee rows")))
    if len(rows) > MAX_ROWS:
        problems.append(RowProblem(0, "", TOO_MANY_ROWS))
    if problems:
        raise BulkFileError(problems)
    return BulkFile(path, tuple(c for c in columns if c is not None), tuple(rows), delimiter)


def amount_doubts(bulk_file: BulkFile) -> list[RowProblem]:
    """The amounts this file may mean otherwise than they read: every comma in an amount of a
    file separated by semicolons, and (row 0) a word on the whole file when its amounts look
    written in a language with decimal commas. Each amount's own rule is the services' to check.
    """
    problems: list[RowProblem] = []
    other_locale = False
    for row in bulk_file.rows:
        cell = row.cells.get("amount", "")
        try:
            parse_amount(cell)
        except AmountError as error:
            other_locale = other_locale or error.kind in OTHER_LOCALE
            continue
        if bulk_file.delimiter == ";" and "," in cell:
            problems.append(RowProblem(row.number, "amount", SEMICOLON_COMMA))
    if other_locale or problems:
        problems.append(RowProblem(0, "", OTHER_LOCALE_FILE))
    return problems
