"""M-Pesa's record online: Pull Transactions' answers as statement rows. Qt-free.

    rows = await pull_statement(services, start, end)   # every page, as StatementRow
    with await reconcile_pull(services, start, end) as result: ...   # fetched and matched

Each page is one ``pull_query`` sent through the services (so it is logged like any request,
its answer kept in its history); pages are asked for until one comes back short. Pull
Transactions lists only payments received (C2B, STK pushes to the shortcode), within the last
48 hours: a reconciliation from it covers money in only. A row the app cannot read without
guessing (no receipt, a time or amount it cannot parse) is a StatementError naming the row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Protocol

from mpesa_desktop.daraja.amounts import read_amount
from mpesa_desktop.kenya import EAT, is_receipt
from mpesa_desktop.ledger import INCOMING_OPERATION
from mpesa_desktop.messages import message
from mpesa_desktop.reconcile.matching import reconcile
from mpesa_desktop.reconcile.report import Reconciliation
from mpesa_desktop.reconcile.statement import StatementError, StatementRow
from mpesa_desktop.services.directions import MONEY_IN

PAGE = 1000  # rows Daraja returns per query [UNCERTAIN]; a shorter page is the last
MAX_PAGES = 1000
SOURCE = "Pull Transactions"


class Services(Protocol):
    async def submit(self, operation: str, fields: dict[str, Any]) -> Any: ...
    async def run_blocking(self, fn: Any, *args: Any) -> Any: ...
    @property
    def ledger(self) -> Any: ...
    @property
    def profile(self) -> Any: ...


def covered(profile: Any, shortcode: str | None = None) -> frozenset[str]:
    """The logged operations Pull Transactions lists for ``shortcode`` (the profile's by
    default): payments received there, and STK pushes when they pay that same shortcode (a
    till's pushes go to its store number, which this query does not cover)."""
    shortcode = shortcode or profile.shortcode
    stk = {"stk_push"} if profile.stk_shortcode in (None, shortcode) else set()
    return frozenset({INCOMING_OPERATION, *stk}) & MONEY_IN


async def pull_statement(services: Services, start: datetime, end: datetime,
                         shortcode: str | None = None) -> list[StatementRow]:
    """Every row Pull Transactions lists from ``start`` to ``end`` (aware; sent as East Africa
    Time), fetched page by page."""
    rows: list[StatementRow] = []
    for _ in range(MAX_PAGES):
        fields: dict[str, Any] = {"start_date": start, "end_date": end, "offset": len(rows)}
        if shortcode:
            fields["shortcode"] = shortcode
        sent = await services.submit("pull_query", fields)
        events = await services.run_blocking(services.ledger.events, sent.reference)
        answers = [event.payload for event in events
                   if isinstance(event.payload, dict) and "Response" in event.payload]
        page = list(statement_rows(answers[-1] if answers else {}, first_line=len(rows) + 1))
        rows.extend(page)
        if len(page) < PAGE:
            return rows
    raise StatementError(message("{source}: more than {count} pages: ask for a shorter range",
                                 source=SOURCE, count=MAX_PAGES))


async def reconcile_pull(services: Services, start: datetime, end: datetime,
                         shortcode: str | None = None) -> Reconciliation:
    """Fetch M-Pesa's record of ``start``..``end`` and match it against the log (in a worker
    thread): the payments received at the shortcode only (``covered``), the period as asked."""
    rows = await pull_statement(services, start, end, shortcode)
    return await services.run_blocking(functools.partial(
        reconcile, services.ledger, rows, source=SOURCE, period=(start, end),
        covers=covered(services.profile, shortcode)))


def statement_rows(answer: dict[str, Any], first_line: int = 1) -> Iterator[StatementRow]:
    """The rows of one Pull Transactions answer (``Response`` is a list of lists of rows)."""
    groups = answer.get("Response") or []
    flat = [item for group in groups for item in (group if isinstance(group, list) else [group])]
    for line, item in enumerate(flat, start=first_line):
        if not isinstance(item, dict):
            raise StatementError(message("{source} row {line}: not a transaction ({item})",
                                         source=SOURCE, line=line, item=repr(item)))
        yield _row(line, item)


def _row(line: int, item: dict[str, Any]) -> StatementRow:
    def fail(key: str, rule: str) -> StatementError:
        return StatementError(f"{SOURCE} row {line}, {key}: {rule} (got {item.get(key)!r})")

    receipt = str(item.get("transactionId") or "").strip().upper()
    if not is_receipt(receipt):
        raise fail("transactionId", "must be a 10-character M-Pesa receipt")
    try:
        when = datetime.fromisoformat(str(item.get("trxDate") or "").strip())
    except ValueError:
        raise fail("trxDate", "must be an ISO time like 2026-11-28T14:03:22+03:00") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=EAT)
    try:
        cents = read_amount(item.get("amount")) * 100  # C2B is whole shillings
    except ValueError as error:
        raise fail("amount", str(error)) from None
    party = str(item.get("msisdn") or "").strip()
    return StatementRow(
        line=line, receipt=receipt, completed_at=when, initiated_at=None,
        details=str(item.get("transactiontype") or ""), status="Completed", paid_in=cents,
        withdrawn=0, balance=None, reason_type=str(item.get("sender") or ""),
        other_party=party, linked_id="", account_no=str(item.get("billreference") or ""))
