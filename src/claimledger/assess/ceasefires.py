"""A ceasefire's life: its declaration, its rejection and the violations alleged during it, in order.

``ceasefire_chains(events)`` starts one chain at each ``ceasefire_declared`` event and attaches the
``ceasefire_rejected`` and ``ceasefire_violation`` events that belong to it:

- a rejection dated from the day before the declaration to the truce's last day (or, for a truce
  with no stated end, ``OPEN_DAYS`` after it starts): "Kyiv rejected the truce" is said around
  the announcement;
- a violation dated within the truce (its first day to its last day plus one: reports of the last
  night arrive the next morning), or within ``OPEN_DAYS`` of the start when no end is stated.

An event that fits several truces goes to the latest one declared before it; undated events join
none. Each chain lists its events in date order (the declaration first on a tie), and
``timeline(events)`` lists every dated event in date order, the undated after them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Event

DECLARED = "ceasefire_declared"
FOLLOWERS = frozenset({"ceasefire_rejected", "ceasefire_violation"})
OPEN_DAYS = 3


@dataclass(frozen=True, slots=True)
class CeasefireChain:
    """A declared ceasefire and the rejections and violations that belong to it, in date order."""

    declared: Event
    events: tuple[Event, ...]  # the declaration first, then the others by date

    @property
    def rejections(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.type == "ceasefire_rejected")

    @property
    def violations(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.type == "ceasefire_violation")


def ceasefire_chains(events: Iterable[Event]) -> list[CeasefireChain]:
    """The chains of ``events`` (see the module docstring), by declaration date."""
    events = list(events)
    truces = sorted((e for e in events if e.type == DECLARED and _day(e.date_start)), key=_key)
    members: dict[str, list[Event]] = {t.id: [] for t in truces}
    for event in events:
        day = _day(event.date_start)
        if event.type not in FOLLOWERS or day is None:
            continue
        fitting = [t for t in truces if _fits(event.type, day, t)]
        if fitting:
            members[max(fitting, key=_key).id].append(event)
    return [CeasefireChain(t, (t, *sorted(members[t.id], key=_key))) for t in truces]


def timeline(events: Iterable[Event]) -> list[Event]:
    """Every event by date (the undated last, in their given order)."""
    events = list(events)
    dated = sorted((e for e in events if _day(e.date_start)), key=_key)
    return dated + [e for e in events if not _day(e.date_start)]


def _fits(kind: str, day: dt.date, truce: Event) -> bool:
    start = _day(truce.date_start)
    assert start is not None
    end = _day(truce.date_end)
    last = end if end is not None and end >= start else start + dt.timedelta(days=OPEN_DAYS)
    if kind == "ceasefire_rejected":
        return start - dt.timedelta(days=1) <= day <= last
    return start <= day <= last + dt.timedelta(days=1 if end is not None else 0)


def _key(event: Event) -> tuple[str, int]:
    return (event.date_start or "")[:16], 0 if event.type == DECLARED else 1


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
