"""The export dialog on real services: a correct CSV, progress, cancel, and a window that never
freezes while the file is written."""

from __future__ import annotations

import csv

from PySide6.QtWidgets import QMessageBox

from mpesa_desktop.ledger import Filters
from mpesa_desktop.ledger.export import DEFAULT_COLUMNS, export_csv
from mpesa_desktop.ui.export_dialog import ExportDialog
from mpesa_desktop.ui.tabs.log_tab import LogTab
from tests import ui_support
from tests.ui_log_support import assert_never_stalls, open_services

gui_loop = ui_support.gui_loop


def _dialog(qtbot, services, filters, target):
    dialog = ExportDialog(services, filters)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(target))
    dialog.show()
    return dialog


def test_export_writes_the_filtered_rows_and_columns(gui_loop, qtbot, app_home, tmp_path):
    with open_services(app_home, rows=2_000) as services:
        filters = Filters(operation="b2c")
        target = tmp_path / "payouts.csv"
        dialog = _dialog(qtbot, services, filters, target)
        for name, box in dialog.columns.items():
            box.setChecked(name in ("created_at", "reference", "status", "amount", "phone",
                                    "receipt"))
        dialog.excel.setChecked(True)
        with qtbot.waitSignal(dialog.exported, timeout=10_000) as done:
            dialog.export_button.click()
            assert dialog.running and not dialog.export_button.isEnabled()
        count = services.ledger.summary(filters)[0]
        assert done.args == [str(target), count]
        assert not dialog.running
        assert dialog.progress.value() == dialog.progress.maximum()
        assert dialog.state.text() == f"Exported {count:,} rows to {target}"

        expected = tmp_path / "expected.csv"
        export_csv(services.ledger, expected, filters=filters, excel=True,
                   columns=["created_at", "reference", "status", "amount", "phone", "receipt"])
        assert target.read_bytes() == expected.read_bytes()
        with target.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
        assert rows[0] == ["created_at", "reference", "status", "amount", "phone", "receipt"]
        assert len(rows) == count + 1
        newest = services.ledger.query(filters, limit=1)[0]
        assert rows[1][1] == newest.reference and rows[1][3] == str(newest.amount)
        assert rows[1][0].endswith("+03:00")


def test_cancel_stops_the_export_and_leaves_no_file(gui_loop, qtbot, app_home, tmp_path):
    with open_services(app_home, rows=5_000) as services:
        folder = tmp_path / "exports"
        folder.mkdir()
        target = folder / "log.csv"
        dialog = _dialog(qtbot, services, Filters(), target)
        with qtbot.waitSignal(dialog.cancelled, timeout=10_000):
            dialog.export_button.click()
            dialog.cancel_button.click()  # at once: the writer stops before its first batch
            assert dialog.state.text() == "Cancelling…"
        assert not target.exists()
        assert list(folder.iterdir()) == []  # no partial file either
        assert dialog.state.text() == "Export cancelled; no file was written."
        assert dialog.export_button.isEnabled()  # the clerk may start again


def test_export_of_the_whole_log_by_default(gui_loop, qtbot, app_home, tmp_path):
    with open_services(app_home, rows=300) as services:
        target = tmp_path / "all.csv"
        dialog = _dialog(qtbot, services, None, target)
        assert dialog.chosen_columns() == list(DEFAULT_COLUMNS)
        with qtbot.waitSignal(dialog.exported, timeout=10_000):
            dialog.export_button.click()
        with target.open(encoding="utf-8", newline="") as stream:
            assert sum(1 for _ in csv.reader(stream)) == 301


def test_gui_thread_never_stalls_while_exporting(gui_loop, qtbot, app_home, tmp_path):
    with open_services(app_home, rows=50_000) as services:
        tab = LogTab(services)
        qtbot.addWidget(tab)
        tab.resize(1300, 760)
        tab.show()
        tab.filter_bar.operation.setCurrentIndex(tab.filter_bar.operation.findData("everything"))
        tab.apply_filters()  # the export takes the tab's filters: every row, checks included
        qtbot.waitUntil(lambda: tab.model.rowCount() > 0 and not tab.model.loading
                        and tab.model.filters.operation is None, timeout=5000)
        attempts = iter(range(3))

        def export_everything() -> None:
            dialog = tab.open_export()
            dialog.path.setText(str(tmp_path / f"everything-{next(attempts)}.csv"))
            seen: list[tuple[int, int]] = []
            with qtbot.waitSignal(dialog.exported, timeout=60_000):
                dialog.export_button.click()
                dialog.progress.valueChanged.connect(
                    lambda value: seen.append((value, dialog.progress.maximum()))
                )
            assert seen[-1] == (50_000, 50_000)
            assert any(value < 50_000 for value, _ in seen)  # progress came while it was written

        heartbeat = assert_never_stalls(export_everything)
        assert heartbeat.ticks > 5


def test_an_existing_file_is_replaced_only_when_the_clerk_says_so(
        gui_loop, qtbot, app_home, tmp_path):
    with open_services(app_home, rows=200) as services:
        target = tmp_path / "month.csv"
        target.write_text("accounting's own notes\n", encoding="utf-8")
        dialog = _dialog(qtbot, services, None, target)
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.replace_question is not None)
        assert "month.csv already exists" in dialog.replace_question.text()
        dialog.replace_question.button(QMessageBox.StandardButton.Cancel).click()
        qtbot.waitUntil(lambda: not dialog.running)
        assert target.read_text(encoding="utf-8") == "accounting's own notes\n"
        assert dialog.state.text().startswith("Nothing was written")

        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.replace_question is not None)
        replace = next(button for button in dialog.replace_question.buttons()
                       if button.text() == "&Replace")
        with qtbot.waitSignal(dialog.exported, timeout=10_000):
            replace.click()
        assert target.read_text(encoding="utf-8").startswith("created_at")


def test_a_file_that_cannot_be_written_is_said_before_anything_starts(
        gui_loop, qtbot, app_home, tmp_path):
    with open_services(app_home, rows=10) as services:
        for target, text in ((tmp_path / "missing" / "log.csv",
                              f"the folder {tmp_path / 'missing'} does not exist"),
                             (tmp_path, f"{tmp_path} is a folder; give a file name")):
            dialog = _dialog(qtbot, services, None, target)
            with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
                dialog.export_button.click()
            assert failed.args == [text] and dialog.state.text() == text
            assert not dialog.running and dialog.replace_question is None
        assert list(tmp_path.iterdir()) == [app_home]
