"""HTML to article text and metadata.

Whole pages go through trafilatura (``bare_extraction`` with metadata, no
comments, no tables' boilerplate), in this order:

1. trafilatura with ``favor_precision`` (drops navigation, related-story
   lists and cookie banners);
2. if that finds no text, trafilatura again with its default balance
   (short pages: a wire brief of two paragraphs);
3. if still nothing, or fewer than ``MIN_WORDS`` words, ``NO_TEXT``.

Fragments (feed summaries, ``content:encoded``) are small and already
article-only, so ``fragment_text`` turns them into text with the standard
library's parser: block elements become line breaks, scripts and styles go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from ..records import SkipReason

__all__ = ["HtmlArticle", "article_from_html", "fragment_text", "looks_like_html"]

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote section article header footer tr table pre hr figure"
    " figcaption dd dt".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg"})
_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|p|div|article|br|span|a\s)[\s>/]", re.I)
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
MIN_WORDS = 10  # less than this is a menu or a caption, not article text


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What a page yields: paragraphs separated by newlines, and page metadata."""

    text: str
    title: str | None
    site_name: str | None
    date: str | None  # as the page gives it; normalise with dates.normalise_published


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` looks like HTML markup."""
    return _HTML_SNIFF.search(text[:4096]) is not None


def _extract(html: str, url: str | None, *, favor_precision: bool) -> Any:
    import trafilatura  # imported lazily: heavy, and only HTML needs it

    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=favor_precision,
        date_extraction_params=_DATE_PARAMS,
    )


def _field(document: Any, name: str) -> str | None:
    value = getattr(document, name, None)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def article_from_html(html: str, *, url: str | None = None) -> HtmlArticle | SkipReason:
    """The article text and metadata of a page, or ``SkipReason.NO_TEXT``."""
    if not html.strip():
        return SkipReason.NO_TEXT
    document: Any = None
    for favor_precision in (True, False):
        try:
            document = _extract(html, url, favor_precision=favor_precision)
        except (ValueError, TypeError, AttributeError, RecursionError):
            document = None  # trafilatura/lxml choke on some malformed markup
        if document is not None and _field(document, "text"):
            break
    text = _field(document, "text") if document is not None else None
    if text is None or len(text.split()) < MIN_WORDS:
        return SkipReason.NO_TEXT
    return HtmlArticle(
        text=text,
        title=_field(document, "title"),
        site_name=_field(document, "sitename"),
        date=_page_date(document),
    )


def _page_date(document: Any) -> str | None:
    value = _field(document, "date")
    if value is not None and value.endswith("T00:00:00"):  # htmldate found only a day
        return value[:-9]
    return value


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per block, inline spaces collapsed."""
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except (ValueError, AssertionError):
        pass  # keep what was parsed before the broken markup
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
