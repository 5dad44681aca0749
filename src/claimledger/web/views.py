"""What the event pages show, read from a ``Ledger``: plain records the templates lay out.

- ``board(ledger, wanted)``: the linked events, filtered (type, status, place, date range);
- ``event_page(ledger, key)``: one event's claimants side by side, grouped by side, each with their
  figures and revisions, the contradictions with the figures they cite, the event's claims and the
  reporting articles cut into segments at those claims' and figures' words (``highlight.py``);
- ``timeline(ledger)``: the events by day, and each ceasefire's life.

Nothing here formats HTML; the templates do, with every text escaped.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..assess import CeasefireChain
from ..assess.status import STATUSES
from ..ledger import Ledger
from ..records import Article, Claim, Contradiction, Correction, Event, Figure
from .highlight import Mark, Segment, segments

UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """The board's filters, as typed in its form; an empty field is no filter."""

    type: str = ""
    status: str = ""
    place: str = ""
    date_from: str = ""
    date_to: str = ""

    @property
    def active(self) -> bool:
        return any((self.type, self.status, self.place, self.date_from, self.date_to))


@dataclass(frozen=True, slots=True)
class Board:
    events: list[Event]
    total: int  # events in the ledger, before the filters
    types: list[str]  # every event type in the ledger, for the filter's choices
    statuses: Sequence[str]
    wanted: BoardFilter
    problems: list[str]  # filters that cannot be used, each with what to type instead


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """How a page names an article it cites."""

    id: str
    outlet: str | None
    published: str | None
    title: str | None
    ref: str | None


@dataclass(frozen=True, slots=True)
class FigureView:
    figure: Figure
    article: ArticleRef | None
    day: str | None  # the day the figure counts to: its as_of, else its article's publication
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimantView:
    """One claimant's figures for one measure and subject: the latest, then the earlier values it
    went through (``revisions``) and how many reports carry its figures."""

    name: str
    mention: str | None
    kind: str
    latest: FigureView
    revisions: tuple[FigureView, ...]
    reports: int


@dataclass(frozen=True, slots=True)
class SideColumn:
    side: str
    claimants: tuple[ClaimantView, ...]


@dataclass(frozen=True, slots=True)
class MeasureGroup:
    """Every claimant's figures for one measure of one subject side, a column per claimant side."""

    measure: str
    subject_side: str
    columns: tuple[SideColumn, ...]
    contested: bool


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    article: ArticleRef | None
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True, slots=True)
class ContradictionView:
    contradiction: Contradiction
    figures: tuple[FigureView, ...]
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True, slots=True)
class ArticleText:
    """A reporting article, cut into segments at the event's claims and figures."""

    article: ArticleRef
    url: str | None
    segments: list[Segment]


@dataclass(frozen=True, slots=True)
class EventPage:
    event: Event
    groups: tuple[MeasureGroup, ...]
    contradictions: tuple[ContradictionView, ...]
    claims: tuple[tuple[str, tuple[ClaimView, ...]], ...]  # (claimant side, its claims)
    articles: tuple[ArticleText, ...]
    chain: CeasefireChain | None
    link_corrections: tuple[Correction, ...] = ()

    @property
    def actors(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """The event's actors, each once: (name, side, its roles)."""
        roles: dict[tuple[str, str], list[str]] = {}
        for a in self.event.actors:
            roles.setdefault((a.name, a.side), []).append(a.role)
        return [(name, side, tuple(dict.fromkeys(r))) for (name, side), r in roles.items()]


@dataclass(frozen=True, slots=True)
class Day:
    day: str  # ISO date, or UNDATED
    events: list[Event] = field(default_factory=list)


# ---------------------------------------------------------------- the board
def board(ledger: Ledger, wanted: BoardFilter) -> Board:
    """The linked events that pass ``wanted``, in date order (the undated last)."""
    events = ledger.timeline()
    types = sorted({e.type for e in events})
    problems = check_filter(wanted, types)
    if problems:
        return Board([], len(events), types, STATUSES, wanted, problems)
    place = wanted.place.strip().casefold()
    chosen = [e for e in events
              if (not wanted.type or e.type == wanted.type) and (not wanted.status or e.status == wanted.status)
              and (not place or (e.place is not None and place in e.place.name.casefold()))
              and (not wanted.date_from or (e.date_start or "")[:10] >= wanted.date_from)
              and (not wanted.date_to or "" < (e.date_start or "")[:10] <= wanted.date_to)]
    return Board(chosen, len(events), types, STATUSES, wanted, problems)


def check_filter(wanted: BoardFilter, types: Sequence[str]) -> list[str]:
    """What is wrong with the filters, one line each (unknown type or status, a date that is no date)."""
    problems = []
    if wanted.type and wanted.type not in types:
        problems.append(_unknown("event type", wanted.type, types))
    if wanted.status and wanted.status not in STATUSES:
        problems.append(_unknown("status", wanted.status, STATUSES))
    for label, value in (("from", wanted.date_from), ("to", wanted.date_to)):
        if value and not _is_day(value):
            problems.append(f"The {label!r} date {value!r} is not a day: write it as YYYY-MM-DD, e.g. 2023-01-07.")
    return problems


def _unknown(what: str, value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(choices) if choices else "none in this ledger"
    return f"No {what} {value!r} in this ledger.{hint} Choose one of: {listed}."


def _is_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


# ---------------------------------------------------------------- one event
def event_page(ledger: Ledger, key: str) -> EventPage | None:
    """One linked event as the event page shows it, or None when no single event has this id (or prefix)."""
    with ledger.snapshot():
        report = ledger.event_report(key)
        if report is None:
            return None
        event = report.event
        overlay = ledger.overlay()
        articles = {a.id: a for a in ledger.articles(ids=tuple(event.article_ids))}
        extractions = {a: x for a in event.article_ids if (x := ledger.extraction(a)) is not None}
    refs = {a.id: article_ref(a) for a in articles.values()}

    def figure_view(f: Figure) -> FigureView:
        article = articles.get(f.article_id)
        day = (f.as_of or (article.published if article else None) or "")[:10] or None
        return FigureView(f, refs.get(f.article_id), day, overlay.of(f.id))

    figures = {f.id: figure_view(f) for row in report.rows for f in row.figures}
    contested = {c.figure_ids[i] for c in report.contradictions for i in range(len(c.figure_ids))}
    groups: dict[tuple[str, str], dict[str, list[ClaimantView]]] = {}
    for row in report.rows:
        view = ClaimantView(row.claimant.name or row.claimant.mention or "unknown", row.claimant.mention,
                            row.claimant.kind, figures[row.latest.id],
                            tuple(figures[f.id] for f in row.revisions[1:]), len(row.figures))
        groups.setdefault((row.measure, row.subject_side), {}).setdefault(row.claimant.side, []).append(view)
    measure_groups = tuple(
        MeasureGroup(measure, subject, tuple(SideColumn(side, tuple(views)) for side, views in
                                             sorted(by_side.items(), key=lambda kv: _side_order(kv[0], ledger))),
                     any(v.latest.figure.id in contested or any(r.figure.id in contested for r in v.revisions)
                         for views in by_side.values() for v in views))
        for (measure, subject), by_side in groups.items())

    mention_ids = set(event.mention_ids)
    wanted_claims = {c for x in extractions.values() for m in x.events if m.id in mention_ids for c in m.claim_ids}
    wanted_claims |= {f.figure.claim_id for f in figures.values() if f.figure.claim_id}
    wanted_claims |= {c for ct in report.contradictions for c in ct.claim_ids}
    claims = {c.id: ClaimView(c, refs.get(c.article_id), overlay.of(c.id))
              for x in extractions.values() for c in x.claims if c.id in wanted_claims}
    by_side: dict[str, list[ClaimView]] = {}
    for claim_view in sorted(claims.values(), key=lambda v: (v.claim.article_id, v.claim.content.start)):
        by_side.setdefault(claim_view.claim.claimant.side, []).append(claim_view)

    texts = []
    for article_id in event.article_ids:
        article = articles.get(article_id)
        if article is None:
            continue
        marks = [m for v in claims.values() if v.claim.article_id == article_id for m in claim_marks(v.claim)]
        marks += [m for v in figures.values() if v.figure.article_id == article_id for m in figure_marks(v.figure)]
        texts.append(ArticleText(refs[article_id], safe_url(article.url), segments(article.text, marks)))

    clashes = tuple(ContradictionView(c, tuple(figures[i] for i in c.figure_ids if i in figures),
                                      tuple(claims[i] for i in c.claim_ids if i in claims))
                    for c in report.contradictions)
    return EventPage(event, measure_groups, clashes,
                     tuple((side, tuple(views)) for side, views in
                           sorted(by_side.items(), key=lambda kv: _side_order(kv[0], ledger))),
                     tuple(texts), report.chain, tuple(overlay.of_mentions(event.mention_ids)))


def claim_marks(claim: Claim) -> list[Mark]:
    """A claim's words: what it says, who says it and the reporting verb, under the claim's id."""
    marks = [Mark(claim.content.start, claim.content.end, "claim", claim.id)]
    for span, kind in ((claim.claimant_span, "claimant"), (claim.cue_span, "cue")):
        if span is not None:
            marks.append(Mark(span.start, span.end, kind, claim.id))
    return marks


def figure_marks(figure: Figure) -> list[Mark]:
    """A figure's words: its number, and the sentence that holds it, under the figure's id."""
    return [Mark(figure.evidence.start, figure.evidence.end, "evidence", figure.id),
            Mark(figure.number.start, figure.number.end, "figure", figure.id)]


def _side_order(side: str, ledger: Ledger) -> tuple[int, str]:
    """The parties first (by name), then the other sides, ``unknown`` last."""
    return (0 if side in ledger.parties() else 2 if side == "unknown" else 1), side


def article_ref(article: Article) -> ArticleRef:
    return ArticleRef(article.id, article.outlet, article.published, article.title, article.ref)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a web address a link may point at (never ``javascript:`` or ``data:``)."""
    if url and url.split(":", 1)[0].casefold() in ("http", "https"):
        return url
    return None


# ---------------------------------------------------------------- the timeline
def timeline(events: Iterable[Event]) -> list[Day]:
    """Events grouped by the day they happened on, in date order; the undated last."""
    days: dict[str, Day] = {}
    for e in events:
        day = (e.date_start or "")[:10] or UNDATED
        days.setdefault(day, Day(day)).events.append(e)
    return list(days.values())
