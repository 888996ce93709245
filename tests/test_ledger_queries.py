"""Searching the log: every filter, Kenyan-day date bounds, keyset pages, count and total."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from mpesa_desktop.ledger import Filters, Ledger, demo, queries
from mpesa_desktop.ledger.copy import copy_ledger
from mpesa_desktop.ledger.records import SELECT_TRANSACTION
from tests.fixtures.ledger import demo_log
from tests.raw_sql import run_sql


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def log(ledger_location):
    clock = Clock()
    ledger = Ledger(ledger_location, clock=clock)

    def add(at: datetime, operation="b2c", status="completed", receipt=None, **fields):
        clock.now = at
        row = ledger.create(operation, **fields)
        if status != "sending":
            ledger.transition(row.reference, "rejected" if status == "rejected" else "accepted",
                              source="ack")
        if status in ("completed", "failed"):
            ledger.transition(row.reference, status, source="callback", receipt=receipt)
        return row

    ledger.add = add  # type: ignore[attr-defined]
    yield ledger
    ledger.close()


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def refs(rows) -> list[str]:
    return [row.reference for row in rows]


def test_newest_first_and_keyset_pages_cover_everything_once(log):
    same_moment = utc(20, 9)
    added = [log.add(same_moment, amount=n, party_b="254708374149") for n in range(7)]
    added += [log.add(utc(21, h), amount=100 + h, party_b="254708374149") for h in range(8)]
    expected = list(reversed(refs(added)))  # later time first, then higher id first
    assert refs(log.query(limit=100)) == expected
    pages, after = [], None
    while page := log.query(None, after=after, limit=4):
        pages.append(refs(page))
        after = page[-1]
    assert [ref for page in pages for ref in page] == expected
    assert [len(page) for page in pages] == [4, 4, 4, 3]
    cursor = (added[3].created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), added[3].id)
    assert refs(log.query(after=cursor)) == list(reversed(refs(added[:3])))


def test_date_range_is_whole_kenyan_days(log):
    late_27_utc = log.add(utc(27, 21, 30), amount=1, party_b="254708374149")  # 28th 00:30 EAT
    on_27 = log.add(utc(27, 20, 59), amount=2, party_b="254708374149")  # 27th 23:59 EAT
    on_26 = log.add(utc(25, 21, 0), amount=3, party_b="254708374149")  # 26th 00:00 EAT
    day = date(2026, 11, 27)
    assert refs(log.query(Filters(date_from=day, date_to=day))) == [on_27.reference]
    assert refs(log.query(Filters(date_from=date(2026, 11, 28)))) == [late_27_utc.reference]
    assert refs(log.query(Filters(date_to=date(2026, 11, 26)))) == [on_26.reference]
    exact = Filters(date_from=datetime(2026, 11, 27, 23, 59), date_to=utc(27, 21, 30))
    assert refs(log.query(exact)) == [late_27_utc.reference, on_27.reference]


def test_operation_status_phone_receipt_amount_and_text(log):
    b2c = log.add(utc(10, 8), amount=1500, party_b="254712345678", remarks="November salary")
    stk = log.add(utc(10, 9), "stk_push", "failed", amount=50, party_a="254711000001",
                  phone="+254 711 000 001", account_reference="INV-50%")
    b2b = log.add(utc(10, 10), "b2b", "rejected", amount=90000, party_b="888880",
                  account_reference="KPLC_TOKEN")
    pending = log.add(utc(10, 11), "b2c", "sending", amount=20, party_b="0712345678")
    assert log.get(b2c.reference).status == "completed"

    def found(**filters) -> list[str]:
        return refs(log.query(Filters(**filters)))

    assert found(operation="stk_push") == [stk.reference]
    assert found(operation=("b2b", "stk_push")) == [b2b.reference, stk.reference]
    assert found(operation="b2b,stk_push") == [b2b.reference, stk.reference]
    assert found(status="failed") == [stk.reference]
    assert found(status=["sending", "completed"]) == [pending.reference, b2c.reference]
    assert found(phone="0712 345 678") == [pending.reference, b2c.reference]
    assert found(phone="0711000001") == [stk.reference]
    assert found(amount_min=50, amount_max=1500) == [stk.reference, b2c.reference]
    assert found(amount_min=90000) == [b2b.reference]
    assert found(text="SALARY") == [b2c.reference]
    assert found(text="888880") == [b2b.reference]
    assert found(text=b2b.reference[:8]) == [b2b.reference]
    assert found(text="50%") == [stk.reference]  # % and _ are literal, not wildcards
    assert found(text="KPLC_T") == [b2b.reference]
    assert found(text="KPLC%T") == []
    assert found(operation="b2c", status="completed", phone="254712345678") == [b2c.reference]
    assert found(text="   ") == refs(log.query())


def test_receipt_filter(log):
    log.add(utc(10, 8), amount=100, party_b="254708374149", receipt="QKA9Z9Z9Z9")
    paid = log.add(utc(10, 9), amount=5, party_b="254708374149", receipt="QKA1B2C3D4")
    assert refs(log.query(Filters(receipt=" qka1b2c3d4 "))) == [paid.reference]
    assert log.query(Filters(receipt="QKA0000000")) == []


def test_summary_counts_and_totals_per_filter(log):
    for n, status in enumerate(("completed", "completed", "failed", "rejected"), start=1):
        log.add(utc(5, n), status=status, amount=n * 100, party_b="254708374149")
    log.add(utc(5, 9), "account_balance", "completed")  # no amount
    assert log.summary() == (5, 1000)
    assert log.summary(Filters(status="completed")) == (3, 300)
    assert log.summary(Filters(status="failed,rejected")) == (2, 700)
    assert log.summary(Filters(phone="0799999999")) == (0, 0)


def test_bad_status_names_the_rule(log):
    with pytest.raises(ValueError, match="status must be one of draft, sending"):
        log.query(Filters(status="paid"))


def test_first_page_uses_indexes(sqlite_ledger):
    """The plan of each filter's first page avoids a scan of the whole table (SQLite's plan:
    PostgreSQL plans with its own statistics)."""
    conn = sqlite3.connect(sqlite_ledger.path)

    for filters in (Filters(), Filters(phone="0712345678"), Filters(receipt="QKA1"),
                    Filters(status="unknown"), Filters(date_from=date(2026, 11, 1)),
                    Filters(amount_min=100, amount_max=200)):
        sql, params = queries.page_sql(SELECT_TRANSACTION, filters, None, 100)
        plan = " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "USING" in plan and "INDEX" in plan, (filters, plan)
    conn.close()


def test_dates_far_apart_and_time_zones(log):
    early = log.add(datetime(2026, 1, 1, tzinfo=UTC) - timedelta(hours=3), amount=1,
                    party_b="254708374149")
    assert refs(log.query(Filters(date_from=date(2026, 1, 1), date_to=date(2026, 1, 1)))) == [
        early.reference
    ]


def test_amount_ranges_common_or_rare_give_the_same_rows_as_a_full_reading(ledger_location,
                                                                          tmp_path):
    demo_log(ledger_location, queries.RARE_AMOUNT_ROWS + 3_000, 5, tmp_path)
    with Ledger(ledger_location) as ledger:
        everything = []
        after = None
        while page := ledger.query(after=after, limit=2_000):
            everything += page
            after = page[-1]
        for low, high in ((10, 250_000), (1_000, 2_000), (1_550, 1_550), (None, 20),
                          (200_000, None), (123_450, 123_460)):
            expected = [row.reference for row in everything if row.amount is not None
                        and (low is None or row.amount >= low)
                        and (high is None or row.amount <= high)][:100]
            found = ledger.query(Filters(amount_min=low, amount_max=high), limit=100)
            assert [row.reference for row in found] == expected, (low, high)


def test_a_log_without_planner_statistics_gets_them_and_searches_by_index(tmp_path):
    path = tmp_path / "stats.sqlite3"
    demo.generate(path, 3_000, seed=2)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE sqlite_stat1")  # a log that never had statistics
    conn.commit()
    with Ledger(path) as ledger:
        phone = ledger.query(Filters(operation="b2c"), limit=1)[0].phone
        stats = conn.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'transactions'")
        assert stats.fetchone()[0] > 0
        sql, params = queries.page_sql(SELECT_TRANSACTION, Filters(status="completed",
                                                                   phone=phone), None, 100)
    plan = " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    conn.close()
    assert "transactions_phone" in plan, plan


TEXT_FIELDS = ("remarks", "party_a", "party_b", "account_reference", "receipt", "counterparty")


def text_matches(row, term: str) -> bool:
    """The text filter's rule read plainly (ASCII data: LIKE's case rule is Python's here)."""
    term = term.strip().lower()
    return (any(term in (getattr(row, field) or "").lower() for field in TEXT_FIELDS)
            or row.reference.lower().startswith(term))


def test_text_search_through_the_index_agrees_with_a_full_reading(ledger_location, tmp_path):
    demo_log(ledger_location, 7_000, 11, tmp_path)
    with Ledger(ledger_location) as ledger:
        everything = []
        after = None
        while page := ledger.query(after=after, limit=2_000):
            everything += page
            after = page[-1]
        some = next(row for row in everything if row.receipt and row.counterparty)
        surname = some.counterparty.split()[-1]
        terms = {
            "600": "common: the page is found walking the time index",
            surname.upper(): "a name, any case",
            some.receipt[2:8].lower(): "inside a receipt",
            some.reference[:6].upper(): "the start of a reference",
            some.reference[10:16]: "the middle of a reference: not a match",
            "no such words": "nothing",
            "u K": "a space counts",
        }
        for term, why in terms.items():
            expected = [row.reference for row in everything if text_matches(row, term)]
            pages, after = [], None
            while page := ledger.query(Filters(text=term), after=after, limit=700):
                pages += [row.reference for row in page]
                after = page[-1]
            assert pages == expected, why
            total = sum(row.amount or 0 for row in everything if text_matches(row, term))
            assert ledger.summary(Filters(text=term)) == (len(expected), total), why
            rare = ledger.reading(
                lambda conn, term=term: queries.uses_text_index(conn, Filters(text=term),
                                                                ledger.dialect))
            assert rare == (term != "600"), why


def test_postgresql_finds_what_sqlite_finds_for_terms_of_any_length_anywhere(postgres_url,
                                                                             tmp_path):
    source = tmp_path / "desk.sqlite3"
    demo.generate(source, 2_000, seed=21)
    copy_ledger(source, postgres_url)
    pick = random.Random(21)
    with Ledger(source) as desk, Ledger(postgres_url) as team:
        rows = desk.query(limit=2_000)
        terms = []
        for _ in range(80):
            row = pick.choice(rows)
            texts = [getattr(row, field) for field in TEXT_FIELDS if getattr(row, field)]
            text = pick.choice(texts)
            if pick.random() < 0.2 and len(texts) > 1:  # the end of one field, another's start
                text = text[-2:] + pick.choice(texts)[:2]
            length = pick.choice((3, 4, 5, 7))
            start = pick.randrange(max(1, len(text) - length + 1))
            term = text[start:start + length]
            terms.append(pick.choice((term, term.upper(), term.lower(), term.swapcase())))
        for term in terms:
            if len(term.strip()) < 3:
                continue
            expected = [row.reference for row in desk.query(Filters(text=term), limit=2_000)]
            found = [row.reference for row in team.query(Filters(text=term), limit=2_000)]
            assert found == expected, term


def test_text_search_needs_three_characters():
    with pytest.raises(ValueError, match="at least 3 characters"):
        Filters(text=" Ka ")
    assert Filters(text="Kam").text == "Kam"


def test_text_index_follows_new_and_changed_rows(log):
    row = log.add(utc(3, 8), "stk_push", "sending", amount=5, party_a="254711000001",
                  account_reference="ORDER7781")
    assert refs(log.query(Filters(text="der77"))) == [row.reference]
    assert log.query(Filters(text="zawadi")) == []
    log.transition(row.reference, "accepted", source="ack")
    log.transition(row.reference, "completed", source="callback", counterparty="Zawadi Wekesa",
                   receipt="NLJ7RT61SV")
    assert refs(log.query(Filters(text="ZAWADI"))) == [row.reference]
    assert refs(log.query(Filters(text="t61s"))) == [row.reference]
    assert log.summary(Filters(text="wekesa")) == (1, 5)


def test_text_terms_with_search_syntax_are_plain_text(log):
    row = log.add(utc(3, 9), amount=7, party_b="254708374149",
                  remarks='Otieno "Baba" O*d^h:i (x) AND NOT y')
    for term in ('"Baba"', "O*d^h", "h:i", "(x) AND", "AND NOT", "NOT y", "x) A"):
        assert refs(log.query(Filters(text=term))) == [row.reference], term
    for term in ('"""', "AND OR", "NEAR(x"):
        assert log.query(Filters(text=term)) == [], term


def test_a_term_is_found_wherever_it_sits_and_never_across_two_fields(log):
    # PostgreSQL indexes the trigrams of each phase apart: a term is found at each of them.
    row = log.add(utc(3, 10), amount=9, party_a="600000", party_b="254708374149",
                  remarks="Salary November Kamau", account_reference="INV-88123")
    log.add(utc(3, 11), amount=10, party_b="254708374150", remarks="Other payee entirely")
    remarks = row.remarks
    for length in (3, 4, 5, 6, 7, 9):
        for start in range(len(remarks) - length + 1):
            term = remarks[start:start + length]
            for shown in (term, term.upper(), term.swapcase()):
                if shown.strip() != shown or len(shown.strip()) < 3:
                    continue  # a search term is trimmed
                assert row.reference in refs(log.query(Filters(text=shown))), shown
    assert refs(log.query(Filters(text="88123"))) == [row.reference]
    for across in ("Kamau600000", "u6000", "000025470"):  # the end of one field, another's start
        assert log.query(Filters(text=across)) == [], across


def test_a_rare_term_is_looked_up_in_the_postgresql_text_index(postgres_url, tmp_path):
    demo_log(postgres_url, 3_000, 5, tmp_path)
    with Ledger(postgres_url) as ledger:
        some = next(row for row in ledger.query(limit=500) if row.receipt)
        rare = ledger.create("b2c", amount=5, party_b="254708374149", remarks="Vwxyzq Jkvx")
        terms = {some.receipt[2:8].lower(): some.reference}
        # Terms of 3 and 4 characters at each phase of the text (the remarks come first).
        terms |= {rare.remarks[start:start + length]: rare.reference
                  for length in (3, 4) for start in (0, 1, 2, 7)}
        for term, reference in terms.items():
            filters = Filters(text=term)
            assert [row.reference for row in ledger.query(filters)] == [reference], term
            sql, params = ledger.reading(lambda conn, filters=filters: queries.page_sql(
                SELECT_TRANSACTION, filters, None, 100,
                text_index=queries.uses_text_index(conn, filters, ledger.dialect),
                dialect=ledger.dialect))
            plan = "\n".join(row[0] for row in run_sql(postgres_url, f"EXPLAIN {sql}", params))
            assert "Seq Scan on transactions" not in plan, plan
            for phase in (0, 1, 2):
                assert f"transactions_text_{phase}" in plan, plan


def test_a_term_postgresql_expects_in_many_rows_is_not_counted(postgres_url, tmp_path,
                                                               monkeypatch):
    demo_log(postgres_url, 3_000, 5, tmp_path)  # analysed: the statistics know "600"
    monkeypatch.setattr(queries, "COMMON_TEXT_ROWS", 1_000)
    with Ledger(postgres_url) as ledger:
        for term, common in (("600", True), ("254", True), ("zqx", False)):
            filters = Filters(text=term)
            assert ledger.reading(lambda conn, filters=filters: queries.uses_text_index(
                conn, filters, ledger.dialect)) is not common, term
        assert len(ledger.query(Filters(text="600"), limit=100)) == 100
