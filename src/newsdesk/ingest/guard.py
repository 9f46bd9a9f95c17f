"""The address guard against server-side request forgery (SSRF).

A URL handed to newsdesk (a feed entry, a redirect) may point at the machine itself or its
network: a router page, a cloud metadata service (169.254.169.254), a database port. Before
every request, and for every redirect hop, the host is resolved and each of its addresses must
be public, or lie in a network the settings allow. The fetcher then connects to an address
checked at connect time (``pin``), so a DNS answer that changes between the check and the
connection (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from newsdesk.errors import ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]
FETCHED_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ALLOW_EVERYTHING = "all"


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolves ``host`` to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def parse_networks(text: str) -> tuple[IPNetwork, ...] | None:
    """The networks of the ``fetch.allow_addresses`` setting; None means "all"."""
    if text.strip().lower() == _ALLOW_EVERYTHING:
        return None
    found = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            found.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigError(f"fetch.allow_addresses: '{item}' is not a network such as "
                              "127.0.0.0/8 or 10.0.0.0/8 (or write 'all')") from None
    return tuple(found)


class BlockedAddress(Exception):
    """Raised while connecting when the host resolves to a refused address."""


class AddressGuard:
    """Says why a URL may not be fetched, or None when it may."""

    def __init__(self, allowed: tuple[IPNetwork, ...] | None = (),
                 resolve: Resolver = system_resolver) -> None:
        self._allowed = allowed
        self._resolve = resolve

    def refuse(self, url: str) -> str | None:
        """None when ``url`` may be fetched; otherwise the reason, for people."""
        parts = urlsplit(url)
        if parts.scheme not in FETCHED_SCHEMES:
            return f"only http and https addresses are fetched, not '{parts.scheme}:'"
        if not parts.hostname:
            return "the address has no host"
        if self._allowed is None:
            return None
        try:
            port = parts.port or _DEFAULT_PORTS[parts.scheme]
            addresses = self._resolve(parts.hostname, port)
        except (OSError, ValueError, UnicodeError) as exc:
            return f"cannot resolve host '{parts.hostname}' ({exc})"
        for text in addresses:
            refused = self._refuse_address(ipaddress.ip_address(text.split("%")[0]))
            if refused:
                return (f"{parts.hostname} resolves to {text}, a {refused} address; set "
                        "fetch.allow_addresses to reach it")
        return None

    def pin(self, host: str, port: int) -> str:
        """The address to connect to for ``host``: resolved now and checked; raises
        ``BlockedAddress`` with the reason when it is refused."""
        if self._allowed is None:
            return host
        try:
            addresses = list(self._resolve(host, port))
        except (OSError, ValueError, UnicodeError) as exc:
            raise BlockedAddress(f"cannot resolve host '{host}' ({exc})") from None
        for text in addresses:
            refused = self._refuse_address(ipaddress.ip_address(text.split("%")[0]))
            if refused:
                raise BlockedAddress(f"{host} resolves to {text}, a {refused} address; set "
                                     "fetch.allow_addresses to reach it")
        if not addresses:
            raise BlockedAddress(f"host '{host}' resolves to no address")
        return addresses[0]

    def _refuse_address(self, address: IPAddress) -> str | None:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        kind = address_kind(address)
        if kind is None or any(address in network for network in self._allowed or ()):
            return None
        return kind


def address_kind(address: IPAddress) -> str | None:
    """'loopback', 'private', ... for an address that is not public; None for a public one."""
    checks = (("loopback", address.is_loopback), ("link-local", address.is_link_local),
              ("multicast", address.is_multicast), ("unspecified", address.is_unspecified),
              ("private", address.is_private), ("reserved", address.is_reserved))
    for name, hit in checks:
        if hit:
            return name
    return None if address.is_global else "non-public"
