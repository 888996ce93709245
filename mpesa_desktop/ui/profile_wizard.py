"""First-run sandbox set-up in one step, and the confirmation before live money.

- ``SandboxSetupDialog``: Safaricom's published public test values are filled in (STK shortcode
  174379 and its passkey, initiator testapi and its password, test phone 254708374149, a 600000
  shortcode the clerk may change to their app's); the clerk adds only the consumer key and secret
  of their Daraja app. It creates the profile and stores the secrets in the keyring
  (``services.profiles.add_profile``, as ``mpesa-desktop profile add`` does), then emits
  ``created(Profile, switch_now)``; switching (``AppServices.switch_profile``) is the caller's.
- ``NewProfileDialog``: a name and a kind (sandbox, production, custom with its server address);
  a production profile is created only after the typed confirmation, with money off. Emits
  ``created(Profile)``; the caller then opens its settings.
- ``ProductionConfirmDialog``: before creating, switching to, or turning on money in a production
  profile, the clerk types the profile's name; OK stays disabled until it matches. Show it with
  ``open()`` and connect ``accepted`` (no nested event loop under qasync).

Their words are in the window's language (context ``Profiles``; the settings' field names as the
settings dialog says them); a dialog is short-lived and built in the language of the moment.
Safaricom's public test values and the profile's name are data.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.config import ConfigError, ConfigStore, Profile, new_profile
from mpesa_desktop.config.profiles import (
    KIND_BASE_URLS,
    KIND_LABELS,
    PUBLIC_INITIATOR,
    PUBLIC_INITIATOR_PASSWORD,
    PUBLIC_SHORTCODE,
    PUBLIC_STK_PASSKEY,
    PUBLIC_STK_SHORTCODE,
    PUBLIC_TEST_MSISDN,
)
from mpesa_desktop.config.secrets import NO_BACKEND_MESSAGE, backend_available
from mpesa_desktop.services.profiles import Saved, add_profile, check_new_name
from mpesa_desktop.ui.errors import explain
from mpesa_desktop.ui.i18n import error_text, name_buttons, translate
from mpesa_desktop.ui.keyboard import give_dialog_mnemonics
from mpesa_desktop.ui.look import ERROR_COLOUR, PlainLabel, text_colour
from mpesa_desktop.ui.worker_thread import WorkerThread

# White on red in every palette (the LIVE warning of the window's banner).
LIVE_STYLE = "background:#c62828; color:white; padding:8px; font-weight:bold;"


def _secret_edit(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def settings_error_text(error: Exception) -> str:
    """One plain sentence for an error from a settings call (never its repr)."""
    if isinstance(error, ConfigError | ValueError):
        return error_text(error)
    if isinstance(error, OSError):
        return translate("Profiles", "Could not use the file: {reason}").fill(
            reason=error.strerror or translate("Profiles", "unreadable"))
    explanation = explain(error)
    return f"{explanation.headline}. {explanation.message}"


class ProductionConfirmDialog(QDialog):
    """Asks the clerk to type the profile's name before live money is involved."""

    def __init__(self, profile_name: str, action: str, parent: QWidget | None = None):
        """``action`` completes "You are about to …" in the window's language."""
        super().__init__(parent)
        self.profile_name = profile_name
        self.setWindowTitle(translate("Profiles", "Confirm LIVE money"))
        banner = PlainLabel(translate("Profiles", "LIVE - real money"))
        banner.setStyleSheet(LIVE_STYLE)
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explanation = PlainLabel(translate(
            "Profiles", "You are about to {action}. Payments from profile '{name}' move real "
                        "money from the business's M-Pesa account and cannot be undone from "
                        "this app.\n\nType the profile name ({name}) to confirm.").fill(
            action=action, name=profile_name))
        explanation.setWordWrap(True)
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(profile_name)
        self.typed.setAccessibleName(translate("Profiles", "The profile name, typed to confirm"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        name_buttons(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("Profiles", "Confirm"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.typed.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(banner)
        layout.addWidget(explanation)
        layout.addWidget(self.typed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        give_dialog_mnemonics(self)

    def _check(self, text: str) -> None:
        self.ok_button.setEnabled(text.strip() == self.profile_name)

    def accept(self) -> None:
        if self.typed.text().strip() == self.profile_name:
            super().accept()


class _CreateProfileDialog(QDialog):
    """What the profile-creating dialogs share: the store, a worker thread, the message line,
    the create/Cancel buttons and the check of the form before saving."""

    def __init__(self, store: ConfigStore, create_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.store = store
        self.worker = WorkerThread(self)
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        text_colour(self.message, ERROR_COLOUR)  # drawn in the dark and high-contrast palettes
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        name_buttons(self.buttons)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(create_text)
        self.buttons.accepted.connect(self.create_profile)
        self.buttons.rejected.connect(self.reject)

    def build_profile(self) -> Profile:
        """The profile the form describes; ConfigError naming a bad field."""
        raise NotImplementedError

    def create_profile(self) -> None:
        raise NotImplementedError

    def _checked_profile(self) -> Profile | None:
        """The form's profile, or None after saying why not (a bad field, a taken name)."""
        try:
            profile = self.build_profile()
            check_new_name(self.store, profile.name)
        except ConfigError as error:
            self.message.setText(error_text(error))
            return None
        return profile

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)


class SandboxSetupDialog(_CreateProfileDialog):
    """One step from the offline simulator to the Safaricom sandbox.

    Signals:
        created(object, bool): the new Profile, after it and its secrets were saved, and whether
            the clerk asked to switch to it now.
        failed(str): a message when saving failed (also shown in the dialog).
    """

    created = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, store: ConfigStore, parent: QWidget | None = None):
        super().__init__(store, translate("Profiles", "Create sandbox profile"), parent)
        self.setWindowTitle(translate("Profiles", "Set up the Safaricom sandbox"))

        intro = PlainLabel(translate(
            "Profiles", "Safaricom's public sandbox test values are filled in below. Add the "
                        "consumer key and consumer secret of your app from "
                        "developer.safaricom.co.ke (My Apps); they are kept in the system "
                        "keyring, never in a file."))
        intro.setWordWrap(True)
        self.keyring_note = PlainLabel(
            "" if backend_available() else translate("SettingsDialog", NO_BACKEND_MESSAGE))
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not backend_available())

        self.name = QLineEdit(self._free_name())
        from_app = translate("Profiles", "from your Daraja app")
        self.consumer_key = _secret_edit(placeholder=from_app)
        self.consumer_secret = _secret_edit(placeholder=from_app)
        yours = QGroupBox(translate("Profiles", "Your app"))
        yours_form = QFormLayout(yours)
        yours_form.addRow(translate("Profiles", "Profile name"), self.name)
        yours_form.addRow(translate("SettingsDialog", "Consumer key"), self.consumer_key)
        yours_form.addRow(translate("SettingsDialog", "Consumer secret"), self.consumer_secret)

        self.shortcode = QLineEdit(PUBLIC_SHORTCODE)
        self.shortcode.setToolTip(
            translate("Profiles", "Your app's test shortcode (Shortcode 1 on the test page)"))
        self.stk_shortcode = QLineEdit(PUBLIC_STK_SHORTCODE)
        self.stk_passkey = _secret_edit(PUBLIC_STK_PASSKEY)
        self.initiator = QLineEdit(PUBLIC_INITIATOR)
        self.initiator_password = _secret_edit(PUBLIC_INITIATOR_PASSWORD)
        self.test_msisdn = QLineEdit(PUBLIC_TEST_MSISDN)
        public = QGroupBox(translate(
            "Profiles", "Public test values (prefilled; change only if your app's differ)"))
        public_form = QFormLayout(public)
        public_form.addRow(translate("Profiles", "Shortcode (paybill, B2C)"), self.shortcode)
        public_form.addRow(translate("SettingsDialog", "STK shortcode"), self.stk_shortcode)
        public_form.addRow(translate("SettingsDialog", "STK passkey"), self.stk_passkey)
        public_form.addRow(translate("SettingsDialog", "Initiator name"), self.initiator)
        public_form.addRow(translate("SettingsDialog", "Initiator password"),
                           self.initiator_password)
        public_form.addRow(translate("SettingsDialog", "Test phone"), self.test_msisdn)

        self.switch_now = QCheckBox(translate("Profiles", "Switch to this profile now"))
        self.switch_now.setChecked(True)
        for edit in (self.name, self.consumer_key, self.consumer_secret):
            edit.textChanged.connect(self._update_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.keyring_note)
        layout.addWidget(yours)
        layout.addWidget(public)
        layout.addWidget(self.switch_now)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update_button()
        give_dialog_mnemonics(self)

    def _free_name(self) -> str:
        name, number = "sandbox", 2
        while name in self.store:
            name, number = f"sandbox-{number}", number + 1
        return name

    def _update_button(self) -> None:
        ready = all(e.text().strip() for e in (self.name, self.consumer_key, self.consumer_secret))
        self.create_button.setEnabled(ready and not self.worker.busy)

    def build_profile(self) -> Profile:
        """The profile the form describes; ConfigError naming a bad field."""
        return new_profile(
            self.name.text().strip(),
            "sandbox",
            shortcode=self.shortcode.text().strip() or None,
            b2c_shortcode=self.shortcode.text().strip() or None,
            stk_shortcode=self.stk_shortcode.text().strip() or None,
            initiator=self.initiator.text().strip() or None,
            test_msisdn=self.test_msisdn.text().strip() or None,
        )

    def create_profile(self) -> None:
        profile = self._checked_profile()
        if profile is None:
            return
        secrets = {
            "consumer_key": self.consumer_key.text().strip(),
            "consumer_secret": self.consumer_secret.text().strip(),
            "stk_passkey": self.stk_passkey.text().strip(),
            "initiator_password": self.initiator_password.text(),
        }
        self.message.setText(translate("Profiles", "Saving..."))
        self.create_button.setEnabled(False)

        self.worker.run(partial(add_profile, self.store, profile, secrets), self._saved,
                        self._failed)

    def _saved(self, saved: Saved) -> None:
        self.created.emit(saved.profile, self.switch_now.isChecked())
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.message.setText(settings_error_text(error))
        self.failed.emit(settings_error_text(error))
        self._update_button()


class NewProfileDialog(_CreateProfileDialog):
    """Add a sandbox, production or custom profile by name; settings come next.

    Signals:
        created(object): the new Profile, after it was saved.
    """

    created = Signal(object)

    def __init__(self, store: ConfigStore, parent: QWidget | None = None):
        super().__init__(store, translate("Profiles", "Create"), parent)
        self.live_confirmation: ProductionConfirmDialog | None = None
        self.setWindowTitle(translate("Profiles", "New profile"))
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in ("sandbox", "production", "custom"):
            self.kind.addItem(translate("Profiles", KIND_LABELS[kind]), kind)
        self.base_url = QLineEdit()
        self.base_url.setPlaceholderText(translate(
            "Profiles", "https://... (or http://127.0.0.1:PORT for a simulator)"))
        form = QFormLayout()
        form.addRow(translate("Profiles", "Profile name"), self.name)
        form.addRow(translate("Profiles", "Kind"), self.kind)
        form.addRow(translate("SettingsDialog", "Server address"), self.base_url)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._kind_changed()
        give_dialog_mnemonics(self)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        fixed = KIND_BASE_URLS.get(kind)
        self.base_url.setReadOnly(fixed is not None)
        self.base_url.setText(fixed or "")

    def build_profile(self) -> Profile:
        kind = self.kind.currentData()
        base_url = None if kind in KIND_BASE_URLS else self.base_url.text().strip() or None
        return new_profile(self.name.text().strip(), kind, base_url=base_url)

    def create_profile(self) -> None:
        """Check the form; production asks for the typed confirmation first."""
        profile = self._checked_profile()
        if profile is None:
            return
        if not profile.is_live:
            self._save(profile)
            return
        self.live_confirmation = ProductionConfirmDialog(
            profile.name, translate("Profiles", "create a LIVE profile"), self
        )
        self.live_confirmation.accepted.connect(lambda: self._save(profile))
        self.live_confirmation.finished.connect(self.live_confirmation.deleteLater)
        self.live_confirmation.open()

    def _save(self, profile: Profile) -> None:
        self.message.setText("")
        self.create_button.setEnabled(False)
        self.worker.run(partial(add_profile, self.store, profile), self._saved, self._failed)

    def _saved(self, saved: Saved) -> None:
        self.created.emit(saved.profile)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.message.setText(settings_error_text(error))
        self.create_button.setEnabled(True)
