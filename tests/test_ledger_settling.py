"""The status-query back-off lives in the ledger file (issue 9, point 3): a question about a row
is claimed in one transaction, so no two Ledgers (or processes) ask about it in one interval, a
restart does not ask early, the interval grows per row, and a log asks about a few rows a minute
at most."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from itertools import pairwise

from mpesa_desktop.ledger import Ledger, settling
from tests.settling_support import START, Clock

BACKOFF = settling.Backoff(first=60, longest=600, per_minute=6)


def unknown_b2c(ledger: Ledger, amount: int = 1500):
    row = ledger.create("b2c", amount=amount, party_a="600000", party_b="254708374149",
                        remarks="Refund")
    return ledger.transition(row.reference, "unknown", source="ack")


def test_one_question_per_interval_whichever_ledger_asks(ledger_location):
    path = ledger_location
    clock = Clock()
    with Ledger(path, clock=clock) as window, Ledger(path, clock=clock) as command_line:
        ref = unknown_b2c(window).reference
        assert settling.claim(window, ref, START, BACKOFF)
        assert not settling.claim(command_line, ref, START, BACKOFF)
        assert not settling.claim(window, ref, START + timedelta(seconds=59), BACKOFF)
        assert ref in settling.waiting(command_line, START + timedelta(seconds=59))
        asked_at = [START]
        moment = START
        for _ in range(8):  # each time the one who claims first wins; the wait doubles
            moment += timedelta(seconds=1)
            while not settling.claim(command_line, ref, moment, BACKOFF):
                moment += timedelta(seconds=1)
            asked_at.append(moment)
        gaps = [(later - earlier).total_seconds() for earlier, later in pairwise(asked_at)]
        assert gaps == [60, 120, 240, 480, 600, 600, 600, 600]
        kept = settling.schedule(window, ref)
        assert kept.queries_sent == 9 and kept.last_query_at == asked_at[-1]
        assert kept.next_query_at == asked_at[-1] + timedelta(seconds=600)


def test_a_restart_does_not_ask_again_early(ledger_location):
    path = ledger_location
    with Ledger(path) as first:
        ref = unknown_b2c(first).reference
        assert settling.claim(first, ref, START, BACKOFF)
    with Ledger(path) as second:
        assert ref in settling.waiting(second, START + timedelta(seconds=30))
        assert not settling.claim(second, ref, START + timedelta(seconds=30), BACKOFF)
        assert settling.claim(second, ref, START + timedelta(seconds=60), BACKOFF)


def test_the_log_asks_about_at_most_a_few_rows_a_minute(ledger):
    refs = [unknown_b2c(ledger, amount=1000 + n).reference for n in range(10)]
    claimed = [ref for ref in refs if settling.claim(ledger, ref, START, BACKOFF)]
    assert claimed == refs[:6]
    later = START + timedelta(seconds=30)
    assert not [ref for ref in refs[6:] if settling.claim(ledger, ref, later, BACKOFF)]
    after_a_minute = START + timedelta(seconds=61)  # the first six are due again too
    order = refs[6:] + refs[:6]
    assert [ref for ref in order if settling.claim(ledger, ref, after_a_minute, BACKOFF)] == (
        refs[6:] + refs[:2])


def test_settled_rows_are_not_asked_about(ledger):
    row = unknown_b2c(ledger)
    ledger.transition(row.reference, "completed", source="poll", receipt="SG632NMUAB")
    assert not settling.claim(ledger, row.reference, START, BACKOFF)
    assert not settling.claim(ledger, "no-such-row", START, BACKOFF)


def test_not_found_answers_count_once_per_query(ledger):
    ref = unknown_b2c(ledger).reference
    first, second = START, START + timedelta(minutes=16)
    assert settling.note_not_found(ledger, ref, first) is None
    assert settling.note_not_found(ledger, ref, first) is None  # the same answer again
    assert settling.note_not_found(ledger, ref, second) == (first, second)
    assert settling.schedule(ledger, ref).first_not_found_at == first
    earlier = START - timedelta(minutes=1)  # answers may arrive out of order
    assert settling.note_not_found(ledger, ref, earlier) == (earlier, first)
    assert settling.schedule(ledger, ref).first_not_found_at == earlier


CLAIMER = """
import json, sys
from datetime import datetime
from mpesa_desktop.ledger import Ledger, settling
from tests.settling_support import START, Clock
path, refs, now = sys.argv[1], json.loads(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
backoff = settling.Backoff(first=60, longest=600, per_minute=1000)
won = []
with Ledger(path) as ledger:
    for _ in range(3):
        won += [ref for ref in refs if settling.claim(ledger, ref, now, backoff)]
print(json.dumps(won))
"""


def test_processes_racing_for_the_same_rows_ask_about_each_once(ledger_location):
    path = ledger_location
    with Ledger(path) as ledger:
        refs = [unknown_b2c(ledger, amount=1000 + n).reference for n in range(40)]
    processes = [
        subprocess.Popen([sys.executable, "-c", CLAIMER, str(path),
                          json.dumps(refs[::step]), START.isoformat()],
                         stdout=subprocess.PIPE, text=True)
        for step in (1, 1, -1, -1)  # two in each order, so they meet half-way
    ]
    won = []
    try:
        for process in processes:
            out, _ = process.communicate(timeout=60)
            assert process.returncode == 0
            won += json.loads(out)
    finally:
        for process in processes:
            with process:  # a claimer that did not finish is stopped, its pipe closed
                process.kill()
    assert sorted(won) == sorted(refs)  # every row asked about exactly once
    with Ledger(path) as ledger:
        assert {settling.schedule(ledger, ref).queries_sent for ref in refs} == {1}
