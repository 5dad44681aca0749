"""The Python API: a ``Ledger`` runs the stages against one store.

    from claimledger import Ledger
    with Ledger("claimledger.db") as ledger:
        report = ledger.ingest(["articles/", "feed.xml", "https://example.org/story"])
        for article in ledger.articles(outlet="TASS", since="2023-01-01"):
            ...
        ledger.export("ledger.jsonl")

Like ``cli/`` and ``batch/``, this module composes stages (ingest, extract,
link, assess, store, export); the stages never import each other.

Ingest order, per batch of ``settings.batch_size`` articles (one transaction):
    1. read sources -> Article | Skip (skips are kept, the run goes on)
    2. content hash known to the ledger or earlier in the run -> duplicate
       (its ref and URL are added to the stored article)
    3. else MinHash signature -> the copy group of a near-identical article,
       or a new group of its own
    4. commit; then, unless told not to, extract every article that has no
       extraction from the current extractor version (resumable: a killed
       run's articles are picked up by the next).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Literal, TextIO

from . import __version__
from .assess import CeasefireChain, ClaimantFigures, ceasefire_chains, side_by_side
from .assess import timeline as by_date
from .assess.tallies import TallyIndex, dated
from .corrections import Overlay
from .corrections.methods import CorrectionMethods
from .errors import ConfigError, SourceError
from .ingest import Upload, make_client, plan_sources, read_source
from .ingest.copies import CopyIndex
from .link.blocked import TaskMap
from .linking import Assessment, LinkReport, Links, current_links, link_pending, linker_version
from .profiles import load_profile
from .profiles.assessment import assessment_cues
from .profiles.policy import event_policy
from .records import (
    WARNING_REASONS,
    Article,
    ArticleFilter,
    Claim,
    Contradiction,
    Event,
    EventMention,
    EventPolicy,
    Extraction,
    Figure,
    IngestReport,
    Skip,
    SkipReason,
    Tally,
    TallyCheck,
)
from .settings import Settings, ledger_target
from .store import LedgerStats, NewArticle, Store, open_store
from .store.base import Page, Position, SearchHit
from .tallies.definitions import Disagreement

TABLE_FORMATS: tuple[Literal["csv"], Literal["parquet"]] = ("csv", "parquet")
PARALLEL_MIN_ARTICLES = 64  # below this, forking extraction workers costs more than it saves
Progress = Callable[[int], None]  # called with the number of items just done
Stage = Callable[[str, int], None]  # a stage begins: "load_model", "extract" (with its article count) or "link"
# extracts articles elsewhere (``distributed.DaskExtractor``): records in any order, as they complete
Extractor = Callable[[Sequence[Article]], Iterable[Extraction]]


class StrictStop(Exception):
    """Raised inside ``ingest(strict=True)`` at the first skip; carries it."""

    def __init__(self, skip: Skip) -> None:
        self.skip = skip
        super().__init__(f"{skip.source}: {skip.reason.value}: {skip.message}")


@dataclasses.dataclass(frozen=True, slots=True)
class TallyImport:
    """What ``import_tally`` stored: the series, its span, rows skipped, dataset keys it does not map,
    and the days and columns on which it disagrees with the tally's other transcriptions."""

    series: str
    role: str
    days: int
    first: str
    last: str
    skipped: tuple[Skip, ...] = ()
    ignored_keys: tuple[str, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class ExtractReport:
    """What one extraction pass did. ``failed``: articles the pipeline failed on
    (``extract_failed``, with the cause; retried by the next pass);
    ``not_extracted``: articles in a language the extractor does not read (no failure)."""

    extracted: int = 0
    failed: tuple[Skip, ...] = ()
    not_extracted: tuple[Skip, ...] = ()
    claims: int = 0
    figures: int = 0
    events: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class EventReport:
    """One linked event as an analyst reads it: every claimant's figures side by side (latest value and
    revisions), its contradictions, and for a ceasefire the rejections and violations that follow it."""

    event: Event
    rows: tuple[ClaimantFigures, ...]
    contradictions: tuple[Contradiction, ...]
    chain: CeasefireChain | None


class Ledger(CorrectionMethods):
    """A claims ledger on one store (SQLite file by default); its corrections methods are
    ``corrections.methods.CorrectionMethods``."""

    def __init__(self, path: str | Path | None = None, *, settings: Settings | None = None,
                 create: bool = True) -> None:
        """Open the ledger (creating it unless ``create`` is False: then a missing one is
        ``StoreError`` CL306, for readers that must not leave an empty ledger behind)."""
        settings = settings or Settings.from_env()
        if path is not None:
            settings = settings.with_(db=ledger_target(path))
        self.settings = settings
        self.store: Store = open_store(settings, create=create)
        self._nlp: object | None = None
        self._policy: EventPolicy | None = None
        self._parties: frozenset[str] | None = None
        self._assessment: Assessment | None = None

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------ ingest
    def ingest(
        self,
        inputs: Sequence[str | os.PathLike[str]],
        *,
        extract: bool | None = None,
        strict: bool = False,
        stdin: BinaryIO | None = None,
        command: str | None = None,
        progress: Progress | None = None,
        extract_progress: Progress | None = None,
        stage: Stage | None = None,
        uploads: Sequence[Upload] = (),
        extractor: Extractor | None = None,
        link_run: TaskMap | None = None,
    ) -> IngestReport:
        """Read every input into the ledger; see the module docstring for the order.

        ``uploads`` are bodies sent rather than named (``ingest.Upload``: the REST API's), read
        after the inputs; with uploads, ``inputs`` may be empty. ``extractor`` and ``link_run``: as
        ``extract`` takes them.

        Raises ``SourceError``/``ConfigError`` before writing anything when an
        input cannot be used at all (a CSV with no text column). Every other
        problem is a ``Skip`` in the report. With ``strict``, the first skip
        stops the run (``StrictStop``); batches committed before it stay.
        """
        named = [os.fspath(inputs)] if isinstance(inputs, (str, os.PathLike)) else [os.fspath(i) for i in inputs]
        if not named and not uploads:  # (one input given alone is one input, not its characters)
            raise ConfigError("Nothing to ingest: give files, directories, feeds, URLs or '-' for stdin")
        sources = plan_sources(named, self.settings, stdin=stdin, uploads=uploads)
        run_id = self.store.start_run(command or "ingest " + " ".join([*named, *(u.location for u in uploads)]))
        index = CopyIndex.from_store_rows(
            self.store.copy_signatures(),
            threshold=self.settings.copy_threshold,
            num_perm=self.settings.minhash_perm,
            shingle_words=self.settings.shingle_words,
        )
        counts = {"new": 0, "duplicate": 0, "copies": 0}
        noted: list[Skip] = []  # skips and warnings, in input order: what the run records
        new_ids: list[str] = []
        batch: list[Article] = []

        def flush() -> None:
            if batch:
                self._add_batch(batch, index, counts, new_ids)
                if progress:
                    progress(len(batch))
                batch.clear()

        try:
            with ExitStack() as stack:
                client = stack.enter_context(make_client(self.settings))
                for source in sources:
                    for item in read_source(source, self.settings, client=client, stdin=stdin):
                        if isinstance(item, Skip):
                            noted.append(item)
                            if strict and item.reason not in WARNING_REASONS:
                                raise StrictStop(item)
                            continue
                        batch.append(item)
                        if len(batch) >= self.settings.batch_size:
                            flush()
                flush()
        finally:
            self.store.record_skips(run_id, noted)
            report = IngestReport(
                ingested=counts["new"], duplicates=counts["duplicate"], copies=counts["copies"],
                skipped=tuple(s for s in noted if s.reason not in WARNING_REASONS), article_ids=tuple(new_ids),
                warnings=tuple(s for s in noted if s.reason in WARNING_REASONS),
            )
            self.store.finish_run(run_id, report)
        if self.settings.extract if extract is None else extract:
            done = self.extract(progress=extract_progress, run_id=run_id, stage=stage, extractor=extractor,
                                link_run=link_run)
            report = dataclasses.replace(report, extracted=done.extracted, extract_failed=done.failed,
                                         not_extracted=done.not_extracted, claims=done.claims,
                                         figures=done.figures, events=done.events)
            self.store.finish_run(run_id, report)
        return report

    def _add_batch(self, batch: list[Article], index: CopyIndex, counts: dict[str, int],
                   new_ids: list[str]) -> None:
        known = self.store.known_hashes([a.content_hash for a in batch])
        seen: set[str] = set()
        items: list[NewArticle] = []
        grouped: list[tuple[str, bytes, str]] = []
        for article in batch:
            if article.content_hash in known or article.content_hash in seen:
                items.append(NewArticle(article))
                continue
            seen.add(article.content_hash)
            signature = index.signature(article.text)
            group = index.find_group(signature)
            if group is not None:
                counts["copies"] += 1
            group = group or article.id
            index.add(article.id, signature, group)
            grouped.append((article.id, signature, group))
            items.append(NewArticle(dataclasses.replace(article, copy_group=group), signature))
        for outcome in self.store.add_articles(items):
            if outcome.status == "new":
                counts["new"] += 1
                new_ids.append(outcome.article_id)
            else:
                counts["duplicate"] += 1

    # ------------------------------------------------------------ extract
    def nlp(self) -> object:
        """The loaded NLP pipeline (loaded once, on first use)."""
        if self._nlp is None:
            from .extract import load_nlp

            self._nlp = load_nlp(self.settings)
        return self._nlp

    def extract(self, *, everything: bool = False, progress: Progress | None = None,
                run_id: int | None = None, stage: Stage | None = None, extractor: Extractor | None = None,
                link_run: TaskMap | None = None) -> ExtractReport:
        """Extract the articles with no extraction from this extractor version, or
        whose extraction failed (every article with ``everything``), in committed batches.
        ``stage`` is told when the model starts loading, when extraction starts (with the
        number of articles) and when linking starts.

        Failures are stored as skips of run ``run_id`` with each batch (``ingest``
        passes its own run); without one, this pass is a run of its own, so
        ``skips`` lists what it could not extract.

        ``extractor`` extracts elsewhere instead of this process's pipeline (``distributed``:
        on Dask workers; called once with every article, it gives their records as they complete);
        ``link_run`` links in blocks (``Ledger.link``)."""
        from .extract import extract_many, extractor_version

        version = extractor_version(self.settings)
        todo = list(self.store.articles_to_extract(version, everything=everything))
        own_run = run_id is None
        run = self.store.start_run("extract --all" if everything else "extract") if run_id is None else run_id
        totals = {"extracted": 0, "claims": 0, "figures": 0, "events": 0}
        failures: list[Skip] = []
        not_extracted: list[Skip] = []
        pending: list[Extraction] = []

        def save() -> None:
            self.store.save_extractions(pending)
            self.store.record_skips(run, [e.error for e in pending if e.error is not None
                                          and e.error.reason is SkipReason.EXTRACT_FAILED])
            if progress:
                progress(len(pending))
            pending.clear()

        try:
            if todo:
                if stage and (self._nlp is None or extractor is not None):
                    stage("load_model", 0)
                found: Iterable[Extraction]
                if extractor is None:
                    n_process = self.settings.n_process if len(todo) >= PARALLEL_MIN_ARTICLES else 1
                    found = extract_many(todo, self.nlp(), n_process=n_process,  # type: ignore[arg-type]
                                         chunk_chars=self.settings.extract_chunk_chars)
                else:
                    found = extractor(todo)
                if stage:
                    stage("extract", len(todo))
                for extraction in found:
                    pending.append(extraction)
                    if extraction.error is None:
                        totals["extracted"] += 1
                    elif extraction.error.reason is SkipReason.EXTRACT_FAILED:
                        failures.append(extraction.error)
                    else:
                        not_extracted.append(extraction.error)
                    totals["claims"] += len(extraction.claims)
                    totals["figures"] += len(extraction.figures)
                    totals["events"] += len(extraction.events)
                    if len(pending) >= self.settings.batch_size:
                        save()
                if pending:
                    save()
            if stage:
                stage("link", 0)
            self.link(run=link_run)
        finally:
            report = ExtractReport(failed=tuple(failures), not_extracted=tuple(not_extracted), **totals)
            if own_run:
                self.store.finish_run(run, IngestReport(extracted=report.extracted, extract_failed=report.failed,
                                                        not_extracted=report.not_extracted))
        return report

    def pending_extraction(self, *, everything: bool = False) -> int:
        from .extract import extractor_version

        version = extractor_version(self.settings)
        return sum(1 for _ in self.store.articles_to_extract(version, everything=everything))

    # ------------------------------------------------------------ read
    def snapshot(self) -> AbstractContextManager[None]:
        """A block whose reads all see the ledger at one moment, while an ingest may be writing::

            with ledger.snapshot():
                events = ledger.linked_events()
                figures = list(ledger.figures())

        ``export``, ``records``, ``linked_events`` and ``contradictions`` read in one already.
        Re-entrant; no writes inside (``StoreError``)."""
        return self.store.snapshot()

    def articles(self, where: ArticleFilter | None = None, **filters: object) -> Iterator[Article]:
        """Articles matching a filter, e.g. ``articles(outlet="TASS", since="2023-01-01")``."""
        if filters:
            where = dataclasses.replace(where or ArticleFilter(), **filters)  # type: ignore[arg-type]
        return self.store.articles(where)

    def article(self, key: str) -> Article | None:
        """One article by id, id prefix, ref or URL."""
        return self.store.article(key)

    def search(self, query: str, where: ArticleFilter | None = None, *, after: Position | None = None,
               size: int = 50) -> Page[SearchHit]:
        """Articles whose title or text holds every word of ``query``, best first, one page of ``size``
        (``Store.search``); pass the page's ``after`` to read the next."""
        return self.store.search(query, where, after=after, size=size)

    def extraction(self, article_id: str) -> Extraction | None:
        """One article's extraction, its figures with the analysts' corrections (``store.extraction``
        gives them as extracted)."""
        with self.snapshot():
            found, overlay = self.store.extraction(article_id), self.overlay()
        return None if found is None else dataclasses.replace(found, figures=tuple(overlay.figures(found.figures)))

    def claims(self, where: ArticleFilter | None = None, *, claimant: str | None = None,
               side: str | None = None) -> Iterator[Claim]:
        return self.store.claims(where, claimant=claimant, side=side)

    def figures(self, where: ArticleFilter | None = None, *, measure: str | None = None,
                subject_side: str | None = None, claimant_side: str | None = None) -> Iterator[Figure]:
        """Figures with the analysts' corrections, filtered on their corrected values."""
        overlay = self.overlay()
        wanted = {"measure": measure, "subject_side": subject_side}
        if not overlay.changes_figures or not (measure or subject_side or claimant_side):
            yield from overlay.figures(self.store.figures(
                where, measure=measure, subject_side=subject_side, claimant_side=claimant_side))
            return
        for figure in overlay.figures(self.store.figures(where)):  # a correction may move a figure in or out
            if all(getattr(figure, k) == v for k, v in wanted.items() if v) and (
                    not claimant_side or figure.claimant.side == claimant_side):
                yield figure

    def events(self, where: ArticleFilter | None = None, *, type: str | None = None) -> Iterator[EventMention]:
        return self.store.events(where, type=type)

    def linked_events(self, where: ArticleFilter | None = None, *, type: str | None = None) -> list[Event]:
        """Linked events reported by the matching articles (with all their articles) and their status,
        as stored by the last linking step, or linked in memory while the stored links are behind
        (``linking.py``)."""
        with self.snapshot():
            events = self._links(where).events
        return [e for e in events if type is None or e.type == type]

    def _links(self, where: ArticleFilter | None = None, overlay: Overlay | None = None) -> Links:
        """The linked events as of now, assessed with the analysts' corrections in force
        (``linking.current_links``; call inside a snapshot)."""
        overlay = overlay or self.overlay()
        return current_links(self.store, self.event_policy(), self._version(overlay), self.assessment(), where,
                             overlay)

    def _linked(self) -> dict[str, Any]:
        """Linked events, their contradictions and their figures' statuses, the figures' tally checks and
        the corrections (call inside a snapshot, with what reads them after)."""
        overlay = self.overlay()
        links = self._links(overlay=overlay)
        return {"events": links.events, "contradictions": links.contradictions, "overlay": overlay,
                "figure_checks": self.tally_checker(), "figure_status": links.figure_status}

    def parties(self) -> frozenset[str]:
        """The profile's parties: the sides it gives an enemy (the others are checks)."""
        if self._parties is None:
            from .extract.vocabulary.sides import Sides

            self._parties = frozenset(Sides.from_profile(load_profile(self.settings.profile)).opposites)
        return self._parties

    def event_report(self, key: str) -> EventReport | None:
        """The side-by-side view of one linked event (``EventReport``) whose id is ``key`` or starts with
        it; None when no event, or more than one, matches."""
        with self.snapshot():
            overlay = self.overlay()
            links = self._links(overlay=overlay)
            exact = [e for e in links.events if e.id == key]
            found = exact or [e for e in links.events if e.id.startswith(key)]
            if len(found) != 1:
                return None
            event = found[0]
            figures = [dataclasses.replace(f, event_id=event.id)
                       for f in overlay.figures(self.store.figures_of_mentions(list(event.mention_ids)))]
            published = {a.id: a.published for a in self.store.article_headers(event.article_ids)}
        chain = next((c for c in ceasefire_chains(links.events) if event in c.events), None)
        return EventReport(event, tuple(side_by_side(figures, published)),
                           tuple(c for c in links.contradictions if c.event_id == event.id), chain)

    def timeline(self, where: ArticleFilter | None = None) -> list[Event]:
        """The linked events in date order, the undated last (``assess/ceasefires.py``)."""
        return by_date(self.linked_events(where))

    def ceasefires(self, where: ArticleFilter | None = None) -> list[CeasefireChain]:
        """Each declared ceasefire with the rejections and alleged violations that belong to it."""
        return ceasefire_chains(self.linked_events(where))

    def contradictions(self, where: ArticleFilter | None = None,
                       events: Sequence[Event] | None = None) -> list[Contradiction]:
        """Records of one linked event that cannot both be right (``assess/``), of the events
        ``where`` selects, or of ``events`` only when given."""
        with self.snapshot():
            found = self._links(where).contradictions
        if events is not None:
            ids = {e.id for e in events}
            found = [c for c in found if c.event_id in ids]
        return found

    # ------------------------------------------------------------ link
    def event_policy(self) -> EventPolicy:
        """The profile's event-type policy (``event_types.yaml``), loaded once."""
        if self._policy is None:
            self._policy = event_policy(load_profile(self.settings.profile))
        return self._policy

    def assessment(self) -> Assessment:
        """What assessing linked events reads from the profile: its ``assess/cues.yaml`` and its parties."""
        if self._assessment is None:
            self._assessment = Assessment(assessment_cues(load_profile(self.settings.profile)), self.parties())
        return self._assessment

    def link_version(self) -> str:
        """The version the stored links are kept under (the linker's and assessment's rules, the event
        policy, the assessment's words and the analysts' split and merge corrections in force)."""
        return self._version(self.overlay())

    def _version(self, overlay: Overlay) -> str:
        return linker_version(self.event_policy(), self.assessment()) + overlay.version

    def link(self, *, everything: bool = False, run: TaskMap | None = None) -> LinkReport:
        """Link the event mentions in no linked event into the stored events, incrementally
        (``linking.py``); ``everything`` drops the stored events and relinks every mention.
        ``extract`` runs it after every pass. ``run`` links the blocks of ``link.blocked`` (by type
        family and date segment; ``distributed.DaskLinkMap`` on a cluster), to the same links."""
        overlay = self.overlay()
        return link_pending(self.store, self.event_policy(), self._version(overlay), self.assessment(),
                            everything=everything, overlay=overlay, run=run)

    # ------------------------------------------------------------ corrections (more in CorrectionMethods)
    def overlay(self) -> Overlay:
        """The analysts' corrections with their states, as reads apply them (``corrections/``)."""
        return Overlay.load(self.store)

    def skips(self, run_id: int | None = None) -> list[Skip]:
        return self.store.skips(run_id)

    def stats(self) -> LedgerStats:
        return self.store.stats()

    # ------------------------------------------------------------ export
    def records(self) -> Iterator[dict[str, Any]]:
        """The ledger as exchange-format record dicts (what ``export`` writes as JSON Lines),
        all from one moment: the snapshot lasts until the iterator is exhausted or closed."""
        from .export import record_dicts

        with self.snapshot():
            yield from record_dicts(self.store, tool_version=__version__, **self._linked())

    def export(self, output: str | Path | TextIO | None = None, *, format: str = "jsonl",
               raw_csv: bool = False) -> list[Path]:
        """Write the ledger in the exchange format (``jsonl``), as one table per record type
        (``csv``, ``parquet``: ``output`` is a directory), or as ACLED-style event rows (``acled``:
        one CSV file, ``acled.py``).

        Everything written is one moment of the ledger (one snapshot), even while an
        ingest writes. CSV text cells that would start a spreadsheet formula get a
        leading ``'`` unless ``raw_csv`` (``export.py``)."""
        from .export import export_tables

        if format == "jsonl":
            with self.snapshot():
                return self._export_jsonl(output)
        for table_format in TABLE_FORMATS:
            if format == table_format:
                if output is None or not isinstance(output, (str, Path)):
                    raise ConfigError(f"--format {format} writes one file per record type: give --output DIRECTORY")
                with self.snapshot():
                    return export_tables(self.store, Path(output), table_format, **self._linked(), raw_csv=raw_csv)
        if format == "acled":
            return self._export_acled(output, raw_csv=raw_csv)
        raise ConfigError(f"Unknown export format {format!r}: use jsonl, csv, parquet or acled")

    def acled_rows(self, where: ArticleFilter | None = None) -> list[dict[str, Any]]:
        """The linked events as ACLED-style rows (``acled.py``: ACLED's columns, then ours), one per
        dated event of a type the profile's ``acled.yaml`` maps, in date order."""
        from .acled import acled_rows, acled_types

        with self.snapshot():
            overlay = self.overlay()  # the analysts' corrections count
            events = by_date(self._links(where, overlay).events)
            event_of = {m: e.id for e in events for m in e.mention_ids}
            figures: dict[str, list[Figure]] = {}
            for f in overlay.figures(self.store.figures_of_mentions(list(event_of))):
                figures.setdefault(event_of.get(f.event_id or "", ""), []).append(f)
            mentions: dict[str, list[EventMention]] = {}
            for m in self.store.events():  # every mention of the events, also of articles outside where
                if m.id in event_of:
                    mentions.setdefault(event_of[m.id], []).append(m)
            headers = self.store.article_headers(sorted({a for e in events for a in e.article_ids}))
        return list(acled_rows(events, figures, mentions, {a.id: a.outlet for a in headers},
                               {a.id: a.published for a in headers}, acled_types(load_profile(self.settings.profile))))

    def _export_acled(self, output: str | Path | TextIO | None, *, raw_csv: bool) -> list[Path]:
        from .acled import write_acled_csv

        rows = self.acled_rows()
        if output is None or not isinstance(output, (str, Path)):
            write_acled_csv(rows, output or _stdout(), raw=raw_csv)
            return []
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".partial")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            write_acled_csv(rows, fh, raw=raw_csv)
        tmp.replace(path)
        return [path]

    def _export_jsonl(self, output: str | Path | TextIO | None) -> list[Path]:
        from .export import export_jsonl

        if output is None or not isinstance(output, (str, Path)):
            export_jsonl(self.store, output or _stdout(), tool_version=__version__, **self._linked())
            return []
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".partial")
        with tmp.open("w", encoding="utf-8") as fh:
            export_jsonl(self.store, fh, tool_version=__version__, **self._linked())
        tmp.replace(path)
        return [path]

    # ------------------------------------------------------------ official tallies
    def tallies(self) -> list[Tally]:
        """The profile's official tallies, each with its series: the one shipped with the package
        unless a stored one replaces it, and every series ``import_tally`` stored (``tallies/``)."""
        from .profiles import load_profile
        from .tallies import load_tallies

        return load_tallies(load_profile(self.settings.profile), self.store.tally_series())

    def tally_checker(self) -> Callable[[Article, Sequence[Figure]], dict[str, TallyCheck]]:
        """``check(article, figures)``: those figures' checks against the tallies, by figure id
        (``assess/tallies.py``). Checks happen when figures are read, so a series imported later
        dates figures stored before it; build one checker per listing or export."""
        index = TallyIndex(self.tallies())
        return lambda article, figures: index.check(figures, article.published)

    def checked_figures(self, where: ArticleFilter | None = None, **filters: str | None,
                        ) -> Iterator[tuple[Figure, TallyCheck | None]]:
        """``figures(...)`` with each figure's tally check; a matched figure carries the day as ``as_of``.
        Each article's figures are checked all together, as the export checks them, whatever the filters
        leave out (the figures that agree on a day decide it)."""
        check, overlay = self.tally_checker(), self.overlay()
        for article_id, group in itertools.groupby(self.figures(where, **filters), key=lambda f: f.article_id):
            article, extraction = self.store.article(article_id), self.store.extraction(article_id)
            checks = check(article, list(overlay.figures(extraction.figures))) \
                if article is not None and extraction is not None else {}
            for figure in group:
                found = checks.get(figure.id)
                yield dated(figure, found), found

    def import_tally(self, path: str | Path, *, name: str | None = None) -> TallyImport:
        """Read a tally dataset (``tallies/formats.py``) and store it as a series, replacing a stored
        series of the same name in one transaction. Bad rows are skipped and recorded as skips of
        this run; a dataset that cannot be used at all raises ``SourceError`` (recorded too) and
        leaves every stored series as it was."""
        from .profiles import load_profile
        from .tallies import disagreements, load_tallies, read_dataset, tally_definitions

        profile = load_profile(self.settings.profile)
        run = self.store.start_run(f"tally import {path}" + (f" --name {name}" if name else ""))
        try:
            imported = read_dataset(Path(path), tally_definitions(profile), name)
        except SourceError as exc:
            reason = SkipReason.NOT_FOUND if not Path(path).exists() else SkipReason.UNSUPPORTED
            failed = Skip(str(path), reason, exc.message)
            self.store.record_skips(run, [failed])
            self.store.finish_run(run, IngestReport(skipped=(failed,)))
            raise
        self.store.record_skips(run, imported.skipped)
        self.store.save_tally_series(imported.series)
        self.store.finish_run(run, IngestReport(skipped=imported.skipped))
        tally = next(t for t in load_tallies(profile, self.store.tally_series()) if t.key == imported.series.tally)
        days = [d.day for d in imported.series.days]
        return TallyImport(series=imported.series.name, role=imported.series.role, days=len(days),
                           first=days[0], last=days[-1], skipped=imported.skipped,
                           ignored_keys=imported.ignored_keys, disagreements=tuple(disagreements(tally, days)))


def _stdout() -> TextIO:
    import sys

    return sys.stdout
