"""Records to payloads: the export's record dicts (``export.py``), with what a listing needs around them.

Each function reads through one ``Ledger`` and returns plain dicts shaped as ``models.py``
declares; the routes only choose, page and return them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..assess import figure_statuses
from ..export import (
    article_record,
    claim_record,
    contradiction_record,
    event_record,
    figure_record,
    linked_event_record,
)
from ..ledger import EventReport, Ledger
from ..records import Article, ArticleFilter, Claim, Event, Figure, TallyCheck

Key = tuple[int | float | str, ...]
DECLARED = "ceasefire_declared"


def article_out(article: Article) -> dict[str, Any]:
    """An article's metadata (the export's record without its text)."""
    record = article_record(article)
    record.pop("text", None)
    return record


def headers(ledger: Ledger, ids: Iterable[str]) -> dict[str, Article]:
    """Articles by id, metadata only, in one query."""
    wanted = tuple(dict.fromkeys(ids))
    if not wanted:
        return {}
    page = ledger.store.article_page(ArticleFilter(ids=wanted), size=len(wanted))
    return {a.id: a for a in page.items}


def claims_out(ledger: Ledger, claims: Sequence[Claim]) -> list[dict[str, Any]]:
    articles = headers(ledger, (c.article_id for c in claims))
    return [claim_record(c, articles[c.article_id]) for c in claims if c.article_id in articles]


def figures_out(ledger: Ledger, figures: Sequence[Figure], status: dict[str, str] | None = None,
                ) -> list[dict[str, Any]]:
    """Figure records with their official-tally checks; each article's figures are checked all
    together, as the export checks them (``Ledger.checked_figures``)."""
    check = ledger.tally_checker()
    checks: dict[str, TallyCheck] = {}
    articles: dict[str, Article] = {}
    for article_id in dict.fromkeys(f.article_id for f in figures):
        article, extraction = ledger.article(article_id), ledger.extraction(article_id)
        if article is None:
            continue
        articles[article_id] = article
        if extraction is not None:
            checks.update(check(article, extraction.figures))
    return [figure_record(f, articles[f.article_id], checks.get(f.id), (status or {}).get(f.id))
            for f in figures if f.article_id in articles]


def article_detail(ledger: Ledger, article: Article) -> dict[str, Any]:
    """An article with its text and every record extracted from it."""
    out = article_record(article)
    extraction = ledger.extraction(article.id)
    if extraction is None:
        return {**out, "extractor_version": None, "extraction_error": None}
    checks = ledger.tally_checker()(article, extraction.figures)
    return {
        **out,
        "extractor_version": extraction.extractor_version,
        "extraction_error": extraction.error.message if extraction.error is not None else None,
        "claims": [claim_record(c, article) for c in extraction.claims],
        "figures": [figure_record(f, article, checks.get(f.id)) for f in extraction.figures],
        "mentions": [event_record(e, article) for e in extraction.events],
        "places": [{"span": _span(p.span), "kind": p.place.kind,
                    "place": {"name": p.place.name, "lat": p.place.lat, "lon": p.place.lon,
                              "admin1": p.place.admin1, "country": p.place.country}} for p in extraction.places],
        "times": [{"span": _span(t.span), "value": t.value, "kind": t.kind, "end": t.end} for t in extraction.times],
    }


def _span(span: Any) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def timeline_key(event: Event) -> Key:
    """The order of event listings: by date (to the minute; a declared ceasefire before what follows it
    on its day), the undated last; then by id."""
    day = (event.date_start or "")[:16]
    return (0 if day else 1, day, 0 if event.type == DECLARED else 1, event.id)


def event_detail(ledger: Ledger, report: EventReport) -> dict[str, Any]:
    """The side-by-side view of one event (``Ledger.event_report``) as a payload."""
    figures = [f for row in report.rows for f in row.figures]
    status = figure_statuses(figures, report.contradictions, ledger.parties())
    rendered = {r["id"]: r for r in figures_out(ledger, figures, status)}
    rows = []
    for row in report.rows:
        every = [rendered[f.id] for f in row.figures if f.id in rendered]
        if not every:
            continue
        rows.append({"measure": row.measure, "subject_side": row.subject_side,
                     "claimant": every[0]["claimant"], "latest": every[0],
                     "revisions": [rendered[f.id] for f in row.revisions if f.id in rendered], "figures": every})
    articles = headers(ledger, report.event.article_ids)
    return {
        "event": linked_event_record(report.event),
        "claimants": rows,
        "contradictions": [contradiction_record(c) for c in report.contradictions],
        "ceasefire": [linked_event_record(e) for e in (report.chain.events if report.chain is not None else ())],
        "articles": [article_out(articles[a]) for a in report.event.article_ids if a in articles],
    }
