"""The web app's routes: server-rendered pages over one ``Ledger``.

    /                     the event board (filters: type, status, place, from, to)
    /events/{id}          one event: claimants side by side, contradictions, claims in their articles
    /timeline             events by day; each ceasefire's life
    /chart                one figure over time, per claimant side, with the official tally
    /articles/{id}        an article with every extracted span marked by kind
    /outlets              the outlets; /outlets/{name}: what one reported, relayed and copied
    /map                  the events on a map (SVG, no tiles)
    /static/{name}        the style sheet and the script (package files)

Every page is HTML rendered by ``render.py`` with a Content-Security-Policy that allows only the
package's own style sheet and script. Reads are synchronous (FastAPI runs them in its thread pool);
the ledger's store serialises them on its connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..ledger import Ledger
from . import charts, maps, sources, views
from .render import ASSETS, CSP, Links, asset, render, side_classes

LedgerSource = Ledger | Callable[[], Ledger]


def web_router(ledger: LedgerSource) -> APIRouter:
    """The web app's pages as a router, reading ``ledger`` (a ``Ledger``, or a function giving the one
    to read at each request). Mount it where the pages should live: ``app.include_router(web_router(l))``."""
    router = APIRouter(include_in_schema=False)
    current: Callable[[], Ledger] = (lambda: ledger) if isinstance(ledger, Ledger) else ledger

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        opened = current()
        html = render(template, links=Links(request), side_class=side_classes(opened.parties()),
                      section=template.removesuffix(".html"), no_outlet=sources.NO_OUTLET, **context)
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP,
                                                               "X-Content-Type-Options": "nosniff",
                                                               "Referrer-Policy": "no-referrer"})

    def missing(request: Request, what: str) -> HTMLResponse:
        return page(request, "missing.html", 404, what=what)

    @router.get("/", name="board", response_class=HTMLResponse)
    def board(request: Request, type: str = "", status: str = "", place: str = "",
              date_from: Annotated[str, Query(alias="from")] = "",
              date_to: Annotated[str, Query(alias="to")] = "") -> HTMLResponse:
        wanted = views.BoardFilter(type.strip(), status.strip(), place.strip(), date_from.strip(), date_to.strip())
        found = views.board(current(), wanted)
        return page(request, "board.html", 400 if found.problems else 200, board=found)

    @router.get("/events/{event_id}", name="event", response_class=HTMLResponse)
    def event(request: Request, event_id: str) -> HTMLResponse:
        found = views.event_page(current(), event_id)
        if found is None:
            return missing(request, f"No single event has an id starting {event_id!r}.")
        return page(request, "event.html", event_page=found)

    @router.get("/timeline", name="timeline", response_class=HTMLResponse)
    def timeline(request: Request) -> HTMLResponse:
        opened = current()
        with opened.snapshot():
            days = views.timeline(opened.timeline())
            chains = opened.ceasefires()
        return page(request, "timeline.html", days=days, chains=chains)

    @router.get("/chart", name="chart", response_class=HTMLResponse)
    def chart(request: Request, measure: str = "", subject: str = "") -> HTMLResponse:
        found = charts.figure_chart(current(), measure.strip() or None, subject.strip() or None)
        return page(request, "chart.html", chart=found)

    @router.get("/articles/{article_id}", name="article", response_class=HTMLResponse)
    def article(request: Request, article_id: str) -> HTMLResponse:
        found = sources.article_page(current(), article_id)
        if found is None:
            return missing(request, f"No article has the id, ref or URL {article_id!r}.")
        return page(request, "article.html", article_page=found, kinds=sources.KINDS)

    @router.get("/outlets", name="outlets", response_class=HTMLResponse)
    def outlets(request: Request) -> HTMLResponse:
        return page(request, "outlets.html", outlets=sources.outlets(current()))

    @router.get("/outlets/{name:path}", name="outlet", response_class=HTMLResponse)
    def outlet(request: Request, name: str) -> HTMLResponse:
        found = sources.outlet_page(current(), name)
        if found is None:
            return missing(request, f"No article in this ledger comes from an outlet named {name!r}.")
        return page(request, "outlet.html", outlet=found)

    @router.get("/map", name="map", response_class=HTMLResponse)
    def event_map(request: Request) -> HTMLResponse:
        events = current().timeline()
        return page(request, "map.html", event_map=maps.event_map(events), events=events)

    @router.get("/static/{name}", name="static")
    def static(name: str) -> Response:
        if name not in ASSETS:
            return Response("Not found", status_code=404, media_type="text/plain")
        return Response(asset(name), media_type=ASSETS[name], headers={"Cache-Control": "no-cache",
                                                                       "X-Content-Type-Options": "nosniff"})

    return router
