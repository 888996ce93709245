"""Secrets of a profile, kept in the OS keyring and nowhere else.

Keyring service ``mpesa-desktop``, user name ``<profile>/<secret name>``. When the machine has no
keyring backend, the values are kept in memory for this session only (``SessionVault``) and
``Secrets.backend_message`` says so in plain words. Values are never logged and never appear in a
``repr``. OAuth access tokens, shared by the processes of one user, are kept under the same
service by ``token_store`` (user names ``access-token ...``).

A secret missing from both may be read from the environment, ``MPESA_DESKTOP_<PROFILE>_<NAME>``
(upper case, other characters as ``_``; e.g. ``MPESA_DESKTOP_SANDBOX_CONSUMER_KEY``), so scripts
and machines without a keyring can supply secrets without files or command-line arguments. The
app only reads these variables; it never sets them.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from typing import TYPE_CHECKING

from mpesa_desktop.messages import message

# keyring (and the backend it finds) loads on the first use of a secret, not with the config:
# a command that touches no secret (``paths``, ``log``) starts without it.
if TYPE_CHECKING:
    from keyring.errors import KeyringError

SERVICE = "mpesa-desktop"
SECRET_NAMES = (
    "consumer_key",
    "consumer_secret",
    "initiator_password",
    "security_credential",
    "stk_passkey",
    "relay_token",
    "relay_callback_secret",
    "ledger_password",
)
# What each secret is called in a sentence ("The consumer key is not set ..."): core words, said
# in the clerk's language by the window (``ui.i18n.core_text``) and the command line
# (``languages.say``) wherever a sentence names a secret.
SECRET_LABELS = {
    "consumer_key": message("consumer key"),
    "consumer_secret": message("consumer secret"),
    "initiator_password": message("initiator password"),
    "security_credential": message("SecurityCredential"),
    "stk_passkey": message("STK passkey"),
    "relay_token": message("relay token"),
    "relay_callback_secret": message("relay callback secret"),
    "ledger_password": message("team ledger password"),
}
NO_BACKEND_MESSAGE = message(
    "No system keyring was found on this computer, so secrets are kept in memory for this "
    "session only and will need to be entered again after the app closes. They are never "
    "written to disk. (Scripts can also pass them in environment variables such as "
    "MPESA_DESKTOP_<PROFILE>_CONSUMER_KEY.)"
)

log = logging.getLogger(__name__)


class SessionVault:
    """Secrets kept in memory for the life of the process (the no-keyring fallback)."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SessionVault({len(self._values)} value(s))"

    def get(self, profile: str, name: str) -> str | None:
        with self._lock:
            return self._values.get((profile, name))

    def set(self, profile: str, name: str, value: str) -> None:
        with self._lock:
            self._values[(profile, name)] = value

    def delete(self, profile: str, name: str) -> None:
        with self._lock:
            self._values.pop((profile, name), None)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


SESSION_VAULT = SessionVault()


def environment_variable(profile: str, name: str) -> str:
    """Where secret ``name`` of ``profile`` may be given, e.g. MPESA_DESKTOP_LAB_RELAY_TOKEN."""
    return "MPESA_DESKTOP_" + re.sub(r"[^A-Z0-9]", "_", f"{profile}_{name}".upper())


def backend_available() -> bool:
    """True when keyring has a real backend (not the fail/null placeholders)."""
    import keyring

    return _is_real(keyring.get_keyring())


def _is_real(backend: object) -> bool:
    import keyring.backends.fail
    import keyring.backends.null
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring):
        return False
    if isinstance(backend, ChainerBackend):
        return any(_is_real(inner) for inner in backend.backends)
    return True


class Secrets:
    """The secrets of one profile: ``get``, ``set``, ``delete`` by name (see SECRET_NAMES)."""

    def __init__(self, profile_name: str, *, vault: SessionVault = SESSION_VAULT):
        self.profile_name = profile_name
        self._vault = vault
        # Finding the keyring's backend takes a while (keyring scans its plug-ins): done on the
        # first use of a secret, so that opening a profile that reads none (offline) is quick.
        self._backend: bool | None = None

    def __repr__(self) -> str:
        where = "keyring" if self.backend_available else "session memory"
        return f"Secrets({self.profile_name!r}, {where})"

    @property
    def _backend_available(self) -> bool:
        if self._backend is None:
            self._backend = backend_available()
        return self._backend

    @property
    def backend_available(self) -> bool:
        """False when secrets are only kept in memory for this session."""
        return self._backend_available

    @property
    def backend_message(self) -> str | None:
        """A plain sentence when there is no keyring backend, else None."""
        return None if self._backend_available else NO_BACKEND_MESSAGE

    def _username(self, name: str) -> str:
        if name not in SECRET_NAMES:
            raise ValueError(f"unknown secret {name!r}; choose one of {', '.join(SECRET_NAMES)}")
        return f"{self.profile_name}/{name}"

    def _fall_back(self, error: KeyringError) -> None:
        if self._backend_available:
            log.warning("keyring unavailable (%s); keeping secrets in memory", type(error).__name__)
        self._backend = False

    def get(self, name: str) -> str | None:
        """The value from the keyring, else session memory, else the environment; or None."""
        import keyring
        from keyring.errors import KeyringError

        username = self._username(name)
        value = None
        if self._backend_available:
            try:
                value = keyring.get_password(SERVICE, username)
            except KeyringError as error:
                self._fall_back(error)
        return (
            value
            or self._vault.get(self.profile_name, name)
            or os.environ.get(environment_variable(self.profile_name, name))
            or None
        )

    def has(self, name: str) -> bool:
        return bool(self.get(name))

    def set(self, name: str, value: str) -> None:
        """Store ``value``; an empty value deletes the secret."""
        import keyring
        from keyring.errors import KeyringError

        username = self._username(name)
        if not value:
            self.delete(name)
            return
        if self._backend_available:
            try:
                keyring.set_password(SERVICE, username, value)
            except KeyringError as error:
                self._fall_back(error)
            else:
                self._vault.delete(self.profile_name, name)
                return
        self._vault.set(self.profile_name, name, value)

    def delete(self, name: str) -> None:
        """Forget the secret (no error if it was not set)."""
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        username = self._username(name)
        self._vault.delete(self.profile_name, name)
        if self._backend_available:
            try:
                keyring.delete_password(SERVICE, username)
            except PasswordDeleteError:
                pass
            except KeyringError as error:
                self._fall_back(error)

    def delete_all(self) -> None:
        """Forget every secret of the profile (when the profile is removed)."""
        for name in SECRET_NAMES:
            self.delete(name)

    def stored(self) -> dict[str, bool]:
        """Which secrets are set, by name (never the values)."""
        return {name: self.has(name) for name in SECRET_NAMES}
