"""What the log already says about a bulk file's rows (blocking calls on a Ledger; run them in
the services' worker).

A row's references are derived from the file's hash, the payee's position and the attempt
number (``attempt_reference``), so a later run finds what an earlier run sent, and two runs
racing on one file collide on the log's unique reference. The meta table keeps an audit trail:
``bulk:<hash>`` (the file and every run's id and time) and ``bulk:<hash>:<position>`` (the
row's latest reference, attempt and run id).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from mpesa_desktop import kenya
from mpesa_desktop.catalogue import PAYOUTS
from mpesa_desktop.config.guard import COUNTED_STATUSES
from mpesa_desktop.ledger import Ledger, Transaction
from mpesa_desktop.ledger.queries import Filters
from mpesa_desktop.ledger.statuses import RETRYABLE

META_PREFIX = "bulk:"
# How far back a payout of the same amount to the same phone counts as a repeat.
REPEAT_WINDOW = timedelta(hours=48)


@dataclass(frozen=True)
class EarlierSend:
    """What earlier runs did with one row: the last transaction they logged for it (None:
    none), the attempt number a send would now be, and the run that logged it (if recorded)."""

    transaction: Transaction | None
    attempt: int
    run_id: str | None


def file_key(digest: str) -> str:
    return f"{META_PREFIX}{digest}"


def row_key(digest: str, position: int) -> str:
    return f"{META_PREFIX}{digest}:{position}"


def attempt_reference(digest: str, position: int, attempt: int) -> str:
    """The reference (and OriginatorConversationID) of a payee's ``attempt``-th send."""
    seed = f"{META_PREFIX}{digest}:{position}:{attempt}".encode()
    return hashlib.sha256(seed).hexdigest()[:32]


def earlier_send(ledger: Ledger, digest: str, position: int) -> EarlierSend:
    """Walk the row's attempts in the log while they were rejected or failed."""
    attempt, last = 1, None
    while (row := ledger.get(attempt_reference(digest, position, attempt))) is not None:
        last = row
        if row.status not in RETRYABLE:
            break
        attempt += 1
    recorded = json.loads(ledger.get_meta(row_key(digest, position)) or "{}")
    run_id = recorded.get("run_id") if last and recorded.get("reference") == last.reference \
        else None
    return EarlierSend(last, attempt, run_id)


def record_run(ledger: Ledger, digest: str, run_id: str, **facts: Any) -> None:
    """Add a run (its id, the time and ``facts``) to the file's record."""
    record = json.loads(ledger.get_meta(file_key(digest)) or "{}")
    record.setdefault("runs", []).append(
        {"run_id": run_id, "at": datetime.now(UTC).isoformat(), **facts})
    ledger.set_meta(file_key(digest), json.dumps(record))


def record_row(ledger: Ledger, digest: str, position: int, reference: str, attempt: int,
               run_id: str) -> None:
    """Note the row's reference before it is submitted."""
    ledger.set_meta(row_key(digest, position), json.dumps(
        {"reference": reference, "attempt": attempt, "run_id": run_id}))


def recent_repeat(ledger: Ledger, phone: str, amount: int) -> Transaction | None:
    """The newest B2C payout of ``amount`` to ``phone`` in the last REPEAT_WINDOW that was not
    rejected or failed, or None."""
    filters = Filters(date_from=datetime.now(UTC) - REPEAT_WINDOW, operation="b2c",
                      status=COUNTED_STATUSES, phone=phone, amount_min=amount,
                      amount_max=amount)
    found = ledger.query(filters, limit=1)
    return found[0] if found else None


def today_total(ledger: Ledger) -> int:
    """Today's payouts (Kenyan day) that count towards the daily cap."""
    today = kenya.today()
    filters = Filters(date_from=today, date_to=today, operation=tuple(PAYOUTS),
                      status=COUNTED_STATUSES)
    return int(ledger.summary(filters)[1] or 0)
