"""``mpesa-desktop simulator [--host H] [--port P] [--callback-delay S] [--state DIR]``.

Runs the offline Daraja simulator (``mpesa_desktop.simulator``) as a server, prints its base URL
and serves until interrupted (Ctrl+C). Its books live in memory unless ``--state DIR`` keeps them
in DIR, where the next run with the same DIR finds them.
"""

from __future__ import annotations

import argparse
import sys
import threading

from mpesa_desktop.cli.help_language import argument_rule
from mpesa_desktop.cli.speech import tell
from mpesa_desktop.messages import message

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8460


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            argument_rule(message("must be a number of seconds"))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(argument_rule(message("must be 0 or more")))
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "simulator",
        help="run the offline Daraja simulator",
        description="Serve an offline Daraja (Safaricom's M-Pesa API) on this machine for tests, "
        "demos and training. Defaults: any consumer key and secret, STK shortcode 174379 with "
        "the sandbox passkey, initiator testapi with the sandbox's published password (README), "
        "shortcodes 600000 and till 600100. Encrypt initiator passwords with GET "
        "/admin/certificate.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on, 0 for any free port (default {DEFAULT_PORT})")
    parser.add_argument("--callback-delay", type=_non_negative, default=1.0, metavar="S",
                        help="seconds before callbacks are posted (default 1)")
    parser.add_argument("--state", metavar="DIR",
                        help="keep balances, executed transactions, C2B registrations and "
                        "callbacks not yet sent in DIR, so a later run with the same DIR goes on "
                        "where this one stopped (default: in memory, forgotten at exit)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Serve until Ctrl+C (or until ``stop`` is set); return the exit code."""
    from mpesa_desktop.simulator import Simulator, SimulatorConfig  # aiohttp: only when run

    simulator = Simulator(SimulatorConfig(callback_delay=args.callback_delay),
                          state_dir=args.state)
    try:
        url = simulator.start(args.host, args.port)
    except RuntimeError as error:
        reason = error.__cause__ or error
        tell(args, message("could not start the simulator on {host}:{port}: {reason}",
                           host=args.host, port=args.port, reason=reason))
        return 2
    try:
        tell(args, message("Offline Daraja simulator at {url}  (Ctrl+C to stop)\n"
                           "  encrypt initiator passwords with {url}/admin/certificate; "
                           "executed transactions: {url}/admin/transactions", url=url))
        if simulator.state_file is not None:
            tell(args, message("  books kept in {path}", path=simulator.state_file))
        sys.stdout.flush()
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        simulator.stop()
    return 0
