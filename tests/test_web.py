"""The web app in-process (FastAPI's test client over a real SQLite ledger) and the HTML report:
every page renders, the event page sets the claimants side by side, untrusted text is escaped,
bad filters and unknown ids are clear pages, and the report is one file that fetches nothing.
The real-browser tests are in test_web_browser.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimledger import ConfigError, Ledger
from claimledger.web import create_web_app, write_report
from claimledger.web.highlight import Mark, segments
from tests.conftest import BACKENDS, built_ledger_target, ledger_copy, shared_path
from tests.web_helpers import build_ledger, hostile_id, the_strike


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds and the hostile article, once per backend (a SQLite file, a PostgreSQL database)."""
    return build_ledger(built_ledger_target(request, tmp_path_factory.mktemp("web")), shared_path("corpus", "seeds"))


@pytest.fixture
def db(built: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return ledger_copy(built, request, tmp_path)


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_web_app(db)) as opened:
        yield opened


# ---------------------------------------------------------------- highlighting
def test_segments_cover_the_text_once_with_every_mark_that_covers_each_piece() -> None:
    text = "Officials said 89 died in the town."
    marks = [Mark(0, 34, "claim", "c1"), Mark(15, 17, "figure", "f1"), Mark(30, 34, "place", "p1"),
             Mark(20, 99, "claim", "outside"), Mark(9, 3, "time", "backwards")]
    pieces = segments(text, marks)
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.ids) for p in pieces if p.ids] == [
        ("Officials said ", ("c1",)), ("89", ("c1", "f1")), (" died in the ", ("c1",)), ("town", ("c1", "p1"))]
    assert [p.starts for p in pieces] == [("c1",), ("f1",), (), ("p1",), ()]


# ---------------------------------------------------------------- pages
def test_every_page_renders_with_its_policy(client: TestClient, db: Path) -> None:
    with Ledger(db) as ledger:
        strike, article = the_strike(ledger), hostile_id(ledger)
    for path in ("/", f"/events/{strike.id}", "/timeline", "/chart", "/chart?measure=killed&subject=russia",
                 f"/articles/{article}", "/outlets", "/outlets/The Sun", "/outlets/-", "/map"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert not re.search(r'(src|href)="(https?:)?//', response.text), path  # nothing from elsewhere
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../web/__init__.py").status_code == 404


def test_the_event_page_sets_each_sides_figures_side_by_side(client: TestClient, db: Path) -> None:
    with Ledger(db) as ledger:
        strike = the_strike(ledger)
        parties = sorted(ledger.parties())
    html = client.get(f"/events/{strike.id[:10]}").text  # a unique prefix is enough
    killed = html.split("<h3>killed <small>(russia side)</small>", 1)[1].split("</section>", 1)[0]
    by_side = {piece.split('"', 1)[0]: piece for piece in killed.split('data-side="')[1:]}
    assert set(parties) <= set(by_side), by_side.keys()
    assert ">89</span>" in by_side["russia"] and ">400</span>" in by_side["ukraine"]
    assert ">400</span>" not in by_side["russia"]
    assert "their ranges do not overlap" in html  # the contradiction, explained
    assert 'data-ids="' in html and "k-claim" in html  # the claims' words, marked in the articles


def test_board_filters_narrow_and_bad_ones_say_what_to_type(client: TestClient) -> None:
    everything = client.get("/").text
    strikes = client.get("/?type=strike&place=makiivka").text
    assert everything.count("<tr>") > strikes.count("<tr>") > 1
    assert "Kramatorsk" not in strikes.split("<tbody>")[1]
    assert client.get("/?status=contested&from=2023-01-01&to=2023-01-31").status_code == 200
    wrong = client.get("/?type=strikes&status=disputed&from=7%20Jan")
    assert wrong.status_code == 400
    assert "Did you mean &#39;strike&#39;?" in wrong.text
    assert "No status &#39;disputed&#39;" in wrong.text and "YYYY-MM-DD" in wrong.text
    assert "Traceback" not in wrong.text


def test_unknown_ids_are_pages_that_say_so(client: TestClient) -> None:
    for path, words in (("/events/ev:nothing", "No single event"), ("/articles/nothing", "No article"),
                        ("/outlets/Nobody", "No article in this ledger comes from")):
        response = client.get(path)
        assert response.status_code == 404 and words in response.text, path


def test_article_text_is_escaped_never_markup(client: TestClient, db: Path) -> None:
    with Ledger(db) as ledger:
        article = hostile_id(ledger)
        strike = the_strike(ledger)
    html = client.get(f"/articles/{article}").text
    body = html.split("<main>", 1)[1]
    assert "<script" not in body.split('<script src="', 1)[0]  # only the app's own script tag
    for payload in ("<img", "<iframe", "<b onmouseover"):
        assert payload not in body, payload
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", body)  # no element carries an event handler
    assert "&lt;script&gt;window.__pwned" in body and "onerror=&#34;window.__pwned" in body
    assert "k-place" in body or "k-claim" in body  # its spans are still marked
    assert "<script>window" not in client.get("/outlets/-").text
    assert "<script>window" not in client.get(f"/events/{strike.id}").text


def test_links_go_to_web_addresses_only(db: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.jsonl"
    story.write_text('{"text": "Officials said two people were hurt when a drone hit a depot in the town.", '
                     '"url": "javascript:window.__pwned=1", "outlet": "Daily <b>Bold</b>"}\n', encoding="utf-8")
    with Ledger(db) as ledger:
        added = ledger.ingest([story], extract=False).article_ids[0]
    with TestClient(create_web_app(db)) as client:
        html = client.get(f"/articles/{added}").text
        assert 'href="javascript:' not in html and "<code>javascript:window.__pwned=1</code>" in html
        assert "Daily &lt;b&gt;Bold&lt;/b&gt;" in html and "Not extracted yet" in html
        assert "Daily &lt;b&gt;Bold&lt;/b&gt;" in client.get("/outlets").text


def test_a_missing_ledger_is_refused_not_created(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="No ledger at"):
        create_web_app(tmp_path / "typo.db")
    assert not (tmp_path / "typo.db").exists()


def test_an_empty_ledger_has_pages_that_say_what_to_do(tmp_path: Path) -> None:
    Ledger(tmp_path / "empty.db").close()
    with TestClient(create_web_app(tmp_path / "empty.db")) as client:
        assert "claimledger ingest" in client.get("/").text
        for path in ("/timeline", "/chart", "/map", "/outlets"):
            assert client.get(path).status_code == 200, path


# ---------------------------------------------------------------- the report
def test_the_report_is_one_file_that_fetches_nothing(db: Path, tmp_path: Path) -> None:
    with Ledger(db) as ledger:
        strike = the_strike(ledger)
        path = write_report(ledger, tmp_path / "out" / "report.html")
    html = path.read_text(encoding="utf-8")
    assert path.parent.name == "out" and not list(path.parent.glob("*.partial"))
    assert f'id="event-{strike.id}"' in html and "Strike on Makiivka" in html
    assert not re.search(r'<link(?! rel="icon" href="data:,")|<(img|iframe)\b|<script src=|\b(src|href)="(https?:)?//',
                         html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and "default-src 'none'" in unescape(policy.group(1)) and "sha256-" in policy.group(1)
    assert "<svg class=\"chart\"" in html and "<svg class=\"map\"" in html
    assert "<script>window.__pwned" not in html


def test_corrections_show_on_the_event_page(db: Path) -> None:
    with Ledger(db) as ledger:
        strike = the_strike(ledger)
        the_400 = next(f for f in ledger.figures(measure="killed") if f.best == 400)
        ledger.correct_figure(the_400.id, value=410, by="Desk <Analyst>", why="the ministry's own wording")
    with TestClient(create_web_app(db)) as client:
        html = client.get(f"/events/{strike.id}").text
    assert ">410</span>" in html and "correct figure by Desk &lt;Analyst&gt;" in html
    assert "the ministry&#39;s own wording" in html


def test_the_chart_draws_each_sides_figures_and_the_official_tally(client: TestClient) -> None:
    html = client.get("/chart?measure=killed&subject=russia").text
    assert html.count('<circle class="pt ') >= 3 and '<path class="tally" d="M' in html
    assert "values on a log scale" in html  # 89 beside a running total over 100,000
