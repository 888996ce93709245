"""The settings of one profile: keys, shortcodes, initiator, certificate, callbacks, limits.

Secret fields start empty: their placeholder says whether a value is stored, and leaving one empty
keeps what is stored. Saving goes through ``services.profiles`` and "Test connection" through
``services.connection`` (a fresh OAuth token request), as ``mpesa-desktop profile set`` and
``profile test`` do, with the same rules and sentences (a setting named by its label here); they,
the keyring and certificate files run on a worker thread, never on the GUI thread. Turning money
on for a production profile asks for the typed confirmation.

Signals:
    saved(object): the Profile after it and its secrets were stored.
    connection_tested(bool, str): whether a token was issued, and what happened in plain words.
    (``dialog.certificate.shown(str)``: the certificate line shown, see ``CertificatePicker``.)
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.config import ConfigError, ConfigStore, Profile, Secrets
from mpesa_desktop.config.profiles import CALLBACK_FIELDS
from mpesa_desktop.config.secrets import NO_BACKEND_MESSAGE, backend_available
from mpesa_desktop.languages import save_language
from mpesa_desktop.services.connection import ConnectionResult, check_connection
from mpesa_desktop.services.profiles import (
    HOURS_SETTING,
    Saved,
    parse_settings,
    save_profile,
    turns_on_live_money,
)
from mpesa_desktop.ui.appearance import (
    APPEARANCES,
    apply_appearance,
    current_appearance,
    save_appearance,
)
from mpesa_desktop.ui.banner import banner_style
from mpesa_desktop.ui.certificate_picker import CertificatePicker
from mpesa_desktop.ui.i18n import (
    LANGUAGES,
    QT_TRANSLATE_NOOP,
    current_language,
    error_text,
    name_buttons,
    set_language,
    show_text,
    translate,
)
from mpesa_desktop.ui.keyboard import give_dialog_mnemonics
from mpesa_desktop.ui.look import ERROR_COLOUR, GOOD_COLOUR, PlainLabel, default_colour, text_colour
from mpesa_desktop.ui.profile_wizard import ProductionConfirmDialog, settings_error_text
from mpesa_desktop.ui.worker_thread import WorkerThread

TEXT_FIELDS = {
    "shortcode": QT_TRANSLATE_NOOP("SettingsDialog", "Shortcode (paybill or till)"),
    "b2c_shortcode": QT_TRANSLATE_NOOP("SettingsDialog", "B2C shortcode"),
    "stk_shortcode": QT_TRANSLATE_NOOP("SettingsDialog", "STK shortcode"),
    "till_number": QT_TRANSLATE_NOOP("SettingsDialog", "Till number (buy goods)"),
    "test_msisdn": QT_TRANSLATE_NOOP("SettingsDialog", "Test phone"),
    "initiator": QT_TRANSLATE_NOOP("SettingsDialog", "Initiator name"),
    "relay_url": QT_TRANSLATE_NOOP("SettingsDialog", "Relay URL"),
    "result_url": QT_TRANSLATE_NOOP("SettingsDialog", "Result URL"),
    "queue_timeout_url": QT_TRANSLATE_NOOP("SettingsDialog", "Queue timeout URL"),
    "stk_callback_url": QT_TRANSLATE_NOOP("SettingsDialog", "STK callback URL"),
    "confirmation_url": QT_TRANSLATE_NOOP("SettingsDialog", "C2B confirmation URL"),
    "validation_url": QT_TRANSLATE_NOOP("SettingsDialog", "C2B validation URL"),
}
CAP_FIELDS = {
    "per_payment_cap": QT_TRANSLATE_NOOP("SettingsDialog", "Per-payment cap (KES)"),
    "daily_cap": QT_TRANSLATE_NOOP("SettingsDialog", "Daily cap (KES)"),
    "retype_above": QT_TRANSLATE_NOOP("SettingsDialog", "Retype amounts above (KES)"),
}
SECRET_FIELDS = {
    "consumer_key": QT_TRANSLATE_NOOP("SettingsDialog", "Consumer key"),
    "consumer_secret": QT_TRANSLATE_NOOP("SettingsDialog", "Consumer secret"),
    "stk_passkey": QT_TRANSLATE_NOOP("SettingsDialog", "STK passkey"),
    "initiator_password": QT_TRANSLATE_NOOP("SettingsDialog", "Initiator password"),
    "security_credential": QT_TRANSLATE_NOOP("SettingsDialog", "or ready SecurityCredential"),
    "relay_token": QT_TRANSLATE_NOOP("SettingsDialog", "Relay token"),
    "relay_callback_secret": QT_TRANSLATE_NOOP("SettingsDialog", "Relay callback secret"),
}
HOURS_LABEL = QT_TRANSLATE_NOOP("SettingsDialog", "Repeat warning window (hours)")
LABELS = {"base_url": QT_TRANSLATE_NOOP("SettingsDialog", "Server address"),
          "certificate": QT_TRANSLATE_NOOP("SettingsDialog", "Certificate"),
          **TEXT_FIELDS, **CAP_FIELDS, HOURS_SETTING: HOURS_LABEL}


class SettingsDialog(QDialog):
    """Edit one profile; ``offline_url`` is the embedded simulator's address (Test connection)."""

    saved = Signal(object)
    connection_tested = Signal(bool, str)

    def __init__(
        self,
        store: ConfigStore,
        profile_name: str,
        *,
        offline_url: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.profile: Profile = store.get(profile_name)
        self.offline_url = offline_url
        self.worker = WorkerThread(self)
        self.live_confirmation: ProductionConfirmDialog | None = None
        self.setWindowTitle(translate("SettingsDialog", "Profile settings: {name}")
                            .fill(name=self.profile.name))

        profile = self.profile
        self.text_edits = {name: QLineEdit(getattr(profile, name) or "") for name in TEXT_FIELDS}
        self.cap_edits = {name: QLineEdit(_cap_text(getattr(profile, name))) for name in CAP_FIELDS}
        for edit in self.cap_edits.values():
            edit.setPlaceholderText(translate("SettingsDialog", "no limit"))
        self.repeat_window = QLineEdit(str(profile.repeat_window_hours))
        self.repeat_window.setToolTip(translate(
            "SettingsDialog", "A payout identical to one completed this many hours ago "
            "is named in the confirmation; 0 turns the warning off"))
        self.secret_edits = {name: QLineEdit() for name in SECRET_FIELDS}
        for edit in self.secret_edits.values():
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(translate("SettingsDialog", "checking the keyring..."))
        self.base_url = QLineEdit(self._shown_base_url())
        self.base_url.setReadOnly(self.profile.kind != "custom")

        style = banner_style(self.profile.kind)
        header = PlainLabel(
            f"{self.profile.name}: {translate('Profiles', self.profile.label)}")
        header.setStyleSheet(
            f"background:{style.background}; color:{style.foreground}; padding:6px; "
            "font-weight:bold;"
        )
        self.keyring_note = PlainLabel(translate("SettingsDialog", NO_BACKEND_MESSAGE))
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not backend_available())

        grid = QGridLayout()
        grid.addWidget(self._connection_group(), 0, 0)
        grid.addWidget(self._shortcodes_group(), 1, 0)
        grid.addWidget(self._initiator_group(), 2, 0)
        grid.addWidget(self._callbacks_group(), 0, 1, 2, 1)
        grid.addWidget(self._limits_group(), 2, 1)
        grid.addWidget(self._window_group(), 3, 0, 1, 2)

        self.message = PlainLabel()
        self.message.setWordWrap(True)
        text_colour(self.message, ERROR_COLOUR)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.worker.busy_changed.connect(self._busy)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.keyring_note)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        name_buttons(self.buttons)
        give_dialog_mnemonics(self)

        self.worker.run(
            partial(stored_secrets, self.profile.name), self._show_stored, self._show_keyring_error
        )

    # -- building the form ---------------------------------------------------------------------

    def _shown_base_url(self) -> str:
        if self.profile.kind == "offline":
            return self.offline_url or translate(
                "SettingsDialog", "embedded simulator (starts with the app)")
        return self.profile.base_url or ""

    def _connection_group(self) -> QGroupBox:
        group = QGroupBox(translate("SettingsDialog", "Connection"))
        form = QFormLayout(group)
        form.addRow(_shown(LABELS["base_url"]), self.base_url)
        form.addRow(_shown(SECRET_FIELDS["consumer_key"]), self.secret_edits["consumer_key"])
        form.addRow(_shown(SECRET_FIELDS["consumer_secret"]),
                    self.secret_edits["consumer_secret"])
        self.test_button = QPushButton(translate("SettingsDialog", "Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = PlainLabel()
        self.test_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        form.addRow(row)
        return group

    def _shortcodes_group(self) -> QGroupBox:
        group = QGroupBox(translate("SettingsDialog", "Shortcodes"))
        form = QFormLayout(group)
        for name in ("shortcode", "b2c_shortcode", "stk_shortcode"):
            form.addRow(_shown(TEXT_FIELDS[name]), self.text_edits[name])
        form.addRow(_shown(SECRET_FIELDS["stk_passkey"]), self.secret_edits["stk_passkey"])
        form.addRow(_shown(TEXT_FIELDS["till_number"]), self.text_edits["till_number"])
        form.addRow(_shown(TEXT_FIELDS["test_msisdn"]), self.text_edits["test_msisdn"])
        return group

    def _initiator_group(self) -> QGroupBox:
        group = QGroupBox(translate("SettingsDialog", "Initiator and certificate"))
        form = QFormLayout(group)
        form.addRow(_shown(TEXT_FIELDS["initiator"]), self.text_edits["initiator"])
        form.addRow(_shown(SECRET_FIELDS["initiator_password"]),
                    self.secret_edits["initiator_password"])
        form.addRow(
            _shown(SECRET_FIELDS["security_credential"]), self.secret_edits["security_credential"]
        )
        self.certificate = CertificatePicker(self.profile.certificate, self.worker)
        self.certificate_shown = self.certificate.shown
        form.addRow(_shown(LABELS["certificate"]), self.certificate)
        return group

    def _callbacks_group(self) -> QGroupBox:
        group = QGroupBox(translate("SettingsDialog", "Relay and callback URLs"))
        form = QFormLayout(group)
        form.addRow(_shown(TEXT_FIELDS["relay_url"]), self.text_edits["relay_url"])
        form.addRow(_shown(SECRET_FIELDS["relay_token"]), self.secret_edits["relay_token"])
        form.addRow(_shown(SECRET_FIELDS["relay_callback_secret"]),
                    self.secret_edits["relay_callback_secret"])
        note = PlainLabel(
            translate("SettingsDialog", "Leave a URL empty to derive it from the relay."))
        note.setWordWrap(True)
        form.addRow(note)
        for name in CALLBACK_FIELDS:
            form.addRow(_shown(TEXT_FIELDS[name]), self.text_edits[name])
        return group

    def _limits_group(self) -> QGroupBox:
        group = QGroupBox(translate("SettingsDialog", "Limits"))
        form = QFormLayout(group)
        for name, label in CAP_FIELDS.items():
            form.addRow(_shown(label), self.cap_edits[name])
        form.addRow(_shown(HOURS_LABEL), self.repeat_window)
        self.money_enabled = QCheckBox(
            translate("SettingsDialog", "Allow money operations (payouts, refunds, STK push)"))
        self.money_enabled.setChecked(self.profile.money_enabled)
        self.money_enabled.clicked.connect(self._money_clicked)
        form.addRow(self.money_enabled)
        return group

    def _window_group(self) -> QGroupBox:
        """The window's language and colours (for every profile): switched at once, typed
        text kept."""
        group = QGroupBox()
        show_text(group, "setTitle", translate("SettingsDialog", "Window (every profile)"))
        form = QFormLayout(group)
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.activated.connect(self._language_chosen)
        label = PlainLabel()
        show_text(label, "setText", translate("SettingsDialog", "Language / Lugha"))
        label.setBuddy(self.language)
        self.language.setAccessibleName("Language / Lugha")
        form.addRow(label, self.language)
        self.appearance = QComboBox()
        self.appearance.setObjectName("appearanceChoice")
        for code, name in APPEARANCES.items():
            self.appearance.addItem(translate("Appearance", name), code)
        self.appearance.setCurrentIndex(self.appearance.findData(current_appearance()))
        self.appearance.activated.connect(self._appearance_chosen)
        shade = PlainLabel()
        show_text(shade, "setText", translate("SettingsDialog", "Colours"))
        shade.setBuddy(self.appearance)
        form.addRow(shade, self.appearance)
        return group

    def _appearance_chosen(self, _index: int) -> None:
        choice = self.appearance.currentData()
        apply_appearance(choice)
        save_appearance(self.store.paths.config_dir, choice)

    def _language_chosen(self, _index: int) -> None:
        language = self.language.currentData()
        set_language(language)
        save_language(self.store.paths.config_dir, language)

    # -- secrets -------------------------------------------------------------------------------

    def _show_stored(self, stored: dict[str, bool]) -> None:
        for name, edit in self.secret_edits.items():
            if stored.get(name):
                edit.setPlaceholderText(translate("SettingsDialog", "stored - leave empty to keep"))
            elif self.profile.kind == "offline" and not name.startswith("relay_"):
                edit.setPlaceholderText(translate("SettingsDialog", "built-in public test value"))
            else:
                edit.setPlaceholderText(translate("SettingsDialog", "not set"))

    def _show_keyring_error(self, error: Exception) -> None:
        self.message.setText(settings_error_text(error))

    # -- limits --------------------------------------------------------------------------------

    def _money_clicked(self, checked: bool) -> None:
        """Turning LIVE money on stays off until the clerk types the profile's name."""
        if not turns_on_live_money(self.profile, checked):
            return
        self.money_enabled.setChecked(False)
        self.live_confirmation = ProductionConfirmDialog(
            self.profile.name, translate("Profiles", "turn on LIVE money"), self
        )
        self.live_confirmation.accepted.connect(lambda: self.money_enabled.setChecked(True))
        self.live_confirmation.finished.connect(self.live_confirmation.deleteLater)
        self.live_confirmation.open()

    # -- saving --------------------------------------------------------------------------------

    def edited_profile(self) -> Profile:
        """The profile as the form describes it (certificate import aside); ConfigError if bad."""
        texts = {name: edit.text() for name, edit in (*self.text_edits.items(),
                                                      *self.cap_edits.items())}
        texts[HOURS_SETTING] = self.repeat_window.text()
        if self.profile.kind == "custom":
            texts["base_url"] = self.base_url.text()
        try:
            changes = parse_settings(texts)
            if self.certificate.bundled_choice():
                changes["certificate"] = self.certificate.bundled_choice()
            changes["money_enabled"] = self.money_enabled.isChecked()
            return self.profile.updated(**changes)
        except ConfigError as error:
            raise ConfigError(_labelled(error_text(error))) from None

    def typed_secrets(self) -> dict[str, str]:
        """The secrets the clerk typed (empty fields keep what is stored)."""
        return {name: edit.text() for name, edit in self.secret_edits.items() if edit.text()}

    def save(self) -> None:
        """Check the form, then store the profile and typed secrets on the worker."""
        try:
            profile = self.edited_profile()
        except ConfigError as error:
            self.message.setText(str(error))
            return
        self.message.setText("")
        save = partial(save_profile, self.store, profile, self.typed_secrets(),
                       certificate=self.certificate.file_to_import())
        self.worker.run(save, self._saved, self._save_failed)

    def _saved(self, saved: Saved) -> None:
        self.profile = saved.profile
        self.saved.emit(saved.profile)
        self.accept()

    def _save_failed(self, error: Exception) -> None:
        self.message.setText(_labelled(settings_error_text(error)))

    # -- test connection -----------------------------------------------------------------------

    def test_connection(self) -> None:
        """Ask the server for a new access token with the typed (or stored) key and secret."""
        if self.profile.kind == "offline":
            base_url = self.offline_url
        else:
            base_url = self.base_url.text().strip()
        default_colour(self.test_result)
        self.test_result.setText(translate("SettingsDialog", "Connecting..."))
        probe = partial(check_connection, self.store.paths, self.profile, base_url=base_url,
                        typed=self.typed_secrets())
        self.worker.run(probe, self._connection_checked,
                        lambda error: self._tested(False, settings_error_text(error)))

    def _connection_checked(self, result: ConnectionResult) -> None:
        self._tested(result.ok, _labelled(result.message))

    def _tested(self, ok: bool, text: str) -> None:
        text_colour(self.test_result, GOOD_COLOUR if ok else ERROR_COLOUR)
        self.test_result.setText(text)
        self.connection_tested.emit(ok, text)

    # -- life cycle ----------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.test_button.setEnabled(not busy)

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)


def stored_secrets(profile_name: str) -> dict[str, bool]:
    """Which secrets the profile has (blocking: reads the keyring)."""
    return Secrets(profile_name).stored()


def _cap_text(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _shown(label: str) -> str:
    """A setting's label in the window's language."""
    return translate("SettingsDialog", label)


def _labelled(message: str) -> str:
    """``base_url: must use https`` -> ``Server address: must use https``."""
    setting, separator, rule = message.partition(": ")
    if separator and setting in LABELS:
        return f"{translate('SettingsDialog', LABELS[setting])}: {rule}"
    return message
