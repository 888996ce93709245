"""SecurityCredential, STK password, EAT timestamps and bundled certificates."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone
from importlib import resources

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding

from mpesa_desktop.daraja import security


def simulator_private_key():
    pem = (resources.files("mpesa_desktop.resources") / "simulator" / "simulator.key")
    return serialization.load_pem_private_key(pem.read_bytes(), password=None)


def test_security_credential_decrypts_to_the_password():
    credential = security.security_credential("Safaricom999!*!",
                                              security.bundled_certificate("simulator"))
    ciphertext = base64.b64decode(credential)
    assert len(credential) == 344 and len(ciphertext) == 256
    assert simulator_private_key().decrypt(ciphertext, padding.PKCS1v15()) == b"Safaricom999!*!"


def test_security_credential_is_randomised():
    cert = security.bundled_certificate("sandbox")
    assert security.security_credential("pw", cert) != security.security_credential("pw", cert)


@pytest.mark.parametrize("name", ["sandbox", "production", "simulator"])
def test_bundled_certificates_hold_rsa_2048_keys(name):
    certificate = security.load_certificate(security.bundled_certificate(name))
    assert certificate.public_key().key_size == 2048


def test_der_certificates_load_too():
    pem = security.bundled_certificate("simulator")
    der = security.load_certificate(pem).public_bytes(serialization.Encoding.DER)
    assert security.load_certificate(der).serial_number == \
        security.load_certificate(pem).serial_number


def test_unknown_certificate_name():
    with pytest.raises(ValueError, match="unknown certificate"):
        security.bundled_certificate("staging")


@pytest.mark.parametrize("password", ["", "x" * 246])
def test_password_length_limits(password):
    with pytest.raises(ValueError, match="initiator password must be 1 to 245 bytes"):
        security.security_credential(password, security.bundled_certificate("simulator"))


def test_stk_password_matches_the_portal_sample():
    password = security.stk_password(
        174379, "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
        "20210628092408")
    assert password == ("MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEw"
                        "Zjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4")


def test_eat_timestamp_is_utc_plus_3():
    assert security.eat_timestamp(datetime(2026, 10, 6, 6, 52, 33, tzinfo=UTC)) == \
        "20261006095233"
    nairobi_late = datetime(2026, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert security.eat_timestamp(nairobi_late) == "20270101073000"


def test_eat_timestamp_refuses_naive_times():
    with pytest.raises(ValueError, match="aware"):
        security.eat_timestamp(datetime(2026, 1, 1))
