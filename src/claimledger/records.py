"""The shared vocabulary: every value that crosses a stage boundary is one of these.

Records are frozen, slotted dataclasses. They carry provenance (article id,
character offsets into the article's stored text, the extractor that made
them) so the ledger can always point back at the words. Conversion to the
exchange format (``shared/spec/ledger-format.md``) lives in ``export.py``;
nothing here knows about storage or JSON.

Offsets are Python ``str`` indices into ``Article.text``, end exclusive:
``article.text[span.start:span.end] == span.text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


# ---------------------------------------------------------------- ingestion
@dataclass(frozen=True, slots=True)
class Article:
    """One stored text, with the metadata of the first source that carried it.

    ``id`` is derived from ``content_hash``, so the same normalised text always
    gets the same id, on any backend. ``refs`` and ``urls`` list every source
    that carried this text (duplicates are stored once).
    """

    id: str
    ref: str | None
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None  # ISO date or date-time with offset
    language: str | None  # ISO 639-1, e.g. "en"; None when undetectable
    text: str
    content_hash: str
    ingested_at: str  # ISO date-time, UTC
    source: str | None = None  # where it came from: a path, URL or "stdin"
    refs: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    copy_group: str | None = None  # id of the copy group (near-identical texts)
    flags: tuple[str, ...] = ()  # e.g. "non_english"


class SkipReason(StrEnum):
    """Why an input did not become an article. Stable codes: they are stored."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    NO_TEXT = "no_text"  # HTML or a feed entry with no article text
    TOO_LARGE = "too_large"
    MALFORMED_ROW = "malformed_row"  # a bad JSONL line or CSV row
    MISSING_COLUMN = "missing_column"
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"  # permission denied, not a regular file (FIFO, device), a directory not listable
    LINK_OUTSIDE = "link_outside"  # a symbolic link in an input directory that leads out of it
    UNSUPPORTED = "unsupported"  # a file type we do not read; for extraction: a language it does not read
    FETCH_FAILED = "fetch_failed"  # HTTP error status, DNS, refused
    PRIVATE_ADDRESS = "private_address"  # a URL (or a redirect) to a loopback, private or link-local address
    TIMEOUT = "timeout"
    EXTRACT_FAILED = "extract_failed"  # the NLP pipeline could not handle it (retried by the next extract)
    IGNORED_VALUE = "ignored_value"  # a warning: the article is stored, one metadata value was not usable


# Reasons that are notes on a stored article, not inputs left out: listed, never a cause for exit 1.
WARNING_REASONS = frozenset({SkipReason.IGNORED_VALUE})


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that was not ingested, and why; or, with a ``WARNING_REASONS`` reason, a
    note on one that was. Stored per run, listed, counted."""

    source: str  # path, URL, "stdin", "file.jsonl:17"
    reason: SkipReason
    message: str  # one human line: what went wrong and what to do
    line: int | None = None


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did. ``skipped`` keeps every skip with its reason.

    After extraction (unless it was turned off): ``extracted`` articles,
    ``extract_failed`` (the pipeline failed on them; a failure, retried by the
    next extract) and ``not_extracted`` (a language the extractor does not read;
    no failure). ``warnings`` are notes on stored articles (a ``published``
    value that is no date)."""

    ingested: int = 0
    duplicates: int = 0
    copies: int = 0  # new articles that joined an existing copy group
    skipped: tuple[Skip, ...] = ()
    article_ids: tuple[str, ...] = ()
    extracted: int = 0
    extract_failed: tuple[Skip, ...] = ()
    not_extracted: tuple[Skip, ...] = ()
    warnings: tuple[Skip, ...] = ()
    claims: int = 0  # records the extraction found (0 when it did not run)
    figures: int = 0
    events: int = 0  # event mentions

    @property
    def failed(self) -> bool:
        """True when an input was skipped or an article failed extraction (the CLI exits 1)."""
        return bool(self.skipped or self.extract_failed)

    def skipped_by_reason(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for skip in self.skipped:
            counts[skip.reason.value] = counts.get(skip.reason.value, 0) + 1
        return counts


# ---------------------------------------------------------------- extraction
@dataclass(frozen=True, slots=True)
class Span:
    """Words in an article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who puts a claim forward. ``side`` and ``kind`` use the spec's vocabularies."""

    name: str | None  # canonical, e.g. "Russian Ministry of Defence"
    mention: str | None  # the words in the text, e.g. "Kremlin chiefs"
    side: str  # russia, ukraine, belarus, ..., independent, unknown
    kind: str  # official, unofficial, media, expert, outlet
    actor_id: str | None = None  # the profile's actor key, when resolved


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date or time in the text, normalised against the publication date.

    ``value`` is an ISO date (``2023-01-07``), date-time with offset
    (``2023-01-06T12:00:00+03:00``), month (``2023-01``), year, week
    (``2023-W11``) or a TIMEX3-style value (``PRESENT_REF``, ``P3D``).
    Intervals set ``end``. ``kind`` is ``date``, ``time``, ``duration``,
    ``set`` or ``interval``.
    """

    span: Span
    value: str | None
    kind: str
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place. ``kind`` is ``city``, ``admin1`` (region/oblast),
    ``country``, ``area`` (the Donbas, the front line) or ``venue`` (a body
    whose seat is where a statement was made: the UN Security Council)."""

    name: str
    kind: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    place: Place


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement. ``content`` is the claimed proposition."""

    id: str
    article_id: str
    claimant: Claimant
    cue: str | None  # "said", "according to", ... None for the outlet's own voice
    mode: str  # direct_quote, indirect, according_to, outlet
    stance: str  # asserts, denies
    hedged: bool
    evidence_note: str | None
    content: Span
    claimant_span: Span | None = None  # where the claimant is named (or pronoun)
    cue_span: Span | None = None
    event_id: str | None = None
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A number someone claims. low/best/high follow the spec's table."""

    id: str
    article_id: str
    measure: str
    subject_side: str
    low: float | None
    best: float | None
    high: float | None
    qualifier: str
    claimant: Claimant
    evidence: Span  # the sentence holding the number
    number: Span  # the number's own words ("at least 89", "hundreds")
    as_of: str | None = None
    claim_id: str | None = None
    event_id: str | None = None
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class EventActor:
    name: str
    side: str
    role: str  # initiator, target, announcer, ...


@dataclass(frozen=True, slots=True)
class EventMention:
    """One real event as one article reports it (linking across articles is later)."""

    id: str
    article_id: str
    type: str
    title: str
    trigger: Span
    date_start: str | None = None
    date_end: str | None = None
    place: Place | None = None
    actors: tuple[EventActor, ...] = ()
    figure_ids: tuple[str, ...] = ()
    claim_ids: tuple[str, ...] = ()
    extractor: str = ""
    # What the linker compares across articles (``link/scoring.py``): the sentences that report the
    # event (at most three, in text order), the proper names in them (people, bodies, places, ships:
    # no side or country words) and how its date was found: ``stated`` (a date tied to the event in its
    # sentences), ``loose`` (a date in its sentence loosely tied to it), ``inferred`` (from a relative
    # phrase, the sentence before or the lede) or ``report`` (the publication day stands in); None for
    # mentions extracted before these existed (read as ``stated``).
    evidence: tuple[Span, ...] = ()
    names: tuple[str, ...] = ()
    date_basis: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One real event, linked from the mentions of every article that reports it.

    ``status`` is ``corroborated`` (two or more independent sources: articles
    from different outlets and copy groups), ``single_source``, ``contested``
    or ``unverified`` (the last two come with the assessment stage).
    """

    id: str
    type: str
    title: str
    date_start: str | None
    date_end: str | None
    place: Place | None
    actors: tuple[EventActor, ...]
    article_ids: tuple[str, ...]
    article_refs: tuple[str, ...]
    mention_ids: tuple[str, ...]
    status: str
    sources: int  # independent sources among the reporting articles


@dataclass(frozen=True, slots=True)
class LinkScoring:
    """The weights and thresholds of linking a mention to an event (``link/scoring.py``; the profile's
    ``event_types.yaml`` ``scoring`` section may set each; DEVELOPERS.md explains them). A mention joins
    the best-scoring event in reach when its score reaches ``threshold``."""

    threshold: float = 1.0
    type_weight: float = 0.25  # the same type (a related type of its family: half)
    date_weight: float = 1.0  # the day gap's value, times the lower confidence of the two dates
    next_day: float = 0.5  # days one apart (the same day: 1)
    days_apart: float = -1.5  # days two apart, and as much again for each day more ...
    days_far: float = -3.0  # ... down to this
    window_days: int = 3  # a dated mention reaches events founded this many days either side
    place_weight: float = 1.0  # place-bound types; the others: ``place_weight_other``
    place_weight_other: float = 0.3
    same_place: float = 1.0
    near_place: float = 0.8  # towns within ``near_km``
    near_km: float = 50.0
    contained: float = 0.2  # a region or area holding the town (points within ``area_km``)
    area_km: float = 150.0
    unplaced: float = -0.4  # one side pinned to a town, the other placed nowhere
    apart: float = -1.5  # towns farther apart than ``near_km``, or a region not holding the town
    actor_weight: float = 1.0  # announced types (``speech``); the others: ``actor_weight_other``
    actor_weight_other: float = 0.3
    no_speaker: float = -0.5  # an announced type with no shared announcer or initiator to go on
    key_date_weight: float = 1.0  # ``date_only`` types: the date is their key, counted once more
    names_weight: float = 0.6  # shared proper names of the event sentences, ``names_full`` of them count fully
    names_full: int = 2
    text_weight: float = 0.8  # cosine of the sentences' content words, from ``text_floor`` to ``text_full``
    text_floor: float = 0.25
    text_full: float = 0.6
    figures_weight: float = 0.3  # a number both report (not a year, not a day of a month)
    date_confidence: Mapping[str, float] = field(default_factory=lambda: {
        "stated": 1.0, "loose": 0.6, "inferred": 0.6, "report": 0.3})


@dataclass(frozen=True, slots=True)
class EventPolicy:
    """How event types behave, from the profile's ``event_types.yaml`` (``profiles/policy.py``
    loads and validates it; its header documents each field). Extraction and linking read it."""

    merge_families: Mapping[str, str] = field(default_factory=dict)  # type -> family within an article
    link_families: Mapping[str, str] = field(default_factory=dict)  # type -> family across articles
    place_bound: frozenset[str] = frozenset()
    date_only: frozenset[str] = frozenset()
    speech: frozenset[str] = frozenset()
    past: frozenset[str] = frozenset()
    physical: frozenset[str] = frozenset()
    equipment: frozenset[str] = frozenset()  # figure measures that count equipment
    exact_day: frozenset[str] = frozenset()  # types dated to the day they are as of (a daily tally)
    scoring: LinkScoring = field(default_factory=lambda: LinkScoring())

    def merge_family(self, type_: str) -> str:
        return self.merge_families.get(type_, type_)

    def link_family(self, type_: str) -> str:
        return self.link_families.get(type_, type_)


@dataclass(frozen=True, slots=True)
class AssessCues:
    """The profile's words for assessing linked events (``<profile>/assess/cues.yaml``, loaded by
    ``profiles/assessment.py``; its header documents each list). Phrases are lower case."""

    rate_before: tuple[str, ...] = ()  # before a number, in its clause: the number is a rate ("a daily toll of")
    rate_after: tuple[str, ...] = ()  # just after the counted noun: a rate ("six civilians a day")
    time_relations: tuple[str, ...] = ()  # after a rate_after phrase: a time relation instead ("a day after")
    absence: tuple[str, ...] = ()  # an on-site finding of nothing ("no sign of", "no bodies")
    on_site: tuple[str, ...] = ()  # the finding was made there: reporting words ("saw", "visited")


@dataclass(frozen=True, slots=True)
class EventBlock:
    """Which linked events a new mention could join (the blocking of incremental linking):
    those of type family ``kind`` whose founding day lies in ``days`` (inclusive ISO bounds);
    with ``published``, also the undated ones with an article published in that window; with
    neither, every event of the kind."""

    kind: str
    days: tuple[str, str] | None
    published: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Records about one event that cannot both be right (rules in ``assess/contradictions.py``).

    ``kind`` is ``figures`` (figures for one measure and subject side, from claimants of
    different sides), ``denial`` or ``debunk`` (claims, cited in ``claim_ids``)."""

    id: str
    event_id: str
    measure: str
    subject_side: str
    figure_ids: tuple[str, ...]
    sides: tuple[str, ...]
    explanation: str
    kind: str = "figures"
    claim_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article by one extractor version."""

    article_id: str
    extractor_version: str
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[EventMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    error: Skip | None = None  # set when the pipeline could not handle the article


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What ``articles`` listings select. Every field narrows; None means any."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None  # ISO date, inclusive, on ``published``
    until: str | None = None  # ISO date, inclusive
    text: str | None = None  # case-insensitive substring of title or text
    copy_group: str | None = None
    limit: int | None = None
    ids: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------- official tallies
@dataclass(frozen=True, slots=True)
class TallyDay:
    """One day of a running tally: each column's cumulative total since the tally's start."""

    day: str  # ISO date
    values: dict[str, int]  # column (a measure name) -> total; a column the day does not give is absent


@dataclass(frozen=True, slots=True)
class TallySeries:
    """One transcription of an official tally, day by day (``tallies/``)."""

    name: str  # "<tally>/<source>", e.g. "ua-general-staff/petroivaniuk"
    tally: str  # the profile's tally key
    source: str  # the transcription's name
    role: str  # primary, cross_check
    days: tuple[TallyDay, ...]  # in date order, one per date
    origin: str = ""  # "shipped", or the path it was imported from
    imported_at: str | None = None


@dataclass(frozen=True, slots=True)
class Tally:
    """A party's published running count of the other side's losses (the profile's ``tallies/``),
    with its transcriptions, the primary first."""

    key: str
    title: str
    claimant: str
    claimant_side: str
    subject_side: str
    since: str
    measures: tuple[str, ...]
    figure_measures: dict[str, tuple[tuple[str, ...], ...]]  # figure measure -> column sums it can be
    window_days: int
    series: tuple[TallySeries, ...] = ()


@dataclass(frozen=True, slots=True)
class TallyCheck:
    """What one figure's number is in an official tally (``assess/tallies.py``).

    ``status``: ``total`` (the running total of ``day``), ``increment`` (the change the tally
    reported on ``day``) or ``misquote`` (a tally quote that matches no day of the window:
    ``day`` is None). ``note`` is the one line the ledger shows."""

    figure_id: str
    tally: str
    status: str
    day: str | None
    days_before: int | None  # days from ``day`` to the article's publication
    note: str
    sources: tuple[str, ...] = ()  # transcriptions holding the value on ``day``


# ---------------------------------------------------------------- human corrections
class CorrectionKind(StrEnum):
    """What an analyst's correction does (``corrections/``). Stable codes: they are stored."""

    CONFIRM_FIGURE = "confirm_figure"  # the figure's values are right: they are pinned as they are
    CORRECT_FIGURE = "correct_figure"  # some of the figure's values are wrong: the analyst's replace them
    DEBUNK_CLAIM = "debunk_claim"  # the claim is false, by a source (a URL or a text)
    SPLIT_MENTION = "split_mention"  # an event mention leaves its event: alone, or into another event
    MERGE_EVENTS = "merge_events"  # two linked events are one
    UNDO = "undo"  # an earlier correction no longer holds


@dataclass(frozen=True, slots=True)
class FigureValues:
    """A figure's values as a correction sets them; a None field keeps the extracted value. The estimate
    is set as a whole: a ``qualifier`` comes with ``low``, ``best`` and ``high`` (None where it gives none)."""

    measure: str | None = None
    subject_side: str | None = None
    low: float | None = None
    best: float | None = None
    high: float | None = None
    qualifier: str | None = None
    claimant: Claimant | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of the audit log: an analyst's override on stable ids (``identity.py``), or an undo.

    ``target`` is the record it applies to: a figure (``confirm_figure``, ``correct_figure``), a claim
    (``debunk_claim``), an event mention (``split_mention``), the linked event merged away
    (``merge_events``) or, for ``undo``, the undone correction's number. Link corrections hold to
    event-mention ids, which re-extraction and relinking keep: ``mentions`` move, to the event holding
    ``with_mentions`` (a move or a merge), or apart from ``apart_from`` (a split to an event of their own);
    ``event_id`` and ``into`` name the events as they were when the analyst acted. ``state`` is read,
    not stored: ``active``, ``undone`` (``undone_by`` says by which entry) or ``orphaned`` (its target
    vanished after an extractor change; it is kept, and holds again if the words come back)."""

    id: int
    kind: CorrectionKind
    target: str
    by: str
    why: str
    at: str  # ISO date-time, UTC
    values: FigureValues | None = None  # correct_figure, confirm_figure: the values in force
    extracted: FigureValues | None = None  # the figure as the ledger gave it when corrected
    source: str | None = None  # debunk_claim: a URL or a text
    event_id: str | None = None
    into: str | None = None
    mentions: tuple[str, ...] = ()
    with_mentions: tuple[str, ...] = ()
    apart_from: tuple[str, ...] = ()
    undoes: int | None = None
    undone_by: int | None = None
    state: str = "active"
