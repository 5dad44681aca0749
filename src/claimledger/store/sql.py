"""Backend-neutral SQL for the ledger: what every ``Store`` backend shares.

The SQLite backend (``sqlite.py``) and a PostgreSQL backend store the same
tables (``migrations/``) and must make the same decisions, so those decisions
live here once, with no database driver imported:

* SQL building: the ``ArticleFilter`` -> WHERE clause, ``LIKE`` escaping,
  chunked ``IN (...)`` lists and keyset paging, written in the placeholder
  style and pattern-match operators a ``Dialect`` names (``?``: the PostgreSQL
  backend's cursor translates it for psycopg);
* migrations: finding the numbered files and splitting one into statements;
* the rules of ``add_articles``: which item is new, a duplicate or a re-run
  (its source already carried), a later duplicate filling an empty outlet,
  published date or title, and the rows that follow from that;
* mapping between records and rows: ``published_day``, ``outlet_key``, JSON
  columns (damaged JSON raises ``StoreError`` CL305), stored skip reasons.

A backend keeps its connection, transactions and driver errors to itself and
calls these functions with plain values; nothing here touches a database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from ..errors import StoreError
from ..identity import assign_ids
from ..records import (
    Article,
    ArticleFilter,
    Claim,
    Correction,
    EventMention,
    Extraction,
    Figure,
    IngestReport,
    PlaceMention,
    Skip,
    SkipReason,
    TallyDay,
    TallySeries,
    TimeExpression,
)
from .base import AddOutcome, NewArticle
from .codec import CODE_BAD_DATA, from_dict, to_dict

PAGE_ROWS = 500  # rows per keyset page in listings
IN_CHUNK = 500  # values per IN (...) list
MIGRATION_NAME = re.compile(r"^(\d{4})_[A-Za-z0-9_]+\.sql$")

ARTICLE_FIELDS = (
    "a.id, a.ref, a.url, a.outlet, a.title, a.published, a.language, a.text, a.content_hash,"
    " a.ingested_at, a.source, a.copy_group, a.flags"
)
ARTICLE_COLUMNS = ARTICLE_FIELDS + ", a.seq"  # rows for article_from_row end with the seq

# Columns of the rows built below, in the order of their tuples.
ARTICLE_INSERT = ("id", "seq", "content_hash", "ref", "url", "outlet", "outlet_key", "title", "published",
                  "published_day", "language", "text", "ingested_at", "source", "copy_group", "flags", "signature")
SOURCE_INSERT = ("article_id", "seq", "ref", "url", "source", "outlet", "added_at")
SKIP_INSERT = ("run_id", "seq", "source", "reason", "message", "line")
EXTRACTION_INSERT = ("article_id", "extractor_version", "extracted_at", "error_reason", "error_message",
                     "error_source", "error_line", "data")
CLAIM_INSERT = ("article_id", "seq", "id", "event_id", "claimant_name", "claimant_mention", "claimant_side",
                "mode", "data")
FIGURE_INSERT = ("article_id", "seq", "id", "claim_id", "event_id", "measure", "subject_side", "claimant_side",
                 "data")
EVENT_INSERT = ("article_id", "seq", "id", "type", "date_start", "data")
LINKED_EVENT_INSERT = ("id", "seq", "kind", "day", "first_published", "last_published", "dirty", "status")
FIGURE_STATUS_INSERT = ("event_id", "figure_id", "status")
MEMBER_INSERT = ("mention_id", "event_id", "article_id", "seq")
CONTRADICTION_INSERT = ("id", "event_id", "seq", "kind", "data")
# Article metadata without the text: what linking and event listings need
ARTICLE_HEADER_COLUMNS = ARTICLE_COLUMNS.replace("a.text,", "'' AS text,")
# The tables holding one extraction's records, each row's ``data`` one record as JSON.
RECORD_TABLES: tuple[tuple[str, type[Any]], ...] = (("claims", Claim), ("figures", Figure), ("events", EventMention))


# ---------------------------------------------------------------- SQL building
@dataclass(frozen=True, slots=True)
class Dialect:
    """What the SQL built here needs to know about a backend."""

    mark: str  # the parameter placeholder the SQL is written with: "?" (a backend's cursor may translate it)
    like: str  # a pattern match folding ASCII case at least: "LIKE" (SQLite), "ILIKE" (PostgreSQL)
    folded_contains: str  # a clause with one parameter: a.title or a.text contains it, Unicode case-folded
    bytewise: str = ""  # what makes a text comparison compare code points ('COLLATE "C"'), if not by default

    def marks(self, count: int) -> str:
        """``count`` placeholders, comma-separated, for ``IN (...)`` and ``VALUES (...)``."""
        return ", ".join([self.mark] * count)

    def insert(self, table: str, columns: Sequence[str], suffix: str = "") -> str:
        return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({self.marks(len(columns))}){suffix}"

    def contains(self, columns: Sequence[str]) -> str:
        """A clause true when any of ``columns`` matches the ``like_pattern`` parameter (one per column)."""
        return "(" + " OR ".join(f"{column} {self.like} {self.mark} ESCAPE '\\'" for column in columns) + ")"

    def upsert(self, table: str, columns: Sequence[str], key: str) -> str:
        """INSERT, or on a conflict of ``key`` UPDATE every other column (SQLite >= 3.24, PostgreSQL)."""
        sets = ", ".join(f"{column} = excluded.{column}" for column in columns if column != key)
        return self.insert(table, columns, f" ON CONFLICT ({key}) DO UPDATE SET {sets}")

    def fill_update(self) -> str:
        """The UPDATE for ``ArticleWrites.fills``: empty outlet, published and title only."""
        m = self.mark
        return (
            f"UPDATE articles SET outlet = COALESCE(outlet, {m}),"
            f" outlet_key = COALESCE(outlet_key, {m}),"
            f" published = COALESCE(published, {m}), published_day = COALESCE(published_day, {m}),"
            f" title = COALESCE(title, {m}) WHERE id = {m}"
        )


def like_pattern(needle: str) -> str:
    """A ``LIKE ... ESCAPE '\\'`` pattern matching ``needle`` anywhere, its ``%`` and ``_`` literal."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    """``values`` in slices short enough for one ``IN (...)`` list each."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def filter_sql(where: ArticleFilter | None, dialect: Dialect) -> tuple[str, list[Any]]:
    """The WHERE clauses (over alias ``a``) for an ArticleFilter, without its limit."""
    if where is None:
        return "1 = 1", []
    m = dialect.mark
    clauses: list[str] = []
    params: list[Any] = []
    if where.outlet is not None:
        clauses.append(f"a.outlet_key = {m}")
        params.append(where.outlet.casefold())
    if where.language is not None:
        clauses.append(f"a.language = {m}")
        params.append(where.language)
    if where.since is not None:
        clauses.append(f"a.published_day >= {m}")
        params.append(where.since[:10])
    if where.until is not None:
        clauses.append(f"a.published_day <= {m}")
        params.append(where.until[:10])
    if where.copy_group is not None:
        clauses.append(f"a.copy_group = {m}")
        params.append(where.copy_group)
    if where.ids:
        clauses.append(f"a.id IN ({dialect.marks(len(where.ids))})")
        params.extend(where.ids)
    if where.text:
        if where.text.isascii():  # LIKE folds ASCII case only, and is fast
            clauses.append(dialect.contains(["a.title", "a.text"]))
            params.extend([like_pattern(where.text)] * 2)
        else:
            clauses.append(dialect.folded_contains)
            params.append(where.text)
    return (" AND ".join(clauses) or "1 = 1"), params


def keyset_pages(
    read: Callable[[str, Sequence[Any]], list[Any]],
    dialect: Dialect,
    sql: str,
    params: Sequence[Any],
    keys: Sequence[str],
    limit: int | None = None,
) -> Iterator[Any]:
    """Keyset paging through ``read(sql, params)``, ``PAGE_ROWS`` rows a query.

    ``sql`` has ``{after}`` in its WHERE and ends with ORDER BY keys; each
    row's last ``len(keys)`` columns are its key. No transaction is held
    between pages."""
    last: tuple[Any, ...] | None = None
    left = limit
    while left is None or left > 0:
        size = PAGE_ROWS if left is None else min(PAGE_ROWS, left)
        if last is None:
            after, args = "1 = 1", list(params)
        else:
            after = f"({', '.join(keys)}) > ({dialect.marks(len(keys))})"
            args = [*params, *last]
        rows = read(f"{sql.format(after=after)} LIMIT {dialect.mark}", [*args, size])
        yield from rows
        if len(rows) < size:
            return
        last = tuple(rows[-1][-len(keys) :])
        if left is not None:
            left -= len(rows)


def keyset_page(
    read: Callable[[str, Sequence[Any]], list[Any]],
    dialect: Dialect,
    sql: str,
    params: Sequence[Any],
    keys: Sequence[str],
    after: Sequence[Any] | None,
    size: int,
) -> tuple[list[Any], tuple[Any, ...] | None]:
    """One page of ``size`` rows at most, from after the keyset position ``after`` (None: the first page).

    ``sql`` is as for ``keyset_pages``. Returns the rows and the position after the last one, or None
    when no row follows (one row more is read to know)."""
    if after is None:
        where, args = "1 = 1", list(params)
    else:
        if len(after) != len(keys):
            raise StoreError(f"a listing position has {len(keys)} keys, not {len(after)}")
        where, args = f"({', '.join(keys)}) > ({dialect.marks(len(keys))})", [*params, *after]
    rows = read(f"{sql.format(after=where)} LIMIT {dialect.mark}", [*args, size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    return rows, tuple(rows[-1][-len(keys):])


# ---------------------------------------------------------------- migrations and versions
def migrations(dialect: str | None = None) -> list[tuple[int, str]]:
    """The bundled schema migrations as (version, SQL), in order.

    ``dialect`` names a subfolder (``migrations/postgresql/``) whose files replace the portable
    files of the same number, where that backend's SQL differs."""
    folder = resources.files("claimledger.store") / "migrations"
    found: dict[int, str] = {}
    for where in (folder, folder / dialect) if dialect else (folder,):
        for entry in where.iterdir():
            match = MIGRATION_NAME.match(entry.name)
            if match:
                found[int(match.group(1))] = entry.read_text(encoding="utf-8")
    return sorted(found.items())


def split_statements(script: str, complete: Callable[[str], bool]) -> list[str]:
    """A migration script as its statements; ``complete(text)`` tells whether
    ``text`` ends a statement (the backend's own tokenizer knows its quoting)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if complete(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if any(line.strip() and not line.strip().startswith("--") for line in buffer.splitlines()):
        statements.append(buffer.strip())  # a last statement without its semicolon
    return statements


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------- adding articles
@dataclass(slots=True)
class ArticleWrites:
    """What one ``add_articles`` call writes: rows in the column orders above."""

    outcomes: list[AddOutcome] = field(default_factory=list)  # one per item, in input order
    articles: list[tuple[Any, ...]] = field(default_factory=list)  # ARTICLE_INSERT rows
    sources: list[tuple[Any, ...]] = field(default_factory=list)  # SOURCE_INSERT rows (ON CONFLICT DO NOTHING)
    fills: list[tuple[Any, ...]] = field(default_factory=list)  # Dialect.fill_update rows


def plan_additions(
    items: Sequence[NewArticle],
    stored: dict[str, str],
    sources: dict[str, list[tuple[str, str]]],
    *,
    article_seq: int,
    source_seq: int,
    now: str,
) -> ArticleWrites:
    """Decide what ``add_articles`` writes, given what the ledger holds.

    ``stored`` maps the batch's content hashes already in the ledger to their
    article ids; ``sources`` maps those ids to the (ref, url) pairs carrying
    them; ``article_seq`` and ``source_seq`` are the highest seqs stored. An
    item is ``known`` when its source already carries its article, a
    ``duplicate`` when its hash is stored (or earlier in the batch), else
    ``new``. A duplicate fills its article's empty outlet, published date and
    title. The arguments are not changed.
    """
    stored = dict(stored)
    sources = {article_id: list(pairs) for article_id, pairs in sources.items()}
    writes = ArticleWrites()
    new_articles: dict[str, NewArticle] = {}  # content hash -> item, in input order
    for item in items:
        article = item.article
        key = (article.ref or "", article.url or "")
        article_id = stored.get(article.content_hash)
        if article_id is None:
            article_id = article.id
            stored[article.content_hash] = article_id
            new_articles[article.content_hash] = item
            status = "new"
        elif carried(sources.get(article_id, []), key):
            writes.outcomes.append(AddOutcome(article_id, "known"))
            continue
        else:
            status = "duplicate"
            first = new_articles.get(article.content_hash)
            if first is not None:
                new_articles[article.content_hash] = replace(first, article=filled(first.article, article))
            else:
                writes.fills.append((article.outlet, outlet_key(article.outlet), article.published,
                                     published_day(article.published), article.title, article_id))
        sources.setdefault(article_id, []).append(key)
        source_seq += 1
        writes.sources.append((article_id, source_seq, *key, article.source, article.outlet, now))
        writes.outcomes.append(AddOutcome(article_id, status))
    for item in new_articles.values():
        a = item.article
        article_seq += 1
        writes.articles.append((a.id, article_seq, a.content_hash, a.ref, a.url, a.outlet, outlet_key(a.outlet),
                                a.title, a.published, published_day(a.published), a.language, a.text,
                                a.ingested_at, a.source, a.copy_group, dumps(list(a.flags)), item.signature))
    return writes


def carried(sources: list[tuple[str, str]], key: tuple[str, str]) -> bool:
    """Is this (ref, url) already a source? Same ref (or, without a ref, same URL)."""
    ref, url = key
    if ref:
        return any(ref == known_ref for known_ref, _ in sources)
    return any(not known_ref and url == known_url for known_ref, known_url in sources)


def filled(first: Article, later: Article) -> Article:
    """``first`` with its missing outlet, published and title taken from ``later``."""
    return replace(
        first,
        outlet=first.outlet if first.outlet is not None else later.outlet,
        published=first.published if first.published is not None else later.published,
        title=first.title if first.title is not None else later.title,
    )


def published_day(published: str | None) -> str | None:
    """The date part of an ISO date or date-time, for since/until filters."""
    return published[:10] if published else None


def outlet_key(outlet: str | None) -> str | None:
    """The casefolded outlet, for outlet filters."""
    return outlet.casefold() if outlet is not None else None


# ---------------------------------------------------------------- rows <-> records
def sources_by_article(rows: Iterable[tuple[str, str, str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(article id, ref, url) rows in seq order -> each article's distinct refs and URLs."""
    refs: dict[str, list[str]] = {}
    urls: dict[str, list[str]] = {}
    for article_id, ref, url in rows:
        if ref and ref not in refs.setdefault(article_id, []):
            refs[article_id].append(ref)
        if url and url not in urls.setdefault(article_id, []):
            urls[article_id].append(url)
    return refs, urls


def article_from_row(row: Sequence[Any], refs: dict[str, list[str]], urls: dict[str, list[str]]) -> Article:
    """An Article from a row starting with ``ARTICLE_FIELDS``, with its sources' refs and URLs."""
    aid, ref, url, outlet, title, published, language, text, chash, at, src, group, flags = row[:13]
    return Article(
        aid, ref, url, outlet, title, published, language, text, chash, at, src,
        refs=tuple(refs.get(aid, ())), urls=tuple(urls.get(aid, ())), copy_group=group,
        flags=tuple(loads(flags, "articles.flags")),
    )


def run_counts(report: IngestReport) -> str:
    """The ``runs.counts`` JSON of a finished run."""
    counts = {
        "ingested": report.ingested,
        "duplicates": report.duplicates,
        "copies": report.copies,
        "skipped": len(report.skipped),
        "skipped_by_reason": report.skipped_by_reason(),
        "extracted": report.extracted,
        "extract_failed": len(report.extract_failed),
        "not_extracted": len(report.not_extracted),
        "warnings": len(report.warnings),
    }
    return json.dumps(counts)


def skip_rows(run_id: int, first: int, skips: Sequence[Skip]) -> list[tuple[Any, ...]]:
    """SKIP_INSERT rows, numbered on from ``first`` (the run's highest stored seq)."""
    return [(run_id, first + i, s.source, s.reason.value, s.message, s.line) for i, s in enumerate(skips, 1)]


def skip_reason(value: str) -> SkipReason:
    try:
        return SkipReason(value)
    except ValueError:
        return SkipReason.UNSUPPORTED  # a reason this version does not know: keep the row readable


@dataclass(slots=True)
class ExtractionWrites:
    """What ``save_extractions`` writes: a diff against the stored records, by id.

    ``extractions`` are EXTRACTION_INSERT rows (upserted on the article id);
    ``upserts[table]`` rows in that table's column order, new or changed (in
    content or order), upserted on the id; ``deletes[table]`` ids no longer
    extracted; ``unlinked`` event mention ids whose membership in a linked event
    no longer holds (the mention changed or is gone: it is relinked);
    ``kept`` articles whose re-extraction failed and whose stored records stay."""

    article_ids: list[str]  # the articles written, in input order
    extractions: list[tuple[Any, ...]] = field(default_factory=list)
    upserts: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t, _ in RECORD_TABLES})
    deletes: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t, _ in RECORD_TABLES})
    unlinked: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  # articles with a record inserted, changed or deleted

    @property
    def changed(self) -> int:
        """Record rows inserted, updated or deleted."""
        return sum(map(len, self.upserts.values())) + sum(map(len, self.deletes.values()))


# (article id, table) -> {record id: (seq, data)} of what is stored
StoredRecords = dict[tuple[str, str], dict[str, tuple[int, str]]]


def record_rows(item: Extraction) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of ``item``'s records by table (CLAIM_INSERT, FIGURE_INSERT, EVENT_INSERT orders)."""
    aid = item.article_id
    return {
        "claims": [(aid, seq, c.id, c.event_id, c.claimant.name, c.claimant.mention, c.claimant.side, c.mode,
                    dumps(to_dict(c))) for seq, c in enumerate(item.claims, 1)],
        "figures": [(aid, seq, f.id, f.claim_id, f.event_id, f.measure, f.subject_side, f.claimant.side,
                     dumps(to_dict(f))) for seq, f in enumerate(item.figures, 1)],
        "events": [(aid, seq, e.id, e.type, e.date_start, dumps(to_dict(e))) for seq, e in enumerate(item.events, 1)],
    }


def extraction_writes(items: Sequence[Extraction], now: str, stored: StoredRecords,
                      succeeded: frozenset[str] = frozenset()) -> ExtractionWrites:
    """The diff that stores ``items`` over ``stored``; of several items for one article, the last wins.

    ``succeeded``: articles whose stored extraction holds no error. A failed
    re-extraction (``extract_failed``) of one of those writes nothing: the
    article keeps its records and is retried by the next extract (its stored
    extractor version is older) or left as it was (``--all`` on the same version)."""
    writes = ExtractionWrites(list(dict.fromkeys(item.article_id for item in items)))
    latest = {item.article_id: item for item in items}
    for aid, item in latest.items():
        error = item.error
        if error is not None and error.reason is SkipReason.EXTRACT_FAILED and aid in succeeded:
            writes.kept.append(aid)
            continue
        places_times = {"places": [to_dict(p) for p in item.places], "times": [to_dict(t) for t in item.times]}
        writes.extractions.append((aid, item.extractor_version, now,
                                   error.reason.value if error else None, error.message if error else None,
                                   error.source if error else None, error.line if error else None,
                                   dumps(places_times)))
        before_changes = writes.changed
        for table, rows in record_rows(item).items():
            old = stored.get((aid, table), {})
            seen: set[str] = set()
            for row in rows:
                seq, record_id, data = row[1], row[2], row[-1]
                if record_id in seen:
                    raise StoreError(f"extraction of {aid} holds two {table} records with the id {record_id}; "
                                     "record ids must be unique (identity.assign_ids)", code=CODE_BAD_DATA)
                seen.add(record_id)
                before = old.get(record_id)
                if before != (seq, data):
                    writes.upserts[table].append(row)
                if table == "events" and before is not None and before[1] != data:
                    writes.unlinked.append(record_id)
            gone = [record_id for record_id in old if record_id not in seen]
            writes.deletes[table] += gone
            if table == "events":
                writes.unlinked += gone
        if writes.changed != before_changes:
            writes.touched.append(aid)
    return writes


def renamed_records(article_id: str, parts: dict[str, list[Any]]) -> dict[str, list[tuple[Any, ...]]]:
    """An article's stored records (by table) under content-derived ids (``identity.assign_ids``),
    as rows: the data step of the migration to schema 2."""
    extraction = Extraction(article_id=article_id, extractor_version="", claims=tuple(parts["claims"]),
                            figures=tuple(parts["figures"]), events=tuple(parts["events"]))
    return record_rows(assign_ids(extraction))


def extraction_from_row(row: Sequence[Any], parts: dict[str, list[Any]]) -> Extraction:
    """An Extraction from an ``extractions`` row (article_id, extractor_version,
    error_reason, error_message, error_source, error_line, data) and its records
    by table (``RECORD_TABLES``)."""
    article_id, version, reason, message, source, line, data = row
    extra = loads(data, "extractions.data")
    error = None
    if reason is not None:
        error = Skip(article_id if source is None else source, skip_reason(reason), message or "", line)
    return Extraction(
        article_id=article_id,
        extractor_version=version,
        claims=tuple(parts["claims"]),
        figures=tuple(parts["figures"]),
        events=tuple(parts["events"]),
        places=tuple(from_dict(PlaceMention, p) for p in extra.get("places", [])),
        times=tuple(from_dict(TimeExpression, t) for t in extra.get("times", [])),
        error=error,
    )


def record_from_data(cls: type[Any], data: str, table: str) -> Any:
    """One record from its stored ``data`` JSON in ``table``."""
    return from_dict(cls, loads(data, table))


def dumps(data: Any) -> str:
    """Compact JSON for a JSON column, non-ASCII text kept as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def loads(text: str, where: str) -> Any:
    """A JSON column's value; damaged JSON raises ``StoreError`` (CL305) naming ``where``."""
    try:
        return json.loads(text)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"stored JSON in {where} is damaged: {exc}", code=CODE_BAD_DATA) from exc


# ---------------------------------------------------------------- corrections
CORRECTION_INSERT = ("id", "kind", "target", "by_name", "at", "undoes", "undone_by", "data")
CORRECTION_COLUMNS = "id, undone_by, data"  # what correction_from_row reads
# The table holding the records of each id letter (identity.py: <article>:<letter><start>-<end>).
TABLE_OF_LETTER = {"c": "claims", "f": "figures", "e": "events"}


def correction_row(correction: Correction) -> tuple[Any, ...]:
    """A CORRECTION_INSERT row; ``data`` holds the whole record but its id, undone_by and state,
    which the columns keep."""
    data = to_dict(replace(correction, id=0, undone_by=None, state="active"))
    for key in ("id", "undone_by", "state"):
        del data[key]
    return (correction.id, correction.kind.value, correction.target, correction.by, correction.at,
            correction.undoes, correction.undone_by, dumps(data))


def correction_from_row(row: Sequence[Any]) -> Correction:
    """A Correction from a (id, undone_by, data) row."""
    record_id, undone_by, data = row
    values = loads(data, "corrections.data")
    if not isinstance(values, dict):
        raise StoreError("stored JSON in corrections.data is damaged: not an object", code=CODE_BAD_DATA)
    return from_dict(Correction, {**values, "id": int(record_id), "undone_by": undone_by})


def record_tables(ids: Iterable[str]) -> dict[str, list[str]]:
    """Claim, figure and event-mention ids by the table that holds them (other ids left out)."""
    tables: dict[str, list[str]] = {}
    for record_id in dict.fromkeys(ids):
        _, _, local = record_id.rpartition(":")
        table = TABLE_OF_LETTER.get(local[:1])
        if table is not None:
            tables.setdefault(table, []).append(record_id)
    return tables


# ---------------------------------------------------------------- official tallies
TALLY_SERIES_COLUMNS = ("name", "tally", "source", "role", "origin", "imported_at")


def tally_series_from_rows(heads: Sequence[Sequence[Any]], days: Iterable[Sequence[Any]]) -> list[TallySeries]:
    """Stored series (rows of ``TALLY_SERIES_COLUMNS``) with their days (series, day, data JSON)."""
    by_series: dict[str, list[TallyDay]] = {}
    for name, day, data in days:
        values = loads(data, "tally_days")
        by_series.setdefault(name, []).append(TallyDay(day, {str(k): int(v) for k, v in values.items()}))
    return [TallySeries(name=name, tally=tally, source=source, role=role, days=tuple(by_series.get(name, ())),
                        origin=origin or "", imported_at=imported_at)
            for name, tally, source, role, origin, imported_at in heads]
