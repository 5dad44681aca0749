"""Article text cut into segments at the character offsets of extracted spans, for highlighting.

The text is untrusted. It is never turned into markup here: ``segments(text, marks)`` cuts it at
every mark's start and end (offsets into ``Article.text``, end exclusive) into plain-text pieces,
each with the kinds and record ids of the marks that cover it. The templates wrap each piece in an
element and Jinja escapes its text, so ``<script>`` in an article is shown as the characters it is.

Marks may nest and overlap (a figure's number inside its claim, a place inside both); a piece covered
by several carries them all. A mark outside the text or with its end before its start is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records import Extraction, Span


@dataclass(frozen=True, slots=True)
class Mark:
    """Words of one extracted record: ``kind`` (claim, claimant, cue, figure, evidence, place, time,
    trigger), the record's ``id`` and a short ``note`` (shown on hover)."""

    start: int
    end: int
    kind: str
    id: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the text and the marks that cover it. ``starts``: ids of the records whose first
    piece this is (the anchor a link to the record's words points at)."""

    text: str
    kinds: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark's bounds, in order; their texts joined are ``text``."""
    usable = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -m.end))
    cuts = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    out: list[Segment] = []
    first_seen: set[str] = set()
    active: list[Mark] = []
    following = 0  # the next mark (in start order) not yet active
    for start, end in zip(cuts, cuts[1:], strict=False):
        while following < len(usable) and usable[following].start <= start:
            active.append(usable[following])
            following += 1
        active = [m for m in active if m.end > start]
        if not active:
            out.append(Segment(text[start:end]))
            continue
        ids = _unique(m.id for m in active)
        starts = tuple(i for i in ids if i not in first_seen)
        first_seen.update(starts)
        out.append(Segment(text[start:end], _unique(m.kind for m in active), ids,
                           _unique(m.note for m in active if m.note), starts))
    return out


def extraction_marks(extraction: Extraction, kinds: Sequence[str] = ("claim", "figure", "place", "time",
                                                                        "trigger")) -> list[Mark]:
    """The marks of every record of one article's extraction, of the kinds asked for: ``claim`` (its
    content, its claimant's and cue's words), ``figure`` (its number; with ``evidence``, its sentence),
    ``place``, ``time`` and ``trigger`` (an event mention's trigger word)."""
    marks: list[Mark] = []
    wanted = set(kinds)
    if "claim" in wanted:
        for c in extraction.claims:
            who = c.claimant.name or c.claimant.mention or "unknown"
            marks.append(_mark(c.content, "claim", c.id, f"claim by {who} ({c.claimant.side})"))
            if c.claimant_span is not None:
                marks.append(_mark(c.claimant_span, "claimant", c.id, f"claimant: {who}"))
            if c.cue_span is not None:
                marks.append(_mark(c.cue_span, "cue", c.id, f"cue: {c.cue}"))
    for f in extraction.figures:
        if "evidence" in wanted:
            marks.append(_mark(f.evidence, "evidence", f.id))
        if "figure" in wanted:
            who = f.claimant.name or f.claimant.mention or "unknown"
            marks.append(_mark(f.number, "figure", f.id, f"{f.measure} ({f.subject_side}) per {who}"))
    if "place" in wanted:
        for p in extraction.places:
            marks.append(_mark(p.span, "place", f"place:{p.span.start}-{p.span.end}",
                               f"place: {p.place.name} ({p.place.kind})"))
    if "time" in wanted:
        for t in extraction.times:
            marks.append(_mark(t.span, "time", f"time:{t.span.start}-{t.span.end}", f"time: {t.value or '?'}"))
    if "trigger" in wanted:
        for e in extraction.events:
            marks.append(_mark(e.trigger, "trigger", e.id, f"event: {e.type}"))
    return marks


def _mark(span: Span, kind: str, record_id: str, note: str = "") -> Mark:
    return Mark(span.start, span.end, kind, record_id, note)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
