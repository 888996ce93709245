"""Each operation form refuses bad input live: the message names the rule, Send stays disabled,
and nothing reaches the simulator or the log, even when Enter is pressed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests import ui_support
from tests.ui_support import simulator_count, type_into

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

TOO_LONG = "x" * 101

# tab attribute, bad input, {field: words the message must contain}
BAD_INPUT = [
    (
        "b2c_tab",
        {"party_b": "0612345678", "amount": "5", "remarks": TOO_LONG},
        {
            "party_b": "Kenyan mobile number",
            "amount": "10 to 250,000 shillings",
            "remarks": "2 to 100 characters",
        },
    ),
    (
        "pochi_tab",
        {"party_b": "0612345678", "amount": "9", "remarks": "x"},
        {
            "party_b": "Kenyan mobile number",
            "amount": "10 to 250,000 shillings",
            "remarks": "2 to 100 characters",
        },
    ),
    (
        "b2b_tab",
        {"party_b": "12", "amount": "0", "remarks": TOO_LONG, "requester": "12345"},
        {
            "party_b": "5 to 9 digits",
            "amount": "at least 1",
            "remarks": "at most 100 characters",
            "requester": "Kenyan mobile number",
            "account_reference": "required for a paybill",
        },
    ),
    (
        "stk_tab",
        {"phone_number": "+1 555 0100", "amount": "12.50", "account_reference": "INV-2041-2026"},
        {
            "phone_number": "Kenyan mobile number",
            "amount": "whole shillings",
            "account_reference": "at most 12 characters",
        },
    ),
    (
        "qr_tab",
        {"merchant_name": "", "amount": "0", "ref_no": "INV-2041-2026", "cpi": "373 132"},
        {
            "merchant_name": "is required",
            "amount": "1 to 250,000 shillings",
            "ref_no": "at most 12 characters",
            "cpi": "must not contain spaces",
        },
    ),
    (
        "refund_tab",
        {"transaction_id": "ABC", "amount": "ten", "remarks": "x"},
        {
            "transaction_id": "10-character M-Pesa receipt",
            "amount": "at least 1",
            "remarks": "2 to 100 characters",
        },
    ),
    (
        "balance_tab",
        {"party_a": "60", "remarks": TOO_LONG},
        {"party_a": "5 to 9 digits", "remarks": "at most 100 characters"},
    ),
    (
        "status_tab",
        {"transaction_id": "", "original_conversation_id": "has spaces", "party_a": "abc"},
        {
            "original_conversation_id": "must not contain spaces",
            "party_a": "5 to 9 digits",
        },
    ),
]


@pytest.mark.parametrize(("tab_name", "typed", "expected"), BAD_INPUT,
                         ids=[case[0] for case in BAD_INPUT])
def test_bad_input_is_refused_with_the_rule_and_nothing_is_sent(
    qtbot, gui_window, gui_services, tab_name, typed, expected
):
    tab = getattr(gui_window, tab_name)
    gui_window.tabs.setCurrentWidget(tab)
    type_into(qtbot, tab, typed)

    for field in expected:
        tab.form.rows[field].touched = True
    tab.form.refresh()
    for field, words in expected.items():
        message = tab.form.rows[field].message
        assert message.isVisible(), field
        assert words in message.text(), (field, message.text())
        assert message.text().startswith(tab.form.rows[field].label_text)
    assert not tab.form.send_button.isEnabled()

    first = next(iter(typed))
    qtbot.keyClick(tab.form.rows[first].editor, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    tab.form.send_button.click()
    qtbot.wait(50)
    assert tab.confirm_dialog is None
    assert not tab.form.busy
    assert simulator_count(gui_services) == 0
    assert gui_services.ledger.summary()[0] == 0


def test_c2b_urls_refuse_forbidden_words_and_bad_phones(qtbot, gui_window, gui_services):
    register = gui_window.c2b_tab.register
    type_into(qtbot, register, {"confirmation_url": "http://127.0.0.1:9/mpesa/confirm"})
    message = register.form.rows["confirmation_url"].message.text()
    assert "must not contain the word 'm-pesa'" in message or "'mpesa'" in message
    assert not register.form.send_button.isEnabled()

    simulate = gui_window.c2b_tab.simulate
    type_into(qtbot, simulate, {"msisdn": "0812", "amount": "-4"})
    assert "Kenyan mobile number" in simulate.form.rows["msisdn"].message.text()
    assert not simulate.form.send_button.isEnabled()
    assert simulator_count(gui_services) == 0


def test_good_input_shows_the_normalised_phone_kes_and_counters(qtbot, gui_window):
    tab = gui_window.b2c_tab
    type_into(qtbot, tab, {"party_b": "0708 374 149", "amount": "25000", "remarks": "Refund"})
    assert tab.form.rows["party_b"].message.text() == "Sent as 254708374149"
    assert tab.form.rows["amount"].message.text() == "KES 25,000"
    assert tab.form.rows["remarks"].counter.text() == "6 / 100"
    assert tab.form.send_button.isEnabled()


def test_profile_defaults_prefill_the_sender_settings(gui_window, gui_services):
    defaults = gui_services.defaults("b2c")
    values = gui_window.b2c_tab.form.values()
    for name in ("party_a", "initiator", "result_url", "queue_timeout_url"):
        assert values[name] == defaults[name]
    stk = gui_window.stk_tab.form.values()
    assert stk["business_shortcode"] == gui_services.defaults("stk_push")["business_shortcode"]


def test_every_field_is_reachable_with_the_keyboard_in_order(qtbot, gui_window):
    tab = gui_window.b2c_tab
    tab.form.show_advanced(True)
    editors = [row.editor for row in tab.form.rows.values()]
    for editor in editors:
        assert editor.focusPolicy() & Qt.FocusPolicy.TabFocus
    # Tab from the first field walks the fields in the order they are shown.
    seen = []
    widget = editors[0]
    for _ in range(60):
        if widget in editors and widget not in seen:
            seen.append(widget)
        if widget is tab.form.send_button:
            break
        widget = widget.nextInFocusChain()
    assert seen == editors[:len(seen)]
    assert set(seen) == set(editors)
