"""``mpesa-desktop relay init --dir DIR [--production] [--json]`` and ``relay --dir DIR``.

``relay init`` creates the relay's directory with its settings and two random secrets (the
callback path secret and the poller token, in a file only its owner can read) and prints the
callback base path and the token; ``--production`` makes a relay that accepts callbacks only
from Safaricom's published addresses. ``relay`` serves the callback relay (see
``mpesa_desktop.relay.server``, with the connection limits of ``relay.limits``) until SIGINT or
SIGTERM; the secrets never appear in its log, which is rate-limited.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mpesa_desktop.cli.speech import tell
from mpesa_desktop.languages import say
from mpesa_desktop.messages import message, said

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8470


def register(subparsers: argparse._SubParsersAction) -> None:
    relay = subparsers.add_parser(
        "relay",
        help="run the callback relay (or 'relay init' to create one)",
        description="Serve the callback relay from DIR: stores Daraja's callbacks and feeds "
        "them to the app's poller. Run it behind a TLS reverse proxy (see packaging/relay).",
    )
    relay.add_argument("--dir", dest="relay_dir", metavar="DIR",
                       help="the relay directory made by 'relay init'")
    relay.add_argument("--host", default=DEFAULT_HOST,
                       help=f"address to listen on (default {DEFAULT_HOST})")
    relay.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port to listen on (default {DEFAULT_PORT})")
    relay.set_defaults(func=run_relay)
    commands = relay.add_subparsers(dest="relay_command", metavar="init")
    init = commands.add_parser(
        "init",
        help="create a relay directory with new secrets",
        description="Create DIR with the relay's settings and two random secrets (callback "
        "path secret, poller token) in a file readable only by you; print the callback base "
        "path and the poller token.",
    )
    init.add_argument("--dir", dest="init_dir", metavar="DIR", required=True,
                      help="directory to create")
    init.add_argument("--production", action="store_true",
                      help="a relay for production: accept callbacks only from Safaricom's "
                      "published addresses (settings.json allow_safaricom_only)")
    init.add_argument("--json", action="store_true",
                      help='print {"callback_base": ..., "token": ...}')
    init.set_defaults(func=init_command)


def init_command(args: argparse.Namespace) -> int:
    from mpesa_desktop.relay.settings import RelaySettingsError, init_relay

    try:
        settings = init_relay(args.init_dir, production=args.production)
    except (RelaySettingsError, OSError) as error:
        tell(args, message("relay init: {problem}", problem=said(error)), error=True)
        return 2
    if args.json:
        print(json.dumps({"callback_base": settings.callback_base, "token": settings.token,
                          "callback_secret": settings.callback_secret}))
        return 0
    base = settings.callback_base
    tell(args, message("Relay directory: {path}", path=settings.directory))
    tell(args, message("Callback base path: {base}", base=base))
    # The URLs under their labels, aligned in the clerk's language.
    urls = {message("result and timeout URLs:"): f"https://YOUR-HOST{base}/result, {base}/timeout",
            message("STK callback URL:"): f"https://YOUR-HOST{base}/stk",
            message("C2B URLs:"): f"{base}/c2b/validation, {base}/c2b/confirmation"}
    labels = {say(label, args.language): url for label, url in urls.items()}
    width = max(len(label) for label in labels)
    for label, url in labels.items():
        tell(args, f"  {label:<{width}} {url}")
    tell(args, message("Callback secret: {secret}", secret=settings.callback_secret))
    tell(args, message("Poller token: {token}", token=settings.token))
    if settings.allow_safaricom_only:
        tell(args, message("Callbacks are accepted only from Safaricom's published addresses "
                           "(settings.json allow_safaricom_only)."))
    tell(args, message("Both are secrets: give them to the app's profile, where they are kept "
                       "in the keyring,\nnever on a command line:"))
    tell(args, "  " + say(message("mpesa-desktop profile set NAME --relay-url https://YOUR-HOST"),
                          args.language))
    for key in ("relay_callback_secret", "relay_token"):
        tell(args, "  " + say(message("mpesa-desktop profile set-secret NAME {key} (asks for it)",
                                      key=f"{key:<23}"), args.language))
    return 0


def run_relay(args: argparse.Namespace) -> int:
    from mpesa_desktop.relay.logs import SecretFilter
    from mpesa_desktop.relay.server import create_app
    from mpesa_desktop.relay.settings import RelaySettingsError, load_settings

    if not args.relay_dir:
        tell(args, message("relay: --dir DIR is required (create one with: relay init --dir "
                           "DIR)"), error=True)
        return 2
    if not 0 <= args.port <= 65535:
        tell(args, message("relay: --port must be from 0 to 65535"), error=True)
        return 2
    try:
        settings = load_settings(args.relay_dir)
        app = create_app(settings)
    except (RelaySettingsError, ValueError) as error:
        tell(args, message("relay: {problem}", problem=said(error)), error=True)
        return 2
    import asyncio

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(SecretFilter((settings.callback_secret, settings.token)))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    # A line per callback: none of the record's extras the format does not print (the logging
    # HOWTO's "Optimization"): no caller's file and line, thread or process.
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    try:
        asyncio.run(_serve(args, app, settings.directory))
    except KeyboardInterrupt:  # where signal handlers cannot be set (Windows)
        pass
    except OSError as error:
        tell(args, message("relay: cannot listen on {host}:{port} ({reason})", host=args.host,
                           port=args.port, reason=error.strerror), error=True)
        return 4
    return 0


async def _serve(args: argparse.Namespace, app: web.Application, directory: Path) -> None:
    """Serve ``app`` on ``args.host``:``args.port`` through the relay's ``GuardedSite`` until
    SIGINT or SIGTERM."""
    import asyncio

    from aiohttp import web

    from mpesa_desktop.relay.limits import GuardedSite
    from mpesa_desktop.relay.logs import RedactingAccessLogger

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signal_number, stop.set)
        except NotImplementedError:  # Windows: Ctrl+C raises KeyboardInterrupt instead
            break
    runner = web.AppRunner(app, access_log_class=RedactingAccessLogger, handle_signals=False)
    await runner.setup()
    try:
        await GuardedSite(runner, args.host, args.port).start()
        tell(args, message("Relay serving {path} on http://{host}:{port} (callback base "
                           "/cb/<secret>; Ctrl+C stops it)", path=directory, host=args.host,
                           port=args.port))
        sys.stdout.flush()
        await stop.wait()
    finally:
        await runner.cleanup()
