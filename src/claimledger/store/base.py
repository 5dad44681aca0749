"""The ledger store: one small interface, several real backends.

Stage code talks to a ``Store``, never to SQL. The SQLite backend
(``sqlite.py``) is the embedded default; a PostgreSQL backend implements the
same protocol. Backend-specific SQL stays inside its backend module.

Writes happen in explicit transactions of bounded size (``add_articles`` and
``save_extractions`` each commit once per call), so a killed run loses at most
the batch in flight, and re-running it completes the rest: articles are keyed
by content hash, so nothing is stored twice.

Derived state (linked events, their members and contradictions) is written by
the linking step through ``save_links``; ``save_extractions`` diffs records by
id and marks the linked events whose members changed as dirty.

Analysts' corrections are an append-only audit log (``add_correction``,
``corrections``), kept apart from the extracted records they override.

Listings for clients that page (the REST API) read one page per call (``article_page``,
``claim_page``, ``figure_page``, ``search``): a ``Page`` ends with the keyset position after its
last item, which the next call starts from; no offsets, so a page costs the same however deep.

Reads are one query each unless the caller asks for one moment: inside
``with store.snapshot():`` every read sees the ledger as it was when the block
began, whatever writers commit meanwhile (an export, or a listing built from
several queries, is then one point in time).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypeVar, runtime_checkable

from ..records import (
    Article,
    ArticleFilter,
    Claim,
    Contradiction,
    Correction,
    EventBlock,
    EventMention,
    Extraction,
    Figure,
    IngestReport,
    Skip,
    TallySeries,
)

T = TypeVar("T")
Position = tuple[int | float | str, ...]  # a keyset position: the sort keys of the last item read


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing and the keyset position after its last item (None: nothing follows)."""

    items: tuple[T, ...]
    after: Position | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article that matches a full-text query (metadata only: ``text`` is empty), the passage that
    matched with the matched words' (start, end) offsets into ``snippet``, and its rank (lower is better)."""

    article: Article
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    rank: float


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to add, with its copy-detection signature (opaque bytes)."""

    article: Article
    signature: bytes | None = None


@dataclass(frozen=True, slots=True)
class AddOutcome:
    """What ``add_articles`` did with one item.

    ``status`` is ``new`` (stored), ``duplicate`` (same content hash already
    stored: its ref and URL were added to that article's sources, unless
    already there) or ``known`` (the very same ref and hash were already
    stored: a re-run). ``article_id`` is the stored article's id in each case.
    """

    article_id: str
    status: str


@dataclass(frozen=True, slots=True)
class LedgerStats:
    articles: int = 0
    sources: int = 0  # refs/URLs carrying those articles (>= articles)
    copy_groups: int = 0  # groups with two or more articles
    outlets: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    skips: dict[str, int] = field(default_factory=dict)  # over all runs, by reason
    claims: int = 0
    figures: int = 0
    events: int = 0
    extracted: int = 0  # articles with a stored extraction
    extraction_failures: int = 0
    schema_version: int = 0
    first_published: str | None = None
    last_published: str | None = None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A linked event as stored: its id, the keys the linker blocks on (type family, the
    founding mention's ISO day) and its mentions in joining order, each with its article
    (metadata only: ``text`` is empty)."""

    id: str
    kind: str
    day: str | None
    members: tuple[tuple[EventMention, Article], ...]
    status: str | None = None  # as assessed when last linked (None: written before statuses were stored)


@dataclass(frozen=True, slots=True)
class EventWrite:
    """One linked event to store (``save_links``): its keys, every member mention in joining
    order as (mention id, article id) (members already stored stay; new ones are added), and
    its assessment: its contradictions, its status and its figures' statuses, which replace the
    stored ones."""

    id: str
    kind: str
    day: str | None
    first_published: str | None
    last_published: str | None
    members: tuple[tuple[str, str], ...]
    contradictions: tuple[Contradiction, ...] = ()
    status: str | None = None  # the event's assessed status
    figure_status: tuple[tuple[str, str], ...] = ()  # (figure id, status) of its figures; replaces the stored


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """How the stored links stand: the linker version that wrote them (None: never linked),
    mentions in no linked event, and events whose members or records changed since."""

    version: str | None
    pending: int
    dirty: int


@runtime_checkable
class Store(Protocol):
    """The ledger. One writer at a time; readers never block it."""

    schema_version: int

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def snapshot(self) -> AbstractContextManager[None]:
        """A block whose reads all see one moment of the ledger (one read transaction).

        Re-entrant (an inner block joins the outer one); writing inside it raises
        ``StoreError``. Writers in other processes go on meanwhile; readers never block them."""
        ...

    # ---- runs and skips
    def start_run(self, command: str) -> int:
        """Record a run (its command line) and return its id."""
        ...

    def finish_run(self, run_id: int, report: IngestReport) -> None: ...

    def record_skips(self, run_id: int, skips: Sequence[Skip]) -> None:
        """Store skips of a run (in their own transaction)."""
        ...

    def skips(self, run_id: int | None = None) -> list[Skip]:
        """Skips of one run, or of the latest run when None."""
        ...

    # ---- articles
    def add_articles(self, items: Sequence[NewArticle]) -> list[AddOutcome]:
        """Store a batch in ONE transaction; outcomes in input order.

        Deduplicates on ``content_hash``, against the ledger and within the
        batch. The article's ``copy_group`` is stored as given (the caller
        decides it); a duplicate keeps the stored article's group.
        """
        ...

    def known_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """Of these content hashes, those already stored: hash -> article id."""
        ...

    def article(self, key: str) -> Article | None:
        """By id, unique id prefix (>= 6 chars), ref, or URL."""
        ...

    def articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        """Articles matching ``where``, oldest ingested first."""
        ...

    def article_headers(self, ids: Sequence[str]) -> list[Article]:
        """The articles of these ids, metadata only (``text`` empty, no sources' refs and URLs), read
        together (not one query per article), in the order given; unknown ids are left out."""
        ...

    def count_articles(self, where: ArticleFilter | None = None) -> int: ...

    def article_page(self, where: ArticleFilter | None = None, *, after: Position | None = None,
                     size: int = 50) -> Page[Article]:
        """Articles matching ``where`` in ingest order, metadata only (``text`` empty), ``size`` at most,
        from after ``after`` (a ``Page.after``)."""
        ...

    def search(self, query: str, where: ArticleFilter | None = None, *, after: Position | None = None,
               size: int = 50) -> Page[SearchHit]:
        """Full-text search of the articles' titles and texts, best first: every word of ``query``
        must match (case and accents folded; ``"quoted words"`` as a phrase, ``word*`` as a prefix).
        The SQLite backend keeps an FTS5 index in step with the articles (``0006_search.sql``); a
        PostgreSQL one would keep a ``tsvector``. A query with no word raises ``ConfigError``."""
        ...

    def copy_signatures(self) -> Iterator[tuple[str, str | None, bytes]]:
        """(article id, copy group, signature) for every article with a signature."""
        ...

    # ---- extraction
    def save_extractions(self, items: Sequence[Extraction]) -> None:
        """Store extractions in ONE transaction, over earlier ones of those articles, as a diff by
        record id: unchanged records keep their rows, changed ones are updated, gone ones deleted.
        An ``extract_failed`` extraction of an article with a stored successful one writes nothing
        (its records stay). Linked events whose members' records changed are marked dirty."""
        ...

    def extraction(self, article_id: str) -> Extraction | None: ...

    def extractions(self, where: ArticleFilter | None = None) -> Iterator[Extraction]: ...

    def articles_to_extract(self, extractor_version: str, *, everything: bool = False) -> Iterator[Article]:
        """Articles with no extraction, one from another extractor version than
        ``extractor_version``, or one that failed (``extract_failed``: retried);
        all articles when ``everything``."""
        ...

    def claims(self, where: ArticleFilter | None = None, claimant: str | None = None,
               side: str | None = None) -> Iterator[Claim]:
        """Claims of the articles matching ``where``; ``claimant`` matches part of
        the claimant's name or mention (case-insensitive), ``side`` its side."""
        ...

    def figures(self, where: ArticleFilter | None = None, measure: str | None = None,
                subject_side: str | None = None, claimant_side: str | None = None) -> Iterator[Figure]: ...

    def events(self, where: ArticleFilter | None = None, type: str | None = None) -> Iterator[EventMention]: ...

    def claim_page(self, where: ArticleFilter | None = None, *, claimant: str | None = None,
                   side: str | None = None, after: Position | None = None, size: int = 50) -> Page[Claim]:
        """One page of ``claims(...)`` (same order and filters), from after ``after``."""
        ...

    def figure_page(self, where: ArticleFilter | None = None, *, measure: str | None = None,
                    subject_side: str | None = None, claimant_side: str | None = None,
                    after: Position | None = None, size: int = 50) -> Page[Figure]:
        """One page of ``figures(...)`` (same order and filters), from after ``after``."""
        ...

    # ---- linked events and contradictions (derived state, written by the linking step)
    def link_status(self) -> LinkStatus: ...

    def unlinked_mentions(self, *, everything: bool = False) -> Iterator[tuple[EventMention, Article]]:
        """Event mentions in no linked event (every mention with ``everything``), each with its
        article (metadata only), in ingest order."""
        ...

    def linked_events(self, where: ArticleFilter | None = None) -> list[StoredEvent]:
        """Stored events with at least one article ``where`` selects (all when None), in creation order."""
        ...

    def event_candidates(self, blocks: Sequence[EventBlock]) -> list[StoredEvent]:
        """Stored events within any of ``blocks``, in creation order: what new mentions may join."""
        ...

    def dirty_events(self) -> list[StoredEvent]:
        """Stored events whose members or their articles' records changed since they were last linked."""
        ...

    def taken_event_ids(self, ids: Sequence[str]) -> set[str]:
        """Of these event ids, those stored."""
        ...

    def figures_of_mentions(self, mention_ids: Sequence[str]) -> list[Figure]:
        """Figures attached to these event mentions."""
        ...

    def claims_of_mentions(self, mention_ids: Sequence[str]) -> list[Claim]:
        """Claims attached to these event mentions."""
        ...

    def save_links(self, events: Sequence[EventWrite], version: str, *, replace_all: bool = False) -> None:
        """Store linked events in ONE transaction: add their new members, replace their
        contradictions, mark them clean; drop dirty events left with no member; record ``version``.
        ``replace_all`` first drops every stored event (a relink)."""
        ...

    def contradictions(self, where: ArticleFilter | None = None) -> list[Contradiction]:
        """Stored contradictions of the events ``linked_events(where)`` returns."""
        ...

    def figure_statuses(self, where: ArticleFilter | None = None) -> dict[str, str]:
        """Figure id -> stored status, for the figures of the events ``linked_events(where)`` returns."""
        ...

    def stats(self) -> LedgerStats: ...

    # ---- analysts' corrections (an append-only audit log; applied on read by ``corrections/``)
    def add_correction(self, correction: Correction, dirty: Sequence[str] = ()) -> Correction:
        """Append ``correction`` to the log in ONE transaction and return it as stored (its ``id`` and
        ``at`` given here). An undo marks the correction it undoes (``undone_by``): one already undone
        raises ``CorrectionError`` (CL504) and nothing is written. The linked events holding the figures
        and claims ``dirty`` names are marked dirty, so the next linking step recomputes them."""
        ...

    def corrections(self) -> list[Correction]:
        """Every correction and undo, in the order they were made (``state`` left ``active``)."""
        ...

    def existing_records(self, ids: Sequence[str]) -> set[str]:
        """Of these claim, figure and event-mention ids, those stored."""
        ...

    def ids(self, table: Literal["articles", "linked_events"]) -> list[str]:
        """Every id of the stored articles or linked events (what short id prefixes must tell apart)."""
        ...

    # ---- official tallies (imported series; the shipped ones live in the package)
    def save_tally_series(self, series: TallySeries) -> None:
        """Store a series in ONE transaction, replacing a stored one of the same name."""
        ...

    def tally_series(self) -> list[TallySeries]:
        """Every stored series with its days, by name."""
        ...
