"""Full-text search, the parts every backend shares: reading a query into terms, and a snippet's highlights.

A query is words and ``"quoted phrases"``; every term must match (AND), a word ending in ``*`` matches
as a prefix. Nothing else in the query is syntax: ``OR``, ``NEAR``, ``-`` or ``:`` are words, so any
text a user types is a valid query. The SQLite backend turns the terms into an FTS5 query
(``fts5_query``); the PostgreSQL backend turns the same terms into a ``tsquery`` (``tsquery``).

Snippets come back with the matched words between two control characters (``MARK_START``,
``MARK_END``) that ``highlighted`` turns into offsets, so a client never has to trust markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ConfigError

MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 24
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+\*?", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a query: its words (a phrase when more than one) and whether the last is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def query_terms(query: str) -> list[Term]:
    """The terms of a user's query; raises ``ConfigError`` when it holds no word at all."""
    terms: list[Term] = []
    for match in _TERM.finditer(query):
        phrase, bare = match.group(1), match.group(2)
        words = _WORD.findall(phrase if phrase is not None else bare)
        if not words:
            continue
        prefix = words[-1].endswith("*") and phrase is None
        cleaned = tuple(w.rstrip("*") for w in words if w.rstrip("*"))
        if not cleaned:
            continue
        if phrase is None and len(cleaned) > 1:  # "don't", "t-72": one typed word, several index words
            terms.extend(Term((w,)) for w in cleaned[:-1])
            terms.append(Term((cleaned[-1],), prefix))
        else:
            terms.append(Term(cleaned, prefix))
    if not terms:
        raise ConfigError(f"the search {query!r} holds no word to look for; give one or more words")
    return terms


def fts5_query(terms: list[Term]) -> str:
    """An FTS5 MATCH expression: each term a quoted string (a phrase), prefixes starred, all ANDed."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)


def tsquery(terms: list[Term]) -> str:
    """A PostgreSQL ``to_tsquery`` text: a phrase's words joined by ``<->``, prefixes as ``:*``, terms ANDed.

    The words are ``\\w`` runs only (``query_terms``), so nothing in them is tsquery syntax."""
    parts = []
    for term in terms:
        words = list(term.words)
        if term.prefix:
            words[-1] += ":*"
        parts.append("(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


def highlighted(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A marked snippet as its plain text and the (start, end) offsets of the marked words in it."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    length = 0
    for char in snippet:
        if char == MARK_START:
            start = length
        elif char == MARK_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            text.append(char)
            length += 1
    return "".join(text), tuple(spans)
