"""Each kind of correction, checked against the ledger as it stands and built as a ``Correction``.

These functions read, never write: the ``Ledger`` stores what they return (``Store.add_correction``)
and relinks. Each raises ``CorrectionError`` with a clear message: CL501 for an id the ledger does
not hold (a figure, claim, event mention, linked event or correction), CL502 for a value outside the
profile's vocabulary, CL503 for a malformed correction, CL504 for an undo that cannot be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..errors import CorrectionError
from ..records import Claim, Claimant, Correction, CorrectionKind, Event, Figure, FigureValues
from ..store import Store
from .overlay import FIGURE_KINDS, Overlay
from .vocabulary import MAX_NAME, Vocabulary, choice, estimate, source, text, values_of


def _entry(kind: CorrectionKind, target: str, by: str, why: str, **fields: object) -> Correction:
    """A correction to store (the store numbers and dates it)."""
    return Correction(id=0, kind=kind, target=target, by=text(by, "the analyst's name (by)", MAX_NAME),
                      why=text(why, "a reason (why)"), at="", **fields)  # type: ignore[arg-type]


def _unknown(what: str, key: str, hint: str) -> CorrectionError:
    return CorrectionError(f"no {what} {key!r} in the ledger; {hint}", code="CL501")


def figure_of(store: Store, figure_id: str) -> Figure:
    """The stored figure ``figure_id`` (as extracted)."""
    extraction = store.extraction(str(figure_id).partition(":")[0])
    found = next((f for f in extraction.figures if f.id == figure_id), None) if extraction else None
    if found is None:
        raise _unknown("figure", figure_id, "figure ids look like <article>:f<start>-<end> (`claimledger figures`)")
    return found


def claim_of(store: Store, claim_id: str) -> Claim:
    """The stored claim ``claim_id``."""
    extraction = store.extraction(str(claim_id).partition(":")[0])
    found = next((c for c in extraction.claims if c.id == claim_id), None) if extraction else None
    if found is None:
        raise _unknown("claim", claim_id, "claim ids look like <article>:c<start>-<end> (`claimledger claims`)")
    return found


# ---------------------------------------------------------------- figures and claims
def confirm_figure(store: Store, overlay: Overlay, figure_id: str, *, by: str, why: str) -> Correction:
    """The figure's values, as the ledger gives them now, are right: pinned as they are."""
    extracted = figure_of(store, figure_id)
    return _entry(CorrectionKind.CONFIRM_FIGURE, figure_id, by, why,
                  values=values_of(overlay.figure(extracted)), extracted=values_of(extracted))


def correct_figure(store: Store, overlay: Overlay, vocabulary: Vocabulary, figure_id: str, *, by: str, why: str,
                   value: float | None = None, low: float | None = None, best: float | None = None,
                   high: float | None = None, qualifier: str | None = None, measure: str | None = None,
                   subject: str | None = None, claimant: str | None = None, claimant_side: str | None = None,
                   claimant_kind: str | None = None) -> Correction:
    """Some of the figure's values are wrong: the given ones replace them (``vocabulary.estimate``
    for the numbers, ``Vocabulary.claimant`` for who claims it)."""
    extracted = figure_of(store, figure_id)
    current = overlay.figure(extracted)
    numbers = estimate(value, low, best, high, qualifier)
    who: Claimant | None = vocabulary.claimant(claimant, claimant_side, claimant_kind, current.claimant)
    values = FigureValues(
        measure=None if measure is None else choice(measure, vocabulary.measures, "measure"),
        subject_side=None if subject is None else choice(subject, vocabulary.subject_sides, "subject side"),
        claimant=who)
    if numbers is not None:
        values = replace(values, low=numbers[0], best=numbers[1], high=numbers[2], qualifier=numbers[3])
    if values == FigureValues():
        raise CorrectionError("nothing to correct: give value (or low/best/high), measure, subject or claimant",
                              code="CL503")
    return _entry(CorrectionKind.CORRECT_FIGURE, figure_id, by, why, values=values, extracted=values_of(extracted))


def debunk_claim(store: Store, claim_id: str, evidence: str, *, by: str, why: str) -> Correction:
    """The claim is false, as ``evidence`` (a URL or a text) shows."""
    claim_of(store, claim_id)
    return _entry(CorrectionKind.DEBUNK_CLAIM, claim_id, by, why, source=source(evidence))


# ---------------------------------------------------------------- events
def event_of(events: Sequence[Event], key: str) -> Event:
    """The linked event whose id is ``key`` or the only one starting with it."""
    key = str(key).strip()
    found = [e for e in events if e.id == key] or [e for e in events if key and e.id.startswith(key)]
    if len(found) != 1:
        hint = "it matches several: give more of it" if found else "list them with `claimledger events`"
        raise _unknown("linked event", key, hint)
    return found[0]


def split_mention(events: Sequence[Event], mention_id: str, *, into: str | None, by: str, why: str) -> Correction:
    """The event mention leaves its event: for one of its own (``into`` None), or into event ``into``."""
    holding = next((e for e in events if mention_id in e.mention_ids), None)
    if holding is None:
        raise _unknown("linked event mention", mention_id,
                       "mention ids look like <article>:e<start>-<end> (an event's mention_ids)")
    if into is None:
        if len(holding.mention_ids) == 1:
            raise CorrectionError(f"{mention_id} is already the only mention of {holding.id}: nothing to split",
                                  code="CL503")
        return _entry(CorrectionKind.SPLIT_MENTION, mention_id, by, why, event_id=holding.id,
                      mentions=(mention_id,), apart_from=tuple(m for m in holding.mention_ids if m != mention_id))
    target = event_of(events, into)
    if target.id == holding.id:
        raise CorrectionError(f"{mention_id} is already in {target.id}: nothing to move", code="CL503")
    return _entry(CorrectionKind.SPLIT_MENTION, mention_id, by, why, event_id=holding.id, into=target.id,
                  mentions=(mention_id,), with_mentions=target.mention_ids)


def merge_events(events: Sequence[Event], event_id: str, other_id: str, *, by: str, why: str) -> Correction:
    """Event ``other_id`` is event ``event_id``: its mentions (and those that join it later) join it."""
    kept, merged = event_of(events, event_id), event_of(events, other_id)
    if kept.id == merged.id:
        raise CorrectionError(f"{kept.id} and {other_id!r} are one event already: nothing to merge", code="CL503")
    return _entry(CorrectionKind.MERGE_EVENTS, merged.id, by, why, event_id=merged.id, into=kept.id,
                  mentions=merged.mention_ids, with_mentions=kept.mention_ids)


# ---------------------------------------------------------------- undo
def undo(overlay: Overlay, number: int | str, *, by: str, why: str) -> tuple[Correction, tuple[str, ...]]:
    """An undo of correction ``number`` (``#12``, ``12``), and the records whose events it makes
    dirty (the figure or claim the undone correction changed)."""
    try:
        wanted = int(str(number).strip().lstrip("#"))
    except ValueError:
        raise CorrectionError(f"{number!r} is no correction number: give one such as 12 or #12",
                              code="CL501") from None
    undone = next((c for c in overlay.entries if c.id == wanted), None)
    if undone is None:
        raise _unknown("correction", f"#{wanted}", "list them with Ledger.corrections()")
    if undone.kind is CorrectionKind.UNDO or undone.undone_by is not None:
        already = f" (by #{undone.undone_by})" if undone.undone_by is not None else ""
        raise CorrectionError(f"correction #{wanted} is {'an undo' if undone.undone_by is None else 'undone'}"
                              f"{already}: make the correction again instead", code="CL504")
    dirty = (undone.target,) if undone.kind in FIGURE_KINDS or undone.kind is CorrectionKind.DEBUNK_CLAIM else ()
    return _entry(CorrectionKind.UNDO, f"#{wanted}", by, why, undoes=wanted), dirty
