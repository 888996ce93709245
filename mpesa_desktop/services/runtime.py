"""What belongs to one open profile: its log (with the keeper of its lease), its Daraja endpoint,
its relay feed, its callback URLs, and (offline) the embedded simulator and relay.
``switch_profile`` replaces it whole.

Offline, the simulator and the relay run in the process on loopback; each keeps a folder under
the data folder (``simulator/<profile>``: its books, journal, C2B registrations and pending
callbacks; ``relay/<profile>``: its secrets and feed), so both go on where they stopped after a
restart and a payout left ``accepted`` by a quit is settled after it. Both are imported only
then: the services, and every other profile, never load the simulator or aiohttp. Other
profiles read the relay named by ``profile.relay_url`` with the keyring's ``relay_token``.

The Daraja client's token cache (``runtime_token_cache``) shares the access token with the
other processes of the user (the window, the command line, a bulk run) through the keyring, since
each new token knocks out the previous one. Offline, the simulator's address is new on every run
and its tokens stay in the process; with no keyring backend they do too (each process then holds
its own token, and a 401 from another process's refresh is retried once).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mpesa_desktop.config import Profile, Secrets
from mpesa_desktop.config.profiles import RELAY_SECRET_NAME
from mpesa_desktop.daraja.token_cache import TokenCache, shared_cache
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import AppPaths
from mpesa_desktop.relay.connection_limits import BACKLOG
from mpesa_desktop.relay.feed import RelayFeed
from mpesa_desktop.relay.reference import CALLBACK_PREFIX
from mpesa_desktop.relay.settings import settings_of
from mpesa_desktop.services.defaults import CallbackUrls
from mpesa_desktop.services.lease_keeper import LeaseKeeper
from mpesa_desktop.services.ledger_access import open_ledger
from mpesa_desktop.services.poller import PollerConfig

if TYPE_CHECKING:
    from mpesa_desktop.config.token_store import KeyringTokenStore
    from mpesa_desktop.daraja.client import (
        DarajaClient,  # loaded only when the offline profile runs (``start_servers``)
    )
    from mpesa_desktop.relay.embedded import EmbeddedRelay
    from mpesa_desktop.simulator import Simulator, SimulatorConfig

DEFAULT_CALLBACK_DELAY = 1.0
LOOPBACK = "127.0.0.1"  # where the offline profile's embedded servers listen


def relay_endpoints(relay_url: str | None,
                    callback_secret: str | None) -> tuple[str | None, str | None]:
    """``(feed base URL, callback base URL)`` from a profile's relay address
    (``https://host``) and the relay's callback secret (a secret of the profile, printed by
    ``relay init``): the callbacks go to ``https://host/cb/<secret>``. Without the secret the
    relay gives the feed only, and the callback URLs must then be set in the profile."""
    if not relay_url:
        return None, None
    url = relay_url.rstrip("/")
    return url, f"{url}{CALLBACK_PREFIX}/{callback_secret}" if callback_secret else None


def default_poller_config(profile: Profile) -> PollerConfig:
    """Offline, the relay is in the process: poll it at least every second while idle, so a
    result shows within about a second of its callback. A remote relay is polled less often."""
    return PollerConfig(max_interval=1.0) if profile.kind == "offline" else PollerConfig()


@dataclass
class ProfileRuntime:
    """The open parts of one profile. ``client`` is built on first use (``client_lock``)."""

    profile: Profile
    secrets: Secrets
    ledger: Ledger
    urls: CallbackUrls
    base_url: str | None
    token_cache: TokenCache = shared_cache
    simulator: Simulator | None = None
    relay: EmbeddedRelay | None = None
    feed: RelayFeed | None = None
    client: DarajaClient | None = None
    client_lock: threading.Lock = field(default_factory=threading.Lock)
    unsubscribe: Callable[[], None] | None = None
    keeper: LeaseKeeper | None = None
    # Held while the embedded servers start and while the runtime closes: a window closed
    # while they start waits for them, then stops them; none start once it is closed.
    servers_lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False
    # Offline: the embedded relay's listening socket, bound when the profile opens (its
    # callback URLs are then known) and served once the servers start.
    relay_socket: socket.socket | None = None

    @property
    def servers_pending(self) -> bool:
        """An offline profile opened without its embedded servers, not started yet."""
        return self.profile.kind == "offline" and self.simulator is None

    def close(self) -> None:
        with self.servers_lock:
            self.closed = True
            if self.relay is None and self.relay_socket is not None:
                self.relay_socket.close()  # bound, never served
        if self.keeper is not None:
            self.keeper.stop()
        if self.unsubscribe is not None:
            self.unsubscribe()
        if self.feed is not None:
            self.feed.close()
        if self.client is not None:
            self.client.close()
        if self.simulator is not None:
            self.simulator.stop()
        if self.relay is not None:
            self.relay.stop()
        self.ledger.close()


def shared_token_store(paths: AppPaths, profile: Profile,
                       secrets: Secrets) -> KeyringTokenStore | None:
    """Where the profile's token is shared with the user's other processes: the keyring; None
    when offline or when there is no keyring backend."""
    if profile.kind == "offline" or not secrets.backend_available:
        return None
    from mpesa_desktop.config.token_store import KeyringTokenStore  # keyring: only here

    return KeyringTokenStore(paths.data_dir / "locks")


def runtime_token_cache(paths: AppPaths, profile: Profile, secrets: Secrets) -> TokenCache:
    """A cache sharing tokens through the keyring; the process's own when offline or when
    there is no keyring backend."""
    store = shared_token_store(paths, profile, secrets)
    return shared_cache if store is None else TokenCache(store=store)


def open_runtime(paths: AppPaths, profile: Profile,
                 simulator_config: SimulatorConfig | None = None, *,
                 servers: bool = True,
                 on_ledger_state: Callable[[bool], None] | None = None,
                 login: tuple[str, str] | None = None) -> ProfileRuntime:
    """Open the profile's log (rows left ``sending`` by a process that is gone become
    ``unknown``, then again every few seconds while it is open: ``LeaseKeeper``, which tells
    ``on_ledger_state`` whether the log's database can be reached), start the embedded
    simulator and relay when offline (unless ``servers`` is False: ``start_servers`` then does
    it later), and work out the feed and callback URLs."""
    secrets = Secrets(profile.name)
    ledger = open_ledger(paths, profile, login=login)
    runtime = ProfileRuntime(profile=profile, secrets=secrets, ledger=ledger,
                             urls=CallbackUrls(), base_url=profile.base_url,
                             token_cache=runtime_token_cache(paths, profile, secrets))
    try:
        ledger.recover_interrupted()
        runtime.keeper = LeaseKeeper(ledger, on_reachable=on_ledger_state)
        runtime.keeper.start()
        if profile.kind == "offline":
            _reserve_relay(paths, runtime)
            if servers:
                start_servers(paths, runtime, simulator_config)
        else:
            feed_base, callback_base = relay_endpoints(
                profile.relay_url, secrets.get(RELAY_SECRET_NAME))
            token = secrets.get("relay_token")
            if feed_base and token:
                runtime.feed = RelayFeed(feed_base, token)
            runtime.urls = CallbackUrls.for_profile(profile, callback_base)
    except BaseException:
        runtime.close()
        raise
    return runtime


def start_servers(paths: AppPaths, runtime: ProfileRuntime,
                  simulator_config: SimulatorConfig | None) -> None:
    """Start the offline profile's embedded relay and simulator (blocking; once: nothing when
    they run or the profile is not offline), and point the feed and callback URLs at them."""
    with runtime.servers_lock:
        if runtime.servers_pending and not runtime.closed:
            _start_offline(paths, runtime, simulator_config)


def _relay_directory(paths: AppPaths, profile: Profile) -> Path:
    return paths.data_dir / "relay" / profile.name


def _reserve_relay(paths: AppPaths, runtime: ProfileRuntime) -> None:
    """Bind the embedded relay's loopback port (plain sockets: no aiohttp yet) and work out the
    callback URLs on it, so that forms show them from the start; ``start_servers`` serves it."""
    settings = settings_of(_relay_directory(paths, runtime.profile))
    listening = socket.create_server((LOOPBACK, 0), backlog=BACKLOG)
    runtime.relay_socket = listening
    port = listening.getsockname()[1]
    runtime.urls = CallbackUrls.for_profile(
        runtime.profile, f"http://{LOOPBACK}:{port}{settings.callback_base}")


def _start_offline(paths: AppPaths, runtime: ProfileRuntime,
                   simulator_config: SimulatorConfig | None) -> None:
    # The simulator and the relay are aiohttp servers: imported here, so that the services (and
    # every command on another profile) start without loading aiohttp.
    from mpesa_desktop.relay.embedded import EmbeddedRelay
    from mpesa_desktop.simulator import Simulator, SimulatorConfig

    relay = EmbeddedRelay(_relay_directory(paths, runtime.profile), listen=runtime.relay_socket)
    runtime.relay = relay
    relay.start()
    config = simulator_config or SimulatorConfig(callback_delay=DEFAULT_CALLBACK_DELAY)
    runtime.simulator = Simulator(config,
                                  state_dir=paths.data_dir / "simulator" / runtime.profile.name,
                                  callback_base=relay.callback_base_url)
    runtime.base_url = runtime.simulator.start()
    runtime.feed = RelayFeed(relay.base_url or "", relay.token)
    runtime.urls = CallbackUrls.for_profile(runtime.profile, relay.callback_base_url)
