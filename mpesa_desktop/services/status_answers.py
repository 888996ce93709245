"""What a Transaction Status answer tells about the transaction asked about. Qt-free.

Two uses:

- **Never reached M-Pesa.** A row left ``unknown`` may never have reached Daraja (the process
  died between writing it and sending it, or the connection failed before the request left).
  Transaction Status then answers "no such transaction" (ResultCode 2032). Two such answers, to
  two different queries, the later one asked at least ``never_reached_after`` (default 15 minutes)
  after the row was written, settle the row as ``failed`` ("never reached M-Pesa", source poll).
  A single answer proves little (M-Pesa may not have finished writing it), an answer asked soon
  after the request neither. Only verified answers count (``services.settle`` calls
  ``note_not_found`` for a "no such transaction" result whose ids match a query of ours), and
  only an ``unknown`` row is settled so: a row Daraja acknowledged did reach it.
- **Before a re-send.** ``answer_of(ledger, query)`` reads the answer to a status query asked
  about a failed payout: only "failed" or "does not exist" lets it be sent again
  (``StatusAnswer.lets_resend``); "completed", "pending" or no answer refuses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from mpesa_desktop.catalogue import STATUS_QUERYABLE
from mpesa_desktop.daraja.callbacks import parse_callback
from mpesa_desktop.ledger import IllegalTransition, Ledger, Transaction, settling
from mpesa_desktop.ledger.statuses import Status

log = logging.getLogger(__name__)

NOT_FOUND = "2032"  # Transaction Status: "The transaction receipt number does not exist."
NEVER_REACHED_AFTER = timedelta(minutes=15)
NEVER_REACHED = ("The request never reached M-Pesa: Transaction Status found no such "
                 "transaction, twice.")
# Operations whose result Transaction Status can find by OriginatorConversationID.
# What a Transaction Status result's TransactionStatus means for the transaction asked about.
FINAL_FROM_STATUS_QUERY = {
    "completed": Status.COMPLETED,
    "cancelled": Status.FAILED,
    "declined": Status.FAILED,
    "expired": Status.FAILED,
    "failed": Status.FAILED,
}


def note_not_found(ledger: Ledger, query: Transaction, payload: Any, *,
                   never_reached_after: timedelta = NEVER_REACHED_AFTER) -> Transaction | None:
    """Count a verified "no such transaction" answer to ``query`` against the row it asked about
    (by OriginatorConversationID); settle that row as never reached when this is the second.
    Returns the row asked about as it is afterwards, or None when it is not in the log."""
    original = ledger.find(originator_conversation_id=query.account_reference)
    if (original is None or original.reference == query.reference
            or original.operation not in STATUS_QUERYABLE):
        return None
    if original.status != Status.UNKNOWN:
        return original
    pair = settling.note_not_found(ledger, original.reference, query.created_at)
    if pair is None:
        log.info("Transaction Status does not know %s (first answer)", original.reference)
        return original
    _first, latest = pair
    if latest - original.created_at < never_reached_after:
        log.info("Transaction Status does not know %s yet; asked too soon to conclude",
                 original.reference)
        return original
    try:
        return ledger.transition(original.reference, Status.FAILED, source="poll",
                                 payload=payload, expected=Status.UNKNOWN,
                                 result_code=NOT_FOUND, result_desc=NEVER_REACHED)
    except IllegalTransition as error:  # settled meanwhile by other evidence
        log.info("left %s as it is: %s", original.reference, error)
        return ledger.get(original.reference)


@dataclass(frozen=True)
class StatusAnswer:
    """What M-Pesa said about a transaction, asked before re-sending it.

    ``verdict``: ``completed``, ``failed``, ``not_found``, ``pending`` or ``no_answer``;
    ``detail``: a sentence for the clerk."""

    verdict: str
    detail: str

    @property
    def lets_resend(self) -> bool:
        return self.verdict in ("failed", "not_found")


def answer_of(query: Transaction, final_payload: Any) -> StatusAnswer:
    """The answer a settled status query row ``query`` carries (``final_payload``: the callback
    that settled it, from its last event). A query row is only ever settled by a callback whose
    ids match it (``services.settle``), so its answer is M-Pesa's."""
    if query.status == Status.FAILED and query.result_code == NOT_FOUND:
        return StatusAnswer("not_found", "M-Pesa has no such transaction.")
    if query.status != Status.COMPLETED or not isinstance(final_payload, dict):
        reason = query.result_desc or "no answer yet"
        return StatusAnswer("no_answer", f"M-Pesa could not say ({reason}).")
    try:
        original = parse_callback(final_payload, "result").original_transaction or {}
    except ValueError:
        original = {}
    said = original.get("status") or "in no known state"
    target = FINAL_FROM_STATUS_QUERY.get(said.strip().lower())
    if target == Status.COMPLETED:
        receipt = f" (receipt {original['receipt']})" if original.get("receipt") else ""
        return StatusAnswer("completed", f"M-Pesa reports it completed{receipt}.")
    if target == Status.FAILED:
        return StatusAnswer("failed", f"M-Pesa reports it {said}.")
    return StatusAnswer("pending", f"M-Pesa reports it {said}.")
