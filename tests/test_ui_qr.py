"""Issue 10, point 8: a Dynamic QR made from its own tab, with no confirmation (no money moves),
shown in the tab and saved as the PNG M-Pesa sent, at the size asked for."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from mpesa_desktop.services.answer_image import answer_image
from mpesa_desktop.ui.tabs.qr_tab import NO_PICTURE
from tests import ui_support
from tests.ui_support import type_into

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FINAL = ("completed", "failed", "rejected")


def png_of(side: int) -> bytes:
    """A square PNG ``side`` pixels wide (black and white, as a QR code is)."""
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for x in range(0, side, 10):
        image.setPixelColor(x, x, QColor("black"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data.data())


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG file's header (after checking it is one)."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def record_answer(services, png: bytes):
    """A QR row in the log whose acknowledgement carries ``png``, as submit records it."""
    ledger = services.ledger
    row = ledger.create("dynamic_qr", amount=1500, party_b="373132",
                        account_reference="INV-2041", remarks="Mama Mboga Stores")
    ledger.transition(row.reference, "accepted", source="ack",
                      payload={"ResponseCode": "00", "RequestID": "16738-27456357-1",
                               "ResponseDescription": "QR Code Successfully Generated.",
                               "QRCode": base64.b64encode(png).decode()})
    return ledger.transition(row.reference, "completed", source="ack", payload=None,
                             result_code="00", result_desc="QR Code Successfully Generated.")


def test_the_code_in_the_answer_is_shown_and_saved_as_the_png_sent(
        qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.qr_tab
    gui_window.tabs.setCurrentWidget(tab)
    assert not tab.save_button.isEnabled() and not tab.picture.isVisible()
    png = png_of(400)
    row = record_answer(gui_services, png)
    assert answer_image(gui_services.ledger, row.reference) == png

    tab.after_sent(row)
    qtbot.waitUntil(lambda: tab.picture.isVisible())
    assert tab.save_button.isEnabled()
    # Its Alt+letter is its own: none of the form's, none of the menus'.
    form = tab.form
    captions = [form.send_button.text(), form.advanced_toggle.text(),
                *(label.text() for label in form.row_labels.values())]
    taken = {text[text.index("&") + 1].lower() for text in captions} | set("fph")
    save = tab.save_button.text()
    assert save.replace("&", "") == "Save as PNG…"
    assert save[save.index("&") + 1].lower() not in taken
    assert tab.picture.pixmap().width() == 300  # shown smaller; saved at M-Pesa's size
    assert "KES 1,500, reference INV-2041 (400 × 400 pixels)" in tab.caption.text()
    assert tab.file_stem == "mpesa-qr-INV-2041"

    tab.save_png(tmp_path / "till-code")  # .png is added
    saved = tmp_path / "till-code.png"
    qtbot.waitUntil(lambda: tab.form.status.text() == f"Saved the QR code to {saved}")
    assert saved.read_bytes() == png
    assert png_size(saved) == (400, 400)

    tab.save_png(tmp_path / "no-such-folder" / "code.png")
    qtbot.waitUntil(lambda: tab.form.status.text().startswith("Could not save"))
    assert "No such file or directory" in tab.form.status.text()


def test_an_answer_without_a_picture_says_so_and_offers_nothing_to_save(
        qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.qr_tab
    gui_window.tabs.setCurrentWidget(tab)
    row = record_answer(gui_services, b"this is not a PNG")
    tab.after_sent(row)
    qtbot.waitUntil(lambda: tab.caption.text() == NO_PICTURE)
    assert not tab.picture.isVisible() and not tab.save_button.isEnabled()
    tab.save_png(tmp_path / "code.png")
    qtbot.wait(50)
    assert not (tmp_path / "code.png").exists()


def test_make_qr_code_sends_at_once_without_a_confirmation(qtbot, gui_window, gui_services):
    tab = gui_window.qr_tab
    gui_window.tabs.setCurrentWidget(tab)
    assert tab.form.send_button.text().replace("&", "") == "Make QR code"
    type_into(qtbot, tab, {"merchant_name": "Mama Mboga Stores", "amount": "1500",
                           "ref_no": "INV-2041", "cpi": "373132"})
    tab.form.rows["trx_code"].set_value("BG")
    tab.form.send_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status in FINAL, timeout=15_000)
    assert tab.confirm_dialog is None
    [row] = gui_services.ledger.query(None)
    assert (row.operation, row.amount, row.party_b, row.account_reference) == (
        "dynamic_qr", 1500, "373132", "INV-2041")
    assert row.request_body == {"MerchantName": "Mama Mboga Stores", "RefNo": "INV-2041",
                                "Amount": 1500, "TrxCode": "BG", "CPI": "373132",
                                "Size": "300"}


# Needs the simulator's Dynamic QR handler (/mpesa/qrcode/v1/generate, branch `sim`): until
# that is merged the simulator refuses the path and this test fails.
def test_a_qr_code_is_made_shown_and_saved_at_the_size_asked(
        qtbot, gui_window, gui_services, tmp_path):
    tab = gui_window.qr_tab
    gui_window.tabs.setCurrentWidget(tab)
    type_into(qtbot, tab, {"merchant_name": "Mama Mboga Stores", "amount": "1500",
                           "ref_no": "INV-2041", "cpi": "373132"})
    tab.form.rows["size"].set_value("400")
    tab.form.send_button.click()
    qtbot.waitUntil(lambda: tab.outcome.status in FINAL, timeout=15_000)
    assert tab.outcome.status == "completed", tab.outcome.summary.text()
    assert tab.outcome.summary.text() == "Completed."  # Daraja's "00" is a success, said once
    qtbot.waitUntil(lambda: tab.picture.isVisible())
    assert tab.confirm_dialog is None
    # The form keeps what the code shown holds (no money moved: nothing to guard against).
    assert tab.form.values()["ref_no"] == "INV-2041"
    assert tab.form.values()["amount"].replace(",", "") == "1500"
    tab.save_png(tmp_path / "code.png")
    qtbot.waitUntil(lambda: (tmp_path / "code.png").exists())
    qtbot.waitUntil(lambda: tab.form.status.text().startswith("Saved"))
    assert png_size(tmp_path / "code.png") == (400, 400)
