"""The web app and the HTML report: server-rendered pages over a ``Ledger``, working with no network.

    pages.py      ``web_router(ledger)``: the routes (event board, event, timeline, chart, article,
                  outlets, map, static files); the REST API's app mounts it at "/"
    views.py      what the event pages show: the board's filters, an event's claimants side by side,
                  the timeline (plain records read from the Ledger)
    sources.py    what the article and outlet pages show
    highlight.py  article text cut into segments at extracted spans' offsets (never parsed as markup)
    charts.py     one figure over time per claimant side, with the official tally, as SVG geometry
    maps.py       events on an equirectangular projection with a graticule, as SVG geometry
    render.py     the Jinja environment (autoescape on), the assets, where links point
    report.py     ``write_report(ledger, path)``: one self-contained HTML file
    templates/    the pages' HTML; static/: style.css and app.js (shipped, nothing from a CDN)

Article text, titles and names are untrusted: Jinja escapes them, highlighted text is built from
escaped pieces, links go only to http(s) addresses, and every page carries a Content-Security-Policy
that allows the package's own script and nothing else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from ..errors import ConfigError
from ..ledger import Ledger
from ..store import is_postgres_url
from .pages import web_router
from .report import write_report

__all__ = ["create_web_app", "web_router", "write_report"]


def create_web_app(db_path: str | Path) -> FastAPI:
    """A FastAPI app serving the web app alone over the ledger at ``db_path`` (for tests and until the
    REST API's app mounts ``web_router``). The ledger is opened when the app starts serving; a path
    with no ledger is refused (``ConfigError``) rather than created empty."""
    if not is_postgres_url(db_path) and not Path(db_path).is_file():
        raise ConfigError(f"No ledger at {db_path}: create one with `claimledger ingest ARTICLES --db {db_path}`")
    opened: list[Ledger] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened.append(Ledger(db_path))
        try:
            yield
        finally:
            opened.pop().close()

    app = FastAPI(title="claimledger", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(web_router(lambda: opened[-1]))
    return app
