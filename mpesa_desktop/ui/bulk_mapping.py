"""Which column of the opened file holds what: one drop-down per field of a bulk row.

Each drop-down lists the file's header cells (and "(none)" for the optional fields); the tab
sets the guessed or remembered mapping, the clerk may change it, and ``changed`` is emitted on
every change the clerk makes. The labels are in the window's language (context ``Bulk``) and
switch live; the file's header cells are data.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QWidget

from mpesa_desktop.services.bulk_file import REQUIRED_COLUMNS
from mpesa_desktop.services.bulk_sheet import Mapping
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, on_language_change, show_text, translate
from mpesa_desktop.ui.look import PlainLabel

# The fields the clerk maps, in the order shown, with their labels.
FIELDS = (
    ("phone", QT_TRANSLATE_NOOP("Bulk", "Phone")),
    ("amount", QT_TRANSLATE_NOOP("Bulk", "Amount (KES)")),
    ("remarks", QT_TRANSLATE_NOOP("Bulk", "Remarks")),
    ("command_id", QT_TRANSLATE_NOOP("Bulk", "Payment type")),
    ("name", QT_TRANSLATE_NOOP("Bulk", "Name")),
    ("national_id", QT_TRANSLATE_NOOP("Bulk", "National ID")),
    ("occasion", QT_TRANSLATE_NOOP("Bulk", "Occasion")),
)
NONE = QT_TRANSLATE_NOOP("Bulk", "(none)")


class MappingPanel(QWidget):
    """Drop-downs mapping the file's columns to the fields. Signal ``changed()``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[str, QComboBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for i, (column, label) in enumerate(FIELDS):
            box = QComboBox(self)
            box.setObjectName(f"map_{column}")
            show_text(box, "setAccessibleName", translate("Bulk", "Column for {field}").fill(
                field=translate("Bulk", label)))
            box.setMinimumContentsLength(12)
            box.activated.connect(lambda _index: self.changed.emit())
            caption = (translate("Bulk", "{field} *:") if column in REQUIRED_COLUMNS
                       else translate("Bulk", "{field}:"))
            shown = PlainLabel(self)
            show_text(shown, "setText", caption.fill(field=translate("Bulk", label)))
            shown.setBuddy(box)
            grid.addWidget(shown, i // 4, (i % 4) * 2)
            grid.addWidget(box, i // 4, (i % 4) * 2 + 1)
            self.boxes[column] = box
        on_language_change(self._retranslate)

    def _retranslate(self) -> None:
        """"(none)" in the window's new language."""
        for box in self.boxes.values():
            if box.count():
                box.setItemText(0, translate("Bulk", NONE))

    def set_header(self, header: tuple[str, ...], mapping: Mapping) -> None:
        """List ``header``'s cells in every drop-down and select ``mapping``."""
        for column, box in self.boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(translate("Bulk", NONE))
            for index, cell in enumerate(header):
                box.addItem(cell or translate("Bulk", "(column {number})").fill(number=index + 1))
            box.setCurrentIndex(mapping[column] + 1 if column in mapping else 0)
            box.blockSignals(False)

    def mapping(self) -> Mapping:
        """The columns chosen (fields left at "(none)" are not in it)."""
        return {column: box.currentIndex() - 1 for column, box in self.boxes.items()
                if box.currentIndex() > 0}

    def choose(self, column: str, header_cell: str) -> None:
        """Select the header cell ``header_cell`` for ``column``, as the clerk would."""
        box = self.boxes[column]
        box.setCurrentIndex(box.findText(header_cell))
        self.changed.emit()
