"""Character spans for the claims component: trimming contents and cutting them apart."""

from __future__ import annotations

import re

from ...records import Span

# "KYIV, Ukraine (AP) — ", "DNIPRO, Ukraine, Jan 16 (Reuters) - ", "MOSCOW, March 3. /TASS/. "
_DATELINE = re.compile(r"[A-Z][\w'’.-]*(?:[ ,]+[\w'’.()-]+){0,6}?\s*\([^()\n]{1,40}\)\s*[-—–]+\s*"
                       r"|[A-Z]{3,}[A-Z' -]*,[^\n/]{0,40}?/[A-Z][A-Za-z-]+/\.?\s*")
TRIM = " \t\n,;:-—–\"“”'‘’«»„"
_SPACES = re.compile(r"\s+")


def cut_before(text: str, anchor: int) -> int:
    """End a content before the next claim's words, dropping a joining 'while/and/but'."""
    head = text[:anchor].rstrip()
    for joiner in ("while", "whereas", "and", "but", "as", ";", ","):
        if head.lower().endswith(" " + joiner) or (joiner in ";," and head.endswith(joiner)):
            head = head[: len(head) - len(joiner)].rstrip()
            break
    return len(head)


def trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM + ".":
        end -= 1
    return start, end


def trim_quote(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”"):
        end -= 1
    return start, end


def norm_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def span(text: str, span: tuple[int, int]) -> Span:
    return Span(span[0], span[1], text[span[0]:span[1]])


def text_between(text: str, start: int, end: int) -> str:
    return norm_space(text[start:end])


def after_dateline(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content that opens with the article's dateline starts after it."""
    m = _DATELINE.match(text, span[0], span[1])
    return (m.end(), span[1]) if m is not None and m.end() < span[1] else span
