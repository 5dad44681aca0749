"""Dates and times in English news text, normalised against the publication date.

    find_times(text, anchor) -> list[TimeExpression]     every expression in a text
    normalise(expression, anchor) -> Normalised          one expression (value, end, kind)

Cascade (``find_times``):
  1. rule recognizers (``scan.RECOGNIZERS``) find atoms: dates, times of day,
     zones, durations, sets, references; each resolves itself against the anchor
     (years nearest the anchor with a past bias, weekdays back to the most recent
     one unless "next" or a future cue, D/M vs M/D by nearness, day-first on ties);
  2. composition: a time, a date and a zone separated only by "on", "at", ",", "of"
     become one point ("22h on 6/1 Kyiv time", "15:00 GMT Saturday");
  3. intervals: "from P to Q", "between P and Q", "P until Q" (24:00 rolls to the
     next day's 00:00; a missing date or zone is shared between the ends);
  4. a time with no date takes the last date of its sentence, else the anchor;
     "the same/next/previous day" counts from the last date mentioned (else the anchor).
``normalise`` runs the same rules on one expression, then falls back to
``dateparser`` (short spans only, ``PREFER_DATES_FROM='past'``) for what the
rules do not cover. With no anchor, relative expressions get ``value=None``.

Modules: ``words`` (calendar words and arithmetic), ``zones`` (zone
phrases -> IANA), ``atoms`` (the atom record, tense cues, shared regex
fragments), ``scan`` (date rules, the rule table, the scanner) and
``clock`` (times of day, durations, sets, zones); this module composes.

Values follow TIMEX3: ``2023-01-07``, ``2023-01``, ``2023``, ``2023-W11``,
``2023-SU``, ``2023-01-07TNI``, ``PT36H``, ``PRESENT_REF``; date-times carry
their zone's offset when a zone is known (``2023-01-06T12:00:00+03:00``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...records import Span, TimeExpression
from . import scan as datescan
from .atoms import Atom
from .zones import LOCAL, with_offset

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

POINT_GAP_RE = re.compile(r"\s*[,(]?\s*(?:(?:on|at|of|in|into|the)\s+){0,2}\)?\s*", re.IGNORECASE)
INTERVAL_GAP_RE = re.compile(r"\s*(?:-|–|—|to|until|till|through|and|into)\s+(?:the\s+)?|\s*[-–—]\s*", re.IGNORECASE)
RANGE_START_RE = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
SENTENCE_BREAK_RE = re.compile(r"[.!?]\s|\n")
EARLY_HOURS_END = 6
LOCAL_PLACE_REACH = 600  # characters back to the place whose zone "local time" takes
ANAPHOR_REACH = 1200  # characters back to the date that "the next day" counts from
ANCHOR_YEARS = (1000, 9000)  # anchors outside are treated as unknown (keeps calendar arithmetic in range)


@dataclass(frozen=True, slots=True)
class Normalised:
    """What ``normalise`` makes of one expression."""

    value: str | None
    end: str | None
    kind: str  # date | time | duration | set | interval

    def __iter__(self) -> Iterator[str | None]:
        """Unpacks as ``value, end, kind = normalise(...)``."""
        return iter((self.value, self.end, self.kind))


def as_anchor(published: str | dt.date | dt.datetime | None) -> dt.date | None:
    """The calendar day to resolve against: a date, a date-time's own date, or an ISO string."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        day = published.date()
    elif isinstance(published, dt.date):
        day = published
    else:
        text = published.strip()
        try:
            day = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                day = dt.date.fromisoformat(text[:10])
            except ValueError:
                return None
    return day if ANCHOR_YEARS[0] <= day.year <= ANCHOR_YEARS[1] else None


@dataclass(slots=True)
class _Point:
    start: int
    end: int
    date: Atom | None = None
    tod: Atom | None = None
    zone: str | None = None

    @property
    def has_day(self) -> bool:
        return self.date is not None and self.date.day_grain


def _composable(point: _Point, atom: Atom) -> bool:
    if atom.role == "zone":
        return point.zone is None and (point.tod is not None or (point.date is not None and point.date.part
                                                                 is not None and ":" in point.date.part))
    if atom.role == "tod":
        return point.tod is None and (point.date is None or (point.has_day and point.date.part is None))
    if atom.role == "date" and atom.day_grain:
        return point.date is None and (point.tod is None or atom.part is None)
    return False


def _points(atoms: list[Atom], text: str) -> list[_Point | Atom]:
    """Group atoms into points (date + time + zone); other atoms pass through."""
    out: list[_Point | Atom] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if atom.role not in ("date", "tod") or (atom.role == "date" and not atom.day_grain):
            out.append(atom)
            i += 1
            continue
        point = _Point(atom.start, atom.end)
        if atom.role == "date":
            point.date = atom
            point.zone = atom.zone
        else:
            point.tod = atom
            point.zone = atom.zone
        j = i + 1
        while j < len(atoms) and POINT_GAP_RE.fullmatch(text, point.end, atoms[j].start) and _composable(
                point, atoms[j]):
            nxt = atoms[j]
            if nxt.role == "zone":
                point.zone = nxt.value
            elif nxt.role == "tod":
                point.tod = nxt
                point.zone = point.zone or nxt.zone
            else:
                point.date = nxt
            point.end = nxt.end
            j += 1
        out.append(point)
        i = j
    return out


def plus_days(day: dt.date | None, days: int) -> dt.date | None:
    """``day`` shifted by ``days``, None when it leaves the calendar (year 9999 + 1 day)."""
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _moment(day: dt.date, tod: str, until: bool = False) -> dt.datetime | None:
    hour, minute = int(tod[:2]), int(tod[3:5])
    if hour == 24 or (until and hour == 0 and minute == 0):
        next_day = plus_days(day, 1)
        return dt.datetime.combine(next_day, dt.time()) if next_day else None
    return dt.datetime.combine(day, dt.time(hour, minute))


def _zone(point: _Point, default_zone: str | None, local_zone: str | None = None) -> str | None:
    if point.zone == LOCAL:
        return local_zone  # "local time": the zone of the place in context, when known
    return point.zone or default_zone


def _point_value(point: _Point, day: dt.date | None, default_zone: str | None,
                 local_zone: str | None = None) -> tuple[str | None, str | None, str]:
    """(value, end, kind) of one point on its day."""
    tod = point.tod.value if point.tod else None
    if point.date is not None and point.date.part:
        tod = point.date.part if tod is None or tod in ("MO", "AF", "EV", "NI", "ON") else tod
    if tod is None:
        if point.date is not None and point.date.shift is not None:
            return (day.isoformat() if day else None), None, "date"
        return (point.date.value if point.date else None), None, "date"
    if day is None:
        return None, None, ("date" if tod == "ON" else "time")
    zone = _zone(point, default_zone, local_zone)
    if tod == "ON":
        return day.isoformat(), None, "date"
    if tod == "EH":
        start = dt.datetime.combine(day, dt.time())
        return (with_offset(start, zone), with_offset(start.replace(hour=EARLY_HOURS_END), zone), "interval")
    if ":" not in tod:
        return f"{day.isoformat()}T{tod}", None, "time"
    until = bool(point.tod and point.tod.until)
    moment = _moment(day, tod, until)
    return (with_offset(moment, zone) if moment else None), None, "time"


class _Composer:
    """Turns atoms into TimeExpressions, remembering the last day mentioned per sentence."""

    def __init__(self, text: str, anchor: dt.date | None, default_zone: str | None,
                 place_zones: Sequence[tuple[int, str]] = ()) -> None:
        self.text = text
        self.anchor = anchor
        self.default_zone = default_zone
        self.place_zones = sorted(place_zones)
        self.last_day: tuple[int, dt.date] | None = None

    def local_zone(self, start: int) -> str | None:
        """The zone of the last place named before ``start`` (within reach), else of the first one after
        it in the same sentence."""
        before = [zone for at, zone in self.place_zones if at <= start and start - at < LOCAL_PLACE_REACH]
        if before:
            return before[-1]
        after = [zone for at, zone in self.place_zones
                 if at > start and not SENTENCE_BREAK_RE.search(self.text, start, at)]
        return after[0] if after else None

    def value(self, point: _Point, day: dt.date | None) -> tuple[str | None, str | None, str]:
        local = self.local_zone(point.start) if point.zone == LOCAL else None
        return _point_value(point, day, self.default_zone, local)

    def context_day(self, start: int) -> dt.date | None:
        if self.last_day is not None and not SENTENCE_BREAK_RE.search(self.text, self.last_day[0], start):
            return self.last_day[1]
        return self.anchor

    def day_of(self, point: _Point) -> dt.date | None:
        if point.date is not None and point.date.shift is not None:  # "the next day"
            near = self.last_day is not None and point.start - self.last_day[0] < ANAPHOR_REACH
            reference = self.last_day[1] if near and self.last_day else self.anchor
            return plus_days(reference, point.date.shift)
        if point.date is not None:
            return point.date.day
        return self.context_day(point.start)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def expression(self, item: _Point | Atom) -> TimeExpression:
        if isinstance(item, Atom):
            kind = {"range": "interval", "ref": "date"}.get(item.role, item.role)
            return TimeExpression(self.span(item.start, item.end), item.value, kind, item.end_value)
        day = self.day_of(item)
        if day is not None and (item.date is not None or item.tod is not None):
            self.last_day = (item.end, day)
        value, end, kind = self.value(item, day)
        return TimeExpression(self.span(item.start, item.end), value, kind, end)

    def interval(self, first: _Point, second: _Point) -> TimeExpression:
        if first.date is None and second.date is not None:
            first.date = Atom(first.start, first.start, "date", second.date.value, second.date.day, True)
        if first.zone is None:
            first.zone = second.zone
        if second.zone is None:
            second.zone = first.zone
        start_day = self.day_of(first)
        end_day = self.day_of(second) if second.date is not None else start_day
        if start_day and end_day and 0 < (start_day - end_day).days < 7:
            start_day = plus_days(start_day, -7)  # weekdays resolved apart: "from Friday until Saturday"
        if start_day and end_day and not re.search(r"\d{4}", self.text[first.start:first.end]):
            start_day = _same_season(start_day, end_day)  # "from noon on January 6 until January 7"
        if first.date is not None and first.date.day is not None:
            self.last_day = (second.end, end_day or first.date.day)
        value, _, _ = self.value(first, start_day)
        end_value, end_end, _ = self.value(second, end_day)
        if (second.date is None and end_day is not None and first.tod and second.tod
                and ":" in (first.tod.value or "") and ":" in (second.tod.value or "")
                and value and end_value and end_value < value):
            end_value, end_end, _ = self.value(second, plus_days(end_day, 1))
        return TimeExpression(self.span(first.start, second.end), value, "interval", end_end or end_value)


def _same_season(start: dt.date, end: dt.date) -> dt.date:
    """A yearless start resolved a year apart from its end ("ordered a truce from January 6": past
    bias gave the previous January) moves to the year that puts it just before the end."""
    if 0 <= (end - start).days <= 300:
        return start
    for year in (end.year, end.year - 1):
        try:
            moved = start.replace(year=year)
        except ValueError:  # 29 February
            continue
        if 0 <= (end - moved).days <= 300:
            return moved
    return start


def _is_interval(text: str, first: _Point, second: _Point) -> bool:
    gap = INTERVAL_GAP_RE.fullmatch(text, first.end, second.start)
    if gap is None:
        return False
    word = text[first.end:second.start].strip().lower()
    opened = RANGE_START_RE.search(text, max(0, first.start - 16), first.start) is not None
    if word.startswith("and"):
        return opened
    if word.startswith(("to", "into")):
        return opened or (first.tod is not None and second.tod is not None)
    if word[:1] in "-–—":
        return (first.tod is None) == (second.tod is None)
    return True


def _is_period_range(text: str, first: Atom, second: Atom) -> bool:
    """"between 2014 and 2022", "from March to May": two months or years as one interval."""
    if INTERVAL_GAP_RE.fullmatch(text, first.end, second.start) is None:
        return False
    same_shape = (first.value is None or second.value is None
                  or len(first.value) == len(second.value))
    return same_shape and RANGE_START_RE.search(text, max(0, first.start - 16), first.start) is not None


def find_times(text: str, anchor: str | dt.date | dt.datetime | None, *,
               default_timezone: str | None = None,
               place_zones: Sequence[tuple[int, str]] = ()) -> list[TimeExpression]:
    """Every date, time, duration and set expression in ``text``, in text order.

    ``default_timezone`` (IANA) applies to clock times that state no zone;
    ``place_zones`` lists (character offset, IANA zone) of places named in the
    text, so "local time" takes the zone of the place in context."""
    day = as_anchor(anchor)
    atoms = datescan.scan(text, day)
    items = _points(atoms, text)
    composer = _Composer(text, day, default_timezone, place_zones)
    out: list[TimeExpression] = []
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, _Point):
            nxt = items[i + 1] if i + 1 < len(items) else None
            if isinstance(nxt, _Point) and _is_interval(text, item, nxt):
                out.append(composer.interval(item, nxt))
                i += 2
                continue
            if item.date is None and item.tod is not None and item.tod.value in ("MO", "AF", "EV", "NI"):
                i += 1  # a bare "morning" or "night" is too vague to date
                continue
        if isinstance(item, Atom) and item.role == "date" and i + 1 < len(items):
            nxt = items[i + 1]
            if isinstance(nxt, Atom) and nxt.role == "date" and _is_period_range(text, item, nxt):
                out.append(TimeExpression(composer.span(item.start, nxt.end), item.value, "interval", nxt.value))
                i += 2
                continue
        if isinstance(item, Atom) and item.role == "zone":
            i += 1
            continue
        out.append(composer.expression(item))
        i += 1
    return out


PERIOD_AS_DURATION_RE = re.compile(r"(?:the\s+)?(?:next|past|last|coming|previous)\s+(week|month|year|decade|century)")
PERIOD_DURATIONS = {"week": "P1W", "month": "P1M", "year": "P1Y", "decade": "P10Y", "century": "P100Y"}
BARE_UNITS = {"seconds": "PTXS", "minutes": "PTXM", "hours": "PTXH", "days": "PXD", "weeks": "PXW",
              "months": "PXM", "years": "PXY", "decades": "PXDE"}


def normalise(expression: str, anchor: str | dt.date | dt.datetime | None, *,
              kind_hint: str | None = None, default_timezone: str | None = None) -> Normalised:
    """Normalise one expression (e.g. a span found elsewhere) against ``anchor``.

    The rules of ``find_times`` first; the expression found that covers most of
    the words wins. Then bare unit plurals ("days" -> ``PXD``); then dateparser
    on the short expression. Unknown: ``Normalised(None, None, kind_hint or "date")``.
    """
    found = find_times(expression, anchor, default_timezone=default_timezone)
    words = " ".join(expression.lower().split())
    day = as_anchor(anchor)
    hint = kind_hint.lower() if kind_hint else None
    if hint == "duration" and (period := PERIOD_AS_DURATION_RE.fullmatch(words)):
        return Normalised(PERIOD_DURATIONS[period.group(1)], None, "duration")  # "the next decade" as a span
    if found:
        best = max(found, key=lambda t: (t.span.end - t.span.start, t.value is not None))
        if best.value is not None or day is None:
            return Normalised(best.value, best.end, best.kind)
    if words in BARE_UNITS:
        return Normalised(BARE_UNITS[words], None, "duration")
    two_digit_year = re.fullmatch(r"['’]?(\d\d)", words)
    if two_digit_year and day is not None and hint in (None, "date"):
        year = 2000 + int(two_digit_year.group(1))
        return Normalised(str(year if year <= day.year else year - 100), None, "date")
    if found:
        best = max(found, key=lambda t: t.span.end - t.span.start)
        return Normalised(best.value, best.end, best.kind)
    parsed = _dateparser_fallback(expression, day)
    if parsed is not None:
        return Normalised(parsed, None, "date")
    return Normalised(None, None, hint or "date")


def _dateparser_fallback(expression: str, anchor: dt.date | None) -> str | None:
    words = expression.strip()
    if anchor is None or not words or len(words) > 40 or not re.search(r"[A-Za-z]", words):
        return None
    import dateparser  # slow to import: only here

    base = dt.datetime.combine(anchor, dt.time(12))
    try:
        parsed = dateparser.parse(words, languages=["en"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False})
    except (ValueError, TypeError, OverflowError, re.error) as exc:
        log.debug("dateparser failed on %r: %s", words, exc)
        return None
    if parsed is None:
        return None
    years = {int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", words)}
    if (years and parsed.year not in years) or (not years and abs(parsed.year - anchor.year) > 1):
        return None  # dateparser read a number as a year ("the 99th day" -> 1999)
    day: dt.date = parsed.date()
    return day.isoformat()


def day_of(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day a value names, or None (months, weeks, durations, references)."""
    if value and re.match(r"\d{4}-\d\d-\d\d(?:$|T)", value):
        return value[:10]
    return None
