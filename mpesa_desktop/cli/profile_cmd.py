"""``mpesa-desktop profile ...``: list, show, add, change, switch, remove and test profiles.

Saving and testing go through the services the window uses (``services.profiles``,
``services.connection``), with the same rules and sentences. Secrets are never taken from the
command line: they are asked for at a hidden prompt, or read
from standard input as ``KEY=VALUE`` lines with ``--secrets-from-stdin`` (for scripts). Adding,
switching to or enabling money in a production profile asks the clerk to type the profile's name
(or ``--yes-live`` confirms it non-interactively).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from mpesa_desktop.cli.exit_codes import code_for_connection, code_for_error
from mpesa_desktop.cli.secret_input import read_secrets
from mpesa_desktop.cli.speech import fail, tell
from mpesa_desktop.config import (
    ConfigError,
    ConfigStore,
    Profile,
    Secrets,
    new_profile,
)
from mpesa_desktop.config.profiles import (
    BUNDLED_CERTIFICATE_NAMES,
    DEFAULT_REPEAT_WINDOW_HOURS,
    KINDS,
    PROFILE_FIELDS,
)
from mpesa_desktop.config.secrets import (
    NO_BACKEND_MESSAGE,
    SECRET_LABELS,
    SECRET_NAMES,
    environment_variable,
)
from mpesa_desktop.languages import PROFILES, say, word
from mpesa_desktop.messages import Message, message, said
from mpesa_desktop.paths import AppPaths, app_paths
from mpesa_desktop.services.connection import check_connection
from mpesa_desktop.services.profiles import (
    CAP_SETTINGS,
    HOURS_SETTING,
    TEXT_SETTINGS,
    Saved,
    add_profile,
    check_new_name,
    parse_settings,
    remove_profile,
    save_profile,
    save_secrets,
    turns_on_live_money,
)

Command = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds ``profile`` and its sub-commands."""
    parser = subparsers.add_parser(
        "profile",
        help="manage profiles (offline simulator, sandbox, production, custom)",
        description="Manage profiles. Secrets are asked for at a hidden prompt or read from "
        "stdin (--secrets-from-stdin), never taken from arguments.",
    )
    commands = parser.add_subparsers(dest="profile_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="list the profiles")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=_guarded(cmd_list))

    show = commands.add_parser("show", help="show a profile's settings (never secret values)")
    show.add_argument("name")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=_guarded(cmd_show))

    add = commands.add_parser("add", help="add a profile")
    add.add_argument("name")
    add.add_argument("--kind", required=True, choices=KINDS)
    _add_setting_options(add)
    add.add_argument("--use", action="store_true", help="make it the active profile")
    _add_secret_and_live_options(add)
    add.set_defaults(func=_guarded(cmd_add))

    change = commands.add_parser("set", help="change a profile's settings")
    change.add_argument("name")
    _add_setting_options(change)
    change.add_argument(
        "--money-enabled",
        choices=("on", "off"),
        help="allow money operations (production profiles start with them off)",
    )
    _add_secret_and_live_options(change)
    change.set_defaults(func=_guarded(cmd_set))

    use = commands.add_parser("use", help="make a profile the active one")
    use.add_argument("name")
    use.add_argument("--yes-live", action="store_true", help="confirm a production profile")
    use.set_defaults(func=_guarded(cmd_use))

    remove = commands.add_parser("remove", help="remove a profile and its secrets (log kept)")
    remove.add_argument("name")
    remove.set_defaults(func=_guarded(cmd_remove))

    set_secret = commands.add_parser(
        "set-secret",
        help="store one secret (hidden prompt, or one line from stdin); empty clears it",
    )
    set_secret.add_argument("name")
    set_secret.add_argument("key", choices=SECRET_NAMES)
    set_secret.set_defaults(func=_guarded(cmd_set_secret))

    test = commands.add_parser(
        "test", help="test the connection: ask the server for a new access token",
        description="Ask the profile's server for a new access token with its stored consumer "
        "key and secret. Exit 0 connected, 2 a secret or the address missing, 3 refused, 4 the "
        "server could not be reached.")
    test.add_argument("name")
    test.add_argument("--json", action="store_true", help="print JSON")
    test.set_defaults(func=_guarded(cmd_test))


def _add_setting_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("settings (not secret)")
    for option in TEXT_SETTINGS:
        group.add_argument(f"--{option.replace('_', '-')}", dest=option, metavar="VALUE")
    group.add_argument(
        "--certificate",
        metavar="NAME_OR_FILE",
        help=f"{', '.join(BUNDLED_CERTIFICATE_NAMES)}, or a certificate file to import",
    )
    for option in CAP_SETTINGS:
        group.add_argument(
            f"--{option.replace('_', '-')}",
            dest=option,
            metavar="KES",
            help="whole shillings, or 'none' to remove",
        )
    group.add_argument(
        "--repeat-window-hours",
        dest=HOURS_SETTING,
        metavar="HOURS",
        help="name a completed identical payout made within HOURS in the confirmation "
        f"(default {DEFAULT_REPEAT_WINDOW_HOURS}; 0 turns the warning off)",
    )


def _add_secret_and_live_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--secrets-from-stdin",
        action="store_true",
        help="read secrets as KEY=VALUE lines from stdin (keys: " + ", ".join(SECRET_NAMES) + ")",
    )
    parser.add_argument(
        "--yes-live", action="store_true", help="confirm production without the typed prompt"
    )


def _guarded(command: Command) -> Command:
    """Run ``command``, turning config errors into a message and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ConfigError as error:
            fail(args, said(error))
            return code_for_error(error)

    return run


def _paths(args: argparse.Namespace) -> AppPaths:
    return app_paths(getattr(args, "home", None))


# -- commands ------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    store = ConfigStore(_paths(args))
    rows = [
        {
            "name": profile.name,
            "kind": profile.kind,
            "base_url": profile.base_url,
            "active": profile.name == store.active_name,
            "money_enabled": profile.money_enabled,
        }
        for profile in store.profiles()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    simulator = say(message("embedded simulator"), args.language)
    money_off = "  " + say(message("(money off)"), args.language)
    for row in rows:
        marker = "*" if row["active"] else " "
        where = row["base_url"] or simulator
        money = "" if row["money_enabled"] else money_off
        tell(args, f"{marker} {row['name']:<16} {row['kind']:<10} {where}{money}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    store = ConfigStore(_paths(args))
    profile = store.get(args.name)
    secrets = Secrets(profile.name)
    details = profile_details(profile, store.active_name == profile.name, secrets)
    if args.json:
        print(json.dumps(details, indent=2))
        return 0
    active = "  " + say(message("[active]"), args.language) if details["active"] else ""
    tell(args, f"{profile.name}: {_kind(args, profile)}{active}")
    for field in PROFILE_FIELDS[2:]:
        value = details["settings"][field]
        tell(args, f"  {field:<18} {'-' if value is None else value}")
    label = say(message("certificate info"), args.language)
    tell(args, f"  {label:<18} {say(details['certificate_info'], args.language)}")
    tell(args, "  " + say(message("secrets (keyring):") if secrets.backend_available
                          else message("secrets (session memory only):"), args.language))
    stored, not_stored = (say(message("set"), args.language),
                          say(message("not set"), args.language))
    for name, present in details["secrets"].items():
        tell(args, f"    {name:<20} {stored if present else not_stored}")
    if secrets.backend_message:
        tell(args, secrets.backend_message, error=True)
    return 0


def profile_details(profile: Profile, active: bool, secrets: Secrets) -> dict[str, Any]:
    """What ``show`` prints: settings, certificate details, which secrets are set."""
    from mpesa_desktop.config.credentials import certificate_info, certificate_pem

    try:
        info = certificate_info(certificate_pem(profile)).describe()
    except ConfigError as error:
        info = said(error)
    return {
        "name": profile.name,
        "kind": profile.kind,
        "active": active,
        "settings": {field: getattr(profile, field) for field in PROFILE_FIELDS[2:]},
        "certificate_info": info,
        "secrets": secrets.stored(),
        "secrets_in_keyring": secrets.backend_available,
    }


def cmd_add(args: argparse.Namespace) -> int:
    store = ConfigStore(_paths(args))
    check_new_name(store, args.name)
    profile = new_profile(args.name, args.kind, **_settings_from_args(args))
    if profile.is_live and not _confirm_live(args, profile.name,
                                             message("add the LIVE profile")):
        return 2
    saved = add_profile(store, profile, read_secrets(args, profile),
                        certificate=args.certificate)
    profile = saved.profile
    tell(args, message("Added profile '{name}' ({kind}).", name=profile.name,
                       kind=_kind(args, profile)))
    if profile.is_live:
        tell(args, message("Money operations are off for it until you turn them on: "
                           "mpesa-desktop profile set {name} --money-enabled on",
                           name=profile.name))
    _report(args, saved)
    if args.use:
        store.use(profile.name)
        tell(args, message("Active profile: {name}", name=profile.name))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    store = ConfigStore(_paths(args))
    current = store.get(args.name)
    changes = _settings_from_args(args)
    if args.money_enabled is not None:
        changes["money_enabled"] = args.money_enabled == "on"
    turning_on = turns_on_live_money(current, bool(changes.get("money_enabled")))
    if turning_on and not _confirm_live(args, current.name, message("turn on LIVE money")):
        return 2
    profile = current.updated(**changes)
    saved = save_profile(store, profile, read_secrets(args, profile),
                         certificate=args.certificate)
    tell(args, message("Saved profile '{name}'.", name=profile.name))
    _report(args, saved)
    return 0


def cmd_use(args: argparse.Namespace) -> int:
    store = ConfigStore(_paths(args))
    profile = store.get(args.name)
    if profile.is_live and not _confirm_live(args, profile.name,
                                             message("switch to LIVE money")):
        return 2
    store.use(profile.name)
    tell(args, message("Active profile: {name} ({kind})", name=profile.name,
                       kind=_kind(args, profile)))
    if profile.is_live and not profile.money_enabled:
        tell(args, message("Money operations are off for this profile until you turn them on."))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    paths = _paths(args)
    store = ConfigStore(paths)
    remove_profile(store, args.name)
    tell(args, message("Removed profile '{name}' and its secrets. Its transaction log is kept "
                       "at {path}", name=args.name, path=paths.ledger_file(args.name)))
    tell(args, message("Active profile: {name}", name=store.active_name))
    return 0


def cmd_set_secret(args: argparse.Namespace) -> int:
    store = ConfigStore(_paths(args))
    profile = store.get(args.name)
    label = SECRET_LABELS[args.key]
    if sys.stdin.isatty():
        value = getpass.getpass(say(message("{secret} for {name} (hidden; empty clears): ",
                                            secret=label, name=profile.name), args.language))
    else:
        value = sys.stdin.readline().rstrip("\r\n")
    saved = save_secrets(profile, {args.key: value})
    if value:
        tell(args, message("Stored the {secret} of profile '{name}'.", secret=label,
                           name=profile.name))
    else:
        tell(args, message("Cleared the {secret} of profile '{name}'.", secret=label,
                           name=profile.name))
    _explain_no_keyring(args, saved, [args.key] if value else [])
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    paths = _paths(args)
    profile = ConfigStore(paths).get(args.name)
    result = check_connection(paths, profile)
    if args.json:
        print(json.dumps({"ok": result.ok, "outcome": result.outcome.value,
                          "message": result.message}, indent=2))
    elif result.ok:
        tell(args, result.message)
    else:
        fail(args, result.message)
    return code_for_connection(result.outcome)


# -- helpers -------------------------------------------------------------------------------------


def _kind(args: argparse.Namespace, profile: Profile) -> str:
    """The profile's kind as the window labels it, in the clerk's language."""
    return word(PROFILES, profile.label, args.language)


def _settings_from_args(args: argparse.Namespace) -> dict[str, object]:
    """The settings given as options, checked (``services.profiles.parse_settings``); "" or
    "none" sets a setting to not set."""
    return parse_settings(
        {key: getattr(args, key) for key in (*TEXT_SETTINGS, *CAP_SETTINGS, HOURS_SETTING)})


def _confirm_live(args: argparse.Namespace, name: str, action: Message) -> bool:
    """Ask the clerk to type the profile's name; ``--yes-live`` confirms without asking.
    ``action`` completes "You are about to ..."."""
    if args.yes_live:
        return True
    if not sys.stdin.isatty():
        fail(args, message("to {action}, run this at a terminal to confirm, or add --yes-live",
                           action=action))
        return False
    tell(args, message("You are about to {action}: payments from profile '{name}' move real "
                       "money.", action=action, name=name))
    # The prompt on stdout after the warning (input's own), as the clerk reads them together.
    typed = input(say(message("Type the profile name ({name}) to confirm: ", name=name),
                      args.language)).strip()
    if typed != name:
        tell(args, message("Not confirmed; nothing was changed."), error=True)
        return False
    return True


def _report(args: argparse.Namespace, saved: Saved) -> None:
    """Where the secrets went, and what the profile still lacks."""
    if saved.secrets:
        names = ", ".join(say(SECRET_LABELS[name], args.language) for name in saved.secrets)
        tell(args, message("Stored in the keyring: {secrets}.", secrets=names)
             if saved.in_keyring
             else message("Stored in memory for this session: {secrets}.", secrets=names))
    _explain_no_keyring(args, saved, list(saved.secrets))
    for name in saved.missing:
        tell(args, message("Still to set: {secret} (mpesa-desktop profile set-secret {name} "
                           "{key})", secret=SECRET_LABELS[name], name=saved.profile.name,
                           key=name))


def _explain_no_keyring(args: argparse.Namespace, saved: Saved, names: list[str]) -> None:
    """Without a keyring a command's secrets end with it: say so, and name the variables."""
    if saved.in_keyring:
        return
    tell(args, NO_BACKEND_MESSAGE, error=True)
    if names:
        variables = ", ".join(environment_variable(saved.profile.name, name) for name in names)
        tell(args, message("For later commands, set these environment variables instead: "
                           "{variables}", variables=variables), error=True)
