"""A receipt on an A5 page, written as PDF with Qt's own writer (QPdfWriter).

``paint_receipt`` draws on any QPaintDevice, so the same page goes to the PDF file and, in tests,
to an image whose pixels can be read; ``write_receipt_pdf`` writes the file (one page).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPaintDevice, QPainter, QPdfWriter

from mpesa_desktop.services.receipts import Receipt

INK = QColor("#263238")
RULE = QColor("#90a4ae")
RESOLUTION = 300


def paint_receipt(device: QPaintDevice, receipt: Receipt) -> list[QRectF]:
    """Draw ``receipt`` over the whole of ``device``; the rectangle of each line's text."""
    painter = QPainter(device)
    width, height = device.width(), device.height()
    unit = height / 60  # one line of body text
    painter.fillRect(QRectF(0, 0, width, height), QColor("#ffffff"))
    painter.setPen(INK)
    font = QFont("Sans Serif")
    font.setPixelSize(max(int(unit * 1.6), 8))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, unit * 2, width, unit * 3), Qt.AlignmentFlag.AlignCenter,
                     receipt.business)
    font.setPixelSize(max(int(unit * 1.1), 6))
    font.setBold(False)
    painter.setFont(font)
    painter.drawText(QRectF(0, unit * 5, width, unit * 2), Qt.AlignmentFlag.AlignCenter,
                     receipt.title)
    painter.setPen(RULE)
    painter.drawLine(int(width * 0.08), int(unit * 8), int(width * 0.92), int(unit * 8))
    painter.setPen(INK)
    rects = []
    top = unit * 10
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    for caption, text in receipt.lines:
        painter.drawText(QRectF(width * 0.08, top, width * 0.3, unit * 2), flags, caption)
        wanted = painter.boundingRect(QRectF(width * 0.38, top, width * 0.54, unit * 2), flags,
                                      text)
        rect = QRectF(width * 0.38, top, width * 0.54, max(wanted.height(), unit * 1.5))
        painter.drawText(rect, flags, text)
        rects.append(rect)
        top += rect.height() + unit
    painter.end()
    return rects


def write_receipt_pdf(path: str | Path, receipt: Receipt) -> Path:
    """Write ``receipt`` as a one-page A5 PDF at ``path``."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5),
                                     QPageLayout.Orientation.Portrait, QMarginsF(10, 10, 10, 10),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{receipt.title} {receipt.number}")
    writer.setCreator("mpesa-desktop")
    paint_receipt(writer, receipt)
    return path
