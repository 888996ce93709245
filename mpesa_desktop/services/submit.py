"""The submit pipeline: one operation from the clerk's fields to a ledger row with a status.

validate (limits) -> production guard and caps (config.guard) -> for a re-send of a failed
payout, Transaction Status first (``_check_retry``) -> ledger write-ahead ``sending``
(committed before the request leaves, in one transaction with the duplicate rule, so no process
writes a twin of a payout in flight, nor, unless ``allow_repeat``, a repeat of an identical payout
completed within the profile's ``repeat_window_hours``: ``services.duplicates``) -> the client in
the worker ->
``accepted`` / ``rejected`` / ``unknown`` (DESIGN.md section 3.4). Operations whose answer is the
final result (STK query, C2B register and simulate) go on to ``completed`` at once.

The row's reference is chosen before the request is built, and the request's ResultURL,
QueueTimeOutURL and STK CallBackURL carry it as ``?ref=<reference>`` (``services.tagged_urls``),
so its result can be matched even when the acknowledgement is lost; the request body kept in
the log (secrets removed) is the one sent, tagged URLs included.

Errors are raised after the row's status is recorded; the row is attached to the error as
``error.transaction`` (None when nothing was written).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from mpesa_desktop import catalogue, kenya
from mpesa_desktop.catalogue import (
    ANSWERED_AT_ONCE,
    PAYOUTS,
    STATUS_QUERYABLE,
    STK_OPERATIONS,
    FieldKind,
)
from mpesa_desktop.config import Profile
from mpesa_desktop.config.guard import COUNTED_STATUSES, check_submission
from mpesa_desktop.daraja import limits, operations
from mpesa_desktop.daraja.callbacks import parse_stk_query
from mpesa_desktop.daraja.errors import ApiError, TransportError, ValidationError
from mpesa_desktop.errors import KnownError
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.ledger.queries import Filters
from mpesa_desktop.ledger.repeats import RepeatRefused
from mpesa_desktop.ledger.statuses import (
    RETRYABLE,
    DuplicateRow,
    IllegalTransition,
    RetryRefused,
    Status,
)
from mpesa_desktop.redaction import redact_text
from mpesa_desktop.services.duplicates import InFlight, push_key, refused, repeated
from mpesa_desktop.services.errors import DuplicateError, GuardError
from mpesa_desktop.services.review import REPEATABLE_PAYOUTS, check_refund
from mpesa_desktop.services.settle import settle
from mpesa_desktop.services.status_answers import StatusAnswer
from mpesa_desktop.services.tagged_urls import tag_callback_urls

if TYPE_CHECKING:  # loaded with the first request, not with the services
    from mpesa_desktop.config.credentials import Credentials
    from mpesa_desktop.daraja.client import DarajaClient

# Secret fields of the operations -> the Credentials attribute they are filled from.
SECRET_FIELDS = {"security_credential": "security_credential", "passkey": "stk_passkey"}
NOT_DELIVERED = "Could not reach the server; nothing was sent."


def ledger_columns(operation: str, values: dict[str, Any]) -> dict[str, Any]:
    """The ledger's searchable columns for one operation's normalised fields."""
    return catalogue.operation(operation).columns(values)


def ack_fields(operation: str, ack: dict[str, Any]) -> dict[str, Any]:
    """The identifiers of Daraja's acknowledgement, as ledger fields."""
    if operation in STK_OPERATIONS:
        found = {"checkout_request_id": ack.get("CheckoutRequestID"),
                 "merchant_request_id": ack.get("MerchantRequestID")}
    else:
        found = {"conversation_id": ack.get("ConversationID"),
                 "originator_conversation_id": ack.get("OriginatorConversationID")
                 or ack.get("OriginatorCoversationID")}
    return {name: str(value) for name, value in found.items() if value}


class Submitter:
    """Runs the pipeline for one profile; every blocking call goes to ``executor``.

    ``credentials(operation)`` and ``client()`` are blocking callables (keyring, RSA, building the
    HTTP client); ``defaults(operation)`` gives the profile's prefilled fields;
    ``ask_status(row)`` asks M-Pesa about a row now and waits for the answer (a coroutine giving
    a ``StatusAnswer``), before a failed payout is sent again.
    """

    def __init__(self, *, profile: Profile, ledger: Ledger, executor: Executor,
                 credentials: Callable[[str], Credentials], client: Callable[[], DarajaClient],
                 defaults: Callable[[str], dict[str, str]],
                 ask_status: Callable[[Any], Awaitable[StatusAnswer]],
                 in_flight: InFlight | None = None):
        self.profile = profile
        self.ledger = ledger
        self._executor = executor
        self._credentials = credentials
        self._client = client
        self._defaults = defaults
        self._ask_status = ask_status
        self._in_flight = in_flight or InFlight()

    async def _blocking(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(*args, **kwargs))

    def merged_fields(self, operation: str, fields: dict[str, Any]) -> dict[str, Any]:
        """The profile's defaults overridden by every non-blank field given."""
        merged: dict[str, Any] = dict(self._defaults(operation))
        for name, value in fields.items():
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            merged[name] = value
        return merged

    def check(self, operation: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Validate without secrets: the normalised fields, or ValidationError listing all."""
        merged = self.merged_fields(operation, fields)
        rules = limits.fields_of(operation)
        stand_ins = {name: "set" for name in SECRET_FIELDS if name in rules}
        for name in SECRET_FIELDS:
            if name in merged and name in rules:
                raise ValidationError({name: "is a secret: it comes from the keyring, not input"})
        values = limits.validate(operation, {**merged, **stand_ins}, self.profile.environment)
        for name in stand_ins:
            values.pop(name, None)
        return values

    def _today_total(self) -> int:
        today = kenya.today()
        filters = Filters(date_from=today, date_to=today, operation=tuple(PAYOUTS),
                          status=COUNTED_STATUSES)
        return int(self.ledger.summary(filters)[1] or 0)

    async def guard(self, operation: str, amount: int | None,
                    confirmed_amount: Any) -> None:
        """Production guard and caps; GuardError naming the first rule broken."""
        if confirmed_amount is not None:
            try:
                confirmed_amount = limits.normalise_amount(
                    confirmed_amount, limits.FieldRule("Amount again", FieldKind.AMOUNT))
            except ValueError as error:
                raise ValidationError({"confirmed_amount": str(error)}) from None
        today_total = 0
        if operation in PAYOUTS and self.profile.daily_cap is not None:
            today_total = await self._blocking(self._today_total)
        violations = check_submission(self.profile, operation, amount,
                                      today_total=today_total,
                                      confirmed_amount=confirmed_amount)
        if violations:
            first = violations[0]
            raise GuardError(first.message, kind=first.rule, field=first.field)

    async def _check_retry(self, operation: str, retry_of: str) -> None:
        """A re-send starts only from a rejected or failed row of the same operation; a failed
        payout is first asked about again (Transaction Status), and sent again only when M-Pesa
        reports it failed or has no such transaction: a failure may have been wrongly recorded
        (a forged callback, a hand resolution), and M-Pesa's books decide. (The ledger refuses a
        second re-send of one original in the write-ahead transaction.)"""
        original = await self._blocking(self.ledger.get, retry_of)
        if original is None:
            raise ValidationError({"retry_of": f"no transaction {retry_of} in this log"})
        if original.operation != operation:
            raise ValidationError({"retry_of": f"{retry_of} is not a {operation}"})
        if original.status not in RETRYABLE:
            raise DuplicateError(
                f"Transaction {retry_of} is '{original.status}': only a rejected or failed "
                "payment may be sent again.", reference=retry_of)
        if original.status != Status.FAILED:
            return  # rejected: Daraja refused it synchronously, nothing happened
        if not (operation in STATUS_QUERYABLE and original.originator_conversation_id):
            raise DuplicateError(
                f"M-Pesa cannot be asked about {retry_of} (no id it knows it by): check it in "
                "the M-Pesa portal; it is not sent again from here.", reference=retry_of)
        try:
            answer = await self._ask_status(original)
        except KnownError as error:
            answer = StatusAnswer("no_answer", f"M-Pesa could not be asked ({error}).")
        if not answer.lets_resend:
            raise DuplicateError(
                f"Not sent again: asked about {retry_of} before sending it again, "
                f"{answer.detail} Only a payment M-Pesa reports failed, or does not know, is "
                "sent again.", reference=retry_of)

    def _write_ahead(self, operation: str, values: dict[str, Any], retry_of: str | None,
                     allow_repeat: bool) -> tuple[Any, Any]:
        """The ``sending`` row (blocking); DuplicateError when the ledger refuses it as the twin
        of a payout in flight, or (unless ``allow_repeat``) of one completed within the profile's
        repeat window."""
        columns = ledger_columns(operation, values)
        if operation == "reversal":
            check_refund(self.ledger, columns)  # not more than the original, not twice
        # The row's reference exists before the request: its callback URLs carry it.
        if "originator_conversation_id" in limits.fields_of(operation):  # B2C v3, B2Pochi
            reference = values.get("originator_conversation_id") or uuid.uuid4().hex
            ocid: str | None = reference
        else:
            reference, ocid = str(uuid.uuid4()), None
        prepared = self.prepare(operation, values, reference)
        hours = self.profile.repeat_window_hours
        checks_repeat = operation in REPEATABLE_PAYOUTS and hours and not allow_repeat
        try:
            row = self.ledger.create(operation, **columns, request_body=prepared.redacted_body,
                                     reference=reference, retry_of=retry_of,
                                     originator_conversation_id=ocid, held_fields=values,
                                     repeat_window=timedelta(hours=hours) if checks_repeat
                                     else None)
        except RetryRefused as error:
            raise DuplicateError(str(error), reference=retry_of) from None
        except DuplicateRow as error:
            raise refused(catalogue.operation(operation).noun, error) from None
        except RepeatRefused as error:
            raise repeated(catalogue.operation(operation).noun, error) from None
        return row, prepared

    def prepare(self, operation: str, values: dict[str, Any], reference: str) -> Any:
        """The request for the row ``reference`` (blocking: the secrets from the keyring): its
        callback URLs tagged with the reference, which is also a B2C's OriginatorConversationID.
        An approver's desk builds a held payout's request again from its fields this way."""
        credentials = self._credentials(operation)
        wire = dict(values)
        for name, secret in SECRET_FIELDS.items():
            if name in limits.fields_of(operation):
                wire[name] = credentials.require(secret)
        if "originator_conversation_id" in limits.fields_of(operation):
            wire["originator_conversation_id"] = reference
        return operations.build_request(operation, tag_callback_urls(wire, reference),
                                        self.profile.environment)

    def prepare_held(self, operation: str, held: dict[str, Any], reference: str) -> Any:
        """The request of a payout held for approval, built again on the approver's desk from
        the fields kept with it. The log keeps no secret, so a callback URL through the relay
        was kept with its secret path replaced: it is this profile's own again."""
        fields = dict(held)
        for name, value in self._defaults(operation).items():
            if name in fields and fields[name] != value and redact_text(value) == fields[name]:
                fields[name] = value
        return self.prepare(operation, fields, reference)

    async def submit(self, operation: str, fields: dict[str, Any], *,
                     confirmed_amount: Any = None, retry_of: str | None = None,
                     allow_repeat: bool = False) -> Any:
        """Run the pipeline; return the ledger row (``accepted``, or ``completed``; or
        ``awaiting_approval`` when the log's approval policy holds the payout: nothing sent).
        ``allow_repeat``: the clerk confirmed this payout as a second payment, so an identical
        one completed within the repeat window does not refuse it."""
        values = self.check(operation, fields)
        await self.guard(operation, values.get("amount"), confirmed_amount)
        if retry_of:
            await self._check_retry(operation, retry_of)
        key = push_key(operation, values)
        self._in_flight.reserve(key, catalogue.operation(operation).noun)
        try:
            row, prepared = await self._blocking(self._write_ahead, operation, values, retry_of,
                                                 allow_repeat)
            if row.status == Status.AWAITING_APPROVAL:
                return row  # sent when approved, from the approver's desk
            return await self.send(row, prepared)
        finally:
            self._in_flight.release(key)

    async def send(self, row: Any, prepared: Any) -> Any:
        """Send the request of ``row``, written ``sending`` under this desk's lease, and record
        the answer (the row after it)."""
        reference = row.reference
        try:
            client = await self._blocking(self._client)
            ack = await self._blocking(client.send, prepared)
        except ApiError as error:
            error.transaction = await self._blocking(
                self.ledger.transition, reference, "rejected", source="ack",
                payload={"error_code": error.error_code, "message": error.error_message},
                result_code=error.error_code or str(error.http_status),
                result_desc=error.explanation)
            raise
        except TransportError as error:
            status = "unknown" if error.maybe_delivered else "rejected"
            desc = str(error) if error.maybe_delivered else f"{NOT_DELIVERED} ({error})"
            try:
                error.transaction = await self._blocking(
                    self.ledger.transition, reference, status, source="ack",
                    payload={"transport": str(error)}, result_desc=desc)
            except IllegalTransition:
                # The answer was lost but the result callback (matched by its URL's ref) has
                # already moved the row on: it was delivered and its outcome is in the log.
                return await self._blocking(self.ledger.get, reference)
            raise
        except BaseException:
            # A bug or a cancellation while the request may be on the wire: never guess.
            await asyncio.shield(self._blocking(
                self.ledger.transition, reference, "unknown", source="ack",
                result_desc="The outcome is unknown (the app was interrupted)."))
            raise
        return await self._blocking(self._record_ack, row, ack)

    def _record_ack(self, row: Any, ack: dict[str, Any]) -> Any:
        operation = row.operation
        reference = row.reference
        ids = ack_fields(operation, ack)
        try:
            transaction = self.ledger.transition(reference, "accepted", source="ack",
                                                 payload=ack, **ids)
        except IllegalTransition:
            # The result callback was settled before this acknowledgement was recorded (the
            # row is already completed, failed or timed out): the ack adds nothing.
            return self.ledger.get(reference)
        if operation not in ANSWERED_AT_ONCE:
            return transaction
        if operation == "stk_query":
            result = parse_stk_query(ack)
            outcome: dict[str, Any] = {"result_code": result.result_code,
                                       "result_desc": result.meaning or result.result_desc}
            if result.status != "pending":
                settle(self.ledger, "stk_query", ack)  # the push it asked about, if logged
        else:
            outcome = {"result_code": ack.get("ResponseCode"),
                       "result_desc": ack.get("ResponseDescription")}
        return self.ledger.transition(reference, "completed", source="ack", payload=None,
                                      **{k: str(v) for k, v in outcome.items() if v})
