"""One place that turns a body of bytes into articles, by its kind.

Files know their kind from the extension (``files.py``); downloads from the
content type; stdin from sniffing. ``sniff_kind`` decides, in order:

1. a declared feed type (``application/rss+xml``, ``atom``), or XML whose
   root is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``: a feed;
2. a declared HTML type, or markup that looks like HTML: a page;
3. (stdin only) a first line that is a JSON object: JSON Lines;
4. a declared ``text/plain``, or anything else that decodes: text;
5. a declared type that is neither (``application/pdf``, images): unsupported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import httpx

from ..records import Article, Skip, SkipReason
from ..settings import Settings
from .articles import SourceMeta, article_records, merge_meta
from .feeds import looks_like_feed, read_feed
from .html import article_from_html, looks_like_html
from .tabular import read_csv, read_jsonl
from .text import UnreadableText, decode_bytes

__all__ = ["Kind", "read_payload", "sniff_kind"]

TITLE_MAX_CHARS = 300


class Kind(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    CSV = "csv"
    FEED = "feed"
    XML = "xml"  # an .xml file or XML download: a feed or a page, by its content
    UNSUPPORTED = "unsupported"


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_XML_TYPES = ("application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def sniff_kind(data: bytes, content_type: str | None = None, *, allow_jsonl: bool = False) -> Kind:
    """The kind of a body, from its declared content type and its first bytes."""
    declared = (content_type or "").lower()
    if declared in _FEED_TYPES or "rss" in declared or "atom" in declared:
        return Kind.FEED
    if declared in _XML_TYPES or declared.endswith("+xml") and declared not in _HTML_TYPES:
        return Kind.FEED if looks_like_feed(data) else Kind.XML
    if declared in _HTML_TYPES:
        return Kind.HTML
    if declared and not declared.startswith("text/") and declared not in ("application/octet-stream",):
        return Kind.UNSUPPORTED
    if looks_like_feed(data):
        return Kind.FEED
    head = data[:4096].decode("utf-8", errors="ignore")
    if looks_like_html(head):
        return Kind.HTML
    if allow_jsonl and _first_line_is_json_object(data):
        return Kind.JSONL
    return Kind.TEXT


def _first_line_is_json_object(data: bytes) -> bool:
    stripped = data.lstrip()
    if not stripped.startswith(b"{"):
        return False
    first = stripped.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def title_from_first_line(text: str) -> str | None:
    """A plain text's headline: its first line, when short enough to be one."""
    first = text.split("\n", 1)[0].strip()
    return first if first and len(first) <= TITLE_MAX_CHARS else None


def read_payload(
    data: bytes,
    kind: Kind,
    *,
    source: str,
    ref: str,
    meta: SourceMeta,
    settings: Settings,
    client: httpx.Client | None = None,
    file_date: str | None = None,
    path: Path | None = None,
) -> Iterator[Article | Skip]:
    """Articles and skips from one body. ``meta`` (manifest, feed) wins over the page's own.

    ``file_date`` (a date in the file name) is the last resort for ``published``.
    """
    if kind in (Kind.JSONL, Kind.CSV):
        reader = read_jsonl if kind is Kind.JSONL else read_csv
        yield from reader(path or Path(ref), settings, data=data)
        return
    if kind is Kind.UNSUPPORTED:
        yield Skip(source, SkipReason.UNSUPPORTED, "not a type claimledger reads (text, HTML, feeds, JSONL, CSV)")
        return
    if kind in (Kind.FEED, Kind.XML) and looks_like_feed(data):
        yield from read_feed(data, source=source, settings=settings, client=client)
        return
    try:
        decoded = decode_bytes(data)
    except UnreadableText as exc:
        yield Skip(source, exc.reason, exc.message)
        return
    if not decoded.strip():
        yield Skip(source, SkipReason.EMPTY, "empty or whitespace only")
        return
    if kind is Kind.XML and not looks_like_html(decoded):
        yield Skip(source, SkipReason.UNSUPPORTED, "XML that is neither a feed nor an HTML page")
        return
    if kind in (Kind.HTML, Kind.XML):
        page = article_from_html(decoded, url=meta.url)
        if isinstance(page, SkipReason):
            yield Skip(source, page, "no article text found in the HTML (navigation or boilerplate only?)")
            return
        meta = merge_meta(meta, SourceMeta(outlet=page.site_name, published=page.date, title=page.title))
        body = page.text
    else:
        body = decoded
        if meta.title is None:
            meta = merge_meta(meta, SourceMeta(title=title_from_first_line(body.lstrip())))
    if meta.published is None and file_date is not None:
        meta = merge_meta(meta, SourceMeta(published=file_date))
    yield from article_records(body, meta=meta, ref=ref, source=source)
