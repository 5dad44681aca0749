"""The PostgreSQL ledger: the shared backend of ``Store``, for a team or many writers at once.

``--db postgresql://user@host:5432/dbname`` (or ``CLAIMLEDGER_DB``) opens it. The database holds the
same tables as a SQLite ledger, made by the same numbered migrations (``migrations/``): the portable
files with PostgreSQL's types (``BYTEA`` for ``BLOB``, ``BIGINT`` for ``INTEGER``), and a file of its
own where the SQL differs (``migrations/postgresql/``: full-text search on a ``tsvector``).

Every write method is one transaction that first takes a transaction-level advisory lock, so writers
in any number of processes and machines take turns exactly as SQLite's ``BEGIN IMMEDIATE`` makes them
(seq columns are numbered inside the transaction from the stored maximum: two writers must not
interleave), and a writer that dies mid-batch leaves nothing of its transaction behind. Readers never
wait for the lock: each read is its own statement, and ``snapshot()`` is one ``REPEATABLE READ READ
ONLY`` transaction.

The shared methods (``relational.py``) write their SQL with ``?`` placeholders; the cursor here
translates them into psycopg's ``%s`` (a literal ``%`` doubled), once per distinct statement.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import Any

from ..errors import ConfigError, SchemaError, StoreError
from ..records import ArticleFilter
from ..settings import ledger_name
from .base import Page, Position, SearchHit
from .relational import IDENTITY_SCHEMA, RelationalStore
from .search import MARK_END, MARK_START, SNIPPET_WORDS, highlighted, query_terms, tsquery
from .sql import ARTICLE_HEADER_COLUMNS, Dialect, filter_sql, keyset_page, migrations, utc_now

__all__ = ["POSTGRES", "PostgresStore"]

CODE_NOT_A_LEDGER = "CL303"
CODE_WRITE_FAILED = "CL304"
CODE_UNREACHABLE = "CL307"
WRITER_LOCK = 0x636C61696D6C6467  # the advisory lock every writer takes ("claimldg")
POSTGRES = Dialect(
    mark="?",
    like="ILIKE",
    folded_contains="strpos(lower(coalesce(a.title, '') || ' ' || a.text), lower(?)) > 0",
    bytewise=' COLLATE "C"',
)
_TYPES = ((re.compile(r"\bBLOB\b"), "BYTEA"), (re.compile(r"\bINTEGER\b"), "BIGINT"))
_HEADLINE = (f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords={SNIPPET_WORDS}, MinWords=8, ShortWord=0,'
             ' MaxFragments=1, FragmentDelimiter=" … "')


@lru_cache(maxsize=2048)
def format_style(sql: str) -> str:
    """qmark SQL as psycopg's format style: ``%`` doubled, then each ``?`` a ``%s``.

    The store's SQL holds no ``?`` but placeholders (its LIKE patterns and texts are parameters)."""
    return sql.replace("%", "%%").replace("?", "%s")


def postgres_script(script: str) -> str:
    """A portable migration script with PostgreSQL's types."""
    for pattern, name in _TYPES:
        script = pattern.sub(name, script)
    return script


class _Cursor:
    """A psycopg cursor that takes the store's qmark SQL (``relational.Cursor``)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        self._cursor.execute(format_style(sql), params)
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> _Cursor:
        rows = list(rows)
        if rows:
            self._cursor.executemany(format_style(sql), rows)
        return self

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor.fetchall())


class PostgresStore(RelationalStore):
    """A ledger in a PostgreSQL database. ``PostgresStore(url)`` connects, and migrates the database.

    Raises ``StoreError`` (CL307) when the server cannot be reached or refuses the login, (CL303)
    when the database holds tables of something else, (CL306) when it holds none and ``create`` is
    False (a reader must not leave an empty ledger behind), ``SchemaError`` when a newer claimledger
    wrote it.
    """

    dialect = POSTGRES

    def __init__(self, url: str, *, create: bool = True, connect_timeout: int = 10,
                 lock_timeout_ms: int = 60_000) -> None:
        import psycopg  # only a PostgreSQL ledger pays for the driver

        self._errors = psycopg.Error
        self.url = url
        self.location = ledger_name(url)
        self._lock = threading.RLock()
        self._snapshot_depth = 0
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout,
                                         application_name="claimledger")
            self._conn.execute(f"SET lock_timeout = {int(lock_timeout_ms)}")  # a writer waits this long for its turn
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to the PostgreSQL ledger {self.location}: {_first_line(exc)}; check the URL "
                "(postgresql://user@host:port/database), that the server runs and that the user may log in",
                code=CODE_UNREACHABLE,
            ) from exc
        except (ValueError, TypeError) as exc:  # psycopg's own parsing of a malformed URL
            raise ConfigError(f"{self.location} is not a PostgreSQL URL psycopg understands: {exc}; "
                              "write it as postgresql://user@host:port/database", code="CL108") from exc
        try:
            self.schema_version = self._migrate(create)
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------ opening
    def _migrate(self, create: bool) -> int:
        known = migrations("postgresql")
        latest = known[-1][0] if known else 0
        tables = {row[0] for row in self._read(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        if not tables and not create:
            raise StoreError(
                f"No ledger in the database {self.location}: it holds no tables yet. Check the URL (--db, "
                "$CLAIMLEDGER_DB), or create the ledger by ingesting articles: claimledger ingest ARTICLES... "
                f"--db {self.location}", code="CL306")
        if "schema_migrations" not in tables and tables:
            raise StoreError(
                f"the database {self.location} holds tables but is not a claimledger ledger (it has "
                f"{', '.join(sorted(tables)[:5])}); it was left untouched: give an empty database",
                code=CODE_NOT_A_LEDGER,
            )
        applied = self._applied() if tables else set()
        if max(applied, default=0) > latest:
            raise SchemaError(
                f"the ledger {self.location} has schema version {max(applied)}, newer than this claimledger "
                f"understands ({latest}); upgrade claimledger to open it"
            )
        for version, script in known:
            if version in applied:
                continue
            with self._write() as cur:  # under the writers' lock: one migrating process at a time
                cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                            "(version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)")
                if version in {int(row[0]) for row in cur.execute("SELECT version FROM schema_migrations")}:
                    continue  # another process got there first
                cur.raw.execute(postgres_script(script))  # a whole script: the simple query protocol
                if version == IDENTITY_SCHEMA:
                    self._rename_records(cur)
                cur.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                            (version, utc_now()))
        return max(self._applied(), default=0)

    def _applied(self) -> set[int]:
        return {int(row[0]) for row in self._read("SELECT version FROM schema_migrations")}

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside the block see the ledger at one moment: one REPEATABLE READ, READ ONLY transaction.

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
                self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            except self._errors as exc:
                raise StoreError(f"reading the ledger {self.location} failed: {_first_line(exc)}") from exc
            self._snapshot_depth = 1
            try:
                yield
            finally:
                self._snapshot_depth = 0
                with suppress(self._errors):  # a lost connection already ended it; its error is the one to raise
                    self._conn.execute("ROLLBACK")  # nothing was written: ending the read is all

    @contextmanager
    def _write(self) -> Iterator[_WriteCursor]:
        """One write transaction under the writers' advisory lock; a failure rolls it back and raises
        StoreError."""
        with self._lock:
            if self._snapshot_depth:
                raise StoreError(f"cannot write to the ledger {self.location} inside a snapshot (a read of one "
                                 "moment); write after the snapshot block", code=CODE_WRITE_FAILED)
            try:
                with self._conn.transaction(), self._conn.cursor() as raw:
                    raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
                    yield _WriteCursor(raw)
            except (self._errors, UnicodeEncodeError, OverflowError) as exc:
                if "lock timeout" in str(exc):
                    raise StoreError(f"cannot write to the ledger {self.location}: another process has held the "
                                     "writers' lock for too long (lock_timeout); try again when it is done",
                                     code=CODE_WRITE_FAILED) from exc
                raise StoreError(f"writing to the ledger {self.location} failed: {_what(exc)}",
                                 code=CODE_WRITE_FAILED) from exc

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return list(self._conn.execute(format_style(sql), params).fetchall())
            except (self._errors, UnicodeEncodeError, OverflowError) as exc:
                raise StoreError(f"reading the ledger {self.location} failed: {_what(exc)}") from exc

    # ------------------------------------------------------------ full-text search
    def search(self, query: str, where: ArticleFilter | None = None, *, after: Position | None = None,
               size: int = 50) -> Page[SearchHit]:
        """The ``articles.search`` tsvector (``migrations/postgresql/0006_search.sql``), ranked by
        ``ts_rank`` (negated: lower is better, as in SQLite), then by ingest order."""
        match = tsquery(query_terms(query))
        clause, params = filter_sql(where, self.dialect)
        sql = (
            f"SELECT {ARTICLE_HEADER_COLUMNS}, ts_headline('claimledger', coalesce(a.title, '') || ' … ' || a.text,"
            " s.q, ?), s.rank, s.rank, a.seq FROM ("
            "SELECT f.seq AS hit, q, (-ts_rank(f.search, q))::float8 AS rank"
            " FROM articles f, to_tsquery('claimledger', ?) q WHERE f.search @@ q) s"
            f" JOIN articles a ON a.seq = s.hit WHERE {clause} AND {{after}} ORDER BY s.rank, a.seq"
        )
        with self.snapshot():
            rows, last = keyset_page(self._read, self.dialect, sql, [_HEADLINE, match, *params],
                                     ["s.rank", "a.seq"], after, size)
            articles = self._with_sources([row[:-4] for row in rows])
        hits = []
        for article, row in zip(articles, rows, strict=True):
            snippet, spans = highlighted(row[-4] or "")
            hits.append(SearchHit(article, snippet, spans, float(row[-3])))
        return Page(tuple(hits), last)


class _WriteCursor(_Cursor):
    """The cursor of one write transaction; ``raw`` runs a whole migration script."""

    @property
    def raw(self) -> Any:
        return self._cursor


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _what(exc: BaseException) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return "the text holds unpaired surrogate characters, which cannot be stored; decode the input properly"
    if isinstance(exc, OverflowError) or "out of range for type bigint" in str(exc):
        return "a whole number is too large to store (over 64 bits)"
    if "cannot contain NUL" in str(exc):
        return ("a text holds NUL characters (U+0000), which PostgreSQL cannot store; ingest removes them from "
                "articles, so a record carried one")
    return _first_line(exc)
