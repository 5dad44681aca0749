"""Turning a text and its metadata into an ``Article`` (or a ``Skip``).

Every reader (files, rows, feeds, pages, stdin) ends here, so cleaning,
hashing, language detection and flags are done the same way for all of them.
``article_records`` adds a warning (``IGNORED_VALUE``) after an article whose
source gave a value that could not be used (a ``published`` of ``0000-00-00``
is stored as unknown, and the run says so).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ..records import Article, Skip, SkipReason
from .dates import normalise_published
from .language import detect_language
from .text import article_id, clean_text, content_hash

__all__ = ["SourceMeta", "article_records", "make_article", "merge_meta", "now_utc"]

ENGLISH = "en"
NON_ENGLISH_FLAG = "non_english"


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """Metadata a source gives about a text (a manifest line, a row, a page, a feed entry)."""

    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    title: str | None = None

    @classmethod
    def from_mapping(cls, values: object) -> SourceMeta:
        """Read the known fields of a dict (manifest line or corpus row); others are ignored."""
        if not isinstance(values, dict):
            return cls()

        def text(key: str) -> str | None:
            value = values.get(key)
            if value is None or isinstance(value, dict | list):
                return None
            value = str(value).strip()
            return value or None

        return cls(
            url=text("url"),
            outlet=text("outlet"),
            published=text("published"),
            language=text("language"),
            title=text("title"),
        )


def merge_meta(first: SourceMeta | None, then: SourceMeta) -> SourceMeta:
    """``first``'s values win; ``then`` fills the gaps."""
    if first is None:
        return then
    return replace(
        then,
        **{
            name: getattr(first, name)
            for name in ("url", "outlet", "published", "language", "title")
            if getattr(first, name) is not None
        },
    )


def now_utc() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _language_code(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().replace("_", "-").split("-")[0].casefold()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def make_article(
    raw_text: str,
    *,
    meta: SourceMeta,
    ref: str | None,
    source: str,
    ingested_at: str | None = None,
    line: int | None = None,
) -> Article | Skip:
    """Clean ``raw_text`` and build the Article; ``Skip(EMPTY)`` when nothing is left.

    ``published`` is normalised (None when unparseable); ``language`` is the
    metadata's when given, else detected; non-English texts are flagged, not dropped.
    """
    text = clean_text(raw_text)
    if not text:
        return Skip(source=source, reason=SkipReason.EMPTY, message="no text (empty or only whitespace)", line=line)
    digest = content_hash(text)
    language = _language_code(meta.language) or detect_language(text)
    flags = (NON_ENGLISH_FLAG,) if language is not None and language != ENGLISH else ()
    title = clean_text(meta.title).replace("\n", " ") if meta.title else None
    outlet = clean_text(meta.outlet).replace("\n", " ") if meta.outlet else None
    return Article(
        id=article_id(digest),
        ref=ref,
        url=meta.url,
        outlet=outlet or None,
        title=title or None,
        published=normalise_published(meta.published),
        language=language,
        text=text,
        content_hash=digest,
        ingested_at=ingested_at or now_utc(),
        source=source,
        refs=(ref,) if ref else (),
        urls=(meta.url,) if meta.url else (),
        copy_group=None,
        flags=flags,
    )


def article_records(
    raw_text: str,
    *,
    meta: SourceMeta,
    ref: str | None,
    source: str,
    ingested_at: str | None = None,
    line: int | None = None,
) -> Iterator[Article | Skip]:
    """``make_article``, then a warning for each value of ``meta`` that was given but not used."""
    made = make_article(raw_text, meta=meta, ref=ref, source=source, ingested_at=ingested_at, line=line)
    yield made
    if isinstance(made, Article) and meta.published is not None and made.published is None:
        shown = meta.published if len(meta.published) <= 60 else meta.published[:60] + "..."
        yield Skip(source=source, reason=SkipReason.IGNORED_VALUE, line=line,
                   message=f"published {shown!r} ignored: not a date between 1900 and 2100; stored without one")
