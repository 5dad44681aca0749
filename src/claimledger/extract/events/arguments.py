"""Dates and places as event arguments: which time and place a trigger takes.

Used by ``component.py``. The rules, each general (no text-specific cases):

- ``iso_value``: an event's date is valid ISO 8601 (``YYYY``, ``YYYY-MM``,
  ``YYYY-MM-DD``, a date-time with an optional offset) or nothing; TIMEX3
  extras are reduced (``2023-06-27TEV`` -> ``2023-06-27``; ``2023-W11``,
  ``2023-SU``, durations and ``PRESENT_REF`` -> None).
- ``dateline_spans``: the date of a dateline ("DNIPRO, Ukraine, Jan 16
  (Reuters) -", "MOSCOW, February 17. /TASS/.") is the filing day, never an
  event's date.
- ``vague``: "last autumn", "earlier this month", "in recent weeks" name no
  day and no explicit month; they never date an event.
- ``metonymic_places``: a place used as the subject of a reporting or stance
  verb ("Bogota said", "a figure Kyiv has not confirmed", "Kyiv was having
  none of it") speaks for a government, and so does a capital that owns what
  a government has ("Moscow's admission", "Kyiv's forces") or stands after
  a preposition of parties ("a target for Kyiv", "the war against Moscow")
  or closes a headline after a dash as its source ("... strike – Kyiv");
  it is not where an event happened.
- ``nearest_time`` / ``nearest_place``: the date tied to the trigger (a
  possessive "Saturday's strike" first, then day values nearest the trigger;
  a period's bound "since the invasion began on February 24", the date of
  a clause whose subject only contains the trigger, "the toll from the strike
  rose on Monday", of a clause where the trigger follows a preposition under
  another noun, "funerals began today for victims of the strike", and, for a strike,
  capture or casualties, the date of the
  reporting verb that introduces the trigger's clause, "said on Wednesday
  that 12 sailors died in a strike", are skipped: ``report_time`` keeps the
  latter as the event's last resort; a month and day without a year that
  fall after publication date a past event a year earlier, ``past_reading``),
  the place that modifies the trigger ("the Poltava attack"), else the place
  nearest after the trigger (else a located place before it); a statement's
  place only when its preposition hangs on the trigger (a venue), else the
  seat of a body it was made at (``Venues``, events.yaml ``venues``:
  "speaking at a UN Security Council meeting" is New York).
- ``tied_period``: a week, month or year tied to the trigger ("struck the
  base last week") bounds the day the event can take from elsewhere (the
  day of the report, the lede's): "said on Monday it had struck the base
  last week" is not Monday's strike.
- ``nearby_interval``: a declared ceasefire whose own sentences state no
  interval takes one stated in a neighbouring sentence ("Putin ordered a
  truce. The army is to hold fire from noon on January 6 until midnight on
  January 7"); the interval outranks a holiday name ("Christmas truce").
- ``running_toll``: a toll in the present perfect counted over a period ("12
  civilians have been killed since the incursion began") is as of its report:
  it takes the publication day when nothing else dates it.
- ``war_toll``: a toll counted over the whole war, not one strike's ("have
  died since Russia began its invasion", "killed or wounded ... has topped
  1 million", "casualties pass 1 million", "since the start of the war",
  "so far in the war").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ...records import EventPolicy, Place, PlaceMention, Span, TimeExpression
from ..lines.furniture import in_spans
from .parse import Parse

ISO_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$")
PART_OF_DAY_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})T[A-Z]{2}$")
DATELINE_RE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z'’.\- ]{1,40}(?:\s*\([^)\n]{1,30}\))?,(?:[ \t]*[A-Z][\w'’.\- ]{0,30},)?[ \t]*$")
DATELINE_AFTER_RE = re.compile(r"^[ \t.,]*(?:\(\w[\w .&-]{0,20}\)|/\w{2,10}/\.?|[-–—])")
# a venue's name after "at", "to", "before", "in", "addressed" or "told", and at most an article and two
# words ("at a UN Security Council meeting", "told an emergency session of the Security Council")
VENUE_BEFORE = (r"\b(?i:at|to|before|in|address|addressed|addressing|told|tells|telling)\s+(?:(?:a|an|the)\s+)?"
                r"(?:[a-z]+\s+){0,2}(?:(?:session|meeting|sitting)\s+of\s+(?:the\s+)?)?")
VAGUE_WORDS = frozenset({"earlier", "later", "last", "this", "past", "recent", "recently", "previous", "coming",
                         "next", "autumn", "fall", "spring", "summer", "winter", "weeks", "months", "early", "late",
                         "mid"})
MONTH_RE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b\d{4}\b", re.IGNORECASE)
REPORTING = frozenset({"say", "tell", "claim", "report", "confirm", "deny", "accuse", "respond", "reply", "reject",
                       "insist", "warn", "announce", "state", "have", "dismiss", "blame", "want", "hope", "believe",
                       "vow", "demand", "refuse", "agree", "argue", "allege", "urge", "call", "condemn", "welcome",
                       "acknowledge", "admit", "declare", "protest", "summon", "retort", "counter", "maintain",
                       "add", "note", "stress", "promise", "threaten", "propose", "offer", "ask", "decline"})
PARTY_PREPOSITIONS = frozenset({"for", "against", "with", "between", "by"})  # "a target for Kyiv"
SINCE_RE = re.compile(r"\b(?:since|from|until|till)\b[^,;.]*$", re.IGNORECASE)  # a period's bound, not the event's day
UNDATED_POSSESSIVE_RE = re.compile(r"\b(?:weekend|week|night|month|year)['’]s\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
SPEECH_VERBS = frozenset({"say", "tell", "claim", "report", "confirm", "announce", "state", "add", "write", "post",
                          "publish", "acknowledge", "admit", "deny", "insist", "note", "accuse", "reveal", "disclose"})
PLACE_RANK = {"city": 4, "admin1": 3, "area": 2, "country": 1}
RELATIVE_POSITION_RE = re.compile(  # "a village 86 kilometres east of Kharkiv": not in Kharkiv
    r"\b\d[\d,.]*\s*(?:-\s*)?(?:km|kilomet(?:er|re)s?|(?:nautical\s+)?miles?|mi)\b[^,;.]{0,30}\b(?:of|from)\s+(?:the\s+)?"
    r"(?:\w+\s+){0,2}$", re.IGNORECASE)
LOCATING = (["in"], ["near"], ["at"], ["over"], ["on"], ["into"])


def iso_value(value: str | None) -> str | None:
    """``value`` as valid ISO 8601 (see the module docstring), else None."""
    if not value:
        return None
    text = str(value)
    if ISO_RE.match(text):
        return text
    part = PART_OF_DAY_RE.match(text)
    return part.group(1) if part else None


def is_day(value: str | None) -> bool:
    return bool(value) and len(str(value)) >= 10 and str(value)[4] == "-" and str(value)[7] == "-"


def day_of(value: object) -> str | None:
    text = str(value or "")
    return text[:10] if is_day(text) else None


def dateline_spans(text: str, times: Sequence[TimeExpression]) -> frozenset[int]:
    """Start offsets of the times that stand in a dateline."""
    out: set[int] = set()
    for t in times:
        line_start = text.rfind("\n", 0, t.span.start) + 1
        if t.span.start - line_start > 80:
            continue
        before = text[max(0, line_start - 1):t.span.start]
        after = text[t.span.end:t.span.end + 30]
        if DATELINE_RE.search(before) and DATELINE_AFTER_RE.match(after):
            out.add(t.span.start)
    return frozenset(out)


def vague(t: TimeExpression, text: str = "") -> bool:
    """A time that names no day and no explicit month or year ("earlier this month", "earlier in February")."""
    if is_day(t.value):
        return False
    before = text[max(0, t.span.start - 20):t.span.start].lower().split()[-2:]
    words = set(t.span.text.lower().split()) | {w for w in before if w in ("earlier", "later", "early", "late")}
    return bool(words & VAGUE_WORDS) or not MONTH_RE.search(t.span.text)


def metonymic_places(parse: Parse, places: Sequence[PlaceMention], capitals: frozenset[str] = frozenset(),
                     party_nouns: frozenset[str] = frozenset(), *, text: str) -> frozenset[int]:
    """Start offsets of places that are the subject of a reporting or stance verb, capitals that are
    the subject of any active verb ("as soon as Kiev withdraws its troops"), capitals owning what a
    government has ("Moscow's admission", "Kyiv's forces": one of ``party_nouns``) and capitals after a
    preposition that makes them a party ("a target for Kyiv", "the war against Moscow")."""
    out: set[int] = set()
    words = parse.words
    for p in places:
        first, end = parse.span(p.span.start, p.span.end)
        if first >= end:
            continue
        root = parse.root(first, end)
        dep, head = words.dep[root], words.head[root]
        nxt = end if end < len(words) else None
        capital = p.span.text in capitals
        if capital and _credit_at_line_end(text, p.span.start, p.span.end):
            out.add(p.span.start)  # "Russia targets a training centre with a strike – Kyiv"
            continue
        if capital and dep == "pobj" and words.lower[head] in PARTY_PREPOSITIONS:
            out.add(p.span.start)
            continue
        if nxt is not None and words.lower[nxt] in ("'s", "’s"):
            if capital and dep == "poss" and words.lemma[head] in party_nouns:  # what the capital owns
                out.add(p.span.start)
            continue
        if dep == "nsubj" and (words.lemma[head] in REPORTING or p.span.text in capitals):
            out.add(p.span.start)
        elif nxt is not None and words.lemma[nxt] in REPORTING and words.pos[nxt] in ("VERB", "AUX"):
            out.add(p.span.start)
    return frozenset(out)


def _credit_at_line_end(text: str, start: int, end: int) -> bool:
    """The name closes its line after a dash, as a headline names its source ("... strike – Kyiv")."""
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)]
    return not rest.strip(" .'\"”’") and text[max(0, start - 3):start].strip() in ("–", "—", "-")


def dateline_place(text: str, places: Sequence[PlaceMention]) -> Place | None:
    """The city of a dateline ("MOSCOW, June 14 – RIA Novosti."), where statements are made."""
    for p in places:
        line_start = text.rfind("\n", 0, p.span.start) + 1
        if p.span.start - line_start <= 2 and p.span.text.isupper() and \
                text[p.span.end:p.span.end + 1] in (",", " ") and p.place.kind == "city":
            return p.place
    return None


def nearest_time(times: Sequence[TimeExpression], s_start: int, s_end: int, at: int, type_: str,
                 published: str | None, text: str, parse: Parse | None = None, *,
                 policy: EventPolicy) -> TimeExpression | None:
    """The time of the trigger's sentence tied to it (see the module docstring); ``policy`` says which
    types are past and physical."""
    times = [t for t in times if s_start <= t.span.start < s_end]  # only the sentence's times are read
    past, physical = type_ in policy.past, type_ in policy.physical
    if past and published:
        times = [past_reading(t, published) for t in times]
    here = [t for t in times if s_start <= t.span.start < s_end and iso_value(t.value) is not None
            and len(str(t.value)) >= 7 and not vague(t, text)
            and (parse is None or time_tie(parse, at, t, physical=physical) < OTHER)
            and not (past and published and is_day(t.value) and str(t.value)[:10] > published)]
    for t in times:  # "Saturday's strike", "the September 13 attack"; "the weekend's strike" names no day
        gap = text[t.span.end:at]
        if s_start <= t.span.start and t.span.end <= at and len(gap) <= 12 and \
                re.fullmatch(r"(?:['’]s)?\s*(?:[\w-]+\s+){0,1}", gap):
            return t if t in here and is_day(t.value) else None
    if UNDATED_POSSESSIVE_RE.search(text[max(s_start, at - 40):at]):
        return None  # "the weekend's strike": tied to a time that names no day
    here = [t for t in here if type_.startswith("ceasefire") or not _bound_of_other(t, text, s_start, at)]
    if not here:
        return None

    def rank(t: TimeExpression) -> tuple[int, int, int, int]:
        interval = int(type_.startswith("ceasefire") and t.end is not None)
        tie = time_tie(parse, at, t, physical=physical) if parse is not None else TIED
        return (-interval, tie, -int(is_day(t.value)), abs(t.span.start - at))
    return min(here, key=rank)


TIED, LOOSE, OTHER, REPORTED = 0, 1, 2, 3
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "conj", "parataxis"})
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b|\b'\d\d\b")


def past_reading(t: TimeExpression, published: str) -> TimeExpression:
    """A month and day that the text gives without a year and that fall more than a day after publication
    date a past event (a strike, a capture, a toll) a year earlier: in an article of July 25, "on July 28,
    the forces staged an explosion" is last year's July 28. Other times are returned unchanged."""
    value = str(t.value or "")
    if not is_day(value) or value[:10] <= published or YEAR_RE.search(t.span.text) or \
            not MONTH_RE.search(t.span.text):
        return t
    try:
        day, pub = date.fromisoformat(value[:10]), date.fromisoformat(published[:10])
        earlier = day.replace(year=day.year - 1)
    except ValueError:
        return t
    if (day - pub).days <= 1 or earlier > pub:
        return t
    return dataclasses.replace(t, value=earlier.isoformat() + value[10:], end=None)


WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def period_of(value: str | None) -> tuple[date, date] | None:
    """The first and last day of a week, month or year value ("2024-W10", "2024-02", "2023"), else None."""
    text = str(value or "")
    try:
        week = WEEK_RE.match(text)
        if week:
            first = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return first, first + timedelta(days=6)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            first = date(int(text[:4]), int(text[5:7]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        return None
    return None


def tied_period(times: Sequence[TimeExpression], s_start: int, s_end: int, at: int,
                parse: Parse, text: str) -> tuple[date, date] | None:
    """The week, month or year tied to a trigger that names no day ("struck the base last week"): its day,
    whatever else dates it, lies in that period. ``text`` is the Doc's text."""
    for t in sorted(times, key=lambda t: abs(t.span.start - at)):
        period = period_of(t.value) if s_start <= t.span.start < s_end else None
        if period is not None and not _bound_of_other(t, text, s_start, at) and \
                time_tie(parse, at, t, physical=True) == TIED:
            return period
    return None


def report_time(times: Sequence[TimeExpression], s_start: int, s_end: int, at: int, published: str | None,
                parse: Parse) -> TimeExpression | None:
    """The day of the report that introduces a physical event's clause ("said on Wednesday that ... died"):
    no date of the event, but the latest it can have happened."""
    here = [t for t in times if s_start <= t.span.start < s_end and is_day(iso_value(t.value))
            and not (published and str(t.value)[:10] > published)
            and time_tie(parse, at, t, physical=True) == REPORTED]
    return min(here, key=lambda t: abs(t.span.start - at), default=None)


def time_tie(parse: Parse, at: int, t: TimeExpression, *, physical: bool = False) -> int:
    """How the time relates to the trigger at ``at``: TIED, LOOSE (another clause of the sentence: a
    fallback) or OTHER (it dates something else: in "the death toll from Saturday's strike rose on
    Monday, making it the deadliest attack", Monday dates the toll, not the strike or the attack).

    The time's verb is its nearest verbal ancestor; the trigger is tied to it when the trigger is that
    verb, an ancestor of the time's verb, or reaches the verb through no other verb and not from inside
    its subject (a subject head itself is tied: "a strike hit Kyiv on Monday"). From inside the subject,
    through a participle clause ("making it the deadliest attack") or from a preposition under another noun
    ("funerals began today for victims of the strike", "reacted to questions about the strike") it is OTHER;
    through another
    finite clause, LOOSE; but for a ``physical`` event (a strike, a capture, casualties) the time of the
    reporting verb that introduces the trigger's clause dates the report, not the event: in "the navy said
    on Wednesday that 12 sailors died in a strike", Wednesday is REPORTED for the strike (``report_time``:
    a last resort, below any date of the event itself)."""
    words = parse.words
    head, pos, dep = words.head, words.pos, words.dep
    tr, tr_end = parse.span(at, at + 1)
    first, end = parse.span(t.span.start, t.span.end)
    if tr >= tr_end or first >= end:
        return TIED
    verb = parse.root(first, end)
    while pos[verb] not in ("VERB", "AUX") and head[verb] != verb:
        if verb == tr:
            return TIED
        verb = head[verb]
    if verb == tr or pos[verb] not in ("VERB", "AUX") or tr in parse.ancestors(verb):
        return TIED  # the time's clause is the trigger or modifies it ("the strike, which happened on ...")
    speech = physical and words.lemma[verb] in SPEECH_VERBS
    node, tie = tr, TIED
    for _ in range(40):
        if node == verb:
            return REPORTED if tie == LOOSE and speech else tie
        parent = head[node]
        if parent == node:
            return LOOSE
        if dep[node] in ("nsubj", "nsubjpass") and node != tr and parent == verb:
            return OTHER
        if dep[node] == "pobj" and dep[parent] == "prep" and pos[head[parent]] == "NOUN":
            return OTHER  # "funerals began today for victims of the strike", "reacted on Friday to questions
            # about the strike": the day dates the funerals, the reaction
        if parent == verb and dep[node] in ("ccomp", "parataxis", "conj") and speech:
            return REPORTED  # "said on Monday (that) its missiles hit ...": the day of the saying
        if parent == verb and pos[node] == "VERB" and dep[node] in CLAUSE_DEPS:
            tie = LOOSE  # the trigger's own clause hangs on the time's ("implied guilt for the Oct. 5 strike
            # while speaking on Oct. 9": Oct. 9 dates the speaking)
        if parent != verb and pos[parent] == "VERB":
            if dep[parent] in ("advcl", "xcomp", "acl") and parse.doc[parent].tag_ == "VBG":
                return OTHER
            tie = LOOSE  # another clause, or the one a reporting verb introduces: a fallback
        node = parent
    return LOOSE


def _bound_of_other(t: TimeExpression, text: str, s_start: int, at: int) -> bool:
    """The time bounds a period ("since the invasion began on ...") that does not contain the trigger."""
    origin = max(s_start, t.span.start - 60)
    found = SINCE_RE.search(text[origin:t.span.start])
    return found is not None and not origin + found.start() < at < t.span.start


def _located(before: str) -> bool:
    """The words before a place make it a location: "in Kharkiv", "in the central city of Kryvyi Rih"."""
    words = before.lower().replace(",", " ").split()
    return words[-1:] in LOCATING or words[-2:-1] in (["city"], ["town"], ["village"], ["region"], ["port"]) \
        and words[-1:] == ["of"] and any([w] in LOCATING for w in words[-6:])


def nearest_place(places: Sequence[PlaceMention], s_start: int, s_end: int, start: int,
                  end: int, text: str, speech: bool = False, parse: Parse | None = None,
                  barriers: Sequence[int] = ()) -> Place | None:
    """The town or region that modifies the trigger ("the Poltava attack", "Kyiv's strike"; not a country,
    which names the attacker, and not when a place is located after it: "a Kyiv drone attack on Moscow"),
    else the place nearest after it, else a located one before it; for a speech event only a venue attached
    to the trigger ("talks in Istanbul", "speaking in Kyiv, he warned"): the places a statement is about
    ("withdraw from Donetsk", "warned of an offensive in Kharkiv") are not its. A place beyond one of
    ``barriers`` (a phrase that starts another event, "a day after ...") is not the trigger's."""
    here = [p for p in places if s_start <= p.span.start < s_end and not RELATIVE_POSITION_RE.search(
                text[max(s_start, p.span.start - 60):p.span.start])
            and not any(min(end, p.span.start) <= b < max(start, p.span.start) for b in barriers)]
    trigger = parse.span(start, end) if parse is not None else (0, 0)
    head = parse.root(*trigger) if parse is not None and trigger[0] < trigger[1] else None
    located_after = any(p.span.start >= end and _located(text[max(s_start, p.span.start - 12):p.span.start])
                        for p in here)
    if parse is not None and head is not None and not speech and not located_after:
        for p in here:
            root = _root_of(parse, p)
            if root is not None and parse.words.head[root] == head and root < head and p.place.kind != "country" \
                    and parse.words.dep[root] in ("compound", "amod", "nmod", "poss"):
                return p.place
    if speech:
        here = [p for p in here if text[max(s_start, p.span.start - 8):p.span.start].split()[-1:] in (["in"], ["at"])]
        if parse is not None and head is not None:
            here = [p for p in here if _attached_to(parse, p, head)]
    after = [p for p in here if p.span.start >= end
             and text[max(s_start, p.span.start - 4):p.span.start].split()[-1:] != ["by"]]  # "losses by Moscow"
    # a place before the trigger counts only as a location ("in Kharkiv, a strike"), not as an actor
    pool = after or [p for p in here if _located(text[max(s_start, p.span.start - 40):p.span.start])]
    if not pool:
        return None
    return min(pool, key=lambda p: (-PLACE_RANK.get(p.place.kind, 0), abs(p.span.start - start))).place


@dataclass(frozen=True, slots=True)
class Venues:
    """Bodies whose seat is where a statement made at them took place (events.yaml ``venues``)."""

    pattern: re.Pattern[str] | None
    seats: Mapping[str, Place]

    @classmethod
    def from_section(cls, entries: Any) -> Venues:
        seats: dict[str, Place] = {}
        for entry in entries or ():
            place = Place(name=str(entry["name"]), kind="venue", country=entry.get("country"), admin1=None,
                          lat=float(entry["lat"]), lon=float(entry["lon"]))
            for alias in entry.get("aliases") or (entry["name"],):
                seats[str(alias)] = place
        if not seats:
            return cls(None, seats)
        names = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(seats, key=len, reverse=True))
        return cls(re.compile(VENUE_BEFORE + r"(" + names + r")\b"), seats)

    def at(self, text: str, s_start: int, s_end: int) -> Place | None:
        """The venue a sentence's statement is made at ("speaking at a UN Security Council meeting")."""
        if self.pattern is None:
            return None
        m = self.pattern.search(text, s_start, s_end)
        return self.seats.get(re.sub(r"\s+", " ", m.group(1))) if m is not None else None


def _root_of(parse: Parse, p: PlaceMention) -> int | None:
    first, end = parse.span(p.span.start, p.span.end)
    return parse.root(first, end) if first < end else None


def _attached_to(parse: Parse, p: PlaceMention, head: int) -> bool:
    """The place's preposition hangs on the trigger, or on a verb that hangs on it ("speaking in Kyiv")."""
    root = _root_of(parse, p)
    words = parse.words
    if root is None or words.dep[root] != "pobj":
        return True
    owner = words.head[words.head[root]]
    return owner == head or words.head[owner] == head and words.pos[owner] == "VERB" and \
        words.dep[owner] in ("advcl", "acl")


def lede_day(times: Sequence[TimeExpression], text: str, published: str | None,
             furniture: Sequence[Span] = ()) -> str | None:
    """The first day named in the headline or lede paragraph (datelines already removed; furniture lines,
    such as a byline between them, do not count as lines), never a period's bound ("since February 24")."""
    lines = [m.end() for m in re.finditer(r"[^\n]*\S[^\n]*", text) if not in_spans(furniture, m.start(), m.end())]
    limit = lines[1] if len(lines) > 1 else len(text)
    for t in sorted(times, key=lambda t: t.span.start):
        if t.span.start >= limit:
            break
        day = day_of(iso_value(t.value))
        bound = SINCE_RE.search(text[max(0, t.span.start - 60):t.span.start])  # "since the war began on ..."
        if day is not None and (published is None or day <= published) and bound is None:
            return day
    return None


def nearby_interval(times: Sequence[TimeExpression], sent_starts: Sequence[int],
                    sents: Sequence[int]) -> TimeExpression | None:
    """The first interval with a day-precise start and an end in the sentences from one before the
    first of ``sents`` to two after the last (a ceasefire's stated hours, see the module docstring)."""
    if not sents or not sent_starts:
        return None
    lo, hi = max(0, min(sents) - 1), max(sents) + 3
    start = sent_starts[lo]
    end = sent_starts[hi] if hi < len(sent_starts) else None
    for t in sorted(times, key=lambda t: t.span.start):
        if t.end is None or not is_day(t.value) or day_of(iso_value(t.end)) is None:
            continue
        if t.span.start >= start and (end is None or t.span.start < end):
            return t
    return None


RUNNING_TOLL_RE = re.compile(r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+)?(?:been\s+)?\w+.*"
                             r"\b(?:since|so\s+far|to\s+date|in\s+total)\b", re.IGNORECASE)


def running_toll(text: str, sent_starts: Sequence[int], n: int) -> bool:
    """Sentence ``n`` counts a toll up to now ("have been killed since ...", see the module docstring)."""
    end = sent_starts[n + 1] if n + 1 < len(sent_starts) else len(text)
    return RUNNING_TOLL_RE.search(text, sent_starts[n], end) is not None


WAR_PERIOD = r"(?:war|invasion|conflict|hostilities|aggression|military\s+operation)"
WAR_TOLL_RE = re.compile(
    rf"\b(?:since|after)\s+(?:the\s+)?(?:(?:start|beginning|outbreak|launch)\s+of\s+(?:the\s+|its\s+|their\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}{WAR_PERIOD}|(?:[\w.-]+\s+){{1,3}}(?:began|started|launched|unleashed)\s+"
    rf"(?:its\s+|the\s+|their\s+|a\s+)?(?:full-scale\s+|all-out\s+)?{WAR_PERIOD}|"
    rf"(?:full-scale\s+)?{WAR_PERIOD}\b)"
    rf"|\b(?:so\s+far|to\s+date|in\s+total)\s+(?:in|during)\s+the\s+{WAR_PERIOD}"
    rf"|\b(?:(?:has|have|had)\s+(?:now\s+)?(?:topped|passed|exceeded|surpassed|reached|crossed|hit)|"
    rf"(?:tops?|pass(?:es)?|exceeds?|surpass(?:es)?|crosse?s?))\s+"
    rf"(?:the\s+)?(?:grim\s+|\w+\s+)?(?:milestone|mark|\d)", re.IGNORECASE)


def war_toll(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` counts a toll over the whole war (see the module docstring)."""
    return WAR_TOLL_RE.search(text, start, end) is not None


def speaks(parse: Parse, start: int, end: int) -> bool:
    """The words at ``start:end`` are the subject of a reporting verb (the speaker, not the spoken-of)."""
    first, last = parse.span(start, end)
    if first >= last:
        return False
    root = parse.root(first, last)
    return parse.words.dep[root] == "nsubj" and parse.words.lemma[parse.words.head[root]] in REPORTING
