"""The SQLite ledger: the embedded default backend of ``Store``.

One file, WAL journal: one writer at a time, readers never block it. Every
write method is exactly one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``).
The schema comes from the numbered files in ``migrations/``, applied in order,
each in its own transaction, and recorded in ``schema_migrations``.

SQLite-only details live here and nowhere else: the PRAGMAs, ``LIKE``'s
ASCII-only case folding (a non-ASCII text filter goes through a registered
``casefold`` function instead), and the header check that refuses a file that
is not a SQLite database before SQLite touches it, and FTS5 search. What any
backend shares is in ``relational.py`` (the methods of ``Store``) and ``sql.py``
(SQL building, migration discovery, the dedup rules of ``add_articles``, the
mapping between rows and records).

Listings page through the ledger with keyset queries (``seq > ?``), so they
use constant memory, hold no read transaction between pages, and the caller
may write to the store while it iterates. ``snapshot()`` is the exception the
caller asks for: one read transaction (``BEGIN``, a first read that fixes the
WAL snapshot, the block's reads, ``ROLLBACK``) on this connection, so an export
or a listing of several queries is one moment; other processes write on
meanwhile, and the methods that read more than one query for one answer
(``article``, ``extraction``, ``skips``, ``stats``) use one themselves.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import SchemaError, StoreError
from ..records import ArticleFilter
from .base import Page, Position, SearchHit
from .relational import IDENTITY_SCHEMA, RelationalStore
from .search import MARK_END, MARK_START, SNIPPET_WORDS, fts5_query, highlighted, query_terms
from .sql import (
    ARTICLE_HEADER_COLUMNS,
    PAGE_ROWS,
    Dialect,
    filter_sql,
    keyset_page,
    migrations,
    split_statements,
    utc_now,
)

__all__ = ["CODE_NOT_A_LEDGER", "CODE_WRITE_FAILED", "PAGE_ROWS", "SQLITE", "SQLiteStore", "migrations"]

CODE_NOT_A_LEDGER = "CL303"
CODE_WRITE_FAILED = "CL304"
SQLITE_HEADER = b"SQLite format 3\x00"
# LIKE folds ASCII case only; other text goes through cl_casefold_contains, registered on connect
SQLITE = Dialect(mark="?", like="LIKE", folded_contains="cl_casefold_contains(a.title, a.text, ?) = 1")


def _casefold_contains(title: str | None, text: str | None, needle: str) -> int:
    folded = needle.casefold()
    return int(folded in (title or "").casefold() or folded in (text or "").casefold())


class SQLiteStore(RelationalStore):
    """A ledger in one SQLite file. ``SQLiteStore(path)`` creates or opens it.

    Raises ``StoreError`` when the file cannot be opened or is not a ledger
    (the file is then left untouched), ``SchemaError`` when it was written by
    a newer claimledger.
    """

    dialect = SQLITE

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._lock = threading.RLock()
        self._snapshot_depth = 0  # > 0 while a snapshot() block is open (under self._lock)
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
        applied = self._applied() if tables else set()
        current = max(applied, default=0)
        if current > latest:
            raise SchemaError(
                f"the ledger {self.path} has schema version {current}, newer than this claimledger "
                f"understands ({latest}); upgrade claimledger to open it"
            )
        # only now, once it is ours (or empty), may the file change: WAL rewrites the header
        self._read("PRAGMA journal_mode = WAL")
        self._read("PRAGMA synchronous = NORMAL")
        for version, script in known:  # every bundled one not yet applied, not only those above the latest
            if version in applied:
                continue
            with self._write() as cur:
                cur.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                if version in self._applied(cur):  # another process got there first
                    continue
                for statement in split_statements(script, sqlite3.complete_statement):
                    cur.execute(statement)
                if version == IDENTITY_SCHEMA:
                    self._rename_records(cur)
                cur.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", (version, utc_now())
                )
        return max(self._applied(), default=0)

    def _applied(self, cur: sqlite3.Cursor | None = None) -> set[int]:
        sql = "SELECT version FROM schema_migrations"
        rows = cur.execute(sql).fetchall() if cur is not None else self._read(sql)
        return {int(row[0]) for row in rows}

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside the block see the ledger at one moment (see the module docstring).

        Holds this store's lock for the block: other threads using this store wait."""
        with self._lock:
            if self._snapshot_depth:
                self._snapshot_depth += 1
                try:
                    yield
                finally:
                    self._snapshot_depth -= 1
                return
            try:
                self._conn.execute("BEGIN")
                self._conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()  # the moment is fixed here
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise StoreError(f"reading the ledger {self.path} failed: {_what(exc)}") from exc
            self._snapshot_depth = 1
            try:
                yield
            finally:
                self._snapshot_depth = 0
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")  # nothing was written: ending the read is all

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        """One write transaction; any failure rolls it back and raises StoreError."""
        with self._lock:
            if self._snapshot_depth:
                raise StoreError(f"cannot write to the ledger {self.path} inside a snapshot (a read of one moment); "
                                 "write after the snapshot block", code=CODE_WRITE_FAILED)
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

    def search(self, query: str, where: ArticleFilter | None = None, *, after: Position | None = None,
               size: int = 50) -> Page[SearchHit]:
        """FTS5 over ``article_search`` (``0006_search.sql``), ranked by bm25, then by ingest order."""
        match = fts5_query(query_terms(query))
        clause, params = filter_sql(where, SQLITE)
        sql = (
            f"SELECT {ARTICLE_HEADER_COLUMNS}, s.snippet, s.rank, s.rank, a.seq FROM ("
            f"SELECT rowid, bm25(article_search) AS rank, snippet(article_search, -1, '{MARK_START}', '{MARK_END}',"
            f" '…', {SNIPPET_WORDS}) AS snippet FROM article_search WHERE article_search MATCH ?) s"
            f" JOIN articles a ON a.seq = s.rowid WHERE {clause} AND {{after}} ORDER BY s.rank, a.seq"
        )
        with self.snapshot():
            rows, last = keyset_page(self._read, SQLITE, sql, [match, *params], ["s.rank", "a.seq"], after, size)
            articles = self._with_sources([row[:-4] for row in rows])
        hits = []
        for article, row in zip(articles, rows, strict=True):
            snippet, spans = highlighted(row[-4] or "")
            hits.append(SearchHit(article, snippet, spans, float(row[-3])))
        return Page(tuple(hits), last)


def _what(exc: BaseException) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return "the text holds unpaired surrogate characters, which cannot be stored; decode the input properly"
    if isinstance(exc, OverflowError):
        return "a whole number is too large to store (over 64 bits)"
    return str(exc)
