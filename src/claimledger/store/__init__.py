"""The ledger store: ``open_store(settings)`` picks the backend for ``settings.db``.

    >>> from claimledger.settings import Settings
    >>> store = open_store(Settings(db=Path("ledger.db")))   # doctest: +SKIP

A file path opens (or, unless ``create=False``, creates) a SQLite ledger. A ``postgresql://`` URL is
meant for the PostgreSQL backend, which slots in here beside SQLite.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, StoreError
from ..settings import Settings
from .base import AddOutcome, LedgerStats, NewArticle, Store
from .sqlite import SQLiteStore

POSTGRES_SCHEMES = ("postgresql:", "postgres:")

__all__ = ["AddOutcome", "LedgerStats", "NewArticle", "SQLiteStore", "Store", "open_store"]


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """The ledger ``settings.db`` names: a SQLite file path, or a PostgreSQL URL.

    Raises ``ConfigError`` (CL108) for a PostgreSQL URL until that backend
    exists, ``StoreError`` / ``SchemaError`` when the ledger cannot be opened,
    and ``StoreError`` (CL306) when ``create`` is False and no ledger is there
    (a reader given a mistyped path must not leave an empty ledger behind).
    """
    target = str(settings.db)  # Path() folds "postgresql://" to "postgresql:/"
    if target.lower().startswith(POSTGRES_SCHEMES):
        raise ConfigError(
            "PostgreSQL backend not available yet; use a SQLite file path for --db (e.g. claimledger.db)",
            code="CL108",
        )
    path = Path(target)
    if not create and not path.exists():
        raise StoreError(
            f"No ledger at {path}: the file does not exist. Check the path (--db, $CLAIMLEDGER_DB), or "
            f"create the ledger by ingesting articles: claimledger ingest ARTICLES... --db {path}",
            code="CL306",
        )
    return SQLiteStore(path)
