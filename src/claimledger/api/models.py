"""The API's payloads: Pydantic models at the edge, over the export's record dicts.

Records are rendered by ``export.py`` (``article_record``, ``claim_record``, ``figure_record``,
``linked_event_record``...): the JSON Lines export, the tables and this API carry the same fields
with the same values (unknown is ``null``; integral numbers are ints). These models only declare
those shapes for validation and the OpenAPI document; ``record`` (the export's type tag) is left out.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

Number = int | float
Item = TypeVar("Item")


class SpanOut(BaseModel):
    """Words of an article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str | None = None


class ClaimantOut(BaseModel):
    name: str | None = None
    mention: str | None = None
    side: str | None = None
    kind: str | None = None


class PlaceOut(BaseModel):
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None


class ActorOut(BaseModel):
    name: str | None = None
    side: str | None = None
    role: str | None = None


class ArticleOut(BaseModel):
    """An article's metadata (its text is served by ``GET /api/articles/{key}``)."""

    id: str
    ref: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    language: str | None = None
    published: str | None = None
    content_hash: str
    refs: list[str | None] = []
    urls: list[str | None] = []
    copy_group: str | None = None
    flags: list[str | None] = []
    ingested_at: str | None = None
    source: str | None = None


class ClaimOut(BaseModel):
    id: str
    article_id: str
    article_ref: str | None = None
    event_id: str | None = None
    claimant: ClaimantOut
    cue: str | None = None
    mode: str | None = None
    stance: str | None = None
    hedged: bool = False
    evidence_note: str | None = None
    content: SpanOut
    extractor: str | None = None


class TallyCheckOut(BaseModel):
    name: str | None = None
    status: str | None = None
    day: str | None = None
    days_before_publication: int | None = None
    sources: list[str | None] = []


class FigureOut(BaseModel):
    """A number someone claims, with its official-tally check (``note``, ``tally``) when one matches."""

    id: str
    article_id: str
    article_ref: str | None = None
    claim_id: str | None = None
    event_id: str | None = None
    measure: str | None = None
    subject_side: str | None = None
    low: Number | None = None
    best: Number | None = None
    high: Number | None = None
    qualifier: str | None = None
    claimant: ClaimantOut
    as_of: str | None = None
    evidence: SpanOut
    number: SpanOut
    extractor: str | None = None
    note: str | None = None
    tally: TallyCheckOut | None = None
    status: str | None = None


class MentionOut(BaseModel):
    """An event as one article reports it."""

    id: str
    type: str | None = None
    title: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    place: PlaceOut | None = None
    actors: list[ActorOut] = []
    article_id: str
    claim_ids: list[str | None] = []
    figure_ids: list[str | None] = []
    trigger: SpanOut
    extractor: str | None = None


class EventOut(BaseModel):
    """An event linked across the articles that report them; ``sources`` counts independent ones."""

    id: str
    type: str | None = None
    title: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    place: PlaceOut | None = None
    actors: list[ActorOut] = []
    article_refs: list[str | None] = []
    status: str | None = None
    article_ids: list[str | None] = []
    mention_ids: list[str | None] = []
    sources: int = 0


class ContradictionOut(BaseModel):
    id: str
    kind: str | None = None
    event_id: str
    measure: str | None = None
    subject_side: str | None = None
    figure_ids: list[str | None] = []
    claim_ids: list[str | None] = []
    sides: list[str | None] = []
    explanation: str | None = None


class PlaceMentionOut(BaseModel):
    span: SpanOut
    place: PlaceOut
    kind: str | None = None


class TimeOut(BaseModel):
    span: SpanOut
    value: str | None = None
    kind: str | None = None
    end: str | None = None


class ArticleDetail(ArticleOut):
    """An article with its text and every record extracted from it, each pointing at its words."""

    text: str
    extractor_version: str | None = None
    extraction_error: str | None = None
    claims: list[ClaimOut] = []
    figures: list[FigureOut] = []
    mentions: list[MentionOut] = []
    places: list[PlaceMentionOut] = []
    times: list[TimeOut] = []


class ClaimantFiguresOut(BaseModel):
    """One claimant's figures for one measure and subject of an event: the latest, the distinct
    values it went through (latest first) and every report of them."""

    measure: str
    subject_side: str
    claimant: ClaimantOut
    latest: FigureOut
    revisions: list[FigureOut]
    figures: list[FigureOut]


class EventDetail(BaseModel):
    """One event as an analyst reads it: the claimants' figures side by side, its contradictions and,
    for a ceasefire, the events of its chain (declaration, rejections, alleged violations)."""

    event: EventOut
    claimants: list[ClaimantFiguresOut]
    contradictions: list[ContradictionOut]
    ceasefire: list[EventOut] = []
    articles: list[ArticleOut] = []


class OutletOut(BaseModel):
    name: str
    articles: int


class OutletDetail(OutletOut):
    first_published: str | None = None
    last_published: str | None = None
    claims: int = 0
    figures: int = 0
    claimant_sides: dict[str, int] = Field(default_factory=dict, description="claims relayed, by claimant side")
    copies_of_others: int = Field(0, description="its articles in a copy group another outlet's article founded")


class TallySeriesOut(BaseModel):
    name: str
    source: str
    role: str
    origin: str | None = None
    days: int
    first: str | None = None
    last: str | None = None


class TallyOut(BaseModel):
    key: str
    title: str
    claimant: str
    claimant_side: str
    subject_side: str
    since: str
    measures: list[str]
    window_days: int
    series: list[TallySeriesOut]


class TallyDayOut(BaseModel):
    day: str
    values: dict[str, int]


class SearchHitOut(BaseModel):
    """An article that matches, the passage that matched and the matched words' offsets in it."""

    article: ArticleOut
    snippet: str
    highlights: list[tuple[int, int]]
    rank: float


class SkipOut(BaseModel):
    source: str
    reason: str
    message: str
    line: int | None = None


class IngestOut(BaseModel):
    """What one ingest did: counts, the new articles' ids, and every input left out with its reason."""

    analyst: str
    ingested: int
    duplicates: int
    copies: int
    extracted: int
    article_ids: list[str]
    skipped: list[SkipOut]
    extract_failed: list[SkipOut]
    not_extracted: list[SkipOut]
    warnings: list[SkipOut]


class UrlIngest(BaseModel):
    url: str = Field(description="An http(s) URL: a page, a feed or a text file", examples=["https://example.org/story"])
    extract: bool = Field(True, description="Extract the new articles and link their events now")


class LedgerOut(BaseModel):
    articles: int
    claims: int
    figures: int
    events: int
    extracted: int
    extraction_failures: int
    schema_version: int
    first_published: str | None = None
    last_published: str | None = None


class StatusOut(BaseModel):
    version: str
    read_only: bool
    writes: str = Field(description="How writes are allowed, or why they are not")
    max_request_bytes: int
    ledger: LedgerOut


class Page(BaseModel, Generic[Item]):
    """One page of a listing: its items, and the cursor of the next page (none after the last)."""

    items: list[Item]
    next_cursor: str | None = None


ArticlePage = Page[ArticleOut]
ClaimPage = Page[ClaimOut]
FigurePage = Page[FigureOut]
EventPage = Page[EventOut]
ContradictionPage = Page[ContradictionOut]
OutletPage = Page[OutletOut]
TallyDayPage = Page[TallyDayOut]
SearchPage = Page[SearchHitOut]
