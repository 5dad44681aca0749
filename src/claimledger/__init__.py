"""claimledger: a ledger of who claims what in war reporting.

    >>> from claimledger import Ledger
    >>> ledger = Ledger("claimledger.db")
    >>> report = ledger.ingest(["articles/"])
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    ClaimledgerError,
    ConfigError,
    ExtractionError,
    ModelNotFoundError,
    SchemaError,
    SourceError,
    StoreError,
)
from .records import (  # noqa: E402
    Article,
    ArticleFilter,
    Claim,
    Claimant,
    EventActor,
    EventMention,
    Extraction,
    Figure,
    IngestReport,
    Place,
    PlaceMention,
    Skip,
    SkipReason,
    Span,
    TimeExpression,
)
from .settings import Settings  # noqa: E402

logging.getLogger("claimledger").addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ArticleFilter",
    "Claim",
    "Claimant",
    "ClaimledgerError",
    "ConfigError",
    "EventActor",
    "EventMention",
    "Extraction",
    "ExtractionError",
    "Figure",
    "IngestReport",
    "ModelNotFoundError",
    "Place",
    "PlaceMention",
    "SchemaError",
    "Settings",
    "Skip",
    "SkipReason",
    "SourceError",
    "Span",
    "StoreError",
    "TimeExpression",
    "__version__",
]
