"""Long texts in pieces: where to cut, and how the pieces' records become one article's.

spaCy refuses texts over ``nlp.max_length`` characters (E088, one million by
default) and its parser's memory grows with the text, while an article may be
up to ``settings.max_bytes`` (10 MB). A text longer than the chunk size is cut
into pieces of at most that many characters, each extracted on its own as the
same article; then every record of a later piece is moved back into the whole
text and renumbered.

``split_text`` cuts, in order of preference, in the second half of each window:
1. after a blank line (between paragraphs);
2. after a line break;
3. after a sentence end (``.``, ``!``, ``?`` then white space);
4. after any white space;
5. at the window's end (a text with no white space at all).

``merge_parts`` shifts every ``Span`` of a piece (claims, figures, events,
places, times) by the piece's start, so ``text[span.start:span.end] ==
span.text`` holds in the whole text, and gives the records of later pieces ids
that continue the numbering of earlier ones (``<article>:c12``; a second reading
of the same words, ``<article>:f12.1``, keeps its suffix), references
between them (a figure's claim and event, an event's claims and figures)
following. What a piece cannot see (an actor named only in an earlier piece)
is not resolved across the cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from ..records import Claim, EventMention, Extraction, Figure, Span

__all__ = ["merge_parts", "split_text"]

_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
         re.compile(r"\s+"))
# "<article>:f12", or another reading of the same words, "<article>:f12.1": the record's number is 12
_RECORD_NUMBER = re.compile(r"(.*?)(\d+)(\.\d+)?")


def split_text(text: str, max_chars: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text``, each at most ``max_chars`` long (see the docstring)."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        window_end = start + max_chars
        end = window_end
        for cut in _CUTS:
            last = None
            for match in cut.finditer(text, start + max_chars // 2, window_end):
                last = match
            if last is not None and last.end() > start:
                end = min(last.end(), window_end)
                break
        pieces.append((start, end))
        start = end
    if start < len(text) or not pieces:
        pieces.append((start, len(text)))
    return pieces


def _shifted(value: Any, offset: int) -> Any:
    """``value`` with every ``Span`` inside it (records, tuples of records) moved by ``offset``."""
    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset, value.text)
    if isinstance(value, tuple):
        return tuple(_shifted(item, offset) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in fields(value):
            item = getattr(value, field.name)
            moved = _shifted(item, offset)
            if moved is not item:
                changes[field.name] = moved
        return replace(value, **changes) if changes else value
    return value


def _number(record_id: str) -> int:
    match = _RECORD_NUMBER.fullmatch(record_id)
    return int(match.group(2)) if match else 0


def _renumbered(record_id: str, base: int, piece: int) -> str:
    match = _RECORD_NUMBER.fullmatch(record_id)
    if match is None:
        return f"{record_id}~{piece}"
    return f"{match.group(1)}{int(match.group(2)) + base}{match.group(3) or ''}"


def merge_parts(article_id: str, extractor_version: str,
                parts: Sequence[tuple[int, Extraction]]) -> Extraction:
    """One article's Extraction from its pieces' ``(piece start, extraction)``, in text order."""
    claims: list[Claim] = []
    figures: list[Figure] = []
    events: list[EventMention] = []
    places: list[Any] = []
    times: list[Any] = []
    for piece, (offset, part) in enumerate(sorted(parts, key=lambda p: p[0])):
        part = _shifted(part, offset)
        ids: dict[str, str] = {}
        if piece:
            for records, earlier in ((part.claims, claims), (part.figures, figures), (part.events, events)):
                base = max((_number(r.id) for r in earlier), default=0)
                ids.update({r.id: _renumbered(r.id, base, piece) for r in records})

        def new(record_id: str | None, ids: dict[str, str] = ids) -> str | None:
            return ids.get(record_id, record_id) if record_id is not None else None

        claims += [replace(c, id=ids.get(c.id, c.id), event_id=new(c.event_id)) for c in part.claims]
        figures += [replace(f, id=ids.get(f.id, f.id), claim_id=new(f.claim_id), event_id=new(f.event_id))
                    for f in part.figures]
        events += [replace(e, id=ids.get(e.id, e.id), claim_ids=tuple(ids.get(i, i) for i in e.claim_ids),
                           figure_ids=tuple(ids.get(i, i) for i in e.figure_ids)) for e in part.events]
        places += part.places
        times += part.times
    return Extraction(article_id=article_id, extractor_version=extractor_version, claims=tuple(claims),
                      figures=tuple(figures), events=tuple(events), places=tuple(places), times=tuple(times))
