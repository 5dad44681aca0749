"""What the article and outlet pages show, read from a ``Ledger``.

- ``article_page(ledger, key)``: an article's text with every extracted span marked by kind
  (claims, figures, places, times, event triggers), its records, and its copies;
- ``outlet_page(ledger, name)``: what an outlet reported (its articles and the linked events they
  report), whose claims it relayed, and the copy groups its articles share with other articles.

An article with no outlet is listed under ``NO_OUTLET``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..ledger import Ledger
from ..records import Article, ArticleFilter, Claim, Correction, Event, Extraction
from .highlight import Segment, extraction_marks, segments
from .views import ArticleRef, article_ref, safe_url

NO_OUTLET = "-"  # the outlet page of the articles whose outlet is not known
KINDS = ("claim", "figure", "place", "time", "trigger")  # what the article page marks, in the legend's order


@dataclass(frozen=True, slots=True)
class ArticlePage:
    article: Article
    url: str | None
    extraction: Extraction | None
    segments: list[Segment]
    copies: tuple[ArticleRef, ...]  # the other articles of its copy group
    events: tuple[Event, ...]  # the linked events it reports
    corrections: dict[str, tuple[Correction, ...]]  # record id -> the corrections in force on it


@dataclass(frozen=True, slots=True)
class Relayed:
    """One claimant whose claims an outlet carried."""

    name: str
    side: str
    claims: tuple[tuple[Claim, ArticleRef], ...]


@dataclass(frozen=True, slots=True)
class CopyGroup:
    articles: tuple[ArticleRef, ...]  # by publication, the first first


@dataclass(frozen=True, slots=True)
class OutletPage:
    name: str  # as stored, or NO_OUTLET
    articles: tuple[ArticleRef, ...]
    events: tuple[Event, ...]
    relayed: tuple[Relayed, ...]
    own_voice: int  # claims in the outlet's own voice (no one else's words)
    copies: tuple[CopyGroup, ...]


@dataclass(frozen=True, slots=True)
class OutletRow:
    name: str
    key: str  # the path segment of its page
    articles: int


def article_page(ledger: Ledger, key: str) -> ArticlePage | None:
    """One article (by id, id prefix, ref or URL) with its extraction, or None when there is none."""
    with ledger.snapshot():
        article = ledger.article(key)
        if article is None:
            return None
        extraction = ledger.extraction(article.id)
        copies = _copies(ledger, article)
        events = tuple(ledger.linked_events(ArticleFilter(ids=(article.id,))))
        overlay = ledger.overlay()
    found = extraction if extraction is not None and extraction.error is None else None
    marks = extraction_marks(found, KINDS) if found is not None else []
    ids = [c.id for c in found.claims] + [f.id for f in found.figures] if found is not None else []
    corrections = {i: overlay.of(i) for i in ids if overlay.of(i)}
    return ArticlePage(article, safe_url(article.url), extraction, segments(article.text, marks), copies, events,
                       corrections)


def _copies(ledger: Ledger, article: Article) -> tuple[ArticleRef, ...]:
    if article.copy_group is None:
        return ()
    group = ledger.articles(ArticleFilter(copy_group=article.copy_group))
    return tuple(article_ref(a) for a in _by_date(group) if a.id != article.id)


def outlets(ledger: Ledger) -> list[OutletRow]:
    """Every outlet with its number of articles, the most prolific first; the articles with no
    outlet (``LedgerStats.outlets`` counts them as "unknown") last."""
    counts = ledger.stats().outlets
    rows = sorted((OutletRow(name, name, n) for name, n in counts.items() if name != "unknown"),
                  key=lambda r: (-r.articles, r.name.casefold()))
    if counts.get("unknown"):
        rows.append(OutletRow("(outlet not known)", NO_OUTLET, counts["unknown"]))
    return rows


def outlet_page(ledger: Ledger, name: str) -> OutletPage | None:
    """What outlet ``name`` (any case; ``NO_OUTLET``: articles with none) reported, relayed and copied."""
    with ledger.snapshot():
        if name == NO_OUTLET:
            mine = [a for a in ledger.articles() if a.outlet is None]
        else:
            mine = list(ledger.articles(ArticleFilter(outlet=name)))
        if not mine:
            return None
        ids = tuple(a.id for a in mine)
        events = tuple(ledger.timeline(ArticleFilter(ids=ids)))
        extractions = [x for a in mine if (x := ledger.extraction(a.id)) is not None]
        groups = {a.copy_group for a in mine if a.copy_group is not None}
        members = {g: list(ledger.articles(ArticleFilter(copy_group=g))) for g in sorted(groups)}
    refs = {a.id: article_ref(a) for a in mine}
    relayed: dict[tuple[str, str], list[tuple[Claim, ArticleRef]]] = {}
    own = 0
    for x in extractions:
        for c in x.claims:
            if c.mode == "outlet":
                own += 1
                continue
            who = c.claimant.name or c.claimant.mention or "unknown"
            relayed.setdefault((who, c.claimant.side), []).append((c, refs[x.article_id]))
    shown = mine[0].outlet if name != NO_OUTLET and mine[0].outlet is not None else NO_OUTLET
    return OutletPage(
        shown, tuple(article_ref(a) for a in _by_date(mine)), events,
        tuple(Relayed(who, side, tuple(found)) for (who, side), found in
              sorted(relayed.items(), key=lambda kv: (-len(kv[1]), kv[0][0].casefold()))),
        own, tuple(CopyGroup(tuple(article_ref(a) for a in _by_date(group)))
                   for group in members.values() if len(group) > 1))


def _by_date(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "9999", a.id))
