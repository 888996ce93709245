"""Read the Org Portal's organisation statement export (CSV or XLSX), one row at a time. Qt-free.

    for row in read_statement(path):   # StatementRow, in file order; memory stays flat
        ...

The portal's export starts with a few lines about the account and the period before the header
row; the header is the first row naming ``Receipt No.`` (case, spaces and the full stop do not
matter). Columns (DESIGN.md 3.6): Receipt No., Completion Time, Initiation Time, Details,
Transaction Status, Paid In, Withdrawn, Balance, Balance Confirmed, Reason Type, Other Party Info,
Linked Transaction ID, A/C No.; Receipt No., Completion Time, Paid In and Withdrawn are required,
the others may be missing.

Tolerant of what the portal and spreadsheets do to a file: a UTF-8 BOM, blank lines, amounts as
``1,250.00``, ``KES 1,250``, ``-1,250.00`` (a withdrawal written negative) or spreadsheet numbers,
times as ``2026-11-28 14:03:22``, ``28-11-2026 14:03:22``, ``28/11/2026 14:03`` (the portal and
Kenya write the day first) or spreadsheet date cells; times are East Africa Time.

Strict about anything ambiguous, with a :class:`StatementError` naming the line and the column: a
header column given twice, a required column missing, a receipt that is not 10 letters and digits,
an amount that is not a number, has more than two decimals or sits in both Paid In and
Withdrawn, a time that is not one of the forms above (a two-digit year, a month-first date).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from mpesa_desktop.kenya import EAT, is_receipt
from mpesa_desktop.messages import message

# Column key -> the header as the portal writes it.
COLUMNS = {
    "receipt": "Receipt No.",
    "completed": "Completion Time",
    "initiated": "Initiation Time",
    "details": "Details",
    "status": "Transaction Status",
    "paid_in": "Paid In",
    "withdrawn": "Withdrawn",
    "balance": "Balance",
    "balance_confirmed": "Balance Confirmed",
    "reason_type": "Reason Type",
    "other_party": "Other Party Info",
    "linked_id": "Linked Transaction ID",
    "account_no": "A/C No.",
}
REQUIRED = ("receipt", "completed", "paid_in", "withdrawn")
MAX_HEADER_SEARCH = 50  # lines before the header row (the portal writes about ten)
_CLOCK = r"[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?$"
_TIMES = (  # year first (ISO), or day first: the portal's and Kenya's way
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _CLOCK),
    re.compile(r"^(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})"
               + _CLOCK),
)
_FOUR_DIGIT_YEAR = re.compile(r"(^\d{4}-)|(\d{4}[ T])")
_AMOUNT = re.compile(r"^(?P<sign>[-+]?)(?:KES|KSH|KSHS)?\.?\s*(?P<number>\d{1,3}(?:,\d{3})+|\d+)"
                     r"(?:\.(?P<cents>\d{1,2}))?$", re.IGNORECASE)


class StatementError(ValueError):
    """The statement cannot be read without guessing; the message names the line and column."""


@dataclass(frozen=True, slots=True)
class StatementRow:
    """One line of the statement. Amounts are cents (Withdrawn positive); times aware (EAT)."""

    line: int
    receipt: str
    completed_at: datetime
    initiated_at: datetime | None
    details: str
    status: str
    paid_in: int
    withdrawn: int
    balance: int | None
    reason_type: str
    other_party: str
    linked_id: str
    account_no: str

    @property
    def is_charge(self) -> bool:
        """A fee line (the portal gives a payment's charge its own line, same receipt)."""
        return "charge" in f"{self.details} {self.reason_type}".lower()

    @property
    def completed(self) -> bool:
        """Completed, as the portal says (a statement without the column lists only those)."""
        return self.status.strip().lower() in ("", "completed")


def _key(header: Any) -> str:
    return re.sub(r"[\s.]+", " ", str(header or "")).strip().lower()


_BY_HEADER = {_key(title): key for key, title in COLUMNS.items()}


def read_statement(path: str | Path) -> Iterator[StatementRow]:
    """The rows of the statement at ``path`` (``.xlsx`` read as a workbook, anything else as
    CSV), streamed; StatementError on the first thing that cannot be read without guessing."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _rows(_xlsx_lines(path), path.name)
        return
    with path.open(newline="", encoding="utf-8-sig") as file:
        yield from _rows(enumerate(csv.reader(file), start=1), path.name)


def _xlsx_lines(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # only for workbooks: keeps the CSV path light

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is no workbook
        raise StatementError(message("{file}: not a readable XLSX workbook ({reason})",
                                     file=path.name, reason=error)) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def _rows(lines: Iterable[tuple[int, list[Any]]], name: str) -> Iterator[StatementRow]:
    lines = iter(lines)
    columns = _header(lines, name)
    for number, values in lines:
        if all(_blank(value) for value in values):
            continue
        cells = {key: values[index] if index < len(values) else None
                 for key, index in columns.items()}
        yield _row(number, cells, name)


def _header(lines: Iterator[tuple[int, list[Any]]], name: str) -> dict[str, int]:
    for number, values in lines:
        keys = [_BY_HEADER.get(_key(value)) for value in values]
        if "receipt" not in keys:
            if number >= MAX_HEADER_SEARCH:
                break
            continue
        columns: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key is None:
                continue
            if key in columns:
                raise StatementError(message("{file} line {line}: the column {column} is "
                                             "given twice", file=name, line=number,
                                             column=repr(COLUMNS[key])))
            columns[key] = index
        missing = [COLUMNS[key] for key in REQUIRED if key not in columns]
        if missing:
            raise StatementError(message(
                "{file} line {line}: the header lacks {columns}", file=name, line=number,
                columns=", ".join(repr(title) for title in missing)))
        return columns
    raise StatementError(message(
        "{file}: no header row naming {column} in its first {count} lines (is it the Org "
        "Portal's statement export?)", file=name, column=repr(COLUMNS["receipt"]),
        count=MAX_HEADER_SEARCH))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _row(number: int, cells: dict[str, Any], name: str) -> StatementRow:
    def fail(key: str, rule: str) -> StatementError:
        return StatementError(f"{name} line {number}, column {COLUMNS[key]!r}: {rule} "
                              f"(got {_text(cells.get(key))!r})")

    receipt = _text(cells["receipt"]).upper()
    if not is_receipt(receipt):
        raise fail("receipt", "must be a 10-character M-Pesa receipt like NLJ7RT61SV")
    paid_in = _cents(cells["paid_in"], lambda rule: fail("paid_in", rule))
    withdrawn = _cents(cells["withdrawn"], lambda rule: fail("withdrawn", rule))
    if paid_in and withdrawn:
        raise StatementError(message(
            "{file} line {line}: an amount in both 'Paid In' and 'Withdrawn' ({paid_in}, "
            "{withdrawn}): which way did it go?", file=name, line=number,
            paid_in=repr(_text(cells["paid_in"])), withdrawn=repr(_text(cells["withdrawn"]))))
    balance = None
    if not _blank(cells.get("balance")):
        balance = _cents(cells["balance"], lambda rule: fail("balance", rule), signed=True)
    completed = _time(cells["completed"], lambda rule: fail("completed", rule))
    initiated = None
    if cells.get("initiated") == cells["completed"]:
        initiated = completed
    elif not _blank(cells.get("initiated")):
        initiated = _time(cells["initiated"], lambda rule: fail("initiated", rule))
    return StatementRow(
        line=number,
        receipt=receipt,
        completed_at=completed,
        initiated_at=initiated,
        details=_text(cells.get("details")),
        status=_text(cells.get("status")),
        paid_in=paid_in,
        withdrawn=abs(withdrawn),
        balance=balance,
        reason_type=_text(cells.get("reason_type")),
        other_party=_text(cells.get("other_party")),
        linked_id=_text(cells.get("linked_id")),
        account_no=_text(cells.get("account_no")),
    )


def _cents(value: Any, fail: Any, signed: bool = False) -> int:
    """Cents of an amount cell (blank is 0). A withdrawal may be written negative."""
    if _blank(value):
        return 0
    if isinstance(value, bool):
        raise fail("must be an amount like 1,250.00")
    if isinstance(value, int | float | Decimal):
        try:
            exact = Decimal(str(value))
        except InvalidOperation:
            raise fail("must be an amount like 1,250.00") from None
        if exact != exact.quantize(Decimal("0.01")):
            raise fail("has more than two decimals")
        cents = int(exact * 100)
        return cents if signed else abs(cents)
    text = str(value).strip().replace(" ", "")
    negative = text.startswith("(") and text.endswith(")")
    match = _AMOUNT.match(text[1:-1] if negative else text)
    if match is None:
        raise fail("must be an amount like 1,250.00 (whole shillings or two decimals)")
    cents = int(match["number"].replace(",", "")) * 100 + int((match["cents"] or "0").ljust(2, "0"))
    if negative or match["sign"] == "-":
        cents = -cents
    return cents if signed else abs(cents)


def _time(value: Any, fail: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=EAT) if value.tzinfo is None else value
    if isinstance(value, date):
        raise fail("must be a date and time, not a date alone")
    text = " ".join(_text(value).split())
    if not _FOUR_DIGIT_YEAR.search(text):
        raise fail("must be a date and time with a four-digit year, like 2026-11-28 14:03:22")
    for form in _TIMES:
        match = form.match(text)
        if match is None:
            continue
        try:
            return datetime(int(match["year"]), int(match["month"]), int(match["day"]),
                            int(match["hour"]), int(match["minute"]),
                            int(match["second"] or 0), tzinfo=EAT)
        except ValueError:
            break  # a month 13, a 31st of November: not a time
    raise fail("must be a date and time like 2026-11-28 14:03:22 or 28-11-2026 14:03:22 (day "
               "first)")
