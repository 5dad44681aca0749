"""The Python API: a ``Ledger`` runs the stages against one store.

    from claimledger import Ledger
    with Ledger("claimledger.db") as ledger:
        report = ledger.ingest(["articles/", "feed.xml", "https://example.org/story"])
        for article in ledger.articles(outlet="TASS", since="2023-01-01"):
            ...
        ledger.export("ledger.jsonl")

Like ``cli.py`` and ``batch/``, this module composes stages (ingest, extract,
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
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Literal, TextIO

from . import __version__
from .assess import CeasefireChain, ClaimantFigures, ceasefire_chains, event_status, figure_statuses, side_by_side
from .assess import timeline as by_date
from .assess.tallies import TallyIndex, dated
from .errors import ConfigError, SourceError
from .ingest import Upload, make_client, plan_sources, read_source
from .ingest.copies import CopyIndex
from .linking import LinkReport, current_links, link_pending, linker_version
from .profiles import load_profile
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
from .settings import Settings
from .store import LedgerStats, NewArticle, Store, open_store
from .store.base import Page, Position, SearchHit
from .tallies.definitions import Disagreement

TABLE_FORMATS: tuple[Literal["csv"], Literal["parquet"]] = ("csv", "parquet")
PARALLEL_MIN_ARTICLES = 64  # below this, forking extraction workers costs more than it saves
Progress = Callable[[int], None]  # called with the number of items just done


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


class Ledger:
    """A claims ledger on one store (SQLite file by default)."""

    def __init__(self, path: str | Path | None = None, *, settings: Settings | None = None) -> None:
        settings = settings or Settings.from_env()
        if path is not None:
            settings = settings.with_(db=Path(path))
        self.settings = settings
        self.store: Store = open_store(settings)
        self._nlp: object | None = None
        self._policy: EventPolicy | None = None
        self._parties: frozenset[str] | None = None

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
        uploads: Sequence[Upload] = (),
    ) -> IngestReport:
        """Read every input into the ledger; see the module docstring for the order.

        ``uploads`` are bodies sent rather than named (``ingest.Upload``: the REST API's), read
        after the inputs; with uploads, ``inputs`` may be empty.

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
            done = self.extract(progress=extract_progress, run_id=run_id)
            report = dataclasses.replace(report, extracted=done.extracted, extract_failed=done.failed,
                                         not_extracted=done.not_extracted)
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
                run_id: int | None = None) -> ExtractReport:
        """Extract the articles with no extraction from this extractor version, or
        whose extraction failed (every article with ``everything``), in committed batches.

        Failures are stored as skips of run ``run_id`` with each batch (``ingest``
        passes its own run); without one, this pass is a run of its own, so
        ``skips`` lists what it could not extract."""
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
                nlp = self.nlp()
                n_process = self.settings.n_process if len(todo) >= PARALLEL_MIN_ARTICLES else 1
                for extraction in extract_many(todo, nlp, n_process=n_process,  # type: ignore[arg-type]
                                               chunk_chars=self.settings.extract_chunk_chars):
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
            self.link()
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
        return self.store.extraction(article_id)

    def claims(self, where: ArticleFilter | None = None, *, claimant: str | None = None,
               side: str | None = None) -> Iterator[Claim]:
        return self.store.claims(where, claimant=claimant, side=side)

    def figures(self, where: ArticleFilter | None = None, *, measure: str | None = None,
                subject_side: str | None = None, claimant_side: str | None = None) -> Iterator[Figure]:
        return self.store.figures(
            where, measure=measure, subject_side=subject_side, claimant_side=claimant_side)

    def events(self, where: ArticleFilter | None = None, *, type: str | None = None) -> Iterator[EventMention]:
        return self.store.events(where, type=type)

    def linked_events(self, where: ArticleFilter | None = None, *, type: str | None = None) -> list[Event]:
        """Linked events reported by the matching articles (with all their articles), as stored
        by the last linking step, or linked in memory while the stored links are behind (``linking.py``)."""
        with self.snapshot():
            events, contradictions = current_links(self.store, self.event_policy(), self.link_version(), where)
        return [e for e in self._assessed(events, contradictions) if type is None or e.type == type]

    def _linked(self) -> dict[str, Any]:
        """Linked events and their contradictions, and the figures' tally checks (call inside a snapshot,
        with what reads them after)."""
        events, contradictions = current_links(self.store, self.event_policy(), self.link_version())
        event_of = {m: e.id for e in events for m in e.mention_ids}
        figures = [dataclasses.replace(f, event_id=event_of.get(f.event_id or ""))
                   for f in self.store.figures_of_mentions(list(event_of))]
        return {"events": self._assessed(events, contradictions), "contradictions": contradictions,
                "figure_checks": self.tally_checker(),
                "figure_status": figure_statuses(figures, contradictions, self.parties())}

    def _assessed(self, events: Sequence[Event], contradictions: Sequence[Contradiction]) -> list[Event]:
        """The events with their status (``assess/status.py``): contested, single_source, corroborated
        or unverified, from their sources, the sides of those who report them and their contradictions."""
        by_event: dict[str, list[Contradiction]] = {}
        for c in contradictions:
            by_event.setdefault(c.event_id, []).append(c)
        parties = self.parties()
        return [dataclasses.replace(e, status=event_status(e, (), (), by_event.get(e.id, ()), parties))
                for e in events]

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
            events, contradictions = current_links(self.store, self.event_policy(), self.link_version())
            events = self._assessed(events, contradictions)
            exact = [e for e in events if e.id == key]
            found = exact or [e for e in events if e.id.startswith(key)]
            if len(found) != 1:
                return None
            event = found[0]
            figures = [dataclasses.replace(f, event_id=event.id)
                       for f in self.store.figures_of_mentions(list(event.mention_ids))]
            published = {a: (article.published if (article := self.store.article(a)) else None)
                         for a in event.article_ids}
        chain = next((c for c in ceasefire_chains(events) if event in c.events), None)
        return EventReport(event, tuple(side_by_side(figures, published)),
                           tuple(c for c in contradictions if c.event_id == event.id), chain)

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
            _, found = current_links(self.store, self.event_policy(), self.link_version(), where)
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

    def link_version(self) -> str:
        """The version the stored links are kept under (the linker's rules and the event policy)."""
        return linker_version(self.event_policy())

    def link(self, *, everything: bool = False) -> LinkReport:
        """Link the event mentions in no linked event into the stored events, incrementally
        (``linking.py``); ``everything`` drops the stored events and relinks every mention.
        ``extract`` runs it after every pass."""
        return link_pending(self.store, self.event_policy(), self.link_version(), everything=everything)

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
        """Write the ledger in the exchange format (``jsonl``) or as one table
        per record type (``csv``, ``parquet``: ``output`` is a directory).

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
        raise ConfigError(f"Unknown export format {format!r}: use jsonl, csv or parquet")

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
        check = self.tally_checker()
        for article_id, group in itertools.groupby(self.figures(where, **filters), key=lambda f: f.article_id):
            article, extraction = self.store.article(article_id), self.store.extraction(article_id)
            checks = check(article, extraction.figures) if article is not None and extraction is not None else {}
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
