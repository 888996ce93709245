"""The Bulk tab's files: where to save one (a dialog) and the template to fill in
(``resources/bulk/``, XLSX or CSV by the suffix chosen). The template's column names stay as
they are in both languages: they are what the file's reader looks for."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, translate

TEMPLATES = {".csv": "template.csv", ".xlsx": "template.xlsx"}
FILTERS = QT_TRANSLATE_NOOP("Bulk", "Excel workbook (*.xlsx);;CSV (*.csv)")


def choose_save(parent: QWidget, title: str, suggested: str) -> Path | None:
    """Ask where to save (an .xlsx or a .csv file); None when the clerk cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, translate("Bulk", FILTERS))
    return Path(name) if name else None


def copy_template(path: Path) -> None:
    """Blocking: copy the template whose kind ``path``'s suffix names (CSV otherwise)."""
    source = resources.files("mpesa_desktop.resources") / "bulk" / TEMPLATES.get(
        path.suffix.lower(), TEMPLATES[".csv"])
    with resources.as_file(source) as found:
        shutil.copyfile(found, path)
