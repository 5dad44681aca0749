"""Link event mentions across articles into events.

Within an article the extractor already gives one mention per real event;
here mentions from different articles that report the same real event become
one ``Event`` whose ``article_refs`` list every article. Two mentions are the
same event when, in this order:

    1. their types agree (``strike`` and ``casualty_report`` count as one);
    2. their start days are at most ``MAX_DAY_GAP`` apart (a mention without
       a date joins only on a strong key argument, below);
    3. their key argument agrees, which depends on the type:
       - place-bound events (strike, casualty report, capture, deployment):
         the places are compatible (same place, a region containing the
         other, or their points lie within ``PLACE_KM``; ``AREA_KM`` when one
         of them is a region or area; a whole country contains nothing but
         itself); an undated mention joins only the very same place; a
         mention with no place joins a dated placeless event of the same day
         only when that day has exactly one such event;
       - losses tallies: the same announcer and the same as-of day;
       - announced events (statements, demands, negotiation, nuclear posture):
         the same announcer or initiator, by name;
       - ceasefires: the date alone (two declarations of a ceasefire on the
         same day in one conflict are one declaration);
    4. never two mentions of the same article (they were already merged).

Mentions are taken in date order and each joins the first compatible event,
so linking is linear in the number of mentions per (type, day) bucket. The
merged event takes its place, title and date from its most specific mention
(city before region before country) and the union of the actors.

``status`` is ``corroborated`` when two or more independent sources report
the event: articles from different outlets that are not in one copy group.
Contested and unverified statuses come with the assessment stage.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..records import Article, Event, EventActor, EventMention, Place

MAX_DAY_GAP = 1
PLACE_KM = 50.0
AREA_KM = 150.0
SAME_TYPE = {"casualty_report": "strike"}
PLACE_BOUND = frozenset({"strike", "capture", "deployment"})
DATE_ONLY = frozenset({"ceasefire_declared", "ceasefire_rejected", "ceasefire_violation"})
SPECIFICITY = {"city": 3, "area": 2, "admin1": 1, "country": 0}


@dataclass(slots=True)
class _Linked:
    """An event being built: its mentions and the articles they come from."""

    kind: str
    day: date | None
    mentions: list[tuple[EventMention, Article]]

    def articles(self) -> set[str]:
        return {a.id for _, a in self.mentions}


def link_events(mentions: Iterable[tuple[EventMention, Article]]) -> list[Event]:
    """Link ``(mention, article)`` pairs into events (see the module docstring)."""
    ordered = sorted(mentions, key=lambda ma: (_day(ma[0].date_start) or date.max, ma[1].id, ma[0].id))
    by_bucket: dict[tuple[str, date | None], list[_Linked]] = {}
    linked: list[_Linked] = []
    for mention, article in ordered:
        kind = SAME_TYPE.get(mention.type, mention.type)
        day = _day(mention.date_start)
        target = _find(by_bucket, kind, day, mention, article)
        if target is None:
            target = _Linked(kind=kind, day=day, mentions=[])
            linked.append(target)
            by_bucket.setdefault((kind, day), []).append(target)
        target.mentions.append((mention, article))
    return [_event(item) for item in linked]


def _find(by_bucket: dict[tuple[str, date | None], list[_Linked]], kind: str, day: date | None,
          mention: EventMention, article: Article) -> _Linked | None:
    days: Sequence[date | None]
    if day is None:
        days = [None]
        candidates = [e for (k, _), events in by_bucket.items() if k == kind for e in events]
    else:
        days = [day + timedelta(days=d) for d in range(-MAX_DAY_GAP, MAX_DAY_GAP + 1)]
        candidates = [e for d in days for e in by_bucket.get((kind, d), [])]
    candidates = [e for e in candidates if article.id not in e.articles()]
    for event in candidates:
        if _agrees(event, mention, dated=day is not None, alone=len(candidates) == 1):
            return event
    return None


def _agrees(event: _Linked, mention: EventMention, *, dated: bool, alone: bool) -> bool:
    if mention.type in DATE_ONLY:
        return dated
    if mention.type in PLACE_BOUND or SAME_TYPE.get(mention.type) in PLACE_BOUND:
        places = [m.place for m, _ in event.mentions if m.place is not None]
        if mention.place is None or not places:
            return dated and alone and event.day is not None and mention.place is None and not places
        if not dated or event.day is None:  # an undated mention joins only the very same place
            return any(_same_place(mention.place, p) for p in places)
        return any(places_compatible(mention.place, p, strict=True) for p in places)
    if mention.type == "losses_tally":  # a daily tally: the same announcer and the same as-of day
        return dated and event.day == _day(mention.date_start) and _announcers(mention) & {
            n for m, _ in event.mentions for n in _announcers(m)} != set()
    names = {a.name for m, _ in event.mentions for a in m.actors if a.role in ("announcer", "initiator")}
    return any(a.name in names for a in mention.actors if a.role in ("announcer", "initiator"))


def _announcers(mention: EventMention) -> set[str]:
    return {a.name for a in mention.actors if a.role == "announcer"}


def _same_place(a: Place, b: Place) -> bool:
    return (a.geonameid is not None and a.geonameid == b.geonameid) or (a.name == b.name and a.kind == b.kind)


def places_compatible(a: Place, b: Place, *, strict: bool = False) -> bool:
    """Same place, one containing the other, or points close enough. ``strict`` (for linking events):
    a whole country contains no particular city or region (a nationwide drone night is no strike on Sumy)."""
    if (a.geonameid is not None and a.geonameid == b.geonameid) or a.name == b.name:
        return True
    for broad, narrow in ((a, b), (b, a)):
        if strict and broad.kind == "country":
            continue
        if broad.kind == "country" and broad.country is not None and broad.country == narrow.country:
            return True
        if broad.kind == "admin1" and narrow.admin1 is not None and narrow.admin1 == broad.name:
            return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    limit = AREA_KM if "area" in (a.kind, b.kind) or "admin1" in (a.kind, b.kind) else PLACE_KM
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit  # type: ignore[arg-type]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _event(item: _Linked) -> Event:
    mentions = [m for m, _ in item.mentions]
    lead = max(mentions, key=lambda m: (SPECIFICITY.get(m.place.kind, -1) if m.place else -2,
                                        m.date_start is not None))
    articles = [a for _, a in item.mentions]
    refs = tuple(dict.fromkeys(a.ref or a.id for a in articles))
    actors = tuple(dict.fromkeys(EventActor(a.name, a.side, a.role) for m in mentions for a in m.actors))
    sources = _independent_sources(articles)
    mention_ids = tuple(m.id for m in mentions)
    return Event(
        id="ev:" + hashlib.sha1("\n".join(sorted(mention_ids)).encode()).hexdigest()[:16],
        type=lead.type,
        title=lead.title,
        date_start=lead.date_start or next((m.date_start for m in mentions if m.date_start), None),
        date_end=lead.date_end or next((m.date_end for m in mentions if m.date_end), None),
        place=lead.place or next((m.place for m in mentions if m.place), None),
        actors=actors,
        article_ids=tuple(dict.fromkeys(a.id for a in articles)),
        article_refs=refs,
        mention_ids=mention_ids,
        status="corroborated" if sources >= 2 else "single_source",
        sources=sources,
    )


def _independent_sources(articles: Sequence[Article]) -> int:
    """Articles from different outlets and different copy groups count once each."""
    outlets: set[str] = set()
    groups: set[str] = set()
    count = 0
    for article in articles:
        outlet = (article.outlet or "").casefold() or None
        group = article.copy_group or article.id
        if group in groups or (outlet is not None and outlet in outlets):
            continue
        groups.add(group)
        if outlet is not None:
            outlets.add(outlet)
        count += 1
    return count


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
