"""What may be fetched, and for how long: real servers on loopback addresses.

A server that trickles one byte a second (headers or body) is cut off at the
total timeout; loopback, private and metadata addresses are refused before
any request is sent (the servers log every request they see), also behind a
redirect and behind a feed's links, unless the run allows them.
"""

from __future__ import annotations

import ipaddress
import socketserver
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from claimledger.errors import ConfigError
from claimledger.ingest import read_sources
from claimledger.ingest.network import refusal
from claimledger.records import Article, Skip, SkipReason
from claimledger.settings import Settings

from .conftest import Run

PAGE = (b"<html><head><title>Depot hit</title></head><body><article><p>"
        + b"Officials said three shells hit a grain depot overnight near the river crossing. " * 6
        + b"</p></article></body></html>")


class TrickleServer(socketserver.ThreadingTCPServer):
    """Reads a request, then sends its answer one byte a second: /headers trickles the status
    line and headers, /body sends the headers at once and trickles a 100 kB body."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), TrickleHandler)
        self.seen: list[str] = []
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"


class TrickleHandler(socketserver.BaseRequestHandler):
    server: TrickleServer

    def handle(self) -> None:
        self.request.settimeout(30)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            data += chunk
        request_line = data.split(b"\r\n", 1)[0].decode()
        self.server.seen.append(request_line)
        if request_line.split()[1] == "/body":
            self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
            payload = b"x" * 100_000
        else:
            payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"a" * 1000
        for byte in payload:
            try:
                self.request.sendall(bytes([byte]))
            except OSError:
                return  # the client gave up, as it should
            if self.server.stopping.wait(1):
                return


@pytest.fixture
def trickle() -> Iterator[TrickleServer]:
    server = TrickleServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stopping.set()
    server.shutdown()
    server.server_close()


class LoggingHandler(BaseHTTPRequestHandler):
    """/page is an article; /redirect?to=URL redirects there. Every request is logged on the server."""

    protocol_version = "HTTP/1.0"
    server: LoggingServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the test server
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.seen.append(self.path)
        url = urlparse(self.path)
        if url.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", parse_qs(url.query)["to"][0])
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


class LoggingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str) -> None:
        super().__init__((host, 0), LoggingHandler)
        self.seen: list[str] = []

    @property
    def url(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"


def serve(host: str) -> LoggingServer:
    server = LoggingServer(host)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def web() -> Iterator[LoggingServer]:
    server = serve("127.0.0.1")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def second_web() -> Iterator[LoggingServer]:
    try:
        server = serve("127.0.0.2")  # all of 127/8 is loopback on Linux: a second "machine"
    except OSError as exc:
        pytest.skip(f"cannot listen on 127.0.0.2 here: {exc}")
    yield server
    server.shutdown()
    server.server_close()


def skips_of(got: list[Article | Skip]) -> list[tuple[str, SkipReason]]:
    return [(r.source, r.reason) for r in got if isinstance(r, Skip)]


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
    ("169.254.169.254", "cloud metadata"), ("fd00:ec2::254", "cloud metadata"), ("169.254.1.1", "link-local"),
    ("100.64.0.1", "non-public"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("::1", "loopback"),
    ("fe80::1", "link-local"), ("::ffff:127.0.0.1", "loopback"), ("2002:7f00:1::", "loopback"),
    ("64:ff9b::a01:203", "private"), ("8.8.8.8", None), ("2001:4860:4860::8888", None),
])
def test_which_addresses_are_refused(address: str, kind: str | None) -> None:
    assert refusal(ipaddress.ip_address(address)) == kind


def test_a_trickling_server_is_cut_off_at_the_total_timeout(trickle: TrickleServer) -> None:
    settings = Settings(allow_private_addresses=True, http_timeout_s=2)
    started = time.monotonic()
    got = list(read_sources([f"{trickle.url}/headers", f"{trickle.url}/body"], settings))
    elapsed = time.monotonic() - started
    assert skips_of(got) == [(f"{trickle.url}/headers", SkipReason.TIMEOUT),
                             (f"{trickle.url}/body", SkipReason.TIMEOUT)]
    assert all("2 s in all" in r.message for r in got if isinstance(r, Skip))
    assert elapsed < 10, f"two URLs with a 2 s budget each took {elapsed:.1f} s"
    assert len(trickle.seen) == 2


def test_private_addresses_are_refused_before_any_request(web: LoggingServer, trickle: TrickleServer) -> None:
    port = web.server_address[1]
    urls = [f"{web.url}/page", f"http://localhost:{port}/page", f"{trickle.url}/headers",
            "http://169.254.169.254/latest/meta-data/"]
    started = time.monotonic()
    got = list(read_sources(urls, Settings(http_timeout_s=5)))
    assert time.monotonic() - started < 5
    assert skips_of(got) == [(url, SkipReason.PRIVATE_ADDRESS) for url in urls]
    messages = [r.message for r in got if isinstance(r, Skip)]
    assert "127.0.0.1 is a loopback address" in messages[0] and "--allow-private-addresses" in messages[0]
    assert "localhost (" in messages[1] and "loopback" in messages[1]
    assert "cloud metadata" in messages[3]
    assert web.seen == [] and trickle.seen == []
    allowed = list(read_sources([f"{web.url}/page"], Settings(allow_private_addresses=True, http_timeout_s=5)))
    assert isinstance(allowed[0], Article) and web.seen == ["/page"]


def test_a_redirect_to_a_private_address_is_refused(web: LoggingServer, second_web: LoggingServer) -> None:
    # 127.0.0.1 stands in for a public server (allowed by network); 127.0.0.2 stays refused
    settings = Settings(allowed_networks=("127.0.0.1/32",), http_timeout_s=5)
    to_private = f"{web.url}/redirect?to={second_web.url}/page"
    to_metadata = f"{web.url}/redirect?to=http://169.254.169.254/latest/meta-data/"
    got = list(read_sources([f"{web.url}/page", to_private, to_metadata], settings))
    assert isinstance(got[0], Article)
    assert skips_of(got) == [(to_private, SkipReason.PRIVATE_ADDRESS), (to_metadata, SkipReason.PRIVATE_ADDRESS)]
    assert "127.0.0.2 is a loopback address" in got[1].message  # type: ignore[union-attr]
    assert second_web.seen == []
    assert len(web.seen) == 3  # the first hops were fetched


def test_a_feed_with_internal_links_fetches_none_of_them(web: LoggingServer, tmp_path: Path) -> None:
    links = [f"{web.url}/page", "http://169.254.169.254/latest/meta-data/iam/", "http://10.0.0.7/admin"]
    items = "".join(f"<item><title>Entry {n}</title><link>{link}</link><description>Summary {n} of a story "
                    f"about shelling near the river.</description></item>" for n, link in enumerate(links))
    feed = tmp_path / "desk.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{items}'
                    "</channel></rss>", encoding="utf-8")
    got = list(read_sources([str(feed)], Settings(fetch_entries=True, http_timeout_s=5)))
    assert skips_of(got) == [(link, SkipReason.PRIVATE_ADDRESS) for link in links]
    assert web.seen == []


def test_allowed_networks_must_be_networks() -> None:
    with pytest.raises(ConfigError, match="CIDR"):
        Settings.from_env({"CLAIMLEDGER_ALLOWED_NETWORKS": "10.0.0.0/8, not-a-network"})
    assert Settings.from_env({"CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES": "1"}).allow_private_addresses
    with pytest.raises(ConfigError):
        Settings.from_env({"CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES": "maybe"})


# ---------------------------------------------------------------- the command line
def test_cli_timeout_bounds_a_trickling_url_and_refuses_it_without_the_allowance(
        cli: Run, trickle: TrickleServer) -> None:
    url = f"{trickle.url}/body"
    started = time.monotonic()
    allowed = cli("ingest", "--timeout", "5", "--allow-private-addresses", url, timeout=60)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"took {elapsed:.1f} s"
    assert allowed.returncode == 1, allowed.stderr
    assert f"skip {url}: timeout:" in allowed.stderr
    assert trickle.seen == ["GET /body HTTP/1.1"]

    refused = cli("ingest", "--timeout", "5", url, timeout=60)
    assert refused.returncode == 1
    assert f"skip {url}: private_address: refused: 127.0.0.1 is a loopback address" in refused.stderr
    assert trickle.seen == ["GET /body HTTP/1.1"]  # the refused run sent nothing

    by_env = cli("ingest", "--timeout", "2", f"{trickle.url}/headers",
                 env={"CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES": "1"}, timeout=60)
    assert f"skip {trickle.url}/headers: timeout:" in by_env.stderr
    assert len(trickle.seen) == 2
