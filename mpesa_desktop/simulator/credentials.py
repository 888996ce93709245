"""Checks an initiator's SecurityCredential the way Daraja does, with the simulator's own key.

The credential is the initiator password encrypted with the public key of
``resources/simulator/simulator.cer`` (RSA PKCS#1 v1.5, base64); the simulator decrypts it with
``simulator.key`` and compares it with the password configured for the initiator.
"""

from __future__ import annotations

import base64
import binascii
import functools
from importlib import resources

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from mpesa_desktop.daraja.security import bundled_certificate


def simulator_certificate() -> bytes:
    """The simulator's certificate, PEM (the one clients encrypt initiator passwords with)."""
    return bundled_certificate("simulator")


@functools.cache
def _load_private_key() -> rsa.RSAPrivateKey:
    """The simulator's private key, loaded once per process (loading it is slow)."""
    pem = (resources.files("mpesa_desktop.resources") / "simulator" / "simulator.key").read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("the simulator key is not an RSA key")
    return key


class CredentialChecker:
    """Decides whether a SecurityCredential carries the initiator's configured password."""

    def __init__(self, initiators: dict[str, str], accept_any: bool = False):
        self._initiators = dict(initiators)
        self._accept_any = accept_any
        self._key = _load_private_key()

    def decrypt(self, credential: str) -> str | None:
        """The plaintext password, or None when the credential does not decrypt."""
        try:
            ciphertext = base64.b64decode(credential, validate=True)
            return self._key.decrypt(ciphertext, padding.PKCS1v15()).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            return None

    def is_valid(self, initiator: str, credential: str) -> bool:
        if self._accept_any:
            return True
        expected = self._initiators.get(initiator)
        return expected is not None and self.decrypt(credential) == expected
