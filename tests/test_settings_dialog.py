"""The profile settings dialog, the sandbox set-up and the LIVE confirmation, on real widgets."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mpesa_desktop import cli
from mpesa_desktop.config import ConfigStore, Secrets, new_profile
from mpesa_desktop.config.profiles import (
    PUBLIC_INITIATOR_PASSWORD,
    PUBLIC_STK_PASSKEY,
    PUBLIC_STK_SHORTCODE,
)
from mpesa_desktop.daraja.security import bundled_certificate
from mpesa_desktop.paths import app_paths
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from mpesa_desktop.ui.profile_wizard import (
    NewProfileDialog,
    ProductionConfirmDialog,
    SandboxSetupDialog,
)
from mpesa_desktop.ui.settings_dialog import LABELS, SettingsDialog
from tests.fixtures.profiles import TEST_SECRETS

WAIT = 10_000


def open_dialog(qtbot, store, name, **kwargs) -> SettingsDialog:
    dialog = SettingsDialog(store, name, **kwargs)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=WAIT)
    return dialog


def reloaded(app_home) -> ConfigStore:
    return ConfigStore(app_paths(app_home))


def test_fields_show_the_profile(qtbot, config_store, stored_secrets):
    config_store.add(new_profile("live", "production"))
    stored_secrets("live")
    dialog = open_dialog(qtbot, config_store, "live")
    assert dialog.base_url.text() == "https://api.safaricom.co.ke"
    assert dialog.base_url.isReadOnly()
    assert dialog.cap_edits["per_payment_cap"].text() == "70,000"
    assert not dialog.money_enabled.isChecked()
    assert dialog.certificate.bundled_choice() == "production"
    assert dialog.certificate.subject.text() == "Issued to apigee.apicaller.safaricom.co.ke"
    assert dialog.certificate.validity.text() == "Valid 2017-04-25 to 2018-03-21 (expired)"
    # Secrets are never loaded into the form, only whether they are stored.
    for edit in dialog.secret_edits.values():
        assert edit.text() == ""
        assert edit.placeholderText() == "stored - leave empty to keep"


def test_offline_fields_and_placeholders(qtbot, config_store):
    dialog = open_dialog(qtbot, config_store, "offline")
    assert dialog.text_edits["stk_shortcode"].text() == PUBLIC_STK_SHORTCODE
    assert dialog.text_edits["till_number"].text() == "600100"
    assert dialog.secret_edits["consumer_key"].placeholderText() == "built-in public test value"
    assert dialog.secret_edits["relay_token"].placeholderText() == "not set"
    assert "offline simulator" in dialog.certificate.subject.text()


def test_choosing_and_importing_a_certificate(qtbot, app_home, config_store, tmp_path):
    config_store.add(new_profile("sb", "sandbox"))
    dialog = open_dialog(qtbot, config_store, "sb")
    assert dialog.certificate.subject.text() == "Issued to apicrypt.safaricom.co.ke"
    with qtbot.waitSignal(dialog.certificate.shown, timeout=WAIT) as shown:
        dialog.certificate.choice.setCurrentIndex(dialog.certificate.choice.findData("production"))
    assert "apigee.apicaller.safaricom.co.ke" in shown.args[0] and "expired" in shown.args[0]
    source = tmp_path / "newer.cer"
    source.write_bytes(bundled_certificate("simulator"))
    with qtbot.waitSignal(dialog.certificate.shown, timeout=WAIT) as shown:
        dialog.certificate.choose_file(str(source))
    assert "offline simulator" in shown.args[0]
    assert dialog.certificate.choice.currentText() == "Imported: newer.cer"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    stored = reloaded(app_home).get("sb").certificate
    assert stored.startswith(str(app_paths(app_home).config_dir))
    again = open_dialog(qtbot, reloaded(app_home), "sb")
    assert again.certificate.choice.currentText() == "Imported: sb.cer"
    assert "offline simulator" in again.certificate.subject.text()


def test_a_file_that_is_not_a_certificate_is_reported(qtbot, config_store, tmp_path):
    config_store.add(new_profile("sb", "sandbox"))
    dialog = open_dialog(qtbot, config_store, "sb")
    source = tmp_path / "notes.cer"
    source.write_text("not a certificate")
    with qtbot.waitSignal(dialog.certificate.shown, timeout=WAIT) as shown:
        dialog.certificate.choose_file(str(source))
    assert shown.args[0] == "certificate: not a PEM or DER X.509 certificate"


def test_save_stores_settings_in_the_file_and_secrets_in_the_keyring(
    qtbot, app_home, config_store, memory_keyring
):
    config_store.add(new_profile("sb", "sandbox"))
    dialog = open_dialog(qtbot, config_store, "sb")
    dialog.cap_edits["daily_cap"].setText("50,000")
    dialog.text_edits["till_number"].setText("600100")
    qtbot.keyClicks(dialog.secret_edits["consumer_key"], TEST_SECRETS["consumer_key"])
    qtbot.keyClicks(dialog.secret_edits["relay_token"], TEST_SECRETS["relay_token"])
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].daily_cap == 50_000
    profile = reloaded(app_home).get("sb")
    assert (profile.daily_cap, profile.till_number) == (50_000, "600100")
    assert Secrets("sb").get("consumer_key") == TEST_SECRETS["consumer_key"]
    assert Secrets("sb").get("relay_token") == TEST_SECRETS["relay_token"]
    text = config_store.path.read_text(encoding="utf-8")
    assert TEST_SECRETS["consumer_key"] not in text and TEST_SECRETS["relay_token"] not in text


def test_bad_input_names_the_field_and_saves_nothing(qtbot, app_home, config_store):
    config_store.add(new_profile("lab", "custom", base_url="http://127.0.0.1:9000"))
    dialog = open_dialog(qtbot, config_store, "lab")
    dialog.base_url.setText("http://sim.example.com")
    dialog.save()
    assert dialog.message.text() == (
        "Server address: must use https for a custom server that is not loopback"
    )
    dialog.base_url.setText("http://127.0.0.1:9001")
    dialog.cap_edits["per_payment_cap"].setText("a lot")
    dialog.save()
    assert dialog.message.text() == (
        "Per-payment cap (KES): must be a whole number of shillings; empty or 'none' means "
        "no limit (got 'a lot': that is not a number)"
    )
    dialog.cap_edits["per_payment_cap"].setText("1500,00")  # never a cap of 150,000
    dialog.save()
    assert dialog.message.text() == (
        "Per-payment cap (KES): must be a whole number of shillings; empty or 'none' means "
        "no limit (got '1500,00': a decimal comma is not accepted)"
    )
    dialog.cap_edits["per_payment_cap"].setText("")
    dialog.text_edits["shortcode"].setText("12")
    dialog.save()
    assert dialog.message.text() == (
        "Shortcode (paybill or till): must be a shortcode of 5 to 9 digits")
    assert reloaded(app_home).get("lab").base_url == "http://127.0.0.1:9000"


def test_the_repeat_warning_window_is_set_here_too(qtbot, app_home, config_store):
    config_store.add(new_profile("sb", "sandbox"))
    dialog = open_dialog(qtbot, config_store, "sb")
    assert dialog.repeat_window.text() == "24"
    dialog.repeat_window.setText("0")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    assert reloaded(app_home).get("sb").repeat_window_hours == 0


@pytest.mark.parametrize(("field", "option", "text"), [
    ("repeat_window", "--repeat-window-hours", "two days"),
    ("daily_cap", "--daily-cap", "1500,00"),
    ("shortcode", "--shortcode", "12"),
])
def test_a_bad_setting_reads_the_same_here_and_on_the_command_line(
        qtbot, capsys, app_home, config_store, field, option, text):
    config_store.add(new_profile("sb", "sandbox"))
    dialog = open_dialog(qtbot, config_store, "sb")
    edits = {**dialog.text_edits, **dialog.cap_edits, "repeat_window": dialog.repeat_window}
    edits[field].setText(text)
    dialog.save()
    label, _, rule = dialog.message.text().partition(": ")
    assert label in LABELS.values() and rule
    assert cli.main(["profile", "set", "sb", option, text]) == 2
    key = option[2:].replace("-", "_")
    assert capsys.readouterr().err == f"error: {key}: {rule}\n"
    assert reloaded(app_home).get("sb") == new_profile("sb", "sandbox")


@pytest.mark.parametrize(("typed", "enabled"), [("live", True), ("LIVE", False), (None, False)])
def test_turning_on_live_money_needs_the_typed_name(qtbot, config_store, typed, enabled):
    config_store.add(new_profile("live", "production"))
    dialog = open_dialog(qtbot, config_store, "live")
    dialog.money_enabled.click()
    assert not dialog.money_enabled.isChecked()
    confirm = dialog.live_confirmation
    assert confirm.isVisible() and confirm.isModal()
    if typed is None:
        confirm.reject()
    else:
        qtbot.keyClicks(confirm.typed, typed)
        assert confirm.ok_button.isEnabled() is enabled
        confirm.accept()
    assert dialog.money_enabled.isChecked() is enabled


def test_other_kinds_switch_money_without_confirmation(qtbot, config_store):
    dialog = open_dialog(qtbot, config_store, "offline")
    dialog.money_enabled.click()
    assert not dialog.money_enabled.isChecked()
    dialog.money_enabled.click()
    assert dialog.money_enabled.isChecked() and dialog.live_confirmation is None


def test_test_connection_against_the_simulator(qtbot, config_store, custom_profile):
    dialog = open_dialog(qtbot, config_store, custom_profile.name)
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT) as tested:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    ok, text = tested.args
    assert ok, text
    assert text.startswith("Connected: http://127.0.0.1:")
    assert dialog.test_result.text() == text


def test_test_connection_offline_uses_the_embedded_simulator(qtbot, config_store, simulator):
    dialog = open_dialog(qtbot, config_store, "offline", offline_url=simulator.url)
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT) as tested:
        dialog.test_connection()
    assert tested.args[0] is True
    without = open_dialog(qtbot, config_store, "offline")
    with qtbot.waitSignal(without.connection_tested, timeout=WAIT) as tested:
        without.test_connection()
    assert tested.args == [False, tested.args[1]] and "main window" in tested.args[1]


def test_test_connection_says_plainly_when_keys_are_refused(qtbot, config_store, stored_secrets):
    strict = Simulator(
        SimulatorConfig(
            callback_delay=0.05,
            consumer_key=TEST_SECRETS["consumer_key"],
            consumer_secret=TEST_SECRETS["consumer_secret"],
        )
    )
    strict.start()
    try:
        config_store.add(new_profile("lab", "custom", base_url=strict.url))
        stored_secrets("lab")
        dialog = open_dialog(qtbot, config_store, "lab")
        with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT) as tested:
            dialog.test_connection()
        assert tested.args[0] is True
        dialog.secret_edits["consumer_secret"].setText("cs-TESTONLY-wrong")
        with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT) as tested:
            dialog.test_connection()
        assert tested.args[0] is False
        assert "refused the consumer key and secret" in tested.args[1]
    finally:
        strict.stop()


def test_test_connection_when_nothing_listens(qtbot, config_store, stored_secrets):
    config_store.add(new_profile("lab", "custom", base_url="http://127.0.0.1:9"))
    dialog = open_dialog(qtbot, config_store, "lab")
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT) as tested:
        dialog.test_connection()
    assert tested.args[0] is False
    assert "consumer key is not set for profile 'lab'" in tested.args[1]
    stored_secrets("lab")
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT) as tested:
        dialog.test_connection()
    assert tested.args[0] is False
    assert tested.args[1].startswith("Could not reach the server.")


def test_sandbox_setup_in_one_step(qtbot, app_home, config_store, memory_keyring):
    wizard = SandboxSetupDialog(config_store)
    qtbot.addWidget(wizard)
    assert wizard.name.text() == "sandbox"
    assert wizard.stk_shortcode.text() == PUBLIC_STK_SHORTCODE
    assert wizard.stk_passkey.text() == PUBLIC_STK_PASSKEY
    assert wizard.initiator_password.text() == PUBLIC_INITIATOR_PASSWORD
    assert wizard.test_msisdn.text() == "254708374149"
    assert not wizard.create_button.isEnabled()
    qtbot.keyClicks(wizard.consumer_key, TEST_SECRETS["consumer_key"])
    assert not wizard.create_button.isEnabled()
    qtbot.keyClicks(wizard.consumer_secret, TEST_SECRETS["consumer_secret"])
    assert wizard.create_button.isEnabled()
    with qtbot.waitSignal(wizard.created, timeout=WAIT) as created:
        wizard.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert created.args[0].name == "sandbox"
    assert created.args[1] is True  # switch now: the caller switches the services
    store = reloaded(app_home)
    assert store.get("sandbox").base_url == "https://sandbox.safaricom.co.ke"
    assert store.get("sandbox").stk_shortcode == PUBLIC_STK_SHORTCODE
    secrets = Secrets("sandbox")
    assert secrets.get("consumer_secret") == TEST_SECRETS["consumer_secret"]
    assert secrets.get("stk_passkey") == PUBLIC_STK_PASSKEY
    assert secrets.get("initiator_password") == PUBLIC_INITIATOR_PASSWORD
    assert SandboxSetupDialog(config_store).name.text() == "sandbox-2"


def test_sandbox_setup_rejects_a_bad_field(qtbot, config_store):
    wizard = SandboxSetupDialog(config_store)
    qtbot.addWidget(wizard)
    wizard.consumer_key.setText(TEST_SECRETS["consumer_key"])
    wizard.consumer_secret.setText(TEST_SECRETS["consumer_secret"])
    wizard.shortcode.setText("60")
    wizard.create_profile()
    assert wizard.message.text() == "shortcode: must be a shortcode of 5 to 9 digits"
    assert "sandbox" not in config_store


def test_without_a_keyring_the_dialogs_say_so(qtbot, config_store):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    wizard = SandboxSetupDialog(config_store)
    qtbot.addWidget(wizard)
    assert not wizard.keyring_note.isHidden()
    assert "kept in memory for this session only" in wizard.keyring_note.text()
    dialog = open_dialog(qtbot, config_store, "offline")
    assert not dialog.keyring_note.isHidden()


def test_production_confirm_dialog_enables_only_on_the_exact_name(qtbot):
    confirm = ProductionConfirmDialog("live", "switch to LIVE money")
    qtbot.addWidget(confirm)
    assert not confirm.ok_button.isEnabled()
    qtbot.keyClicks(confirm.typed, "liv")
    assert not confirm.ok_button.isEnabled()
    qtbot.keyClicks(confirm.typed, "e")
    assert confirm.ok_button.isEnabled()


def test_new_custom_profile(qtbot, app_home, config_store):
    dialog = NewProfileDialog(config_store)
    qtbot.addWidget(dialog)
    dialog.name.setText("lab")
    dialog.kind.setCurrentIndex(dialog.kind.findData("custom"))
    assert not dialog.base_url.isReadOnly()
    dialog.base_url.setText("http://sim.example.com")
    dialog.create_profile()
    assert dialog.message.text() == (
        "base_url: must use https for a custom server that is not loopback"
    )
    dialog.base_url.setText("http://127.0.0.1:9000")
    with qtbot.waitSignal(dialog.created, timeout=WAIT) as created:
        dialog.create_profile()
    assert created.args[0].certificate == "simulator"
    assert reloaded(app_home).get("lab").base_url == "http://127.0.0.1:9000"


@pytest.mark.parametrize("confirmed", [True, False])
def test_new_production_profile_needs_the_typed_name(qtbot, app_home, config_store, confirmed):
    dialog = NewProfileDialog(config_store)
    qtbot.addWidget(dialog)
    dialog.name.setText("live")
    dialog.kind.setCurrentIndex(dialog.kind.findData("production"))
    assert dialog.base_url.isReadOnly()
    assert dialog.base_url.text() == "https://api.safaricom.co.ke"
    dialog.create_profile()
    confirm = dialog.live_confirmation
    assert confirm.isVisible()
    if not confirmed:
        confirm.reject()
        assert "live" not in reloaded(app_home)
        return
    qtbot.keyClicks(confirm.typed, "live")
    with qtbot.waitSignal(dialog.created, timeout=WAIT):
        confirm.accept()
    assert reloaded(app_home).get("live").money_enabled is False
