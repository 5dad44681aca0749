"""Ingestion: sources (files, directories, JSONL/CSV corpora, feeds, URLs, stdin)
to ``Article`` records, or ``Skip`` records that say why not.

    >>> from claimledger.ingest import plan_sources, read_source
    >>> for source in plan_sources(["articles/"], settings):   # may raise SourceError
    ...     for record in read_source(source, settings):       # Article | Skip
    ...         ...

Deduplication against the ledger and copy grouping are the Ledger's job; it
uses ``CopyIndex`` (``copies.py``) and the store. This package only produces
records; it never prints or exits.
"""

from __future__ import annotations

from .articles import SourceMeta, make_article
from .copies import CopyIndex
from .dates import date_from_filename, normalise_published
from .html import HtmlArticle, article_from_html
from .language import detect_language
from .sources import Source, SourceKind, Upload, plan_sources, read_source, read_sources
from .text import UnreadableText, article_id, clean_text, content_hash, decode_bytes
from .web import make_client

__all__ = [
    "CopyIndex",
    "HtmlArticle",
    "Source",
    "SourceKind",
    "SourceMeta",
    "UnreadableText",
    "Upload",
    "article_from_html",
    "article_id",
    "clean_text",
    "content_hash",
    "date_from_filename",
    "decode_bytes",
    "detect_language",
    "make_article",
    "make_client",
    "normalise_published",
    "plan_sources",
    "read_source",
    "read_sources",
]
