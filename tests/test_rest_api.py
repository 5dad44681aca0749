"""The REST API in-process (FastAPI's TestClient) over a real ledger file.

The ledger is built once for the module through the API itself: the bundled samples, uploaded as
one JSONL file with extraction (the only time the NLP pipeline is loaded here). Articles written for
a test are in our own words.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from openapi_spec_validator import validate

from claimledger import Ledger, Settings
from claimledger.api import ApiSettings, create_app
from claimledger.api.settings import tokens_from_env
from claimledger.demo import samples_dir
from claimledger.errors import ConfigError

from .conftest import BACKENDS
from .rest_support import AUTH, TOKEN, assert_error, corpus_jsonl

with warnings.catch_warnings():  # starlette 1.x would have httpx2 under its TestClient; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

Client = TestClient


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """The API's ledger, once per backend: a SQLite file, or a PostgreSQL database."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_cluster").create_database()
        return url
    return tmp_path_factory.mktemp("api") / "ledger.db"


@pytest.fixture(scope="module")
def app(db: Path | str) -> FastAPI:
    return create_app(ApiSettings(ledger=Settings(db=db), tokens={TOKEN: "ana"}, max_request_bytes=256 * 1024))


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[Client]:
    with TestClient(app, raise_server_exceptions=False) as opened:
        sent = opened.post("/api/ingest", headers=AUTH,
                           files=[("files", ("samples.jsonl", corpus_jsonl(samples_dir()), "application/x-ndjson"))])
        assert sent.status_code == 201, sent.text
        assert sent.json()["ingested"] == 6 and sent.json()["extracted"] == 6 and sent.json()["analyst"] == "ana"
        yield opened


def every_page(client: Client, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every item of a listing, read ``limit`` at a time by following next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        answer = client.get(path, params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the listing never ended")


# ---------------------------------------------------------------- the document and the error shape
def test_openapi_document_is_valid_and_docs_are_served(client: Client) -> None:
    document = client.get("/openapi.json").json()
    validate(document)  # openapi-spec-validator: the OpenAPI 3.1 schema and its references
    assert {"/api/events/{key}", "/api/search", "/api/ingest", "/api/ingest/url"} <= set(document["paths"])
    assert "ErrorResponse" in document["components"]["schemas"]
    assert "HTTPBearer" in document["components"]["securitySchemes"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_every_error_has_one_shape(app: FastAPI, client: Client) -> None:
    assert_error(client.get("/api/no-such-thing"), 404, "not_found")
    assert_error(client.get("/api/articles/nothing-like-this"), 404, "not_found")
    assert_error(client.get("/api/events/ev:0000000000"), 404, "not_found")
    assert_error(client.delete("/api/articles"), 405, "method_not_allowed")
    assert_error(client.post("/api/ingest/url", json={"url": "https://example.org/"}), 401, "missing_token")
    assert_error(client.post("/api/ingest/url", json={"url": "https://example.org/"},
                             headers={"Authorization": "Bearer not-the-token-at-all"}), 401, "bad_token")
    big = client.post("/api/ingest", headers={**AUTH, "Content-Type": "text/plain"}, content=b"x" * 300_000)
    assert_error(big, 413, "too_large")
    invalid = assert_error(client.get("/api/articles", params={"limit": 0, "since": "yesterday"}), 422,
                           "invalid_request")
    assert {tuple(d["loc"]) for d in invalid["details"]} == {("query", "limit"), ("query", "since")}
    assert_error(client.post("/api/ingest/url", headers=AUTH, json={"address": 1}), 422, "invalid_request")
    assert_error(client.get("/api/search", params={"q": "***"}), 422, "invalid_request")
    assert_error(client.get("/api/articles", params={"cursor": "%%%"}), 400, "bad_cursor")

    def fail() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/test-failure", fail)
    failed = assert_error(client.get("/api/test-failure"), 500, "internal_error")
    assert "a bug" not in failed["message"]  # the log has it, the client does not


def test_a_chunked_body_over_the_limit_gets_413_too(client: Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"y" * 10_000

    answer = client.post("/api/ingest", headers={**AUTH, "Content-Type": "multipart/form-data; boundary=zz"},
                         content=chunks())
    assert_error(answer, 413, "too_large")


# ---------------------------------------------------------------- reads
def test_status_says_what_the_ledger_holds_and_how_to_write(client: Client) -> None:
    status = client.get("/api/status").json()
    assert status["read_only"] is False and "token" in status["writes"]
    assert status["ledger"]["articles"] >= 6 and status["ledger"]["schema_version"] >= 6


def test_the_makiivka_event_serves_both_claimants_figures_side_by_side(client: Client) -> None:
    strikes = client.get("/api/events", params={"type": "strike", "place": "makiivka"}).json()["items"]
    assert len(strikes) == 1
    event = client.get(f"/api/events/{strikes[0]['id'][:10]}").json()  # an id prefix is enough
    killed = {row["claimant"]["side"]: row for row in event["claimants"]
              if row["measure"] == "killed" and row["subject_side"] == "russia"}
    assert {"russia", "ukraine"} <= set(killed)
    assert 89 in {r["latest"]["best"] for r in event["claimants"] if r["claimant"]["side"] == "russia"}
    assert killed["ukraine"]["latest"]["best"] == 400
    assert any(c["kind"] == "figures" for c in event["contradictions"])
    assert {a["id"] for a in event["articles"]} == set(event["event"]["article_ids"])
    assert event["event"]["sources"] >= 2


def test_article_records_point_at_their_words(client: Client) -> None:
    first = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    assert "text" not in first
    article = client.get(f"/api/articles/{first['ref']}").json()
    assert article["id"] == first["id"] and article["claims"] and article["places"]
    for claim in article["claims"]:
        span = claim["content"]
        assert article["text"][span["start"]:span["end"]] == span["text"]
    for figure in article["figures"]:
        assert article["text"][figure["number"]["start"]:figure["number"]["end"]] == figure["number"]["text"]


@pytest.mark.parametrize("path", ["/api/articles", "/api/claims", "/api/figures", "/api/events", "/api/timeline",
                                  "/api/contradictions", "/api/outlets"])
def test_pages_round_trip(client: Client, path: str) -> None:
    whole = client.get(path, params={"limit": 500}).json()
    assert whole["next_cursor"] is None and whole["items"]
    paged = every_page(client, path, 2)
    assert paged == whole["items"]


def test_a_cursor_belongs_to_its_listing(client: Client) -> None:
    cursor = client.get("/api/claims", params={"limit": 1}).json()["next_cursor"]
    assert cursor is not None
    assert_error(client.get("/api/figures", params={"cursor": cursor}), 400, "bad_cursor")


def test_filters(client: Client) -> None:
    wire = client.get("/api/articles", params={"outlet": "sample wire"}).json()["items"]
    assert len(wire) == 2 and {a["outlet"] for a in wire} == {"Sample Wire"}
    kyiv = client.get("/api/figures", params={"claimant_side": "ukraine", "measure": "killed"}).json()["items"]
    assert kyiv and all(f["claimant"]["side"] == "ukraine" and f["measure"] == "killed" for f in kyiv)
    sides = {c["claimant"]["side"] for c in client.get("/api/claims", params={"side": "russia"}).json()["items"]}
    assert sides == {"russia"}
    late = client.get("/api/articles", params={"since": "2023-01-06"}).json()["items"]
    assert late and all(a["published"] >= "2023-01-06" for a in late)
    events = client.get("/api/events", params={"from": "2023-01-06", "to": "2023-01-31"}).json()["items"]
    assert events and all("2023-01-06" <= e["date_start"][:10] <= "2023-01-31" for e in events)
    assert_error(client.get("/api/events", params={"status": "sure"}), 422, "invalid_request")
    truce = client.get("/api/timeline", params={"ceasefires": True}).json()["items"]
    assert "ceasefire_declared" in {e["type"] for e in truce} and {e["type"][:9] for e in truce} == {"ceasefire"}
    assert [e["date_start"] for e in truce] == sorted(e["date_start"] for e in truce)
    outlet = client.get("/api/outlets/sample wire").json()
    assert outlet["articles"] == 2 and outlet["claims"] > 0
    assert sum(outlet["claimant_sides"].values()) == outlet["claims"]
    assert_error(client.get("/api/outlets/No Such Outlet"), 404, "not_found")


def test_search(client: Client) -> None:
    hits = every_page(client, "/api/search", 1, q="makiivka")
    assert len(hits) >= 4 and len({h["article"]["id"] for h in hits}) == len(hits)
    for hit in hits:
        assert [hit["snippet"][s:e].casefold() for s, e in hit["highlights"]] == ["makiivka"] * len(hit["highlights"])
    assert client.get("/api/search", params={"q": "makiivka", "outlet": "Sample Kyiv Post"}).json()["items"]
    assert client.get("/api/search", params={"q": "zzyzx"}).json() == {"items": [], "next_cursor": None}


def test_tallies_and_their_days(client: Client) -> None:
    tallies = client.get("/api/tallies").json()
    series = tallies[0]["series"][0]
    tally, source = series["name"].split("/", 1)
    days = client.get(f"/api/tallies/{tally}/series/{source}/days",
                      params={"since": "2023-01-01", "until": "2023-01-10"}).json()["items"]
    assert [d["day"] for d in days][:2] == ["2023-01-01", "2023-01-02"] and len(days) == 10
    assert_error(client.get(f"/api/tallies/{tally}/series/nobody/days"), 404, "not_found")


# ---------------------------------------------------------------- writes
def test_upload_is_stored_searchable_and_a_second_time_a_duplicate(client: Client) -> None:
    story = (b"Quietford council said on Tuesday that flooding closed the old mill road; "
             b"nobody was hurt, according to the fire service.\n")
    first = client.post("/api/ingest", headers=AUTH, data={"extract": "false"},
                        files=[("files", ("../../quietford-flood.txt", story, "text/plain"))])
    assert first.status_code == 201, first.text
    (article_id,) = first.json()["article_ids"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["ref"] == "quietford-flood.txt" and article["source"] == "upload:quietford-flood.txt"
    assert [h["article"]["id"] for h in client.get("/api/search", params={"q": "quietford mill"}).json()["items"]] \
        == [article_id]
    again = client.post("/api/ingest", headers=AUTH, data={"extract": "false"},
                        files=[("files", ("copy.txt", story, "text/plain"))])
    assert again.status_code == 200 and again.json()["duplicates"] == 1
    empty = client.post("/api/ingest", headers=AUTH, files=[("files", ("blank.txt", b"  \n", "text/plain"))])
    assert assert_error(empty, 422, "empty")["details"][0]["loc"] == ["upload:blank.txt"]


def test_url_ingest_of_loopback_is_refused_and_recorded(client: Client, db: Path) -> None:
    refused = assert_error(client.post("/api/ingest/url", headers=AUTH, json={"url": "http://127.0.0.1:9/story"}),
                           422, "private_address")
    assert "loopback" in refused["message"]
    assert_error(client.post("/api/ingest/url", headers=AUTH, json={"url": "file:///etc/passwd"}), 422)
    with Ledger(db, settings=Settings(extract=False)) as ledger:
        assert [s.reason.value for s in ledger.skips()] == ["private_address"]


def test_a_read_only_server_says_so(db: Path) -> None:
    with TestClient(create_app(ApiSettings(ledger=Settings(db=db)))) as client:
        assert client.get("/api/status").json()["read_only"] is True
        assert "read-only" in client.get("/api/status").json()["writes"]
        answer = client.post("/api/ingest/url", headers=AUTH, json={"url": "https://example.org/"})
        assert assert_error(answer, 401, "read_only")
        assert answer.headers["www-authenticate"].startswith("Bearer")


# ---------------------------------------------------------------- settings
def test_tokens_map_to_analysts(tmp_path: Path) -> None:
    listed = tmp_path / "tokens.txt"
    listed.write_text("# analysts\nana:aaaaaaaaaaaaaaaaaaaa\n\nben:bbbbbbbbbbbbbbbbbbbb\n", encoding="utf-8")
    assert tokens_from_env({"CLAIMLEDGER_TOKENS": str(listed), "CLAIMLEDGER_TOKEN": "c" * 16}) == {
        "c" * 16: "analyst", "a" * 20: "ana", "b" * 20: "ben"}
    assert tokens_from_env({"CLAIMLEDGER_TOKENS": "ana:" + "a" * 20 + ", ben:" + "b" * 20}) == {
        "a" * 20: "ana", "b" * 20: "ben"}
    assert tokens_from_env({}) == {}
    for bad, words in ((f"ana:{'a' * 20},ben:{'a' * 20}", "share a token"), ("ana:short", "at least"),
                       ("tokens.txt", "neither a file"), (f"ana:{'a' * 20},ana:{'b' * 20}", "two tokens")):
        with pytest.raises(ConfigError, match=words):
            tokens_from_env({"CLAIMLEDGER_TOKENS": bad})


def test_the_analyst_is_the_tokens_name(db: Path) -> None:
    settings = ApiSettings.from_env({"CLAIMLEDGER_TOKENS": "ben:" + "b" * 20}, ledger=Settings(db=db))
    with TestClient(create_app(settings)) as client:
        story = b"Northvale officials said a ferry resumed service across the lake after repairs.\n"
        sent = client.post("/api/ingest", headers={"Authorization": "Bearer " + "b" * 20}, data={"extract": "false"},
                           files=[("files", ("ferry.txt", story, "text/plain"))])
        assert sent.json()["analyst"] == "ben"


def test_the_error_shape_is_in_the_document(client: Client) -> None:
    document = client.get("/openapi.json").json()
    for path, methods in document["paths"].items():
        if path == "/api/test-failure":  # added by test_every_error_has_one_shape
            continue
        for method, operation in methods.items():
            for status in ("404", "422", "500"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, method, status)
    assert json.dumps(document)  # serialisable as it is
