"""Generic English calendar vocabulary and calendar arithmetic for ``dates.py``.

Nothing here knows about any conflict: month and weekday names, number words,
units, parts of the day, holidays with fixed or computed dates, and the
"nearest occurrence" rules that resolve a date without a year against the
publication date (see ``nearest_day`` for the past bias).
"""

from __future__ import annotations

import datetime as dt

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
FULL_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "one and a half": 1.5,
    "a couple of": 2, "couple of": 2,
}
VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "recent", "the past few", "the last few",
                    "the next few", "the coming", "a couple of", "numerous", "multiple")
ORDINAL_CENTURY = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}
# unit word -> (ISO 8601 designator, is a time unit (needs "T"), TIMEX3 granularity)
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "fortnight": ("W", False),
}
UNIT_MULTIPLIER = {"decade": 10, "century": 100, "fortnight": 2}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI"}


def parse_quantity(text: str) -> float | None:
    """A count in words or digits ("three", "1.5", "twenty-four", "a") or None."""
    word = " ".join(text.lower().replace(",", "").split())
    if not word:
        return None
    try:
        return float(word)
    except ValueError:
        pass
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if "-" in word or " " in word:
        parts = word.replace("-", " ").split()
        if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
            tens, units = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
            if tens >= 20 and tens % 10 == 0 and units < 10:
                return tens + units
    return None


def format_quantity(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# ------------------------------------------------------------------ calendar arithmetic
def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= year <= 9999:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


FUTURE_WEIGHT = 2.0  # a future reading must be more than twice as near as the past one to win
NEAR_DAYS = 14  # a reading this near the anchor beats a tense cue pointing half a year away
FAR_DAYS = 180


def nearest_day(month: int, day: int, anchor: dt.date, direction: str | None = None) -> dt.date | None:
    """The date with this month and day nearest the anchor, biased to the past.

    News reports mostly look back: a future reading wins only when it is more
    than ``FUTURE_WEIGHT`` times nearer than the past one. ``direction``
    "past" / "future" (from "last", tense cues) restricts the choice, except
    that a reading within ``NEAR_DAYS`` of the anchor beats a restricted one
    more than ``FAR_DAYS`` away: in "Putin ordered a truce from January 6",
    published January 5, the past tense is the ordering, not the truce.
    """
    best: tuple[float, dt.date] | None = None
    near: dt.date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = safe_date(year, month, day)
        if candidate is None:
            continue
        delta = (candidate - anchor).days
        if abs(delta) <= NEAR_DAYS:
            near = candidate
        if direction == "past" and delta > 0:
            continue
        if direction == "future" and delta < 0:
            continue
        cost = -delta if delta <= 0 else delta * FUTURE_WEIGHT
        if best is None or cost < best[0]:
            best = (cost, candidate)
    if near is not None and (best is None or abs((best[1] - anchor).days) > FAR_DAYS):
        return near
    return best[1] if best else None


def nearest_month(month: int, anchor: dt.date, direction: str | None = None) -> tuple[int, int]:
    """(year, month) of the occurrence of ``month`` nearest the anchor, past-biased.

    ``direction`` "past" means strictly before the anchor's month ("last June"),
    "future" strictly after ("next June")."""
    best: tuple[float, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        delta = (year * 12 + month) - (anchor.year * 12 + anchor.month)
        if direction == "past" and delta >= 0:
            continue
        if direction == "future" and delta <= 0:
            continue
        cost = -delta if delta <= 0 else delta * FUTURE_WEIGHT
        if best is None or cost < best[0]:
            best = (cost, year)
    assert best is not None
    return best[1], month


def nearest_weekday(weekday: int, anchor: dt.date, direction: str | None = None) -> dt.date:
    """The most recent such weekday on or before the anchor; "future": on or after;
    "next": strictly after; "last": strictly before; "this": in the anchor's ISO week."""
    if direction in ("future", "next"):
        ahead = (weekday - anchor.weekday()) % 7
        if ahead == 0 and direction == "next":
            ahead = 7
        return anchor + dt.timedelta(days=ahead)
    if direction == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and direction == "last":
        back = 7
    return anchor - dt.timedelta(days=back)


def western_easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday (Meeus' Julian algorithm, shifted to the Gregorian calendar)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month = (d + e + 114) // 31
    day = (d + e + 114) % 31 + 1
    julian_offset = year // 100 - year // 400 - 2
    return dt.date(year, month, day) + dt.timedelta(days=julian_offset)


# holiday key (lower-case, normalised apostrophes) -> (month, day) or a computed rule name
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year day": (1, 1), "new years day": (1, 1), "new year": (1, 1),
    "new year's": (1, 1), "new years": (1, 1),
    "new year's night": (1, 1), "new years night": (1, 1), "new year night": (1, 1),  # the night into 1 January
    "new year's eve": (12, 31), "new years eve": (12, 31), "new year eve": (12, 31),
    "orthodox christmas": (1, 7), "orthodox christmas day": (1, 7), "orthodox christmas eve": (1, 6),
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "victory day": (5, 9), "valentine's day": (2, 14), "valentines day": (2, 14), "halloween": (10, 31),
    "international women's day": (3, 8), "women's day": (3, 8), "may day": (5, 1),
}
COMPUTED_HOLIDAYS = ("easter", "easter sunday", "orthodox easter", "good friday", "easter monday")


def holiday_in_year(name: str, year: int) -> dt.date | None:
    key = name.lower()
    if key in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[key]
        return safe_date(year, month, day)
    if not 1583 <= year <= 4000:
        return None
    if key == "orthodox easter":
        return orthodox_easter(year)
    easter = western_easter(year)
    offsets = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}
    return easter + dt.timedelta(days=offsets[key]) if key in offsets else None


def nearest_holiday(name: str, anchor: dt.date, direction: str | None = None, *,
                    strict: bool = True) -> dt.date | None:
    """The holiday's date nearest the anchor, past-biased like ``nearest_day``. A ``direction`` from a
    word ("last Easter") is ``strict``; one from a tense cue is not: an occurrence within ``NEAR_DAYS``
    of the anchor then beats one more than ``FAR_DAYS`` away (Easter tomorrow, not last year's)."""
    best: tuple[float, dt.date] | None = None
    near: dt.date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = holiday_in_year(name, year)
        if candidate is None:
            continue
        delta = (candidate - anchor).days
        if abs(delta) <= NEAR_DAYS:
            near = candidate
        if (direction == "past" and delta > 0) or (direction == "future" and delta < 0):
            continue
        cost = -delta if delta <= 0 else delta * FUTURE_WEIGHT
        if best is None or cost < best[0]:
            best = (cost, candidate)
    if not strict and near is not None and (best is None or abs((best[1] - anchor).days) > FAR_DAYS):
        return near
    return best[1] if best else None
