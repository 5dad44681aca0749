"""The read endpoints: ``GET /api/...`` over the ledger, paged by cursor and filtered.

Listings answer ``{"items": [...], "next_cursor": "..."}``; pass ``cursor=<next_cursor>`` for the
next page (``paging.py``), with the same filters. Article filters (``outlet``, ``since``,
``until``) select by the reporting articles' outlet and publication day everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from .. import __version__
from ..assess import STATUSES, ceasefire_chains
from ..export import contradiction_record, linked_event_record
from ..ledger import Ledger
from ..records import ArticleFilter
from .errors import ERROR_RESPONSES, ApiError
from .models import (
    ArticleDetail,
    ArticlePage,
    ClaimPage,
    ContradictionPage,
    EventDetail,
    EventPage,
    FigurePage,
    OutletDetail,
    OutletPage,
    SearchPage,
    StatusOut,
    TallyDayPage,
    TallyOut,
)
from .paging import decode_cursor, encode_cursor, keyset
from .state import AppState, app_state
from .views import article_detail, article_out, claims_out, event_detail, figures_out, timeline_key

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

State = Annotated[AppState, Depends(app_state)]
Outlet = Annotated[str | None, Query(description="Articles of this outlet (case-insensitive)")]
Since = Annotated[dt.date | None, Query(description="Articles published on or after this day")]
Until = Annotated[dt.date | None, Query(description="Articles published on or before this day")]
Cursor = Annotated[str | None, Query(description="A page's next_cursor: where the next page starts")]
Limit = Annotated[int | None, Query(ge=1, le=500, description="Items per page (default 50)")]


def article_filter(outlet: Outlet = None, since: Since = None, until: Until = None) -> ArticleFilter | None:
    if outlet is None and since is None and until is None:
        return None
    return ArticleFilter(outlet=outlet, since=since.isoformat() if since else None,
                         until=until.isoformat() if until else None)


Where = Annotated[ArticleFilter | None, Depends(article_filter)]


def reader(state: State) -> Ledger:
    return state.ledgers.reader()


Reader = Annotated[Ledger, Depends(reader)]


def page_size(state: AppState, limit: int | None) -> int:
    return min(limit or state.settings.page_size, state.settings.max_page_size)


# ---------------------------------------------------------------- status
@router.get("/status", response_model=StatusOut, summary="The server and its ledger")
def status(state: State, ledger: Reader) -> dict[str, Any]:
    """Whether the server takes writes (and how), its request size limit and what the ledger holds."""
    stats = ledger.stats()
    writes = ("read-only: no write token is configured (set CLAIMLEDGER_TOKEN or CLAIMLEDGER_TOKENS and restart)"
              if state.settings.read_only else
              f"writes need a bearer token ({len(state.settings.tokens)} analyst(s) configured)")
    return {"version": __version__, "read_only": state.settings.read_only, "writes": writes,
            "max_request_bytes": state.settings.request_limit,
            "ledger": {"articles": stats.articles, "claims": stats.claims, "figures": stats.figures,
                       "events": stats.events, "extracted": stats.extracted,
                       "extraction_failures": stats.extraction_failures, "schema_version": stats.schema_version,
                       "first_published": stats.first_published, "last_published": stats.last_published}}


# ---------------------------------------------------------------- articles and search
@router.get("/articles", response_model=ArticlePage, summary="Articles, oldest ingested first")
def articles(state: State, ledger: Reader, where: Where, cursor: Cursor = None, limit: Limit = None,
             language: Annotated[str | None, Query(description="ISO 639-1 code, e.g. en")] = None) -> dict[str, Any]:
    """Articles' metadata (their texts: ``GET /api/articles/{key}``)."""
    if language is not None:
        where = ArticleFilter(**{**_fields(where), "language": language})
    page = ledger.store.article_page(where, after=decode_cursor("articles", cursor), size=page_size(state, limit))
    return {"items": [article_out(a) for a in page.items], "next_cursor": encode_cursor("articles", page.after)}


@router.get("/articles/{key}", response_model=ArticleDetail, summary="One article with its records")
def article(ledger: Reader, key: Annotated[str, Path(description="Its id, an id prefix (6+), its ref or URL")],
            ) -> dict[str, Any]:
    """An article's text and every claim, figure, event mention, place and time extracted from it,
    each with character offsets into the text."""
    found = ledger.article(key)
    if found is None:
        raise ApiError(404, "not_found", f"No article {key!r}: give an id, an id prefix of 6 or more characters, "
                       "a ref or a URL (list them at /api/articles)")
    return article_detail(ledger, found)


@router.get("/search", response_model=SearchPage, summary="Full-text search of the articles")
def search(state: State, ledger: Reader, where: Where,
           q: Annotated[str, Query(min_length=1, max_length=500, description='Words that must all match; '
                                   '"quoted words" as a phrase, word* as a prefix')],
           cursor: Cursor = None, limit: Limit = None) -> dict[str, Any]:
    """Articles whose title or text holds every word, best first, each with the passage that matched."""
    page = ledger.search(q, where, after=decode_cursor("search", cursor), size=page_size(state, limit))
    items = [{"article": article_out(h.article), "snippet": h.snippet, "highlights": list(h.highlights),
              "rank": h.rank} for h in page.items]
    return {"items": items, "next_cursor": encode_cursor("search", page.after)}


# ---------------------------------------------------------------- claims and figures
@router.get("/claims", response_model=ClaimPage, summary="Attributed claims")
def claims(state: State, ledger: Reader, where: Where, cursor: Cursor = None, limit: Limit = None,
           claimant: Annotated[str | None, Query(description="Part of the claimant's name or words")] = None,
           side: Annotated[str | None, Query(description="The claimant's side")] = None) -> dict[str, Any]:
    page = ledger.store.claim_page(where, claimant=claimant, side=side, after=decode_cursor("claims", cursor),
                                   size=page_size(state, limit))
    return {"items": claims_out(ledger, page.items), "next_cursor": encode_cursor("claims", page.after)}


@router.get("/figures", response_model=FigurePage, summary="Claimed figures")
def figures(state: State, ledger: Reader, where: Where, cursor: Cursor = None, limit: Limit = None,
            measure: Annotated[str | None, Query(description="e.g. killed, tanks")] = None,
            subject_side: Annotated[str | None, Query(description="Whose losses")] = None,
            claimant_side: Annotated[str | None, Query(description="The claimant's side")] = None) -> dict[str, Any]:
    """Figures with low/best/high, their claimant and evidence, and their official-tally check."""
    page = ledger.store.figure_page(where, measure=measure, subject_side=subject_side, claimant_side=claimant_side,
                                    after=decode_cursor("figures", cursor), size=page_size(state, limit))
    return {"items": figures_out(ledger, page.items), "next_cursor": encode_cursor("figures", page.after)}


# ---------------------------------------------------------------- events
@router.get("/events", response_model=EventPage, summary="Events linked across articles, by date")
def events(state: State, ledger: Reader, where: Where, cursor: Cursor = None, limit: Limit = None,
           type: Annotated[str | None, Query(description="e.g. strike, ceasefire_declared")] = None,
           status: Annotated[str | None, Query(description=f"One of {', '.join(STATUSES)}")] = None,
           place: Annotated[str | None, Query(description="Part of the place's name (case-insensitive)")] = None,
           date_from: Annotated[dt.date | None, Query(alias="from", description="On or after this day")] = None,
           date_to: Annotated[dt.date | None, Query(alias="to", description="On or before this day")] = None,
           ) -> dict[str, Any]:
    """Events by date (the undated last), each with its status and number of independent sources."""
    if status is not None and status not in STATUSES:
        raise ApiError(422, "invalid_request", f"Unknown status {status!r}: use one of {', '.join(STATUSES)}")
    lo, hi = (date_from.isoformat() if date_from else None), (date_to.isoformat() if date_to else None)
    chosen = (e for e in ledger.linked_events(where, type=type)
              if (status is None or e.status == status)
              and (place is None or (e.place is not None and place.casefold() in e.place.name.casefold()))
              and (lo is None or (e.date_start or "")[:10] >= lo)
              and (hi is None or "" < (e.date_start or "")[:10] <= hi))
    found, after = keyset(chosen, timeline_key, decode_cursor("events", cursor), page_size(state, limit))
    return {"items": [linked_event_record(e) for e in found], "next_cursor": encode_cursor("events", after)}


@router.get("/events/{key}", response_model=EventDetail, summary="One event, its claimants side by side")
def event(ledger: Reader, key: Annotated[str, Path(description="The event's id or its first characters")],
          ) -> dict[str, Any]:
    """Every claimant's figures for the event side by side (latest first, with revisions), its
    contradictions and, for a ceasefire, its rejections and violations."""
    report = ledger.event_report(key)
    if report is None:
        raise ApiError(404, "not_found", f"No single event with an id starting {key!r} (list them at /api/events)")
    return event_detail(ledger, report)


@router.get("/timeline", response_model=EventPage, summary="Events in date order")
def timeline(state: State, ledger: Reader, where: Where, cursor: Cursor = None, limit: Limit = None,
             ceasefires: Annotated[bool, Query(description="Only declared ceasefires and the rejections and "
                                               "alleged violations that belong to them")] = False,
             ) -> dict[str, Any]:
    """The events by date, undated last (the order of /api/events); with ``ceasefires``, each truce's life."""
    linked = ledger.linked_events(where)
    if ceasefires:
        linked = [e for chain in ceasefire_chains(linked) for e in chain.events]
    found, after = keyset(linked, timeline_key, decode_cursor("timeline", cursor), page_size(state, limit))
    return {"items": [linked_event_record(e) for e in found], "next_cursor": encode_cursor("timeline", after)}


@router.get("/contradictions", response_model=ContradictionPage, summary="Records that cannot both be right")
def contradictions(state: State, ledger: Reader, where: Where, cursor: Cursor = None, limit: Limit = None,
                   event_id: Annotated[str | None, Query(description="Of this event only")] = None,
                   kind: Annotated[str | None, Query(description="figures, denial or debunk")] = None,
                   ) -> dict[str, Any]:
    found = [c for c in ledger.contradictions(where)
             if (event_id is None or c.event_id == event_id) and (kind is None or c.kind == kind)]
    page, after = keyset(found, lambda c: (c.event_id, c.id), decode_cursor("contradictions", cursor),
                         page_size(state, limit))
    return {"items": [contradiction_record(c) for c in page], "next_cursor": encode_cursor("contradictions", after)}


# ---------------------------------------------------------------- outlets
@router.get("/outlets", response_model=OutletPage, summary="Outlets and their article counts")
def outlets(state: State, ledger: Reader, cursor: Cursor = None, limit: Limit = None) -> dict[str, Any]:
    counts = ledger.stats().outlets
    page, after = keyset(counts.items(), lambda item: (item[0].casefold(), item[0]), decode_cursor("outlets", cursor),
                         page_size(state, limit))
    return {"items": [{"name": name, "articles": n} for name, n in page],
            "next_cursor": encode_cursor("outlets", after)}


@router.get("/outlets/{name}", response_model=OutletDetail, summary="What one outlet reported")
def outlet(ledger: Reader, name: Annotated[str, Path(description="The outlet's name (case-insensitive)")],
           ) -> dict[str, Any]:
    """Its articles, the claims it relayed by claimant side, its figures and its copies of earlier articles."""
    where = ArticleFilter(outlet=name)
    with ledger.snapshot():
        count = ledger.store.count_articles(where)
        if count == 0:
            raise ApiError(404, "not_found", f"No articles from an outlet named {name!r} (list them at /api/outlets)")
        published: list[str] = []
        copies = 0
        shown = name
        after = None
        while True:
            page = ledger.store.article_page(where, after=after, size=500)
            for a in page.items:
                shown = a.outlet or shown
                published += [a.published] if a.published else []
                copies += a.copy_group is not None and a.copy_group != a.id
            if page.after is None:
                break
            after = page.after
        sides: dict[str, int] = {}
        for claim in ledger.claims(where):
            sides[claim.claimant.side] = sides.get(claim.claimant.side, 0) + 1
        figure_count = sum(1 for _ in ledger.figures(where))
    return {"name": shown, "articles": count, "first_published": min(published, default=None),
            "last_published": max(published, default=None), "claims": sum(sides.values()),
            "figures": figure_count, "claimant_sides": sides, "copies_of_others": copies}


# ---------------------------------------------------------------- official tallies
@router.get("/tallies", response_model=list[TallyOut], summary="Official tallies and their series")
def tallies(ledger: Reader) -> list[dict[str, Any]]:
    """The profile's official tallies, each with its transcriptions (shipped and imported)."""
    return [{"key": t.key, "title": t.title, "claimant": t.claimant, "claimant_side": t.claimant_side,
             "subject_side": t.subject_side, "since": t.since, "measures": list(t.measures),
             "window_days": t.window_days,
             "series": [{"name": s.name, "source": s.source, "role": s.role, "origin": s.origin or None,
                         "days": len(s.days), "first": s.days[0].day if s.days else None,
                         "last": s.days[-1].day if s.days else None} for s in t.series]}
            for t in ledger.tallies()]


@router.get("/tallies/{tally}/series/{source}/days", response_model=TallyDayPage, summary="A series' days")
def tally_days(state: State, ledger: Reader, tally: str, source: str, cursor: Cursor = None, limit: Limit = None,
               since: Since = None, until: Until = None) -> dict[str, Any]:
    """One transcription's running totals, day by day."""
    name = f"{tally}/{source}"
    found = next((s for t in ledger.tallies() for s in t.series if s.name == name), None)
    if found is None:
        raise ApiError(404, "not_found", f"No tally series {name!r} (list them at /api/tallies)")
    lo, hi = (since.isoformat() if since else ""), (until.isoformat() if until else "9999")
    days = [d for d in found.days if lo <= d.day <= hi]
    page, after = keyset(days, lambda d: (d.day,), decode_cursor("tally_days", cursor), page_size(state, limit))
    return {"items": [{"day": d.day, "values": d.values} for d in page],
            "next_cursor": encode_cursor("tally_days", after)}


def _fields(where: ArticleFilter | None) -> dict[str, Any]:
    if where is None:
        return {}
    return {name: getattr(where, name) for name in ("outlet", "since", "until")}
