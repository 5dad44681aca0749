"""claimledger: a ledger of who claims what in war reporting.

    >>> from claimledger import Ledger
    >>> ledger = Ledger("claimledger.db")
    >>> report = ledger.ingest(["articles/"])
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    ClaimledgerError,
    ConfigError,
    CorrectionError,
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
    Correction,
    CorrectionKind,
    EventActor,
    EventMention,
    Extraction,
    Figure,
    FigureValues,
    IngestReport,
    Place,
    PlaceMention,
    Skip,
    SkipReason,
    Span,
    TimeExpression,
)
from .settings import Settings  # noqa: E402

if TYPE_CHECKING:
    from .ledger import ExtractReport, Ledger, StrictStop

_LAZY = {"ExtractReport", "Ledger", "StrictStop"}


def __getattr__(name: str) -> Any:
    """Import the Ledger facade on first use, so importing records stays light."""
    if name in _LAZY:
        from . import ledger

        return getattr(ledger, name)
    raise AttributeError(f"module 'claimledger' has no attribute {name!r}")


logging.getLogger("claimledger").addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ArticleFilter",
    "Claim",
    "Claimant",
    "ClaimledgerError",
    "ConfigError",
    "Correction",
    "CorrectionError",
    "CorrectionKind",
    "EventActor",
    "EventMention",
    "ExtractReport",
    "Extraction",
    "ExtractionError",
    "Figure",
    "FigureValues",
    "IngestReport",
    "Ledger",
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
    "StrictStop",
    "TimeExpression",
    "__version__",
]
