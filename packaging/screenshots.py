"""Make the README's screenshots: every tab of the real window, offscreen, on demo data.

Run: ``python packaging/screenshots.py [--out docs/screenshots]``.

It opens the main window on the offline profile of a temporary home filled with synthetic history
(``ledger.demo``), does what a clerk would on each tab against the embedded simulator (pays a
customer, asks for a payment, checks the balance...), and saves one PNG per tab, plus the payment
confirmation, the payment form and its confirmation in Swahili, the log on a 1024x600 screen (in
English and Swahili), a
payment's receipt (its PDF page drawn as a picture) and a live profile with money still turned off.
Nothing outside the temporary home and the output folder is touched.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
WINDOW_SIZE = (1240, 860)
SMALL_SIZE = (1024, 600)
DEMO_ROWS = 600


def wait(app: QApplication, until: Callable[[], bool], timeout: float = 15.0) -> None:
    """Run the event loop until ``until()`` is true (or fail after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        app.processEvents()
        time.sleep(0.005)


def pause(app: QApplication, seconds: float = 0.3) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    """Grab ``widget`` once the event loop is idle; the window's pop-up notices are dismissed
    first (they are covered by their own tests and would hide the form)."""
    notices = getattr(widget, "notices", None)
    for notice in notices.notices() if notices is not None else []:
        notice.dismissed.emit()
    pause(app, 0.4)
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def portal_statement(books: list[dict], path: Path) -> None:
    """The Org Portal's CSV export of what the simulator completed, with a payout's amount
    changed and a payment the log never heard of."""
    import csv
    from datetime import datetime

    from mpesa_desktop.kenya import EAT
    from mpesa_desktop.reconcile.statement import COLUMNS

    out_going = {"b2c", "b2pochi", "b2b", "tax_remittance", "reversal"}
    rows = []
    for entry in books:
        if entry["status"] != "completed" or entry["operation"] not in out_going | {
                "stk_push", "c2b_simulate"}:
            continue
        when = datetime.fromisoformat(entry["completed_at"]).astimezone(EAT)
        amount = float(entry["amount"]) + (100 if not rows else 0)  # the first one changed
        out = entry["operation"] in out_going
        party = entry["party_b"] if out else entry["phone"]
        rows.append([entry["receipt"], f"{when:%d-%m-%Y %H:%M:%S}", "", entry["operation"],
                     "Completed", "" if out else f"{amount:,.2f}",
                     f"-{amount:,.2f}" if out else "", "", "true", "", f"{party} - CUSTOMER",
                     "", ""])
    rows.append(["SXA1B2C3D4", rows[-1][1], "", "Pay Bill from", "Completed", "5,000.00", "",
                 "", "true", "Pay Bill", "2547****0001 - WALK IN", "", "ACC9"])
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerows([["Account Holder:", "MAMA MBOGA STORES"], []])
        writer.writerow(COLUMNS.values())
        writer.writerows(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    os.environ["MPESA_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="mpesa-screenshots-")

    from mpesa_desktop.config import new_profile
    from mpesa_desktop.ledger import demo
    from mpesa_desktop.paths import app_paths
    from mpesa_desktop.services import AppServices
    from mpesa_desktop.services.receipts import has_receipt, receipt_of
    from mpesa_desktop.simulator import SimulatorConfig
    from mpesa_desktop.ui import i18n
    from mpesa_desktop.ui.log_labels import OPERATION_LABELS
    from mpesa_desktop.ui.main_window import MainWindow
    from mpesa_desktop.ui.receipt_pdf import paint_receipt

    paths = app_paths().ensure()
    paths.ledger_file("offline").parent.mkdir(parents=True, exist_ok=True)
    demo.generate(paths.ledger_file("offline"), DEMO_ROWS, seed=2026)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    services = AppServices.open(paths, "offline",
                                simulator_config=SimulatorConfig(callback_delay=0.2))
    window = MainWindow(services)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.bridge.run(services.start_poller())
    wait(app, lambda: window.pending_count is not None)

    def type_values(tab, values: dict[str, str]) -> None:
        tab.form.set_values(values)

    # Pay a customer: one payment sent and completed, the next one typed in.
    b2c = window.b2c_tab
    window.tabs.setCurrentWidget(b2c)
    type_values(b2c, {"party_b": "0708 374 149", "amount": "12500",
                      "remarks": "November salary", "command_id": "SalaryPayment",
                      "occasion": "Payroll Nov 2026"})
    b2c.form.send()
    wait(app, lambda: b2c.confirm_dialog is not None and b2c.confirm_dialog.isVisible())
    save(app, b2c.confirm_dialog, out / "confirm.png")
    b2c.confirm_dialog.accept()
    wait(app, lambda: b2c.outcome.status == "completed")
    type_values(b2c, {"party_b": "0722 000 123", "amount": "3,200", "remarks": "Refund of deposit"})
    save(app, window, out / "pay-a-customer.png")
    # The same in Swahili, switched live (the typed form stays), and its confirmation.
    i18n.set_language(i18n.SWAHILI)
    save(app, window, out / "sw-pay-a-customer.png")
    b2c.form.send()
    wait(app, lambda: b2c.confirm_dialog is not None and b2c.confirm_dialog.isVisible())
    save(app, b2c.confirm_dialog, out / "sw-confirm.png")
    b2c.confirm_dialog.reject()
    i18n.set_language(i18n.ENGLISH)

    pochi = window.pochi_tab
    window.tabs.setCurrentWidget(pochi)
    type_values(pochi, {"party_b": "0722 000 123", "amount": "3,200",
                        "remarks": "Stock from the market", "occasion": "Order 2041"})
    save(app, window, out / "pay-a-pochi.png")

    b2b = window.b2b_tab
    window.tabs.setCurrentWidget(b2b)
    type_values(b2b, {"party_b": "888880", "account_reference": "INV-2041", "amount": "48,750",
                      "remarks": "Stock for December"})
    save(app, window, out / "pay-a-business.png")

    stk = window.stk_tab
    window.tabs.setCurrentWidget(stk)
    type_values(stk, {"phone_number": "0708374149", "amount": "2,450",
                      "account_reference": "ORDER-7781"})
    stk.form.send()
    wait(app, lambda: stk.outcome.status == "completed")
    save(app, window, out / "request-a-payment.png")

    qr = window.qr_tab
    window.tabs.setCurrentWidget(qr)
    type_values(qr, {"merchant_name": "Mama Mboga Stores", "amount": "1,500",
                     "ref_no": "INV-2041"})
    qr.form.send()
    wait(app, lambda: qr.picture.isVisible())
    save(app, window, out / "qr-code.png")

    refund = window.refund_tab
    window.tabs.setCurrentWidget(refund)
    refund.fill("SKC82PACB8", 1800, remarks="Customer paid twice")
    save(app, window, out / "refund.png")

    balance = window.balance_tab
    window.tabs.setCurrentWidget(balance)
    balance.form.send()
    wait(app, lambda: balance.table.rowCount() > 0)
    save(app, window, out / "balance.png")

    status = window.status_tab
    window.tabs.setCurrentWidget(status)
    stk_row = services.ledger.get(stk.outcome.reference)
    type_values(status, {"transaction_id": stk_row.receipt})
    status.form.send()
    wait(app, lambda: status.outcome.status in ("completed", "failed"))
    save(app, window, out / "transaction-status.png")

    window.tabs.setCurrentWidget(window.c2b_tab)
    save(app, window, out / "c2b-urls.png")

    log = window.log_tab
    window.tabs.setCurrentWidget(log)
    wait(app, lambda: log.model.rowCount() > 0)
    index = log.model.index(0, 0)
    log.table.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    log.table.setCurrentIndex(index)
    pause(app, 0.6)
    save(app, window, out / "transaction-log.png")
    # The same log on a small laptop's screen: its key columns whole, the details beside them.
    window.resize(*SMALL_SIZE)
    pause(app, 0.6)
    save(app, window, out / "transaction-log-1024.png")
    # The same log in Swahili, switched live (the row stays chosen): large and small.
    i18n.set_language(i18n.SWAHILI)
    pause(app, 0.6)
    save(app, window, out / "sw-transaction-log-1024.png")
    window.resize(*WINDOW_SIZE)
    pause(app, 0.6)
    save(app, window, out / "sw-transaction-log.png")
    i18n.set_language(i18n.ENGLISH)

    # Today: the day's figures and the balance line; the payouts' rows listed.
    today = window.today_tab
    window.tabs.setCurrentWidget(today)
    wait(app, lambda: today.glance is not None)
    today.show_rows("money_out")
    wait(app, lambda: today.table.rowCount() > 0)
    save(app, window, out / "today.png")

    # A receipt: the first completed payout listed, drawn as its PDF page is (A5, 150 dpi).
    payout = next(row for row in today.rows if has_receipt(row))
    page = QImage(874, 1240, QImage.Format.Format_RGB32)
    paint_receipt(page, receipt_of(payout, "Duka la Mama Ltd", OPERATION_LABELS[payout.operation]))
    page.save(str(out / "receipt.png"))

    # Reconcile: a statement of the simulator's books, one amount changed, one payment added.
    reconcile = window.reconcile_tab
    window.tabs.setCurrentWidget(reconcile)
    statement = Path(os.environ["MPESA_DESKTOP_HOME"]) / "statement.csv"
    portal_statement(services.simulator.transactions(), statement)
    reconcile.path.setText(str(statement))
    reconcile.start_reconciliation()
    wait(app, lambda: reconcile.result is not None and reconcile.table.rowCount() > 0)
    save(app, window, out / "reconcile.png")

    # A live profile, money still off: the red banner and the disabled payment form.
    services.config.add(new_profile(
        "shop-live", "production", shortcode="600000", initiator="apiop",
        result_url="https://relay.example.com/cb/result",
        queue_timeout_url="https://relay.example.com/cb/timeout"))
    window.switch_profile("shop-live")
    wait(app, lambda: not window.switching)
    window.tabs.setCurrentWidget(b2c)
    type_values(b2c, {"party_b": "0722 000 123", "amount": "3,200", "remarks": "Refund of deposit"})
    save(app, window, out / "live-profile.png")

    window.close()
    pause(app, 0.1)
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
