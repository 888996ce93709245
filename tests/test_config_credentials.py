"""Credentials resolved from a profile and its secrets; certificates and their details."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mpesa_desktop.cli.exit_codes import code_for_error
from mpesa_desktop.config import (
    ConfigError,
    MissingSecretError,
    Secrets,
    new_profile,
    offline_profile,
)
from mpesa_desktop.config.credentials import (
    certificate_info,
    certificate_pem,
    import_certificate,
    resolve_credentials,
)
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD, PUBLIC_STK_PASSKEY
from mpesa_desktop.daraja.security import bundled_certificate
from mpesa_desktop.paths import app_paths
from mpesa_desktop.simulator.credentials import CredentialChecker
from tests.fixtures.profiles import TEST_SECRETS, register_test_secret


def simulator_checker(password: str = PUBLIC_INITIATOR_PASSWORD) -> CredentialChecker:
    return CredentialChecker({"testapi": password})


def test_offline_profile_needs_no_secrets():
    credentials = resolve_credentials(offline_profile(), Secrets("offline"), "b2c")
    assert credentials.consumer_key and credentials.consumer_secret
    assert credentials.stk_passkey == PUBLIC_STK_PASSKEY
    register_test_secret(credentials.security_credential)
    assert simulator_checker().is_valid("testapi", credentials.security_credential)


def test_generated_credential_uses_the_stored_password_and_the_profile_certificate(
    stored_secrets,
):
    profile = new_profile("lab", "custom", base_url="http://127.0.0.1:1", certificate="simulator")
    stored_secrets("lab", security_credential="")
    credentials = resolve_credentials(profile, Secrets("lab"), "reversal")
    register_test_secret(credentials.security_credential)
    assert len(credentials.security_credential) == 344
    checker = simulator_checker(TEST_SECRETS["initiator_password"])
    assert checker.decrypt(credentials.security_credential) == TEST_SECRETS["initiator_password"]
    assert credentials.consumer_key == TEST_SECRETS["consumer_key"]
    assert credentials.relay_token == TEST_SECRETS["relay_token"]


def test_a_ready_security_credential_wins(stored_secrets):
    profile = new_profile("sb", "sandbox")
    stored_secrets("sb")
    credentials = resolve_credentials(profile, Secrets("sb"), "b2c")
    assert credentials.security_credential == TEST_SECRETS["security_credential"]


def test_repr_shows_no_secret(stored_secrets):
    stored_secrets("sb")
    credentials = resolve_credentials(new_profile("sb", "sandbox"), Secrets("sb"))
    for value in TEST_SECRETS.values():
        assert value not in repr(credentials)


@pytest.mark.parametrize(
    ("missing", "operation", "named"),
    [
        ("consumer_key", None, "consumer key"),
        ("consumer_secret", "account_balance", "consumer secret"),
        ("stk_passkey", "stk_push", "STK passkey"),
    ],
)
def test_missing_secret_names_it_and_how_to_set_it(stored_secrets, missing, operation, named):
    stored_secrets("sb", **{missing: ""})
    with pytest.raises(MissingSecretError) as caught:
        resolve_credentials(new_profile("sb", "sandbox"), Secrets("sb"), operation)
    assert caught.value.secret == missing
    assert named in str(caught.value)
    assert f"mpesa-desktop profile set-secret sb {missing}" in str(caught.value)
    assert code_for_error(caught.value) == 2


def test_initiator_operation_without_password_or_credential(stored_secrets):
    stored_secrets("sb", initiator_password="", security_credential="")
    profile = new_profile("sb", "sandbox")
    assert resolve_credentials(profile, Secrets("sb"), "stk_push").security_credential is None
    with pytest.raises(MissingSecretError, match="set-secret sb initiator_password"):
        resolve_credentials(profile, Secrets("sb"), "b2c")


def test_bundled_certificate_details():
    sandbox = certificate_info(certificate_pem(new_profile("sb", "sandbox")))
    assert "apicrypt.safaricom.co.ke" in sandbox.subject
    assert (sandbox.not_before.date().isoformat(), sandbox.not_after.date().isoformat()) == (
        "2014-11-12",
        "2016-11-11",
    )
    assert sandbox.expired()
    assert "expired" in sandbox.describe()
    simulator = certificate_info(bundled_certificate("simulator"))
    assert not simulator.expired(datetime(2030, 1, 1, tzinfo=UTC))
    assert len(simulator.fingerprint_sha256) == 64


def test_import_certificate_copies_it_into_the_config_folder(app_home, tmp_path):
    source = tmp_path / "newer.cer"
    source.write_bytes(bundled_certificate("simulator"))
    stored = import_certificate(app_paths(app_home), "lab", source)
    assert stored.startswith(str(app_paths(app_home).config_dir))
    profile = new_profile("lab", "custom", base_url="http://127.0.0.1:1", certificate=stored)
    source.unlink()
    assert certificate_info(certificate_pem(profile)).subject.endswith("offline simulator")


def test_import_rejects_what_is_not_a_certificate(app_home, tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("hello")
    with pytest.raises(ConfigError, match=r"not a PEM or DER X\.509 certificate"):
        import_certificate(app_paths(app_home), "lab", source)
    with pytest.raises(ConfigError, match="cannot read"):
        import_certificate(app_paths(app_home), "lab", tmp_path / "missing.cer")


def test_a_vanished_certificate_file_says_what_to_do(stored_secrets, tmp_path):
    profile = new_profile(
        "lab", "custom", base_url="http://127.0.0.1:1", certificate=str(tmp_path / "gone.cer")
    )
    stored_secrets("lab", security_credential="")
    with pytest.raises(ConfigError, match="import the certificate again"):
        resolve_credentials(profile, Secrets("lab"), "b2c")
