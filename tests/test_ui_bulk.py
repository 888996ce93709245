"""The Bulk payments tab on the real window: open a CSV or XLSX file, map its columns, preview
every row with the rules of a single payment, confirm the batch, send it in the background with
pause, resume and cancel, and write the result file; against the offline simulator (and the lab
profile's simulator over loopback for the kill-and-restart run)."""

from __future__ import annotations

import csv
import signal
import subprocess
import sys
from collections import Counter

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QLabel

from mpesa_desktop.paths import app_paths
from mpesa_desktop.services.bulk_file import OTHER_LOCALE_FILE
from mpesa_desktop.ui.main_window import MainWindow
from tests import ui_support
from tests.cli_support import add_lab_profile, child_env, statuses
from tests.fixtures.simulator import wait_until
from tests.ui_support import close_window, open_services, simulator_count

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

HEADER = ["Phone", "Amount", "Remarks", "Payment type", "Name", "National ID"]
GOOD_ROWS = [
    ["0708374149", "1500", "November salary", "SalaryPayment", "Ann", "12345678"],
    ["0711000001", "2000", "November salary", "SalaryPayment", "Bob", "23456789"],
    ["0711002040", "300", "Refund INV-7", "", "Cy", ""],
]


def write_csv(path, rows, header=HEADER, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def open_and_preview(qtbot, tab, path):
    with qtbot.waitSignal(tab.previewed, timeout=20_000) as caught:
        tab.open_file(path)
    return caught.args[0]


def problems(tab) -> list[str]:
    return tab.problems.toPlainText().splitlines()


def test_every_problem_is_listed_by_row_and_cell_and_nothing_can_be_sent(
        qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.bulk_tab
    path = write_csv(tmp_path / "bad.csv", [
        GOOD_ROWS[0],
        ["0708374149", "1,500.50", "November salary", "", "Dee", ""],
        ["12345", "700", "November salary", "", "Eve", ""],
        ["0722000111", "700", "x", "", "Fay", ""],
        ["0708374149", "1500", "Again", "", "Gus", ""],
    ])
    preview = open_and_preview(qtbot, tab, path)
    assert preview.bulk is None
    listed = problems(tab)
    assert any(line.startswith("row 3, amount: must be whole shillings") for line in listed)
    assert any(line.startswith("row 4, phone: ") for line in listed)
    assert any(line.startswith("row 5, remarks: ") for line in listed)
    assert any(line.startswith("row 6, phone: pays 254708374149 the same amount as row 2")
               for line in listed), listed
    assert not tab.send_button.isEnabled()
    assert tab.model.status_of(2) == "ok" and tab.model.status_of(3) == "error"
    assert "amount: must be whole shillings" in tab.model.note_of(3)
    assert "nothing can be sent" in tab.summary.text()
    tab.ask_to_send()
    assert tab.confirm_dialog is None
    assert simulator_count(gui_services) == 0


def test_an_xlsx_file_reads_numbers_as_numbers(qtbot, gui_window, tmp_path):
    tab = gui_window.bulk_tab
    rows = [["0708374149", 1500.0, "November salary", "SalaryPayment", "Ann", 12345678],
            [254722000111, 2000, "November salary", None, "Bob", None]]
    preview = open_and_preview(qtbot, tab, write_xlsx(tmp_path / "payees.xlsx", rows))
    assert preview.problems == []
    assert (preview.bulk.payees, preview.bulk.total) == (2, 3500)
    assert [o.phone for o in preview.bulk.outcomes] == ["254708374149", "254722000111"]
    summary = tab.summary.text()
    assert "2 payees to pay, KES 3,500 (three thousand five hundred shillings)" in summary
    assert "Salary: 1 payee, KES 1,500" in summary
    assert "Business payment: 1 payee, KES 2,000" in summary
    assert f"File checksum: {preview.bulk.digest}" in summary
    assert tab.send_button.isEnabled()

    rows[0][1] = 1500.5
    preview = open_and_preview(qtbot, tab, write_xlsx(tmp_path / "cents.xlsx", rows))
    assert preview.bulk is None
    assert problems(tab) == [
        "row 2, amount: must be whole shillings from 10 to 250,000, written like 1,500 (got "
        "'1500.5': cents are "
        "not accepted, only .00)"]
    assert not tab.send_button.isEnabled()


def test_a_file_from_a_german_spreadsheet_is_refused_whole(qtbot, gui_window, tmp_path):
    tab = gui_window.bulk_tab
    path = write_csv(tmp_path / "de.csv", [
        ["0708374149", "1.500,00", "Gehalt November", "", "Ann", ""],
        ["0722000111", "2000", "Gehalt November", "", "Bob", ""]], delimiter=";")
    preview = open_and_preview(qtbot, tab, path)
    assert preview.bulk is None
    assert f"file: {OTHER_LOCALE_FILE}" in problems(tab)
    assert not tab.send_button.isEnabled()


def test_the_columns_are_mapped_by_the_clerk_and_remembered_for_the_layout(
        qtbot, gui_window, tmp_path):
    tab = gui_window.bulk_tab
    header = ["Staff", "Line", "Pay", "Memo"]
    rows = [["Ann", "0708374149", "1500", "November salary"]]
    preview = open_and_preview(qtbot, tab, write_csv(tmp_path / "a.csv", rows, header))
    assert tab.mapping.mapping() == {}  # none of these spellings is known
    assert problems(tab) == ["row 1, phone: no column of the file is chosen for it",
                             "row 1, amount: no column of the file is chosen for it",
                             "row 1, remarks: no column of the file is chosen for it"]
    for column, cell in (("phone", "Line"), ("amount", "Pay"), ("remarks", "Memo"),
                         ("name", "Staff")):
        with qtbot.waitSignal(tab.previewed, timeout=10_000) as caught:
            tab.mapping.choose(column, cell)
    preview = caught.args[0]
    assert preview.problems == [] and preview.bulk.outcomes[0].name == "Ann"
    # Another file of the same layout opens with the clerk's mapping.
    tab.reload()
    preview = open_and_preview(qtbot, tab, write_csv(tmp_path / "b.csv", rows, header))
    assert tab.mapping.mapping() == {"name": 0, "phone": 1, "amount": 2, "remarks": 3}
    assert preview.problems == []


def wait_run(qtbot, tab, timeout=30_000):
    qtbot.waitUntil(lambda: not tab.running, timeout=timeout)


def test_a_batch_is_confirmed_sent_with_live_statuses_and_written_as_a_result(
        qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.bulk_tab
    path = write_csv(tmp_path / "nov.csv", GOOD_ROWS)
    preview = open_and_preview(qtbot, tab, path)
    bulk = preview.bulk
    tab.rate.setValue(50)
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None)
    dialog = tab.confirm_dialog
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    for expected in ("Pay 3 payees", "KES 3,800", "Three thousand eight hundred shillings",
                     "3 payees from nov.csv", bulk.digest, "Salary", "2 payees, KES 3,500"):
        assert expected in texts, expected
    assert dialog.findChild(QLabel, "confirmLive") is None  # the offline profile
    assert simulator_count(gui_services) == 0, "nothing leaves before the clerk confirms"
    dialog.confirm_button.click()
    wait_run(qtbot, tab)
    assert tab.progress.value() == tab.progress.maximum() == 3
    qtbot.waitUntil(lambda: [tab.model.status_of(r) for r in (2, 3, 4)] == [
        "completed", "failed", "failed"], timeout=20_000)  # followed live from the log
    assert simulator_count(gui_services) == 3

    for name in ("result.csv", "result.xlsx"):
        tab.save_result(tmp_path / name)
        # the file's own name: the status still says the last file was saved while this one
        # is being written
        qtbot.waitUntil(lambda name=name: f"Result saved to {tmp_path / name}" in
                        tab.status.text(), timeout=10_000)
    with (tmp_path / "result.csv").open(encoding="utf-8") as file:
        lines = list(csv.reader(file))
    assert lines[0][:9] == ["row", "name", "national_id", "phone", "amount", "action", "status",
                            "receipt", "name_returned_by_mpesa"]
    first = dict(zip(lines[0], lines[1], strict=True))
    assert (first["name"], first["national_id"], first["status"]) == ("Ann", "12345678",
                                                                     "completed")
    assert first["receipt"] and first["name_returned_by_mpesa"]
    assert [line[6] for line in lines[2:4]] == ["failed", "failed"]
    assert ["paid", "KES 1,500"] in lines
    workbook = load_workbook(tmp_path / "result.xlsx", read_only=True)
    payees = list(workbook["Payees"].iter_rows(values_only=True))
    assert payees[1][6] == "completed" and payees[1][7] == first["receipt"]
    assert ("checksum", bulk.digest) in list(workbook["Summary"].iter_rows(values_only=True))
    workbook.close()

    # Opening the same file again: the paid row is shown as sent and never sent again.
    preview = open_and_preview(qtbot, tab, path)
    assert tab.model.status_of(2) == "sent earlier: completed"
    assert preview.bulk.payees == 2  # the failed rows may go again, linked to the first
    assert [o.phone for o in preview.bulk.skipped] == ["254708374149"]


def test_pause_resume_and_cancel(qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.bulk_tab
    rows = [[f"07220001{i:02d}", str(100 + i), "Commission", "", "", ""] for i in range(6)]
    path = write_csv(tmp_path / "six.csv", rows)
    open_and_preview(qtbot, tab, path)
    tab.rate.setValue(4)
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None)
    tab.confirm_dialog.confirm_button.click()
    qtbot.waitUntil(lambda: simulator_count(gui_services) >= 1, timeout=10_000)
    tab.pause_button.click()
    assert tab.pause_button.text() == "Res&ume"
    sent = simulator_count(gui_services)
    qtbot.wait(1500)  # six turns at 4 a second: none is taken while paused
    assert simulator_count(gui_services) <= sent + 1  # the row being sent may finish
    paused_at = simulator_count(gui_services)
    qtbot.wait(1000)
    assert simulator_count(gui_services) == paused_at
    tab.pause_button.click()
    qtbot.waitUntil(lambda: simulator_count(gui_services) > paused_at, timeout=10_000)
    tab.cancel_button.click()
    wait_run(qtbot, tab)
    done = simulator_count(gui_services)
    assert done < 6
    assert tab.bulk.stopped.startswith("Cancelled before row")
    assert "Cancelled before row" in tab.status.text()
    # The rest are sent by opening the file again; the ones sent are not sent twice.
    preview = open_and_preview(qtbot, tab, path)
    assert preview.bulk.payees == 6 - done
    tab.rate.setValue(50)
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None)
    tab.confirm_dialog.confirm_button.click()
    wait_run(qtbot, tab)
    paid = Counter(t["party_b"] for t in gui_services.simulator.transactions())
    assert len(paid) == 6 and set(paid.values()) == {1}


def test_the_template_opens_as_a_good_file(qtbot, gui_window, tmp_path):
    tab = gui_window.bulk_tab
    assert "never pays anyone twice" in tab.findChild(QLabel, "bulkGuide").text()
    for name in ("template.xlsx", "template.csv"):
        tab.save_template(tmp_path / name)
        qtbot.waitUntil(lambda name=name: (tmp_path / name).exists(), timeout=5000)
        preview = open_and_preview(qtbot, tab, tmp_path / name)
        assert preview.problems == [], name
        outcome = preview.bulk.outcomes[0]
        assert (outcome.name, outcome.amount, outcome.payment_type) == (
            "Ann Wanjiru", 1500, "SalaryPayment")


FAULTS = {"254711000001": "insufficient funds", "254711000404": "lost callback",
          "254711002040": "unregistered"}


def two_hundred_rows() -> list[list[str]]:
    """200 payees; every tenth row a fault scenario of the simulator (amounts differ, so no
    two rows pay one phone the same amount)."""
    faults = list(FAULTS)
    rows = []
    for i in range(200):
        phone = faults[(i // 10) % 3] if i % 10 == 9 else f"2547220{i:05d}"
        rows.append([phone, str(100 + i), "December commission", "", f"Payee {i}", ""])
    return rows


@pytest.mark.slow
def test_two_hundred_rows_with_faults_killed_mid_way_pay_each_row_at_most_once(
        qtbot, gui_loop, simulator, relay, tmp_path):
    add_lab_profile(simulator, relay)
    path = write_csv(tmp_path / "december.csv", two_hundred_rows())
    child = subprocess.Popen([sys.executable, "-m", "mpesa_desktop", "bulk", str(path), "--yes",
                              "--rate", "25"], env=child_env(relay),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log_file = app_paths().ledger_file("lab")
    try:
        wait_until(lambda: len(statuses(log_file)) >= 60, timeout=90)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    logged = len(statuses(log_file))
    assert logged < 200, "the run was killed mid-way"

    services = open_services("lab")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.bridge.run(services.start_poller())
    try:
        tab = window.bulk_tab
        preview = open_and_preview(qtbot, tab, path)
        bulk = preview.bulk
        assert bulk is not None and len(bulk.skipped) >= logged - 6  # failed rows go again
        tab.rate.setValue(50)
        tab.send_button.click()
        qtbot.waitUntil(lambda: tab.confirm_dialog is not None)
        tab.confirm_dialog.confirm_button.click()
        wait_run(qtbot, tab, timeout=60_000)
        assert tab.bulk.stopped is None
        assert tab.progress.value() == bulk.payees
    finally:
        close_window(qtbot, window)
        services.close()
    books = simulator.transactions()
    paid = Counter((t["party_b"], int(t["amount"])) for t in books
                   if t["operation"] == "b2c" and str(t["result_code"]) == "0")
    assert paid and max(paid.values()) == 1, "no row is paid twice"
    rows = {(("254" + r[0][1:]) if r[0].startswith("0") else r[0], int(r[1]))
            for r in two_hundred_rows()}
    assert set(paid) <= rows
    for phone in ("254711000001", "254711002040"):
        assert not any(key[0] == phone for key in paid), FAULTS[phone]
    # every other row was paid, but the one in flight when the process died (never re-sent)
    healthy = {key for key in rows if key[0] not in FAULTS}
    assert len(healthy - set(paid)) <= 1


def test_a_row_paid_lately_from_another_file_is_flagged_and_asked_again(
        qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.bulk_tab
    first = write_csv(tmp_path / "first.csv", [["0722000111", "500", "Refund A", "", "", ""]])
    open_and_preview(qtbot, tab, first)
    tab.rate.setValue(50)
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None)
    tab.confirm_dialog.confirm_button.click()
    wait_run(qtbot, tab)
    edited = write_csv(tmp_path / "edited.csv", [["0722000111", "500", "Refund B", "", "", ""],
                                                 ["0722000222", "600", "Refund C", "", "", ""]])
    preview = open_and_preview(qtbot, tab, edited)
    assert [o.row for o, _earlier in preview.bulk.repeats] == [2]
    assert tab.model.note_of(2).startswith("paid the same amount on")
    assert tab.model.note_of(3) == ""
    assert "1 row pays a phone the same amount" in tab.summary.text()
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None)
    dialog = tab.confirm_dialog
    assert not dialog.confirm_button.isEnabled(), "the clerk must say the repeat is meant"
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Row 2 pays 254722000111 KES 500" in texts
    dialog.reject()
    qtbot.waitUntil(lambda: tab.confirm_dialog is None)
    assert "nothing was sent" in tab.status.text()
    assert simulator_count(gui_services) == 1
