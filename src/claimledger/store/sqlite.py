"""The SQLite ledger: the embedded default backend of ``Store``.

One file, WAL journal: one writer at a time, readers never block it. Every
write method is exactly one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``).
The schema comes from the numbered files in ``migrations/``, applied in order,
each in its own transaction, and recorded in ``schema_migrations``.

SQLite-only details live here and nowhere else: the PRAGMAs, ``LIKE``'s
ASCII-only case folding (a non-ASCII text filter goes through a registered
``casefold`` function instead), and the header check that refuses a file that
is not a SQLite database before SQLite touches it.

Listings page through the ledger with keyset queries (``seq > ?``), so they
use constant memory, hold no read transaction between pages, and the caller
may write to the store while it iterates.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import SchemaError, StoreError
from ..records import (
    Article,
    ArticleFilter,
    Claim,
    EventMention,
    Extraction,
    Figure,
    IngestReport,
    PlaceMention,
    Skip,
    SkipReason,
    TimeExpression,
)
from .base import AddOutcome, LedgerStats, NewArticle
from .codec import CODE_BAD_DATA, from_dict, to_dict

CODE_NOT_A_LEDGER = "CL303"
CODE_WRITE_FAILED = "CL304"
SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_ROWS = 500  # rows per keyset page in listings
IN_CHUNK = 500  # values per IN (...) list
MIGRATION_NAME = re.compile(r"^(\d{4})_[A-Za-z0-9_]+\.sql$")

_ARTICLE_FIELDS = (
    "a.id, a.ref, a.url, a.outlet, a.title, a.published, a.language, a.text, a.content_hash,"
    " a.ingested_at, a.source, a.copy_group, a.flags"
)
_ARTICLE_COLUMNS = _ARTICLE_FIELDS + ", a.seq"  # rows for _with_sources end with the seq


def migrations() -> list[tuple[int, str]]:
    """The bundled schema migrations as (version, SQL), in order."""
    found: list[tuple[int, str]] = []
    for entry in (resources.files("claimledger.store") / "migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def version_key(version: str) -> tuple[int, ...]:
    """``"0.1.10"`` -> ``(0, 1, 10)``: extractor versions compare as tuples of ints."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _casefold_contains(title: str | None, text: str | None, needle: str) -> int:
    folded = needle.casefold()
    return int(folded in (title or "").casefold() or folded in (text or "").casefold())


def _like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _split_statements(script: str) -> list[str]:
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if any(line.strip() and not line.strip().startswith("--") for line in buffer.splitlines()):
        statements.append(buffer.strip())  # a last statement without its semicolon
    return statements


class SQLiteStore:
    """A ledger in one SQLite file. ``SQLiteStore(path)`` creates or opens it.

    Raises ``StoreError`` when the file cannot be opened or is not a ledger
    (the file is then left untouched), ``SchemaError`` when it was written by
    a newer claimledger.
    """

    schema_version: int

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn = self._connect(busy_timeout_ms)
        try:
            self.schema_version = self._migrate()
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------ opening
    def _connect(self, busy_timeout_ms: int) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise StoreError(
                f"{path} is a directory; give the ledger a file name, e.g. {path / 'claimledger.db'}"
            )
        try:
            if path.exists() and path.stat().st_size > 0:
                with path.open("rb") as handle:
                    header = handle.read(len(SQLITE_HEADER))
                if header != SQLITE_HEADER:
                    raise StoreError(
                        f"{path} is not a SQLite database, so it cannot be a ledger; "
                        "it was left untouched: pass another path with --db",
                        code=CODE_NOT_A_LEDGER,
                    )
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the ledger {path}: {exc}; check the path and its permissions"
            ) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reads the header: a real database?
            conn.create_function("cl_casefold_contains", 3, _casefold_contains, deterministic=True)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(
                f"cannot open the ledger {path}: {exc}; is it a claimledger ledger?", code=CODE_NOT_A_LEDGER
            ) from exc
        return conn

    def _migrate(self) -> int:
        known = migrations()
        latest = known[-1][0] if known else 0
        tables = {row[0] for row in self._read("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_migrations" not in tables and tables:
            raise StoreError(
                f"{self.path} is a SQLite database but not a claimledger ledger (it has tables "
                f"{', '.join(sorted(tables)[:5])}); it was left untouched: pass another path with --db",
                code=CODE_NOT_A_LEDGER,
            )
        current = self._current_version() if tables else 0
        if current > latest:
            raise SchemaError(
                f"the ledger {self.path} has schema version {current}, newer than this claimledger "
                f"understands ({latest}); upgrade claimledger to open it"
            )
        # only now, once it is ours (or empty), may the file change: WAL rewrites the header
        self._read("PRAGMA journal_mode = WAL")
        self._read("PRAGMA synchronous = NORMAL")
        for version, script in known:
            if version <= current:
                continue
            with self._write() as cur:
                cur.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                if self._current_version(cur) >= version:  # another process got there first
                    continue
                for statement in _split_statements(script):
                    cur.execute(statement)
                cur.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", (version, _now())
                )
        return max(current, self._current_version())

    def _current_version(self, cur: sqlite3.Cursor | None = None) -> int:
        sql = "SELECT MAX(version) FROM schema_migrations"
        row = cur.execute(sql).fetchone() if cur is not None else self._read(sql)[0]
        return int(row[0] or 0)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        """One write transaction; any failure rolls it back and raises StoreError."""
        with self._lock:
            try:
                cur = self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(
                    f"cannot write to the ledger {self.path}: {exc}; another process may be writing to it",
                    code=CODE_WRITE_FAILED,
                ) from exc
            try:
                yield cur
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error | UnicodeEncodeError | OverflowError):
                    raise StoreError(
                        f"writing to the ledger {self.path} failed: {_what(exc)}", code=CODE_WRITE_FAILED
                    ) from exc
                raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except (sqlite3.Error, UnicodeEncodeError, OverflowError) as exc:
                raise StoreError(f"reading the ledger {self.path} failed: {_what(exc)}") from exc

    def _pages(
        self, sql: str, params: Sequence[Any], keys: Sequence[str], limit: int | None = None
    ) -> Iterator[Any]:
        """Keyset paging. ``sql`` has ``{after}`` in its WHERE and ends with ORDER BY keys;
        each row's last ``len(keys)`` columns are its key."""
        last: tuple[Any, ...] | None = None
        left = limit
        while left is None or left > 0:
            size = PAGE_ROWS if left is None else min(PAGE_ROWS, left)
            if last is None:
                after, args = "1 = 1", list(params)
            else:
                after = f"({', '.join(keys)}) > ({_marks(len(keys))})"
                args = [*params, *last]
            rows = self._read(f"{sql.format(after=after)} LIMIT ?", [*args, size])
            yield from rows
            if len(rows) < size:
                return
            last = tuple(rows[-1][-len(keys) :])
            if left is not None:
                left -= len(rows)

    @staticmethod
    def _filter_sql(where: ArticleFilter | None) -> tuple[str, list[Any]]:
        """The WHERE clauses (over alias ``a``) for an ArticleFilter, without its limit."""
        if where is None:
            return "1 = 1", []
        clauses: list[str] = []
        params: list[Any] = []
        if where.outlet is not None:
            clauses.append("a.outlet_key = ?")
            params.append(where.outlet.casefold())
        if where.language is not None:
            clauses.append("a.language = ?")
            params.append(where.language)
        if where.since is not None:
            clauses.append("a.published_day >= ?")
            params.append(where.since[:10])
        if where.until is not None:
            clauses.append("a.published_day <= ?")
            params.append(where.until[:10])
        if where.copy_group is not None:
            clauses.append("a.copy_group = ?")
            params.append(where.copy_group)
        if where.ids:
            clauses.append(f"a.id IN ({_marks(len(where.ids))})")
            params.extend(where.ids)
        if where.text:
            if where.text.isascii():  # LIKE folds ASCII case only, and is fast
                clauses.append("(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')")
                params.extend([_like_pattern(where.text)] * 2)
            else:
                clauses.append("cl_casefold_contains(a.title, a.text, ?) = 1")
                params.append(where.text)
        return (" AND ".join(clauses) or "1 = 1"), params

    # ------------------------------------------------------------ runs and skips
    def start_run(self, command: str) -> int:
        with self._write() as cur:
            run_id = int(cur.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM runs").fetchone()[0])
            cur.execute(
                "INSERT INTO runs (id, command, started_at) VALUES (?, ?, ?)", (run_id, command, _now())
            )
        return run_id

    def finish_run(self, run_id: int, report: IngestReport) -> None:
        counts = {
            "ingested": report.ingested,
            "duplicates": report.duplicates,
            "copies": report.copies,
            "skipped": len(report.skipped),
            "skipped_by_reason": report.skipped_by_reason(),
        }
        with self._write() as cur:
            cur.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (_now(), json.dumps(counts), run_id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"no run {run_id} in the ledger {self.path}; start it with start_run()")

    def record_skips(self, run_id: int, skips: Sequence[Skip]) -> None:
        with self._write() as cur:
            if cur.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
                raise StoreError(f"no run {run_id} in the ledger {self.path}; start it with start_run()")
            first = int(
                cur.execute("SELECT COALESCE(MAX(seq), 0) FROM skips WHERE run_id = ?", (run_id,)).fetchone()[
                    0
                ]
            )
            cur.executemany(
                "INSERT INTO skips (run_id, seq, source, reason, message, line) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (run_id, first + i, s.source, s.reason.value, s.message, s.line)
                    for i, s in enumerate(skips, 1)
                ],
            )

    def skips(self, run_id: int | None = None) -> list[Skip]:
        if run_id is None:
            run_id = self._read("SELECT MAX(id) FROM runs")[0][0]
            if run_id is None:
                return []
        rows = self._read(
            "SELECT source, reason, message, line FROM skips WHERE run_id = ? ORDER BY seq", (run_id,)
        )
        return [Skip(source, _skip_reason(reason), message, line) for source, reason, message, line in rows]

    # ------------------------------------------------------------ articles
    def add_articles(self, items: Sequence[NewArticle]) -> list[AddOutcome]:
        hashes = list(dict.fromkeys(item.article.content_hash for item in items))
        now = _now()
        with self._write() as cur:
            stored: dict[str, str] = {}  # content hash -> article id
            for chunk in _chunks(hashes):
                found = cur.execute(
                    f"SELECT content_hash, id FROM articles WHERE content_hash IN ({_marks(len(chunk))})",
                    chunk,
                ).fetchall()
                stored.update(found)
            sources: dict[str, list[tuple[str, str]]] = {}  # article id -> (ref, url) already carrying it
            stored_ids = list(stored.values())
            for chunk in _chunks(stored_ids):
                for article_id, ref, url in cur.execute(
                    "SELECT article_id, ref, url FROM article_sources"
                    f" WHERE article_id IN ({_marks(len(chunk))})",
                    chunk,
                ):
                    sources.setdefault(article_id, []).append((ref, url))
            article_seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])
            source_seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM article_sources").fetchone()[0])

            outcomes: list[AddOutcome] = []
            new_articles: dict[str, NewArticle] = {}  # content hash -> item, in input order
            new_sources: list[tuple[Any, ...]] = []
            fills: list[tuple[Any, ...]] = []
            for item in items:
                article = item.article
                key = (article.ref or "", article.url or "")
                article_id = stored.get(article.content_hash)
                if article_id is None:
                    article_id = article.id
                    stored[article.content_hash] = article_id
                    new_articles[article.content_hash] = item
                    status = "new"
                elif _carried(sources.get(article_id, []), key):
                    outcomes.append(AddOutcome(article_id, "known"))
                    continue
                else:
                    status = "duplicate"
                    first = new_articles.get(article.content_hash)
                    if first is not None:
                        merged = _filled(first.article, article)
                        new_articles[article.content_hash] = replace(first, article=merged)
                    else:
                        fills.append((article.outlet, _outlet_key(article.outlet), article.published,
                                      _day(article.published), article.title, article_id))
                sources.setdefault(article_id, []).append(key)
                source_seq += 1
                new_sources.append((article_id, source_seq, *key, article.source, article.outlet, now))
                outcomes.append(AddOutcome(article_id, status))

            rows: list[tuple[Any, ...]] = []
            for item in new_articles.values():
                a = item.article
                article_seq += 1
                rows.append((a.id, article_seq, a.content_hash, a.ref, a.url, a.outlet, _outlet_key(a.outlet),
                             a.title, a.published, _day(a.published), a.language, a.text, a.ingested_at,
                             a.source, a.copy_group, _dumps(list(a.flags)), item.signature))
            cur.executemany(
                "INSERT INTO articles (id, seq, content_hash, ref, url, outlet, outlet_key, title, published,"
                " published_day, language, text, ingested_at, source, copy_group, flags, signature)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            cur.executemany(
                "INSERT INTO article_sources (article_id, seq, ref, url, source, outlet, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                new_sources,
            )
            cur.executemany(
                "UPDATE articles SET outlet = COALESCE(outlet, ?),"
                " outlet_key = COALESCE(outlet_key, ?),"
                " published = COALESCE(published, ?), published_day = COALESCE(published_day, ?),"
                " title = COALESCE(title, ?) WHERE id = ?",
                fills,
            )
        return outcomes

    def known_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(hashes))
        for chunk in _chunks(unique):
            found.update(
                self._read(
                    f"SELECT content_hash, id FROM articles WHERE content_hash IN ({_marks(len(chunk))})",
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
        lookups = (
            ("a.id = ?", [key]),
            ("a.id IN (SELECT article_id FROM article_sources WHERE ref = ?)", [key]),
            ("a.id IN (SELECT article_id FROM article_sources WHERE url = ?) OR a.url = ?", [key, key]),
        )
        for clause, params in lookups:
            rows = self._read(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE {clause} ORDER BY a.seq LIMIT 1", params
            )
            if rows:
                return self._with_sources(rows)[0]
        if len(key) >= 6:
            rows = self._read(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a"
                " WHERE a.id >= ? AND a.id < ? ORDER BY a.seq LIMIT 2",
                [key, key + "\U0010ffff"],
            )
            if len(rows) == 1:
                return self._with_sources(rows)[0]
        return None

    def articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        clause, params = self._filter_sql(where)
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE {clause} AND {{after}} ORDER BY a.seq"
        page: list[Any] = []
        for row in self._pages(sql, params, ["a.seq"], where.limit if where else None):
            page.append(row)
            if len(page) == PAGE_ROWS:
                yield from self._with_sources(page)
                page = []
        yield from self._with_sources(page)

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        clause, params = self._filter_sql(where)
        total = int(self._read(f"SELECT COUNT(*) FROM articles a WHERE {clause}", params)[0][0])
        return min(total, where.limit) if where is not None and where.limit is not None else total

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
        refs: dict[str, list[str]] = {}
        urls: dict[str, list[str]] = {}
        ids = [row[0] for row in rows]
        for chunk in _chunks(ids):
            for article_id, ref, url in self._read(
                f"SELECT article_id, ref, url FROM article_sources WHERE article_id IN ({_marks(len(chunk))})"
                " ORDER BY seq",
                chunk,
            ):
                if ref and ref not in refs.setdefault(article_id, []):
                    refs[article_id].append(ref)
                if url and url not in urls.setdefault(article_id, []):
                    urls[article_id].append(url)
        articles = []
        for row in rows:
            aid, ref, url, outlet, title, published, language, text, chash, at, src, group, flags = row[:13]
            articles.append(Article(
                aid, ref, url, outlet, title, published, language, text, chash, at, src,
                refs=tuple(refs.get(aid, ())), urls=tuple(urls.get(aid, ())), copy_group=group,
                flags=tuple(_json(flags, "articles.flags")),
            ))
        return articles

    # ------------------------------------------------------------ extraction
    def save_extractions(self, items: Sequence[Extraction]) -> None:
        now = _now()
        ids = list(dict.fromkeys(item.article_id for item in items))
        latest = {item.article_id: item for item in items}  # the last one of an article wins
        with self._write() as cur:
            for table in ("claims", "figures", "events", "extractions"):
                for chunk in _chunks(ids):
                    cur.execute(f"DELETE FROM {table} WHERE article_id IN ({_marks(len(chunk))})", chunk)
            extraction_rows, claim_rows, figure_rows, event_rows = [], [], [], []
            for item in latest.values():
                error = item.error
                places = [to_dict(p) for p in item.places]
                places_times = {"places": places, "times": [to_dict(t) for t in item.times]}
                extraction_rows.append((item.article_id, item.extractor_version, now,
                                        error.reason.value if error else None,
                                        error.message if error else None,
                                        error.source if error else None, error.line if error else None,
                                        _dumps(places_times)))
                aid = item.article_id
                claim_rows += [(aid, seq, c.id, c.event_id, c.claimant.name, c.claimant.mention,
                                c.claimant.side, c.mode, _dumps(to_dict(c)))
                               for seq, c in enumerate(item.claims, 1)]
                figure_rows += [(aid, seq, f.id, f.claim_id, f.event_id, f.measure, f.subject_side,
                                 f.claimant.side,
                                 _dumps(to_dict(f))) for seq, f in enumerate(item.figures, 1)]
                event_rows += [(aid, seq, e.id, e.type, e.date_start, _dumps(to_dict(e)))
                               for seq, e in enumerate(item.events, 1)]
            cur.executemany(
                "INSERT INTO extractions (article_id, extractor_version, extracted_at, error_reason,"
                " error_message, error_source, error_line, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                extraction_rows,
            )
            cur.executemany(
                "INSERT INTO claims (article_id, seq, id, event_id, claimant_name, claimant_mention,"
                " claimant_side, mode, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                claim_rows,
            )
            cur.executemany(
                "INSERT INTO figures (article_id, seq, id, claim_id, event_id, measure, subject_side,"
                " claimant_side, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                figure_rows,
            )
            cur.executemany(
                "INSERT INTO events (article_id, seq, id, type, date_start, data) VALUES (?, ?, ?, ?, ?, ?)",
                event_rows,
            )

    def extraction(self, article_id: str) -> Extraction | None:
        found = self._extractions_of([article_id])
        return found[0] if found else None

    def extractions(self, where: ArticleFilter | None = None) -> Iterator[Extraction]:
        clause, params = self._filter_sql(where)
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
        if not ids:
            return []
        marks = _marks(len(ids))
        parts: dict[str, dict[str, list[Any]]] = {i: {"claims": [], "figures": [], "events": []} for i in ids}
        kinds: tuple[tuple[str, type[Any]], ...] = (
            ("claims", Claim),
            ("figures", Figure),
            ("events", EventMention),
        )
        for table, cls in kinds:
            rows = self._read(
                f"SELECT article_id, data FROM {table} WHERE article_id IN ({marks})"
                " ORDER BY article_id, seq",
                ids,
            )
            for article_id, data in rows:
                parts[article_id][table].append(from_dict(cls, _json(data, table)))
        found: dict[str, Extraction] = {}
        for article_id, version, reason, message, source, line, data in self._read(
            "SELECT article_id, extractor_version, error_reason, error_message, error_source, error_line,"
            " data"
            f" FROM extractions WHERE article_id IN ({marks})",
            ids,
        ):
            extra = _json(data, "extractions.data")
            error = None
            if reason is not None:
                error = Skip(article_id if source is None else source, _skip_reason(reason), message or "", line)
            found[article_id] = Extraction(
                article_id=article_id,
                extractor_version=version,
                claims=tuple(parts[article_id]["claims"]),
                figures=tuple(parts[article_id]["figures"]),
                events=tuple(parts[article_id]["events"]),
                places=tuple(from_dict(PlaceMention, p) for p in extra.get("places", [])),
                times=tuple(from_dict(TimeExpression, t) for t in extra.get("times", [])),
                error=error,
            )
        return [found[i] for i in ids if i in found]

    def articles_to_extract(self, extractor_version: str, *, everything: bool = False) -> Iterator[Article]:
        if everything:
            yield from self.articles()
            return
        target = version_key(extractor_version)
        sql = (
            f"SELECT {_ARTICLE_FIELDS}, e.extractor_version, a.seq FROM articles a"
            " LEFT JOIN extractions e ON e.article_id = a.id"
            " WHERE (e.article_id IS NULL OR e.extractor_version <> ?) AND {after} ORDER BY a.seq"
        )
        page: list[Any] = []
        for row in self._pages(sql, [extractor_version], ["a.seq"]):
            if row[-2] is None or version_key(row[-2]) < target:
                page.append((*row[:-2], row[-1]))
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
        extra: list[tuple[str, Any]] = []
        if claimant:
            pattern = _like_pattern(claimant)
            extra.append(
                (
                    "(r.claimant_name LIKE ? ESCAPE '\\' OR r.claimant_mention LIKE ? ESCAPE '\\')",
                    (pattern, pattern),
                )
            )
        if side:
            extra.append(("r.claimant_side = ?", (side,)))
        return self._records("claims", Claim, where, extra)

    def figures(
        self,
        where: ArticleFilter | None = None,
        measure: str | None = None,
        subject_side: str | None = None,
        claimant_side: str | None = None,
    ) -> Iterator[Figure]:
        """Figures of the articles ``where`` selects, narrowed by exact measure and sides."""
        extra = [
            (f"r.{column} = ?", (value,))
            for column, value in (
                ("measure", measure),
                ("subject_side", subject_side),
                ("claimant_side", claimant_side),
            )
            if value
        ]
        return self._records("figures", Figure, where, extra)

    def events(self, where: ArticleFilter | None = None, type: str | None = None) -> Iterator[EventMention]:
        """Event mentions of the articles ``where`` selects, narrowed by exact type."""
        return self._records("events", EventMention, where, [("r.type = ?", (type,))] if type else [])

    def _records(
        self, table: str, cls: type[Any], where: ArticleFilter | None, extra: Iterable[tuple[str, Any]]
    ) -> Iterator[Any]:
        clause, params = self._filter_sql(where)
        for sql_part, values in extra:
            clause += f" AND {sql_part}"
            params.extend(values)
        sql = (
            f"SELECT r.data, a.seq, r.seq FROM {table} r JOIN articles a ON a.id = r.article_id"
            f" WHERE {clause} AND {{after}} ORDER BY a.seq, r.seq"
        )
        for data, _a, _r in self._pages(sql, params, ["a.seq", "r.seq"]):
            yield from_dict(cls, _json(data, table))

    def stats(self) -> LedgerStats:
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


# ---------------------------------------------------------------- helpers
def _carried(sources: list[tuple[str, str]], key: tuple[str, str]) -> bool:
    """Is this (ref, url) already a source? Same ref (or, without a ref, same URL)."""
    ref, url = key
    if ref:
        return any(ref == known_ref for known_ref, _ in sources)
    return any(not known_ref and url == known_url for known_ref, known_url in sources)


def _filled(first: Article, later: Article) -> Article:
    """``first`` with its missing outlet, published and title taken from ``later``."""
    return replace(
        first,
        outlet=first.outlet if first.outlet is not None else later.outlet,
        published=first.published if first.published is not None else later.published,
        title=first.title if first.title is not None else later.title,
    )


def _day(published: str | None) -> str | None:
    return published[:10] if published else None


def _outlet_key(outlet: str | None) -> str | None:
    return outlet.casefold() if outlet is not None else None


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"stored JSON in {where} is damaged: {exc}", code=CODE_BAD_DATA) from exc


def _what(exc: BaseException) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return "the text holds unpaired surrogate characters, which cannot be stored; decode the input properly"
    if isinstance(exc, OverflowError):
        return "a whole number is too large to store (over 64 bits)"
    return str(exc)


def _skip_reason(value: str) -> SkipReason:
    try:
        return SkipReason(value)
    except ValueError:
        return SkipReason.UNSUPPORTED  # a reason this version does not know: keep the row readable
