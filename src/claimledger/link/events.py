"""Link event mentions across articles into events.

Within an article the extractor already gives one mention per real event;
here mentions from different articles that report the same real event become
one ``Event`` whose ``article_refs`` list every article. A mention is scored
against each event in reach and joins the best one whose score reaches the
profile's threshold (``scoring.py`` has the signals: type, date with its
confidence, place, actors, names, text and figures; the profile's
``event_types.yaml`` ``scoring`` section their weights). Never two mentions of
one article in one event: they were already merged, and a background mention
("a week after the Makiivka strike") is the article's own mention of the
earlier event, so it joins that event (the article is in its
``article_refs``) while the article's own event links on its own.

Which events are in reach (``blocks``, the blocking of incremental linking):
those of the mention's type family (``link_families``: ``strike`` and
``casualty_report`` are one) founded within ``window_days`` of its day; an
undated mention reaches the events of the ``UNDATED_WINDOW_DAYS`` before its
article's publication (a report of an old strike on the same town is no report
of last night's) and undated events reported within that many days of it. A
dated mention also reaches undated events reported from the day before its day
to ``UNDATED_WINDOW_DAYS`` after it (in one pass there is none: undated
mentions come last; linking new articles into stored events, an undated report
may have come first).

Mentions are taken in date order (then article and mention id), so linking is
linear in the number of mentions per (type, day) bucket; a tie between two
events goes to the one a single pass met first. ``Linker`` does this over
events already linked (loaded from the store by ``blocks``), so a new article's
mentions join the stored events without the rest of the ledger, scored the same
way; ``link_events`` is one pass over a set of mentions. An event's id is a
hash of the mention that founded it (``new_event_id``).
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
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..records import Article, Event, EventActor, EventBlock, EventMention, EventPolicy, Place
from .scoring import Features, Members, features, haversine_km, pinned, reachable, same_place, signals

UNDATED_WINDOW_DAYS = 14
PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2})?")
PLACE_KM = 50.0
AREA_KM = 150.0
SPECIFICITY = {"city": 3, "area": 2, "admin1": 1, "country": 0}


VERSION = "3"  # bump when linking decisions change: a ledger linked by another version is relinked whole


@dataclass(slots=True, eq=False)
class _Linked:
    """An event being built: its mentions and the articles they come from.

    ``order`` is its creation rank and ``bucket`` the rank of its (kind, day)
    bucket's first event: candidates are tried in the order a single pass over
    every mention would meet them. ``new`` counts the mentions joined in this pass."""

    kind: str
    day: date | None
    mentions: list[tuple[EventMention, Article]]
    members: Members = field(default_factory=Members)  # what scoring reads of the mentions
    article_ids: set[str] = field(default_factory=set)
    id: str | None = None
    order: int = 0
    bucket: int = 0
    new: int = 0


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
    """The stored events ``mention`` could join (see ``Linker._in_reach``): the blocking of incremental
    linking. A dated mention: its family's events founded within ``window_days`` of its day, and undated
    ones reported from the day before it to ``UNDATED_WINDOW_DAYS`` after; an undated one: the events of
    the ``UNDATED_WINDOW_DAYS`` before its article's publication and undated ones reported near it."""
    kind = policy.link_family(mention.type)
    day = _day(mention.date_start)
    if day is not None:
        window = timedelta(days=policy.scoring.window_days)
        return [EventBlock(kind, ((day - window).isoformat(), (day + window).isoformat()),
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
    by (kind, publication day of each article), so linking is linear in the mentions. A mention's
    scoring features (``scoring.features``) are computed once, when it is added."""

    def __init__(self, policy: EventPolicy, groups: Iterable[LinkedGroup] = ()) -> None:
        self.policy = policy
        self.linked: list[_Linked] = []
        self._by_bucket: dict[tuple[str, date | None], list[_Linked]] = {}
        self._bucket_rank: dict[tuple[str, date | None], int] = {}
        self._undated: dict[tuple[str, date], list[_Linked]] = {}
        for group in groups:
            item = self._new(group.kind, group.day, group.id)
            for mention, article in group.mentions:
                self._join(item, mention, article, features(mention, policy.scoring))
            item.new = 0

    def _new(self, kind: str, day: date | None, event_id: str | None = None) -> _Linked:
        key = (kind, day)
        rank = self._bucket_rank.setdefault(key, len(self._bucket_rank))
        item = _Linked(kind=kind, day=day, mentions=[], id=event_id, order=len(self.linked), bucket=rank)
        self.linked.append(item)
        self._by_bucket.setdefault(key, []).append(item)
        return item

    def _join(self, item: _Linked, mention: EventMention, article: Article, found: Features) -> None:
        item.mentions.append((mention, article))
        item.members.add(mention, found)
        item.article_ids.add(article.id)
        item.new += 1
        published = _day(article.published)
        if item.day is None and published is not None:
            bucket = self._undated.setdefault((item.kind, published), [])
            if item not in bucket:
                bucket.append(item)

    def add(self, mention: EventMention, article: Article) -> None:
        self._add_together([(mention, article)])

    def add_all(self, mentions: Iterable[tuple[EventMention, Article]]) -> None:
        """Add mentions in linking order: by date (undated last), then article and mention id; the
        mentions of one article and day together (``_add_together``)."""
        ordered = sorted(mentions, key=_linking_order)
        start = 0
        for end in range(1, len(ordered) + 1):
            if end == len(ordered) or _linking_order(ordered[end])[:2] != _linking_order(ordered[start])[:2]:
                self._add_together(ordered[start:end])
                start = end

    def _add_together(self, pairs: Sequence[tuple[EventMention, Article]]) -> None:
        """Mentions of one article and day: the best-scoring (mention, event) pair is joined first,
        then the best of the rest (an event takes one mention of an article, so two mentions of an
        article compete for it and the one that fits it better wins); mentions left found events,
        in linking order."""
        scoring = self.policy.scoring
        found = [features(m, scoring) for m, _ in pairs]
        options: list[tuple[float, int, int, _Linked]] = []
        for k, ((mention, article), own) in enumerate(zip(pairs, found, strict=True)):
            day = _day(mention.date_start)
            for rank, (score, event) in enumerate(self._scored(self.policy.link_family(mention.type), day,
                                                               mention, article, own)):
                options.append((score, k, rank, event))
        options.sort(key=lambda o: (-o[0], o[2], o[1]))
        target: dict[int, _Linked] = {}
        taken: set[int] = set()
        for _score, k, _rank, event in options:
            if k not in target and id(event) not in taken:
                target[k] = event
                taken.add(id(event))
        for k, ((mention, article), own) in enumerate(zip(pairs, found, strict=True)):
            event = target.get(k) or self._new(self.policy.link_family(mention.type), _day(mention.date_start))
            self._join(event, mention, article, own)

    def groups(self) -> list[LinkedGroup]:
        return [LinkedGroup(item.id, item.kind, item.day, tuple(item.mentions), item.new) for item in self.linked]

    def _in_reach(self, kind: str, day: date | None, article: Article) -> list[_Linked]:
        """The events ``blocks`` loads for a mention, in the order a single pass meets them."""
        published = _day(article.published)
        if day is not None:
            reach = self.policy.scoring.window_days
            found = [e for d in range(-reach, reach + 1)
                     for e in self._by_bucket.get((kind, day + timedelta(days=d)), [])]
            found += [e for d in range(-1, UNDATED_WINDOW_DAYS + 1)
                      for e in self._undated.get((kind, day + timedelta(days=d)), [])]
        elif published is None:
            found = [e for (k, _), events in self._by_bucket.items() if k == kind for e in events]
        else:
            found = [e for d in range(-UNDATED_WINDOW_DAYS, 2)
                     for e in self._by_bucket.get((kind, published + timedelta(days=d)), [])
                     if e.day is not None]
            found += [e for d in range(-UNDATED_WINDOW_DAYS, UNDATED_WINDOW_DAYS + 1)
                      for e in self._undated.get((kind, published + timedelta(days=d)), [])]
        return sorted({id(e): e for e in found}.values(), key=lambda e: (e.bucket, e.order))

    def _scored(self, kind: str, day: date | None, mention: EventMention, article: Article,
                own: Features) -> list[tuple[float, _Linked]]:
        """The events in reach whose score reaches the threshold, best first (on a tie, the first a
        single pass met). An undated mention joins a dated event only at a time it allows (``_in_time``);
        in an undated article, with no time of its own, only one in its very town."""
        published = _day(article.published)
        found: list[tuple[float, _Linked]] = []
        for event in self._in_reach(kind, day, article):
            if article.id in event.article_ids:
                continue
            if day is None and event.day is not None and not _in_time(event.day, mention.date_start, published) \
                    and not _same_town(mention, event):
                continue
            if not reachable(signals(mention, own, event.members, self.policy, text=False)
                             .score(mention.type, self.policy), self.policy):
                continue  # too far whatever the wording: its cosines are not computed
            score = signals(mention, own, event.members, self.policy).score(mention.type, self.policy)
            if score >= self.policy.scoring.threshold:
                found.append((score, event))
        return sorted(found, key=lambda pair: -pair[0])  # stable: a tie keeps the order of reach


def _in_time(day: date, partial: str | None, published: date | None) -> bool:
    """Whether an event of ``day`` is in time for a mention with no day: within the month or year it
    names (``partial``, "2023-09"), and from the day before its article's publication back to
    ``UNDATED_WINDOW_DAYS`` before it. A mention with neither has no time of its own."""
    month_or_year = partial is not None and PARTIAL_DATE.fullmatch(partial) is not None
    if month_or_year and not day.isoformat().startswith(str(partial)):
        return False
    if published is None:
        return month_or_year
    return timedelta(days=-1) <= published - day <= timedelta(days=UNDATED_WINDOW_DAYS)


def _same_town(mention: EventMention, event: _Linked) -> bool:
    return pinned(mention.place) and any(
        m.place is not None and same_place(mention.place, m.place) for m, _ in event.mentions)  # type: ignore[arg-type]


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
    same = [sum(same_place(other, p) for other in places) for p in places]
    best = max(range(len(places)), key=lambda k: (support[k], same[k], SPECIFICITY.get(places[k].kind, -1), -k))
    return places[best]


def _agrees_with(mentioned: Place, candidate: Place) -> bool:
    """A mention's place agrees with a candidate event place: the same, containing it, or near it."""
    if same_place(mentioned, candidate):
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
