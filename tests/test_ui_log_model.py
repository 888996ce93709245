"""The transaction log model over a real ledger: Qt's model contract, paging, live repaints."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from mpesa_desktop.ledger import Filters
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.log_model import Column, LogModel, Role
from tests import ui_support
from tests.ui_log_support import open_services, read_rows

gui_loop = ui_support.gui_loop


def _open(qtbot, model, filters=None):
    model.set_filters(filters or Filters())
    qtbot.waitUntil(lambda: not model.loading and model.counted, timeout=5000)


def test_log_model_keeps_qt_model_contract(gui_loop, qtbot, qtmodeltester, app_home):
    with open_services(app_home, rows=300) as services:
        model = LogModel(services, page_size=120)
        _open(qtbot, model)
        assert model.rowCount() == 300  # counted: the scroll bar is the whole log at once
        read_rows(qtbot, model)
        qtmodeltester.check(model)


def test_rows_follow_the_ledger_newest_first_in_a_bounded_window(gui_loop, qtbot, app_home):
    """Issue 18, point 3: scrolling a big log holds a bounded window of rows; Ctrl+End shows
    the last rows at once (read back from the end), Ctrl+Home the first again."""
    with open_services(app_home, rows=20_000) as services:
        model = LogModel(services, page_size=100, max_held=500)
        view = QTableView()
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.setModel(model)
        view.show()
        _open(qtbot, model)
        assert model.rowCount() == 20_000
        everything = services.ledger.query(Filters(), limit=20_000)
        assert [model.index(row, 0).data(Role.REFERENCE) for row in range(100)] == [
            row.reference for row in everything[:100]]
        seen = read_rows(qtbot, model)  # every row, in order, as a view scrolling down
        assert [row.reference for row in seen] == [row.reference for row in everything]
        assert model.rows_held <= 500 + 100
        view.setFocus()
        view.setCurrentIndex(model.index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        last = model.rowCount() - 1
        qtbot.waitUntil(lambda: model.transaction(last) is not None, timeout=5000)
        assert view.currentIndex().row() == last
        assert model.index(last, 0).data(Role.REFERENCE) == everything[-1].reference
        qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: model.transaction(0) is not None, timeout=5000)
        assert model.index(0, 0).data(Role.REFERENCE) == everything[0].reference
        middle = 12_345  # the scroll bar dragged to the middle: read by skipping rows
        view.scrollTo(model.index(middle, 0))
        qtbot.waitUntil(lambda: model.transaction(middle) is not None, timeout=5000)
        assert model.transaction(middle).reference == everything[middle].reference
        assert model.rows_held <= 500 + 100


def test_display_and_roles(gui_loop, qtbot, app_home):
    with open_services(app_home, rows=500) as services:
        model = LogModel(services)
        _open(qtbot, model, Filters(operation="b2c", status="completed"))
        row = model.transaction(0)
        amount = model.index(0, Column.AMOUNT)
        assert amount.data() == f"{row.amount:,}"
        assert amount.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
        status = model.index(0, Column.STATUS)
        assert status.data() == "Completed"
        background, text = status.data(Role.STATUS_COLOUR)
        assert status.data(Qt.ItemDataRole.BackgroundRole) == background
        assert background.lightness() - text.lightness() > 100  # dark text on a light tint
        assert model.index(0, Column.RECEIPT).data() == row.receipt
        # Who: the name M-Pesa gave ("2547... - NAME" for a payout), then the phone.
        number, name = row.counterparty.split(" - ", 1)
        assert number == row.phone
        assert model.index(0, Column.WHO).data() == f"{name} · {row.phone}"
        # Our 32-character reference is for the detail pane only.
        cells = [model.index(0, column).data() for column in Column]
        assert row.reference not in cells and model.index(0, 0).data(Role.REFERENCE) == (
            row.reference)


def test_status_changes_repaint_in_batches(gui_loop, qtbot, app_home):
    with open_services(app_home, rows=1_000) as services:
        model = LogModel(services)
        bridge = ServicesBridge(services)  # status changes reach the GUI thread as a signal
        bridge.status_changed.connect(model.on_status_change)
        _open(qtbot, model)
        new = [
            services.ledger.create("b2c", amount=1500 + n, party_a="600000",
                                   party_b="254708374149")
            for n in range(5)
        ]
        qtbot.waitUntil(lambda: model.row_of(new[-1].reference) is not None, timeout=5000)
        assert {model.transaction(row).reference for row in range(5)} == {
            row.reference for row in new
        }

        changes: list[tuple[int, int]] = []
        model.dataChanged.connect(lambda top, bottom, _roles: changes.append(
            (top.row(), bottom.row())
        ))

        def answer_all() -> None:  # the poller's thread applies five callbacks at once
            for n, row in enumerate(new):
                services.ledger.transition(row.reference, "accepted", source="ack")
                services.ledger.transition(
                    row.reference, "completed", source="callback", receipt=f"QKJ3ABC{n:03d}",
                    result_code="0", result_desc="The service request is processed successfully.",
                )

        worker = threading.Thread(target=answer_all)
        worker.start()
        worker.join()
        rows = [model.row_of(row.reference) for row in new]
        qtbot.waitUntil(
            lambda: all(model.index(row, Column.STATUS).data() == "Completed" for row in rows),
            timeout=5000,
        )
        qtbot.waitUntil(lambda: bool(changes), timeout=5000)
        assert len(changes) == 1  # ten status changes, one repaint
        top, bottom = min(top for top, _ in changes), max(bottom for _, bottom in changes)
        assert top <= min(rows) and max(rows) <= bottom
        assert model.index(rows[0], Column.RECEIPT).data() == "QKJ3ABC000"
        bridge.shutdown()
