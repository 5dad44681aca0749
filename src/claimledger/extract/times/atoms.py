"""Atoms (the pieces ``scan`` finds) and the shared grammar of the date rules.

Holds the ``Atom`` record, the tense cues that decide whether a year-less date
or a weekday points back or forward (``tense_direction``), and the regex
fragments (month and weekday names, quantities, units) the rule modules share.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import words as W


@dataclass(frozen=True, slots=True)
class Atom:
    start: int
    end: int
    role: str  # date | tod | zone | duration | set | ref | range
    value: str | None = None  # normalised value; tod: "HH:MM", "MO".."NI", "EH" (early hours), "ON" (overnight)
    day: dt.date | None = None  # a date atom resolved to one calendar day
    day_grain: bool = False  # the atom names one day, resolved or not
    end_value: str | None = None  # ranges ("January 6-7")
    part: str | None = None  # part of day built into a date atom ("tonight")
    zone: str | None = None  # a time that carries its zone ("1500 GMT")
    until: bool = False  # "until midnight": 24:00, not 00:00
    shift: int | None = None  # "the next day": days after the day last mentioned (resolved in dates.py)


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    anchor: dt.date | None


FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|would|(?:is|are|was|were)\s+(?:due|set|going|poised)\s+to|scheduled|planned|expected|"
    r"slated|plans?\s+to|planning\s+to|to\s+be\s+held|upcoming|ahead\s+of)\b|'ll\b",
    re.IGNORECASE,
)
PAST_RE = re.compile(
    r"\b(?:was|were|had|did|said|began|took|came|went|saw|made|left|fell|hit|struck|shot|fought|won|lost|met|"
    r"told|gave|held|sent|led|began|broke|ran|became|[a-z]{2,}(?<!need)(?<!unit)(?<!relat)(?<!bas)(?<!call)ed)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK_RE = re.compile(r"[.!?;:\n]|,\s")
INFINITIVE_RE = re.compile(r"\bto\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|this\b|that\b)[a-z]+\b")
PRESENT_PASSIVE_RE = re.compile(r"\b(?:is|are|be|being|am|'s)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def tense_direction(text: str, start: int) -> str | None:
    """"future" when the clause before ``start`` has a future cue ("will", "is due to"),
    "past" when it has a past-tense verb ("was", "launched") and no future cue, else None."""
    window = text[max(0, start - 70):start]
    breaks = list(CLAUSE_BREAK_RE.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    if FUTURE_RE.search(window):
        return "future"
    for verb in reversed(list(PAST_RE.finditer(window))):  # the last past-tense verb, not a present passive
        if not PRESENT_PASSIVE_RE.search(window, 0, verb.start()):
            return None if INFINITIVE_RE.search(window, verb.end()) else "past"  # "called on them to attend ..."
    return None


def _cased(names: list[str]) -> str:
    forms: list[str] = []
    for name in names:
        forms += [name, name.upper()]
    return "|".join(sorted(set(forms), key=len, reverse=True))


MON_FULL = _cased(list(W.FULL_MONTHS))
MON = _cased(list(W.FULL_MONTHS) + ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
                                    "Nov", "Dec"])
MON = f"(?:{MON})" + r"(?:\.|\b)"
WD = _cased([d.capitalize() for d in W.WEEKDAYS])
DAYNUM = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<y>(?:1[89]|20)\d\d)"
EDGE = r"(?:(?P<edge>early|late|mid|the\s+(?:end|beginning|start|middle|turn|close)\s+of)[\s-]+)?"
REL = r"(?:(?P<rel>last|next|this|past|coming|previous)\s+)?"
NUMWORDS = "|".join(sorted((re.escape(w) for w in W.NUMBER_WORDS), key=len, reverse=True))
QUANTITY = (rf"(?P<q>\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|"
            rf"four|five|six|seven|eight|nine)|{NUMWORDS}|(?:a\s+)?few|several|many|a\s+couple\s+of|couple\s+of)")
UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))"
PREP_BEFORE_RE = re.compile(
    r"(?:\b(?:in|on|since|until|till|by|of|from|during|before|after|through|throughout|to|between|and|"
    r"early|late|mid|last|next|this|that|every|each|dated)\s+|[,(]\s*)$", re.IGNORECASE)
NUMERIC_BEFORE_RE = re.compile(
    r"\b(?:on|from|to|until|till|since|before|after|dated|between|through|as\s+of|as\s+at|"
    r"(?:night|morning|evening)\s+of)\s+$",
    re.IGNORECASE)
AGE_AFTER_RE = re.compile(r"^[\s-]+old\b", re.IGNORECASE)
NOT_S_WORDS = frozenset({"was", "has", "is", "as", "its", "this", "thus", "always", "perhaps", "towards",
                         "his", "us", "unless", "across", "whereas", "besides", "afterwards", "plus"})

COUNTED_NOUNS = frozenset({"people", "personnel", "children", "men", "women", "staff", "police", "infantry",
                           "dead", "killed", "wounded", "injured", "strong", "more", "fewer", "other", "new"})

Handler = Callable[[re.Match[str], Context], "Atom | None"]


def span_of(m: re.Match[str]) -> tuple[int, int]:
    """The atom's extent: the ``span`` group when the pattern has one, else the whole match."""
    if "span" in m.re.groupindex and m.group("span") is not None:
        return m.start("span"), m.end("span")
    return m.start(), m.end()


def date_atom(m: re.Match[str], day: dt.date | None, *, grain: bool = True, part: str | None = None) -> Atom:
    start, end = span_of(m)
    return Atom(start, end, "date", day.isoformat() if day else None, day=day, day_grain=grain, part=part)


def rel_direction(m: re.Match[str], ctx: Context, rel: str | None) -> str | None:
    if rel:
        rel = rel.lower()
        if rel in ("last", "past", "previous"):
            return "past"
        if rel in ("next", "coming"):
            return "future"
        if rel == "this":
            return "this"
    return tense_direction(ctx.text, m.start())
