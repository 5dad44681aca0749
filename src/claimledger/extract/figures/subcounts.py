"""Counts tied to another count of the same sentence: civilian sub-counts and tally histories.

Tally histories ("Russia lost 1,250 soldiers, up from 980 a day earlier", "the toll rose to 57 from
50"): a number right after "up from", "down from", "compared with", or "from" after a count earlier in
the sentence counts what that count counts, with its side (marker ``same``).

Sub-counts of civilians inside a casualty count: "50 people died, 5 of whom were children",
"98 people were hospitalised, including 16 children", "Of these, 5 are children", "Among those
killed were five children".

A count of civilians (``people.civilians`` nouns: children, women, residents) that has no outcome
word of its own takes the outcome of the count it is part of, when a sub-count cue ties them:

1. "including N <civilians>" or "among them N <civilians>" right after a casualty count;
2. "N of whom (were|are) <civilians>", "N (were|are) <civilians>" after "Of these" / "Of them";
3. "Among those killed/injured ... were N <civilians>": the outcome is in the "those" phrase.

The whole count is the last people count found in the same sentence or the one before (across
at most one paragraph break); the sub-count is ``civilians_killed`` / ``civilians_wounded`` of ``civilians``.
"""

from __future__ import annotations

from .attribution import CountedNumber
from .index import SentenceIndex
from .numbers import Quantity
from .vocabulary import normalised

LEADS = normalised("including", "incl", "among")
ANAPHORS = normalised("these", "them", "whom", "those", "which")
COPULAS = normalised("were", "are", "was", "is")
CIVILIAN_MEASURES = {"killed": "civilians_killed", "wounded": "civilians_wounded"}


HISTORY_LEADS = (("up", "from"), ("down", "from"), ("compared", "with"), ("compared", "to"), ("from",),
                 ("against",))


def history(index: SentenceIndex, q: Quantity, first: int, found: list[CountedNumber]) -> CountedNumber | None:
    """An earlier value of a count in the same sentence ("up from 980 a day earlier"), else None."""
    sent = index.sent_of(first)
    a, _ = index.bounds(sent)
    words = index.words
    if q.vague or not any(first - len(lead) >= a and tuple(words[first - len(lead):first]) == lead
                          for lead in HISTORY_LEADS):
        return None
    prev = next((f for f in reversed(found) if f.sent == sent), None)
    if prev is None or prev.kind == "other" or prev.first >= first:
        return None
    return CountedNumber(q, prev.measure, prev.kind, sent, first, prev.np_side, "same", None, group=prev.group)


def subcount(index: SentenceIndex, q: Quantity, first: int, last: int,
             found: list[CountedNumber]) -> CountedNumber | None:
    """A civilian sub-count of a casualty count (see the module docstring), else None."""
    if q.vague:
        return None
    sent = index.sent_of(first)
    a, b = index.bounds(sent)
    noun_at = _civilian_noun_after(index, last, b)
    if noun_at is None:
        return None
    words = index.words
    lead = words[first - 1] if first > a else ""
    anaphoric = _anaphor_before(index, a, first) or (
        last + 1 < b and words[last] == "of" and words[last + 1] in ANAPHORS)
    outcome: str | None = None
    if lead in LEADS or anaphoric:
        outcome = _those_outcome(index, a, first) or _parent_outcome(index, sent, found)
    if outcome not in CIVILIAN_MEASURES:
        return None
    return CountedNumber(q, CIVILIAN_MEASURES[str(outcome)], "people", sent, first, "civilians", "subset", None,
                         last - 1, group="civilians")


def _civilian_noun_after(index: SentenceIndex, last: int, end: int) -> int | None:
    """The civilian noun the count names: right after it, or after "of whom were" / "are"."""
    j = last
    for _ in range(4):
        if j >= end:
            return None
        m = index.vocab.people.match_at(index.words, j)
        if m is not None:
            return j if m[0] == "civilians" else None
        if index.words[j] in COPULAS or index.words[j] in ANAPHORS or index.words[j] == "of" \
                or index.doc[j].pos_ == "ADJ":
            j += 1
            continue
        return None
    return None


def _anaphor_before(index: SentenceIndex, a: int, first: int) -> bool:
    """"Of these, 5 ...", "Among them, 16 ...", "Among those killed ... were 5": a sub-count cue
    opens the sentence."""
    words = index.words[a:first]
    return len(words) >= 2 and (words[0] in LEADS or words[0] == "of") and words[1] in ANAPHORS


def _those_outcome(index: SentenceIndex, a: int, first: int) -> str | None:
    """"Among those killed in the attack were five children": the outcome named after "those"."""
    words = index.words
    for j in range(a, first):
        if words[j] in ("those", "the") and j + 1 < first:
            m = index.outcomes_at(j + 1)
            if m is not None:
                return m[0]
    return None


def _parent_outcome(index: SentenceIndex, sent: int, found: list[CountedNumber]) -> str | None:
    """The outcome of the last people count in this sentence or the one before (same paragraph)."""
    for prev in reversed(found):
        if prev.kind != "people":
            continue
        if prev.sent != sent and (sent - prev.sent > 1 or
                                  index.paragraph_of(sent) - index.paragraph_of(prev.sent) > 1):
            return None
        return prev.measure.removeprefix("civilians_")
    return None


__all__ = ["subcount"]
