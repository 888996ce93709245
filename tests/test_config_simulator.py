"""Credentials made from a profile, checked by the simulator (which decrypts them)."""

from __future__ import annotations

from mpesa_desktop.config import Secrets
from mpesa_desktop.config.credentials import generate_security_credential, resolve_credentials
from mpesa_desktop.config.profiles import PUBLIC_INITIATOR_PASSWORD
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.security import bundled_certificate
from tests.fixtures.profiles import TEST_SECRETS, register_test_secret


def pay_and_wait(profile, callback_sink) -> dict:
    """Send a B2C with the profile's resolved credentials; the Result callback's body."""
    credentials = resolve_credentials(profile, Secrets(profile.name), "b2c")
    register_test_secret(credentials.security_credential)
    with DarajaClient(
        profile.base_url,
        credentials.consumer_key,
        credentials.consumer_secret,
        environment=profile.environment,
    ) as client:
        ack = client.execute(
            "b2c",
            initiator=profile.initiator,
            security_credential=credentials.security_credential,
            command_id="BusinessPayment",
            amount=100,
            party_a=profile.b2c_shortcode,
            party_b="254708374149",
            remarks="credential check",
            queue_timeout_url=callback_sink.url("/timeout"),
            result_url=callback_sink.url("/result"),
        )
    assert ack["ResponseCode"] == "0", ack
    return callback_sink.wait_for(1)[0]["payload"]["Result"]


def test_a_generated_credential_is_accepted(custom_profile, callback_sink):
    result = pay_and_wait(custom_profile, callback_sink)
    assert str(result["ResultCode"]) == "0"


def test_a_wrong_initiator_password_gets_2001(custom_profile, callback_sink, stored_secrets):
    stored_secrets(custom_profile.name, security_credential="")  # password: TEST_SECRETS'
    assert TEST_SECRETS["initiator_password"] != PUBLIC_INITIATOR_PASSWORD
    result = pay_and_wait(custom_profile, callback_sink)
    assert str(result["ResultCode"]) == "2001"


def test_a_ready_credential_is_used_as_given(custom_profile, callback_sink):
    ready = register_test_secret(
        generate_security_credential(PUBLIC_INITIATOR_PASSWORD, bundled_certificate("simulator"))
    )
    secrets = Secrets(custom_profile.name)
    secrets.set("security_credential", ready)
    secrets.set("initiator_password", "")
    assert resolve_credentials(custom_profile, secrets, "b2c").security_credential == ready
    assert str(pay_and_wait(custom_profile, callback_sink)["ResultCode"]) == "0"
