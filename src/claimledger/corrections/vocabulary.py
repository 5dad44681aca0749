"""What a correction may say: the profile's vocabulary, and the checks on an analyst's values.

Measures, sides and claimants come from the profile (``measures.yaml``, ``sides.yaml``,
``actors.yaml``), never from code, so a new conflict's profile brings its own:

- measures: every measure ``measures.yaml`` names (equipment, other counts, people measures,
  outcomes), with those the figures component builds from them (``killed_or_wounded``, the
  civilian measures);
- subject sides: the profile's sides, ``other_state``, ``independent``, ``unknown`` and ``civilians``;
- claimant sides: the same without ``civilians``; claimant kinds and qualifiers are the spec's;
- a claimant named by an actor's id, name or alias (any case) is that actor (its canonical name,
  side and kind, unless the analyst gives them); any other name needs its side.

A value outside the vocabulary is a ``CorrectionError`` (CL502) that lists the choices, with a
"did you mean"; a malformed one (a negative or unordered estimate, no analyst) is CL503.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..errors import CorrectionError
from ..profiles import Profile
from ..records import Claimant, Figure, FigureValues

QUALIFIERS = frozenset({"exact", "at_least", "more_than", "about", "nearly", "up_to", "range", "hundreds",
                        "thousands", "dozens"})
CLAIMANT_KINDS = frozenset({"official", "unofficial", "media", "expert", "outlet"})
BUILT_MEASURES = frozenset({"killed_or_wounded", "civilians_killed", "civilians_wounded"})
SUBJECT_ONLY_SIDES = frozenset({"civilians"})
MEASURE_SECTIONS = ("equipment", "other", "people_measures", "outcomes")
MAX_TEXT = 4000  # characters of a reason or a source
MAX_NAME = 200  # characters of an analyst's or a claimant's name


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The values a correction may set, from one profile."""

    measures: frozenset[str]
    subject_sides: frozenset[str]
    claimant_sides: frozenset[str]
    actors: Mapping[str, Claimant]  # casefolded id, name or alias -> the actor as a claimant

    @classmethod
    def from_profile(cls, profile: Profile) -> Vocabulary:
        from ..extract.vocabulary.sides import Sides  # (imports spaCy: only when a figure is corrected)

        section = profile.section("measures")
        measures = set(BUILT_MEASURES)
        for key in MEASURE_SECTIONS:
            value = section.get(key) if isinstance(section, Mapping) else None
            if isinstance(value, Mapping):
                measures.update(str(k) for k in value)
        sides = Sides.from_profile(profile).vocabulary
        return cls(frozenset(measures), sides | SUBJECT_ONLY_SIDES, sides, _actors(profile.section("actors")))

    def claimant(self, name: str | None, side: str | None, kind: str | None, current: Claimant) -> Claimant | None:
        """The claimant a correction sets (None: unchanged). A name of the profile's actors is that actor;
        another name needs ``side``; a side or kind alone changes the current claimant's."""
        if side is not None:
            side = choice(side, self.claimant_sides, "claimant side")
        if kind is not None:
            kind = choice(kind, CLAIMANT_KINDS, "claimant kind")
        if name is None:
            if side is None and kind is None:
                return None
            return Claimant(current.name, current.mention, side or current.side, kind or current.kind,
                            current.actor_id)
        name = text(name, "claimant", MAX_NAME)
        actor = self.actors.get(name.casefold())
        if actor is not None:
            return Claimant(actor.name, name, side or actor.side, kind or actor.kind, actor.actor_id)
        if side is None:
            raise CorrectionError(f"{name!r} is no actor of the profile: give the claimant's side as well "
                                  f"({', '.join(sorted(self.claimant_sides))})" + _did_you_mean(name, self.actors),
                                  code="CL502")
        return Claimant(name, name, side, kind or "official")


def _actors(section: Any) -> dict[str, Claimant]:
    found: dict[str, Claimant] = {}
    entries = section.get("actors") if isinstance(section, Mapping) else None
    for entry in entries or []:
        if not isinstance(entry, Mapping) or "id" not in entry or "name" not in entry:
            continue  # the claims component reports a malformed entry (CL107)
        actor = Claimant(str(entry["name"]), None, str(entry.get("side", "unknown")),
                         str(entry.get("kind", "official")), str(entry["id"]))
        for key in (entry["id"], entry["name"], *(entry.get("aliases") or [])):
            found.setdefault(str(key).casefold(), actor)
    return found


# ---------------------------------------------------------------- checks
def choice(value: str, allowed: Collection[str], what: str) -> str:
    """``value`` when the vocabulary holds it, else CL502 listing the choices."""
    value = str(value).strip()
    if value in allowed:
        return value
    raise CorrectionError(f"unknown {what} {value!r}: use one of {', '.join(sorted(allowed))}"
                          + _did_you_mean(value, allowed), code="CL502")


def iso_day(value: str | None) -> None:
    """Refuse a date filter that is no ISO date (YYYY-MM-DD) with CL503."""
    try:
        if value is not None:
            date.fromisoformat(str(value)[:10])
    except ValueError:
        raise CorrectionError(f"{value!r} is no date: give YYYY-MM-DD", code="CL503") from None


def _did_you_mean(value: str, allowed: Collection[str]) -> str:
    close = difflib.get_close_matches(value.casefold(), [a.casefold() for a in allowed], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def text(value: object, what: str, limit: int = MAX_TEXT) -> str:
    """A non-empty text of at most ``limit`` characters (who, why, a source), stripped."""
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError(f"a correction needs {what}: give a non-empty text", code="CL503")
    value = value.strip()
    if len(value) > limit:
        raise CorrectionError(f"{what} is {len(value)} characters long; keep it under {limit}", code="CL503")
    return value


def source(value: object) -> str:
    """A debunk's source: a URL (http or https, with a host) or a text saying what shows the claim false."""
    found = text(value, "a source (a URL or a text)")
    if found.lower().startswith(("http://", "https://")) and not urlsplit(found).hostname:
        raise CorrectionError(f"the source {found!r} is no usable URL: give http(s)://host/path, or a text",
                              code="CL503")
    return found


def estimate(value: float | None, low: float | None, best: float | None, high: float | None,
             qualifier: str | None) -> tuple[float | None, float | None, float | None, str] | None:
    """(low, best, high, qualifier) as a correction sets them, or None when none is given.
    ``value`` is an exact count (low = best = high); else the bounds as given, the qualifier
    following them unless named (all equal: exact; a floor: at_least; a ceiling: up_to; else range)."""
    if value is not None:
        if (low, best, high) != (None, None, None):
            raise CorrectionError("give either value (an exact count) or low/best/high, not both", code="CL503")
        low = best = high = value
        qualifier = qualifier or "exact"
    if (low, best, high) == (None, None, None):
        if qualifier is not None:
            raise CorrectionError("a qualifier comes with the values it qualifies: give low/best/high too",
                                  code="CL503")
        return None
    numbers = [_number(n, name) for n, name in ((low, "low"), (best, "best"), (high, "high"))]
    lo, mid, hi = numbers
    if lo is None and mid is None:
        raise CorrectionError("an estimate needs low or best", code="CL503")
    given = [n for n in numbers if n is not None]
    if given != sorted(given):
        raise CorrectionError(f"low <= best <= high does not hold for {lo}, {mid}, {hi}", code="CL503")
    if qualifier is None:
        qualifier = ("exact" if lo == mid == hi else "at_least" if hi is None and lo is not None
                     else "up_to" if lo is None else "range")
    return lo, mid, hi, choice(qualifier, QUALIFIERS, "qualifier")


def _number(value: float | None, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise CorrectionError(f"{name} must be a number of zero or more, not {value!r}", code="CL503")
    return float(value)


def values_of(figure: Figure) -> FigureValues:
    """Every value of ``figure`` that a correction can set (what a confirmation pins)."""
    return FigureValues(figure.measure, figure.subject_side, figure.low, figure.best, figure.high,
                        figure.qualifier, figure.claimant)
