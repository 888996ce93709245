"""Benchmark of the team ledger on PostgreSQL (issue 12). Prints numbers and ratios; asserts
nothing.

    python -m tests.benchmarks.team [--rows 1000000] [--processes 8] [--payouts 200]

A PostgreSQL server from the ``pgserver`` wheel and the offline simulator run on this machine;
each desk is a process of its own with a home of its own, paying through the simulator, its
callbacks through one relay, on the ``lab`` profile.

1. **Race.** Two desks on one PostgreSQL ledger send the same payout 50 times each, at once: how
   many the simulator paid (1 is right) and how many the ledger refused.
2. **Load.** ``--processes`` desks send ``--payouts`` distinct payouts each, at once, once on a
   shared PostgreSQL ledger and once on a shared SQLite file: paid twice (a payout in the
   simulator's books more than once), lost (a payout paid but not in the ledger as sent, or a
   submission that said "sent" with no payment behind it), and the time of one submit (write
   ahead, send, record the answer) p50 and p99; the ratio PostgreSQL / SQLite.
3. **Live updates.** A desk makes 200 changes; the time until another desk's subscriber hears
   each (p50, p99).
4. **Copy.** ``ledger copy`` of a ``--rows`` SQLite log (demo history) into PostgreSQL.
5. **First pages.** The first page of each filter of the log window on that ledger (median of 5
   runs each), rare text terms of 3 and 4 characters among them; the slowest.
6. **Export.** The whole log to CSV from PostgreSQL, against ``psql -c "\\copy (...) to stdout
   csv"`` of the same rows and columns (the median of 3 interleaved runs each): the ratio, and the
   export's peak memory at ``--rows`` and at a tenth of it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD
from mpesa_desktop.kenya import EAT
from mpesa_desktop.ledger import Filters, Ledger, demo
from mpesa_desktop.ledger.copy import copy_ledger
from mpesa_desktop.ledger.dialect import POSTGRES
from mpesa_desktop.ledger.export import DEFAULT_COLUMNS, cell_sql
from mpesa_desktop.paths import app_paths
from mpesa_desktop.relay.embedded import EmbeddedRelay
from mpesa_desktop.simulator import Simulator, SimulatorConfig

# A desk: opens the lab profile of its home, waits for the start signal, submits its payouts,
# prints one JSON line: the references sent, the refusals, the seconds each submit took.
DESK = textwrap.dedent("""
    import asyncio, json, sys, time
    from pathlib import Path
    from mpesa_desktop.errors import KnownError
    from mpesa_desktop.paths import app_paths
    from mpesa_desktop.services import AppServices

    home, count, identical, desk, go = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", \\
        int(sys.argv[4]), Path(sys.argv[5])
    services = AppServices.open(app_paths(home), "lab")

    async def main():
        sent, refused, seconds = [], 0, []
        while not go.exists():
            await asyncio.sleep(0.01)
        for n in range(count):
            amount = 100 if identical else 10 + n
            phone = "254708374149" if identical else f"2547{desk:02d}{n:06d}"
            started = time.perf_counter()
            try:
                row = await services.submit("b2c", {"amount": amount, "party_b": phone,
                                                    "remarks": "Team benchmark"})
            except KnownError:
                refused += 1
                continue
            seconds.append(time.perf_counter() - started)
            sent.append(row.reference)
        return sent, refused, seconds

    try:
        sent, refused, seconds = asyncio.run(main())
    finally:
        services.close()
    print(json.dumps({"sent": sent, "refused": refused, "seconds": seconds}), flush=True)
""")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Office:
    """The simulator, the relay and a PostgreSQL server; desks (homes) on the lab profile."""

    def __init__(self, folder: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pgserver
        self.folder = folder
        # The server (its own user, when started by root) keeps its folder; the app's files go
        # in another, which the app makes private (0700).
        self.files = folder / "files"
        self.files.mkdir()
        self.postgres = pgserver.get_server(folder / "postgres", cleanup_mode="stop")
        self.socket = self.postgres.get_uri().split("host=")[1]
        self.simulator = Simulator(SimulatorConfig(callback_delay=0.05))
        self.simulator.start()
        self.relay = EmbeddedRelay(self.files / "relay")
        self.relay.start()
        self.databases = 0

    def database(self) -> str:
        self.databases += 1
        name = f"team{self.databases}"
        self.postgres.psql(f"CREATE DATABASE {name};")
        return f"postgresql://postgres@/{name}?host={self.socket}"

    def desk_env(self, key: str) -> dict[str, str]:
        secrets = {"consumer_key": key, "consumer_secret": "lab-secret",
                   "initiator_password": PUBLIC_INITIATOR_PASSWORD,
                   "relay_token": self.relay.token,
                   "relay_callback_secret": self.relay.settings.callback_secret}
        return {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
                "PYTHONWARNINGS": "ignore",
                **{f"MPESA_DESKTOP_LAB_{name.upper()}": value for name, value in secrets.items()}}

    def desk_home(self, name: str, ledger: str | None) -> Path:
        home = self.files / name
        store = ConfigStore(app_paths(home).ensure())
        store.add(new_profile("lab", "custom", base_url=self.simulator.url, shortcode="600000",
                              b2c_shortcode="600000", initiator="testapi",
                              relay_url=self.relay.base_url, ledger=ledger))
        return home

    def run_desks(self, run: str, ledger: str | None, desks: int, count: int,
                  identical: bool) -> list[dict[str, Any]]:
        """``desks`` processes at once; their reports. Without a team ledger they share one
        home, so one SQLite file (processes of one machine)."""
        go = self.files / f"{run}.go"
        processes = []
        shared = None if ledger else self.desk_home(f"{run}-shared", None)
        for desk in range(desks):
            home = shared or self.desk_home(f"{run}-desk{desk}", ledger)
            processes.append(subprocess.Popen(
                [sys.executable, "-c", DESK, str(home), str(count), "1" if identical else "0",
                 str(desk), str(go)], env=self.desk_env(f"{run}-key-{desk}"),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        time.sleep(3.0)  # all open their profile before the start signal
        go.touch()
        reports = []
        for process in processes:
            out, err = process.communicate(timeout=1800)
            if process.returncode != 0:
                raise SystemExit(f"a desk failed:\n{err[-3000:]}")
            reports.append(json.loads(out.strip().splitlines()[-1]))
        return reports

    def paid(self, references: set[str] | None = None) -> list[str]:
        """The originator ids of the B2C payments in the simulator's books."""
        return [t["originator_conversation_id"] for t in self.simulator.transactions()
                if t["operation"] == "b2c"
                and (references is None or t["originator_conversation_id"] in references)]

    def close(self) -> None:
        self.relay.stop()
        self.simulator.stop()
        self.postgres.cleanup()


def race(office: Office) -> None:
    url = office.database()
    before = set(office.paid())
    reports = office.run_desks("race", url, desks=2, count=50, identical=True)
    paid = [ref for ref in office.paid() if ref not in before]
    refused = sum(report["refused"] for report in reports)
    print(f"1. race: 2 desks x 50 identical payouts: paid {len(paid)} (1 is right), "
          f"refused {refused}, paid twice {max(0, len(paid) - 1)}")


def load(office: Office, processes: int, payouts: int) -> None:
    results = {}
    for backend in ("postgresql", "sqlite"):
        url = office.database() if backend == "postgresql" else None
        started = time.perf_counter()
        reports = office.run_desks(f"load-{backend}", url, processes, payouts, identical=False)
        wall = time.perf_counter() - started
        sent = {ref for report in reports for ref in report["sent"]}
        paid = office.paid(sent)
        twice = len(paid) - len(set(paid))
        location = url or app_paths(office.files / f"load-{backend}-shared").ledger_file("lab")
        with Ledger(location) as ledger:
            rows = {row.reference: row.status for row in ledger.query(limit=10 * len(sent) + 10)}
        lost = len(set(paid) - {ref for ref, status in rows.items() if status != "sending"})
        lost += len(sent - set(paid))
        seconds = [s for report in reports for s in report["seconds"]]
        results[backend] = (percentile(seconds, 0.5), percentile(seconds, 0.99))
        print(f"2. load on {backend}: {processes} desks x {payouts} payouts in {wall:.1f} s: "
              f"sent {len(sent)}, paid {len(set(paid))}, paid twice {twice}, lost {lost}; "
              f"submit p50 {results[backend][0] * 1000:.1f} ms, "
              f"p99 {results[backend][1] * 1000:.1f} ms")
    (pg50, pg99), (lite50, lite99) = results["postgresql"], results["sqlite"]
    print(f"   submit time PostgreSQL / SQLite: p50 {pg50 / lite50:.2f}x, "
          f"p99 {pg99 / lite99:.2f}x")


def live_updates(office: Office, changes: int = 200) -> None:
    url = office.database()
    heard: dict[str, float] = {}
    done = threading.Event()
    with Ledger(url, operator="desk-a") as desk_a, Ledger(url, operator="desk-b") as desk_b:
        def hear(row: Any, old: Any, new: str) -> None:
            heard[row.reference] = time.perf_counter()
            if len(heard) == changes:
                done.set()

        desk_b.subscribe(hear)
        made: dict[str, float] = {}
        for n in range(changes):
            row = desk_a.create("b2c", amount=n + 1, party_b=f"2547{n:08d}")
            made[row.reference] = time.perf_counter()
            time.sleep(0.005)
        done.wait(30)
    delays = [heard[ref] - at for ref, at in made.items() if ref in heard]
    p50, p99 = (percentile(delays, share) * 1000 for share in (0.5, 0.99))
    print(f"3. live updates: {len(delays)} of {changes} changes heard on the other desk; "
          f"p50 {p50:.1f} ms, p99 {p99:.1f} ms (budget: p99 < 1 s)")


def copy(office: Office, rows: int) -> str:
    source = office.files / "desk-history.sqlite3"
    started = time.perf_counter()
    demo.generate(source, rows, seed=12)
    made = time.perf_counter() - started
    url = office.database()
    started = time.perf_counter()
    tables = copy_ledger(source, url)
    took = time.perf_counter() - started
    same = all(table.matches for table in tables)
    print(f"4. copy: {rows:,} rows (demo-data made them in {made:.1f} s) into PostgreSQL in "
          f"{took:.1f} s, tables the same: {same} (budget: < 60 s for 1M)")
    return url


def first_pages(url: str) -> None:
    with Ledger(url) as ledger:
        some = ledger.query(Filters(operation="b2c", status="completed"), limit=1)[0]
        today = some.created_at.astimezone(EAT).date()
        cases = {
            "everything": Filters(),
            "payments": Filters(operation="b2c,b2b,c2b_payment,stk_push,reversal"),
            "status failed": Filters(status="failed"),
            "one phone": Filters(phone=some.phone),
            "one receipt": Filters(receipt=some.receipt),
            "one day": Filters(date_from=today, date_to=today),
            "last 7 days": Filters(date_from=today - timedelta(days=7), date_to=today),
            "amount 1,000-2,000": Filters(amount_min=1_000, amount_max=2_000),
            "rare amount": Filters(amount_min=123_456, amount_max=123_460),
            "largest first": Filters(sort="amount"),
            "text, common": Filters(text="600"),
            "text, a name": Filters(text=(some.counterparty or "Kamau").split()[-1]),
            "text, rare": Filters(text=some.receipt[2:8]),
            "text, rare, 4 characters": Filters(text=some.receipt[3:7]),
            "text, rare, 3 characters": Filters(text=some.receipt[4:7]),
            "text, nothing": Filters(text="no such words"),
            "oldest first": Filters(descending=False),
            "a month ago": Filters(date_to=date.today() - timedelta(days=30)),
        }
        worst = 0.0
        for name, filters in cases.items():
            times = []
            for _ in range(5):
                started = time.perf_counter()
                ledger.query(filters, limit=100)
                times.append(time.perf_counter() - started)
            median = statistics.median(times) * 1000
            worst = max(worst, median)
            print(f"5. first page, {name}: {median:.1f} ms")
        print(f"   slowest first page: {worst:.1f} ms (budget: < 50 ms)")


# Its peak is read from VmHWM: getrusage's maxrss of a child can be its parent's at the fork.
EXPORT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from mpesa_desktop.ledger import Ledger
    from mpesa_desktop.ledger.export import export_csv
    with Ledger(sys.argv[1]) as ledger, open(sys.argv[2], "w", newline="") as out:
        started = time.perf_counter()
        export_csv(ledger, out, filters=None)
        took = time.perf_counter() - started
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(took, peak // 1024)
""")


def export(office: Office, url: str, rows: int) -> None:
    from pgserver.postgres_server import POSTGRES_BIN_PATH

    psql = POSTGRES_BIN_PATH / "psql"

    cells = ", ".join(cell_sql(column, POSTGRES) for column in DEFAULT_COLUMNS)
    query = f"SELECT {cells} FROM transactions ORDER BY created_at DESC, ID DESC"
    out = office.files / "export.csv"
    ours, theirs, peaks = [], [], []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", EXPORT, url, str(out)], check=True,
                              capture_output=True, text=True)
        took, peak = done.stdout.split()
        ours.append(float(took))
        peaks.append(int(peak))
        started = time.perf_counter()
        with open(office.files / "psql.csv", "w") as sink:
            subprocess.run([str(psql), url, "-c", f"\\copy ({query}) to stdout csv"],
                           stdout=sink, check=True)
        theirs.append(time.perf_counter() - started)
    tenth = office.database()
    smaller = office.files / "tenth.sqlite3"
    demo.generate(smaller, rows // 10, seed=13)
    copy_ledger(smaller, tenth)
    done = subprocess.run([sys.executable, "-c", EXPORT, tenth, str(out)], check=True,
                          capture_output=True, text=True)
    tenth_peak = int(done.stdout.split()[1])
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"6. export: {rows:,} rows in {statistics.median(ours):.2f} s, psql \\copy "
          f"{statistics.median(theirs):.2f} s: {ratio:.2f}x (budget: <= 1.5x); peak memory "
          f"{max(peaks)} MB, {tenth_peak} MB at a tenth of the rows")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--payouts", type=int, default=200)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="team-bench-") as folder:
        os.chmod(folder, 0o755)  # the server runs as its own user when started by root
        office = Office(Path(folder))
        try:
            race(office)
            load(office, args.processes, args.payouts)
            live_updates(office)
            url = copy(office, args.rows)
            first_pages(url)
            export(office, url, args.rows)
        finally:
            office.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
