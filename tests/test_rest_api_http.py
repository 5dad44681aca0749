"""The REST API over real HTTP: uvicorn on a free loopback port in a background thread, hit with httpx.

The ledger is built once through the server: the seed corpus (``../shared/corpus/seeds``) uploaded as
JSON Lines, or the bundled samples when ../shared is absent (both report the Makiivka strike with the
Russian ministry's 89 and Ukraine's 400).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from claimledger import Settings
from claimledger.api import ApiSettings, create_app, running
from claimledger.demo import samples_dir

from .conftest import SHARED
from .rest_support import AUTH, TOKEN, assert_error, corpus_jsonl

LIMIT = 64 * 1024  # the request size limit of these servers


def corpus() -> Path:
    seeds = SHARED / "corpus" / "seeds"
    return seeds if (seeds / "manifest.jsonl").exists() else samples_dir()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("http") / "ledger.db"


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    app = create_app(ApiSettings(ledger=Settings(db=db), tokens={TOKEN: "ana"}, max_request_bytes=LIMIT))
    with running(app) as url:
        assert url.startswith("http://127.0.0.1:")
        sent = httpx.post(f"{url}/api/ingest", headers=AUTH, timeout=600,
                          files=[("files", ("corpus.jsonl", corpus_jsonl(corpus()), "application/x-ndjson"))])
        assert sent.status_code == 201, sent.text
        yield url


@pytest.fixture
def http(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as client:
        yield client


def test_the_makiivka_event_over_http(http: httpx.Client) -> None:
    strikes = http.get("/api/events", params={"type": "strike", "place": "Makiivka"}).json()["items"]
    served = []
    for strike in strikes:
        event = http.get(f"/api/events/{strike['id']}").json()
        served.append({(row["claimant"]["side"], row["latest"]["best"]) for row in event["claimants"]
                       if row["measure"] == "killed" and row["subject_side"] == "russia"})
    assert any({("russia", 89), ("ukraine", 400)} <= best for best in served), served


def test_writes_without_a_token_get_401(http: httpx.Client) -> None:
    assert_error(http.post("/api/ingest/url", json={"url": "https://example.org/"}), 401, "missing_token")
    answer = http.post("/api/ingest", files=[("files", ("a.txt", b"Some words.", "text/plain"))])
    assert_error(answer, 401, "missing_token")
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_a_read_only_server_refuses_writes_with_401(db: Path) -> None:
    with running(create_app(ApiSettings(ledger=Settings(db=db)))) as url:
        assert httpx.get(f"{url}/api/status").json()["read_only"] is True
        assert_error(httpx.post(f"{url}/api/ingest/url", headers=AUTH, json={"url": "https://example.org/"}),
                     401, "read_only")


def test_an_oversized_body_gets_413(http: httpx.Client) -> None:
    declared = http.post("/api/ingest", headers={**AUTH, "Content-Type": "text/plain"}, content=b"z" * (4 * LIMIT))
    assert_error(declared, 413, "too_large")

    def streamed() -> Iterator[bytes]:  # chunked: no Content-Length to refuse it by; a well-formed part
        # (the multipart parser must not stop it first as malformed, which it may do before the limit)
        yield (b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
               b"Content-Type: text/plain\r\n\r\n")
        for _ in range(8):
            yield b"z" * (LIMIT // 2)

    chunked = http.post("/api/ingest", headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"},
                        content=streamed())
    assert_error(chunked, 413, "too_large")
    assert http.get("/api/status").status_code == 200  # the server goes on


def test_url_ingest_of_loopback_is_refused(http: httpx.Client, base: str) -> None:
    # this very server is listening there: the address is refused, not unreachable. (Private and
    # link-local ranges are refused by the same check, tests/test_ingest_network.py; no test here
    # names an address off this machine, in case the refusal ever broke.)
    for url in (f"{base}/api/status", "http://localhost:9/", "http://[::1]:9/", "http://127.1.2.3:9/"):
        refused = assert_error(http.post("/api/ingest/url", headers=AUTH, json={"url": url}), 422, "private_address")
        assert "address" in refused["message"]


def test_pages_round_trip_over_http(http: httpx.Client) -> None:
    for path in ("/api/articles", "/api/claims", "/api/figures", "/api/events"):
        whole = http.get(path, params={"limit": 500}).json()["items"]
        paged, cursor = [], None
        while True:
            body = http.get(path, params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
            paged += body["items"]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert paged == whole and whole, path


def test_search_and_filters_over_http(http: httpx.Client) -> None:
    hits = http.get("/api/search", params={"q": "Makiivka"}).json()["items"]
    assert hits and all(h["highlights"] for h in hits)
    figures = http.get("/api/figures", params={"claimant_side": "ukraine"}).json()["items"]
    assert figures and {f["claimant"]["side"] for f in figures} == {"ukraine"}
    assert_error(http.get("/api/figures", params={"until": "not-a-day"}), 422, "invalid_request")
    assert http.get("/openapi.json").json()["info"]["title"] == "claimledger"
