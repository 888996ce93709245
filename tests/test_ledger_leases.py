"""Leases: a ``sending`` row belongs to the Ledger that wrote it, and recovery takes over only the
rows whose owner is gone (closed, its process ended or replaced, or silent for too long on
another host). Real files; the other processes are real where one is needed."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from mpesa_desktop.ledger import IllegalTransition, Ledger, leases
from mpesa_desktop.ledger.records import store_time, utc_now
from tests.raw_sql import run_sql

PAYEE = "254708374149"


def lease_rows(location) -> dict[str, tuple]:
    return {owner: tuple(rest) for owner, *rest in run_sql(
        location, "SELECT owner, host, pid, started, heartbeat_at FROM leases")}


def set_lease(location, owner: str, **values) -> None:
    """Change the lease ``owner`` as if another process held it."""
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    run_sql(location, f"UPDATE leases SET {assignments} WHERE owner = :owner",
            {**values, "owner": owner})


def test_this_process_is_seen_running_and_an_ended_one_is_not():
    here = leases.this_process()
    assert here.pid > 0 and here.host
    assert here.started is not None and leases.start_time(here.pid) == here.started
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    assert leases.start_time(int(ended.stdout)) is None


def test_a_row_being_sent_by_a_live_ledger_is_left_to_it(ledger):
    row = ledger.create("b2c", amount=500, party_b=PAYEE)
    assert ledger.recover_interrupted() == 0
    with Ledger(ledger.location) as starting:  # another start on the same file
        assert starting.recover_interrupted() == 0
    assert ledger.get(row.reference).status == "sending"
    assert ledger.transition(row.reference, "accepted", source="ack").status == "accepted"
    [(host, pid, started, _)] = lease_rows(ledger.location).values()
    assert (host, pid, started) == (leases.this_process().host, leases.this_process().pid,
                                    leases.this_process().started)


def test_a_closed_ledger_releases_its_lease_and_its_rows_are_taken_over(ledger):
    with Ledger(ledger.location) as writer:
        row = writer.create("b2c", amount=500, party_b=PAYEE)
        assert writer.owner in lease_rows(ledger.location)
    assert lease_rows(ledger.location) == {}
    assert ledger.recover_interrupted() == 1
    assert ledger.get(row.reference).status == "unknown"


def test_a_reused_pid_does_not_keep_a_dead_owner_alive(ledger):
    with Ledger(ledger.location) as writer:
        row = writer.create("b2c", amount=500, party_b=PAYEE)
        # The owner's pid now runs another process (started at another time): the owner is gone.
        set_lease(ledger.location, writer.owner, started=leases.this_process().started + "0")
        assert ledger.recover_interrupted() == 1
        assert lease_rows(ledger.location) == {}  # the gone owner's lease is dropped
        assert ledger.get(row.reference).status == "unknown"


@pytest.mark.parametrize(("silent", "taken"), [(timedelta(seconds=10), False),
                                               (leases.LEASE_TTL + timedelta(seconds=5), True)])
def test_an_owner_on_another_host_is_gone_when_its_heartbeat_is_older_than_the_ttl(
        ledger, silent, taken):
    with Ledger(ledger.location) as writer:
        row = writer.create("b2c", amount=500, party_b=PAYEE)
        set_lease(ledger.location, writer.owner, host="another-desk", pid=1, started="x:1",
                  heartbeat_at=store_time(utc_now() - silent))
        assert ledger.recover_interrupted() == int(taken)
        assert ledger.get(row.reference).status == ("unknown" if taken else "sending")
        assert (writer.owner in lease_rows(ledger.location)) is not taken


def test_where_start_times_cannot_be_read_the_heartbeat_decides(ledger):
    with Ledger(ledger.location) as writer:
        row = writer.create("b2c", amount=500, party_b=PAYEE)
        set_lease(ledger.location, writer.owner, started=None)
        assert ledger.recover_interrupted() == 0
        set_lease(ledger.location, writer.owner, started=None,
                  heartbeat_at=store_time(utc_now() - leases.LEASE_TTL * 2))
        assert ledger.recover_interrupted() == 1
        assert ledger.get(row.reference).status == "unknown"


def test_the_heartbeat_refreshes_the_lease(ledger):
    ledger.heartbeat()  # no lease yet: nothing to refresh, nothing written
    assert lease_rows(ledger.location) == {}
    ledger.create("b2c", amount=500, party_b=PAYEE)
    old = store_time(utc_now() - timedelta(seconds=30))
    set_lease(ledger.location, ledger.owner, heartbeat_at=old)
    ledger.heartbeat()
    assert lease_rows(ledger.location)[ledger.owner][3] > old


def test_an_owner_whose_row_was_taken_over_still_records_the_refusal(ledger):
    """Its heartbeat looked too old, so another desk took its row over; then Daraja refused
    the request synchronously: that is evidence that nothing happened."""
    row = ledger.create("b2c", amount=500, party_b=PAYEE)
    set_lease(ledger.location, ledger.owner, host="this-desk-seen-from-another",
              heartbeat_at=store_time(utc_now() - leases.LEASE_TTL * 2))
    with Ledger(ledger.location) as other:
        assert other.recover_interrupted() == 1
    assert ledger.get(row.reference).status == "unknown"
    with pytest.raises(IllegalTransition):  # only Daraja's own answer is such evidence
        ledger.transition(row.reference, "rejected", source="poll")
    rejected = ledger.transition(row.reference, "rejected", source="ack",
                                 result_code="500.003.02")
    assert rejected.status == "rejected" and not rejected.in_flight
    assert [(e.new_status, e.source) for e in ledger.events(row.reference)] == [
        ("sending", "user"), ("unknown", "startup"), ("rejected", "ack")]


def test_one_process_of_a_log_has_a_turn_at_a_time_until_it_closes(ledger):
    turn = timedelta(seconds=60)
    with Ledger(ledger.location) as other:
        assert ledger.take_turn("relay feed", turn)
        assert not other.take_turn("relay feed", turn)
        assert ledger.take_turn("relay feed", turn)  # renewed by its holder
        assert other.take_turn("another job", turn)  # each turn is its own
        ledger.close()  # gives its turns up
        assert other.take_turn("relay feed", turn)


def test_a_turn_its_holder_stopped_renewing_passes_to_another(ledger):
    with Ledger(ledger.location) as other:
        assert ledger.take_turn("relay feed", timedelta(seconds=-1))  # lapsed at once
        assert other.take_turn("relay feed", timedelta(seconds=60))
        assert not ledger.take_turn("relay feed", timedelta(seconds=60))
