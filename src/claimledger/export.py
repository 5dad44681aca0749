"""The ledger out: JSON Lines in the exchange format, and flat CSV / Parquet tables.

``record_dicts(store)`` yields the records of ``shared/spec/ledger-format.md``
in order: one ``meta`` record, then for each article (oldest ingested first)
its ``article`` record followed by its ``event``, ``claim`` and ``figure``
records. Articles and their extractions are read in pages, side by side.
Format version 2: record ids are content-derived (``identity.py``), event ids
are the stored linked events' (stable as articles join), and contradictions
carry ``kind`` and ``claim_ids``.

Values follow the spec: unknown values are ``null``, never ``""``; numbers
are ints when integral (``89``, not ``89.0``); a non-finite float is ``null``.
Events are the linked events the caller passes (``link/``), or, without
them, each article's own mentions (``status: "single_source"``);
and ``contradiction`` records (``assess/``) follow the linked events.
Analysts' corrections (``corrections/``, from the Ledger's ``overlay``) show in place: a
corrected figure carries the values in force (what contradictions and status were computed on),
``extracted`` with the extractor's own values (null when no correction changed one) and
``corrections`` (who, when, why, what: every correction in force on it, confirmations included); a
debunked claim carries ``debunked`` (the source, who, when, why) and ``corrections``; a linked event
carries the split and merge ``corrections`` that shaped it; the ``meta`` record counts the log's
entries by state. Records no correction touches carry ``corrections: []`` and null for the rest.
A figure that an official tally dates (``figure_checks``, from the Ledger:
``assess/tallies.py``) takes the tally's day as ``as_of`` and carries ``note``
(stale figure, daily increment, possible misquote) and ``tally`` (name, status,
day, days before publication, transcriptions); other figures have them null.

``export_tables`` flattens the same records into one table per record type
(``articles``, ``events``, ``claims``, ``figures``): nested objects become
prefixed columns (``claimant_name``, ``content_start``), lists become JSON
text. The Parquet tables are datasets partitioned by publication month, with
typed columns (``export_parquet.py``), so an empty ledger still gives typed,
empty tables. In CSV, a text cell that would start a spreadsheet
formula (``=``, ``+``, ``-``, ``@``, tab, CR, LF) gets a leading ``'``;
numeric columns are written as numbers; ``raw_csv=True`` writes text as it is
(``output.csv_value``).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

from . import __version__
from .corrections import Overlay
from .errors import ConfigError, StoreError
from .output import csv_value
from .records import (
    Article,
    Claim,
    Claimant,
    Contradiction,
    Correction,
    CorrectionKind,
    Event,
    EventMention,
    Figure,
    FigureValues,
    Place,
    Span,
    TallyCheck,
)
from .store.base import Store

FORMAT_NAME = "claimledger-jsonl"
FORMAT_VERSION = 2  # 2: content-derived record ids, stored event ids, contradiction kind and claim_ids
# One article's figures -> their official-tally checks by figure id (``assess/tallies.py``, from the Ledger).
FigureChecks = Callable[[Article, Sequence[Figure]], Mapping[str, TallyCheck]]

# Per table: (column, path into the record dict, kind). kind is str/int/float/bool/json (a list)/object.
Column = tuple[str, tuple[str, ...], str]
_CLAIMANT_COLUMNS: tuple[Column, ...] = tuple(
    (f"claimant_{key}", ("claimant", key), "str") for key in ("name", "mention", "side", "kind")
)
TABLES: dict[str, tuple[Column, ...]] = {
    "articles": (
        *((name, (name,), "str") for name in ("id", "ref", "url", "outlet", "title", "language", "published")),
        ("text", ("text",), "str"),
        ("content_hash", ("content_hash",), "str"),
        ("refs", ("refs",), "json"),
        ("urls", ("urls",), "json"),
        ("copy_group", ("copy_group",), "str"),
        ("flags", ("flags",), "json"),
        ("ingested_at", ("ingested_at",), "str"),
        ("source", ("source",), "str"),
    ),
    "events": (
        *((name, (name,), "str") for name in ("id", "article_id", "type", "title", "date_start", "date_end")),
        ("place_name", ("place", "name"), "str"),
        ("place_lat", ("place", "lat"), "float"),
        ("place_lon", ("place", "lon"), "float"),
        ("place_admin1", ("place", "admin1"), "str"),
        ("place_country", ("place", "country"), "str"),
        ("actors", ("actors",), "json"),
        ("article_refs", ("article_refs",), "json"),
        ("status", ("status",), "str"),
        ("claim_ids", ("claim_ids",), "json"),
        ("figure_ids", ("figure_ids",), "json"),
        ("extractor", ("extractor",), "str"),
        ("article_ids", ("article_ids",), "json"),
        ("mention_ids", ("mention_ids",), "json"),
        ("sources", ("sources",), "int"),
        ("corrections", ("corrections",), "json"),
    ),
    "claims": (
        *((name, (name,), "str") for name in ("id", "article_id", "article_ref", "event_id")),
        *_CLAIMANT_COLUMNS,
        *((name, (name,), "str") for name in ("cue", "mode", "stance")),
        ("hedged", ("hedged",), "bool"),
        ("evidence_note", ("evidence_note",), "str"),
        ("debunked_source", ("debunked", "source"), "str"),
        ("corrections", ("corrections",), "json"),
        ("content_start", ("content", "start"), "int"),
        ("content_end", ("content", "end"), "int"),
        ("content_text", ("content", "text"), "str"),
        ("extractor", ("extractor",), "str"),
    ),
    "figures": (
        *((name, (name,), "str") for name in ("id", "article_id", "article_ref", "claim_id", "event_id")),
        *((name, (name,), "str") for name in ("measure", "subject_side")),
        *((name, (name,), "float") for name in ("low", "best", "high")),
        ("qualifier", ("qualifier",), "str"),
        *_CLAIMANT_COLUMNS,
        ("as_of", ("as_of",), "str"),
        ("note", ("note",), "str"),
        ("status", ("status",), "str"),
        ("tally_name", ("tally", "name"), "str"),
        ("tally_status", ("tally", "status"), "str"),
        ("evidence_start", ("evidence", "start"), "int"),
        ("evidence_end", ("evidence", "end"), "int"),
        ("evidence_text", ("evidence", "text"), "str"),
        ("number_text", ("number", "text"), "str"),
        ("extractor", ("extractor",), "str"),
        ("extracted", ("extracted",), "object"),
        ("corrections", ("corrections",), "json"),
    ),
    "contradictions": (
        *((name, (name,), "str") for name in ("id", "kind", "event_id", "measure", "subject_side")),
        ("figure_ids", ("figure_ids",), "json"),
        ("claim_ids", ("claim_ids",), "json"),
        ("sides", ("sides",), "json"),
        ("explanation", ("explanation",), "str"),
    ),
}
TABLE_OF_RECORD = {"article": "articles", "event": "events", "claim": "claims", "figure": "figures",
                   "contradiction": "contradictions"}


# ---------------------------------------------------------------- records
def record_dicts(store: Store, *, tool_version: str | None = None, events: Sequence[Event] | None = None,
                 contradictions: Sequence[Contradiction] = (), figure_checks: FigureChecks | None = None,
                 figure_status: Mapping[str, str] | None = None,
                 overlay: Overlay | None = None) -> Iterator[dict[str, Any]]:
    """The ledger as exchange-format records: meta, then each article with its
    claims and figures. With ``events`` (linked across articles), those are
    written after the articles and claims/figures point at them; without,
    each article's own event mentions follow it. With ``figure_checks``, a
    figure matched to an official tally is dated by it and noted; ``figure_status`` gives the
    figures of linked events their status (``assess/status.py``); ``overlay`` the analysts' corrections."""
    overlay = overlay or Overlay()
    yield {
        "record": "meta",
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tool_version": tool_version or __version__,
        "corrections": {state: sum(c.state == state for c in overlay.entries if c.kind is not CorrectionKind.UNDO)
                        for state in ("active", "undone", "orphaned")},
    }
    event_of = {m: e.id for e in events or () for m in e.mention_ids}
    extractions = store.extractions()  # pages in ingest order, like the articles: merged, not one query each
    upcoming = next(extractions, None)
    for article in store.articles():
        yield article_record(article)
        if upcoming is None or upcoming.article_id != article.id:
            continue
        extraction, upcoming = upcoming, next(extractions, None)
        if events is None:
            for event in extraction.events:
                yield event_record(event, article)
        for claim in extraction.claims:
            if events is not None:
                claim = replace(claim, event_id=event_of.get(claim.event_id or ""))
            yield claim_record(claim, article, overlay.of(claim.id))
        figures = [overlay.figure(f) for f in extraction.figures]
        checks = figure_checks(article, figures) if figure_checks is not None else {}
        for figure, extracted in zip(figures, extraction.figures, strict=True):
            if events is not None:
                figure = replace(figure, event_id=event_of.get(figure.event_id or ""))
            yield figure_record(figure, article, checks.get(figure.id), (figure_status or {}).get(figure.id),
                                extracted=extracted, corrections=overlay.of(figure.id))
    for linked in events or ():
        yield linked_event_record(linked, overlay.of_mentions(linked.mention_ids))
    for contradiction in contradictions:
        yield contradiction_record(contradiction)


def article_record(article: Article) -> dict[str, Any]:
    return _cleaned({
        "record": "article",
        "id": article.id,
        "ref": article.ref,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "language": article.language,
        "published": article.published,
        "text": article.text,
        "content_hash": article.content_hash,
        "refs": list(article.refs),
        "urls": list(article.urls),
        "copy_group": article.copy_group,
        "flags": list(article.flags),
        "ingested_at": article.ingested_at,
        "source": article.source,
    })


def _event_fields(event: EventMention | Event) -> dict[str, Any]:
    """The fields a per-article mention and a linked event share in the spec."""
    return {
        "record": "event",
        "id": event.id,
        "type": event.type,
        "title": event.title,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "place": _place(event.place),
        "actors": [{"name": a.name, "side": a.side, "role": a.role} for a in event.actors],
    }


def event_record(event: EventMention, article: Article) -> dict[str, Any]:
    return _cleaned({
        **_event_fields(event),
        "article_refs": [article.ref] if article.ref else [],
        "status": "single_source",
        "article_id": event.article_id,
        "claim_ids": list(event.claim_ids),
        "figure_ids": list(event.figure_ids),
        "trigger": _span(event.trigger),
        "extractor": event.extractor,
    })


def linked_event_record(event: Event, corrections: Sequence[Correction] = ()) -> dict[str, Any]:
    return _cleaned({
        **_event_fields(event),
        "article_refs": list(event.article_refs),
        "status": event.status,
        "article_ids": list(event.article_ids),
        "mention_ids": list(event.mention_ids),
        "sources": event.sources,
        "corrections": [correction_record(c) for c in corrections],
    })


def contradiction_record(contradiction: Contradiction) -> dict[str, Any]:
    return _cleaned({
        "record": "contradiction",
        "id": contradiction.id,
        "kind": contradiction.kind,
        "event_id": contradiction.event_id,
        "measure": contradiction.measure or None,  # a denial or debunk has none: null, never ""
        "subject_side": contradiction.subject_side or None,
        "figure_ids": list(contradiction.figure_ids),
        "claim_ids": list(contradiction.claim_ids),
        "sides": list(contradiction.sides),
        "explanation": contradiction.explanation,
    })


def claim_record(claim: Claim, article: Article, corrections: Sequence[Correction] = ()) -> dict[str, Any]:
    debunks = [c for c in corrections if c.kind is CorrectionKind.DEBUNK_CLAIM]
    return _cleaned({
        "record": "claim",
        "id": claim.id,
        "article_id": claim.article_id,
        "article_ref": article.ref,
        "event_id": claim.event_id,
        "claimant": _claimant(claim.claimant),
        "cue": claim.cue,
        "mode": claim.mode,
        "stance": claim.stance,
        "hedged": claim.hedged,
        "evidence_note": claim.evidence_note,
        "content": _span(claim.content),
        "extractor": claim.extractor,
        "debunked": {"source": debunks[-1].source, "by": debunks[-1].by, "at": debunks[-1].at,
                     "why": debunks[-1].why, "correction": debunks[-1].id} if debunks else None,
        "corrections": [correction_record(c) for c in corrections],
    })


def figure_record(figure: Figure, article: Article, check: TallyCheck | None = None,
                  status: str | None = None, *, extracted: Figure | None = None,
                  corrections: Sequence[Correction] = ()) -> dict[str, Any]:
    """A figure record; a tally ``check`` gives its ``as_of`` (when it found the day), ``note`` and ``tally``;
    ``status`` is its assessed status when it belongs to a linked event; ``figure`` carries the values in
    force, ``extracted`` (when they differ) the extractor's, ``corrections`` the analysts' behind them."""
    changed = extracted is not None and _values(extracted) != _values(figure)
    return _cleaned({
        "record": "figure",
        "id": figure.id,
        "article_id": figure.article_id,
        "article_ref": article.ref,
        "claim_id": figure.claim_id,
        "event_id": figure.event_id,
        "measure": figure.measure,
        "subject_side": figure.subject_side,
        "low": figure.low,
        "best": figure.best,
        "high": figure.high,
        "qualifier": figure.qualifier,
        "claimant": _claimant(figure.claimant),
        "as_of": check.day if check is not None and check.day is not None else figure.as_of,
        "evidence": _span(figure.evidence),
        "number": _span(figure.number),
        "extractor": figure.extractor,
        "note": check.note if check is not None else None,
        "tally": _tally(check),
        "status": status,
        "extracted": _values(extracted) if changed and extracted is not None else None,
        "corrections": [correction_record(c) for c in corrections],
    })


def _values(figure: Figure) -> dict[str, Any]:
    """The values of a figure a correction can change, as the record gives them."""
    return {"measure": figure.measure, "subject_side": figure.subject_side, "low": figure.low, "best": figure.best,
            "high": figure.high, "qualifier": figure.qualifier, "claimant": _claimant(figure.claimant)}


def correction_record(correction: Correction) -> dict[str, Any]:
    """One correction as a figure, claim or event record carries it (and the API shows it): who, when,
    why, and what it sets (values, source, events) where its kind has them."""
    c = correction
    return _cleaned({
        "id": c.id, "kind": c.kind.value, "by": c.by, "at": c.at, "why": c.why, "state": c.state,
        "target": c.target, "set": _set(c.values) if c.values is not None else None, "source": c.source,
        "event_id": c.event_id, "into": c.into, "mentions": list(c.mentions), "undoes": c.undoes,
        "undone_by": c.undone_by,
    })


def _set(values: FigureValues) -> dict[str, Any]:
    """The fields a correction sets (those it leaves as extracted are left out)."""
    found: dict[str, Any] = {"measure": values.measure, "subject_side": values.subject_side}
    if values.qualifier is not None:
        found.update(low=values.low, best=values.best, high=values.high, qualifier=values.qualifier)
    if values.claimant is not None:
        found["claimant"] = _claimant(values.claimant)
    return {k: v for k, v in found.items() if v is not None or k in ("low", "best", "high")}


def _tally(check: TallyCheck | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {"name": check.tally, "status": check.status, "day": check.day, "days_before_publication": check.days_before,
            "sources": list(check.sources)}


def _claimant(claimant: Claimant) -> dict[str, Any]:
    return {"name": claimant.name, "mention": claimant.mention, "side": claimant.side, "kind": claimant.kind}


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"name": place.name, "lat": place.lat, "lon": place.lon, "admin1": place.admin1,
            "country": place.country}


def _cleaned(record: dict[str, Any]) -> dict[str, Any]:
    return {key: _clean(value) for key, value in record.items()}


def _clean(value: Any) -> Any:
    """Spec values: "" -> None, integral floats -> int, non-finite floats -> None, recursively."""
    if isinstance(value, str):
        return value if value else None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


# ---------------------------------------------------------------- JSON Lines
def export_jsonl(store: Store, out: TextIO, *, tool_version: str, events: Sequence[Event] | None = None,
                 contradictions: Sequence[Contradiction] = (), figure_checks: FigureChecks | None = None,
                 figure_status: Mapping[str, str] | None = None, overlay: Overlay | None = None) -> int:
    """Write the ledger to ``out`` as JSON Lines; returns the number of records (meta included)."""
    count = 0
    for record in record_dicts(store, tool_version=tool_version, events=events, contradictions=contradictions,
                               figure_status=figure_status, overlay=overlay,
                               figure_checks=figure_checks):
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False))
        out.write("\n")
        count += 1
    return count


# ---------------------------------------------------------------- tables
def flat_row(table: str, record: dict[str, Any]) -> dict[str, Any]:
    """One record as a flat row of ``TABLES[table]``'s columns (lists as JSON text)."""
    row: dict[str, Any] = {}
    for column, path, kind in TABLES[table]:
        value: Any = record
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if kind == "json":
            value = json.dumps(value if value is not None else [], ensure_ascii=False)
        elif kind == "object":  # an object or null (a list column is "json": [] when empty)
            value = json.dumps(value, ensure_ascii=False)
        elif kind == "float" and value is not None:
            value = float(value)
        row[column] = value
    return row


def export_tables(store: Store, directory: Path, fmt: Literal["csv", "parquet"],
                  events: Sequence[Event] | None = None, contradictions: Sequence[Contradiction] = (), *,
                  raw_csv: bool = False, figure_checks: FigureChecks | None = None,
                  figure_status: Mapping[str, str] | None = None, overlay: Overlay | None = None) -> list[Path]:
    """One table per record type in ``directory`` (created if needed); returns their paths: a CSV
    file each, or a Parquet dataset each, partitioned by publication month (``export_parquet.py``)."""
    if fmt not in ("csv", "parquet"):
        raise ConfigError(f"unknown table format {fmt!r}; use csv or parquet")
    if fmt == "parquet":
        from .export_parquet import export_parquet

        return export_parquet(store, directory, events, contradictions, figure_checks=figure_checks,
                              figure_status=figure_status, overlay=overlay)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the export directory {directory}: {exc}") from exc
    paths = {table: directory / f"{table}.{fmt}" for table in TABLES}
    rows = ((TABLE_OF_RECORD[r["record"]], r) for r in record_dicts(store, events=events, contradictions=contradictions,
                                                                    figure_checks=figure_checks,
                                                                    figure_status=figure_status, overlay=overlay)
            if r["record"] in TABLE_OF_RECORD)
    try:
        _write_csv(paths, rows, raw=raw_csv)
    except OSError as exc:
        raise StoreError(f"cannot write the export to {directory}: {exc}") from exc
    return list(paths.values())


def _write_csv(paths: dict[str, Path], rows: Iterator[tuple[str, dict[str, Any]]], *, raw: bool) -> None:
    handles = {table: path.open("w", encoding="utf-8", newline="") for table, path in paths.items()}
    try:
        writers = {}
        for table, handle in handles.items():
            writers[table] = csv.DictWriter(handle, fieldnames=[c[0] for c in TABLES[table]])
            writers[table].writeheader()
        for table, record in rows:
            writers[table].writerow({k: csv_value(v, raw=raw) for k, v in flat_row(table, record).items()})
    finally:
        for handle in handles.values():
            handle.close()
