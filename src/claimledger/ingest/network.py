"""The connection layer under httpx: vetted addresses and one time budget per URL.

claimledger fetches what its inputs name: URLs, and with ``--fetch`` whatever
links a feed holds. So that an input cannot make it reach into the machine or
network it runs on (SSRF), every connection, the first and each redirect's,
goes through ``GuardedBackend.connect_tcp``, which:

1. resolves the host itself (``getaddrinfo``, bounded by the time left);
2. refuses the connection (``AddressRefused``) when ANY address the host
   resolves to is loopback, private, link-local (the cloud metadata service
   169.254.169.254 among them), shared (100.64.0.0/10), multicast, reserved,
   unspecified or otherwise not globally routable, IPv4 inside IPv6
   (``::ffff:127.0.0.1``, 6to4, NAT64, Teredo) judged as the IPv4 it carries;
3. connects to the address it vetted, never resolving again (no DNS
   rebinding between the check and the connection); TLS still checks the
   certificate against the host name and sends it as SNI.

``AddressPolicy(allow_private=True)`` (``--allow-private-addresses``) turns the
refusal off for a run; ``allowed_networks`` lets chosen networks through.

A per-read timeout does not bound a fetch: a server that sends one byte a
second never trips it. ``time_budget(seconds)`` sets a deadline for
everything done under it in this thread (DNS, connect, TLS, writing the
request, reading headers and body); each socket operation gets at most the
time left, and none starts once it is spent (httpcore's timeout exceptions,
so httpx reports them as timeouts).
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import socket
import ssl
import threading
import time
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import httpcore
import httpx

from ..errors import ConfigError

__all__ = ["AddressPolicy", "AddressRefused", "GuardedBackend", "GuardedTransport", "refusal", "time_budget"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
NAT64 = ipaddress.ip_network("64:ff9b::/96")

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("claimledger_fetch_deadline", default=None)


class AddressRefused(Exception):
    """A connection to an address the policy refuses. Raised before anything is sent."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        self.host, self.address, self.kind = host, address, kind
        where = host if host == address else f"{host} ({address})"
        super().__init__(f"{where} is a {kind} address")


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be fetched from by default ("loopback", "private", ...), or None."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        return refusal(inner)
    checks = (
        (ip in METADATA_ADDRESSES, "cloud metadata"),
        (ip.is_loopback, "loopback"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_private, "private"),
        (ip.is_reserved, "reserved"),
        (not ip.is_global, "non-public"),
    )
    return next((kind for refused, kind in checks if refused), None)


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses may be connected to (see the module docstring)."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_settings(cls, allow_private: bool, networks: Iterable[str]) -> AddressPolicy:
        """Raises ``ConfigError`` for a network that is not CIDR notation."""
        parsed = []
        for network in networks:
            try:
                parsed.append(ipaddress.ip_network(network.strip(), strict=False))
            except ValueError as exc:
                raise ConfigError(f"allowed network {network!r} is not an address or CIDR network "
                                  "such as 10.1.0.0/16") from exc
        return cls(allow_private=allow_private, allowed_networks=tuple(parsed))

    def check(self, host: str, address: str) -> None:
        """Raise ``AddressRefused`` unless ``address`` (an IP, maybe with an IPv6 zone) may be used."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if self.allow_private or any(ip in network for network in self.allowed_networks):
            return
        kind = refusal(ip)
        if kind is not None:
            raise AddressRefused(host, address, kind)


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """A deadline, ``seconds`` from now, for every connection operation in this context."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _left(timeout: float | None, spent: type[Exception]) -> float | None:
    """``timeout`` capped by the time left in the budget; raises ``spent`` when none is left."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise spent("the time allowed for this URL ran out")
    return left if timeout is None else min(timeout, left)


def resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses of ``host``, in ``getaddrinfo``'s order, within ``timeout`` seconds."""
    bare = host.strip("[]")
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(bare.split("%", 1)[0])
        return [bare]  # an address already
    found: dict[str, object] = {}

    def lookup() -> None:
        try:
            found["infos"] = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            found["error"] = exc

    worker = threading.Thread(target=lookup, name="claimledger-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"no DNS answer for {bare} in the time allowed")
    if "error" in found:
        raise httpcore.ConnectError(f"cannot resolve {bare}: {found['error']}")
    infos = typing.cast(list[tuple[typing.Any, ...]], found["infos"])
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise httpcore.ConnectError(f"{bare} has no address")
    return addresses


class _BudgetStream(httpcore.NetworkStream):
    """A connection whose every read and write gets at most the time left."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _BudgetStream(self._inner.start_tls(ssl_context, server_hostname,
                                                   _left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """TCP connections to vetted addresses only, within the time budget (module docstring)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port, _left(timeout, httpcore.ConnectTimeout))
        for address in addresses:
            self.policy.check(host, address)
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = self._sockets.connect_tcp(address, port, _left(timeout, httpcore.ConnectTimeout),
                                                   local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _BudgetStream(stream)
        assert failure is not None
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("claimledger does not fetch through Unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport over a connection pool whose connections come from ``GuardedBackend``.

    Only the pool is replaced (httpx 0.28 keeps it in ``_pool``; the version is
    pinned), so requests, responses and error mapping stay httpx's. No proxy:
    a proxy would resolve and connect where the guard cannot see."""

    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__(retries=0)
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             network_backend=GuardedBackend(policy), retries=0)
