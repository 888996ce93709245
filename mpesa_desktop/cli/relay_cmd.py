"""``mpesa-desktop relay init --dir DIR [--json]`` and ``mpesa-desktop relay --dir DIR``.

``relay init`` creates the relay's directory with its settings and two random secrets (the
callback path secret and the poller token, in a file only its owner can read) and prints the
callback base path and the token. ``relay`` serves the callback relay (see
``mpesa_desktop.relay.server``) until interrupted; the secrets never appear in its log.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys

from mpesa_desktop.relay.settings import RelaySettingsError, init_relay, load_settings

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
    init.add_argument("--json", action="store_true",
                      help='print {"callback_base": ..., "token": ...}')
    init.add_argument("--production", action="store_true",
                      help="a relay for live callbacks: accept them only from Safaricom's "
                      "published addresses (sandbox callbacks come from others; the rest are "
                      "kept aside, never lost)")
    init.set_defaults(func=init_command)


def init_command(args: argparse.Namespace) -> int:
    try:
        settings = init_relay(args.init_dir, production=args.production)
    except (RelaySettingsError, OSError) as error:
        print(f"relay init: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"callback_base": settings.callback_base, "token": settings.token}))
        return 0
    base = settings.callback_base
    print(f"Relay directory: {settings.directory}")
    print(f"Callback base path: {base}")
    print(f"  result and timeout URLs: https://YOUR-HOST{base}/result, {base}/timeout")
    print(f"  STK callback URL:        https://YOUR-HOST{base}/stk")
    print(f"  C2B URLs:                {base}/c2b/validation, {base}/c2b/confirmation")
    print(f"Poller token: {settings.token}")
    print("Give the token to the app's profile (it is kept in the keyring); keep it secret.")
    return 0


def run_relay(args: argparse.Namespace) -> int:
    from mpesa_desktop.relay.allowlist import SAFARICOM_ADDRESSES
    from mpesa_desktop.relay.connections import ConnectionGuard, serve
    from mpesa_desktop.relay.logs import RateLimitFilter, RedactingAccessLogger, SecretFilter
    from mpesa_desktop.relay.server import create_app

    if not args.relay_dir:
        print("relay: --dir DIR is required (create one with: relay init --dir DIR)",
              file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print("relay: --port must be from 0 to 65535", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.relay_dir)
        app = create_app(settings)
    except (RelaySettingsError, ValueError) as error:
        print(f"relay: {error}", file=sys.stderr)
        return 2
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(SecretFilter((settings.callback_secret, settings.token)))
    handler.addFilter(RateLimitFilter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    guard = ConnectionGuard([*settings.trusted_proxies, *SAFARICOM_ADDRESSES],
                            per_client=settings.connections_per_client)

    def ready(port: int) -> None:
        print(f"Relay serving {settings.directory} on http://{args.host}:{port} "
              "(callback base /cb/<secret>; Ctrl+C stops it)", flush=True)

    try:
        asyncio.run(serve(app, args.host, args.port, guard,
                          access_log_class=RedactingAccessLogger, ready=ready))
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"relay: cannot listen on {args.host}:{args.port} ({error.strerror})",
              file=sys.stderr)
        return 4
    return 0
