"""QR code: make a Dynamic QR a customer scans with the M-Pesa app to pay the till, the paybill
or the phone it names, for the amount and reference it carries.

No money moves when the code is made (the customer pays when they scan it and enter their PIN),
so there is no confirmation. M-Pesa answers at once with the picture, a base64 PNG in the
acknowledgement (``QRCode``); the tab reads it from the log row's acknowledgement in the worker,
shows it, and "Save as PNG…" writes M-Pesa's picture as it came, at the size asked for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from mpesa_desktop.catalogue import Op
from mpesa_desktop.catalogue.money_in import QR_CODES
from mpesa_desktop.daraja import limits
from mpesa_desktop.services.answer_image import answer_image
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, show_text, translate
from mpesa_desktop.ui.keyboard import MENU_LETTERS, with_mnemonics
from mpesa_desktop.ui.look import HINT_COLOUR, PlainLabel, text_colour
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import OperationTab

PAYMENT_WORDS = {
    "BG": "Buy goods (till)",
    "PB": "Paybill",
    "SM": "Send money (phone)",
    "SB": "Send to a business",
    "WA": "Withdraw at an agent",
}
PAYMENT_TYPES = tuple((code, PAYMENT_WORDS[code]) for code in QR_CODES)
SIZES = tuple((size, f"{size} × {size} pixels")
              for size in limits.rule("dynamic_qr", "size").choices)
SHOWN_AT_MOST = 300  # pixels on screen; the saved file keeps M-Pesa's size
NO_PICTURE = QT_TRANSLATE_NOOP("Tabs", "M-Pesa's answer held no QR code picture; make it again.")
PNG_FILTER = QT_TRANSLATE_NOOP("Tabs", "PNG images (*.png)")


def write_png(path: Path, data: bytes) -> str | None:
    """Write ``data`` to ``path`` (blocking); the reason in words when it cannot be written."""
    try:
        path.write_bytes(data)
    except OSError as error:
        return error.strerror or str(error)
    return None


class QrTab(OperationTab):
    """The "QR code" tab."""

    operation = "dynamic_qr"
    heading = "QR code for a customer to pay"
    blurb = (
        "Make a QR code for a customer to scan with the M-Pesa app: it carries your till or "
        "paybill, the amount and a reference, so the customer only enters their PIN. Nothing "
        "is paid until they do. Show it on screen, or save it as a picture to print or send."
    )
    send_text = "Make QR code"  # the form keeps its values: they say what the code shown holds

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("merchant_name", label="Name shown to the customer",
                      placeholder="e.g. Mama Mboga Stores"),
            FieldSpec("amount", label="Amount (KES)", placeholder="e.g. 1,500"),
            FieldSpec("ref_no", label="Reference", placeholder="e.g. invoice number"),
            FieldSpec("trx_code", choices=PAYMENT_TYPES),
            FieldSpec("cpi", placeholder="the till, paybill or phone paid"),
            FieldSpec("size", choices=SIZES),
        ]

    def add_extras(self, column: QVBoxLayout) -> None:
        """The picture, its caption and its Save button, in the outcome panel under the
        status of the request that made it."""
        self.png: bytes | None = None
        self.file_stem = "mpesa-qr"
        self.picture = PlainLabel(self)
        self.picture.setObjectName("qrPicture")
        show_text(self.picture, "setAccessibleName", translate("Tabs", "QR code"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        self.caption = PlainLabel(self)
        self.caption.setObjectName("qrCaption")
        self.caption.setWordWrap(True)
        text_colour(self.caption, HINT_COLOUR)
        self.save_button = QPushButton(self._with_free_mnemonic("Save as PNG…"), self)
        self.save_button.setObjectName("saveQrButton")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.choose_file)
        picture_row = QHBoxLayout()
        picture_row.addWidget(self.picture, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.caption, 1)
        save_row.addWidget(self.save_button)
        self.outcome.add_row(save_row)
        self.outcome.add_row(picture_row)

    def _with_free_mnemonic(self, caption: str) -> str:
        """``caption`` with an Alt+letter the form's labels and buttons leave free."""
        form = self.form
        captions = [form.send_button.text(), form.advanced_toggle.text(),
                    *(label.text() for label in form.row_labels.values())]
        used = {text[text.index("&") + 1].lower() for text in captions if "&" in text}
        return with_mnemonics([caption], reserved=MENU_LETTERS | used)[0]

    def reload(self) -> None:
        super().reload()
        self.show_png(None, "")

    def describe(self, fields: dict[str, str]) -> str:
        return translate("Tabs", "Making a QR code for {amount}").fill(
            amount=self._kes(fields["amount"]))

    def after_sent(self, transaction: Any) -> None:
        """Read M-Pesa's picture from the row's acknowledgement, then show it."""
        reference = transaction.account_reference or ""
        words = translate("Tabs", "{amount}, reference {reference}").fill(
            amount=self._kes(transaction.amount), reference=reference)
        self.file_stem = "mpesa-qr-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", reference) or "code")
        self.bridge.run_blocking(answer_image, self.services.ledger, transaction.reference,
                                 on_result=lambda png: self.show_png(png, words))

    def show_png(self, png: bytes | None, words: str) -> None:
        """Show ``png``, the code for ``words`` (None hides the picture; bytes that are no
        picture say so)."""
        pixmap = QPixmap()
        shown = png is not None and pixmap.loadFromData(png, "PNG")
        self.png = png if shown else None
        self.save_button.setEnabled(shown)
        self.picture.setVisible(shown)
        if not shown:
            self.picture.clear()
            self.caption.setText(translate("Tabs", NO_PICTURE) if png is not None else "")
            return
        if pixmap.width() > SHOWN_AT_MOST:
            self.picture.setPixmap(pixmap.scaledToWidth(
                SHOWN_AT_MOST, Qt.TransformationMode.FastTransformation))
        else:
            self.picture.setPixmap(pixmap)
        self.caption.setText(translate(
            "Tabs", "QR code for {words} ({width} × {height} pixels). Save as PNG keeps it at "
                    "that size.").fill(words=words, width=pixmap.width(), height=pixmap.height()))
        # Once laid out, the code and its Save button are scrolled into view.
        QTimer.singleShot(0, self, self._scroll_to_picture)

    def _scroll_to_picture(self) -> None:
        scroll = self.findChild(QScrollArea)
        if scroll is not None and self.picture.isVisible():
            scroll.ensureWidgetVisible(self.picture, 0, 8)

    def choose_file(self) -> None:
        """Ask where to save the picture, then save it there."""
        path, _ = QFileDialog.getSaveFileName(
            self, translate("Tabs", "Save the QR code"), str(Path.home() / f"{self.file_stem}.png"),
            translate("Tabs", PNG_FILTER))
        if path:
            self.save_png(Path(path))

    def save_png(self, path: Path) -> None:
        """Write the picture shown to ``path`` (``.png`` added when it has no suffix), in the
        worker; the form's status line says where it went or why it could not."""
        if self.png is None:
            return
        if not path.suffix:
            path = path.with_suffix(".png")

        def written(problem: str | None) -> None:
            self.form.set_status(
                translate("Tabs", "Could not save {path}: {problem}").fill(
                    path=path, problem=problem) if problem
                else translate("Tabs", "Saved the QR code to {path}").fill(path=path))

        self.bridge.run_blocking(write_png, path, self.png, on_result=written)


register_tab(QrTab, name="qr", title="QR code", order=50, handles=(Op.DYNAMIC_QR,))
