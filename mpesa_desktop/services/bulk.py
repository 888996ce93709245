"""Paying every row of a bulk file (B2C), each payee once, with the rules of a single payment.

    bulk = await BulkPayout.prepare(services, read_bulk_file("november.csv"))  # nothing sent yet
    print(bulk.payees, bulk.total)                 # what the clerk confirms
    outcomes = await bulk.send(rate=1.0)           # paced: at most ``rate`` requests a second
    outcomes = await bulk.wait(timeout=120)        # optional: every row's final status
    bulk.control.pause() / .resume() / .cancel()    # while it sends (services.bulk_control)

``prepare`` checks EVERY row as ``AppServices.check`` would (the same limits and profile
defaults), refuses two rows paying the same phone the same amount (the duplicate guard would
refuse the second), and applies the profile's guard to the whole file (money turned off, the
per-payment cap, today's total against the daily cap); any problem raises ``BulkFileError``
listing every row and column, and nothing is sent. ``send`` then submits row after row through
``AppServices.submit``, so the write-ahead log, caps and the duplicate guard apply to each.

Amounts are read strictly (``daraja.amounts``); a file whose amounts may mean otherwise (decimal
commas, or commas in a file separated by semicolons: ``bulk_file.amount_doubts``) is refused
whole.

Never twice: the file is identified by a hash of its payees (after normalisation, so a file
saved again with other line endings or spacing is the same file). Each row's reference (the B2C
OriginatorConversationID, which is also the ledger reference) is derived from that hash, the
payee's position in the file and the attempt number, so a later run finds in the log what an
earlier one sent, and two runs racing on one file collide on the log's unique reference instead
of paying twice. Before a row is submitted, its reference, attempt and run id are recorded in the
ledger's meta table under ``bulk:<hash>:<n>`` (n = the payee's position), and the file under
``bulk:<hash>`` with every run's id and time (an audit trail; skipped rows name the run that sent
them). A re-run of the same file (after a crash or a partial run) skips every row already sent,
whatever its status (accepted, completed, timed out, unknown); it sends again only rows that
were rejected or failed (as retries linked to the original) and rows that never reached the log
(refused, or not sent because the run stopped). A run stops at the first error that is not about
its row (the server cannot be reached, an answer was lost, credentials refused, a setting
missing, the daily cap reached): the rest are left for a re-run. ``stopped`` then says where and
why, and ``stop_error`` is the error that stopped it.

A file edited after a partial run is another file (its hash changed). So that its payees already
paid are not paid again unnoticed, ``repeats`` lists the rows due to be sent whose phone was paid
the same amount in the last 48 hours (any payout of the log not rejected or failed);
the caller shows them and asks before sending, and says so to ``send(allow_repeats=True)``: only
those rows are then sent as deliberate repeats (``submit``'s ``allow_repeat``). Any other row
identical to a payout completed within the profile's repeat window is refused by ``submit``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from mpesa_desktop.config.errors import ConfigError
from mpesa_desktop.config.guard import (
    check_daily_cap,
    check_money_enabled,
    check_per_payment_cap,
    needs_retype,
)
from mpesa_desktop.daraja.errors import (
    ApiError,
    AuthError,
    TransportError,
    ValidationError,
)
from mpesa_desktop.errors import KnownError
from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.ledger import Ledger, LedgerError, Transaction
from mpesa_desktop.ledger.statuses import FINAL, RETRYABLE
from mpesa_desktop.messages import message, said
from mpesa_desktop.services import bulk_history as history
from mpesa_desktop.services.bulk_control import RunControl
from mpesa_desktop.services.bulk_file import (
    COLUMN_FIELDS,
    BulkFile,
    BulkFileError,
    BulkRow,
    RowProblem,
    amount_doubts,
)
from mpesa_desktop.services.errors import GuardError

OPERATION = "b2c"
# The B2C field -> the file's column, to name columns in messages.
FIELD_COLUMNS = {field: column for column, field in COLUMN_FIELDS.items() if field}
# Guard refusals that concern every row, not the one being sent: the run stops.
STOPPING_GUARDS = {"money_disabled", "daily_cap"}
# What a run did with a row.
SENT, RESENT, SKIPPED, REFUSED, NOT_SENT = "sent", "resent", "skipped", "refused", "not sent"
# prepare() and send() let the event loop run (a window repaint) after this many rows.
ROWS_BETWEEN_YIELDS = 200


@dataclass
class RowOutcome:
    """One payee row and what became of it.

    ``action``: sent, resent (a retry of a rejected or failed earlier send), skipped (sent by an
    earlier run), refused (not sent: ``message`` says why), not sent (the run stopped first).
    ``status`` is the ledger status of the row's transaction, or ``refused`` / ``not sent``.
    """

    row: int
    position: int
    name: str
    phone: str
    amount: int
    action: str
    status: str
    reference: str | None = None
    receipt: str | None = None
    message: str | None = None
    retry_of: str | None = None
    sent_at: str | None = None
    sent_by_run: str | None = None
    counterparty: str | None = None  # the name M-Pesa returned for the payee
    payment_type: str = ""  # the command_id

    def update(self, transaction: Transaction) -> None:
        self.status = transaction.status
        self.reference = transaction.reference
        self.receipt = transaction.receipt
        self.counterparty = transaction.counterparty
        self.message = transaction.result_desc
        self.sent_at = transaction.created_at.astimezone(EAT).isoformat(timespec="seconds")

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class _Plan:
    row: BulkRow
    position: int
    values: dict[str, Any]
    previous: Transaction | None = None
    attempt: int = 1
    previous_run: str | None = None
    repeat: Transaction | None = None
    outcome: RowOutcome = field(init=False)

    @property
    def to_send(self) -> bool:
        return self.previous is None or self.previous.status in RETRYABLE


def file_digest(profile_name: str, plans: list[_Plan]) -> str:
    """The file's identity in a profile: a hash of its payees' normalised fields, in order (the
    profile's name too, so two profiles never derive the same OriginatorConversationIDs)."""
    canonical = [profile_name, *([plan.values.get(name) for name in (
        "party_b", "amount", "remarks", "occasion", "command_id", "party_a")] for plan in plans)]
    data = json.dumps(canonical, separators=(",", ":"), default=str).encode()
    return hashlib.sha256(data).hexdigest()[:32]


def _problems_of(row: BulkRow, error: ValidationError) -> list[RowProblem]:
    return [RowProblem(row.number, FIELD_COLUMNS.get(name, name), rule)
            for name, rule in error.errors.items()]


def _look_up(ledger: Ledger, digest: str, plans: list[_Plan]) -> None:
    """Blocking: what earlier runs sent for each row, and recent repeats of the rows to send."""
    for plan in plans:
        earlier = history.earlier_send(ledger, digest, plan.position)
        plan.previous, plan.attempt, plan.previous_run = (
            earlier.transaction, earlier.attempt, earlier.run_id)
        if plan.to_send:
            plan.repeat = history.recent_repeat(ledger, plan.values["party_b"],
                                                plan.values["amount"])


class BulkPayout:
    """One bulk file checked against one AppServices; build it with ``prepare``."""

    def __init__(self, services: Any, bulk_file: BulkFile, plans: list[_Plan], digest: str):
        self.services = services
        self.file = bulk_file
        self.digest = digest
        self.run_id: str | None = None
        self.stopped: str | None = None
        self.stop_error: KnownError | None = None
        self.control = RunControl()  # pause, resume, cancel, the rate
        self._plans = plans
        for plan in plans:
            plan.outcome = RowOutcome(
                plan.row.number, plan.position, plan.row.name, plan.values["party_b"],
                plan.values["amount"], NOT_SENT, NOT_SENT,
                payment_type=plan.values["command_id"])
            if plan.previous is not None:
                plan.outcome.update(plan.previous)
                plan.outcome.sent_by_run = plan.previous_run
                plan.outcome.action = NOT_SENT if plan.to_send else SKIPPED

    # -- checking --------------------------------------------------------------------------

    @classmethod
    async def prepare(cls, services: Any, bulk_file: BulkFile) -> BulkPayout:
        """Check every row and look up earlier runs; BulkFileError (or GuardError when money is
        turned off) lists every problem, and nothing is sent."""
        profile = services.profile
        refused = check_money_enabled(profile, OPERATION)
        if refused:
            raise GuardError(refused.message, kind=refused.rule, field=refused.field)
        problems = await services.run_blocking(amount_doubts, bulk_file)
        plans: list[_Plan] = []
        seen: dict[tuple[Any, Any], int] = {}
        for position, row in enumerate(bulk_file.rows, start=1):
            if position % ROWS_BETWEEN_YIELDS == 0:
                await asyncio.sleep(0)  # a window stays responsive while a big file is checked
            try:
                values = services.check(OPERATION, row.fields())
            except ValidationError as error:
                problems += _problems_of(row, error)
                continue
            cap = check_per_payment_cap(profile, OPERATION, values["amount"])
            if cap:
                problems.append(RowProblem(row.number, "amount", cap.message.split(": ", 1)[-1]))
            key = (values["party_b"], values["amount"])
            if key in seen:
                problems.append(RowProblem(row.number, "phone", message(
                    "pays {phone} the same amount as row {row}; an identical payment is refused "
                    "while the first is in flight: merge the two rows, or pay one in another "
                    "file", phone=values["party_b"], row=seen[key])))
            seen.setdefault(key, row.number)
            plans.append(_Plan(row, position, values))
        if problems:
            raise BulkFileError(problems)
        digest = await services.run_blocking(file_digest, profile.name, plans)
        await services.run_blocking(_look_up, services.ledger, digest, plans)
        # 10,000 rows' outcomes are made in the worker: a window stays responsive meanwhile.
        bulk = await services.run_blocking(cls, services, bulk_file, plans, digest)
        await bulk._check_daily_cap()
        return bulk

    async def _check_daily_cap(self) -> None:
        profile = self.services.profile
        if profile.daily_cap is None:
            return
        today = await self.services.run_blocking(history.today_total, self.services.ledger)
        refused = check_daily_cap(profile, OPERATION, self.total, today)
        if refused:
            message = refused.message.split(": ", 1)[-1].replace(
                format_kes(self.total), f"the file's total of {format_kes(self.total)}", 1)
            raise BulkFileError([RowProblem(0, "amount", message)])

    # -- what the clerk confirms (worked out once: which rows are sent is fixed by ``prepare``,
    # and the window reads these on its own thread) -----------------------------------------

    @property
    def outcomes(self) -> list[RowOutcome]:
        return [plan.outcome for plan in self._plans]

    @cached_property
    def payees(self) -> int:
        """How many rows this run will send."""
        return sum(plan.to_send for plan in self._plans)

    @cached_property
    def total(self) -> int:
        """The shillings this run will send."""
        return sum(plan.values["amount"] for plan in self._plans if plan.to_send)

    @cached_property
    def skipped(self) -> list[RowOutcome]:
        """Rows an earlier run already sent (never sent again)."""
        return [plan.outcome for plan in self._plans if not plan.to_send]

    @cached_property
    def repeats(self) -> list[tuple[RowOutcome, Transaction]]:
        """Rows due to be sent whose phone was paid the same amount lately (not by this file):
        each with that earlier payout."""
        return [(plan.outcome, plan.repeat) for plan in self._plans
                if plan.to_send and plan.repeat is not None]

    def totals_by_type(self) -> dict[str, tuple[int, int]]:
        """The rows this run will send by payment type (command_id): (payees, shillings)."""
        totals: dict[str, tuple[int, int]] = {}
        for plan in self._plans:
            if plan.to_send:
                kind = plan.outcome.payment_type
                count, amount = totals.get(kind, (0, 0))
                totals[kind] = (count + 1, amount + plan.values["amount"])
        return totals

    @cached_property
    def needs_retyped_total(self) -> bool:
        """True when some amount is above the profile's retype threshold: the clerk must type
        the total a second time (``send(confirmed_total=...)``)."""
        return any(plan.to_send and needs_retype(self.services.profile, OPERATION,
                                                 plan.values["amount"])
                   for plan in self._plans)

    # -- sending ---------------------------------------------------------------------------

    async def send(self, *, rate: float = 1.0, confirmed_total: int | None = None,
                   allow_repeats: bool = False,
                   on_row: Callable[[RowOutcome], None] | None = None) -> list[RowOutcome]:
        """Send every row that is due, in file order, at most ``rate`` a second; the outcome of
        every row (skipped ones included). ``allow_repeats``: the clerk allowed the rows listed
        in ``repeats``. ``on_row`` is called as each row is dealt with."""
        if self.needs_retyped_total and confirmed_total != self.total:
            problem = (message("is required: amounts above the profile's retype threshold need "
                               "the file's total typed a second time")
                       if confirmed_total is None else
                       message("does not match the file's total of {total}",
                               total=format_kes(self.total)))
            raise GuardError(message("confirmed_total: {problem}; nothing was sent",
                                     problem=problem), kind="retype", field="confirmed_total")
        self.control.set_rate(rate)
        self.run_id = uuid.uuid4().hex[:12]
        await self.services.run_blocking(
            history.record_run, self.services.ledger, self.digest, self.run_id,
            file=self.file.path.name, payees=len(self._plans), sending=self.payees,
            total=self.total)
        for index, plan in enumerate(self._plans, start=1):
            if index % ROWS_BETWEEN_YIELDS == 0:
                await asyncio.sleep(0)  # rows not sent are dealt with quickly: let a window paint
            if plan.to_send and self.stopped is None:
                if not await self.control.turn():
                    self.stopped = message("Cancelled before row {row}", row=plan.row.number)
                    continue
                await self._send_row(plan, allow_repeat=allow_repeats and plan.repeat is not None)
            if on_row is not None:
                on_row(plan.outcome)
        return self.outcomes

    async def _send_row(self, plan: _Plan, *, allow_repeat: bool) -> None:
        outcome = plan.outcome
        retry_of = plan.previous.reference if plan.previous is not None else None
        reference = history.attempt_reference(self.digest, plan.position, plan.attempt)
        await self.services.run_blocking(  # before the request can leave
            history.record_row, self.services.ledger, self.digest, plan.position, reference,
            plan.attempt, self.run_id)
        fields = {**plan.row.fields(), "originator_conversation_id": reference}
        amount = plan.values["amount"]
        confirmed = amount if needs_retype(self.services.profile, OPERATION, amount) else None
        outcome.action, outcome.retry_of = (RESENT if retry_of else SENT), retry_of
        try:
            transaction = await self.services.submit(OPERATION, fields,
                                                     confirmed_amount=confirmed,
                                                     retry_of=retry_of, allow_repeat=allow_repeat)
        except (ApiError, TransportError) as error:
            row = getattr(error, "transaction", None)
            if row is not None:
                outcome.update(row)
            else:
                outcome.status, outcome.reference = REFUSED, None
            outcome.message = said(error)
            if isinstance(error, TransportError | AuthError):
                self._stop(plan, error)
            return
        except LedgerError as error:  # e.g. another run of this file logged this reference first
            row = await self.services.run_blocking(self.services.ledger.get, reference)
            if row is not None:
                outcome.update(row)
                outcome.action = SKIPPED
            else:
                outcome.action, outcome.status, outcome.reference = REFUSED, REFUSED, None
            outcome.message = said(error)
            return
        except KnownError as error:  # validation, guard, duplicate, setting: nothing sent
            outcome.action, outcome.status, outcome.reference = REFUSED, REFUSED, None
            outcome.message = said(error)
            if isinstance(error, ConfigError) or (
                    isinstance(error, GuardError) and error.kind in STOPPING_GUARDS):
                self._stop(plan, error)
            return
        outcome.update(transaction)

    def _stop(self, plan: _Plan, error: KnownError) -> None:
        self.stopped = message("Stopped at row {row}: {error}", row=plan.row.number,
                               error=said(error))
        self.stop_error = error

    # -- waiting ---------------------------------------------------------------------------

    async def wait(self, timeout: float,
                   on_row: Callable[[RowOutcome], None] | None = None) -> list[RowOutcome]:
        """Wait (with the poller) until every sent or skipped row is final, or ``timeout``
        seconds in all pass; the outcomes, updated."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        for plan in self._plans:
            outcome = plan.outcome
            if outcome.reference and outcome.status not in FINAL and outcome.status != REFUSED:
                remaining = max(deadline - loop.time(), 0.0)
                outcome.update(await self.services.wait_final(outcome.reference, remaining))
                if on_row is not None:
                    on_row(outcome)
        return self.outcomes
