"""``create_app``: the FastAPI application over one ledger."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute

from .. import __version__
from ..ledger import Ledger
from ..settings import ledger_target
from ..web import web_router
from . import corrections, reads, writes
from .errors import BodyLimit, install_error_handlers
from .ledgers import Ledgers
from .settings import ApiSettings
from .state import AppState

DESCRIPTION = """The claims ledger over HTTP: articles, events linked across outlets with every claimant's
figures side by side, claims, figures, contradictions, outlets, official tallies and full-text search.

Listings are paged by cursor: pass a page's `next_cursor` as `cursor` for the next. Writes need
`Authorization: Bearer <token>`; a server started without a token is read-only (see `/api/status`).
Every error answers `{"error": {"status", "code", "message", "details"}}`."""


def create_app(settings: ApiSettings | None = None, *, db: str | Path | None = None) -> FastAPI:
    """The API for the ledger ``db`` (else ``settings.ledger.db``), with ``settings`` (default:
    ``ApiSettings.from_env()``: tokens and limits from the environment).

    The ledger is opened now (created when missing, migrated when older), so a path that is not a
    ledger raises ``StoreError`` here rather than on the first request. Its connections are closed
    when the app shuts down."""
    settings = settings or ApiSettings.from_env()
    if db is not None:
        settings = settings.with_(ledger=settings.ledger.with_(db=ledger_target(db)))
    Ledger(settings=settings.ledger).close()  # fail now on a file that is not a ledger
    ledgers = Ledgers(settings.ledger)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            ledgers.close()

    app = FastAPI(title="claimledger", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url="/docs", openapi_url="/openapi.json", redoc_url=None)
    app.state.claimledger = AppState(settings, ledgers)
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=settings.request_limit)
    app.include_router(web_router(ledgers.reader))  # the web app's pages at /, read like the API reads
    for router in (reads.router, writes.router, corrections.router):
        for route in router.routes:  # the pages build links by route name: the API's are told apart
            if isinstance(route, APIRoute) and not route.name.startswith("api_"):
                route.name = "api_" + route.name
        app.include_router(router)
    return app
