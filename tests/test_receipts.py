"""Receipts (issue 15, point 6): what a completed payment's receipt says, the page drawn
offscreen (each line inked where it belongs), the PDF Qt writes (one A5 page, titled with the
receipt), and the Today tab saving one for the row chosen, in the business name typed there."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QImage

from mpesa_desktop.services.receipts import ReceiptError, has_receipt, receipt_of
from mpesa_desktop.ui.receipt_pdf import paint_receipt, write_receipt_pdf
from tests import ui_support
from tests.test_ui_today import _paid

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window


def completed_b2c(ledger, amount=1500):
    row = ledger.create("b2c", amount=amount, party_a="600000", party_b="254708374149",
                        remarks="Refund of order 17")
    ledger.transition(row.reference, "accepted", source="ack", conversation_id="AG_1")
    return ledger.transition(row.reference, "completed", source="callback",
                             receipt="SG632NMUAB", counterparty="254708374149 - JANE DOE")


def test_a_completed_payment_has_a_receipt_with_the_amount_in_words(ledger):
    row = completed_b2c(ledger, 251_300)
    receipt = receipt_of(row, "  Mama  Mboga Stores ")
    lines = dict(receipt.lines)
    assert receipt.business == "Mama Mboga Stores"
    assert (receipt.title, receipt.number, receipt.file_name) == (
        "Payment made", "SG632NMUAB", "receipt-SG632NMUAB.pdf")
    assert lines["Amount"] == "KES 251,300"
    assert lines["In words"] == "Two hundred fifty-one thousand three hundred shillings"
    assert lines["M-Pesa receipt"] == "SG632NMUAB"
    assert lines["Paid to"] == "254708374149 - JANE DOE"
    assert lines["Date"].endswith("EAT") and lines["For"] == "Refund of order 17"


def test_no_receipt_for_a_payment_not_completed(ledger):
    row = ledger.create("b2c", amount=50, party_a="600000", party_b="254708374149",
                        remarks="x")
    row = ledger.transition(row.reference, "unknown", source="ack")
    assert not has_receipt(row)
    with pytest.raises(ReceiptError, match="not a completed payment with an M-Pesa receipt"):
        receipt_of(row, "Shop")


def inked(image: QImage, rect) -> int:
    """Dark pixels inside ``rect``."""
    dark = 0
    for x in range(int(rect.left()), int(rect.right()), 2):
        for y in range(int(rect.top()), int(rect.bottom()), 2):
            if image.pixelColor(x, y).lightness() < 128:
                dark += 1
    return dark


def test_the_page_draws_every_line_where_it_belongs(qapp, ledger):
    receipt = receipt_of(completed_b2c(ledger), "Mama Mboga Stores")
    image = QImage(600, 850, QImage.Format.Format_RGB32)
    rects = paint_receipt(image, receipt)
    assert len(rects) == len(receipt.lines)
    assert all(inked(image, rect) > 0 for rect in rects)
    longest = max(range(len(rects)), key=lambda i: len(receipt.lines[i][1]))
    shortest = min(range(len(rects)), key=lambda i: len(receipt.lines[i][1]))
    assert inked(image, rects[longest]) > inked(image, rects[shortest])
    below = rects[-1].translated(0, rects[-1].height() * 2)
    assert inked(image, below) == 0  # nothing after the last line
    assert image.pixelColor(2, 2) == QColor("#ffffff")


def test_the_pdf_is_one_a5_page_titled_with_the_receipt(qapp, ledger, tmp_path):
    receipt = receipt_of(completed_b2c(ledger), "Mama Mboga Stores")
    path = write_receipt_pdf(tmp_path / receipt.file_name, receipt)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    [title] = re.findall(rb"/Title \((.*?)\)\n", data, re.S)
    assert title.decode("utf-16") == "Payment made SG632NMUAB"
    [box] = re.findall(rb"/MediaBox \[([^\]]*)\]", data)
    width, height = (float(v) for v in box.split()[2:])
    assert (round(width), round(height)) == (420, 595)  # A5 in points


def test_today_saves_the_receipt_of_the_row_chosen(qtbot, gui_window, gui_services, tmp_path):
    paid = _paid(qtbot, gui_window, gui_services, "b2c", {"party_b": "0708374149",
                                                          "amount": 1500, "remarks": "Wages"})
    tab = gui_window.today_tab
    with qtbot.waitSignal(tab.refreshed, timeout=10_000):
        gui_window.tabs.setCurrentWidget(tab)
    tab.business.setText("Mama Mboga Stores")
    tab.business.editingFinished.emit()
    with qtbot.waitSignal(tab.rows_shown, timeout=10_000):
        tab.show_rows("money_out")
    assert not tab.receipt_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.receipt_button.isEnabled()
    with qtbot.waitSignal(tab.receipt_written, timeout=10_000) as written:
        tab.save_receipt(tab.selected_row(), tmp_path / "r.pdf")
    assert written.args[0].read_bytes().startswith(b"%PDF-")
    assert tab.receipt_note.text() == f"Receipt saved to {tmp_path / 'r.pdf'}"
    qtbot.waitUntil(lambda: gui_services.ledger.get_meta("business_name") == "Mama Mboga Stores")
    assert tab.selected_row().reference == paid.reference
