"""Rule recognizers for date and time words: text -> atoms (used by ``dates.py``).

An atom is one self-contained piece: a date ("January 6", "7/1", "last week",
"Orthodox Christmas"), a time of day ("23:00", "4h00", "11pm", "noon",
"afternoon", "the early hours"), a zone ("Kyiv time", "GMT"), a duration
("36-hour", "1.5 days"), a set ("every day") or a reference ("now").
``dates.py`` composes neighbouring atoms into points and intervals.

Rules run in the order of ``RULES`` (each only near its trigger words); overlaps are resolved
leftmost-longest, ties to the earlier recognizer; zones only fill gaps.
Each handler resolves its atom against the anchor (the publication date)
and may reject a match (ages, "24/7", bare numbers, verbs like "may").
"""

from __future__ import annotations

import datetime as dt
import re

from . import clock as C
from . import words as W
from .atoms import (
    COUNTED_NOUNS,
    DAYNUM,
    EDGE,
    MON,
    MON_FULL,
    NOT_S_WORDS,
    NUMERIC_BEFORE_RE,
    PREP_BEFORE_RE,
    QUANTITY,
    REL,
    UNIT,
    WD,
    YEAR,
    Atom,
    Context,
    Handler,
    date_atom,
    rel_direction,
    span_of,
    tense_direction,
)
from .zones import ABBREVIATION_PATTERN, ZONE_RE

MAX_AGO = 3000  # "N units ago" beyond this is just "in the past"


# ------------------------------------------------------------------ handlers: dates
def _iso(m: re.Match[str], ctx: Context) -> Atom | None:
    day = W.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["H"] is None:
        return date_atom(m, day)
    hour, minute = int(m["H"]), int(m["M"])
    if hour > 23:
        return None
    zone = "UTC" if m["tz"] in ("Z", "+00:00", "+0000") else None
    return Atom(m.start(), m.end(), "date", day.isoformat(), day=day, day_grain=True,
                part=f"{hour:02d}:{minute:02d}", zone=zone)


def _month_day(m: re.Match[str], ctx: Context) -> Atom | None:
    month = W.MONTHS[m["mon"].rstrip(".").lower()]
    day_num = int(m["d"])
    first = int(m["d1"]) if "d1" in m.re.groupindex and m["d1"] else None
    last = int(m["d2"]) if "d2" in m.re.groupindex and m["d2"] else None
    if not 1 <= day_num <= 31 or (first is not None and not 1 <= first < day_num) or (
            last is not None and not day_num < last <= 31):
        return None
    if m["y"]:
        day = W.safe_date(int(m["y"]), month, day_num)
    elif ctx.anchor is not None:
        direction = rel_direction(m, ctx, None)
        day = W.nearest_day(month, first or day_num, ctx.anchor, direction)
        if day is not None and first is not None:
            day = day.replace(day=day_num) if W.safe_date(day.year, month, day_num) else None
    else:
        day = None
    if (m["y"] and day is None) or W.safe_date(2024, month, day_num) is None:
        return None
    start, end = span_of(m)
    if first is not None or last is not None:
        lo, hi = (first, day_num) if first is not None else (day_num, last)
        begin = day.replace(day=lo) if day else None
        finish = W.safe_date(day.year, month, hi or 0) if day else None
        return Atom(start, end, "range", begin.isoformat() if begin else None,
                    end_value=finish.isoformat() if finish else None)
    return date_atom(m, day)


def _month_year(m: re.Match[str], ctx: Context) -> Atom | None:
    month = W.MONTHS[m["mon"].rstrip(".").lower()]
    return Atom(m.start(), m.end(), "date", f"{int(m['y']):04d}-{month:02d}")


def _month(m: re.Match[str], ctx: Context) -> Atom | None:
    name = m["mon"].lower()
    alone = not ctx.text[:m.start()].strip() and not ctx.text[m.end():].strip(" .,")
    if name in ("may", "march") and not (m["edge"] or m["rel"] or alone) and not PREP_BEFORE_RE.search(
            ctx.text[max(0, m.start() - 12):m.start()]):
        return None
    month = W.MONTHS[name]
    if ctx.anchor is None:
        return Atom(m.start(), m.end(), "date", None)
    rel = (m["rel"] or "").lower()
    if rel == "this":
        year = ctx.anchor.year
    else:
        year, month = W.nearest_month(month, ctx.anchor, rel_direction(m, ctx, rel or None))
    return Atom(m.start(), m.end(), "date", f"{year:04d}-{month:02d}")


def _weekday(m: re.Match[str], ctx: Context) -> Atom | None:
    if ctx.anchor is None:
        return date_atom(m, None)
    weekday = W.WEEKDAYS[m["wd"].lower()]
    if m["wrel"]:
        step = {"last": -1, "previous": -1, "next": 1, "following": 1}.get(m["wrel"].lower(), 0)
        monday = ctx.anchor - dt.timedelta(days=ctx.anchor.weekday()) + dt.timedelta(weeks=step)
        return date_atom(m, monday + dt.timedelta(days=weekday))
    rel = (m["rel"] or "").lower()
    direction = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next",
                 "this": "this"}.get(rel) or tense_direction(ctx.text, m.start())
    return date_atom(m, W.nearest_weekday(weekday, ctx.anchor, direction))


def _numeric(m: re.Match[str], ctx: Context) -> Atom | None:
    a, b, sep = int(m["a"]), int(m["b"]), m["sep"]
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if (a, b, sep, m["y"]) == (9, 11, "/", None):
        return date_atom(m, dt.date(2001, 9, 11))  # the attacks, not a day to resolve
    if m["y"] is None and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None  # a fraction: "1/3 of the territory"
    if m["y"] is None:
        if sep != "/" or (a, b) == (24, 7) or not NUMERIC_BEFORE_RE.search(before):
            return None
    elif re.search(r"\b(?:version|v|release|build)\s*$", before, re.IGNORECASE):
        return None
    year = None if m["y"] is None else (int(m["y"]) + (2000 if len(m["y"]) == 2 else 0))
    orders = ((a, b),) if sep == "." else ((a, b), (b, a))  # dotted dates are day-first; day-first wins ties
    readings = [(d, mo) for d, mo in orders if 1 <= mo <= 12 and W.safe_date(year or 2024, mo, d) is not None]
    if len(readings) == 2 and readings[0] == readings[1]:
        readings.pop()
    if not readings:
        return None
    days: list[dt.date] = []
    for d, mo in readings:
        day = W.safe_date(year, mo, d) if year is not None else (
            W.nearest_day(mo, d, ctx.anchor) if ctx.anchor is not None else None)
        if day is not None:
            days.append(day)
    if not days:
        return date_atom(m, None)
    anchor = ctx.anchor
    if anchor is not None and len(days) == 2:
        def cost(day: dt.date) -> float:
            delta = (day - anchor).days
            return -delta if delta <= 0 else delta * W.FUTURE_WEIGHT
        days.sort(key=cost)  # stable: day-first wins ties
    return date_atom(m, days[0])


def _relative_day(m: re.Match[str], ctx: Context) -> Atom | None:
    phrase = " ".join(m.group(0).lower().split())
    offsets = {"the day before yesterday": (-2, None), "the day after tomorrow": (2, None),
               "yesterday": (-1, None), "today": (0, None), "tomorrow": (1, None), "tonight": (0, "NI"),
               "last night": (-1, "NI"), "this morning": (0, "MO"), "this afternoon": (0, "AF"),
               "this evening": (0, "EV"), "earlier today": (0, None), "later today": (0, None)}
    offset, part = offsets.get(phrase, (0, None))
    day = ctx.anchor + dt.timedelta(days=offset) if ctx.anchor else None
    return date_atom(m, day, part=part)


def _anaphoric_day(m: re.Match[str], ctx: Context) -> Atom | None:
    if m["before"] and re.match(r"\s+(?:the|a|an|his|her|its|their|[A-Z])", ctx.text[m.end():m.end() + 6]):
        return None  # "the day before the attack": relative to an event, not to a date
    shift = -1 if (m["prev"] or m["before"]) else 1 if (m["next"] or m["after"]) else 0
    return Atom(m.start(), m.end(), "date", None, day_grain=True, shift=shift)


def _relative_period(m: re.Match[str], ctx: Context) -> Atom | None:
    rel, unit = (m["rel"] or "this").lower(), m["unit"].lower()
    if ctx.anchor is None:
        return Atom(m.start(), m.end(), "date", None)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    a = ctx.anchor
    if unit in ("week", "weekend"):
        value = W.iso_week(a + dt.timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        year, month = W.shift_month(a.year, a.month, step)
        value = f"{year:04d}-{month:02d}"
    elif unit == "year":
        value = f"{a.year + step:04d}"
    elif unit == "quarter":
        year, month = W.shift_month(a.year, a.month, 3 * step)
        value = f"{year:04d}-Q{(month - 1) // 3 + 1}"
    elif unit == "decade":
        value = f"{a.year // 10 + step:03d}"
    elif unit == "century":
        value = f"{a.year // 100 + step:02d}"
    else:
        return _season_value(m, W.SEASONS[unit], rel, ctx.anchor)
    return Atom(m.start(), m.end(), "date", value)


def _weekend(m: re.Match[str], ctx: Context) -> Atom | None:
    start, end = span_of(m)
    if ctx.anchor is None:
        return Atom(start, end, "date", None)
    future = tense_direction(ctx.text, m.start()) == "future"
    saturday = W.nearest_weekday(5, ctx.anchor, "future" if future else None)
    return Atom(start, end, "date", W.iso_week(saturday) + "-WE")


def _past_day(m: re.Match[str], ctx: Context) -> Atom | None:
    start, end = span_of(m)
    return Atom(start, end, "duration", "P1D")


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_value(m: re.Match[str], code: str, rel: str, anchor: dt.date) -> Atom:
    """"last summer" is the previous calendar year's ("this summer" names the one just ended);
    "next" is the first one starting after the anchor's month; bare is the nearest."""
    start_month = SEASON_START[code]
    if rel in ("this", "current"):
        year = anchor.year - (1 if code == "WI" and anchor.month <= 2 else 0)
    elif rel in ("last", "past", "previous"):
        year = anchor.year - 1 - (1 if code == "WI" and anchor.month <= 2 else 0)
    elif rel in ("next", "coming", "following"):
        year = anchor.year + (0 if anchor.month < start_month else 1)
    else:
        year = W.nearest_month(start_month, anchor)[0]
    return Atom(m.start(), m.end(), "date", f"{year:04d}-{code}")


def _season(m: re.Match[str], ctx: Context) -> Atom | None:
    rel = (m["rel"] or "").lower()
    code = W.SEASONS[m["s"].lower()]
    if m["y"]:
        return Atom(m.start(), m.end(), "date", f"{m['y']}-{code}")
    if not rel and not PREP_BEFORE_RE.search(ctx.text[max(0, m.start() - 12):m.start()] if not m["edge"] else ","):
        return None
    if ctx.anchor is None:
        return Atom(m.start(), m.end(), "date", None)
    return _season_value(m, code, rel, ctx.anchor)


def _ago(m: re.Match[str], ctx: Context) -> Atom | None:
    quantity = W.parse_quantity(m["q"])
    unit = m["unit"].lower()
    if quantity is None or quantity != int(quantity) or quantity > MAX_AGO:
        return Atom(m.start(), m.end(), "ref", "PAST_REF")
    if ctx.anchor is None:
        return Atom(m.start(), m.end(), "date", None)
    n, a = int(quantity), ctx.anchor
    if unit == "day":
        return date_atom(m, a - dt.timedelta(days=n))
    if unit == "week":
        return date_atom(m, a - dt.timedelta(weeks=n))
    if unit == "month":
        year, month = W.shift_month(a.year, a.month, -n)
        return Atom(m.start(), m.end(), "date", f"{year:04d}-{month:02d}")
    if unit == "year":
        return Atom(m.start(), m.end(), "date", f"{a.year - n:04d}")
    if unit == "decade":
        return Atom(m.start(), m.end(), "date", f"{(a.year - 10 * n) // 10:03d}")
    return Atom(m.start(), m.end(), "ref", "PAST_REF")


def _year(m: re.Match[str], ctx: Context) -> Atom | None:
    text, start, end = ctx.text, m.start(), m.end("y")
    before, after = text[max(0, start - 2):start], text[end:end + 24]
    if re.search(r"[\d$£€#.,]\s?$|[-–]$", before) or re.match(r"(?:[.,]\d|\d|\s*%|\s*-\s*[a-z]|/)", after):
        return None
    word = re.match(r"\s+([a-z]+)\b", after)
    determiner = re.search(r"\b(?:a|an|the|its|his|her|their|our|this|that)\s+$", text[max(0, start - 8):start], re.I)
    if word and not determiner and ((word.group(1).endswith("s") and word.group(1) not in NOT_S_WORDS)
                 or word.group(1) in COUNTED_NOUNS):
        return None
    if re.match(r"\s*(?:km|kilomet|mile|mph|metre|meter|feet|foot|kg|tons?|tonnes?)\b", after):
        return None
    return Atom(m.start(), m.end(), "date", m["y"])


def _year_range(m: re.Match[str], ctx: Context) -> Atom | None:
    first, second = int(m["y"]), m["y2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < last <= first + 20:
        return None
    return Atom(m.start(), m.end(), "range", f"{first:04d}", end_value=f"{last:04d}")


def _decade(m: re.Match[str], ctx: Context) -> Atom | None:
    return Atom(m.start(), m.end(), "date", m["y"] or f"19{m['yy']}")


def _century(m: re.Match[str], ctx: Context) -> Atom | None:
    raw = m["n"].lower()
    number = int(raw) if raw.isdigit() else W.ORDINAL_CENTURY.get(raw.replace("-", " "), 0)
    if not 1 <= number <= 30:
        return None
    return Atom(m.start(), m.end(), "date", f"{number - 1:02d}")


ORTHODOX_CHRISTMAS_RE = re.compile(r"\bOrthodox\s+Christmas\b", re.IGNORECASE)


def _holiday(m: re.Match[str], ctx: Context) -> Atom | None:
    name = " ".join(m["h"].replace("’", "'").replace("‘", "'").lower().split())
    if name in ("christmas", "christmas day", "christmas eve") and ORTHODOX_CHRISTMAS_RE.search(ctx.text):
        name = "orthodox " + name
    if m["y"]:
        return date_atom(m, W.holiday_in_year(name, int(m["y"])))
    if ctx.anchor is None:
        return date_atom(m, None)
    rel = (m["rel"] or "").lower()
    direction = "past" if rel == "last" else "future" if rel in ("next", "this", "coming") else (
        tense_direction(ctx.text, m.start()))
    return date_atom(m, W.nearest_holiday(name, ctx.anchor, direction, strict=bool(rel)))


def _reference(m: re.Match[str], ctx: Context) -> Atom | None:
    phrase = " ".join(m.group(0).lower().split())
    if phrase in ("the past", "in the past", "previously", "at the time", "formerly", "recently", "lately"):
        return Atom(m.start(), m.end(), "ref", "PAST_REF")
    if phrase in ("the future", "in the future", "in the near future", "soon"):
        return Atom(m.start(), m.end(), "ref", "FUTURE_REF")
    return Atom(m.start(), m.end(), "ref", "PRESENT_REF")


IC = re.IGNORECASE
HOLIDAY = (r"(?P<h>(?:Orthodox\s+)?Christmas(?:\s+(?:Day|Eve))?|New\s+Year(?:['’]?s)?(?:\s+(?:Day|Eve|[Nn]ight))?|"
           r"Victory\s+Day|Boxing\s+Day|(?:Orthodox\s+)?Easter(?:\s+Sunday|\s+Monday)?|Good\s+Friday|"
           r"Valentine['’]?s\s+Day|Halloween|(?:International\s+)?Women['’]s\s+Day)")
# trigger words: a rule is tried only near one of them ("#": a 1-2 digit number, "#4": a 4-digit one)
T_MONTHS = ("january february march april may june july august september october november december jan feb"
            " mar apr jun jul aug sep sept oct nov dec")
T_HOLIDAYS = "christmas year years victory boxing easter good valentine valentines halloween women"
T_FULL_MONTHS = "january february march april may june july august september october november december"
T_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
T_RELATIVE_DAYS = "yesterday today tomorrow tonight night morning afternoon evening"
T_DAY = "day"
T_PERIODS = "week weekend month year decade century quarter spring summer autumn fall winter"
T_SEASONS = "spring summer autumn fall winter"
T_REFERENCES = ("now currently present moment nowadays days presently future past previously time formerly"
                " recently lately")
T_UNITS = ("second seconds minute minutes hour hours day days week weeks fortnight fortnights month months"
           " year years decade decades century centuries")
T_SETS = "every each per daily weekly monthly annually yearly hourly nightly"
T_NAMED_TIMES = "midnight noon midday"
T_PARTS = "morning afternoon evening night dawn dusk"
RULES: tuple[tuple[re.Pattern[str], Handler, str, int], ...] = (  # pattern, handler, triggers, lookback
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::\d\d)?"
                r"(?P<tz>Z|[+-]\d\d:?\d\d)?)?\b"), _iso, "#4", 0),
    (re.compile(rf"\b(?:(?:{WD}),?\s+)?(?P<mon>{MON})\s*{DAYNUM}(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-3]?\d)"
                rf"(?:st|nd|rd|th)?)?(?:\s*,?\s+(?:of\s+)?{YEAR})?\b(?!\s*%|[:.]\d|,\d)"), _month_day, T_MONTHS, 1),
    (re.compile(rf"(?<![$£€])(?<![$£€]\s)\b(?:(?:{WD}),?\s+)?(?:the\s+)?(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*"
                rf"(?:-|–|to|and)\s*)?{DAYNUM}\s+(?:of\s+)?(?P<mon>{MON})(?:\s*,?\s+(?:of\s+)?{YEAR})?\b"),
     _month_day, T_MONTHS, 5),
    (re.compile(rf"\b{EDGE}(?P<mon>{MON_FULL}|{MON})\.?,?\s+(?:of\s+)?{YEAR}\b"), _month_year, T_MONTHS, 4),
    (re.compile(rf"\b(?:(?P<rel>last|next|this|coming)\s+)?{HOLIDAY}(?:,?\s+{YEAR})?\b", IC), _holiday, T_HOLIDAYS, 3),
    (re.compile(rf"\b(?i:{EDGE}{REL})(?P<mon>{MON_FULL})\b"), _month, T_FULL_MONTHS, 4),
    (re.compile(rf"\b(?i:(?:(?P<rel>last|next|this|past|coming|previous)\s+))?(?P<wd>{WD})\b"
                r"(?:\s+of\s+(?:the\s+)?(?P<wrel>last|next|this|previous|following)\s+week\b)?"),
     _weekday, T_WEEKDAYS, 1),
    (re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[01]?\d)(?:(?P=sep)(?P<y>(?:19|20)?\d\d))?"
                r"(?![\d/]|\.\d)"), _numeric, "#", 0),
    (re.compile(r"\b(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow|tonight|"
                r"last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today)\b", IC),
     _relative_day, T_RELATIVE_DAYS, 3),
    (re.compile(r"\bthe\s+(?:(?P<prev>previous|preceding)\s+day|day\s+(?P<before>before)|same\s+day|"
                r"(?P<next>next|following)\s+day|day\s+(?P<after>after))\b", IC), _anaphoric_day, T_DAY, 2),
    (re.compile(r"\b(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:the\s+)?(?P<rel>this|last|next|past|previous|"
                r"coming|current|following|present)\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year|"
                r"decade|century|quarter|spring|summer|autumn|fall|winter)\b", IC), _relative_period, T_PERIODS, 4),
    (re.compile(r"\b(?:the\s+)?(?:end|start|beginning|middle|rest|close)\s+of\s+the\s+(?P<rel>)(?P<unit>week|month|year)\b",
                IC), _relative_period, T_PERIODS, 4),
    (re.compile(r"\b(?:over|at|during|on|this|last|next)\s+(?P<span>the\s+weekend)\b", IC), _weekend, "weekend", 2),
    (re.compile(r"\b(?:over|in|during|for|within)\s+(?P<span>the\s+(?:past|last)\s+day)\b", IC), _past_day, T_DAY, 3),
    (re.compile(r"\b(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<rel>last|next|this|past|coming)\s+)?"
                r"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?\b", IC),
     _season, T_SEASONS, 2),
    (re.compile(rf"\b{QUANTITY}\s+{UNIT}s?\s+ago\b", IC), _ago, "ago", 5),
    (re.compile(r"\b(?P<y>(?:1[89]|20)\d)0s\b|\bthe\s+['’](?P<yy>\d)0s\b"), _decade, "#4 #", 1),
    (re.compile(r"\b(?:the\s+)?(?P<n>\d{1,2}(?=st|nd|rd|th)|(?:twenty[\s-])?[a-z]+(?=\s+century))"
                r"(?:st|nd|rd|th)?[\s-]+century\b", IC), _century, "century", 3),
    (re.compile(rf"\b(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)\s*(?:hrs\s*|hours\s*)?\(?(?P<z>{ABBREVIATION_PATTERN})\b"),
     C.military, "#4", 0),
    (re.compile(r"\b(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)\s*(?:hrs|hours)\b"), C.military_hours, "#4", 0),
    (re.compile(rf"\b{EDGE}{YEAR}\s*[-–]\s*(?P<y2>(?:1[89]|20)?\d\d)\b(?![-–]\d)"), _year_range, "#4", 3),
    (re.compile(rf"\b{EDGE}{YEAR}\b"), _year, "#4", 3),
    (re.compile(r"\b(?:right\s+now|now|currently|at\s+present|at\s+the\s+moment|nowadays|these\s+days|"
                r"presently|the\s+present|in\s+the\s+(?:near\s+)?future|the\s+future|in\s+the\s+past|"
                r"the\s+past|previously|at\s+the\s+time|formerly|recently|lately)\b", IC), _reference, T_REFERENCES, 3),
    (re.compile(rf"\b(?P<span>(?:(?:almost|nearly|about|around|some|more\s+than|less\s+than|at\s+least|"
                rf"a\s+mere|just|only|roughly)\s+)?(?:the\s+(?P<rel>past|last|next|previous|coming|first|"
                rf"following)\s+)?{QUANTITY}[\s-]+{UNIT}s?)(?P<old>[\s-]+old)?\b(?!\s+ago\b)", IC),
     C.duration, T_UNITS, 5),
    (re.compile(r"\b(?:(?:for|over|in|within|during|after)\s+(?P<span>(?:(?:the\s+)?(?:recent|past|last|next|"
                r"coming)\s+)?(?P<unit>second|minute|hour|day|week|month|year|decade)s)|(?<!the\s)recent\s+"
                r"(?P<unit2>day|week|month|year|decade)s)\b", IC), C.vague_duration, T_UNITS, 3),
    (re.compile(r"(?<![\d:.])(?P<H>\d{1,2}):(?P<M>[0-5]\d):(?P<S>[0-5]\d)(?![\d:])"), C.clock_duration, "#", 0),
    (re.compile(r"\b(?:every|each|per)\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night|hour)\b|"
                r"\b(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)\b", IC), C.set, T_SETS, 0),
    (re.compile(r"(?<![\d:.])(?P<H>[01]?\d|2[0-4])(?::(?P<M>[0-5]\d)|\.(?P<M2>[0-5]\d)(?=\s*[ap]\.?m))(?![\d:])"
                r"(?:\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))?", IC), C.clock, "#", 0),
    (re.compile(r"(?<![\d:.])(?P<H>1[0-2]|0?[1-9])\s*(?P<M>)(?P<M2>)(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)",
                IC), C.clock, "#", 0),
    (re.compile(r"(?<![\d:.])(?P<H>[01]?\d|2[0-3])\.(?P<M>[0-5]\d)(?![\d.:]|\s*(?:%|per\b|percent|million|billion|bn\b|m\b|km|kilo|mile|met(?:re|er)|dollar|euro|"
                r"hryvni|rouble|ruble|[$€£]))"),
     C.dotted_clock, "#", 0),
    (re.compile(r"(?<![\d:.])(?P<H>[01]?\d|2[0-4])h(?P<M>[0-5]\d)?\b"), C.h_form, "#", 0),
    (re.compile(r"\b(?P<span>(?:(?:just|shortly|soon)\s+(?:after|before)\s+)?(?P<w>midnight|noon|midday))\b", IC),
     C.named_time, T_NAMED_TIMES, 2),
    (re.compile(r"\b(?:in\s+)?the\s+(?:early|small|wee)\s+hours\b", IC), C.early_hours, "hours", 3),
    (re.compile(r"\bovernight\b", IC), C.overnight, "overnight", 0),
    (re.compile(r"\b(?P<p>morning|afternoon|evening|night|dawn|dusk)\b", IC), C.part_of_day, T_PARTS, 0),
)


TOKEN_RE = re.compile(r"[A-Za-z]+|[0-9]+")
NUMBER_KEYS = {1: "#", 2: "#", 4: "#4"}  # the trigger key of a number by its digits
ZONE_TRIGGERS = frozenset({"time"} | {w.lower() for w in re.findall(r"[A-Z]{2,}|Zulu", ABBREVIATION_PATTERN)})


def _trigger_index(rules: tuple[tuple[re.Pattern[str], Handler, str, int], ...]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for number, (_, _, words, _) in enumerate(rules):
        for word in words.split():
            index.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in index.items()}


TRIGGERS = _trigger_index(RULES)  # read-only after import
TRIGGER_WORDS = frozenset(word for word in TRIGGERS if not word.startswith("#")) | ZONE_TRIGGERS


def scan(text: str, anchor: dt.date | None) -> list[Atom]:
    """All atoms in ``text``, non-overlapping, in text order.

    Rules are only tried where they can match: at the starts of the few tokens
    (the rule's lookback: "the past two years" starts 3 tokens before "years")
    up to each of their trigger words (digits trigger the numeric rules), so the
    cost grows with the number of date-like words, not with the text's length."""
    ctx = Context(text, anchor)
    tokens = [(m.start(), m.group().lower()) for m in TOKEN_RE.finditer(text)]
    tried: set[tuple[int, int]] = set()
    found: list[tuple[int, int, int, Atom]] = []
    zone_starts: set[int] = set()
    triggers = [i for i, (_, word) in enumerate(tokens)
                if word in TRIGGER_WORDS or word[0].isdigit() and len(word) in NUMBER_KEYS]
    for i in triggers:
        word = tokens[i][1]
        key = NUMBER_KEYS[len(word)] if word[0].isdigit() else word
        rules = TRIGGERS.get(key, ())
        if key in ZONE_TRIGGERS:
            zone_starts.update(tokens[j][0] for j in range(max(0, i - 3), i + 1))
        for number in rules:
            pattern, handler, _, lookback = RULES[number]
            for j in range(max(0, i - lookback), i + 1):
                pos = tokens[j][0]
                if (number, pos) in tried:
                    continue
                tried.add((number, pos))
                match = pattern.match(text, pos)
                if match is None:
                    continue
                atom = handler(match, ctx)
                if atom is not None and atom.end > atom.start:
                    found.append((atom.start, -(atom.end - atom.start), number, atom))
    found.sort(key=lambda item: (item[0], item[1], item[2]))
    chosen: list[Atom] = []
    last_end = -1
    for start, _, _, atom in found:
        if start >= last_end:
            chosen.append(atom)
            last_end = atom.end
    zones = [z for pos in sorted(zone_starts) if (m := ZONE_RE.match(text, pos)) and (z := C.zone(m, ctx))]
    if zones:
        covered = {i for a in chosen for i in range(a.start, a.end)}
        for zone in zones:
            if not covered.intersection(range(zone.start, zone.end)):
                chosen.append(zone)
                covered.update(range(zone.start, zone.end))
        chosen.sort(key=lambda a: a.start)
    return chosen
