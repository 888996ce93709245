"""A team's shared ledger on PostgreSQL (issue 12): desks with homes of their own share one log.

Real processes (the ``mpesa-desktop`` command), one simulator on loopback, one PostgreSQL
server started by the suite (``tests/fixtures/postgres.py``), each desk's settings in a
temporary home of its own.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time

import pytest

from mpesa_desktop.config import ConfigError, ConfigStore
from mpesa_desktop.ledger import DuplicateRow, Ledger, LedgerUnavailable, demo
from mpesa_desktop.ledger.copy import CopyRefused, copy_ledger
from mpesa_desktop.ledger.postgres import translate
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services.lease_keeper import LeaseKeeper
from mpesa_desktop.services.ledger_access import open_ledger
from tests.cli_support import add_lab_profile, child_env
from tests.fixtures.simulator import wait_until
from tests.raw_sql import run_sql
from tests.services_support import open_services, run

PAY = ["b2c", "--phone", "0708374149", "--amount", "1700", "--remarks", "Team refund",
       "--yes", "--json"]


def desk(tmp_path, monkeypatch, simulator, relay, name: str, url: str) -> dict[str, str]:
    """A desk: a home of its own with the lab profile on the team ledger ``url``; the
    environment of its processes."""
    home = tmp_path / name
    monkeypatch.setenv("MPESA_DESKTOP_HOME", str(home))
    add_lab_profile(simulator, relay, ledger=url)
    return {**child_env(relay, f"key-{name}"), "MPESA_DESKTOP_HOME": str(home)}


def b2c_payouts(simulator) -> int:
    """B2C payments in the simulator's books (not our log)."""
    return sum(t["operation"] == "b2c" for t in simulator.transactions())


@pytest.mark.slow
def test_identical_payouts_raced_from_two_desks_are_paid_once(tmp_path, monkeypatch, simulator,
                                                              relay, postgres_url):
    desks = [desk(tmp_path, monkeypatch, simulator, relay, name, postgres_url)
             for name in ("desk-a", "desk-b")]
    runs = [subprocess.Popen([sys.executable, "-m", "mpesa_desktop", *PAY], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4) for env in desks]
    codes = []
    for process in runs:
        _, err = process.communicate(timeout=180)
        codes.append(process.returncode)
        assert process.returncode in (0, 2), err  # paid, or refused naming the payout in flight
    assert codes.count(0) == 1
    assert b2c_payouts(simulator) == 1
    with Ledger(postgres_url) as team:
        rows = team.query(limit=100)
    assert [row.status for row in rows] in (["accepted"], ["completed"])
    assert len({row.operator for row in rows}) == 1


def test_a_profile_on_a_team_ledger_opens_it_and_every_face_sees_one_log(
        tmp_path, monkeypatch, simulator, relay, postgres_url):
    env = desk(tmp_path, monkeypatch, simulator, relay, "desk-a", postgres_url)
    with Ledger(postgres_url, operator="desk-b") as other_desk:
        other_desk.create("b2c", amount=250, party_b="254708374150")
    shown = subprocess.run([sys.executable, "-m", "mpesa_desktop", "log", "--json"], env=env,
                           capture_output=True, text=True, timeout=60, check=True)
    [row] = json.loads(shown.stdout)["transactions"]
    assert (row["amount"], row["operator"]) == (250, "desk-b")
    paths = subprocess.run([sys.executable, "-m", "mpesa_desktop", "paths", "--json"], env=env,
                           capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(paths.stdout)["ledgers"]["lab"] == postgres_url
    profile = ConfigStore(app_paths()).get("lab")
    with open_ledger(app_paths(), profile) as ledger:
        assert ledger.location == postgres_url and ledger.summary() == (1, 250)


@pytest.mark.parametrize("url, rule", [
    ("postgresql://clerk:hunter2@db.office.lan/ledger", "must not hold a password"),
    ("postgresql://clerk@db.office.lan/ledger?sslmode=disable", "needs one of verify-full"),
    ("postgresql://clerk@db.office.lan/ledger?sslmode=prefer", "needs one of verify-full"),
    ("postgresql://clerk@db.office.lan", "must name a database"),
    ("mysql://clerk@db.office.lan/ledger", "must start with postgresql://"),
])
def test_a_bad_ledger_url_is_refused_naming_the_rule(url, rule):
    profile = ConfigStore(app_paths()).active
    with pytest.raises(ConfigError, match=rule):
        profile.updated(ledger=url)


def test_a_remote_server_is_reached_over_tls_only(postgres_server):
    from mpesa_desktop.ledger.ledger_url import check_url

    assert check_url("postgresql://clerk@db.office.lan/ledger")["sslmode"] == "verify-full"
    assert check_url("postgresql://clerk@db.office.lan/ledger?sslmode=require")["sslmode"] == (
        "require")
    assert "sslmode" not in check_url(postgres_server.url())  # a local socket needs no TLS



OPEN = """
import sys
from mpesa_desktop.ledger import DuplicateRow, Ledger, LedgerUnavailable, demo
from mpesa_desktop.ledger.copy import copy_ledger
from mpesa_desktop.ledger.postgres import translate
Ledger(sys.argv[1]).close()
"""


def test_desks_opening_a_new_team_ledger_at_once_migrate_it_once(postgres_url):
    opening = [subprocess.Popen([sys.executable, "-c", OPEN, postgres_url],
                                stderr=subprocess.PIPE, text=True) for _ in range(6)]
    for process in opening:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with Ledger(postgres_url) as ledger:
        assert ledger.summary() == (0, 0)


def test_a_change_on_one_desk_reaches_the_other_desks_subscribers(postgres_url):
    with Ledger(postgres_url, operator="desk-a") as desk_a, \
            Ledger(postgres_url, operator="desk-b") as desk_b:
        heard: list[tuple[str, str | None, str]] = []
        desk_b.subscribe(lambda row, old, new: heard.append((row.reference, old, new)))
        row = desk_a.create("b2c", amount=90, party_b="254708374149")
        desk_a.transition(row.reference, "accepted", source="ack",
                          conversation_id="AG_20261205_1")
        wait_until(lambda: len(heard) == 2, timeout=10)
        assert heard == [(row.reference, None, "sending"),
                         (row.reference, "sending", "accepted")]
        desk_b.transition(row.reference, "completed", source="callback", receipt="TEAM1")
        assert desk_a.get(row.reference).receipt == "TEAM1"
        later = desk_a.create("b2c", amount=91, party_b="254708374149")
        wait_until(lambda: heard[-1][0] == later.reference, timeout=10)
        # desk B's own change was told once, by desk B (the server's copy of it is not heard:
        # changes arrive in commit order, so it would have come before desk A's later row).
        assert heard == [(row.reference, None, "sending"),
                         (row.reference, "sending", "accepted"),
                         (row.reference, "accepted", "completed"),
                         (later.reference, None, "sending")]


def test_ledger_copy_moves_a_desks_log_into_the_team_ledger_and_resumes(tmp_path, postgres_url,
                                                                        postgres_server):
    source = tmp_path / "desk.sqlite3"
    assert demo.generate(source, 300, seed=5) == 300
    with Ledger(source, operator="desk-a") as own:
        paid = own.create("b2c", amount=1200, party_b="254708374149", remarks="=cmd|' /C calc'!")
        own.transition(paid.reference, "accepted", source="ack", conversation_id="AG_C1")
        own.record_callback("result", {"Result": {"ConversationID": "AG_C1"}})
        own.record_balances("bal-1", [{"account": "Utility", "currency": "KES",
                                       "available": "1000.00"}])
        own.set_meta("bulk.columns", "phone,amount")
    def stopped(table: str, copied: int) -> None:  # a copy killed after its first batch
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_ledger(source, postgres_url, progress=stopped, batch_rows=100)
    assert run_sql(postgres_url, "SELECT count(*) FROM transactions") == [(100,)]
    indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'transactions' ORDER BY 1"
    assert len(run_sql(postgres_url, indexes)) == 3  # the unique ones stay; the rest come back

    tables = copy_ledger(source, postgres_url)
    assert all(table.matches for table in tables), tables
    fresh = postgres_server.new_database()
    Ledger(fresh).close()
    keys = "SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY 1"
    for made in (indexes, keys):  # as a new ledger has them
        assert run_sql(postgres_url, made) == run_sql(fresh, made)
    assert {table.name: table.target_rows for table in tables}["transactions"] == 301
    again = copy_ledger(source, postgres_url)  # run again: nothing left to copy, still the same
    assert [table.copied for table in again] == [0] * len(again)
    assert all(table.matches for table in again)
    with Ledger(postgres_url, operator="desk-b") as team:
        assert team.get(paid.reference).conversation_id == "AG_C1"
        with pytest.raises(DuplicateRow):  # the copied payout in flight still blocks its twin
            team.create("b2c", amount=1200, party_b="254708374149", remarks="=cmd|' /C calc'!")
        fresh = team.create("b2c", amount=5, party_b="254708374149")
        assert fresh.id > max(row.id for row in team.query(limit=400) if row.id != fresh.id)
        assert team.get_meta("bulk.columns") == "phone,amount"


def test_cells_holding_copys_own_characters_arrive_as_they_were(tmp_path, postgres_url):
    # Each chunk of rows is written as it is unless it holds a character COPY escapes; the
    # chunks here are two rows long, so the odd rows sit between plain ones.
    source = tmp_path / "desk.sqlite3"
    odd = ["tab\there", "new\nline\rreturn", "back\\slash", "\\N", "\b\f\v", "NUL\x00inside"]
    with Ledger(source) as own:
        for n, remarks in enumerate(["plain", *odd, "plain again"]):
            row = own.create("b2c", amount=n + 1, party_b="254708374149", remarks=remarks)
            own.transition(row.reference, "accepted", source="ack")
    tables = copy_ledger(source, postgres_url, batch_rows=2)
    assert all(table.matches for table in tables), tables
    stored = [remarks for (remarks,) in run_sql(
        postgres_url, "SELECT remarks FROM transactions ORDER BY id")]
    assert stored == ["plain", *odd[:-1], "NUL\ufffdinside", "plain again"]


COPY = """
import sys
from pathlib import Path
from mpesa_desktop.ledger.copy import copy_ledger
copy_ledger(Path(sys.argv[1]), sys.argv[2], batch_rows=2_000)
"""


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_copy_killed_at_any_moment_is_finished_by_the_next(tmp_path, postgres_server, seed):
    # Killed while rows stream in, while indexes are made again on their own connections, or
    # while the rows are checked: the next run copies the rest and makes what is missing.
    source = tmp_path / "desk.sqlite3"
    demo.generate(source, 12_000, seed=seed)
    url = postgres_server.new_database()
    Ledger(url).close()
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", COPY, str(source), url], check=True)
    whole = time.monotonic() - started
    url = postgres_server.new_database()
    Ledger(url).close()
    copying = subprocess.Popen([sys.executable, "-c", COPY, str(source), url])
    time.sleep(random.Random(seed).uniform(0.05, whole))
    copying.kill()
    copying.wait()
    tables = copy_ledger(source, url)
    assert all(table.matches for table in tables), tables
    fresh = postgres_server.new_database()
    Ledger(fresh).close()
    for made in ("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
                 "SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY 1"):
        assert run_sql(url, made) == run_sql(fresh, made)
    assert run_sql(url, "SELECT count(*) FROM meta WHERE key LIKE 'copy.%'") == [(0,)]


def test_a_copy_whose_rows_break_a_rule_says_so_and_keeps_what_it_copied(tmp_path,
                                                                          postgres_url):
    source = tmp_path / "desk.sqlite3"
    demo.generate(source, 50, seed=3)
    # An older build left a status event whose transaction is gone (SQLite did not check).
    [(orphan,)] = run_sql(source, "SELECT transaction_id FROM events LIMIT 1")
    raw = sqlite3.connect(source)
    raw.execute("PRAGMA foreign_keys = OFF")
    with raw:
        raw.execute("DELETE FROM transactions WHERE id = ?", (orphan,))
    raw.close()
    with pytest.raises(CopyRefused, match="break a rule of the team ledger"):
        copy_ledger(source, postgres_url)
    assert run_sql(postgres_url, "SELECT count(*) FROM transactions") == [(49,)]
    pending = run_sql(postgres_url, "SELECT value FROM meta WHERE key LIKE 'copy.rebuild%'")
    assert len(pending) == 1 and "FOREIGN KEY" in pending[0][0]  # made when copied again


def test_one_desk_reads_the_relay_for_the_team_and_every_desk_sees_the_result(
        simulator, relay, postgres_url):
    add_lab_profile(simulator, relay, ledger=postgres_url)
    desk_a, desk_b = open_services(), open_services()
    try:
        heard_on_b: list[tuple[str | None, str]] = []
        desk_b.subscribe(lambda change: heard_on_b.append((change.old, change.new)))

        async def both_polling() -> str:
            await desk_a.start_poller()
            await desk_b.start_poller()
            row = await desk_a.submit("b2c", {"amount": 1800, "party_b": "0708374149",
                                              "remarks": "Team refund"})
            return (await desk_a.wait_final(row.reference, 15)).status

        assert run(desk_a, both_polling()) == "completed"
        wait_until(lambda: ("accepted", "completed") in heard_on_b, timeout=15)
        [(holder,)] = run_sql(postgres_url,
                              "SELECT value FROM meta WHERE key = 'turn:relay feed'")
        assert holder.split()[0] in (desk_a.ledger.owner, desk_b.ledger.owner)
    finally:
        desk_b.close()
        desk_a.close()


def test_the_ledgers_parameters_become_psycopgs_outside_quotes_and_casts():
    assert translate("SELECT ':x', a::text FROM t WHERE b LIKE 'z%' AND c = :c") == (
        "SELECT ':x', a::text FROM t WHERE b LIKE 'z%%' AND c = %(c)s")


@pytest.mark.slow
def test_while_the_server_is_down_nothing_is_written_and_work_resumes_when_it_is_back(
        own_postgres):
    url = own_postgres.new_database()
    states: list[bool] = []
    with Ledger(url, operator="desk-a") as ledger, Ledger(url, operator="desk-b") as other:
        heard: list[str] = []
        ledger.subscribe(lambda row, old, new: heard.append(row.reference))
        keeper = LeaseKeeper(ledger, interval=0.1, on_reachable=states.append)
        keeper.start()
        try:
            ledger.create("b2c", amount=100, party_b="254708374149")
            own_postgres.stop()
            with pytest.raises(LedgerUnavailable, match="nothing was written or sent"):
                ledger.create("b2c", amount=200, party_b="254708374149")
            wait_until(lambda: states == [False], timeout=30)
            own_postgres.start()
            wait_until(lambda: states == [False, True], timeout=30)
            again = ledger.create("b2c", amount=300, party_b="254708374149")
            # the other desk's change reaches this one again (its listener connected again)
            later = other.create("b2c", amount=400, party_b="254708374149")
            wait_until(lambda: later.reference in heard, timeout=30)
        finally:
            keeper.stop()
        assert [row.amount for row in ledger.query(limit=10)] == [400, 300, 100]
        assert again.status == "sending"
