"""Two small charts drawn with QPainter: bars (clickable) and a line with gaps.

PySide6-Essentials has no QtCharts; PySide6-Addons would bring it, at the size of a second Qt
in every install and bundle, for two simple pictures. So these draw themselves: a few dozen lines
each, rendered the same on screen, offscreen and into an image (``QWidget.grab``). Their geometry
is public (``bar_rects``, ``point_positions``) so a test can check what is drawn where. Their
colours are ``ui.look``'s named colours, drawn in the light, dark or high-contrast scheme; the
words they draw are in the window's language (context ``Charts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mpesa_desktop.ui.i18n import translate
from mpesa_desktop.ui.look import CHART_BACKGROUND, CHART_LINE, TITLE_COLOUR, shown

MARGIN = 12.0
LABEL_HEIGHT = 18.0
PAD = 5.0  # the line keeps clear of the axis and the title
AXIS = QColor("#90a4ae")  # mid grey: seen on every background


def _colour(name: str) -> QColor:
    """One of ``ui.look``'s named colours, as the current scheme draws it."""
    return QColor(shown(name))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str
    caption: str = ""  # drawn above the bar (e.g. its amount)


class BarChart(QWidget):
    """Vertical bars side by side, scaled to the largest; ``clicked(index)`` on a bar."""

    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setMinimumSize(QSize(320, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.update()

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (a bar of 0 is a line on the axis)."""
        if not self.bars:
            return []
        width = self.width() - 2 * MARGIN
        top, bottom = MARGIN + LABEL_HEIGHT, self.height() - MARGIN - LABEL_HEIGHT
        slot = width / len(self.bars)
        largest = max((bar.value for bar in self.bars), default=0) or 1
        rects = []
        for index, bar in enumerate(self.bars):
            height = (bottom - top) * max(bar.value, 0) / largest
            left = MARGIN + index * slot + slot * 0.2
            rects.append(QRectF(left, bottom - height, slot * 0.6, height))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _colour(CHART_BACKGROUND))
        bottom = self.height() - MARGIN - LABEL_HEIGHT
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(QPointF(MARGIN, bottom), QPointF(self.width() - MARGIN, bottom))
        for bar, rect in zip(self.bars, self.bar_rects(), strict=True):
            painter.fillRect(rect, _colour(bar.colour))
            painter.setPen(_colour(TITLE_COLOUR))
            label = QRectF(rect.left() - 20, bottom + 2, rect.width() + 40, LABEL_HEIGHT)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, bar.label)
            caption = QRectF(rect.left() - 30, rect.top() - LABEL_HEIGHT, rect.width() + 60,
                             LABEL_HEIGHT)
            painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, bar.caption)
        painter.end()

    def index_at(self, x: float) -> int | None:
        """The bar whose column holds ``x`` (the whole height counts: a small bar is easy to
        hit)."""
        for index, rect in enumerate(self.bar_rects()):
            if rect.left() - 4 <= x <= rect.right() + 4:
                return index
        return None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().x())
        if index is not None:
            self.clicked.emit(index)


class LineChart(QWidget):
    """A value per day as a line; a day without a value breaks the line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: list[Decimal | None] = []
        self.first_label = self.last_label = ""
        self.setMinimumSize(QSize(320, 160))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_values(self, values: Sequence[Decimal | None], first_label: str = "",
                   last_label: str = "") -> None:
        self.values = list(values)
        self.first_label, self.last_label = first_label, last_label
        self.update()

    def extremes(self) -> tuple[float, float] | None:
        """The lowest and highest value shown (None when there is none)."""
        known = [float(value) for value in self.values if value is not None]
        return (min(known), max(known)) if known else None

    def scale(self) -> tuple[float, float]:
        low, high = self.extremes() or (0.0, 1.0)
        return (low, high) if high > low else (low - 1, high + 1)

    def point_positions(self) -> list[QPointF | None]:
        """Where each value is drawn (None for a day without one)."""
        count = len(self.values)
        if not count:
            return []
        low, high = self.scale()
        left, right = MARGIN + PAD, self.width() - MARGIN - PAD
        top = MARGIN + LABEL_HEIGHT + PAD
        bottom = self.height() - MARGIN - LABEL_HEIGHT - PAD
        step = (right - left) / max(count - 1, 1)
        return [None if value is None else
                QPointF(left + i * step, bottom - (bottom - top) * (float(value) - low)
                        / (high - low))
                for i, value in enumerate(self.values)]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), _colour(CHART_BACKGROUND))
        bottom = self.height() - MARGIN - LABEL_HEIGHT
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(QPointF(MARGIN, bottom), QPointF(self.width() - MARGIN, bottom))
        line = _colour(CHART_LINE)
        painter.setPen(QPen(line, 2))
        painter.setBrush(line)  # filled dots: a lone day still shows
        previous = None
        for point in self.point_positions():
            if point is not None and previous is not None:
                painter.drawLine(previous, point)
            if point is not None:
                painter.drawEllipse(point, 2.5, 2.5)
            previous = point
        painter.setPen(_colour(TITLE_COLOUR))
        extremes = self.extremes()
        if extremes is not None:
            low, high = extremes
            painter.drawText(QRectF(MARGIN, 0, self.width(), LABEL_HEIGHT + MARGIN),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             translate("Charts", "highest {high}   lowest {low}").fill(
                                 high=f"{high:,.2f}", low=f"{low:,.2f}"))
        label = QRectF(MARGIN, bottom + 2, self.width() - 2 * MARGIN, LABEL_HEIGHT)
        painter.drawText(label, Qt.AlignmentFlag.AlignLeft, self.first_label)
        painter.drawText(label, Qt.AlignmentFlag.AlignRight, self.last_label)
        painter.end()
