"""Step 4 of the events component (``component.py``): mentions grouped into one draft event per real event.

``Mention`` is one trigger with its local arguments, ``DraftEvent`` a group of mentions the component
turns into an ``EventMention`` record. ``merge_mentions`` and ``fold_weak`` apply rule 4 of the
component's docstring.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...records import EventActor, EventPolicy, Place, PlaceMention, Span, TimeExpression
from .arguments import is_day

MERGE_WINDOW = 3  # sentences within which an event without its own date or place joins the last one


@dataclass(frozen=True, slots=True)
class Mention:
    """One trigger with its local arguments."""

    type: str
    sent: int
    trigger: Span
    anaphoric: bool
    distinct: bool  # "another strike", "a second attack": never the event before
    cumulative: bool  # a toll over the whole war ("have died since the invasion began")
    loose_date: bool  # the date stands in another clause of the sentence (``arguments.time_tie`` LOOSE)
    date: TimeExpression | None
    reported: TimeExpression | None  # the day of the report that introduces it (a last resort)
    place: Place | None
    announcer: EventActor | None
    initiator: EventActor | None
    target: EventActor | None
    apart_from: frozenset[int] = frozenset()  # triggers of events the text sets days apart from this one
    period: tuple[dt.date, dt.date] | None = None  # a week, month or year tied to it: its day lies within


@dataclass(slots=True)
class DraftEvent:
    type: str
    mentions: list[Mention] = field(default_factory=list)
    active: int = 0  # last sentence that mentioned it (or its city)


def merge_mentions(mentions: Sequence[Mention], places: Sequence[PlaceMention],
                   sent_starts: list[int], policy: EventPolicy) -> list[DraftEvent]:
    """Group mentions into events (rule 4 of the module docstring), in text order."""
    events: list[DraftEvent] = []
    city_sents: dict[str, list[int]] = {}
    for p in places:
        if p.place.kind == "city":
            city_sents.setdefault(p.place.name, []).append(bisect.bisect_right(sent_starts, p.span.start) - 1)
    for m in mentions:
        family = policy.merge_family(m.type)
        for event in events:
            city = _event_city(event)
            if city is not None:
                event.active = max([event.active, *(s for s in city_sents.get(city, ()) if s <= m.sent)])
        candidates = [e for e in events if _joinable(e, m, family, policy)]
        if m.type == "casualty_report" and not m.cumulative:
            near = [e for e in events if e.type in ("strike", "losses_tally") and m.sent - e.active <= 2
                    and not _conflicts(e, m, policy) and not cumulative(e)]  # dead in another city: another strike
            candidates = near or candidates
        target = max(candidates, key=lambda e: e.active, default=None)
        if target is None:
            located = m.type == "casualty_report" and not m.cumulative and m.place is not None \
                and m.place.kind == "city"
            events.append(DraftEvent(type="strike" if located else m.type, mentions=[m], active=m.sent))
        else:
            target.mentions.append(m)
            target.active = max(target.active, m.sent)
            if family == "statement":
                votes = [x.type for x in target.mentions]
                target.type = max(dict.fromkeys(votes), key=votes.count)
            if target.type == "casualty_report" and m.type == "strike":
                target.type = "strike"
    return events


def fold_weak(events: list[DraftEvent], policy: EventPolicy) -> list[DraftEvent]:
    """A mention with no date, place or actor of its own (for a strike, side words and announcers do not
    count) joins the main event of its family."""
    kept: list[DraftEvent] = []
    for event in events:
        family = policy.merge_family(event.type)
        sided = family != "strike"  # "a Russian strike, Kyiv said": sides and sources tell no strike from another
        weak = all(m.date is None and m.place is None and not (sided and (m.initiator or m.target or m.announcer))
                   and not m.distinct and not m.apart_from for m in event.mentions)
        main = next((e for e in kept if policy.merge_family(e.type) == family), None)
        if weak and main is not None and family != "ceasefire":
            main.mentions.extend(event.mentions)
            main.mentions.sort(key=lambda m: m.trigger.start)
            continue
        kept.append(event)
    return kept


def _kept_apart(event: DraftEvent, m: Mention) -> bool:
    """The text sets the mention days apart from one of the event's mentions ("the day after the attack")."""
    return any(x.trigger.start in m.apart_from for x in event.mentions)


def cumulative(event: DraftEvent) -> bool:
    return any(x.cumulative for x in event.mentions)


def _joinable(event: DraftEvent, m: Mention, family: str, policy: EventPolicy) -> bool:
    if policy.merge_family(event.type) != family or m.distinct or \
            family == "strike" and m.cumulative != cumulative(event) or _kept_apart(event, m):
        return False
    if family == "ceasefire":
        return event.type == m.type  # one ceasefire (or rejection) per article; its days vary
    if _conflicts(event, m, policy):
        return False
    if family == "statement":
        announcers = {x.announcer.side for x in event.mentions if x.announcer}
        return m.announcer is None or not announcers or m.announcer.side in announcers
    has_own = (m.date is not None and is_day(m.date.value)) or (m.place is not None and m.place.kind == "city")
    return m.anaphoric or not has_own and m.sent - event.active <= MERGE_WINDOW or has_own


def _conflicts(event: DraftEvent, m: Mention, policy: EventPolicy) -> bool:
    # a toll's day often dates the report of it ("said on January 2 that 400 were killed"), not the event
    days = {str(x.date.value)[:10] for x in event.mentions if x.date and is_day(x.date.value)
            and x.type != "casualty_report" and (x.type == m.type or m.type != "strike")}
    if m.type != "casualty_report" and m.date is not None and is_day(m.date.value) and days \
            and str(m.date.value)[:10] not in days and not refers_back(m, policy):
        return True  # "30 wounded since the attack" refers back whatever day another clause names
    city = _event_city(event)
    return city is not None and m.place is not None and m.place.kind == "city" and m.place.name != city


def refers_back(m: Mention, policy: EventPolicy) -> bool:
    """A strike named again, dated only by another clause of its sentence ("30 wounded since the attack")."""
    return m.anaphoric and m.loose_date and m.type in policy.physical


def _event_city(event: DraftEvent) -> str | None:
    for x in event.mentions:
        if x.place is not None and x.place.kind == "city":
            return x.place.name
    return None
