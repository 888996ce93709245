"""AppServices: the one object both faces (GUI and command line) use to do everything.

    services = AppServices.open(app_paths())          # sync; the active profile
    await services.start_poller()
    row = await services.submit("b2c", {"amount": 1500, "party_b": "0708374149",
                                        "remarks": "Refund"})
    row = await services.wait_final(row.reference, timeout=30)
    await services.aclose()

It owns, for the current profile: the Ledger (``recover_interrupted()`` runs at open and every
few seconds after, taking over only rows whose sending process is gone), the embedded simulator
and relay when the profile is ``offline``, the Daraja client (built on first use from the
keyring's credentials), the poller, and a ThreadPoolExecutor (the "worker") in which every
blocking call runs. Qt-free; coroutines run on whatever loop the caller runs (qasync in the
GUI, ``asyncio.run`` on the command line).

It is a little over 400 lines on purpose: it is the one facade both faces hold, and each method
is a short delegation to the module that does the work (submit, poller, settle, runtime...).

Subscribers (``subscribe``) are called from ANY thread (the worker, or the thread that changed the
ledger); a GUI must hop to its own thread (``ServicesBridge`` re-emits a Qt signal).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from mpesa_desktop.config import ConfigStore, Profile, Secrets
from mpesa_desktop.daraja import operations
from mpesa_desktop.errors import BugError
from mpesa_desktop.ledger import Ledger, Transaction, UnknownReference
from mpesa_desktop.ledger.approvals import Hold
from mpesa_desktop.ledger.statuses import FINAL, LedgerError, Status
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import AppPaths, app_paths
from mpesa_desktop.services import approving
from mpesa_desktop.services.defaults import CallbackUrls, operation_defaults
from mpesa_desktop.services.duplicates import InFlight
from mpesa_desktop.services.events import StatusChange, subject_of
from mpesa_desktop.services.poller import (
    Poller,
    PollerConfig,
    status_query_fields,
    stk_query_fields,
    wait_event,
)
from mpesa_desktop.services.resolve import resolve as resolve_row
from mpesa_desktop.services.review import Review, review
from mpesa_desktop.services.runtime import (
    ProfileRuntime,
    default_poller_config,
    open_runtime,
    start_servers,
)
from mpesa_desktop.services.status_answers import StatusAnswer, answer_of
from mpesa_desktop.services.submit import Submitter, ledger_columns
from mpesa_desktop.team import users
from mpesa_desktop.team.roles import Right, SignedIn, SignInRefused, require

if TYPE_CHECKING:
    # The client (requests) and the credentials (cryptography) load on the first request;
    # the offline profile's servers, by ``runtime``, only when they start.
    from mpesa_desktop.config.credentials import Credentials
    from mpesa_desktop.daraja.client import DarajaClient
    from mpesa_desktop.relay.embedded import EmbeddedRelay
    from mpesa_desktop.simulator import Simulator, SimulatorConfig

log = logging.getLogger(__name__)

Subscriber = Callable[[StatusChange], None]
# How long a re-send of a failed payout waits for M-Pesa's answer to its status query.
STATUS_ANSWER_WAIT = 60.0


class AppServices:
    """Submit, poll, wait and subscribe for the active profile. Build it with ``open``."""

    def __init__(self, paths: AppPaths, config: ConfigStore, *, workers: int = 4,
                 simulator_config: SimulatorConfig | None = None,
                 poller_config: PollerConfig | None = None):
        self.paths = paths
        self.config = config
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="worker")
        self._simulator_config = simulator_config
        self._poller_config = poller_config
        self._subscribers: list[Subscriber] = []
        self._subscribers_lock = threading.Lock()
        # Told (on any thread) when the log's database stops or starts being reachable (a
        # team ledger's server): the window's banner.
        self.on_ledger_reachable: Callable[[bool], None] | None = None
        self._in_flight = InFlight()
        # The signed-in user's name and password, when the log is a team ledger: its
        # connections are then that user's own login (``team.logins``).
        self._login: tuple[str, str] | None = None
        self._servers_lock = asyncio.Lock()
        self._runtime: ProfileRuntime | None = None
        self._submitter: Submitter | None = None
        self._poller: Poller | None = None
        self._poller_task: asyncio.Task[None] | None = None
        self.status_answer_wait = STATUS_ANSWER_WAIT

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(cls, paths: AppPaths | None = None, profile_name: str | None = None, *,
             simulator_config: SimulatorConfig | None = None,
             poller_config: PollerConfig | None = None, workers: int = 4,
             servers_later: bool = False) -> AppServices:
        """Open ``profile_name`` (default: the active profile). Blocking; call it before the loop
        runs, or through ``run_blocking``. ``simulator_config`` (a SimulatorConfig) and
        ``poller_config`` tune the offline simulator and the poller (tests make them fast).
        ``servers_later``: leave the offline profile's embedded servers to ``start_servers``
        (the window paints first); whatever needs them starts them."""
        paths = (paths or app_paths()).ensure()
        config = ConfigStore(paths)
        services = cls(paths, config, workers=workers, simulator_config=simulator_config,
                       poller_config=poller_config)
        try:
            services._open_profile(profile_name or config.active_name, servers=not servers_later)
        except BaseException:
            services.executor.shutdown(wait=False)
            raise
        return services

    def _open_profile(self, name: str, *, servers: bool = True) -> None:
        profile = self.config.get(name)
        runtime = open_runtime(self.paths, profile, self._simulator_config, servers=servers,
                               on_ledger_state=self._ledger_state, login=self._login)
        runtime.unsubscribe = runtime.ledger.subscribe(
            functools.partial(self._publish, runtime.ledger))
        self._runtime = runtime
        self._submitter = Submitter(
            profile=profile, ledger=runtime.ledger, executor=self.executor,
            credentials=self._credentials, client=self._client, defaults=self.defaults,
            ask_status=self._ask_status, in_flight=self._in_flight)
        self._poller = Poller(
            ledger=runtime.ledger, feed=runtime.feed, executor=self.executor,
            stk_query=self._stk_query, status_query=self._status_query,
            config=self._poller_config or default_poller_config(profile))

    async def start_servers(self) -> None:
        """Start the offline profile's embedded simulator and relay when ``open`` left them
        (``servers_later``); a no-op otherwise. Sending and polling await it first."""
        async with self._servers_lock:
            runtime = self._current
            if not runtime.servers_pending:
                return
            await self.run_blocking(start_servers, self.paths, runtime, self._simulator_config)
            if self._poller is not None:  # made before the relay it reads was running
                self._poller.feed = runtime.feed

    async def stop_poller(self) -> None:
        """Stop the poller task (it can be started again)."""
        task, self._poller_task = self._poller_task, None
        if task is None:
            return
        if self._poller is not None:
            self._poller.stop()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def aclose(self) -> None:
        """Stop the poller, the embedded servers and the worker; close the ledger."""
        await self.stop_poller()
        await self.run_blocking(self._close_runtime)
        self.executor.shutdown(wait=True)

    def close(self) -> None:
        """Synchronous close, for use when no loop runs (the poller task is just cancelled)."""
        if self._poller_task is not None:
            if self._poller is not None:
                self._poller.stop()
            self._poller_task.cancel()
            self._poller_task = None
        self.executor.shutdown(wait=True)
        self._close_runtime()

    def _close_runtime(self) -> None:
        runtime, self._runtime = self._runtime, None
        if runtime is not None:
            runtime.close()

    async def switch_profile(self, name: str) -> None:
        """Switch the log, the simulator/relay, the client and the defaults to ``name`` and make
        it the active profile (``name`` may be the open profile: its settings are reloaded).
        Another profile is opened before the old one is closed, so the faces never see the
        services without a profile; if it cannot be opened, the previous profile stays as it
        was and the error is raised. (Confirming a production
        profile is the caller's job.)"""
        if name not in self.config:  # added by another process (e.g. ``profile add``)
            self.config = await self.run_blocking(ConfigStore, self.paths)
        self.config.get(name)
        login = self._login
        if self._runtime is None or self.profile.name != name:
            self._login = None  # another log: whoever signs in there connects as themself
        try:
            await self._reopen(name)
        except BaseException:
            self._login = login
            raise
        await self.run_blocking(self.config.use, name)

    async def _reopen(self, name: str, *, reload: bool = True) -> None:
        """Open ``name`` (again), the previous profile closed once it is open. ``reload``: the
        open profile's settings changed, so its log closes before it opens again (a team
        ledger reopened as another login stays open until the new one is)."""
        polling = self._poller_task is not None
        await self.stop_poller()
        previous = self._runtime
        if reload and previous is not None and previous.profile.name == name:
            # Reloading the open profile's settings: its log must close before it reopens.
            await self.run_blocking(self._close_runtime)
            previous = None
        try:
            await self.run_blocking(self._open_profile, name)
        finally:
            if polling:
                await self.start_poller()
        if previous is not None:
            await self.run_blocking(previous.close)

    # -- what the faces read ---------------------------------------------------------------

    @property
    def _current(self) -> ProfileRuntime:
        if self._runtime is None:
            raise BugError("the services are closed")
        return self._runtime

    @property
    def profile(self) -> Profile:
        return self._current.profile

    @property
    def environment(self) -> str:
        return self._current.profile.environment

    @property
    def ledger(self) -> Ledger:
        return self._current.ledger

    @property
    def secrets(self) -> Secrets:
        return self._current.secrets

    @property
    def simulator(self) -> Simulator | None:
        """The embedded Simulator (offline profile), else None."""
        return self._current.simulator

    @property
    def relay(self) -> EmbeddedRelay | None:
        """The embedded relay (offline profile), else None."""
        return self._current.relay

    @property
    def base_url(self) -> str | None:
        """Where Daraja requests go (the embedded simulator's URL offline)."""
        return self._current.base_url

    @property
    def callback_urls(self) -> CallbackUrls:
        return self._current.urls

    @property
    def poller_error(self) -> str | None:
        """Why the last poll failed (e.g. the relay is unreachable), or None."""
        return self._poller.last_error if self._poller is not None else None

    @property
    def poller_running(self) -> bool:
        return self._poller_task is not None and not self._poller_task.done()

    def defaults(self, operation: str) -> dict[str, str]:
        """The profile's prefilled fields of ``operation`` (never a secret)."""
        return operation_defaults(self._current.profile, self._current.urls, operation)

    # -- doing -----------------------------------------------------------------------------

    async def run_blocking(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a blocking callable in the worker and await its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    async def submit(self, operation: str, fields: dict[str, Any], *,
                     confirmed_amount: Any = None, retry_of: str | None = None,
                     allow_repeat: bool = False) -> Transaction:
        """Validate, guard, write ahead, send; the row as ``accepted`` (``completed`` for STK
        query and C2B register/simulate, answered at once). ``fields`` are the operation's
        snake_case fields; missing ones come from ``defaults``; secrets are added here.
        ``confirmed_amount`` is the amount typed again (production); ``retry_of`` re-sends a
        rejected or failed row as a new linked row; ``allow_repeat`` sends a payout identical to
        one completed within the profile's repeat window (the clerk confirmed a second payment).

        Raises, nothing sent: ValidationError (every bad field), GuardError (money disabled,
        caps, retype), DuplicateError (an identical payout in flight, or completed within the
        repeat window without ``allow_repeat``), ConfigError /
        MissingSecretError (a secret or setting missing). Raises after the row is recorded:
        ApiError (row ``rejected``), TransportError (``rejected`` when nothing was delivered,
        else ``unknown``); the row is then on the error as ``error.transaction``. When the
        answer was lost but the result callback already settled the row, that row is returned
        instead of the error."""
        if self._submitter is None:
            raise BugError("the services are closed")
        self.require(Right.SUBMIT)
        await self.start_servers()
        transaction = await self._submitter.submit(operation, fields,
                                                   confirmed_amount=confirmed_amount,
                                                   retry_of=retry_of, allow_repeat=allow_repeat)
        if self._poller is not None and self.poller_running:
            self._poller.wake()
        return transaction

    async def review(self, operation: str, fields: dict[str, Any]) -> Review:
        """What the confirmation of this payment must show (``services.review``): the payment
        a refund reverses, a recent identical payout. ValidationError for a refund that must not
        be sent."""
        values = self.check(operation, fields)
        window = timedelta(hours=self.profile.repeat_window_hours)
        return await self.run_blocking(review, self.ledger, operation,
                                       ledger_columns(operation, values), repeat_window=window)

    def check(self, operation: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Validate ``fields`` (with the profile's defaults) as submit would; the normalised
        fields, or ValidationError listing every bad field. Pure: nothing is read or sent."""
        if self._submitter is None:
            raise BugError("the services are closed")
        return self._submitter.check(operation, fields)

    def _credentials(self, operation: str) -> Credentials:
        from mpesa_desktop.config.credentials import resolve_credentials

        runtime = self._current
        return resolve_credentials(runtime.profile, runtime.secrets, operation)

    def _client(self) -> DarajaClient:
        from mpesa_desktop.config.credentials import resolve_credentials
        from mpesa_desktop.daraja.client import DarajaClient

        runtime = self._current
        with runtime.client_lock:
            if runtime.client is None:
                credentials = resolve_credentials(runtime.profile, runtime.secrets)
                runtime.client = DarajaClient(
                    runtime.base_url or "", credentials.consumer_key,
                    credentials.consumer_secret, environment=runtime.profile.environment,
                    token_cache=runtime.token_cache)
            return runtime.client

    def _stk_query(self, row: Transaction) -> dict[str, Any]:
        """Blocking: ask Daraja about one STK push (not logged as a row of its own)."""
        fields = stk_query_fields(row)
        fields["passkey"] = self._credentials("stk_query").require("stk_passkey")
        prepared = operations.build_request("stk_query", fields, self.environment)
        return self._client().send(prepared)

    async def _status_query(self, row: Transaction) -> Transaction:
        """The app's own question about ``row`` (whoever is signed in, or nobody)."""
        if self._submitter is None:
            raise BugError("the services are closed")
        await self.start_servers()
        return await self._submitter.submit("transaction_status", status_query_fields(row))

    async def _ask_status(self, row: Transaction) -> StatusAnswer:
        """Ask Transaction Status about ``row`` now and wait (``status_answer_wait`` seconds at
        most) for M-Pesa's answer."""
        query = await self._status_query(row)
        query = await self.wait_final(query.reference, self.status_answer_wait)
        events = await self.run_blocking(self.ledger.events, query.reference)
        return answer_of(query, events[-1].payload if events else None)

    async def resolve(self, reference: str, status: str, reason: str | None,
                      receipt: str | None = None) -> Transaction:
        """A person's resolution of an ``unknown`` row (``services.resolve``)."""
        return await self.run_blocking(resolve_row, self.ledger, reference, status, reason, receipt)

    # -- the team: who is signed in, approvals ---------------------------------------------

    @property
    def user(self) -> SignedIn | None:
        """Who is signed in to the log (None: nobody)."""
        return self.ledger.user

    def require(self, right: Right) -> None:
        """NotAllowed unless the signed-in user may do ``right`` (anyone, on a log without
        users)."""
        require(self.ledger.user, self.ledger.has_users, right)

    async def sign_in(self, name: str, password: str) -> SignedIn:
        """Sign ``name`` in (SignInRefused, audited, when the log refuses). A team ledger is
        opened again as the user's own login first: its server checks the password."""
        profile = self.profile
        if profile.ledger and self._login != (name, password):
            before, self._login = self._login, (name, password)
            try:
                await self._reopen(profile.name, reload=False)
            except LedgerError as error:
                self._login = before  # the desk goes on as it was
                raise SignInRefused(message("the team ledger refused the login of {user} "
                                            "({reason})", user=name, reason=said(error))) \
                    from None
        return await self.run_blocking(users.sign_in, self.ledger, name, password)

    async def sign_out(self) -> None:
        """Nobody is signed in from now on (at once: nothing after this runs as them)."""
        user = self.ledger.user
        self.ledger.act_as(None)
        if user is not None:
            await self.run_blocking(self.ledger.add_audit_entry, "signed_out", user.name, None,
                                    user.name)

    async def awaiting_approval(self) -> list[tuple[Transaction, Hold]]:
        """The payouts waiting for approval, oldest first, with their approvals so far."""
        self.require(Right.READ)
        return await self.run_blocking(self.ledger.awaiting_approval)

    async def approve(self, reference: str, note: str | None = None) -> Transaction:
        """Approve a held payout; sent from here when this approval releases it."""
        if self._submitter is None:
            raise BugError("the services are closed")
        await self.start_servers()
        return await approving.approve(self.ledger, self._submitter, self.run_blocking,
                                       reference, note)

    async def decline(self, reference: str, reason: str) -> Transaction:
        """Decline a held payout with ``reason`` (final)."""
        return await approving.decline(self.ledger, self.run_blocking, reference, reason)

    # -- events ----------------------------------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(StatusChange)`` after every status change of the current profile's
        log (also across profile switches). The callback may run on ANY thread and must not
        block. Returns a function that unsubscribes."""
        with self._subscribers_lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._subscribers_lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def _ledger_state(self, reachable: bool) -> None:
        if self.on_ledger_reachable is not None:
            self.on_ledger_reachable(reachable)

    def _publish(self, ledger: Ledger, transaction: Transaction, old: str | None,
                 new: str) -> None:
        moved = f"{old or 'new'} -> {new}" if old != new else f"{new}, details filled in"
        log.info("%s %s: %s%s", transaction.operation, transaction.reference, moved,
                 f" ({transaction.result_code})" if transaction.result_code else "")
        try:
            subject = subject_of(ledger, transaction)
        except Exception:  # a notice's detail never stops the change being published
            log.exception("could not find what status check %s asks about",
                          transaction.reference)
            subject = None
        change = StatusChange(transaction, old, new, subject)
        with self._subscribers_lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(change)
            except Exception:
                log.exception("a status subscriber failed")

    # -- the poller ------------------------------------------------------------------------

    async def start_poller(self) -> None:
        """Start the poller on the running loop (no-op when it runs); the offline profile's
        servers first, when they wait."""
        await self.start_servers()
        if self.poller_running or self._poller is None:
            return
        self._poller_task = asyncio.get_running_loop().create_task(self._poller.run(),
                                                                    name="poller")

    async def poll_once(self) -> int:
        """One poller round now (tests, "Check now"): events applied."""
        if self._poller is None:
            raise BugError("the services are closed")
        await self.start_servers()
        return await self._poller.poll_once()

    async def wait_final(self, reference: str, timeout: float) -> Transaction:
        """Wait until the row is completed, failed or rejected (or is held for approval), or
        ``timeout`` seconds pass;
        returns the row as it then is (check ``.status``). Starts the poller if needed.
        Raises UnknownReference when no row has this reference."""
        loop = asyncio.get_running_loop()
        changed = asyncio.Event()

        def on_change(change: StatusChange) -> None:
            if change.transaction.reference == reference:
                loop.call_soon_threadsafe(changed.set)

        unsubscribe = self.subscribe(on_change)
        try:
            await self.start_poller()
            deadline = loop.time() + timeout
            while True:
                row = await self.run_blocking(self.ledger.get, reference)
                if row is None:
                    raise UnknownReference(f"no transaction with reference {reference} in the log")
                remaining = deadline - loop.time()
                if row.status in FINAL or row.status == Status.AWAITING_APPROVAL or remaining <= 0:
                    return row  # (a payout held for approval waits for a person, not for M-Pesa)
                changed.clear()
                if self._poller is not None:
                    self._poller.wake()
                await wait_event(changed, min(remaining, 1.0))
        finally:
            unsubscribe()
