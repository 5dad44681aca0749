"""What every SQL backend of ``Store`` shares: the methods, written once over a small connection interface.

``RelationalStore`` implements the ``Store`` protocol on top of four things a backend gives it:

* ``_read(sql, params)``: one query's rows, outside any write (inside ``snapshot()`` when one is open);
* ``_write()``: a context manager yielding a cursor for ONE write transaction, committed when the block
  ends, rolled back (and raised as ``StoreError``) when it fails; one writer at a time;
* ``snapshot()``: a block whose reads see one moment of the ledger;
* ``dialect``: what the SQL needs to know of the backend (``sql.Dialect``), and ``location`` (the ledger's
  file or address, for messages).

The SQL here is written with ``?`` placeholders (the DB-API's qmark style, sqlite3's own); a backend
whose driver speaks another style translates it in its cursor (``postgres.py``). Full-text search
(``search``) and migrations differ too much between engines to share and live in each backend.

The rules themselves (dedup on ingest, the extraction diff, keyset paging) are plain functions in
``sql.py``; this class runs them against a database.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any, Literal, Protocol, TypeVar

from ..errors import CorrectionError, StoreError
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
    SkipReason,
    TallySeries,
)
from .base import AddOutcome, EventWrite, LedgerStats, LinkStatus, NewArticle, Page, Position, SearchHit, StoredEvent
from .codec import to_dict
from .sql import (
    ARTICLE_COLUMNS,
    ARTICLE_HEADER_COLUMNS,
    ARTICLE_INSERT,
    CLAIM_INSERT,
    CONTRADICTION_INSERT,
    CORRECTION_COLUMNS,
    CORRECTION_INSERT,
    EVENT_INSERT,
    EXTRACTION_INSERT,
    FIGURE_INSERT,
    FIGURE_STATUS_INSERT,
    LINKED_EVENT_INSERT,
    MEMBER_INSERT,
    PAGE_ROWS,
    RECORD_TABLES,
    SKIP_INSERT,
    SOURCE_INSERT,
    TALLY_SERIES_COLUMNS,
    Dialect,
    StoredRecords,
    article_from_row,
    chunks,
    correction_from_row,
    correction_row,
    dumps,
    extraction_from_row,
    extraction_writes,
    filter_sql,
    keyset_page,
    keyset_pages,
    like_pattern,
    plan_additions,
    record_from_data,
    record_tables,
    renamed_records,
    run_counts,
    skip_reason,
    skip_rows,
    sources_by_article,
    tally_series_from_rows,
    utc_now,
)

R = TypeVar("R")  # a record type read back from its JSON

IDENTITY_SCHEMA = 2  # the migration whose data step renames stored records (0002_identity.sql)
INSERTS = {"claims": CLAIM_INSERT, "figures": FIGURE_INSERT, "events": EVENT_INSERT}


class Cursor(Protocol):
    """What the shared methods use of a DB-API cursor inside a write transaction."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...


class RelationalStore(ABC):
    """The shared body of the SQL backends (see the module docstring). Not opened directly."""

    schema_version: int
    dialect: Dialect
    location: str  # the ledger's file or (password-free) address, for messages

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def snapshot(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def _write(self) -> AbstractContextManager[Any]:
        """One write transaction, yielding a ``Cursor``."""

    @abstractmethod
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def _marks(self, values: Sequence[Any]) -> str:
        """Placeholders for the values of one ``IN (...)`` list."""
        return self.dialect.marks(len(values))

    @abstractmethod
    def search(self, query: str, where: ArticleFilter | None = None, *, after: Position | None = None,
               size: int = 50) -> Page[SearchHit]: ...

    def _rename_records(self, cur: Cursor) -> None:
        """The data step of schema 2: every stored record gets its content-derived id (``identity.py``)."""
        ids = [row[0] for row in cur.execute(
            "SELECT article_id FROM claims UNION SELECT article_id FROM figures UNION SELECT article_id FROM events"
        ).fetchall()]
        for chunk in chunks(ids):
            marks = self._marks(chunk)
            parts: dict[str, dict[str, list[Any]]] = {i: {table: [] for table, _ in RECORD_TABLES} for i in chunk}
            for table, cls in RECORD_TABLES:
                for article_id, data in cur.execute(
                    f"SELECT article_id, data FROM {table} WHERE article_id IN ({marks}) ORDER BY article_id, seq",
                    chunk,
                ).fetchall():
                    parts[article_id][table].append(record_from_data(cls, data, table))
                cur.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", chunk)
            for article_id in chunk:
                for table, rows in renamed_records(article_id, parts[article_id]).items():
                    cur.executemany(self.dialect.insert(table, INSERTS[table]), rows)

    def _pages(
        self, sql: str, params: Sequence[Any], keys: Sequence[str], limit: int | None = None
    ) -> Iterator[Any]:
        return keyset_pages(self._read, self.dialect, sql, params, keys, limit)


    # ------------------------------------------------------------ runs and skips
    def start_run(self, command: str) -> int:
        with self._write() as cur:
            run_id = int(cur.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM runs").fetchone()[0])
            cur.execute(
                "INSERT INTO runs (id, command, started_at) VALUES (?, ?, ?)", (run_id, command, utc_now())
            )
        return run_id

    def finish_run(self, run_id: int, report: IngestReport) -> None:
        counts = run_counts(report)
        with self._write() as cur:
            cur.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (utc_now(), counts, run_id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"no run {run_id} in the ledger {self.location}; start it with start_run()")

    def record_skips(self, run_id: int, skips: Sequence[Skip]) -> None:
        with self._write() as cur:
            if cur.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
                raise StoreError(f"no run {run_id} in the ledger {self.location}; start it with start_run()")
            first = int(
                cur.execute("SELECT COALESCE(MAX(seq), 0) FROM skips WHERE run_id = ?", (run_id,)).fetchone()[
                    0
                ]
            )
            cur.executemany(self.dialect.insert("skips", SKIP_INSERT), skip_rows(run_id, first, skips))

    def skips(self, run_id: int | None = None) -> list[Skip]:
        with self.snapshot():
            return self._skips(run_id)

    def _skips(self, run_id: int | None) -> list[Skip]:
        if run_id is None:
            run_id = self._read("SELECT MAX(id) FROM runs")[0][0]
            if run_id is None:
                return []
        rows = self._read(
            "SELECT source, reason, message, line FROM skips WHERE run_id = ? ORDER BY seq", (run_id,)
        )
        return [Skip(source, skip_reason(reason), message, line) for source, reason, message, line in rows]

    # ------------------------------------------------------------ articles
    def add_articles(self, items: Sequence[NewArticle]) -> list[AddOutcome]:
        hashes = list(dict.fromkeys(item.article.content_hash for item in items))
        now = utc_now()
        with self._write() as cur:
            stored: dict[str, str] = {}  # content hash -> article id
            for chunk in chunks(hashes):
                found = cur.execute(
                    f"SELECT content_hash, id FROM articles WHERE content_hash IN ({self._marks(chunk)})",
                    chunk,
                ).fetchall()
                stored.update(found)
            sources: dict[str, list[tuple[str, str]]] = {}  # article id -> (ref, url) already carrying it
            stored_ids = list(stored.values())
            for chunk in chunks(stored_ids):
                for article_id, ref, url in cur.execute(
                    "SELECT article_id, ref, url FROM article_sources"
                    f" WHERE article_id IN ({self._marks(chunk)})",
                    chunk,
                ):
                    sources.setdefault(article_id, []).append((ref, url))
            article_seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])
            source_seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM article_sources").fetchone()[0])

            writes = plan_additions(items, stored, sources, article_seq=article_seq, source_seq=source_seq, now=now)
            cur.executemany(self.dialect.insert("articles", ARTICLE_INSERT), writes.articles)
            cur.executemany(self.dialect.insert("article_sources", SOURCE_INSERT, " ON CONFLICT DO NOTHING"),
                            writes.sources)
            cur.executemany(self.dialect.fill_update(), writes.fills)
        return writes.outcomes

    def known_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(hashes))
        for chunk in chunks(unique):
            found.update(
                self._read(
                    f"SELECT content_hash, id FROM articles WHERE content_hash IN ({self._marks(chunk)})",
                    chunk,
                )
            )
        return found

    def article(self, key: str) -> Article | None:
        """By id, ref (any source's), URL (any source's), or unique id prefix (>= 6 chars).

        An ambiguous prefix matches nothing (None). A ref carried by several
        articles resolves to the first ingested."""
        if not key:
            return None
        with self.snapshot():
            return self._article(key)

    def _article(self, key: str) -> Article | None:
        lookups = (
            ("a.id = ?", [key]),
            ("a.id IN (SELECT article_id FROM article_sources WHERE ref = ?)", [key]),
            ("a.id IN (SELECT article_id FROM article_sources WHERE url = ?) OR a.url = ?", [key, key]),
        )
        for clause, params in lookups:
            rows = self._read(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE {clause} ORDER BY a.seq LIMIT 1", params
            )
            if rows:
                return self._with_sources(rows)[0]
        if len(key) >= 6:
            rows = self._read(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a"
                f" WHERE a.id{self.dialect.bytewise} >= ? AND a.id{self.dialect.bytewise} < ? ORDER BY a.seq LIMIT 2",
                [key, key + "\U0010ffff"],
            )
            if len(rows) == 1:
                return self._with_sources(rows)[0]
        return None

    def articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        clause, params = filter_sql(where, self.dialect)
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE {clause} AND {{after}} ORDER BY a.seq"
        page: list[Any] = []
        for row in self._pages(sql, params, ["a.seq"], where.limit if where else None):
            page.append(row)
            if len(page) == PAGE_ROWS:
                yield from self._with_sources(page)
                page = []
        yield from self._with_sources(page)

    def article_headers(self, ids: Sequence[str]) -> list[Article]:
        with self.snapshot():
            found = self._headers(ids)
        return [found[i] for i in dict.fromkeys(ids) if i in found]

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        clause, params = filter_sql(where, self.dialect)
        total = int(self._read(f"SELECT COUNT(*) FROM articles a WHERE {clause}", params)[0][0])
        return min(total, where.limit) if where is not None and where.limit is not None else total

    def article_page(self, where: ArticleFilter | None = None, *, after: Position | None = None,
                     size: int = 50) -> Page[Article]:
        clause, params = filter_sql(where, self.dialect)
        sql = f"SELECT {ARTICLE_HEADER_COLUMNS} FROM articles a WHERE {clause} AND {{after}} ORDER BY a.seq"
        with self.snapshot():
            rows, last = keyset_page(self._read, self.dialect, sql, params, ["a.seq"], after, size)
            return Page(tuple(self._with_sources(rows)), last)


    def copy_signatures(self) -> Iterator[tuple[str, str | None, bytes]]:
        sql = (
            "SELECT a.id, a.copy_group, a.signature, a.seq FROM articles a"
            " WHERE a.signature IS NOT NULL AND {after} ORDER BY a.seq"
        )
        for article_id, group, signature, _seq in self._pages(sql, [], ["a.seq"]):
            yield article_id, group, bytes(signature)

    def _with_sources(self, rows: Sequence[Any]) -> list[Article]:
        if not rows:
            return []
        ids = [row[0] for row in rows]
        refs, urls = sources_by_article(
            source
            for chunk in chunks(ids)
            for source in self._read(
                f"SELECT article_id, ref, url FROM article_sources WHERE article_id IN ({self._marks(chunk)})"
                " ORDER BY seq",
                chunk,
            )
        )
        return [article_from_row(row, refs, urls) for row in rows]

    # ------------------------------------------------------------ extraction
    def save_extractions(self, items: Sequence[Extraction]) -> None:
        """Diff ``items`` against the stored records by id and write only the difference
        (``sql.extraction_writes``): unchanged records keep their rows, a failed re-extraction
        keeps the article's records, and linked events whose members changed are marked dirty."""
        now = utc_now()
        ids = list(dict.fromkeys(item.article_id for item in items))
        with self._write() as cur:
            stored: StoredRecords = {}
            succeeded: set[str] = set()
            for chunk in chunks(ids):
                marks = self._marks(chunk)
                for table, _cls in RECORD_TABLES:
                    for aid, rid, seq, data in cur.execute(
                        f"SELECT article_id, id, seq, data FROM {table} WHERE article_id IN ({marks})", chunk
                    ):
                        stored.setdefault((aid, table), {})[rid] = (seq, data)
                succeeded.update(row[0] for row in cur.execute(
                    f"SELECT article_id FROM extractions WHERE error_reason IS NULL AND article_id IN ({marks})",
                    chunk,
                ))
            writes = extraction_writes(items, now, stored, frozenset(succeeded))
            for chunk in chunks(writes.touched):
                cur.execute(
                    "UPDATE linked_events SET dirty = 1 WHERE id IN (SELECT event_id FROM event_members"
                    f" WHERE article_id IN ({self._marks(chunk)}))",
                    chunk,
                )
            for chunk in chunks(writes.unlinked):
                cur.execute(f"DELETE FROM event_members WHERE mention_id IN ({self._marks(chunk)})", chunk)
            for table, _cls in RECORD_TABLES:
                for chunk in chunks(writes.deletes[table]):
                    cur.execute(f"DELETE FROM {table} WHERE id IN ({self._marks(chunk)})", chunk)
                cur.executemany(self.dialect.upsert(table, INSERTS[table], "id"), writes.upserts[table])
            cur.executemany(self.dialect.upsert("extractions", EXTRACTION_INSERT, "article_id"), writes.extractions)

    def extraction(self, article_id: str) -> Extraction | None:
        with self.snapshot():
            found = self._extractions_of([article_id])
        return found[0] if found else None

    def extractions(self, where: ArticleFilter | None = None) -> Iterator[Extraction]:
        clause, params = filter_sql(where, self.dialect)
        sql = (
            "SELECT a.id, a.seq FROM articles a JOIN extractions e ON e.article_id = a.id"
            f" WHERE {clause} AND {{after}} ORDER BY a.seq"
        )
        page: list[str] = []
        for article_id, _seq in self._pages(sql, params, ["a.seq"], where.limit if where else None):
            page.append(article_id)
            if len(page) == PAGE_ROWS:
                yield from self._extractions_of(page)
                page = []
        yield from self._extractions_of(page)

    def _extractions_of(self, ids: Sequence[str]) -> list[Extraction]:
        with self.snapshot():  # the records and their extraction rows from one moment
            return self._extractions_at_once(ids)

    def _extractions_at_once(self, ids: Sequence[str]) -> list[Extraction]:
        if not ids:
            return []
        marks = self.dialect.marks(len(ids))
        parts: dict[str, dict[str, list[Any]]] = {i: {table: [] for table, _ in RECORD_TABLES} for i in ids}
        for table, cls in RECORD_TABLES:
            rows = self._read(
                f"SELECT article_id, data FROM {table} WHERE article_id IN ({marks})"
                " ORDER BY article_id, seq",
                ids,
            )
            for article_id, data in rows:
                parts[article_id][table].append(record_from_data(cls, data, table))
        found: dict[str, Extraction] = {}
        for row in self._read(
            "SELECT article_id, extractor_version, error_reason, error_message, error_source, error_line,"
            " data"
            f" FROM extractions WHERE article_id IN ({marks})",
            ids,
        ):
            found[row[0]] = extraction_from_row(row, parts[row[0]])
        return [found[i] for i in ids if i in found]

    def articles_to_extract(self, extractor_version: str, *, everything: bool = False) -> Iterator[Article]:
        if everything:
            yield from self.articles()
            return
        sql = (
            f"SELECT {ARTICLE_COLUMNS} FROM articles a"
            " LEFT JOIN extractions e ON e.article_id = a.id"
            " WHERE (e.article_id IS NULL OR e.extractor_version <> ? OR e.error_reason = ?)"
            " AND {after} ORDER BY a.seq"
        )
        page: list[Any] = []
        for row in self._pages(sql, [extractor_version, SkipReason.EXTRACT_FAILED.value], ["a.seq"]):
            page.append(row)
            if len(page) == PAGE_ROWS:
                yield from self._with_sources(page)
                page = []
        yield from self._with_sources(page)

    # ------------------------------------------------------------ listings for the CLI
    def claims(
        self, where: ArticleFilter | None = None, claimant: str | None = None, side: str | None = None
    ) -> Iterator[Claim]:
        """Claims of the articles ``where`` selects; ``claimant`` is a substring of the
        claimant's name or mention (ASCII case-insensitive), ``side`` exact."""
        return self._records("claims", Claim, where, _claim_filters(self.dialect, claimant, side))

    def figures(
        self,
        where: ArticleFilter | None = None,
        measure: str | None = None,
        subject_side: str | None = None,
        claimant_side: str | None = None,
    ) -> Iterator[Figure]:
        """Figures of the articles ``where`` selects, narrowed by exact measure and sides."""
        return self._records("figures", Figure, where, _figure_filters(measure, subject_side, claimant_side))

    def events(self, where: ArticleFilter | None = None, type: str | None = None) -> Iterator[EventMention]:
        """Event mentions of the articles ``where`` selects, narrowed by exact type."""
        return self._records("events", EventMention, where, [("r.type = ?", (type,))] if type else [])

    def claim_page(self, where: ArticleFilter | None = None, *, claimant: str | None = None,
                   side: str | None = None, after: Position | None = None, size: int = 50) -> Page[Claim]:
        return self._record_page("claims", Claim, where, _claim_filters(self.dialect, claimant, side), after, size)

    def figure_page(self, where: ArticleFilter | None = None, *, measure: str | None = None,
                    subject_side: str | None = None, claimant_side: str | None = None,
                    after: Position | None = None, size: int = 50) -> Page[Figure]:
        return self._record_page("figures", Figure, where, _figure_filters(measure, subject_side, claimant_side),
                                 after, size)

    def _record_page(self, table: str, cls: type[R], where: ArticleFilter | None, extra: Iterable[tuple[str, Any]],
                     after: Position | None, size: int) -> Page[R]:
        sql, params = self._records_sql(table, where, extra)
        rows, last = keyset_page(self._read, self.dialect, sql, params, ["a.seq", "r.seq"], after, size)
        return Page(tuple(record_from_data(cls, row[0], table) for row in rows), last)

    def _records_sql(self, table: str, where: ArticleFilter | None,
                     extra: Iterable[tuple[str, Any]]) -> tuple[str, list[Any]]:
        clause, params = filter_sql(where, self.dialect)
        for sql_part, values in extra:
            clause += f" AND {sql_part}"
            params.extend(values)
        return (
            f"SELECT r.data, a.seq, r.seq FROM {table} r JOIN articles a ON a.id = r.article_id"
            f" WHERE {clause} AND {{after}} ORDER BY a.seq, r.seq"
        ), params

    def _records(
        self, table: str, cls: type[Any], where: ArticleFilter | None, extra: Iterable[tuple[str, Any]]
    ) -> Iterator[Any]:
        sql, params = self._records_sql(table, where, extra)
        for data, _a, _r in self._pages(sql, params, ["a.seq", "r.seq"]):
            yield record_from_data(cls, data, table)

    # ------------------------------------------------------------ linked events and contradictions
    def link_status(self) -> LinkStatus:
        with self.snapshot():
            version = self._read("SELECT value FROM link_state WHERE key = 'version'")
            pending = self._read(
                "SELECT COUNT(*) FROM events e WHERE NOT EXISTS"
                " (SELECT 1 FROM event_members m WHERE m.mention_id = e.id)"
            )[0][0]
            dirty = self._read("SELECT COUNT(*) FROM linked_events WHERE dirty = 1")[0][0]
        return LinkStatus(version[0][0] if version else None, int(pending), int(dirty))

    def unlinked_mentions(self, *, everything: bool = False) -> Iterator[tuple[EventMention, Article]]:
        unlinked = "" if everything else (
            " AND NOT EXISTS (SELECT 1 FROM event_members m WHERE m.mention_id = r.id)")
        sql = (
            "SELECT r.data, r.article_id, a.seq, r.seq FROM events r JOIN articles a ON a.id = r.article_id"
            f" WHERE {{after}}{unlinked} ORDER BY a.seq, r.seq"
        )
        page: list[Any] = []
        for row in self._pages(sql, [], ["a.seq", "r.seq"]):
            page.append(row)
            if len(page) == PAGE_ROWS:
                yield from self._with_headers(page)
                page = []
        yield from self._with_headers(page)

    def _with_headers(self, rows: Sequence[Any]) -> list[tuple[EventMention, Article]]:
        """(mention data, article id, ...) rows -> (mention, article metadata) pairs."""
        headers = self._headers([row[1] for row in rows])
        return [(record_from_data(EventMention, row[0], "events"), headers[row[1]]) for row in rows]

    def _headers(self, ids: Sequence[str]) -> dict[str, Article]:
        """Articles by id without their text (and without their sources' refs and URLs)."""
        found: dict[str, Article] = {}
        unique = list(dict.fromkeys(ids))
        for chunk in chunks(unique):
            for row in self._read(
                f"SELECT {ARTICLE_HEADER_COLUMNS} FROM articles a WHERE a.id IN ({self._marks(chunk)})", chunk
            ):
                article = article_from_row(row, {}, {})
                found[article.id] = article
        return found

    def linked_events(self, where: ArticleFilter | None = None) -> list[StoredEvent]:
        if where is None:
            return self._stored_events("1 = 1", [])
        clause, params = filter_sql(where, self.dialect)
        if where.limit is not None:
            clause += (f" AND a.id IN (SELECT a.id FROM articles a WHERE {clause}"
                       f" ORDER BY a.seq LIMIT {int(where.limit)})")
            params = params + params
        return self._stored_events(
            "l.id IN (SELECT m.event_id FROM event_members m JOIN articles a ON a.id = m.article_id"
            f" WHERE {clause})", params)

    def event_candidates(self, blocks: Sequence[EventBlock]) -> list[StoredEvent]:
        if not blocks:
            return []
        with self.snapshot():
            ids: set[str] = set()
            for block in dict.fromkeys(blocks):
                if block.days is None and block.published is None:
                    rows = self._read("SELECT id FROM linked_events WHERE kind = ?", [block.kind])
                else:
                    rows = []
                    if block.days is not None:
                        rows += self._read("SELECT id FROM linked_events WHERE kind = ? AND day BETWEEN ? AND ?",
                                           [block.kind, *block.days])
                    if block.published is not None:
                        rows += self._read(
                            "SELECT id FROM linked_events WHERE kind = ? AND day IS NULL"
                            " AND first_published <= ? AND last_published >= ?",
                            [block.kind, block.published[1], block.published[0]])
                ids.update(row[0] for row in rows)
            return self._events_by_id(sorted(ids))

    def _events_by_id(self, ids: Sequence[str]) -> list[StoredEvent]:
        found: list[tuple[int, StoredEvent]] = []
        for chunk in chunks(list(ids)):
            found += self._numbered_events(f"l.id IN ({self._marks(chunk)})", list(chunk))
        return [event for _seq, event in sorted(found, key=lambda pair: pair[0])]

    def dirty_events(self) -> list[StoredEvent]:
        return self._stored_events("l.dirty = 1", [])

    def _stored_events(self, clause: str, params: Sequence[Any]) -> list[StoredEvent]:
        return [event for _seq, event in self._numbered_events(clause, params)]

    def _numbered_events(self, clause: str, params: Sequence[Any]) -> list[tuple[int, StoredEvent]]:
        """(creation seq, event) of the linked events ``clause`` (over alias ``l``) selects, in seq order."""
        with self.snapshot():
            heads = self._read(f"SELECT l.id, l.kind, l.day, l.seq, l.status FROM linked_events l WHERE {clause}"
                               " ORDER BY l.seq", params)
            members: dict[str, list[tuple[str, str]]] = {head[0]: [] for head in heads}
            for chunk in chunks([head[0] for head in heads]):
                for event_id, data, article_id in self._read(
                    "SELECT m.event_id, e.data, m.article_id FROM event_members m JOIN events e ON e.id = m.mention_id"
                    f" WHERE m.event_id IN ({self._marks(chunk)}) ORDER BY m.event_id, m.seq",
                    chunk,
                ):
                    members[event_id].append((data, article_id))
            headers = self._headers([a for pairs in members.values() for _, a in pairs])
        return [
            (int(seq), StoredEvent(event_id, kind, day, tuple(
                (record_from_data(EventMention, data, "events"), headers[article_id])
                for data, article_id in members[event_id]), status))
            for event_id, kind, day, seq, status in heads
        ]

    def taken_event_ids(self, ids: Sequence[str]) -> set[str]:
        taken: set[str] = set()
        for chunk in chunks(list(dict.fromkeys(ids))):
            taken.update(row[0] for row in self._read(
                f"SELECT id FROM linked_events WHERE id IN ({self._marks(chunk)})", chunk))
        return taken

    def figures_of_mentions(self, mention_ids: Sequence[str]) -> list[Figure]:
        return self._of_mentions(Figure, "figures", mention_ids)

    def claims_of_mentions(self, mention_ids: Sequence[str]) -> list[Claim]:
        return self._of_mentions(Claim, "claims", mention_ids)

    def _of_mentions(self, cls: type[R], table: str, mention_ids: Sequence[str]) -> list[R]:
        """The records of ``table`` attached to these event mentions, by article and order."""
        found: list[R] = []
        with self.snapshot():
            for chunk in chunks(list(dict.fromkeys(mention_ids))):
                found += [record_from_data(cls, row[0], table) for row in self._read(
                    f"SELECT data FROM {table} WHERE event_id IN ({self._marks(chunk)}) ORDER BY article_id, seq",
                    chunk)]
        return found

    def save_links(self, events: Sequence[EventWrite], version: str, *, replace_all: bool = False) -> None:
        with self._write() as cur:
            if replace_all:
                cur.execute("DELETE FROM contradictions")
                cur.execute("DELETE FROM figure_status")
                cur.execute("DELETE FROM event_members")
                cur.execute("DELETE FROM linked_events")
            cur.execute("DELETE FROM linked_events WHERE dirty = 1 AND NOT EXISTS"
                        " (SELECT 1 FROM event_members m WHERE m.event_id = linked_events.id)")
            seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM linked_events").fetchone()[0])
            member_seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM event_members").fetchone()[0])
            for event in events:
                exists = cur.execute("SELECT 1 FROM linked_events WHERE id = ?", (event.id,)).fetchone()
                if exists:
                    cur.execute("UPDATE linked_events SET first_published = ?, last_published = ?, dirty = 0,"
                                " status = ? WHERE id = ?",
                                (event.first_published, event.last_published, event.status, event.id))
                else:
                    seq += 1
                    cur.execute(self.dialect.insert("linked_events", LINKED_EVENT_INSERT),
                                (event.id, seq, event.kind, event.day, event.first_published, event.last_published, 0,
                                 event.status))
                rows = []
                for mention_id, article_id in event.members:
                    member_seq += 1
                    rows.append((mention_id, event.id, article_id, member_seq))
                cur.executemany(self.dialect.insert("event_members", MEMBER_INSERT, " ON CONFLICT DO NOTHING"), rows)
                cur.execute("DELETE FROM contradictions WHERE event_id = ?", (event.id,))
                cur.executemany(self.dialect.insert("contradictions", CONTRADICTION_INSERT), [
                    (c.id, event.id, n, c.kind, dumps(to_dict(c))) for n, c in enumerate(event.contradictions, 1)])
                cur.execute("DELETE FROM figure_status WHERE event_id = ?", (event.id,))
                cur.executemany(self.dialect.insert("figure_status", FIGURE_STATUS_INSERT),
                                [(event.id, figure_id, status) for figure_id, status in event.figure_status])
            for chunk in chunks([event.id for event in events]):  # a member another writer took first
                cur.execute(f"DELETE FROM linked_events WHERE id IN ({self._marks(chunk)}) AND NOT EXISTS"
                            " (SELECT 1 FROM event_members m WHERE m.event_id = linked_events.id)", chunk)
            cur.execute("UPDATE linked_events SET dirty = 0 WHERE dirty = 1")
            cur.execute(self.dialect.upsert("link_state", ("key", "value"), "key"), ("version", version))

    def contradictions(self, where: ArticleFilter | None = None) -> list[Contradiction]:
        with self.snapshot():
            if where is None:
                rows = self._read("SELECT c.data FROM contradictions c JOIN linked_events l ON l.id = c.event_id"
                                  " ORDER BY l.seq, c.seq")
            else:
                ids = [e.id for e in self.linked_events(where)]
                rows = []
                for chunk in chunks(ids):
                    rows += self._read(
                        "SELECT c.data FROM contradictions c JOIN linked_events l ON l.id = c.event_id"
                        f" WHERE c.event_id IN ({self._marks(chunk)}) ORDER BY l.seq, c.seq", chunk)
        return [record_from_data(Contradiction, row[0], "contradictions") for row in rows]

    def figure_statuses(self, where: ArticleFilter | None = None) -> dict[str, str]:
        with self.snapshot():
            if where is None:
                return dict(self._read("SELECT figure_id, status FROM figure_status"))
            found: dict[str, str] = {}
            for chunk in chunks([e.id for e in self.linked_events(where)]):
                found.update(self._read("SELECT figure_id, status FROM figure_status"
                                        f" WHERE event_id IN ({self._marks(chunk)})", chunk))
        return found

    def ids(self, table: Literal["articles", "linked_events"]) -> list[str]:
        if table not in ("articles", "linked_events"):
            raise ValueError(f"no ids of {table!r}")
        return [row[0] for row in self._read(f"SELECT id FROM {table}")]

    def stats(self) -> LedgerStats:
        with self.snapshot():
            return self._stats()

    def _stats(self) -> LedgerStats:
        def scalar(sql: str) -> Any:
            return self._read(sql)[0][0]

        def counted(sql: str) -> dict[str, int]:
            return {str(key if key is not None else "unknown"): int(n) for key, n in self._read(sql)}

        return LedgerStats(
            articles=int(scalar("SELECT COUNT(*) FROM articles")),
            sources=int(scalar("SELECT COUNT(*) FROM article_sources")),
            copy_groups=int(
                scalar(
                    "SELECT COUNT(*) FROM (SELECT copy_group FROM articles WHERE copy_group IS NOT NULL"
                    " GROUP BY copy_group HAVING COUNT(*) >= 2) g"
                )
            ),
            outlets=counted(
                "SELECT outlet, COUNT(*) FROM articles GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
            ),
            languages=counted(
                "SELECT language, COUNT(*) FROM articles GROUP BY language ORDER BY COUNT(*) DESC"
            ),
            skips=counted("SELECT reason, COUNT(*) FROM skips GROUP BY reason ORDER BY COUNT(*) DESC"),
            claims=int(scalar("SELECT COUNT(*) FROM claims")),
            figures=int(scalar("SELECT COUNT(*) FROM figures")),
            events=int(scalar("SELECT COUNT(*) FROM events")),
            extracted=int(scalar("SELECT COUNT(*) FROM extractions WHERE error_reason IS NULL")),
            extraction_failures=int(
                scalar("SELECT COUNT(*) FROM extractions WHERE error_reason IS NOT NULL")
            ),
            schema_version=self.schema_version,
            first_published=scalar("SELECT MIN(published) FROM articles"),
            last_published=scalar("SELECT MAX(published) FROM articles"),
        )


    # ------------------------------------------------------------ analysts' corrections
    def add_correction(self, correction: Correction, dirty: Sequence[str] = ()) -> Correction:
        with self._write() as cur:
            number = int(cur.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM corrections").fetchone()[0])
            stored = replace(correction, id=number, at=utc_now(), undone_by=None, state="active")
            cur.execute(self.dialect.insert("corrections", CORRECTION_INSERT), correction_row(stored))
            if stored.undoes is not None:
                cur.execute("UPDATE corrections SET undone_by = ? WHERE id = ? AND undone_by IS NULL"
                            " AND kind <> 'undo'", (number, stored.undoes))
                if cur.rowcount != 1:
                    raise CorrectionError(f"correction #{stored.undoes} cannot be undone: it is unknown, already"
                                          " undone or an undo itself; list them with Ledger.corrections()",
                                          code="CL504")
            for table, ids in record_tables(dirty).items():
                if table == "events":
                    continue
                for chunk in chunks(ids):
                    cur.execute(
                        "UPDATE linked_events SET dirty = 1 WHERE id IN (SELECT m.event_id FROM event_members m"
                        f" WHERE m.mention_id IN (SELECT event_id FROM {table}"
                        f" WHERE id IN ({self._marks(chunk)})))", chunk)
        return stored

    def corrections(self) -> list[Correction]:
        rows = self._read(f"SELECT {CORRECTION_COLUMNS} FROM corrections ORDER BY id")
        return [correction_from_row(row) for row in rows]

    def existing_records(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        with self.snapshot():
            for table, wanted in record_tables(ids).items():
                for chunk in chunks(wanted):
                    found.update(row[0] for row in self._read(
                        f"SELECT id FROM {table} WHERE id IN ({self._marks(chunk)})", chunk))
        return found

    # ------------------------------------------------------------ official tallies
    def save_tally_series(self, series: TallySeries) -> None:
        """Store a series in ONE transaction, replacing a stored one of the same name."""
        rows = [(series.name, day.day, dumps(day.values)) for day in series.days]
        with self._write() as cur:
            cur.execute("DELETE FROM tally_days WHERE series = ?", (series.name,))
            cur.execute("DELETE FROM tally_series WHERE name = ?", (series.name,))
            cur.execute(self.dialect.insert("tally_series", TALLY_SERIES_COLUMNS),
                        (series.name, series.tally, series.source, series.role, series.origin or None,
                         series.imported_at or utc_now()))
            cur.executemany(self.dialect.insert("tally_days", ("series", "day", "data")), rows)

    def tally_series(self) -> list[TallySeries]:
        with self.snapshot():
            heads = self._read(f"SELECT {', '.join(TALLY_SERIES_COLUMNS)} FROM tally_series ORDER BY name")
            days = self._read("SELECT series, day, data FROM tally_days ORDER BY series, day")
        return tally_series_from_rows(heads, days)


# ---------------------------------------------------------------- helpers
def _claim_filters(dialect: Dialect, claimant: str | None, side: str | None) -> list[tuple[str, Any]]:
    """Claims' filters over alias ``r``: part of the claimant's name or mention, its side."""
    extra: list[tuple[str, Any]] = []
    if claimant:
        pattern = like_pattern(claimant)
        extra.append((dialect.contains(["r.claimant_name", "r.claimant_mention"]), (pattern, pattern)))
    if side:
        extra.append(("r.claimant_side = ?", (side,)))
    return extra


def _figure_filters(measure: str | None, subject_side: str | None,
                    claimant_side: str | None) -> list[tuple[str, Any]]:
    """Figures' filters over alias ``r``: exact measure and sides."""
    chosen = (("measure", measure), ("subject_side", subject_side), ("claimant_side", claimant_side))
    return [(f"r.{column} = ?", (value,)) for column, value in chosen if value]


