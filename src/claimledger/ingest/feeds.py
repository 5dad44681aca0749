"""RSS and Atom feeds with feedparser: each entry becomes an Article.

For each entry, in order:

1. with ``settings.fetch_entries`` and a link, the linked page is fetched and
   its article text (``html.article_from_html``) is used; a failed fetch is a
   skip for that entry (storing the summary instead would give the same story
   a second id once the page can be fetched);
2. otherwise the entry's full content (``content:encoded``, Atom ``content``),
   else its summary; HTML is turned into text (``html.fragment_text``);
3. an entry with no text left is ``NO_TEXT``.

The ref is the entry's link (the URL), else its id, else ``<feed>#<n>``; the
outlet is the feed's own title; the published date is the entry's
``published`` (else ``updated``) as the feed writes it, then normalised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx

from ..records import Article, Skip, SkipReason
from ..settings import Settings
from .articles import SourceMeta, article_records, merge_meta
from .html import article_from_html, fragment_text, looks_like_html
from .text import UnreadableText, decode_bytes
from .web import fetch

__all__ = ["looks_like_feed", "read_feed"]

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)


def looks_like_feed(data: bytes) -> bool:
    """True when the first few KB hold an RSS, Atom or RDF root element."""
    return _FEED_ROOT.search(data[:4096]) is not None


def _text_of(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _entry_body(entry: Any) -> str | None:
    candidates: list[tuple[str | None, str | None]] = []
    for content in entry.get("content") or []:
        candidates.append((_text_of(content.get("value")), content.get("type")))
    detail = entry.get("summary_detail") or {}
    candidates.append((_text_of(entry.get("summary")), detail.get("type")))
    for value, media_type in candidates:
        if value is None:
            continue
        is_html = (media_type or "").endswith("html") or looks_like_html(value)
        text = fragment_text(value) if is_html else value
        if text.strip():
            return text
    return None


def _page_text(
    url: str, settings: Settings, client: httpx.Client | None
) -> tuple[str, SourceMeta] | Skip:
    if client is None:
        return Skip(source=url, reason=SkipReason.FETCH_FAILED, message="no HTTP client to fetch the entry")
    fetched = fetch(url, settings, client)
    if isinstance(fetched, Skip):
        return fetched
    try:
        html = decode_bytes(fetched.data)
    except UnreadableText as exc:
        return Skip(source=url, reason=exc.reason, message=exc.message)
    page = article_from_html(html, url=fetched.url)
    if isinstance(page, SkipReason):
        return Skip(source=url, reason=page, message="the entry's page has no article text")
    return page.text, SourceMeta(url=fetched.url, outlet=page.site_name, published=page.date, title=page.title)


def read_feed(
    data: bytes,
    *,
    source: str,
    settings: Settings,
    client: httpx.Client | None = None,
    ingested_at: str | None = None,
) -> Iterator[Article | Skip]:
    """Articles (or skips) for the entries of a feed document."""
    import feedparser  # imported lazily: only feeds need it

    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        yield Skip(source=source, reason=SkipReason.NO_TEXT, message=f"the feed has no entries{detail}")
        return
    outlet = _text_of((parsed.get("feed") or {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        link = _text_of(entry.get("link"))
        if link is not None and not link.lower().startswith(("http://", "https://")):
            link = None  # feedparser falls back to a non-web id (urn:...) as the link
        ref = link or _text_of(entry.get("id")) or f"{source}#{number}"
        entry_source = link or f"{source}#{number}"
        meta = SourceMeta(
            url=link,
            outlet=outlet,
            published=_text_of(entry.get("published")) or _text_of(entry.get("updated")),
            title=_text_of(entry.get("title")),
        )
        if settings.fetch_entries and link:
            page = _page_text(link, settings, client)
            if isinstance(page, Skip):
                yield page
                continue
            body: str | None = page[0]
            meta = merge_meta(meta, page[1])
        else:
            body = _entry_body(entry)
        if body is None:
            yield Skip(source=entry_source, reason=SkipReason.NO_TEXT, message="feed entry without text")
            continue
        yield from article_records(body, meta=meta, ref=ref, source=entry_source, ingested_at=ingested_at)
