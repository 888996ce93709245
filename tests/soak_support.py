"""The fault soak (issue 9, point 8): clerks' processes killed at random moments, re-run, raced,
then settled, and the simulator's books held against the log. Used by ``tests/test_soak.py``; a
benchmark can reuse ``Soak`` with another ``SoakPlan``.

    with Soak(tmp_path, seed=7, plan=SoakPlan(kills=300, pairs=100)) as soak:
        report = soak.run()
    assert not report.problems, report.summary()

Everything is real: ONE simulator process (``mpesa-desktop simulator --port 0``) whose faults and
scenarios are set through its admin API, a relay on loopback (in this process), and each clerk a
process of its own running ``mpesa-desktop ARGV`` (``cli.main``) on a custom profile with its own
home (``tests/soak_processes.py``: the clerks are forked from one process that imported the app,
and each waits for ``go``, so a kill lands in the command itself and the two clerks of a pair
start at the same moment).

1. Kill phase: ``lanes`` clerks at once run single payouts (``b2c ... --yes``) and bulk runs
   (``bulk FILE --yes``), each payee a phone of its own. The first attempt of a command is killed
   (SIGKILL) at a random moment; the clerk runs the same command again (sometimes killed again)
   until one attempt runs to its end. Faults (latency, dropped answers, 5xx, spike arrest, lost
   or doubled callbacks) and scenarios (lost callback, queue timeout, insufficient funds) are
   drawn at random. No process waits for results meanwhile (no ``--wait``): an earlier attempt
   stays in flight until the settling phase, as when a clerk re-runs a command at once. (With
   ``SoakPlan.window`` a window's poller runs meanwhile, and ``pause`` makes the clerk wait
   before a re-run: the first attempt of a single payout is often completed by the window by
   then, and the re-run is refused as a repeat of a completed payout, ``services.duplicates``.)
2. Pairs: two clerks send the identical payout at the same moment.
3. Settling: one more process runs the app's poller (``SETTLER``) until no row moves any more;
   questions booked minutes ahead at a desk's pace are brought forward first (``_ask_now``).
4. Books against the log: no payee paid twice; every payment the simulator made is a
   ``completed`` row of the log; every payout row is completed, failed or rejected.

The seed drives every choice (timing still varies from run to run); ``SoakReport.summary()``
names it, with the counts and where the kills landed.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD
from mpesa_desktop.config.secrets import environment_variable
from mpesa_desktop.ledger.statuses import FINAL
from mpesa_desktop.paths import AppPaths, app_paths
from mpesa_desktop.relay.embedded import EmbeddedRelay
from tests.soak_processes import ClerkFarm, SimulatorProcess

SEED_ENV = "MPESA_DESKTOP_SOAK_SEED"
PROFILE = "soak"
# Where a kill landed, judged from the log just after it (and the books at the end).
BEFORE_LOG, NOT_PAID, PAID_UNANSWERED, ANSWERED = (
    "before the write-ahead", "sending, never paid", "sending, paid (answer lost)",
    "after the answer")
# Fault kinds drawn per command (weights), injected for the next B2C request(s).
FAULTS = {None: 35, "latency": 30, "drop": 10, "error_500": 4, "error_503": 3,
          "spike_arrest": 3, "callback_lost": 8, "callback_twice": 7}
# Scenarios drawn per payee (weights).
SCENARIOS = {None: 85, "lost_callback": 5, "queue_timeout": 5, "insufficient_funds": 5}

# The window left open during the kill phase (``SoakPlan.window``): its poller settles rows as
# their callbacks arrive, until its standard input closes. It asks no status question (a cap of
# 0 a minute): a desk's poller asks at most 6 a minute and books a row's next question minutes
# ahead, past the settler's patience; the settler asks them all at the soak's pace.
WINDOW = """
import asyncio, sys
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.poller import PollerConfig

async def main():
    services = AppServices.open(poller_config=PollerConfig(queries_per_minute=0))
    try:
        await services.start_poller()
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    finally:
        await services.aclose()

asyncio.run(main())
"""

# The app left running after the chaos: its poller applies the relay's callbacks and asks
# Transaction Status about every open payout, until no payout row has moved for QUIET seconds.
# Its timing is the soak's, not a desk's: a question every 0.5 s per row (at most every 2 s), no
# cap a minute, and "never reached M-Pesa" concluded from two answers asked 1 s or more after the
# request (the soak's last request left long before).
SETTLER = """
import asyncio, json, sys, time
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.poller import PollerConfig

quiet, deadline = float(sys.argv[1]), float(sys.argv[2])
config = PollerConfig(min_interval=0.05, max_interval=0.5, pending_every=0.2,
                      status_query_after=0.0, status_query_every=0.5, longest_query_interval=2.0,
                      queries_per_minute=100_000, never_reached_after=1.0, unanswered_after=10.0)
services = AppServices.open(poller_config=config)

def open_payouts():
    return {r.reference: r.status for r in services.ledger.pending() if r.operation == "b2c"}

async def settle():
    started = moved = time.monotonic()
    last = None
    while True:
        await services.poll_once()
        now, rows = time.monotonic(), open_payouts()
        if rows != last:
            last, moved = rows, now
        if not rows or now - moved > quiet or now - started > deadline:
            return {"open": len(rows), "seconds": round(now - started, 1)}
        await asyncio.sleep(0.1)

try:
    print(json.dumps(asyncio.run(settle())), flush=True)
finally:
    services.close()
"""


@dataclass(frozen=True)
class SoakPlan:
    kills: int = 300          # at least this many SIGKILLs in the kill phase
    pairs: int = 100          # identical payouts sent by two processes at once
    lanes: int = 3            # clerks working at the same time in the kill phase
    bulk_share: float = 0.35  # share of commands that are bulk runs
    bulk_rows: tuple[int, int] = (2, 6)
    kill_again: float = 0.25  # chance that a re-run is killed too
    attempts: int = 3         # the last attempt of a command is never killed
    callback_delay: float = 0.1
    window: bool = False      # a window (its poller) open on the log during the kill phase
    pause: float = 0.0        # at most this many seconds between a kill and the re-run
    settle_quiet: float = 12.0
    settle_deadline: float = 180.0


@dataclass
class Kill:
    command: str              # "b2c" or "bulk"
    after: float              # seconds after "go"
    point: str                # BEFORE_LOG, ANSWERED, or "sending" until the books say which
    sending: str | None = None  # the reference caught in ``sending``


@dataclass
class SoakReport:
    seed: int
    plan: SoakPlan
    kills: list[Kill] = field(default_factory=list)
    commands: Counter = field(default_factory=Counter)
    ran_out: int = 0          # attempts drawn to be killed that ended before the kill
    exits: Counter = field(default_factory=Counter)   # "b2c 0", "bulk 5", ... (not killed)
    faults: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)   # how many of the two were paid
    payees: int = 0           # distinct payouts asked for (a phone each)
    paid: int = 0             # payments the simulator made to them
    paid_twice: dict[str, int] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)  # payout rows of the log
    status_queries: int = 0
    settled: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        points = Counter(kill.point for kill in self.kills)
        where = ", ".join(f"{name} {count}" for name, count in points.most_common())
        moments = sorted(kill.after for kill in self.kills) or [0.0]
        lines = [
            f"fault soak, seed {self.seed} (repeat with {SEED_ENV}={self.seed}), "
            f"{self.seconds:.0f} s: {len(self.kills)} kills ({where}), "
            f"{moments[0]:.2f} to {moments[-1]:.2f} s after the start (median "
            f"{moments[len(moments) // 2]:.2f} s); {self.ran_out} attempts ended before their kill",
            f"  commands {dict(self.commands)}; exit codes {dict(sorted(self.exits.items()))}; "
            f"faults {dict(self.faults)}",
            f"  {sum(self.pairs.values())} pairs, paid by {dict(self.pairs)} of the two; "
            f"settling {self.settled}",
            f"  books: {self.paid} payments for {self.payees} payouts asked for, paid twice: "
            f"{len(self.paid_twice)} {dict(list(self.paid_twice.items())[:10])}",
            f"  log: payouts {dict(self.statuses)}, {self.status_queries} status queries",
            f"  {len(self.problems)} problems" + "".join(f"\n    {p}" for p in self.problems[:30]),
        ]
        return "\n".join(lines)


class Soak:
    """A soak in ``directory``: its home, simulator, relay and clerks. Use it as a context."""

    def __init__(self, directory: Path, seed: int, plan: SoakPlan | None = None):
        self.directory = Path(directory)
        self.seed = seed
        self.plan = plan or SoakPlan()
        self.home = self.directory / "home"
        self.paths: AppPaths = app_paths(self.home)
        self.report = SoakReport(seed=seed, plan=self.plan)
        self._lock = threading.Lock()
        # Recent lengths of commands that sent everything (bulk: per row), to aim the kills.
        self._durations: dict[str, deque[float]] = {
            "b2c": deque([0.3], maxlen=30), "bulk": deque([0.15], maxlen=30)}
        self._phones: set[str] = set()
        self._failure: BaseException | None = None
        self._history: dict[str, list[str]] = {}  # phone -> its command and attempts
        self.simulator: SimulatorProcess | None = None
        self.relay: EmbeddedRelay | None = None
        self.farm: ClerkFarm | None = None

    # -- set-up ------------------------------------------------------------------------------

    def __enter__(self) -> Soak:
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            self.simulator = SimulatorProcess(self.directory, self.plan.callback_delay)
            self.relay = EmbeddedRelay(self.directory / "relay")
            self.relay.start()
            store = ConfigStore(self.paths.ensure())
            store.add(new_profile(
                PROFILE, "custom", base_url=self.simulator.url, shortcode="600000",
                b2c_shortcode="600000", stk_shortcode="174379", initiator="testapi",
                test_msisdn="254708374149", relay_url=self.relay.base_url))
            store.use(PROFILE)
            self.farm = ClerkFarm(self.directory / "clerks", self.env("soak-farm"))
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.farm is not None:
            self.farm.close()
        if self.relay is not None:
            self.relay.stop()
        if self.simulator is not None:
            self.simulator.stop()

    def env(self, consumer_key: str) -> dict[str, str]:
        """A clerk's environment: the soak's home; secrets in variables (no keyring). Each
        concurrent clerk has its own consumer key, as a new token revokes the key's last one."""
        assert self.relay is not None
        secrets = {"consumer_key": consumer_key, "consumer_secret": "soak-secret",
                   "initiator_password": PUBLIC_INITIATOR_PASSWORD,
                   "relay_token": self.relay.token,
                   "relay_callback_secret": self.relay.settings.callback_secret}
        env = {name: value for name, value in os.environ.items()
               if not name.startswith("MPESA_DESKTOP_")}
        env.update({environment_variable(PROFILE, name): value for name, value in secrets.items()})
        env.update({"MPESA_DESKTOP_HOME": str(self.home), "PYTHONUNBUFFERED": "1",
                    "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"})
        return env

    # -- the run -----------------------------------------------------------------------------

    def run(self) -> SoakReport:
        started = time.monotonic()
        window = None
        if self.plan.window:
            window = subprocess.Popen([sys.executable, "-c", WINDOW], env=self.env("soak-window"),
                                      stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        lanes = [threading.Thread(target=self._lane, args=(lane,), name=f"soak-lane-{lane}")
                 for lane in range(self.plan.lanes)]
        for lane in lanes:
            lane.start()
        for lane in lanes:
            lane.join()
        if window is not None:
            window.communicate(timeout=60)
        if self._failure is not None:
            raise RuntimeError(f"the kill phase broke (seed {self.seed})") from self._failure
        assert self.simulator is not None
        self.simulator.clear_faults()
        for number in range(self.plan.pairs):
            self._pair(number)
        self._settle()
        self._check()
        self.report.seconds = time.monotonic() - started
        return self.report

    def _lane(self, lane: int) -> None:
        rng = random.Random(f"{self.seed}-{lane}")
        phones = (f"2547{2 + lane}{n:07d}" for n in range(10**7))
        env = self.env(f"soak-key-{lane}")
        try:
            while len(self.report.kills) < self.plan.kills and self._failure is None:
                self._command(rng, phones, env)
        except BaseException as error:  # the harness broke: stop every lane, raise in run()
            self._failure = error

    def _command(self, rng: random.Random, phones, env: dict[str, str]) -> None:
        assert self.simulator is not None
        bulk = rng.random() < self.plan.bulk_share
        count = rng.randint(*self.plan.bulk_rows) if bulk else 1
        payees = [(next(phones), rng.randint(10, 500)) for _ in range(count)]
        for phone, _amount in payees:
            self._phones.add(phone)
            scenario = _draw(rng, SCENARIOS)
            if scenario:
                self.simulator.scenario(phone, scenario)
                self._count_fault(scenario)
        if bulk:
            path = self.directory / f"bulk-{payees[0][0]}.csv"
            path.write_text("phone,amount,remarks\n" + "".join(
                f"0{phone[3:]},{amount},Soak bulk {phone[-4:]}\n" for phone, amount in payees))
            argv = ["bulk", str(path), "--yes", "--rate", "20"]
        else:
            phone, amount = payees[0]
            argv = ["b2c", "--phone", f"0{phone[3:]}", "--amount", str(amount),
                    "--remarks", f"Soak refund {phone[-4:]}", "--yes"]
        command = argv[0]
        with self._lock:
            self.report.commands[command] += 1
        history = [" ".join(argv[:-1])]
        for phone, _amount in payees:
            self._history[phone] = history
        for attempt in range(1, self.plan.attempts + 1):
            if attempt > 1 and self.plan.pause:
                time.sleep(rng.uniform(0, self.plan.pause))  # the clerk looks, then runs it again
            fault = _draw(rng, FAULTS)
            if fault:
                self.simulator.fault(fault, count=rng.randint(1, 2),
                                     seconds=rng.uniform(0.2, 1.5) if fault == "latency" else 0)
                self._count_fault(fault)
            history.append(f"attempt {attempt} ({fault or 'no fault'})")
            last = attempt == self.plan.attempts
            kill = not last and (attempt == 1 or rng.random() < self.plan.kill_again)
            with self._lock:
                length = rng.choice(self._durations[command]) * count
            delay = length * rng.random() ** 0.5  # within such a command, later more often
            if self._attempt(argv, env, payees, delay if kill else None, history):
                return

    def _attempt(self, argv: list[str], env: dict[str, str], payees: list[tuple[str, int]],
                 kill_delay: float | None, history: list[str]) -> bool:
        """One attempt; True when it ran to its end (no re-run needed)."""
        command = argv[0]
        before = self._rows([phone for phone, _ in payees])
        assert self.farm is not None
        clerk = self.farm.clerk(argv, env).ready()
        clerk.go()
        if kill_delay is not None:
            after = clerk.kill_after(kill_delay)
            if after is not None:
                kill = self._record_kill(command, after, before,
                                         self._rows([p for p, _ in payees]))
                history[-1] += f" killed after {after:.2f} s, {kill.point}"
                return False
            with self._lock:
                self.report.ran_out += 1
        code, _out, err = clerk.finish()
        seconds = clerk.seconds
        said = err.strip().splitlines()[-1][:160] if err.strip() else ""
        history[-1] += f" exit {code} {said}"
        with self._lock:
            if code == 0:  # it sent everything: how long a command takes, to aim the kills
                self._durations[command].append(seconds / len(payees))
            self.report.exits[f"{command} {code}"] += 1
            if code not in (0, 2, 3, 4, 5):
                self.report.problems.append(f"{' '.join(argv)} exited {code}: {err[-500:]}")
        return True

    def _record_kill(self, command: str, after: float, before: dict[str, str],
                     now: dict[str, str]) -> Kill:
        new = [(reference, status) for reference, status in now.items() if reference not in before]
        if not new:
            kill = Kill(command, after, BEFORE_LOG)
        elif new[-1][1] == "sending":
            kill = Kill(command, after, "sending", sending=new[-1][0])
        else:
            kill = Kill(command, after, ANSWERED)
        with self._lock:
            self.report.kills.append(kill)
        return kill

    def _pair(self, number: int) -> None:
        """Two clerks send the identical payout at the same moment: every fifth pair runs one
        bulk file twice, the others one ``b2c`` twice."""
        phone = f"254729{number:06d}"
        self._phones.add(phone)
        if number % 5 == 4:
            path = self.directory / f"pair-{number}.csv"
            path.write_text(f"phone,amount,remarks\n0{phone[3:]},100,Soak pair {number}\n")
            argv = ["bulk", str(path), "--yes"]
        else:
            argv = ["b2c", "--phone", f"0{phone[3:]}", "--amount", "100",
                    "--remarks", f"Soak pair {number}", "--yes"]
        assert self.farm is not None
        clerks = [self.farm.clerk(argv, self.env(f"soak-pair-{side}")) for side in "ab"]
        for clerk in clerks:
            clerk.ready()
        for clerk in clerks:  # both are imported and waiting: they start together
            clerk.go()
        for clerk in clerks:
            code, _out, err = clerk.finish()
            self.report.exits[f"pair {argv[0]} {code}"] += 1
            if code not in (0, 2, 3, 4, 5):
                self.report.problems.append(f"pair {number} exited {code}: {err[-500:]}")

    def _ask_now(self) -> None:
        """Every open row may be asked about now: the time a desk would wait has passed. (With a
        window open, payouts fail during the kill phase; a bulk re-run asks about a failed row
        before sending it again, and the poller it runs meanwhile books its next questions about
        other open rows at a desk's pace, five minutes ahead: past the settler's patience.)"""
        conn = sqlite3.connect(self.paths.ledger_file(PROFILE), timeout=30)
        try:
            with conn:
                conn.execute("UPDATE transactions SET next_query_at = NULL "
                             "WHERE next_query_at IS NOT NULL")
        finally:
            conn.close()

    def _settle(self) -> None:
        self._ask_now()
        env = self.env("soak-settler")
        process = subprocess.run(
            [sys.executable, "-c", SETTLER, str(self.plan.settle_quiet),
             str(self.plan.settle_deadline)],
            env=env, capture_output=True, text=True, timeout=self.plan.settle_deadline + 120)
        if process.returncode != 0:
            self.report.problems.append(f"the settler exited {process.returncode}: "
                                        f"{process.stderr[-2000:]}")
            return
        self.report.settled = json.loads(process.stdout.strip().splitlines()[-1])

    # -- books against the log ---------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        path = self.paths.ledger_file(PROFILE)
        if not path.exists():
            return None
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)

    def _rows(self, phones: list[str]) -> dict[str, str]:
        """``{reference: status}`` of the log's payouts to ``phones``, oldest first."""
        conn = self._connect()
        if conn is None:
            return {}
        try:
            marks = ",".join("?" * len(phones))
            return dict(conn.execute(
                f"SELECT reference, status FROM transactions WHERE operation = 'b2c' "
                f"AND phone IN ({marks}) ORDER BY id", phones).fetchall())
        except sqlite3.OperationalError:  # not created yet
            return {}
        finally:
            conn.close()

    def ledger(self) -> list[dict]:
        """Every row of the log (checked whole first: a damaged file is a problem)."""
        conn = self._connect()
        assert conn is not None, "the soak wrote no log"
        conn.row_factory = sqlite3.Row
        try:
            damage = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if damage != ["ok"]:
                self.report.problems.append(f"the log is damaged: {damage[:5]}")
            return [dict(row) for row in conn.execute(
                "SELECT reference, operation, status, phone, amount, originator_conversation_id,"
                " retry_of, result_desc, queries_sent, next_query_at FROM transactions"
                " ORDER BY id")]
        finally:
            conn.close()

    def _check(self) -> None:
        assert self.simulator is not None
        report = self.report
        books = [t for t in self.simulator.transactions()
                 if t["operation"] == "b2c" and t["party_b"] in self._phones]
        paid = {t["originator_conversation_id"]: t for t in books if t["status"] == "completed"}
        per_phone = Counter(t["party_b"] for t in paid.values())
        report.payees, report.paid = len(self._phones), len(paid)
        report.paid_twice = {phone: n for phone, n in per_phone.items() if n > 1}
        for number in range(self.plan.pairs):
            report.pairs[per_phone[f"254729{number:06d}"]] += 1
        rows = self.ledger()
        payouts = {row["originator_conversation_id"] or row["reference"]: row
                   for row in rows if row["operation"] == "b2c"}
        report.statuses = Counter(row["status"] for row in payouts.values())
        report.status_queries = sum(row["operation"] == "transaction_status" for row in rows)
        for kill in report.kills:
            if kill.point == "sending":
                kill.point = PAID_UNANSWERED if kill.sending in paid else NOT_PAID
        for phone, times in report.paid_twice.items():
            refs = [(ocid, payouts.get(ocid, {}).get("status")) for ocid, t in paid.items()
                    if t["party_b"] == phone]
            report.problems.append(f"{phone} paid {times} times: {refs}; "
                                   f"{'; '.join(self._history.get(phone, ['a pair']))}")
        for ocid, payment in paid.items():
            row = payouts.get(ocid)
            if row is None:
                report.problems.append(f"paid but not in the log: {payment}")
            elif row["status"] != "completed":
                report.problems.append(
                    f"paid, but the log says {row['status']}: {row['reference']} "
                    f"({row['phone']}, KES {row['amount']}, {row['result_desc']})")
        for key, row in payouts.items():
            if row["status"] == "completed" and key not in paid:
                report.problems.append(f"completed in the log, not paid: {row}")
            elif row["status"] not in FINAL:
                report.problems.append(
                    f"left {row['status']}: {row['reference']} ({row['phone']}, KES "
                    f"{row['amount']}, {row['result_desc']}; {row['queries_sent']} status "
                    f"queries, the next not before {row['next_query_at']})")

    def _count_fault(self, name: str) -> None:
        with self._lock:
            self.report.faults[name] += 1


def _draw(rng: random.Random, weights: dict) -> str | None:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def seed_from_environment() -> int:
    """The seed to use: ``$MPESA_DESKTOP_SOAK_SEED``, else a new random one."""
    given = os.environ.get(SEED_ENV)
    return int(given) if given else random.SystemRandom().randrange(2**31)


def temporary_soak(seed: int, plan: SoakPlan) -> SoakReport:
    """Run a whole soak in a temporary directory (for benchmarks and one-off runs)."""
    with tempfile.TemporaryDirectory(prefix="soak-") as directory, \
            Soak(Path(directory), seed, plan) as soak:
        return soak.run()
