"""The web app and the report in a real headless Chromium (Debian's ``chromium``, driven by Playwright
through ``executable_path``; its own browser download cannot work here and is never run).

The app is served by uvicorn over real HTTP on a free loopback port, over a ledger of the seed
articles and a hostile article. Screenshots are saved to ``tests/artifacts/web/`` (ignored by git;
``CLAIMLEDGER_TEST_ARTIFACTS`` names another directory). Skipped, with the reason, when Playwright or
Chromium (``/usr/bin/chromium``, or ``CLAIMLEDGER_CHROMIUM``) is absent, or ../shared is.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger import Ledger
from claimledger.web import create_web_app, write_report
from tests.conftest import shared_path
from tests.web_helpers import build_ledger, hostile_id, serving, the_strike

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                               "(pip install -e '.[test]'); the browser tests need it")

CHROMIUM = os.environ.get("CLAIMLEDGER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("CLAIMLEDGER_TEST_ARTIFACTS") or Path(__file__).parent / "artifacts") / "web"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CLAIMLEDGER_CHROMIUM)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(build_ledger(str(tmp_path_factory.mktemp("web-browser") / "ledger.db"), shared_path("corpus", "seeds")))


@pytest.fixture(scope="module")
def site(db: Path) -> Iterator[str]:
    with serving(create_web_app(db)) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; any script error on it fails the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert not errors, errors


def test_from_the_board_to_the_seed_strike_both_counts_side_by_side_and_a_claims_words(
        page: Any, site: str, db: Path) -> None:
    with Ledger(db) as ledger:
        strike = the_strike(ledger)
        report = ledger.event_report(strike.id)
    assert report is not None
    the_400 = next(f for row in report.rows for f in row.figures if f.best == 400)

    page.goto(site + "/")
    sync_api.expect(page.locator("h1")).to_have_text("Events")
    page.screenshot(path=str(ARTIFACTS / "board.png"), full_page=True)
    page.click(f'a[href="/events/{strike.id}"]')
    sync_api.expect(page.locator("h1")).to_have_text(strike.title)

    russia = page.locator('.side-col[data-side="russia"]').first
    ukraine = page.locator('.side-col[data-side="ukraine"]').first
    sync_api.expect(russia.locator(".figure-value", has_text="89").first).to_be_visible()
    sync_api.expect(ukraine.locator(".figure-value", has_text="400").first).to_be_visible()
    left, right = russia.bounding_box(), ukraine.bounding_box()
    assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 2  # side by side
    page.screenshot(path=str(ARTIFACTS / "event.png"))

    claim = page.locator(f'a.show.quote[data-show="{the_400.claim_id}"]')
    claim.click()
    marked = page.locator(".reports .hl")
    sync_api.expect(marked.first).to_be_visible()
    words = "".join(marked.all_inner_texts())
    wanted = claim.locator(".words").inner_text().strip("“”")
    assert "400" in wanted and wanted in words  # the claim's words (and its claimant and verb) are marked
    assert "600" not in words  # and no other claim's
    background = marked.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert claim.get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(ARTIFACTS / "event-claim-highlighted.png"))


def test_every_span_kind_is_marked_on_the_article_page(page: Any, site: str, db: Path) -> None:
    with Ledger(db) as ledger:
        seed = next(a for a in ledger.articles() if a.outlet == "The Sun")
    page.goto(f"{site}/articles/{seed.id}")
    for kind in ("claim", "figure", "place", "time", "trigger"):
        assert page.locator(f"#text .k-{kind}").count() > 0, kind
    page.locator('input[data-kind="place"]').uncheck()
    assert "hide-place" in (page.locator("#text").get_attribute("class") or "")
    page.screenshot(path=str(ARTIFACTS / "article.png"))


def test_a_hostile_article_renders_as_text(page: Any, site: str, db: Path) -> None:
    with Ledger(db) as ledger:
        article = hostile_id(ledger)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"/articles/{article}", "/outlets/-"):
        page.goto(site + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("main img, main iframe, main b[onmouseover]").count() == 0, path
    page.goto(f"{site}/articles/{article}")
    text = page.locator("#text").inner_text()
    assert '<script>window.__pwned = "body"; alert("pwned")</script>' in text
    assert "onerror=" in page.locator("h1").inner_text()
    page.locator("#text").hover()
    assert not dialogs
    page.screenshot(path=str(ARTIFACTS / "hostile-article.png"))


def test_the_other_pages_draw(page: Any, site: str) -> None:
    for name, path, check in (("timeline", "/timeline", ".day"), ("chart", "/chart", "svg.chart circle"),
                              ("map", "/map", "svg.map .marker"), ("outlet", "/outlets/The%20Sun", "h1")):
        page.goto(site + path)
        sync_api.expect(page.locator(check).first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_the_report_opens_from_a_file_with_the_network_off(browser: Any, db: Path, tmp_path: Path) -> None:
    with Ledger(db) as ledger:
        path = write_report(ledger, tmp_path / "report.html")
        strike = the_strike(ledger)
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(path.as_uri())
    sync_api.expect(page.locator("#events tbody tr").first).to_be_visible()
    section = page.locator(f'[id="event-{strike.id}"]')
    for side, value in (("russia", "89"), ("ukraine", "400")):
        figure = section.locator(f'.side-col[data-side="{side}"] .figure-value', has_text=value).first
        sync_api.expect(figure).to_be_visible()
    assert page.locator("svg.chart").count() >= 1 and page.locator("svg.map").count() == 1
    # the inline style sheet applied (its hash is in the policy): the side columns have their colours
    assert section.locator(".side-col").first.evaluate("el => getComputedStyle(el).borderTopWidth") == "4px"
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    context.close()
    assert requests == [path.as_uri()], requests  # the file itself, nothing else
    assert not problems, problems  # no policy violation, no script error
