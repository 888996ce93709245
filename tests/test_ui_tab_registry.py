"""Issue 10, point 2: the tabs register themselves (title, order, the operations each sends) and
the window, its Ctrl+digit keys and the log's hand-overs follow the registry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from mpesa_desktop.catalogue import OPERATIONS, PAYOUTS, Op
from mpesa_desktop.ui.tab_registry import handling, register_tab, registered_tabs
from mpesa_desktop.ui.tabs.operation_tab import OperationTab
from tests import ui_support

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

DIGIT_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5,
              Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8, Qt.Key.Key_9, Qt.Key.Key_0]


def test_every_operation_is_sent_from_exactly_one_tab():
    claimed = [operation for entry in registered_tabs() for operation in entry.handles]
    assert sorted(claimed) == sorted(Op)
    assert len(claimed) == len(set(claimed)) == len(OPERATIONS)
    assert handling("tax_remittance").name == "b2b"  # KRA mode of Pay a business
    with pytest.raises(ValueError, match="no tab sends 'c2b_payment'"):
        handling("c2b_payment")


def test_a_second_tab_under_a_taken_name_is_refused():
    before = registered_tabs()
    with pytest.raises(RuntimeError, match="two tabs are registered as 'b2c'"):
        register_tab(QWidget, name="b2c", title="Another", order=1)
    assert registered_tabs() == before


def test_the_window_shows_the_registered_tabs_in_order(gui_window):
    entries = registered_tabs()
    tabs = gui_window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [e.title for e in entries]
    for index, entry in enumerate(entries):
        tab = gui_window.tab_for(entry.name)
        assert tabs.widget(index) is tab is getattr(gui_window, f"{entry.name}_tab")
        forms = [tab] if isinstance(tab, OperationTab) else tab.findChildren(OperationTab)
        assert {form.operation for form in forms} <= entry.handles, entry.name
    assert gui_window.operation_tabs() == [gui_window.tab_for(e.name) for e in entries
                                           if e.handles]
    with pytest.raises(KeyError, match="no tab 'nosuch'"):
        gui_window.tab_for("nosuch")


def test_ctrl_and_a_digit_shows_each_tab(qtbot, gui_window):
    gui_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is gui_window)
    entries = registered_tabs()
    for key, entry in zip(DIGIT_KEYS, entries, strict=False):  # past the tenth, no key
        qtbot.keyClick(gui_window, key, Qt.KeyboardModifier.ControlModifier)
        assert gui_window.tabs.currentWidget() is gui_window.tab_for(entry.name), entry.title


def test_send_again_opens_the_tab_of_the_rows_operation(qtbot, gui_window, gui_services):
    """Every payout the log can send again lands on the tab that sends it, filled in."""
    ledger = gui_services.ledger
    rows = {
        "b2c": {"party_a": "600000", "party_b": "254708374149", "amount": 1500},
        "b2pochi": {"party_a": "600000", "party_b": "254708374149", "amount": 2750},
        "b2b": {"party_a": "600000", "party_b": "600001", "amount": 4500,
                "account_reference": "INV-2041"},
        "tax_remittance": {"party_a": "600000", "party_b": "572572", "amount": 9000,
                           "account_reference": "KRA2024123456"},
        "reversal": {"party_a": "600000", "account_reference": "SKC82PACB8", "amount": 900},
    }
    assert set(rows) == PAYOUTS
    for operation, columns in rows.items():
        row = ledger.create(operation, remarks="Sent before", **columns)
        row = ledger.transition(row.reference, "rejected", source="ack",
                                result_desc="The initiator is not allowed")
        gui_window.resend_from_log(row)
        tab = gui_window.tabs.currentWidget()
        assert tab is gui_window.tab_for(handling(operation).name)
        assert tab.operation == operation
        assert tab.retry_of == row.reference
        assert tab.form.values()["amount"].replace(",", "") == str(columns["amount"])
        what = {"tax_remittance": "tax payment", "reversal": "refund"}.get(operation, "payment")
        assert f"Sending again {what} {row.reference} (rejected: " in (
            tab.resend_bar.label.text())


def test_a_pochi_payment_is_sent_again_from_its_request_body(qtbot, gui_window, gui_services):
    """The body's wire keys map back to the form through the catalogue's declaration; the
    original's own id and the sender settings are not copied (the profile gives them)."""
    body = {"OriginatorConversationID": "first-try", "InitiatorName": "someone-else",
            "CommandID": "BusinessPayToPochi", "Amount": 2750, "PartyA": "999999",
            "PartyB": "254708374149", "Remarks": "Stock from the market",
            "Occassion": "Order 2041"}
    ledger = gui_services.ledger
    row = ledger.create("b2pochi", amount=2750, party_a="999999", party_b="254708374149",
                        phone="254708374149", remarks="Stock from the market",
                        request_body=body)
    row = ledger.transition(row.reference, "rejected", source="ack", result_desc="Refused")
    gui_window.resend_from_log(row)
    tab = gui_window.pochi_tab
    assert gui_window.tabs.currentWidget() is tab
    values = tab.form.values()
    assert (values["party_b"], values["amount"].replace(",", ""), values["remarks"],
            values["occasion"]) == ("254708374149", "2750", "Stock from the market",
                                    "Order 2041")
    defaults = gui_services.defaults("b2pochi")
    assert (values["party_a"], values["initiator"]) == (defaults["party_a"],
                                                         defaults["initiator"])
    assert "Sending again payment " + row.reference in tab.resend_bar.label.text()


def test_a_tab_is_built_on_its_first_visit_and_kept(gui_window):
    """Issue 18, point 2: the window paints before the tabs it does not show. Until its first
    visit a tab's place holds an empty page under the same title and Ctrl+digit tip."""
    tabs = gui_window.tabs
    entries = registered_tabs()
    assert type(tabs.currentWidget()) is not QWidget  # the tab shown first is built
    unbuilt = [i for i in range(tabs.count()) if type(tabs.widget(i)) is QWidget]
    assert len(unbuilt) == len(entries) - 1
    last = tabs.count() - 1
    tip = tabs.tabToolTip(last)
    tabs.setCurrentIndex(last)
    built = tabs.widget(last)
    assert tabs.currentWidget() is built is gui_window.tab_for(entries[last].name)
    assert type(built) is not QWidget
    assert (tabs.tabText(last), tabs.tabToolTip(last)) == (entries[last].title, tip)
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(last)
    assert tabs.widget(last) is built


def test_a_hand_over_to_a_tab_not_yet_built_builds_and_shows_it(gui_window, gui_services):
    """The log's Send again goes to a tab never visited: it is built, filled and shown."""
    ledger = gui_services.ledger
    original = ledger.create("b2b", amount=25000, party_b="888880", remarks="November invoice",
                             account_reference="INV-2041").reference
    ledger.transition(original, "rejected", source="ack", result_desc="Invalid Access Token")
    b2b_index = [entry.name for entry in registered_tabs()].index("b2b")
    assert type(gui_window.tabs.widget(b2b_index)) is QWidget
    gui_window.resend_from_log(ledger.get(original))
    tab = gui_window.tabs.currentWidget()
    assert tab is gui_window.tabs.widget(b2b_index) is gui_window.b2b_tab
    assert tab.retry_of == original
