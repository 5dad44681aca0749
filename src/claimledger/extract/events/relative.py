"""Events dated by another event: "the day after the Poltava attack, drones hit Lviv".

Used by ``component.py``. In a sentence with "N day(s) / week(s) after" (or "before") followed by an
event trigger X, the event Y the phrase hangs on lies that many days after (before) X:

- X is the first mention after the phrase (before the end of its clause: a comma or the sentence end);
- Y is the nearest mention before the phrase in the sentence ("28 were wounded in the latest attack, a
  day after one of the deadliest strikes"), else the first mention after X's clause ("the day after the
  Poltava attack, drones hit Lviv"), else the last mention of the sentences before ("This comes a day after
  a missile attack killed 35": "this" is what the article reported before).

``relations`` finds the pairs; X and Y are then never merged into one event (``Mention.apart_from``), and
``shift_dates`` gives one of the two the other's day plus or minus the gap when only the other is dated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ...records import Span

GAP_RE = re.compile(
    r"\b(?:(?:just|only|barely|some|about|nearly|almost)\s+)?(?P<n>a|an|one|the|two|three|four|five|six|seven|"
    r"\d{1,2})\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before)\s", re.IGNORECASE)
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7}
GAP_TAIL_RE = re.compile(r"\b(?:days?|weeks?)\s+(?:after|before)\s", re.IGNORECASE)  # how every GAP_RE match ends
CLAUSE_END_RE = re.compile(r"[,;:.!?]")


@dataclass(frozen=True, slots=True)
class Relation:
    """The mention with trigger offset ``later`` happened ``days`` after the one at ``earlier``."""

    earlier: int
    later: int
    days: int


def gap_phrases(text: str) -> list[re.Match[str]]:
    """``GAP_RE``'s matches in ``text``. ``GAP_RE`` may start at almost any word, so a scan of the whole text
    is costly; its fixed tail ("days after") is looked for first, and most texts have none."""
    return list(GAP_RE.finditer(text)) if GAP_TAIL_RE.search(text) else []


def relations(text: str, triggers: Sequence[tuple[int, Span]],
              phrases: Sequence[re.Match[str]]) -> list[Relation]:
    """Day gaps between mentions (see the module docstring). ``triggers`` are (sentence number, trigger
    span) pairs in text order; the sentence of a gap phrase is that of the mentions around it.
    ``phrases``: ``GAP_RE``'s matches in ``text`` (``gap_phrases``)."""
    out: list[Relation] = []
    for match in phrases:
        after = [(sent, span) for sent, span in triggers if span.start >= match.end()]
        if not after:
            continue
        sent, x = after[0]
        clause = CLAUSE_END_RE.search(text, x.end)
        clause_end = clause.start() if clause else len(text)
        if CLAUSE_END_RE.search(text, match.end(), x.start):
            continue  # the phrase names no event of its own ("a day after, officials said ...")
        before = [span for s, span in triggers if s == sent and span.end <= match.start()]
        later = [span for s, span in triggers if s == sent and span.start > clause_end]
        earlier_sents = [span for s, span in triggers if s < sent]
        y = before[-1] if before else later[0] if later else earlier_sents[-1] if earlier_sents else None
        if y is None:
            continue
        n = NUMBER_WORDS.get(match["n"].lower()) or int(match["n"])
        days = n * (7 if match["unit"].lower().startswith("week") else 1)
        if match["dir"].lower() == "after":  # Y came N days after X
            out.append(Relation(earlier=x.start, later=y.start, days=days))
        else:
            out.append(Relation(earlier=y.start, later=x.start, days=days))
    return out


def shift_dates(dates: list[str | None], event_of: dict[int, int], found: Sequence[Relation]) -> list[str | None]:
    """``dates`` (one per event, ISO or None) with an undated event of a relation given its partner's
    day plus or minus the gap; ``event_of`` maps a trigger offset to its event's index."""
    out = list(dates)
    for rel in found:
        a, b = event_of.get(rel.earlier), event_of.get(rel.later)
        if a is None or b is None or a == b:
            continue
        day_a, day_b = _day(out[a]), _day(out[b])
        if day_a is not None and day_b is None:
            out[b] = (day_a + timedelta(days=rel.days)).isoformat()
        elif day_b is not None and day_a is None:
            out[a] = (day_b - timedelta(days=rel.days)).isoformat()
    return out


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value and len(str(value)) >= 10 else None
    except ValueError:
        return None
