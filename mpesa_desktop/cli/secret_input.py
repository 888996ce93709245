"""The secrets a ``profile`` command takes: ``KEY=VALUE`` lines from standard input
(``--secrets-from-stdin``, for scripts) or hidden prompts at a terminal. Never argv."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from mpesa_desktop.cli.speech import tell
from mpesa_desktop.config import ConfigError, Profile
from mpesa_desktop.config.secrets import SECRET_LABELS, SECRET_NAMES
from mpesa_desktop.languages import say
from mpesa_desktop.messages import message
from mpesa_desktop.services.profiles import SANDBOX_PUBLIC_SECRETS

PROMPTED_SECRETS = ("consumer_key", "consumer_secret", "initiator_password", "stk_passkey")


def read_secrets(args: argparse.Namespace, profile: Profile) -> dict[str, str]:
    """Secrets from stdin (``--secrets-from-stdin``) or hidden prompts at a terminal."""
    if args.secrets_from_stdin:
        return parse_secret_lines(sys.stdin)
    if profile.kind == "offline" or not sys.stdin.isatty() or args.profile_command != "add":
        return {}
    tell(args, message("Enter the profile's secrets (hidden; press Enter to skip one):"))
    public = " " + say(message("[Enter: Safaricom's public test value]"), args.language)
    values = {}
    for name in PROMPTED_SECRETS:
        hint = public if (profile.kind == "sandbox" and name in SANDBOX_PUBLIC_SECRETS) else ""
        value = getpass.getpass(f"  {say(SECRET_LABELS[name], args.language)}{hint}: ")
        if value:
            values[name] = value
    return values


def parse_secret_lines(stream: TextIO) -> dict[str, str]:
    """``KEY=VALUE`` lines (blank lines and ``#`` comments skipped); ConfigError on a bad key."""
    values: dict[str, str] = {}
    for number, line in enumerate(stream, start=1):
        text = line.rstrip("\r\n")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        key, separator, value = text.partition("=")
        key = key.strip()
        if not separator:
            raise ConfigError(message("stdin line {number}: expected KEY=VALUE", number=number))
        if key not in SECRET_NAMES:
            raise ConfigError(message("stdin line {number}: unknown secret '{key}' (use {names})",
                                      number=number, key=key, names=", ".join(SECRET_NAMES)))
        values[key] = value
    return values
