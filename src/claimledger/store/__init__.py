"""The ledger store: ``open_store(settings)`` picks the backend for ``settings.db``.

    >>> from claimledger.settings import Settings
    >>> store = open_store(Settings(db=Path("ledger.db")))   # doctest: +SKIP

A file path opens (or, unless ``create=False``, creates) a SQLite ledger; a ``postgresql://`` URL
connects to a PostgreSQL ledger (``postgres.py``), whose database must exist (it is migrated, never
created: that is the database administrator's call).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, StoreError
from ..settings import Settings
from .base import AddOutcome, LedgerStats, NewArticle, Store
from .postgres import PostgresStore
from .relational import RelationalStore
from .sqlite import SQLiteStore

POSTGRES_SCHEMES = ("postgresql:", "postgres:")  # also as a Path folded them ("postgresql:/host/db")

__all__ = ["AddOutcome", "LedgerStats", "NewArticle", "PostgresStore", "RelationalStore", "SQLiteStore", "Store",
           "is_postgres_url", "open_store"]


def is_postgres_url(target: str | Path) -> bool:
    """Does ``--db`` name a PostgreSQL database (``postgresql://`` or ``postgres://``)?"""
    return str(target).lower().startswith(POSTGRES_SCHEMES)


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """The ledger ``settings.db`` names: a SQLite file path, or a PostgreSQL URL.

    Raises ``StoreError`` / ``SchemaError`` when the ledger cannot be opened (CL307: the
    PostgreSQL server cannot be reached), ``ConfigError`` (CL108) for a malformed PostgreSQL URL,
    and ``StoreError`` (CL306) when ``create`` is False and no ledger is there: no SQLite file, or a
    PostgreSQL database with no tables (a reader given a mistyped path must not leave an empty ledger
    behind).
    """
    target = str(settings.db)
    if is_postgres_url(target):
        if "://" not in target:  # a Path() folded "postgresql://" to "postgresql:/"
            raise ConfigError(f"{target} is not a PostgreSQL URL: write it as postgresql://user@host:port/database",
                              code="CL108")
        return PostgresStore(target, create=create)
    path = Path(target)
    if not create and not path.exists():
        raise StoreError(
            f"No ledger at {path}: the file does not exist. Check the path (--db, $CLAIMLEDGER_DB), or "
            f"create the ledger by ingesting articles: claimledger ingest ARTICLES... --db {path}",
            code="CL306",
        )
    return SQLiteStore(path)
