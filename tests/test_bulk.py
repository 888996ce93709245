"""``mpesa-desktop bulk FILE``: in-process through ``mpesa_desktop.cli.main``, against a custom
profile pointing at the ``simulator`` fixture (to count what it executed) with a real embedded
relay, and against the offline profile as a new user has it."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys

import pytest

from mpesa_desktop import languages
from mpesa_desktop.cli import main
from mpesa_desktop.config import ConfigStore, Secrets, new_profile
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.bulk import BulkPayout
from mpesa_desktop.services.bulk_file import BulkFileError, parse_bulk_text, read_bulk_file
from mpesa_desktop.services.pacer import Pacer
from tests import cli_support
from tests.cli_support import Terminal, add_lab_profile, lab_secrets, statuses
from tests.fixtures.simulator import wait_until

B2C_PATH = "/mpesa/b2c/v3/paymentrequest"
GOOD = (
    "Phone Number,Amount (KES),Remarks,Occasion,Name\n"
    "0708374149,1500,November salary,,Ann\n"
    "+254 722 000 111,\"2,000\",November salary,Payday,Bob\n"
    "\n"
    "254733000222,300,Refund INV-7,,\n"
)


no_terminal = cli_support.no_terminal
lab = cli_support.lab


def write(tmp_path, text: str, name: str = "payees.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def bulk_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["bulk", *argv, "--rate", "50", "--json"])
    return code, json.loads(capsys.readouterr().out)


def paid(simulator) -> list[tuple[str, int]]:
    return [(t["party_b"], int(t["amount"])) for t in simulator.transactions()
            if t["operation"] == "b2c"]


def test_a_good_file_pays_every_row_once_in_file_order(lab, tmp_path, capsys):
    code, report = bulk_json(capsys, write(tmp_path, GOOD), "--yes", "--wait")
    assert code == 0
    rows = report["rows"]
    assert [r["row"] for r in rows] == [2, 3, 5]  # spreadsheet rows: header 1, blank row 4
    assert [r["status"] for r in rows] == ["completed"] * 3
    assert all(r["action"] == "sent" and r["receipt"] for r in rows)
    assert [r["name"] for r in rows] == ["Ann", "Bob", ""]
    assert (report["sent"], report["total"]) == (3, 3800)
    assert paid(lab) == [("254708374149", 1500), ("254722000111", 2000), ("254733000222", 300)]
    with Ledger(app_paths().ledger_file("lab")) as ledger:
        row = ledger.get(rows[1]["reference"])
        assert (row.operation, row.status, row.remarks) == ("b2c", "completed", "November salary")
        assert row.request_body["Occassion"] == "Payday"


def test_the_table_summarises_every_row(lab, tmp_path, capsys):
    assert main(["bulk", write(tmp_path, GOOD), "--rate", "50", "--yes", "--wait"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["row", "name", "phone", "amount", "action", "status",
                                           "reference", "receipt"]
    assert "3 rows: 3 completed. Paid: KES 3,800." in out


def test_bad_rows_send_nothing_and_every_row_and_field_is_named(lab, tmp_path, capsys):
    text = ("phone,amount,remarks,command_id\n"
            "0708374149,1500,Salary,\n"
            "0708,5,x,\n"
            "0712345678,1.5,Salary,Tips\n"
            "0722000111,100,,\n"
            "0712345678,400,Salary,\n"
            "0712 345 678,400,Bonus,\n")
    code = main(["bulk", write(tmp_path, text), "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert "nothing was sent" in err
    for expected in ("row 3, phone:", "row 3, amount:", "row 3, remarks:", "row 4, amount:",
                     "row 4, command_id:", "row 5, remarks: is required",
                     "row 7, phone: pays 254712345678 the same amount as row 6"):
        assert expected in err
    assert "row 2" not in err
    assert lab.request_count == 0
    with Ledger(app_paths().ledger_file("lab")) as ledger:
        assert ledger.summary()[0] == 0


def test_bad_rows_as_json(lab, tmp_path, capsys):
    code, report = bulk_json(capsys, write(tmp_path, "msisdn,ksh,narration\n0708,9,ok\n"),
                             "--yes")
    assert code == report["exit_code"] == 2
    assert {(p["row"], p["column"]) for p in report["problems"]} == {(2, "phone"),
                                                                   (2, "amount")}
    assert lab.request_count == 0


def test_the_shape_of_the_file_is_checked_first():
    with pytest.raises(BulkFileError) as caught:
        parse_bulk_text("phone,amount,salary\n0708374149,100\n0708374149,100,ok,extra\n")
    assert [str(p) for p in caught.value.problems] == [
        "row 1, salary: is not a known column; the header is "
        "phone,amount,remarks[,occasion][,command_id][,name][,national_id]",
        "row 1, remarks: column is missing from the header "
        "(phone,amount,remarks[,occasion][,command_id][,name][,national_id])",
        "row 3: has 4 cells but the header has 3 columns",
    ]
    with pytest.raises(BulkFileError, match="1 problem"):
        parse_bulk_text("phone,amount,remarks\n")
    with pytest.raises(BulkFileError):
        parse_bulk_text("phone,Phone,amount,remarks\n0708374149,0708374149,100,ok\n")
    parsed = parse_bulk_text("\ufeffMSISDN, Amount KSh ,Narration,Occassion,Payment Type\n"
                             "0708374149,100,ok,,SalaryPayment\n")
    assert parsed.columns == ("phone", "amount", "remarks", "occasion", "command_id")
    assert parsed.rows[0].fields() == {"party_b": "0708374149", "amount": "100",
                                       "remarks": "ok", "command_id": "SalaryPayment"}
    semicolons = parse_bulk_text('phone;amount;remarks\n0708374149;1,500;"Salary; Nov"\n')
    assert semicolons.rows[0].fields() == {"party_b": "0708374149", "amount": "1,500",
                                           "remarks": "Salary; Nov"}


def test_an_unreadable_file_exits_2(tmp_path, capsys):
    assert main(["bulk", str(tmp_path / "missing.csv"), "--yes"]) == 2
    assert "cannot be read" in capsys.readouterr().err
    latin = tmp_path / "latin.csv"
    latin.write_bytes("phone,amount,remarks\n0708374149,100,caf\xe9\n".encode("latin-1"))
    assert main(["bulk", str(latin), "--yes"]) == 2
    assert "UTF-8" in capsys.readouterr().err


def test_a_rerun_pays_nobody_twice(lab, tmp_path, capsys):
    path = write(tmp_path, GOOD)
    code, first = bulk_json(capsys, path, "--yes")
    assert code == 0 and [r["status"] for r in first["rows"]] == ["accepted"] * 3
    code, again = bulk_json(capsys, path, "--yes", "--wait")
    assert code == 0
    assert [r["action"] for r in again["rows"]] == ["skipped"] * 3
    assert [r["reference"] for r in again["rows"]] == [r["reference"] for r in first["rows"]]
    assert [r["status"] for r in again["rows"]] == ["completed"] * 3
    assert all(r["sent_by_run"] == first["run_id"] for r in again["rows"])
    # the same payees saved again with other line endings and spacing are the same file
    resaved = write(tmp_path, GOOD.replace("\n", "\r\n").replace(",1500,", ", 1500 ,"),
                    "resaved.csv")
    assert main(["bulk", resaved, "--yes"]) == 0
    err = capsys.readouterr().err
    assert (f"row 3: skipped, KES 2,000 to 254722000111 was sent by an earlier run "
            f"(run {first['run_id']}) at ") in err
    assert "Nothing to send: all 3 rows were sent by an earlier run." in err
    assert len(paid(lab)) == 3


def test_a_run_planned_before_another_run_paid_the_file_pays_nobody_twice(lab, tmp_path):
    """Two runs of one file at once: the second checked the file before the first sent
    anything, and sends after the first's payments completed (so no payment is in flight for
    the duplicate guard to see). The references derived from the file collide in the log."""
    bulk_file = read_bulk_file(write(tmp_path, GOOD))

    async def race() -> tuple[list, list]:
        first_services = AppServices.open(app_paths())
        second_services = AppServices.open(app_paths())
        try:
            first = await BulkPayout.prepare(first_services, bulk_file)
            second = await BulkPayout.prepare(second_services, bulk_file)
            assert first.payees == second.payees == 3
            await first.send(rate=50)
            done = await first.wait(timeout=30)
            return done, await second.send(rate=50)
        finally:
            await first_services.aclose()
            await second_services.aclose()

    done, late = asyncio.run(race())
    assert [o.status for o in done] == ["completed"] * 3
    assert [(o.status, o.reference) for o in late] == [(o.status, o.reference) for o in done]
    assert all(o.action == "skipped" and "already in the log" in o.message for o in late)
    assert paid(lab) == [("254708374149", 1500), ("254722000111", 2000), ("254733000222", 300)]


def test_an_edited_file_does_not_pay_again_unnoticed(lab, tmp_path, capsys, monkeypatch):
    code, first = bulk_json(capsys, write(tmp_path, GOOD), "--yes", "--wait")
    assert code == 0
    edited = write(tmp_path, GOOD.replace("Refund INV-7", "Refund INV-8"), "edited.csv")
    code = main(["bulk", edited, "--yes"])
    err = capsys.readouterr().err
    assert code == 2 and "--allow-repeats" in err and "nothing was sent" in err
    reference = first["rows"][0]["reference"]
    assert "row 2: warning: 254708374149 was already paid KES 1,500 at " in err
    assert f"({reference}, completed)" in err
    assert "row 5: warning: 254733000222 was already paid KES 300" in err
    assert len(paid(lab)) == 3
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["bulk", edited]) == 2
    assert "Send 3 payments, 3 of them again (see the warnings above)?" in capsys.readouterr().err
    code, report = bulk_json(capsys, edited, "--yes", "--allow-repeats")
    assert code == 0 and [r["action"] for r in report["rows"]] == ["sent"] * 3
    assert len(paid(lab)) == 6


def test_repeats_confirmed_at_the_terminal_are_paid(lab, tmp_path, capsys, monkeypatch):
    assert bulk_json(capsys, write(tmp_path, GOOD), "--yes", "--wait")[0] == 0
    edited = write(tmp_path, GOOD.replace("Refund INV-7", "Refund INV-8"), "edited.csv")
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["bulk", edited, "--rate", "50"]) == 0
    assert "3 of them again" in capsys.readouterr().err
    assert len(paid(lab)) == 6


def test_a_row_paid_elsewhere_after_the_file_was_checked_is_refused(lab, tmp_path):
    """Allowing the repeats the clerk was shown allows no other: a payee paid the same amount
    after the file was checked (another clerk, another window) is refused at its row."""
    bulk_file = read_bulk_file(write(tmp_path, "phone,amount,remarks\n0708374149,1500,Pay\n"))

    async def paid_meanwhile() -> list:
        services = AppServices.open(app_paths())
        try:
            bulk = await BulkPayout.prepare(services, bulk_file)
            assert bulk.repeats == []
            other = await services.submit("b2c", {"party_b": "0708374149", "amount": 1500,
                                                  "remarks": "Salary"})
            assert (await services.wait_final(other.reference, 30)).status == "completed"
            return await bulk.send(rate=50, allow_repeats=True)
        finally:
            await services.aclose()

    [outcome] = asyncio.run(paid_meanwhile())
    assert (outcome.action, outcome.status) == ("refused", "refused")
    assert "--allow-repeat" in outcome.message
    assert paid(lab) == [("254708374149", 1500)]


def test_a_rerun_sends_only_failed_rows_again_linked_to_the_first(lab, tmp_path, capsys):
    path = write(tmp_path, "phone,amount,remarks\n0708374149,100,Refund\n0711000001,200,Refund\n")
    code, first = bulk_json(capsys, path, "--yes", "--wait")
    assert code == 3
    assert [r["status"] for r in first["rows"]] == ["completed", "failed"]
    code, again = bulk_json(capsys, path, "--yes", "--wait")
    assert code == 3
    assert [r["action"] for r in again["rows"]] == ["skipped", "resent"]
    assert again["rows"][1]["retry_of"] == first["rows"][1]["reference"]
    assert paid(lab) == [("254708374149", 100), ("254711000001", 200), ("254711000001", 200)]
    with Ledger(app_paths().ledger_file("lab")) as ledger:
        assert ledger.get(again["rows"][1]["reference"]).retry_of == first["rows"][1]["reference"]


def test_insufficient_funds_with_wait_exits_3(lab, tmp_path, capsys):
    path = write(tmp_path, "phone,amount,remarks\n0711000001,100,Refund\n0708374149,100,Ok\n")
    code = main(["bulk", path, "--rate", "50", "--yes", "--wait"])
    captured = capsys.readouterr()
    assert code == 3
    assert "1 failed" in captured.out and "1 completed" in captured.out
    assert "row 2: The balance is insufficient for the transaction." in captured.out


def test_an_unknown_outcome_stops_the_run_and_is_never_sent_again(lab, tmp_path, capsys):
    path = write(tmp_path, GOOD)
    lab.set_fault("drop", path=B2C_PATH)  # the first payment is made, its answer is lost
    code, first = bulk_json(capsys, path, "--yes")
    assert code == 5
    assert [(r["action"], r["status"]) for r in first["rows"]] == [
        ("sent", "unknown"), ("not sent", "not sent"), ("not sent", "not sent")]
    assert first["stopped"].startswith("Stopped at row 2")
    assert len(paid(lab)) == 1
    code, again = bulk_json(capsys, path, "--yes")
    assert code == 5  # row 2 is still unknown: check its status before any retry
    assert [r["action"] for r in again["rows"]] == ["skipped", "sent", "sent"]
    assert paid(lab) == [("254708374149", 1500), ("254722000111", 2000), ("254733000222", 300)]


@pytest.mark.slow
def test_a_run_killed_mid_send_leaves_its_row_unknown_and_a_rerun_sends_the_rest(
        lab, relay, tmp_path, capsys):
    path = write(tmp_path, GOOD)
    lab.set_fault("latency", seconds=2.0, path=B2C_PATH)  # the first payment is slow to answer
    secrets = {f"MPESA_DESKTOP_LAB_{key.upper()}": value
               for key, value in lab_secrets(relay).items()}
    child = subprocess.Popen([sys.executable, "-m", "mpesa_desktop", "bulk", path, "--yes",
                              "--rate", "50"], env={**os.environ, **secrets},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log_file = app_paths().ledger_file("lab")
    try:
        wait_until(lambda: statuses(log_file) == ["sending"], timeout=60)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    code, again = bulk_json(capsys, path, "--yes")
    assert code == 5  # row 2's outcome is unknown: never sent again before a status check
    assert [(r["action"], r["status"]) for r in again["rows"]] == [
        ("skipped", "unknown"), ("sent", "accepted"), ("sent", "accepted")]
    code, third = bulk_json(capsys, path, "--yes")
    assert code == 5
    assert [r["action"] for r in third["rows"]] == ["skipped"] * 3
    # the killed request never reached the simulator; the others were paid exactly once
    assert paid(lab) == [("254722000111", 2000), ("254733000222", 300)]


def test_a_server_that_cannot_be_reached_stops_the_run_with_exit_4(simulator, relay, tmp_path,
                                                                  capsys):
    add_lab_profile(simulator, relay)
    simulator.stop()
    code, report = bulk_json(capsys, write(tmp_path, GOOD), "--yes")
    assert code == 4
    assert [(r["action"], r["status"]) for r in report["rows"]] == [
        ("sent", "rejected"), ("not sent", "not sent"), ("not sent", "not sent")]
    assert "nothing was sent" in report["rows"][0]["message"].lower()
    assert report["stopped"].startswith("Stopped at row 2")


def test_a_rejected_row_does_not_stop_the_run_and_is_sent_again_on_a_rerun(lab, tmp_path,
                                                                           capsys):
    path = write(tmp_path, GOOD)
    lab.set_fault("spike_arrest", path=B2C_PATH)
    code, first = bulk_json(capsys, path, "--yes")
    assert code == 3
    assert [r["status"] for r in first["rows"]] == ["rejected", "accepted", "accepted"]
    code, again = bulk_json(capsys, path, "--yes", "--wait")
    assert code == 0
    assert [r["action"] for r in again["rows"]] == ["resent", "skipped", "skipped"]
    assert sorted(paid(lab)) == [("254708374149", 1500), ("254722000111", 2000),
                                 ("254733000222", 300)]


def test_money_moves_only_after_confirmation(lab, tmp_path, capsys, monkeypatch):
    path = write(tmp_path, "phone,amount,remarks\n0708374149,1500,Salary\n0722000111,100,Tip\n")
    assert main(["bulk", path]) == 2
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["bulk", path]) == 2
    prompt = capsys.readouterr().err
    assert ("Pay 2 payees a total of KES 1,600 (one thousand six hundred shillings) from "
            "profile 'lab'") in prompt
    assert lab.request_count == 0
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["bulk", path, "--rate", "50"]) == 0
    assert paid(lab) == [("254708374149", 1500), ("254722000111", 100)]


def test_caps_apply_to_the_whole_file_before_anything_is_sent(simulator, relay, tmp_path,
                                                              capsys):
    add_lab_profile(simulator, relay, per_payment_cap=2000, daily_cap=3000, retype_above=1000)
    lab = simulator
    over = write(tmp_path, "phone,amount,remarks\n0708374149,2500,Salary\n0722000111,100,Tip\n")
    assert main(["bulk", over, "--yes"]) == 2
    assert "row 2, amount: KES 2,500 is above this profile's limit" in capsys.readouterr().err
    daily = write(tmp_path, "phone,amount,remarks\n0708374149,2000,Salary\n0722000111,1500,Tip\n"
                  "0733000222,100,Tip\n", "daily.csv")
    assert main(["bulk", daily, "--yes"]) == 2
    err = capsys.readouterr().err
    assert "file, amount:" in err and "daily limit of KES 3,000" in err
    fine = write(tmp_path, "phone,amount,remarks\n0708374149,2000,Salary\n0722000111,100,Tip\n",
                 "fine.csv")
    assert main(["bulk", fine, "--yes"]) == 2
    assert "--confirm-total" in capsys.readouterr().err
    assert main(["bulk", fine, "--yes", "--confirm-total", "2,000"]) == 2
    assert "does not match the file's total of KES 2,100" in capsys.readouterr().err
    assert lab.request_count == 0
    assert main(["bulk", fine, "--yes", "--rate", "50", "--confirm-total", "2,100"]) == 0
    assert paid(lab) == [("254708374149", 2000), ("254722000111", 100)]


def test_production_with_money_disabled_refuses_the_file(tmp_path, capsys):
    store = ConfigStore(app_paths())
    store.add(new_profile("live", "production", initiator="apiop", shortcode="600123",
                          relay_url="https://relay.example.com"))
    Secrets("live").set("relay_callback_secret", "0f1e")
    path = write(tmp_path, "phone,amount,remarks\n0708374149,100,Salary\n")
    assert main(["--profile", "live", "bulk", path, "--yes"]) == 2
    assert "turned off" in capsys.readouterr().err
    with Ledger(app_paths().ledger_file("live")) as ledger:
        assert ledger.summary()[0] == 0


def test_a_new_user_pays_a_file_offline(tmp_path, capsys):
    code, report = bulk_json(capsys, write(tmp_path, GOOD), "--yes", "--wait",
                             "--timeout", "30")
    assert code == 0
    assert [r["status"] for r in report["rows"]] == ["completed"] * 3
    with Ledger(app_paths().ledger_file("offline")) as ledger:
        assert ledger.summary()[0] == 3


def test_the_rate_spaces_the_requests():
    now = [100.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    async def turns() -> None:
        pacer = Pacer(2.0, clock=lambda: now[0], sleep=sleep)
        for _ in range(3):
            await pacer.turn()
        now[0] += 5.0  # a slow row: the next one need not wait
        await pacer.turn()
        now[0] += 0.2
        await pacer.turn()

    asyncio.run(turns())
    assert slept == [0.5, 0.5, 0.3]
    with pytest.raises(ValueError):
        Pacer(0)


def test_the_rate_option_is_checked(capsys):
    for bad in ("0", "-1", "fast", "1000"):
        with pytest.raises(SystemExit) as caught:
            main(["bulk", "payees.csv", "--rate", bad])
        assert caught.value.code == 2
        assert "--rate" in capsys.readouterr().err


def test_a_bulk_run_is_confirmed_and_summed_up_in_the_clerks_language(lab, tmp_path, capsys,
                                                                      monkeypatch):
    languages.save_language(app_paths().ensure().config_dir, languages.SWAHILI)
    path = write(tmp_path, "phone,amount,remarks\n0708374149,1500,Salary\n0722000111,100,Tip\n")
    monkeypatch.setattr("sys.stdin", Terminal("ndiyo\n"))
    assert main(["bulk", path, "--rate", "50", "--wait"]) == 0
    out, err = capsys.readouterr()
    assert ("Lipa wapokeaji 2 jumla ya KES 1,600 (shilingi elfu moja, mia sita) kutoka wasifu "
            "'lab'") in err
    assert "Tuma malipo 2? [y/N] " in err
    assert out.splitlines()[0].split() == ["safu", "simu", "kiasi", "kitendo", "hali", "rejea",
                                           "risiti"]
    assert "Safu 2: 2 completed. Kiasi kilicholipwa: KES 1,600." in out
