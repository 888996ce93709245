"""Searching the log: the filters, their SQL, keyset pagination, and the totals of a filter.

Pages are ordered by ``(created_at, id)``, newest first unless the filters ask for the oldest
first, or by ``(amount, id)``, largest or smallest first (the rows without an amount after the
rest). The next page starts after the last row of the previous one (``after=rows[-1]``), so page
1,000 costs what page 1 costs. Every filter has an index (see ``schema.py``); :func:`page_query`
chooses, from cheap counts, the index that finds a page fastest (on SQLite, whose planner takes
hints; PostgreSQL's plans with its own statistics: ``dialect``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from mpesa_desktop.kenya import EAT, normalise_phone
from mpesa_desktop.ledger import schema
from mpesa_desktop.ledger.backend import Connection
from mpesa_desktop.ledger.dialect import SQLITE, Dialect
from mpesa_desktop.ledger.records import Transaction, store_time
from mpesa_desktop.ledger.statuses import FINAL, IN_FLIGHT, Status, check_status
from mpesa_desktop.messages import message

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

# What a page can be sorted by (its time or its amount).
SORTS = ("time", "amount")
AMOUNT_INDEX = "transactions_amount"

# Where the next page starts: the sort value of the last row (its stored time, or its amount,
# None when it has none) and its id.
Cursor = tuple[str | int | None, int]
RARE_AMOUNT_ROWS = 5_000
# Sorted by amount, filters matching fewer rows than this are read through their own index and
# sorted; more, and walking the amount index in order finds a page of matches quickly.
RARE_SORT_ROWS = 5_000
# Text terms (this long at least) go through the trigram index (schema.TEXT_INDEX); fewer
# candidate rows than RARE_TEXT_ROWS, and a page is those rows sorted; more, and walking the time
# index finds a page of matches quickly.
MIN_INDEXED_TEXT = 3
RARE_TEXT_ROWS = 5_000
# PostgreSQL: a term its statistics expect in this many rows or more is common at once (counting
# its candidates would gather a GIN bitmap of most of the log, slower than the page itself).
COMMON_TEXT_ROWS = 100_000


@dataclass(frozen=True)
class Filters:
    """What to show. Empty fields do not filter.

    Dates (``date``) are whole days in Kenyan time, both ends included; a ``datetime`` is an exact
    bound (naive = Kenyan time). ``status`` and ``operation`` take one name or several. ``phone``
    accepts 07.., +2547.., 2547.. forms. ``text`` matches part of the remarks, parties, account
    reference, receipt or counterparty, or the start of the reference, ignoring case. It needs
    :data:`MIN_INDEXED_TEXT` characters or more (looked up in the trigram index, so a page comes
    fast at any size); a shorter one raises ValueError. ``sort`` (``time`` or ``amount``) and
    ``descending`` order the pages; the totals and the export ignore them.
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
    sort: str = "time"
    descending: bool = True

    def __post_init__(self) -> None:
        term = (self.text or "").strip()
        if term and len(term) < MIN_INDEXED_TEXT:
            raise ValueError(message("text search needs at least {count} characters",
                                     count=MIN_INDEXED_TEXT))
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")


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


def text_candidates_sql(term: str, dialect: Dialect = SQLITE) -> tuple[str, dict[str, Any]]:
    """SQL selecting the ids of the rows that may match ``term`` (3+ characters): the trigram
    index's, and the references starting with it (as typed, in lower or in upper case)."""
    if dialect is SQLITE:
        params: dict[str, Any] = {"text_match": text_match(term)}
        parts = [f"SELECT rowid FROM {schema.TEXT_INDEX} "
                 f"WHERE {schema.TEXT_INDEX} MATCH :text_match"]
        reference = "reference"
    else:  # the rows holding the term's whole trigrams at one phase (``schema``)
        params = {"text_term": term}
        phases = " OR ".join(f"{schema.text_grams_sql(phase)} @> {schema.TERM_GRAMS}(:text_term)"
                             for phase in schema.TEXT_PHASES)
        parts = [f"SELECT id FROM transactions WHERE {phases}"]
        reference = schema.REFERENCE_BYTES
    for n, start in enumerate(dict.fromkeys((term, term.lower(), term.upper()))):
        params[f"reference_from{n}"] = start
        params[f"reference_to{n}"] = start + "\U0010ffff"
        parts.append(f"SELECT id FROM transactions WHERE {reference} >= :reference_from{n} "
                     f"AND {reference} < :reference_to{n}")
    return " UNION ALL ".join(parts), params


def uses_text_index(conn: Connection, filters: Filters | None,
                    dialect: Dialect = SQLITE) -> bool:
    """Whether a page of ``filters`` is best found from the trigram index's candidates: a term
    matching fewer than :data:`RARE_TEXT_ROWS` rows (counted up to that), unless PostgreSQL
    expects :data:`COMMON_TEXT_ROWS` or more."""
    if not text_term(filters):
        return False
    candidates, params = text_candidates_sql(text_term(filters), dialect)
    if dialect is not SQLITE:
        [plan] = conn.execute(f"EXPLAIN (FORMAT JSON) {candidates}", params).fetchone()[0]
        if plan["Plan"]["Plan Rows"] >= COMMON_TEXT_ROWS:
            return False
    params["probe"] = RARE_TEXT_ROWS
    count = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM ({candidates}) AS candidates LIMIT :probe) AS probe",
        params,
    ).fetchone()[0]
    return count < RARE_TEXT_ROWS


def where_clause(
    filters: Filters | None, *, amount_index: bool = True, text_index: bool = False,
    dialect: Dialect = SQLITE,
) -> tuple[str, dict[str, Any]]:
    """``("WHERE ...", params)`` for ``filters`` ("" when nothing filters).

    ``amount_index=False`` keeps SQLite off the amount index (a common amount range is found
    faster by walking the rows newest first than by sorting every match). ``text_index=True``
    narrows a text term of 3+ characters to the trigram index's candidates first. The sort
    fields do not filter.
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
            # A set of operations (a view such as "payments") is most of the log: tested row by
            # row along the time or amount index, never gathered through its own and sorted.
            tested = (dialect.unindexed(column) if column == "operation" and len(names) > 1
                      else column)
            terms.append(f"{tested} IN ({', '.join(':' + key for key in keys)})")
    if filters.phone and filters.phone.strip():
        params["phone"] = normalise_phone(filters.phone)
        terms.append("phone = :phone")
    if filters.receipt and filters.receipt.strip():
        params["receipt"] = filters.receipt.strip().upper()
        terms.append("receipt = :receipt")
    amount = "amount" if amount_index else dialect.unindexed("amount")
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
        like = dialect.like
        likes = [f"{col} {like} :text ESCAPE '\\'" for col in TEXT_COLUMNS if col != "reference"]
        likes.append(f"reference {like} :text_start ESCAPE '\\'")
        if text_index:
            candidates, candidate_params = text_candidates_sql(term, dialect)
            params.update(candidate_params)
            terms.append(f"id IN ({candidates})")
        terms.append("(" + " OR ".join(likes) + ")")
    return ("WHERE " + " AND ".join(terms)) if terms else "", params


def sort_of(filters: Filters | None) -> tuple[str, bool]:
    """``(sort, descending)`` of ``filters``: newest first when none."""
    return ("time", True) if filters is None else (filters.sort, filters.descending)


def cursor_of(after: Transaction | Cursor | None, sort: str = "time") -> Cursor | None:
    """The keyset position after a row (a Transaction, or a ``(sort value, id)`` pair)."""
    if after is None or isinstance(after, tuple):
        return after
    if sort == "amount":
        return after.amount, after.id
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
    return (f"SELECT count(*) FROM (SELECT 1 FROM transactions {where} LIMIT :probe) AS probe",
            params)


def _and(where: str, term: str) -> str:
    return f"{where} AND {term}" if where else f"WHERE {term}"


def page_sql(
    select: str,
    filters: Filters | None,
    after: Transaction | Cursor | None,
    limit: int,
    *,
    amount_index: bool = True,
    text_index: bool = False,
    sort_index: bool = True,
    offset: int = 0,
    dialect: Dialect = SQLITE,
) -> tuple[str, dict[str, Any]]:
    """The SQL of one page in the filters' order, starting after ``after`` and ``offset`` rows
    further (a jump: the rows skipped are read, where ``after`` reads none). ``select`` is
    ``SELECT ... FROM transactions``. Sorted by amount, ``sort_index=True`` walks the amount
    index in order (the filters match many rows); ``False`` keeps off it (they match few: found
    through their own indexes, then sorted)."""
    where, params = where_clause(filters, amount_index=amount_index, text_index=text_index,
                                 dialect=dialect)
    sort, descending = sort_of(filters)
    direction, beyond = ("DESC", "<") if descending else ("ASC", ">")
    cursor = cursor_of(after, sort)
    params["limit"], params["offset"] = int(limit), int(offset)
    if cursor is not None:
        params["after_value"], params["after_id"] = cursor
    if sort == "time":
        if cursor is not None:
            where = _and(where, f"(created_at, id) {beyond} (:after_value, :after_id)")
        return (f"{select} {where} ORDER BY created_at {direction}, id {direction} "
                "LIMIT :limit OFFSET :offset", params)
    # By amount: the rows with an amount in order, then (only as many as the page still needs)
    # the rows without one (checks), by id. The last sort orders one page.
    source, amount = (f"{select}{dialect.indexed_by(AMOUNT_INDEX)}", "amount") if sort_index else (
        select, dialect.unindexed("amount"))
    with_amount = f"{amount} IS NOT NULL"
    without_amount = f"{amount} IS NULL"
    if cursor is not None and cursor[0] is None:
        with_amount = "1 = 0"
        without_amount += f" AND id {beyond} :after_id"
    elif cursor is not None:
        with_amount += f" AND (amount, id) {beyond} (:after_value, :after_id)"
    return (
        f"WITH page AS ({source} {_and(where, with_amount)} "
        f"ORDER BY amount {direction}, id {direction} LIMIT :limit + :offset) "
        "SELECT * FROM (SELECT * FROM page UNION ALL SELECT * FROM "
        f"({source} {_and(where, without_amount)} ORDER BY id {direction} "
        "LIMIT :limit + :offset - (SELECT count(*) FROM page)) AS rest) AS both_parts "
        f"ORDER BY amount IS NULL, amount {direction}, id {direction} "
        "LIMIT :limit OFFSET :offset",
        params,
    )


def page_query(
    conn: Connection,
    select: str,
    filters: Filters | None,
    after: Transaction | Cursor | None,
    limit: int,
    offset: int = 0,
    *,
    dialect: Dialect = SQLITE,
) -> tuple[str, dict[str, Any]]:
    """The SQL of one page (as :func:`page_sql`) with the indexes that find it fastest, chosen
    from counts capped at a few thousand rows (so they stay cheap on any log); ``offset`` rows
    skipped first."""
    sort, _ = sort_of(filters)
    amount_index = sort == "amount"
    if not amount_index and has_amount(filters) and dialect.planner_hints:
        assert filters is not None
        probe, params = rare_amount_sql(filters)
        amount_index = conn.execute(probe, params).fetchone()[0] < RARE_AMOUNT_ROWS
    text_index = uses_text_index(conn, filters, dialect)
    sort_index = True
    if sort == "amount" and where_clause(filters)[0] and dialect.planner_hints:
        where, params = where_clause(filters, text_index=text_index)
        params["probe"] = RARE_SORT_ROWS
        matches = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM transactions {where} LIMIT :probe) AS probe",
            params,
        ).fetchone()[0]
        sort_index = matches >= RARE_SORT_ROWS
    return page_sql(select, filters, after, limit, amount_index=amount_index,
                    text_index=text_index, sort_index=sort_index, offset=offset, dialect=dialect)


def summary_sql(
    filters: Filters | None, *, text_index: bool = True, dialect: Dialect = SQLITE
) -> tuple[str, dict[str, Any]]:
    """SQL of ``(count, total)``; a text term of 3+ characters counts the index's candidates
    (never more work than reading every row) unless ``text_index=False``."""
    where, params = where_clause(filters, text_index=text_index, dialect=dialect)
    return f"SELECT count(*), coalesce(sum(amount), 0) FROM transactions {where}", params


@dataclass(frozen=True)
class Sum:
    """How many rows, and their amounts in whole shillings."""

    count: int = 0
    amount: int = 0


@dataclass(frozen=True)
class Totals:
    """The rows of a filter, and their money split so that no sum adds unlike things.

    ``money_in`` and ``money_out`` are the completed payments of each direction (money that
    moved); ``pending`` the payments still in flight (sending, accepted, timed out, unknown);
    ``failed`` the failed or rejected ones (nothing moved). Rows of other operations (checks,
    set-up) count in ``rows`` only.
    """

    rows: int = 0
    money_in: Sum = Sum()
    money_out: Sum = Sum()
    pending: Sum = Sum()
    failed: Sum = Sum()


def _case(column: str, groups: Sequence[tuple[int, Collection[str]]], params: dict[str, Any]
          ) -> str:
    """``CASE column WHEN name THEN n ... END``: the number of the group a value is in (a run
    of comparisons: cheaper per row than looking each value up in an IN list)."""
    whens: list[str] = []
    for n, names in groups:
        for name in sorted(str(name) for name in names):
            key = f"{column}_{n}_{len(whens)}"
            params[key] = name
            whens.append(f"WHEN :{key} THEN {n}")
    return f"CASE {column} {' '.join(whens)} END" if whens else "NULL"


def totals_sql(
    filters: Filters | None, money_in: Collection[str], money_out: Collection[str],
    dialect: Dialect = SQLITE,
) -> tuple[str, dict[str, Any]]:
    """SQL of the :class:`Totals` of ``filters`` in one pass: the row count, then count and sum
    of each part. ``money_in`` and ``money_out`` name the operations of each direction."""
    where, params = where_clause(filters, text_index=True, dialect=dialect)
    direction = _case("operation", ((1, money_in), (2, money_out)), params)
    outcome = _case("status", ((1, {Status.COMPLETED}), (2, IN_FLIGHT),
                               (3, FINAL - {Status.COMPLETED})), params)
    parts = ("direction = 1 AND outcome = 1", "direction = 2 AND outcome = 1",
             "direction > 0 AND outcome = 2", "direction > 0 AND outcome = 3")
    sums = ", ".join(
        f"count(CASE WHEN {part} THEN 1 END), coalesce(sum(CASE WHEN {part} THEN amount END), 0)"
        for part in parts
    )
    # Each row's direction and outcome are worked out once: the fence (LIMIT -1) keeps SQLite
    # from copying those expressions into each of the sums (twice as slow).
    return (f"SELECT count(*), {sums} FROM (SELECT {direction} AS direction, {outcome} AS "
            f"outcome, amount FROM transactions {where}{dialect.fence}) AS parts", params)


def totals_of(row: Sequence[int]) -> Totals:
    """The :class:`Totals` of a row of :func:`totals_sql`."""
    rows, *sums = (int(value) for value in row)
    parts = [Sum(sums[i], sums[i + 1]) for i in range(0, len(sums), 2)]
    return Totals(rows, *parts)
