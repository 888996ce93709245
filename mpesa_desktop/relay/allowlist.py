"""Who sent a callback: the client address behind trusted proxies, and the optional allow-list.

Safaricom publishes no official list of callback source addresses; ``SAFARICOM_ADDRESSES`` is the
list most SDKs copy (daraja-reference.md section 6.5). A production relay (``relay init
--production``) accepts callbacks only from them (and ``extra_allowed``); sandbox callbacks may
come from elsewhere, so a sandbox relay accepts any source. Refused callbacks are kept aside,
not thrown away.

X-Forwarded-For is believed only as far as it was written by trusted proxies: the header is read
from the right, skipping addresses of trusted proxies; the first other address is the client.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SAFARICOM_ADDRESSES = (
    "196.201.214.200",
    "196.201.214.206",
    "196.201.213.114",
    "196.201.214.207",
    "196.201.214.208",
    "196.201.213.44",
    "196.201.212.127",
    "196.201.212.138",
    "196.201.212.129",
    "196.201.212.136",
    "196.201.212.74",
    "196.201.212.69",
    "196.201.212.128",
    "196.201.212.132",
)


def parse_networks(entries: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Addresses or CIDR networks; raises ValueError naming the first bad entry."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {entry!r}") from None
    return tuple(networks)


@functools.lru_cache(maxsize=1024)  # the same few peers send again and again
def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "1.2.3.4:5678"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


class SourcePolicy:
    """Resolves the client address of a request and decides whether it may deliver callbacks.

    ``allowed`` empty means every source is accepted.
    """

    def __init__(self, allowed: Iterable[str] = (), trusted_proxies: Iterable[str] = ()):
        self._allowed = parse_networks(allowed)
        self._trusted = parse_networks(trusted_proxies)
        # The same few senders deliver every callback: their addresses are worked out once.
        self.client_address = functools.lru_cache(maxsize=1024)(self._client_address)

    @property
    def enforcing(self) -> bool:
        return bool(self._allowed)

    def _is_trusted(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
        return address is not None and any(address in network for network in self._trusted)

    def _client_address(self, peer: str | None, forwarded_for: str | None) -> str:
        """The address that sent the request, as text ("unknown" when there is none)."""
        peer_address = _address(peer or "")
        if peer_address is None:
            return peer or "unknown"
        if not forwarded_for or not self._is_trusted(peer_address):
            return str(peer_address)
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        for hop in reversed(hops):
            hop_address = _address(hop)
            if hop_address is None:  # garbage written by someone untrusted: never allowed
                return "".join(ch if ch.isascii() and ch.isprintable() else "?"
                               for ch in hop[:64])
            if not self._is_trusted(hop_address):
                return str(hop_address)
        return str(_address(hops[0])) if hops else str(peer_address)

    def spares(self, peer: str) -> bool:
        """Whether the per-client connection cap spares this peer: a trusted proxy (it carries
        every client) or, with the allow-list on, an allowed source."""
        address = _address(peer)
        return self._is_trusted(address) or (self.enforcing and self.allows(peer))

    def allows(self, client: str) -> bool:
        if not self._allowed:
            return True
        address = _address(client)
        return address is not None and any(address in network for network in self._allowed)
