"""Content-derived ids for the records of one extraction.

A claim, figure or event mention is named by where its words stand in its
article: ``<article id>:<letter><start>-<end>`` over the record's own span
(``c``: a claim's content, ``f``: a figure's number, ``e``: an event
mention's trigger). An article's text never changes (its id is a hash of the
text), so the same words always give the same id, whatever else the extractor
finds or drops elsewhere in the text, and however a long text is cut into
pieces (``extract/chunks.py``).

Two records of one kind on the very same span (two readings of one number:
"89 servicemen" killed and wounded) are told apart by a suffix, ``.1``,
``.2``…, given in the order of what they say (measure, subject, values,
claimant), not in the order the extractor found them; the first keeps the
bare id. Ids are therefore unique within an article by construction, and
unique in the ledger because they start with the article id.

``assign_ids`` renames an ``Extraction``'s records and rewrites every
reference between them (a claim's and figure's ``event_id``, a figure's
``claim_id``, an event mention's ``claim_ids`` and ``figure_ids``). The
extractor's components number their records as they find them
(``<article>:c3``); the pipeline calls ``assign_ids`` on every finished
extraction, and the store's migration to schema 2 on every stored one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from .records import Claim, EventMention, Extraction, Figure, Span

__all__ = ["assign_ids", "record_id"]

R = TypeVar("R", Claim, Figure, EventMention)


def record_id(article_id: str, letter: str, span: Span) -> str:
    """The bare id of a record of kind ``letter`` on ``span``."""
    return f"{article_id}:{letter}{span.start}-{span.end}"


def _order(value: Any) -> tuple[int, str]:
    """A sort key for any field value (None first, then by text)."""
    return (0, "") if value is None else (1, repr(value))


def _claim_order(claim: Claim) -> tuple[Any, ...]:
    return (_order(claim.claimant.name), _order(claim.claimant.mention), _order(claim.claimant_span),
            _order(claim.cue_span), claim.mode, claim.stance)


def _figure_order(figure: Figure) -> tuple[Any, ...]:
    return (figure.measure, figure.subject_side, _order(figure.low), _order(figure.best), _order(figure.high),
            figure.qualifier, _order(figure.claimant.name), _order(figure.claimant.side))


def _event_order(event: EventMention) -> tuple[Any, ...]:
    return (event.type, _order(event.date_start), _order(event.place))


def _named(article_id: str, letter: str, records: Sequence[R], span: Callable[[R], Span],
           order: Callable[[R], tuple[Any, ...]], ids: dict[str, str]) -> None:
    """Add ``old id -> new id`` for ``records`` to ``ids`` (see the module docstring)."""
    by_span: dict[tuple[int, int], list[tuple[int, R]]] = {}
    for n, record in enumerate(records):
        where = span(record)
        by_span.setdefault((where.start, where.end), []).append((n, record))
    for group in by_span.values():
        ranked = sorted(group, key=lambda item: (order(item[1]), item[0]))
        for k, (_n, record) in enumerate(ranked):
            base = record_id(article_id, letter, span(record))
            ids[record.id] = base if k == 0 else f"{base}.{k}"


def assign_ids(extraction: Extraction) -> Extraction:
    """``extraction`` with content-derived ids and its references following them."""
    aid = extraction.article_id
    claim_ids: dict[str, str] = {}
    figure_ids: dict[str, str] = {}
    event_ids: dict[str, str] = {}
    _named(aid, "c", extraction.claims, lambda c: c.content, _claim_order, claim_ids)
    _named(aid, "f", extraction.figures, lambda f: f.number, _figure_order, figure_ids)
    _named(aid, "e", extraction.events, lambda e: e.trigger, _event_order, event_ids)

    def follow(table: dict[str, str], old: str | None) -> str | None:
        return None if old is None else table.get(old, old)

    claims = tuple(replace(c, id=claim_ids[c.id], event_id=follow(event_ids, c.event_id)) for c in extraction.claims)
    figures = tuple(replace(f, id=figure_ids[f.id], claim_id=follow(claim_ids, f.claim_id),
                            event_id=follow(event_ids, f.event_id)) for f in extraction.figures)
    events = tuple(replace(e, id=event_ids[e.id], claim_ids=tuple(claim_ids.get(i, i) for i in e.claim_ids),
                           figure_ids=tuple(figure_ids.get(i, i) for i in e.figure_ids))
                   for e in extraction.events)
    return replace(extraction, claims=claims, figures=figures, events=events)
