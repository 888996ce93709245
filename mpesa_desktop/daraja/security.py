"""Daraja's two secrets on the wire: the SecurityCredential and the STK push Password.

- SecurityCredential: the initiator's password encrypted with the RSA public key of the
  environment's certificate, PKCS#1 v1.5 padding, base64 (daraja-reference.md section 6.1).
- STK Password: base64(shortcode + passkey + timestamp), the timestamp ``YYYYMMDDHHmmss`` in East
  Africa Time (UTC+3, no daylight saving) and repeated in the body (section 6.2).
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING

from mpesa_desktop.kenya import EAT
from mpesa_desktop.messages import message

# cryptography loads when a certificate is read or a credential made, not with the STK password
if TYPE_CHECKING:
    from cryptography import x509

BUNDLED_CERTIFICATES = {
    "sandbox": ("certs", "sandbox.cer"),
    "production": ("certs", "production.cer"),
    "simulator": ("simulator", "simulator.cer"),
}


def eat_timestamp(now: datetime | None = None) -> str:
    """``YYYYMMDDHHmmss`` in East Africa Time; ``now`` must be aware (defaults to the clock)."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("eat_timestamp needs an aware datetime")
    return moment.astimezone(EAT).strftime("%Y%m%d%H%M%S")


def stk_password(shortcode: str | int, passkey: str, timestamp: str) -> str:
    """The STK push/query Password for this shortcode, passkey and timestamp."""
    return base64.b64encode(f"{shortcode}{passkey}{timestamp}".encode()).decode("ascii")


def bundled_certificate(name: str) -> bytes:
    """The PEM bytes of a certificate shipped in resources: sandbox, production or simulator."""
    try:
        folder, filename = BUNDLED_CERTIFICATES[name]
    except KeyError:
        raise ValueError(
            f"unknown certificate {name!r}; choose one of {', '.join(BUNDLED_CERTIFICATES)}"
        ) from None
    return (resources.files("mpesa_desktop.resources") / folder / filename).read_bytes()


def load_certificate(pem_or_der: bytes) -> x509.Certificate:
    """Parse a certificate given as PEM or DER bytes."""
    from cryptography import x509

    if b"-----BEGIN" in pem_or_der:
        return x509.load_pem_x509_certificate(pem_or_der)
    return x509.load_der_x509_certificate(pem_or_der)


def security_credential(password: str, certificate: bytes) -> str:
    """Encrypt the initiator password for Daraja (RSA PKCS#1 v1.5 then base64)."""
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    public_key = load_certificate(certificate).public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise ValueError(message("the certificate does not hold an RSA public key"))
    data = password.encode("utf-8")
    limit = public_key.key_size // 8 - 11
    if not data or len(data) > limit:
        raise ValueError(message("initiator password must be 1 to {limit} bytes", limit=limit))
    return base64.b64encode(public_key.encrypt(data, padding.PKCS1v15())).decode("ascii")
