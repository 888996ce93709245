"""Choose a profile's encryption certificate and see whom it was issued to and until when.

The choices are the bundled certificates (offline simulator, Safaricom sandbox, Safaricom
production) or a file the clerk imports (a newer certificate from the Daraja portal). The file is
read on the worker thread; it is copied into the config folder only when the settings are saved.

Signals:
    shown(str): the line shown for the chosen certificate (subject and dates, or why it failed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.config.profiles import BUNDLED_CERTIFICATE_NAMES
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, translate
from mpesa_desktop.ui.look import ERROR_COLOUR, PlainLabel, default_colour, text_colour
from mpesa_desktop.ui.profile_wizard import settings_error_text
from mpesa_desktop.ui.worker_thread import WorkerThread

if TYPE_CHECKING:  # cryptography loads on the worker, when a certificate is read
    from mpesa_desktop.config.credentials import CertificateInfo

CHOICES = {
    "simulator": QT_TRANSLATE_NOOP("Certificate", "Offline simulator (bundled)"),
    "sandbox": QT_TRANSLATE_NOOP("Certificate", "Safaricom sandbox (bundled)"),
    "production": QT_TRANSLATE_NOOP("Certificate", "Safaricom production (bundled)"),
}
IMPORTED = "imported"
FILE_FILTER = QT_TRANSLATE_NOOP("Certificate",
                                "Certificates (*.cer *.crt *.pem *.der);;All files (*)")


class CertificatePicker(QWidget):
    """A choice of certificate, an Import button, and the certificate's subject and dates."""

    shown = Signal(str)

    def __init__(self, current: str, worker: WorkerThread, parent: QWidget | None = None):
        super().__init__(parent)
        self.current = current
        self.worker = worker
        self.imported_source: str | None = None
        self.choice = QComboBox()
        for name, text in CHOICES.items():
            self.choice.addItem(translate("Certificate", text), name)
        if current in BUNDLED_CERTIFICATE_NAMES:
            self.choice.setCurrentIndex(self.choice.findData(current))
        else:
            self._select_imported(Path(current).name)
        self.import_button = QPushButton(translate("Certificate", "Import file..."))
        self.subject = PlainLabel(translate("Certificate", "reading..."))
        self.validity = PlainLabel()
        for label in (self.subject, self.validity):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.subject)
        layout.addWidget(self.validity)

        self.choice.currentIndexChanged.connect(self.refresh)
        self.import_button.clicked.connect(self._browse)
        self.refresh()

    def bundled_choice(self) -> str | None:
        """The bundled certificate chosen, or None when an imported file is chosen."""
        choice = self.choice.currentData()
        return choice if choice in BUNDLED_CERTIFICATE_NAMES else None

    def file_to_import(self) -> str | None:
        """A newly chosen file to copy into the config folder on Save, if any."""
        return self.imported_source if self.choice.currentData() == IMPORTED else None

    def choose_file(self, path: str) -> None:
        """Use the certificate file at ``path``."""
        self.imported_source = path
        self._select_imported(Path(path).name)
        self.refresh()

    def _select_imported(self, filename: str) -> None:
        index = self.choice.findData(IMPORTED)
        if index < 0:
            self.choice.addItem("", IMPORTED)
            index = self.choice.count() - 1
        self.choice.setItemText(
            index, translate("Certificate", "Imported: {name}").fill(name=filename))
        self.choice.blockSignals(True)
        self.choice.setCurrentIndex(index)
        self.choice.blockSignals(False)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("Certificate", "Import certificate"), "",
            translate("Certificate", FILE_FILTER))
        if path:
            self.choose_file(path)

    def refresh(self) -> None:
        """Read the chosen certificate on the worker and show its details."""
        source = self.bundled_choice() or self.imported_source or self.current
        self.subject.setText(translate("Certificate", "reading..."))
        self.validity.setText("")

        def read() -> CertificateInfo:
            from mpesa_desktop.config.credentials import (  # cryptography: on the worker
                certificate_info,
                check_certificate,
                load_certificate_bytes,
            )

            data = load_certificate_bytes(source)
            check_certificate(data)
            return certificate_info(data)

        self.worker.run(read, self._read, self._failed)

    def _read(self, info: CertificateInfo) -> None:
        default_colour(self.subject)
        self.subject.setText(
            translate("Certificate", "Issued to {name}").fill(name=info.common_name))
        self.subject.setToolTip(f"{info.subject}\nSHA-256 {info.fingerprint_sha256}")
        self.validity.setText(translate("Certificate", "Valid {dates}").fill(dates=info.validity()))
        if info.expired():
            text_colour(self.validity, ERROR_COLOUR)
        else:
            default_colour(self.validity)
        self.validity.setToolTip(info.expired_note)
        self.shown.emit(info.describe())

    def _failed(self, error: Exception) -> None:
        text = settings_error_text(error)
        text_colour(self.subject, ERROR_COLOUR)
        self.subject.setText(text)
        self.shown.emit(text)
