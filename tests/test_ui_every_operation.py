"""A new user, on a fresh install, does every operation from the window on the offline simulator:
no configuration, each request followed to its final status, each money movement confirmed."""

from __future__ import annotations

from mpesa_desktop.ui.tabs.operation_tab import OperationTab
from tests import ui_support
from tests.ui_support import type_into, wait_confirm

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window


def finish(qtbot, tab: OperationTab, fields: dict[str, str], *, money: bool) -> str:
    """Fill ``tab``, send (confirming money), wait for the final status; return it."""
    type_into(qtbot, tab, fields)
    assert tab.form.send_button.isEnabled(), tab.form.check()
    tab.form.send_button.click()
    if money:
        wait_confirm(qtbot, tab).confirm_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status in ("completed", "failed", "rejected"),
                    timeout=15_000)
    return tab.outcome.status


def test_every_operation_from_the_window_with_no_configuration(qtbot, gui_window, gui_services):
    ledger = gui_services.ledger
    stk = gui_window.stk_tab
    assert finish(qtbot, stk, {"phone_number": "0708374149", "amount": "900",
                               "account_reference": "INV-77"}, money=False) == "completed"
    receipt = ledger.get(stk.outcome.reference).receipt
    assert receipt

    refund = gui_window.refund_tab
    assert finish(qtbot, refund, {"transaction_id": receipt, "amount": "900",
                                  "remarks": "Customer paid twice"}, money=True) == "completed"

    business = gui_window.b2b_tab
    assert finish(qtbot, business, {"party_b": "600001", "account_reference": "INV-2041",
                                    "amount": "4500", "remarks": "Stock"},
                  money=True) == "completed"

    pochi = gui_window.pochi_tab
    assert finish(qtbot, pochi, {"party_b": "0708374149", "amount": "3200",
                                 "remarks": "Stock from the market"}, money=True) == "completed"
    assert ledger.get(pochi.outcome.reference).receipt

    qr = gui_window.qr_tab  # no money moves: no confirmation
    assert finish(qtbot, qr, {"merchant_name": "Mama Mboga Stores", "ref_no": "INV-2042",
                              "amount": "1500"}, money=False) == "completed"

    register = gui_window.c2b_tab.register  # the profile's relay URLs, already filled in
    assert finish(qtbot, register, {}, money=False) == "completed"
    simulate = gui_window.c2b_tab.simulate
    assert finish(qtbot, simulate, {"msisdn": "0708374149", "amount": "350",
                                    "bill_ref_number": "ACC-9"}, money=False) == "completed"
    qtbot.waitUntil(lambda: any(row.operation == "c2b_payment" and row.amount == 350
                                for row in ledger.query(None)), timeout=15_000)

    operations = {row.operation: row.status for row in ledger.query(None)}
    assert operations == {"stk_push": "completed", "reversal": "completed",
                          "b2b": "completed", "b2pochi": "completed", "dynamic_qr": "completed",
                          "c2b_register": "completed",
                          "c2b_simulate": "completed", "c2b_payment": "completed"}
