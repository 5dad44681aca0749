"""URLs and feeds over real HTTP on 127.0.0.1 (a threaded http.server), private addresses allowed
(refusing them is in test_ingest_network.py)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimledger.ingest import make_client, read_sources
from claimledger.ingest.web import Fetched, fetch, user_agent
from claimledger.records import Article, Skip, SkipReason
from claimledger.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PLAIN = (
    "Evacuation ordered in frontline villages\n"
    "Authorities ordered families with children to leave several villages near the front line, "
    "citing daily shelling and damage to power lines."
)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    seen_agents: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the test server
        return

    def send_body(self, body: bytes, content_type: str, *, length: bool = True, status: int = 200,
                  extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        page = (FIXTURES / "page.html").read_bytes()
        if self.path in ("/page", "/article/depot-raid", "/article/air-defence"):
            self.send_body(page, "text/html; charset=utf-8")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            try:
                self.send_body(page, "text/html")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should
        elif self.path == "/big":
            self.send_body(b"x" * 5000, "text/plain")
        elif self.path == "/big-unannounced":
            self.send_body(b"word " * 1000, "text/plain", length=False)
        elif self.path == "/plain":
            self.send_body(PLAIN.encode(), "text/plain; charset=utf-8")
        elif self.path == "/gzip":
            self.send_body(gzip.compress(page), "text/html", extra={"Content-Encoding": "gzip"})
        elif self.path == "/pdf":
            self.send_body(b"%PDF-1.4 fake", "application/pdf")
        elif self.path in ("/feed.rss", "/feed.atom"):
            feed = (FIXTURES / self.path[1:]).read_text(encoding="utf-8")
            feed = feed.replace("http://example.test/", f"{base}/article/")
            kind = "application/rss+xml" if self.path.endswith("rss") else "application/atom+xml"
            self.send_body(feed.encode(), kind)
        elif self.path == "/feed-as-xml":
            self.send_body((FIXTURES / "feed.rss").read_bytes(), "text/xml")
        else:
            self.send_body(b"not here", "text/plain", status=404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def records(urls: list[str], settings: Settings) -> list[Article | Skip]:
    return list(read_sources(urls, settings))


def test_html_page_and_redirect(server: str) -> None:
    settings = Settings(allow_private_addresses=True, http_timeout_s=5)
    first, second, zipped = records([f"{server}/page", f"{server}/redirect", f"{server}/gzip"], settings)
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(zipped, Article)
    assert first.ref == first.source == f"{server}/page" and first.url == f"{server}/page"
    assert first.outlet == "The Example Post" and first.published == "2023-03-02T08:15:00+02:00"
    assert second.ref == f"{server}/redirect" and second.url == f"{server}/page"  # final URL kept
    assert first.id == second.id == zipped.id
    assert any(agent.startswith("claimledger/0.") for agent in Handler.seen_agents)
    assert "{version}" not in user_agent(settings)


def test_failures_are_typed_skips(server: str) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/x"
    settings = Settings(allow_private_addresses=True, http_timeout_s=0.5, max_bytes=1000, http_max_redirects=3)
    urls = [f"{server}/missing", dead, f"{server}/slow", f"{server}/big", f"{server}/big-unannounced",
            f"{server}/loop", f"{server}/pdf", f"{server}/plain"]
    started = time.monotonic()
    got = records(urls, settings)
    assert time.monotonic() - started < 5
    skips = [r for r in got if isinstance(r, Skip)]
    assert [(s.source, s.reason) for s in skips] == [
        (f"{server}/missing", SkipReason.FETCH_FAILED),
        (dead, SkipReason.FETCH_FAILED),
        (f"{server}/slow", SkipReason.TIMEOUT),
        (f"{server}/big", SkipReason.TOO_LARGE),
        (f"{server}/big-unannounced", SkipReason.TOO_LARGE),
        (f"{server}/loop", SkipReason.FETCH_FAILED),
        (f"{server}/pdf", SkipReason.UNSUPPORTED),
    ]
    assert "404" in skips[0].message and "redirects" in skips[5].message
    [plain] = [r for r in got if isinstance(r, Article)]
    assert plain.title == "Evacuation ordered in frontline villages" and plain.ref == f"{server}/plain"


@pytest.mark.parametrize("feed", ["feed.rss", "feed.atom", "feed-as-xml"])
def test_feed_from_url_without_fetching_entries(server: str, feed: str) -> None:
    got = records([f"{server}/{feed}"], Settings(allow_private_addresses=True, http_timeout_s=5))
    articles = [r for r in got if isinstance(r, Article)]
    assert len(articles) == 2
    assert all("Bridge closed" not in a.text for a in articles)  # summaries, not pages


def test_feed_from_url_with_fetch_entries(server: str) -> None:
    settings = Settings(allow_private_addresses=True, http_timeout_s=5, fetch_entries=True)
    got = records([f"{server}/feed.rss"], settings)
    articles = [r for r in got if isinstance(r, Article)]
    skips = [r for r in got if isinstance(r, Skip)]
    assert [a.ref for a in articles] == [f"{server}/article/depot-raid", f"{server}/article/air-defence"]
    assert all("road bridge" in a.text for a in articles)  # the page text replaced the summary
    assert articles[0].title == "Officials report overnight drone raid on depot"  # the feed's title wins
    assert articles[0].published == "2023-03-07T06:30:00+02:00"
    assert [(s.source, s.reason) for s in skips] == [(f"{server}/article/gallery", SkipReason.FETCH_FAILED)]


def test_feed_file_with_fetch_entries_uses_one_client(server: str, tmp_path: Path) -> None:
    feed = (FIXTURES / "feed.atom").read_text(encoding="utf-8").replace("http://example.test/", f"{server}/")
    path = tmp_path / "desk.atom"
    path.write_text(feed.replace(f"{server}/talks", f"{server}/page"), encoding="utf-8")
    settings = Settings(allow_private_addresses=True, http_timeout_s=5, fetch_entries=True)
    with make_client(settings) as client:
        got = list(read_sources([str(path)], settings, client=client))
        fetched = fetch(f"{server}/plain", settings, client)
    assert isinstance(fetched, Fetched)
    assert fetched.content_type == "text/plain" and fetched.charset == "utf-8"
    articles = [r for r in got if isinstance(r, Article)]
    assert [a.ref for a in articles] == [f"{server}/page", "urn:example:grain"]
    assert "road bridge" in articles[0].text
