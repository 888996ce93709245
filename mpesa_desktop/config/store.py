"""The config file: every profile's non-secret settings and the active profile's name.

The file is TOML (``AppPaths.config_file``), readable and editable by hand::

    active = "offline"

    [profiles.sandbox]
    kind = "sandbox"
    base_url = "https://sandbox.safaricom.co.ke"
    ...

It never holds a secret: ``Profile`` has no secret fields, and secrets go to ``config.secrets``.
A file written by an older version may hold a relay URL with its callback secret
(``https://host/cb/<secret>``): reading it moves the secret to the profile's secrets and writes
the file again without it, once (without a keyring the secret then lasts this session only, and
the app says so where the relay is used).
Writes are atomic (a temporary file, then a rename); the file is 0600 in a 0700 folder
(``private_files``), and an existing looser one is tightened when read. The offline profile
always exists. A store may be shared by threads (the GUI's worker, the services' executor):
changes take a lock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import tomllib
import uuid
from pathlib import Path

from mpesa_desktop.config.errors import ConfigError
from mpesa_desktop.config.profiles import (
    OFFLINE,
    PROFILE_FIELDS,
    RELAY_SECRET_NAME,
    Profile,
    check_profile,
    offline_profile,
    split_relay_url,
)
from mpesa_desktop.config.secrets import Secrets
from mpesa_desktop.messages import message, said
from mpesa_desktop.paths import AppPaths
from mpesa_desktop.private_files import open_private, private_dir, private_file

HEADER = (
    "# mpesa-desktop settings. No secrets here: keys, passwords and tokens live in the OS "
    "keyring.\n"
)

log = logging.getLogger(__name__)


class ConfigStore:
    """Loads, changes and saves the profiles of one installation.

    ``use``, ``add``, ``update`` and ``remove`` save at once.
    """

    def __init__(self, paths: AppPaths):
        self.paths = paths
        self.path: Path = paths.config_file
        self._profiles: dict[str, Profile] = {}
        self._active = OFFLINE
        self._lock = threading.RLock()
        self._load()

    def __repr__(self) -> str:
        return f"ConfigStore({str(self.path)!r}, active={self._active!r})"

    # -- reading -----------------------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        """Every profile, offline first, then by name."""
        with self._lock:
            profiles = list(self._profiles.values())
        return sorted(profiles, key=lambda p: (p.name != OFFLINE, p.name))

    def names(self) -> list[str]:
        return [profile.name for profile in self.profiles()]

    def get(self, name: str) -> Profile:
        """The profile called ``name``; ConfigError if there is none."""
        try:
            return self._profiles[name]
        except KeyError:
            known = ", ".join(self.names())
            raise ConfigError(message("no profile named '{name}' (profiles: {known})",
                                      name=name, known=known)) from None

    def __contains__(self, name: object) -> bool:
        return name in self._profiles

    @property
    def active(self) -> Profile:
        return self._profiles[self._active]

    @property
    def active_name(self) -> str:
        return self._active

    # -- changing ----------------------------------------------------------------------------

    def use(self, name: str) -> Profile:
        """Make ``name`` the active profile and save. (Confirming production is the caller's.)"""
        with self._lock:
            profile = self.get(name)
            self._active = name
            self.save()
        return profile

    def add(self, profile: Profile) -> Profile:
        """Add a new profile and save; ConfigError if the name is taken."""
        check_profile(profile)
        with self._lock:
            if profile.name in self._profiles:
                raise ConfigError(message("a profile named '{name}' already exists",
                                          name=profile.name))
            self._profiles[profile.name] = profile
            self.save()
        return profile

    def update(self, profile: Profile) -> Profile:
        """Replace the stored profile of the same name and save."""
        check_profile(profile)
        with self._lock:
            current = self.get(profile.name)
            if current.kind != profile.kind:
                raise ConfigError(
                    message("kind: a profile's kind cannot change; add a new profile instead")
                )
            self._profiles[profile.name] = profile
            self.save()
        return profile

    def remove(self, name: str) -> None:
        """Remove a profile and save; the offline profile cannot be removed.

        Removing the active profile makes offline active. The profile's log file is kept.
        """
        if name == OFFLINE:
            raise ConfigError(message("the offline profile is built in and cannot be removed"))
        with self._lock:
            self.get(name)
            del self._profiles[name]
            if self._active == name:
                self._active = OFFLINE
            self.save()

    # -- the file ----------------------------------------------------------------------------

    def _load(self) -> None:
        self._profiles = {OFFLINE: offline_profile()}
        self._active = OFFLINE
        if not self.path.exists():
            return
        private_file(self.path, create=False)
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(message("the config file {path} is not valid TOML: {error}",
                                      path=self.path, error=str(error))) from None
        tables = data.get("profiles", {})
        if not isinstance(tables, dict):
            raise ConfigError(message("the config file {path}: [profiles] must be a table",
                                      path=self.path))
        moved = []
        for name, table in tables.items():
            if isinstance(table, dict) and _move_relay_secret(name, table):
                moved.append(name)
            self._profiles[name] = _profile_from_table(name, table, self.path)
        active = data.get("active", OFFLINE)
        self._active = active if active in self._profiles else OFFLINE
        if moved:
            self._write()
            log.warning("moved the relay callback secret of %s from %s to the profile's "
                        "secrets", ", ".join(moved), self.path)

    def save(self) -> None:
        """Write the config file atomically."""
        with self._lock:
            self._write()

    def _write(self) -> None:
        lines = [HEADER, f"active = {_toml_value(self._active)}\n"]
        for profile in self.profiles():
            lines.append(f"\n[profiles.{_toml_key(profile.name)}]\n")
            for field in PROFILE_FIELDS:
                value = getattr(profile, field)
                if field != "name" and value is not None:
                    lines.append(f"{field} = {_toml_value(value)}\n")
        temporary = self.path.with_name(f".config-{uuid.uuid4().hex}.tmp")
        try:
            private_dir(self.path.parent)
            with open_private(temporary, "x", encoding="utf-8") as stream:
                stream.write("".join(lines))
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            if isinstance(error, OSError):  # the computer's refusal, for the clerk to fix
                raise ConfigError(message("the config file {path} could not be saved ({reason})",
                                          path=self.path, reason=error.strerror or str(error))
                                  ) from error
            raise


def _move_relay_secret(name: str, table: dict) -> bool:
    """Take the callback secret out of an older file's relay URL into the profile's secrets
    (``table`` keeps the address only); True when there was one."""
    relay_url = table.get("relay_url")
    if not isinstance(relay_url, str):
        return False
    address, secret = split_relay_url(relay_url)
    if secret is None:
        return False
    Secrets(name).set(RELAY_SECRET_NAME, secret)
    table["relay_url"] = address
    return True


def _profile_from_table(name: str, table: object, path: Path) -> Profile:
    where = message("the config file {path}, profile '{name}'", path=path, name=name)
    if not isinstance(table, dict):
        raise ConfigError(message("{where}: must be a table", where=where))
    unknown = sorted(set(table) - set(PROFILE_FIELDS))
    if unknown:
        raise ConfigError(message("{where}: unknown setting(s) {settings}", where=where,
                                  settings=", ".join(unknown)))
    if "kind" not in table:
        raise ConfigError(message("{where}: kind is missing", where=where))
    try:
        profile = Profile(name=name, **table)
        check_profile(profile)
    except (ConfigError, TypeError) as error:
        raise ConfigError(message("{where}: {problem}", where=where,
                                  problem=said(error))) from None
    return profile


def _toml_key(name: str) -> str:
    # Profile names are limited to [A-Za-z0-9_.-]; dots need quoting in a TOML key.
    return name if "." not in name else _toml_value(name)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(char if char >= " " else f"\\u{ord(char):04x}" for char in escaped)
    return f'"{escaped}"'
