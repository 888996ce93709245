"""Searching the log: the filters, their SQL, and keyset pagination newest first.

Pages are ordered by ``(created_at, id)`` descending; the next page starts after the last row of
the previous one (``after=rows[-1]``), so page 1,000 costs what page 1 costs. Every filter has an
index (see ``schema.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from mpesa_desktop.ledger import schema
from mpesa_desktop.ledger.phones import normalise_phone
from mpesa_desktop.ledger.records import Transaction, store_time
from mpesa_desktop.ledger.statuses import check_status

EAT = timezone(timedelta(hours=3), "EAT")
ORDER_NEWEST_FIRST = "ORDER BY created_at DESC, id DESC"
TEXT_COLUMNS = (
    "remarks",
    "reference",
    "party_a",
    "party_b",
    "account_reference",
    "receipt",
    "counterparty",
)


Cursor = tuple[str, int]
RARE_AMOUNT_ROWS = 5_000
# Text terms (this long at least) go through the trigram index (schema.TEXT_INDEX); fewer
# candidate rows than RARE_TEXT_ROWS, and a page is those rows sorted; more, and walking the time
# index finds a page of matches quickly.
MIN_INDEXED_TEXT = 3
RARE_TEXT_ROWS = 5_000


@dataclass(frozen=True)
class Filters:
    """What to show. Empty fields do not filter.

    Dates (``date``) are whole days in Kenyan time, both ends included; a ``datetime`` is an exact
    bound (naive = Kenyan time). ``status`` and ``operation`` take one name or several. ``phone``
    accepts 07.., +2547.., 2547.. forms. ``text`` matches part of the remarks, parties, account
    reference, receipt or counterparty, or the start of the reference, ignoring case. It needs
    :data:`MIN_INDEXED_TEXT` characters or more (looked up in the trigram index, so a page comes
    fast at any size); a shorter one raises ValueError.
    """

    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    operation: str | Sequence[str] | None = None
    status: str | Sequence[str] | None = None
    phone: str | None = None
    receipt: str | None = None
    amount_min: int | None = None
    amount_max: int | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        term = (self.text or "").strip()
        if term and len(term) < MIN_INDEXED_TEXT:
            raise ValueError(f"text search needs at least {MIN_INDEXED_TEXT} characters")




def _names(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [name.strip() for name in value if name and name.strip()]


def _bound(value: date | datetime, *, end: bool) -> tuple[str, str]:
    """``(operator, stored time)`` for a date-range end."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=EAT)
        return ("<=" if end else ">="), store_time(moment)
    day = value + timedelta(days=1) if end else value
    return ("<" if end else ">="), store_time(datetime.combine(day, time(), EAT))


def text_term(filters: Filters | None) -> str:
    """The free-text term of ``filters`` ("" when none)."""
    return (filters.text or "").strip() if filters is not None else ""


def text_match(term: str) -> str:
    """The FTS5 query for rows holding trigrams that cover ``term`` end to end (detail=none
    answers no phrases): a superset of the rows containing ``term``, which LIKE then narrows.
    Every third trigram and the last one: each lookup costs, and these already narrow well."""
    starts = [*range(0, len(term) - 2, 3), len(term) - 3]
    trigrams = dict.fromkeys(term[i:i + 3] for i in starts)
    return " AND ".join('"' + trigram.replace('"', '""') + '"' for trigram in trigrams)


def text_candidates_sql(term: str) -> tuple[str, dict[str, Any]]:
    """SQL selecting the ids of the rows that may match ``term`` (3+ characters): the trigram
    index's, and the references starting with it (as typed, in lower or in upper case)."""
    params: dict[str, Any] = {"text_match": text_match(term)}
    parts = [f"SELECT rowid FROM {schema.TEXT_INDEX} WHERE {schema.TEXT_INDEX} MATCH :text_match"]
    for n, start in enumerate(dict.fromkeys((term, term.lower(), term.upper()))):
        params[f"reference_from{n}"] = start
        params[f"reference_to{n}"] = start + "\U0010ffff"
        parts.append(f"SELECT id FROM transactions WHERE reference >= :reference_from{n} "
                     f"AND reference < :reference_to{n}")
    return " UNION ALL ".join(parts), params


def uses_text_index(conn: sqlite3.Connection, filters: Filters | None) -> bool:
    """Whether a page of ``filters`` is best found from the trigram index's candidates: a term
    matching fewer than :data:`RARE_TEXT_ROWS` rows (counted up to that)."""
    term = text_term(filters)
    if not term:
        return False
    candidates, params = text_candidates_sql(term)
    params["probe"] = RARE_TEXT_ROWS
    count = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM ({candidates}) LIMIT :probe)", params
    ).fetchone()[0]
    return count < RARE_TEXT_ROWS


def where_clause(
    filters: Filters | None, *, amount_index: bool = True, text_index: bool = False
) -> tuple[str, dict[str, Any]]:
    """``("WHERE ...", params)`` for ``filters`` ("" when nothing filters).

    ``amount_index=False`` keeps SQLite off the amount index (a common amount range is found
    faster by walking the rows newest first than by sorting every match). ``text_index=True``
    narrows a text term of 3+ characters to the trigram index's candidates first.
    """
    if filters is None:
        return "", {}
    terms: list[str] = []
    params: dict[str, Any] = {}
    if filters.date_from is not None:
        op, params["date_from"] = _bound(filters.date_from, end=False)
        terms.append(f"created_at {op} :date_from")
    if filters.date_to is not None:
        op, params["date_to"] = _bound(filters.date_to, end=True)
        terms.append(f"created_at {op} :date_to")
    for column in ("operation", "status"):
        names = _names(getattr(filters, column))
        if column == "status":
            names = [check_status(name) for name in names]
        if names:
            keys = [f"{column}{i}" for i in range(len(names))]
            params.update(zip(keys, names, strict=True))
            terms.append(f"{column} IN ({', '.join(':' + key for key in keys)})")
    if filters.phone and filters.phone.strip():
        params["phone"] = normalise_phone(filters.phone)
        terms.append("phone = :phone")
    if filters.receipt and filters.receipt.strip():
        params["receipt"] = filters.receipt.strip().upper()
        terms.append("receipt = :receipt")
    amount = "amount" if amount_index else "+amount"
    if filters.amount_min is not None:
        params["amount_min"] = int(filters.amount_min)
        terms.append(f"{amount} >= :amount_min")
    if filters.amount_max is not None:
        params["amount_max"] = int(filters.amount_max)
        terms.append(f"{amount} <= :amount_max")
    term = text_term(filters)
    if term:
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["text"] = f"%{escaped}%"
        params["text_start"] = f"{escaped}%"
        likes = [f"{col} LIKE :text ESCAPE '\\'" for col in TEXT_COLUMNS if col != "reference"]
        likes.append("reference LIKE :text_start ESCAPE '\\'")
        if text_index:
            candidates, candidate_params = text_candidates_sql(term)
            params.update(candidate_params)
            terms.append(f"id IN ({candidates})")
        terms.append("(" + " OR ".join(likes) + ")")
    return ("WHERE " + " AND ".join(terms)) if terms else "", params


def cursor_of(after: Transaction | Cursor | None) -> Cursor | None:
    """The keyset position after a row (a Transaction or a ``(created_at text, id)`` pair)."""
    if after is None or isinstance(after, tuple):
        return after
    return store_time(after.created_at), after.id


def has_amount(filters: Filters | None) -> bool:
    return filters is not None and (filters.amount_min is not None or
                                    filters.amount_max is not None)


def rare_amount_sql(filters: Filters) -> tuple[str, dict[str, Any]]:
    """SQL counting, through the amount index alone and up to :data:`RARE_AMOUNT_ROWS`, the rows
    in the amount range: fewer than that, and the index is the fast way to the first page."""
    where, params = where_clause(Filters(amount_min=filters.amount_min,
                                         amount_max=filters.amount_max))
    params["probe"] = RARE_AMOUNT_ROWS
    return f"SELECT count(*) FROM (SELECT 1 FROM transactions {where} LIMIT :probe)", params


def page_sql(
    select: str,
    filters: Filters | None,
    after: Transaction | Cursor | None,
    limit: int,
    *,
    amount_index: bool = True,
    text_index: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The SQL of one page newest first, starting after ``after``."""
    where, params = where_clause(filters, amount_index=amount_index, text_index=text_index)
    cursor = cursor_of(after)
    if cursor is not None:
        params["after_created"], params["after_id"] = cursor
        keyset = "(created_at, id) < (:after_created, :after_id)"
        where = f"{where} AND {keyset}" if where else f"WHERE {keyset}"
    params["limit"] = int(limit)
    return f"{select} {where} {ORDER_NEWEST_FIRST} LIMIT :limit", params


def summary_sql(
    filters: Filters | None, *, text_index: bool = True
) -> tuple[str, dict[str, Any]]:
    """SQL of ``(count, total)``; a text term of 3+ characters counts the index's candidates
    (never more work than reading every row) unless ``text_index=False``."""
    where, params = where_clause(filters, text_index=text_index)
    return f"SELECT count(*), coalesce(sum(amount), 0) FROM transactions {where}", params
