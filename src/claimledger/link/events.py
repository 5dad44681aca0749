"""Link event mentions across articles into events.

Within an article the extractor already gives one mention per real event;
here mentions from different articles that report the same real event become
one ``Event`` whose ``article_refs`` list every article. Two mentions are the
same event when, in this order:

    1. their types agree: the same family of the profile's ``link_families``
       (``event_types.yaml``: ``strike`` and ``casualty_report`` are one);
    2. their start days are at most ``MAX_DAY_GAP`` apart (a mention without
       a date joins only on a strong key argument, below);
    3. their key argument agrees, which depends on the type:
       - place-bound events (the profile's ``place_bound`` types and their families):
         the places are compatible (same place, or towns within
         ``PLACE_KM``; on the very same day also a region containing the
         other, or points within ``AREA_KM`` when one of them is a region or
         area; a whole country contains nothing but itself); an undated
         mention joins only the very same place; a
         mention with no place joins a dated placeless event only when it is
         the only event in reach or the only placeless one of its day, and
         one placed by no town (only a region, an area or a country) only
         on the same day, as the only such event of that day;
       - losses tallies: the same announcer and the same as-of day;
       - announced events (statements, demands, negotiation, nuclear posture):
         the same announcer, by name (the same initiator when the mention
         names no announcer: a side word alone links nothing else);
       - ``date_only`` types (ceasefires): the date alone (two declarations of
         a ceasefire on the same day in one conflict are one declaration);
    4. never two mentions of the same article (they were already merged).

An undated mention joins only an event whose day lies within
``UNDATED_WINDOW_DAYS`` before its article's publication, or an undated event
reported within that many days of it (a report of an old strike on the same
town is no report of last night's). A dated mention that joins no dated event may
join an undated event reported from the day before its day to
``UNDATED_WINDOW_DAYS`` after it, on the same terms (in one pass there is
none: undated mentions come last; linking new articles into stored events,
an undated report may have come first).

Mentions are taken in date order (then article and mention id) and each joins
the first compatible event, so linking is linear in the number of mentions per
(type, day) bucket. ``Linker`` does this over events already linked (loaded
from the store by ``blocks``: the events of the mention's family within its
date window), so a new article's mentions join the stored events without the
rest of the ledger; ``link_events`` is one pass over a set of mentions. An
event's id is a hash of the mention that founded it (``new_event_id``).
The merged event's fields come from all its mentions, so that no single
article decides them:

- date: the day most mentions give (month-only dates count only when no
  mention gives a day; for a ceasefire, mentions stating its interval
  outvote the others); a tie goes to the earliest day (a strike reported
  over several days happened on the first); the value kept is the most
  precise one of that day (a date-time over a bare day), with its end;
- place: the place most mentions agree with (a mention agrees with a place
  when its own place is the same, contains it or lies near it, see
  ``places_compatible``), a tie going to the place most mentions name
  exactly, then to the most specific (city before area before region before
  country), then to the first mention in linking order;
- type: the most frequent type of the mentions, ``strike`` before
  ``casualty_report`` on a tie; the title is that of a mention of that type
  and place; the actors are the union of the mentions'.

``status`` is ``corroborated`` when two or more independent sources report
the event: articles from different outlets that are not in one copy group.
Contested and unverified statuses come with the assessment stage.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..records import Article, Event, EventActor, EventBlock, EventMention, EventPolicy, Place

MAX_DAY_GAP = 1
UNDATED_WINDOW_DAYS = 14
PLACE_KM = 50.0
AREA_KM = 150.0
SPECIFICITY = {"city": 3, "area": 2, "admin1": 1, "country": 0}


VERSION = "2"  # bump when linking decisions change: a ledger linked by another version is relinked whole


@dataclass(slots=True, eq=False)
class _Linked:
    """An event being built: its mentions and the articles they come from.

    ``order`` is its creation rank and ``bucket`` the rank of its (kind, day)
    bucket's first event: candidates are tried in the order a single pass over
    every mention would meet them. ``new`` counts the mentions joined in this pass."""

    kind: str
    day: date | None
    mentions: list[tuple[EventMention, Article]]
    id: str | None = None
    order: int = 0
    bucket: int = 0
    new: int = 0

    def articles(self) -> set[str]:
        return {a.id for _, a in self.mentions}

    def published_days(self) -> list[date]:
        return [d for _, a in self.mentions if (d := _day(a.published)) is not None]


@dataclass(frozen=True, slots=True)
class LinkedGroup:
    """An event as the linker leaves it: its id (None until named), its blocking keys, its
    mentions in joining order and how many of them joined in this pass (the last ``new``)."""

    id: str | None
    kind: str
    day: date | None
    mentions: tuple[tuple[EventMention, Article], ...]
    new: int = 0

    def published(self) -> tuple[str | None, str | None]:
        """The earliest and latest publication day of its articles (ISO), for blocking undated mentions."""
        days = sorted(d.isoformat() for _, a in self.mentions if (d := _day(a.published)) is not None)
        return (days[0], days[-1]) if days else (None, None)


def blocks(mention: EventMention, article: Article, policy: EventPolicy) -> list[EventBlock]:
    """The stored events ``mention`` could join (see ``_find``): the blocking of incremental linking."""
    kind = policy.link_family(mention.type)
    day = _day(mention.date_start)
    if day is not None:
        return [EventBlock(kind, ((day - timedelta(days=MAX_DAY_GAP)).isoformat(),
                                  (day + timedelta(days=MAX_DAY_GAP)).isoformat()),
                           ((day - timedelta(days=1)).isoformat(),
                            (day + timedelta(days=UNDATED_WINDOW_DAYS)).isoformat()))]
    published = _day(article.published)
    if published is None:  # an undated mention in an undated article: the whole kind is in reach
        return [EventBlock(kind, None)]
    window = timedelta(days=UNDATED_WINDOW_DAYS)
    return [EventBlock(kind, ((published - window).isoformat(), (published + timedelta(days=1)).isoformat()),
                       ((published - window).isoformat(), (published + window).isoformat()))]


class Linker:
    """Mentions joined to events one at a time, over events already linked (``groups``).

    Indexes keep each step to the events in reach: by (kind, founding day), and the undated events
    by (kind, publication day of each article), so linking is linear in the mentions."""

    def __init__(self, policy: EventPolicy, groups: Iterable[LinkedGroup] = ()) -> None:
        self.policy = policy
        self.linked: list[_Linked] = []
        self._by_bucket: dict[tuple[str, date | None], list[_Linked]] = {}
        self._bucket_rank: dict[tuple[str, date | None], int] = {}
        self._undated: dict[tuple[str, date], list[_Linked]] = {}
        self._undated_anyday: dict[str, list[_Linked]] = {}
        for group in groups:
            item = self._new(group.kind, group.day, group.id)
            for mention, article in group.mentions:
                self._join(item, mention, article)
            item.new = 0

    def _new(self, kind: str, day: date | None, event_id: str | None = None) -> _Linked:
        key = (kind, day)
        rank = self._bucket_rank.setdefault(key, len(self._bucket_rank))
        item = _Linked(kind=kind, day=day, mentions=[], id=event_id, order=len(self.linked), bucket=rank)
        self.linked.append(item)
        self._by_bucket.setdefault(key, []).append(item)
        if day is None:
            self._undated_anyday.setdefault(kind, []).append(item)
        return item

    def _join(self, item: _Linked, mention: EventMention, article: Article) -> None:
        item.mentions.append((mention, article))
        item.new += 1
        published = _day(article.published)
        if item.day is None and published is not None:
            bucket = self._undated.setdefault((item.kind, published), [])
            if item not in bucket:
                bucket.append(item)

    def add(self, mention: EventMention, article: Article) -> None:
        kind = self.policy.link_family(mention.type)
        day = _day(mention.date_start)
        target = self._find(kind, day, mention, article)
        if target is None:
            target = self._new(kind, day)
        self._join(target, mention, article)

    def add_all(self, mentions: Iterable[tuple[EventMention, Article]]) -> None:
        """Add mentions in linking order: by date (undated last), then article and mention id."""
        for mention, article in sorted(mentions, key=_linking_order):
            self.add(mention, article)

    def groups(self) -> list[LinkedGroup]:
        return [LinkedGroup(item.id, item.kind, item.day, tuple(item.mentions), item.new) for item in self.linked]

    def _in_reach(self, kind: str, day: date | None, article: Article) -> list[_Linked]:
        if day is not None:  # day by day, as a single pass meets them
            return [e for d in range(-MAX_DAY_GAP, MAX_DAY_GAP + 1)
                    for e in self._by_bucket.get((kind, day + timedelta(days=d)), [])]
        published = _day(article.published)
        if published is None:
            found = [e for (k, _), events in self._by_bucket.items() if k == kind for e in events]
        else:
            found = [e for d in range(-UNDATED_WINDOW_DAYS, 2)
                     for e in self._by_bucket.get((kind, published + timedelta(days=d)), [])]
            found += [e for d in range(-UNDATED_WINDOW_DAYS, UNDATED_WINDOW_DAYS + 1)
                      for e in self._undated.get((kind, published + timedelta(days=d)), [])]
            found = list({id(e): e for e in found}.values())
        return sorted(found, key=lambda e: (e.bucket, e.order))

    def _find(self, kind: str, day: date | None, mention: EventMention, article: Article) -> _Linked | None:
        candidates = [e for e in self._in_reach(kind, day, article) if article.id not in e.articles()]
        placeless = [e for e in candidates if e.day == day and not any(_pinned(m.place) for m, _ in e.mentions)]
        if day is None:
            published = _day(article.published)
            candidates = [e for e in candidates if published is None or (
                timedelta(days=-1) <= published - e.day <= timedelta(days=UNDATED_WINDOW_DAYS)
                if e.day is not None
                else any(abs((published - p).days) <= UNDATED_WINDOW_DAYS for p in e.published_days()))]
        for event in candidates:
            if _agrees(event, mention, self.policy, dated=day is not None,
                       alone=len(candidates) == 1 or placeless == [event]):
                return event
        if day is not None:  # an undated event reported soon after: joined on the undated terms
            for event in self._undated_after(kind, day, article):
                if _agrees(event, mention, self.policy, dated=False, alone=False):
                    return event
        return None

    def _undated_after(self, kind: str, day: date, article: Article) -> list[_Linked]:
        """Undated events with an article published from the day before ``day`` to
        ``UNDATED_WINDOW_DAYS`` after it. In a single pass undated mentions come last, so there are
        none yet; linking new articles into stored events, an undated report may have come first."""
        found = [e for d in range(-1, UNDATED_WINDOW_DAYS + 1)
                 for e in self._undated.get((kind, day + timedelta(days=d)), []) if article.id not in e.articles()]
        return sorted({id(e): e for e in found}.values(), key=lambda e: (e.bucket, e.order))


def _linking_order(pair: tuple[EventMention, Article]) -> tuple[date, str, str]:
    return (_day(pair[0].date_start) or date.max, pair[1].id, pair[0].id)


def new_event_id(founder: str, taken: Container[str]) -> str:
    """An event's id: a hash of the mention that founded it, so relinking the same mentions gives the
    same ids, and mentions joining later never change it. Taken ids (an event founded by the same
    mention before it moved) get the next of a deterministic sequence of hashes."""
    n = 0
    while True:
        key = founder if n == 0 else f"{founder}\n{n}"
        candidate = "ev:" + hashlib.sha1(key.encode()).hexdigest()[:16]
        if candidate not in taken:
            return candidate
        n += 1


def name_groups(groups: Sequence[LinkedGroup], taken: Container[str]) -> list[LinkedGroup]:
    """``groups`` with every unnamed one given its id (``new_event_id``), none of them in ``taken``."""
    used: set[str] = set()
    named: list[LinkedGroup] = []
    for group in groups:
        if group.id is None:
            event_id = new_event_id(group.mentions[0][0].id, _Either(taken, used))
            used.add(event_id)
            group = replace(group, id=event_id)
        named.append(group)
    return named


@dataclass(frozen=True, slots=True)
class _Either:
    first: Container[str]
    second: Container[str]

    def __contains__(self, item: object) -> bool:
        return item in self.first or item in self.second


def link_events(mentions: Iterable[tuple[EventMention, Article]], policy: EventPolicy) -> list[Event]:
    """Link ``(mention, article)`` pairs into events in one pass (see the module docstring)."""
    linker = Linker(policy)
    linker.add_all(mentions)
    return [build_event(group, policy) for group in name_groups(linker.groups(), ())]


def _agrees(event: _Linked, mention: EventMention, policy: EventPolicy, *, dated: bool, alone: bool) -> bool:
    if mention.type in policy.date_only:
        return dated
    if mention.type in policy.place_bound or policy.link_family(mention.type) in policy.place_bound:
        places = [m.place for m, _ in event.mentions if m.place is not None]
        if mention.place is None or not places:  # no town on either side: only the one such event in reach
            return dated and alone and event.day is not None and mention.place is None and (
                not places or not any(_pinned(p) for p in places) and event.day == _day(mention.date_start))
        if not dated or event.day is None:  # an undated mention joins only the very same place
            return any(_same_place(mention.place, p) for p in places)
        if any(_same_place(mention.place, p) or _near(mention.place, p) for p in places):
            return True
        same_day = event.day == _day(mention.date_start)  # a region holding the town is weaker evidence
        return same_day and any(places_compatible(mention.place, p, strict=True) for p in places)
    if mention.type == "losses_tally":  # a daily tally: the same announcer and the same as-of day
        return dated and event.day == _day(mention.date_start) and _announcers(mention) & {
            n for m, _ in event.mentions for n in _announcers(m)} != set()
    role = "announcer" if _announcers(mention) else "initiator"  # a speaker, not a side word, when named
    names = {a.name for m, _ in event.mentions for a in m.actors if a.role == role}
    return any(a.name in names for a in mention.actors if a.role == role)


def _announcers(mention: EventMention) -> set[str]:
    return {a.name for a in mention.actors if a.role == "announcer"}


def _pinned(place: Place | None) -> bool:
    """A place that pins an event down: a town, not a region, an area or a country."""
    return place is not None and place.kind not in ("admin1", "area", "country")


def _near(a: Place, b: Place) -> bool:
    """Two towns (or sites) within ``PLACE_KM`` of each other."""
    if not (_pinned(a) and _pinned(b)) or None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= PLACE_KM  # type: ignore[arg-type]


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


def build_event(group: LinkedGroup, policy: EventPolicy) -> Event:
    """The ``Event`` record of a named group: fields voted over its mentions (module docstring)."""
    if group.id is None:
        raise ValueError("name the group first (name_groups)")
    mentions = [m for m, _ in group.mentions]
    date_start, date_end = _voted_date(mentions, policy)
    place = _voted_place(mentions)
    types = [m.type for m in mentions]
    type_ = max(dict.fromkeys(sorted(types, key=lambda t: t != "strike")), key=types.count)
    lead = next((m for m in mentions if m.type == type_ and m.place == place),
                next(m for m in mentions if m.type == type_))
    articles = [a for _, a in group.mentions]
    refs = tuple(dict.fromkeys(a.ref or a.id for a in articles))
    actors = tuple(dict.fromkeys(EventActor(a.name, a.side, a.role) for m in mentions for a in m.actors))
    sources = _independent_sources(articles)
    mention_ids = tuple(m.id for m in mentions)
    return Event(
        id=group.id,
        type=type_,
        title=lead.title,
        date_start=date_start,
        date_end=date_end,
        place=place,
        actors=actors,
        article_ids=tuple(dict.fromkeys(a.id for a in articles)),
        article_refs=refs,
        mention_ids=mention_ids,
        status="corroborated" if sources >= 2 else "single_source",
        sources=sources,
    )


def _voted_date(mentions: Sequence[EventMention], policy: EventPolicy) -> tuple[str | None, str | None]:
    """The day most mentions give, the earliest on a tie, at its most precise (see the module docstring)."""
    dated = [m for m in mentions if m.date_start]
    days = [m for m in dated if _day(m.date_start) is not None and len(str(m.date_start)) >= 10]
    intervals = [m for m in days if m.date_end and m.type in policy.date_only]
    pool = intervals or days or dated
    if not pool:
        return None, None
    keys = [str(m.date_start)[:10] for m in pool]
    best = min(set(keys), key=lambda k: (-keys.count(k), k))
    chosen = [m for m, k in zip(pool, keys, strict=True) if k == best]
    pick = max(chosen, key=lambda m: (len(str(m.date_start)), m.date_end is not None))
    return pick.date_start, pick.date_end or next((m.date_end for m in chosen if m.date_end), None)


def _voted_place(mentions: Sequence[EventMention]) -> Place | None:
    """The place most mentions agree with, the most specific on a tie (see the module docstring)."""
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return None
    support = [sum(_agrees_with(other, p) for other in places) for p in places]
    same = [sum(_same_place(other, p) for other in places) for p in places]
    best = max(range(len(places)), key=lambda k: (support[k], same[k], SPECIFICITY.get(places[k].kind, -1), -k))
    return places[best]


def _agrees_with(mentioned: Place, candidate: Place) -> bool:
    """A mention's place agrees with a candidate event place: the same, containing it, or near it."""
    if _same_place(mentioned, candidate):
        return True
    if mentioned.kind == "country":
        return candidate.country is not None and candidate.country == mentioned.country
    if SPECIFICITY.get(mentioned.kind, -1) > SPECIFICITY.get(candidate.kind, -1):
        return False  # a town does not vouch for the region around it
    return places_compatible(mentioned, candidate, strict=True)


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
