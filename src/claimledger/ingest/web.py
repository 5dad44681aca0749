"""Fetching URLs with httpx: one client per run, bounded downloads, typed failures.

``fetch`` streams the body and stops at ``settings.max_bytes`` (``TOO_LARGE``;
a ``Content-Length`` over the cap is refused before reading). The whole fetch
of one URL (DNS, connect, redirects, headers, body) gets
``settings.http_timeout_s`` seconds in all (``TIMEOUT``), however slowly the
server sends. Connections go only to addresses ``network.py`` lets through:
a URL or redirect to a loopback, private, link-local or metadata address is
``PRIVATE_ADDRESS`` unless ``settings.allow_private_addresses`` (or one of
``settings.allowed_networks``) allows it; the server never sees the request.
HTTP error statuses, refused connections, DNS failures, too many redirects
and broken transfers give ``FETCH_FAILED`` with the status or error in the
message. What to do with the body is decided by the caller (``payloads.py``)
from the content type.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from ..records import Skip, SkipReason
from ..settings import Settings
from .network import AddressPolicy, AddressRefused, GuardedTransport, time_budget

__all__ = ["Fetched", "fetch", "make_client", "user_agent"]

@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded body. ``url`` is the final URL after redirects."""

    url: str
    content_type: str  # lower-cased media type without parameters, "" when absent
    charset: str | None
    data: bytes


def user_agent(settings: Settings) -> str:
    """The User-Agent header, with the package version filled in."""
    from .. import __version__  # imported lazily: the package imports its stages

    return settings.user_agent.replace("{version}", __version__)


def make_client(settings: Settings) -> httpx.Client:
    """The HTTP client for one run (the caller closes it, e.g. ``with make_client(s) as c``).

    Raises ``ConfigError`` when ``settings.allowed_networks`` holds something that is no network."""
    policy = AddressPolicy.from_settings(settings.allow_private_addresses, settings.allowed_networks)
    return httpx.Client(
        transport=GuardedTransport(policy),
        timeout=httpx.Timeout(settings.http_timeout_s),
        follow_redirects=True,
        max_redirects=settings.http_max_redirects,
        headers={
            "User-Agent": user_agent(settings),
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",  # the encodings _decompress undoes
        },
    )


def _failed(url: str, reason: SkipReason, message: str) -> Skip:
    return Skip(source=url, reason=reason, message=message)


def fetch(url: str, settings: Settings, client: httpx.Client) -> Fetched | Skip:
    """Download ``url`` (at most ``settings.max_bytes``), or say why not."""
    limit = settings.max_bytes
    try:
        with time_budget(settings.http_timeout_s), client.stream("GET", url) as response:
            if response.status_code >= 400:
                return _failed(
                    url,
                    SkipReason.FETCH_FAILED,
                    f"HTTP {response.status_code} {response.reason_phrase} from {response.url}",
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                return _failed(
                    url,
                    SkipReason.TOO_LARGE,
                    f"download is {declared} bytes, over the {limit}-byte limit (raise max_bytes)",
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():  # as the network gives it: the budget is checked per read
                size += len(chunk)
                if size > limit:
                    return _failed(
                        url,
                        SkipReason.TOO_LARGE,
                        f"download exceeds the {limit}-byte limit (raise max_bytes)",
                    )
                chunks.append(chunk)
            raw = b"".join(chunks)
            content_type = response.headers.get("content-type", "")
            final_url = str(response.url)
            encoding = response.headers.get("content-encoding", "").strip().lower()
    except AddressRefused as refused:
        return _failed(url, SkipReason.PRIVATE_ADDRESS,
                       f"refused: {refused}; claimledger does not fetch from loopback, private or link-local "
                       "addresses unless told to (--allow-private-addresses)")
    except httpx.TimeoutException as exc:
        return _failed(url, SkipReason.TIMEOUT,
                       f"not fetched within {settings.http_timeout_s:g} s in all ({type(exc).__name__}: {exc})")
    except httpx.TooManyRedirects:
        return _failed(
            url, SkipReason.FETCH_FAILED, f"more than {settings.http_max_redirects} redirects; check the URL"
        )
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return _failed(url, SkipReason.FETCH_FAILED, f"{type(exc).__name__}: {exc}")
    data = _decompress(raw, encoding, url, limit)
    if isinstance(data, Skip):
        return data
    media_type, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return Fetched(url=final_url, content_type=media_type.strip().lower(), charset=charset, data=data)


def _decompress(raw: bytes, encoding: str, url: str, limit: int) -> bytes | Skip:
    """Undo gzip/deflate transfer encoding, keeping the size cap (a zip bomb stays out)."""
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return raw
    import zlib

    window = 16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS
    try:
        decoder = zlib.decompressobj(window)
        data = decoder.decompress(raw, limit + 1)
    except zlib.error:
        try:
            decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
            data = decoder.decompress(raw, limit + 1)
        except zlib.error as exc:
            return _failed(url, SkipReason.FETCH_FAILED, f"broken {encoding} body: {exc}")
    if len(data) > limit:
        return _failed(url, SkipReason.TOO_LARGE, f"decompressed body exceeds the {limit}-byte limit")
    return data
