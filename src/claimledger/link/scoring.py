"""How well a mention fits an event being linked: a score summed over weighted signals.

Each signal gives a value, mostly in [-1, 1] (a conflict may count more than an agreement), times
its weight from the profile's ``scoring`` section (``LinkScoring``; DEVELOPERS.md explains each).
A mention joins the best-scoring event in reach whose score reaches ``threshold``. The signals,
comparing the mention with the event's mentions so far:

    type     the same type 1, another type of its link family 1/2 (events in reach are of its family);
    date     the nearest day of the event's dated mentions: the same day 1, a day apart
             ``next_day``, then ``days_apart`` for two days and as much again per day more, down to
             ``days_far``; times the lower confidence of the two dates (``date_confidence`` by
             ``EventMention.date_basis``: a date stated in the sentence counts fully, the publication
             day standing in counts little). Undated on either side: 0. ``exact_day`` types (a daily
             tally) take ``days_apart`` for any other day. ``date_only`` types count it once more
             (``key_date_weight``);
    place    (``place_weight`` for place-bound types, ``place_weight_other`` for the rest) the same
             place ``same_place``; towns within ``near_km`` ``near_place``; a region or area holding
             the town, or within ``area_km`` of it, ``contained``; a town against no place or a whole
             country ``unplaced``; towns farther apart, or a region not holding the town, ``apart``.
             The best agreement with any of the event's mentions counts, else the worst conflict;
    actors   (``actor_weight`` for announced types, ``actor_weight_other`` for the rest) the same
             announcer by name 1, announcers and none shared -1; with no announcer on one side, the
             same initiator by name 1/2; an announced type with nothing of the two to go on
             ``no_speaker``;
    names    the proper names both sentences carry (a ship, a village the gazetteer lacks, a
             commander; spellings one letter apart match): ``names_full`` or more count 1;
    text     the cosine of the content words of the sentences that report them, from ``text_floor``
             (0) to ``text_full`` (1), the best of the event's mentions;
    figures  a number both sentences report (not a year, a day of a month or a single digit): 1.

``Features`` holds what a mention contributes, computed once per mention.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..records import EventMention, EventPolicy, LinkScoring, Place

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?![\d,]|\.\d)")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec")
DATE_NUMBER = re.compile(r"(?:\b(?:" + "|".join(MONTHS) + r")\.? \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:"
                         + "|".join(MONTHS) + r")\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)", re.IGNORECASE)
# English function words and the words of every war report: they say nothing about which event it is
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers
him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out
over own same she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your said says say
told according reported report reports news year years day days week weeks month months time ago last first
one two three also since among per mr ms new
""".split())
PINNED_NOT = ("admin1", "area", "country")
NEAR_LETTERS = 5  # names this long or longer match one letter apart (shared_names)


@dataclass(frozen=True, slots=True)
class Features:
    """What a mention brings to scoring, computed once: its day, the confidence of its date, its
    announcers and initiators by name, its names (case-folded), its content-word vector (with its
    norm) and the numbers its sentences report."""

    day: date | None
    confidence: float
    announcers: frozenset[str]
    initiators: frozenset[str]
    names: frozenset[str]
    words: dict[str, int]
    norm: float
    numbers: frozenset[int]


def features(mention: EventMention, scoring: LinkScoring) -> Features:
    text = " ".join(span.text for span in mention.evidence)
    words = Counter(_stem(w) for w in WORD.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS)
    return Features(
        day=_day(mention.date_start),
        confidence=scoring.date_confidence.get(mention.date_basis or "stated", 1.0),
        announcers=frozenset(a.name for a in mention.actors if a.role == "announcer"),
        initiators=frozenset(a.name for a in mention.actors if a.role == "initiator"),
        names=frozenset(n.casefold() for n in mention.names),
        words=dict(words),
        norm=math.sqrt(sum(v * v for v in words.values())),
        numbers=reported_numbers(text),
    )


def reported_numbers(text: str) -> frozenset[int]:
    """The numbers of ``text`` that count something: no year, no day of a date, no single digit."""
    dates = [(m.start(), m.end()) for m in DATE_NUMBER.finditer(text)]
    found: set[int] = set()
    for m in NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in dates):
            continue
        value = int(m.group().replace(",", ""))
        if value < 10 or (1900 <= value <= 2100 and "," not in m.group()):
            continue
        found.add(value)
    return frozenset(found)


def _stem(word: str) -> str:
    """A crude English stem, enough to match "strikes" with "strike" and "killed" with "killing"."""
    word = word.replace("\u2019", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class Signals:
    """The signals' values for one mention against one event (before weights); see the module docstring."""

    type: float = 0.0
    date: float = 0.0
    place: float = 0.0
    actors: float = 0.0
    names: float = 0.0
    text: float = 0.0
    figures: float = 0.0

    def score(self, mention_type: str, policy: EventPolicy) -> float:
        s = policy.scoring
        place_bound = mention_type in policy.place_bound or policy.link_family(mention_type) in policy.place_bound
        date_weight = s.date_weight + (s.key_date_weight if mention_type in policy.date_only else 0.0)
        return (s.type_weight * self.type + date_weight * self.date
                + (s.place_weight if place_bound else s.place_weight_other) * self.place
                + (s.actor_weight if mention_type in policy.speech else s.actor_weight_other) * self.actors
                + s.names_weight * self.names + s.text_weight * self.text + s.figures_weight * self.figures)


class Members:
    """An event's members as scoring reads them, kept as mentions join (``add``): what the signals
    take from all of them together (types, speakers, names, numbers, the distinct places, the dated
    members) is gathered once, not each time a mention is scored against the event."""

    __slots__ = ("announcers", "dated", "features", "initiators", "long_names", "names", "numbers", "places", "types")

    def __init__(self, members: Iterable[tuple[EventMention, Features]] = ()) -> None:
        self.features: list[Features] = []
        self.dated: list[Features] = []  # the members with a day, in joining order
        self.types: set[str] = set()
        self.places: dict[Place | None, None] = {}  # distinct, in joining order
        self.announcers: set[str] = set()
        self.initiators: set[str] = set()
        self.names: set[str] = set()
        self.long_names: dict[int, set[str]] = {}  # names of NEAR_LETTERS or more by length (shared_names)
        self.numbers: set[int] = set()
        for mention, found in members:
            self.add(mention, found)

    def add(self, mention: EventMention, found: Features) -> None:
        self.features.append(found)
        if found.day is not None:
            self.dated.append(found)
        self.types.add(mention.type)
        self.places.setdefault(mention.place)
        self.announcers |= found.announcers
        self.initiators |= found.initiators
        _by_length(found.names - self.names, self.long_names)
        self.names |= found.names
        self.numbers |= found.numbers


def signals(mention: EventMention, own: Features, members: Members | Sequence[tuple[EventMention, Features]],
            policy: EventPolicy, *, text: bool = True) -> Signals:
    """The signals of ``mention`` (with its features ``own``) against an event's ``members``; with
    ``text=False`` the text signal (the dearest: a cosine per member) is left at 0."""
    if not isinstance(members, Members):
        members = Members(members)
    s = policy.scoring
    place_bound = mention.type in policy.place_bound or policy.link_family(mention.type) in policy.place_bound
    return Signals(
        type=1.0 if mention.type in members.types else 0.5,
        date=_date_value(own, members.dated, mention.type in policy.exact_day, s),
        place=_place_value(mention.place, list(members.places), place_bound, s),
        actors=_actor_value(own, members, mention.type in policy.speech, s),
        names=(min(shared_names(own.names, members.names, members.long_names), s.names_full) / s.names_full
               if s.names_full > 0 else 0.0),
        text=max((_text_value(own, f, s) for f in members.features), default=0.0) if text else 0.0,
        figures=1.0 if own.numbers & members.numbers else 0.0,
    )


def reachable(without_text: float, policy: EventPolicy) -> bool:
    """Whether a score of ``without_text`` (the signals scored with text at 0) could still reach the
    threshold once the text signal (at most 1) is added: if not, the cosines need not be computed."""
    s = policy.scoring
    return without_text + max(s.text_weight, 0.0) >= s.threshold - 1e-9


def shared_names(a: frozenset[str] | set[str], b: frozenset[str] | set[str],
                 long_b: Mapping[int, Collection[str]] | None = None) -> int:
    """How many names of ``a`` are in ``b``, the same or spelt one letter apart when five letters or
    longer (transliterations: Hroza and Groza, Kyiv Oblast and Kiev Oblast). ``long_b``: the names of
    ``b`` of five letters or more by length (``Members.long_names``), when the caller keeps them."""
    exact = a & b
    count = len(exact)
    if long_b is None:
        long_b = _by_length(b)
    for name in a - exact:
        size = len(name)
        if size >= NEAR_LETTERS and any(other not in exact and _one_edit(name, other)
                             for length in (size - 1, size, size + 1) for other in long_b.get(length, ())):
            count += 1
    return count


def _by_length(names: Iterable[str], into: dict[int, set[str]] | None = None) -> dict[int, set[str]]:
    """The names of ``NEAR_LETTERS`` letters or more, by length (what ``shared_names`` compares one
    edit apart), added to ``into`` when given."""
    found: dict[int, set[str]] = {} if into is None else into
    for name in names:
        if len(name) >= NEAR_LETTERS:
            found.setdefault(len(name), set()).add(name)
    return found


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one substituted, inserted or deleted letter."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _date_value(own: Features, dated: Sequence[Features], exact: bool, s: LinkScoring) -> float:
    """``dated``: the members with a day."""
    if own.day is None:
        return 0.0
    if not dated:
        return 0.0
    nearest = min(dated, key=lambda f: (abs((own.day - f.day).days), -f.confidence))  # type: ignore[operator]
    gap = abs((own.day - nearest.day).days)  # type: ignore[operator]
    if gap == 0:
        value = 1.0
    elif gap == 1 and not exact:
        value = s.next_day
    else:
        value = max(s.days_far, s.days_apart * max(1, gap - 1))
    return value * min(own.confidence, nearest.confidence)


def _place_value(place: Place | None, others: Sequence[Place | None], place_bound: bool, s: LinkScoring) -> float:
    """``others``: the members' distinct places (a place held twice agrees no differently)."""
    values = [place_agreement(place, other, place_bound, s) for other in others]
    best = max(values, default=0.0)
    return best if best > 0 else min(values, default=0.0)


def place_agreement(a: Place | None, b: Place | None, place_bound: bool, s: LinkScoring) -> float:
    """How two places of mentions agree (see the module docstring, ``place``)."""
    if a is None or b is None:
        return s.unplaced if place_bound and (pinned(a) or pinned(b)) else 0.0
    if same_place(a, b):
        return s.same_place
    if pinned(a) and pinned(b):
        return s.near_place if _km(a, b) <= s.near_km else s.apart
    for broad, narrow in ((a, b), (b, a)):
        if broad.kind == "country":
            if narrow.kind == "country":
                return s.apart
            if pinned(narrow):
                return s.unplaced if place_bound else 0.0  # a nationwide night is no strike on a town
            return 0.0 if narrow.country == broad.country else s.apart
        if broad.kind == "admin1" and narrow.admin1 is not None and narrow.admin1 == broad.name:
            return s.contained
    limit = s.area_km if "area" in (a.kind, b.kind) or "admin1" in (a.kind, b.kind) else s.near_km
    return s.contained if _km(a, b) <= limit else s.apart


def _actor_value(own: Features, members: Members, announced: bool, s: LinkScoring) -> float:
    if own.announcers and members.announcers:
        return 1.0 if own.announcers & members.announcers else -1.0
    if not own.announcers and own.initiators & members.initiators:
        return 0.5
    return s.no_speaker if announced else 0.0


def _text_value(a: Features, b: Features, s: LinkScoring) -> float:
    if not a.norm or not b.norm:
        return 0.0
    common = a.words.keys() & b.words.keys()  # a set operation in C: the words both hold
    cosine = sum(a.words[k] * b.words[k] for k in common) / (a.norm * b.norm)
    if s.text_full <= s.text_floor:
        return 1.0 if cosine >= s.text_full else 0.0
    return min(1.0, max(0.0, (cosine - s.text_floor) / (s.text_full - s.text_floor)))


def pinned(place: Place | None) -> bool:
    """A place that pins an event down: a town (or a site), not a region, an area or a country."""
    return place is not None and place.kind not in PINNED_NOT


def same_place(a: Place, b: Place) -> bool:
    return (a.geonameid is not None and a.geonameid == b.geonameid) or (a.name == b.name and a.kind == b.kind)


def _km(a: Place, b: Place) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km (remembered: the same places meet again and again)."""
    return _haversine(lat1, lon1, lat2, lon2)


@lru_cache(maxsize=1 << 16)
def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
