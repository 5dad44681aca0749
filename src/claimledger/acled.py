"""Linked events as ACLED-style rows: one row per event, the columns conflict researchers already load.

ACLED (the Armed Conflict Location & Event Data project) codes one row per
event with its date, type, actors, place and fatalities. ``acled_rows`` gives
each linked event of an ACLED type such a row, with claimledger's own columns
after ACLED's:

- ``event_type`` and ``sub_event_type`` come from the profile's ``acled.yaml``
  (our event type -> ACLED's pair). Types it does not map (statements, demands,
  a whole war's losses tally) are not ACLED events and get no row.
- ``event_date`` is the day (a time of day, when known, is dropped);
  ``time_precision``: 1 when the event is dated to one day, 2 to a week at
  most, 3 otherwise; ``geo_precision``: 1 for a town, 3 for a region, an
  area or a country. An undated event gets no row (ACLED rows have a date).
- ``actor1`` / ``actor2``: the event's initiator and target, by a vote of its
  mentions (articles may disagree on who struck whom): the initiator most
  mentions name, then the target of another side most mentions name; else
  empty.
- ``source``: the outlets of the reporting articles, ``;``-separated.
- ``fatalities``, ACLED's way: the most conservative credible count of the
  dead (``Fatalities`` below). The extra columns give the low, best and high
  readings and every claimant's latest count (``fatality_claims``), so the
  choice can be checked.

Fatalities. Each subject side (the dead of Russia, of Ukraine, of no known
side) is counted on its own, from the ``killed`` figures, else the
``civilians_killed`` ones. Within a side, each claimant counts once, with
its latest figure (a revision replaces the earlier number:
``assess/revisions.py``). Credible means attributed: a figure whose claimant
has no known side ("sources said") is shown in ``fatality_claims`` but not
counted. A claimant's count is its ``best`` value, else the floor of its
range ("at least 40", "hundreds": 200). A count more than ``MAX_RATIO`` times
a side's lowest is a whole war's toll quoted in the report of one strike
(``assess/contradictions.py`` compares neither), and is left out. The conservative count of a side is
the lowest of its claimants' counts; ``fatalities_high`` the highest of their
ceilings (or counts). Sides add up; the dead of no known side ("12 people")
may already be the others' total, so they are a floor, not an addend:
``fatalities`` is the larger of the known sides' sum and that count.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from .assess.contradictions import MAX_RATIO
from .assess.revisions import side_by_side
from .errors import ConfigError
from .output import csv_value
from .profiles import Profile
from .records import Event, EventMention, Figure

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
    # claimledger's own, after ACLED's
    "fatalities_low", "fatalities_best", "fatalities_high", "fatality_claims",
    "claimledger_type", "status", "independent_sources", "article_refs",
)
DEAD = ("killed", "civilians_killed")  # the measures ACLED's fatalities count, the first preferred
UNKNOWN = "unknown"
TOWN_KINDS = frozenset({"city"})


@dataclass(frozen=True, slots=True)
class AcledType:
    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class Fatalities:
    """An event's dead, ACLED's way (see the module docstring)."""

    count: int | None  # the conservative, credible count; None when no one counted the dead
    low: int | None
    best: int | None
    high: int | None
    claims: tuple[str, ...]  # "Russian Ministry of Defence (russia, russia's dead): 89", one per claimant


def acled_types(profile: Profile) -> dict[str, AcledType]:
    """The profile's ``acled.yaml``: our event type -> ACLED's event type and sub-event type."""
    section = profile.section("acled")
    types = section.get("types") if isinstance(section, Mapping) else None
    if types is None:
        return {}
    if not isinstance(types, Mapping):
        raise ConfigError(f"acled.yaml of profile {profile.name!r}: types must map an event type to "
                          f"[event_type, sub_event_type], found {types!r}", code="CL107")
    out: dict[str, AcledType] = {}
    for ours, pair in types.items():
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)):
            raise ConfigError(f"acled.yaml of profile {profile.name!r}: {ours} must be "
                              f"[event_type, sub_event_type], found {pair!r}", code="CL107")
        out[str(ours)] = AcledType(pair[0], pair[1])
    return out


def fatalities(figures: Iterable[Figure], published: Mapping[str, str | None]) -> Fatalities:
    """The dead of one event from its figures (``published``: article id -> its date, for revisions)."""
    dead = [f for f in figures if f.measure in DEAD]
    counted: dict[str, list[tuple[int, int]]] = {}  # subject side -> (count, ceiling) per claimant
    claims: list[str] = []
    for measure in DEAD:
        for row in side_by_side((f for f in dead if f.measure == measure), published):
            latest = row.latest
            value = latest.best if latest.best is not None else latest.low
            if value is None:
                continue
            who = latest.claimant.name or latest.claimant.mention or latest.claimant.side
            subject = "no known side's" if row.subject_side == UNKNOWN else f"{row.subject_side}'s"
            claims.append(f"{who} ({latest.claimant.side}, {subject} dead): {latest.number.text}")
            if latest.claimant.side == UNKNOWN:
                continue
            if measure != DEAD[0] and any(m == DEAD[0] for m in _measures(dead, row.subject_side)):
                continue  # the side's dead are counted from its killed figures
            ceiling = latest.high if latest.high is not None else value
            counted.setdefault(row.subject_side, []).append((round(value), round(max(ceiling, value))))
    counted = {side: [(c, h) for c, h in pairs if c <= MAX_RATIO * max(1, min(c for c, _ in pairs))]
               for side, pairs in counted.items()}
    if not counted:
        return Fatalities(None, None, None, None, tuple(claims))
    known = [pairs for side, pairs in counted.items() if side != UNKNOWN]
    unknown = counted.get(UNKNOWN, [])
    low = _total([min(c for c, _ in pairs) for pairs in known], [c for c, _ in unknown], min)
    best = _total([_median([c for c, _ in pairs]) for pairs in known], [c for c, _ in unknown], _median)
    high = _total([max(h for _, h in pairs) for pairs in known], [h for _, h in unknown], max)
    return Fatalities(low, low, best, high, tuple(claims))


def _measures(figures: Sequence[Figure], side: str) -> set[str]:
    return {f.measure for f in figures if f.subject_side == side and f.claimant.side != UNKNOWN}


def _total(per_side: list[int], unknown: list[int], pick: Any) -> int:
    """The known sides' counts added up; the count of no known side is a floor under that sum."""
    return max(sum(per_side), pick(unknown) if unknown else 0)


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]  # the lower middle: conservative for an even count


def acled_rows(events: Iterable[Event], figures_of: Mapping[str, Sequence[Figure]],
               mentions_of: Mapping[str, Sequence[EventMention]], outlets_of: Mapping[str, str | None],
               published: Mapping[str, str | None], types: Mapping[str, AcledType]) -> Iterator[dict[str, Any]]:
    """One row per dated event of an ACLED type (``COLUMNS``, in that order). ``figures_of`` and
    ``mentions_of`` map an event id to its figures and its mentions; ``outlets_of`` and ``published``
    map an article id to its outlet and date."""
    for event in events:
        kind = types.get(event.type)
        if kind is None or not event.date_start:
            continue
        dead = fatalities(figures_of.get(event.id, ()), published)
        place = event.place
        outlets = sorted({o for a in event.article_ids if (o := outlets_of.get(a))})
        actor1, actor2 = _actors(event, mentions_of.get(event.id, ()))
        notes = event.title if not dead.claims else f"{event.title}. Fatalities claimed: {'; '.join(dead.claims)}"
        yield dict(zip(COLUMNS, (
            event.id, event.date_start[:10], event.date_start[:4], _time_precision(event), kind.event_type,
            kind.sub_event_type, actor1, actor2,
            place.country if place else None, place.admin1 if place else None, place.name if place else None,
            place.lat if place else None, place.lon if place else None,
            None if place is None else 1 if place.kind in TOWN_KINDS else 3,
            "; ".join(outlets), notes, dead.count if dead.count is not None else 0,
            dead.low, dead.best, dead.high, "; ".join(dead.claims),
            event.type, event.status, event.sources, "; ".join(event.article_refs),
        ), strict=True))


def _actors(event: Event, mentions: Sequence[EventMention]) -> tuple[str | None, str | None]:
    """The initiator and the target most mentions name, the target of another side than the initiator
    (the event's own actors when no mention is given)."""
    named = [a for m in mentions for a in m.actors] or list(event.actors)
    initiators = Counter((a.name, a.side) for a in named if a.role == "initiator" and a.name)
    first = initiators.most_common(1)[0][0] if initiators else None
    targets = Counter((a.name, a.side) for a in named
                      if a.role == "target" and a.name and (first is None or a.side != first[1]))
    second = targets.most_common(1)[0][0] if targets else None
    return (first[0] if first else None), (second[0] if second else None)


def _time_precision(event: Event) -> int:
    if not event.date_end or event.date_end[:10] == (event.date_start or "")[:10]:
        return 1
    try:
        days = (date.fromisoformat(event.date_end[:10]) - date.fromisoformat((event.date_start or "")[:10])).days
    except ValueError:
        return 3
    return 2 if days <= 7 else 3


def write_acled_csv(rows: Iterable[dict[str, Any]], out: TextIO, *, raw: bool = False) -> int:
    """Write the rows as CSV with ACLED's header; the number of rows written. Text that a spreadsheet
    would run as a formula is defused unless ``raw`` (``output.csv_value``)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    written = 0
    for row in rows:
        writer.writerow(["" if row[c] is None else csv_value(row[c], raw=raw) for c in COLUMNS])
        written += 1
    return written
