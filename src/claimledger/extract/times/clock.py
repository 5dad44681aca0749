"""Rule handlers for times of day, durations, sets and zones (``scan.RULES`` calls them).

"23:00", "11pm", "4h00", "1500 GMT", "noon", "just after midnight", "the early
hours", "overnight", parts of the day; "36-hour", "1.5 days", "several days",
"3:07:35"; "every day", "daily"; zone phrases ("Kyiv time", "GMT").
"""

from __future__ import annotations

import datetime as dt
import re

from . import words as W
from .atoms import AGE_AFTER_RE, Atom, Context, span_of, tense_direction
from .zones import ABBREVIATION_PATTERN, zone_name


def duration(m: re.Match[str], ctx: Context) -> Atom | None:
    if m["old"] or AGE_AFTER_RE.match(ctx.text[m.end():m.end() + 8]):
        return None
    unit = m["unit"].lower().replace("centurie", "century")
    designator, is_time = W.UNITS[unit]
    quantity = W.parse_quantity(m["q"])
    prefix = "PT" if is_time else "P"
    if quantity is None:
        value = f"{prefix}X{designator}"
    else:
        quantity *= W.UNIT_MULTIPLIER.get(unit, 1)
        if unit in ("decade", "century"):
            designator = "Y"
        value = f"{prefix}{W.format_quantity(quantity)}{designator}"
    start, end = span_of(m)
    if (quantity is not None and quantity == int(quantity) and quantity <= 1000
            and unit in ("day", "week", "month", "year")
            and ctx.anchor is not None and not m["rel"] and start == m.start()
            and re.search(r"\bin\s+$", ctx.text[max(0, start - 4):start], re.IGNORECASE)
            and tense_direction(ctx.text, start) == "future"):
        return in_future(start, end, int(quantity), unit, ctx.anchor)  # "will meet in two weeks"
    return Atom(start, end, "duration", value)


def in_future(start: int, end: int, n: int, unit: str, anchor: dt.date) -> Atom:
    if unit in ("day", "week"):
        day = anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))
        return Atom(start, end, "date", day.isoformat(), day=day, day_grain=True)
    if unit == "month":
        year, month = W.shift_month(anchor.year, anchor.month, n)
        return Atom(start, end, "date", f"{year:04d}-{month:02d}")
    return Atom(start, end, "date", f"{anchor.year + n:04d}")


def vague_duration(m: re.Match[str], ctx: Context) -> Atom | None:
    designator, is_time = W.UNITS[(m["unit"] or m["unit2"]).lower()]
    start, end = span_of(m)
    return Atom(start, end, "duration", f"{'PT' if is_time else 'P'}X{designator}")


def clock_duration(m: re.Match[str], ctx: Context) -> Atom | None:
    hours, minutes, seconds = int(m["H"]), int(m["M"]), int(m["S"])
    parts = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return Atom(m.start(), m.end(), "duration", f"PT{parts or '0S'}")


def set(m: re.Match[str], ctx: Context) -> Atom | None:
    word = (m["unit"] or m["adv"] or "").lower()
    values = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M", "monthly": "P1M",
              "year": "P1Y", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H", "hour": "PT1H",
              "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
              "night": "XXXX-XX-XXTNI", "nightly": "XXXX-XX-XXTNI"}
    return Atom(m.start(), m.end(), "set", values.get(word, "SET"))


# ------------------------------------------------------------------ handlers: times of day, zones
def tod(m: re.Match[str], hour: int, minute: int, *, zone: str | None = None) -> Atom | None:
    if not (0 <= hour <= 24 and 0 <= minute <= 59) or (hour == 24 and minute):
        return None
    start, end = span_of(m)
    return Atom(start, end, "tod", f"{hour:02d}:{minute:02d}", zone=zone)


def clock(m: re.Match[str], ctx: Context) -> Atom | None:
    hour, minute = int(m["H"]), int(m["M"] or m["M2"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "")
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap == "pm" else 0)
    return tod(m, hour, minute)


H_CONTEXT_BEFORE_RE = re.compile(r"\b(?:at|after|before|from|until|till|by|around|about|to|since)\s+$", re.I)
H_CONTEXT_AFTER_RE = re.compile(rf"^\s*(?:on\b|local\b|\(|{ABBREVIATION_PATTERN}\b|[A-Z][a-z]+ time\b)")


def h_form(m: re.Match[str], ctx: Context) -> Atom | None:
    if m["M"] is None and not (H_CONTEXT_BEFORE_RE.search(ctx.text[max(0, m.start() - 10):m.start()])
                               or H_CONTEXT_AFTER_RE.match(ctx.text[m.end():m.end() + 24])):
        return None
    return tod(m, int(m["H"]), int(m["M"] or 0))


def military(m: re.Match[str], ctx: Context) -> Atom | None:
    return tod(m, int(m["H"]), int(m["M"]), zone=zone_name(m["z"]))


CLOCK_BEFORE_RE = re.compile(r"\b(?:at|from|until|till|after|before|around)\s+$", re.IGNORECASE)


def dotted_clock(m: re.Match[str], ctx: Context) -> Atom | None:
    """British "at 17.30": only after a time preposition (else it is a decimal number)."""
    if not CLOCK_BEFORE_RE.search(ctx.text[max(0, m.start() - 8):m.start()]):
        return None
    return tod(m, int(m["H"]), int(m["M"]))


def military_hours(m: re.Match[str], ctx: Context) -> Atom | None:
    """ "0400 hrs", "at 1500 hours": a leading zero or a time preposition tells it from a count of hours."""
    if not (m["H"].startswith("0") or CLOCK_BEFORE_RE.search(ctx.text[max(0, m.start() - 8):m.start()])):
        return None
    if re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None  # "1500 hours of shelling" is a duration
    return tod(m, int(m["H"]), int(m["M"]))


def named_time(m: re.Match[str], ctx: Context) -> Atom | None:
    word = m["w"].lower()
    until = bool(re.search(r"\b(?:until|till|to|through)\s+$", ctx.text[max(0, m.start() - 8):m.start()], re.I))
    start, end = span_of(m)
    value = "12:00" if word in ("noon", "midday") else "00:00"
    return Atom(start, end, "tod", value, until=until and value == "00:00")


def part_of_day(m: re.Match[str], ctx: Context) -> Atom | None:
    word = m["p"].lower()
    code = {"dawn": "MO", "dusk": "EV"}.get(word) or W.PARTS_OF_DAY[word]
    return Atom(m.start(), m.end(), "tod", code)


def early_hours(m: re.Match[str], ctx: Context) -> Atom | None:
    return Atom(m.start(), m.end(), "tod", "EH")


def overnight(m: re.Match[str], ctx: Context) -> Atom | None:
    return Atom(m.start(), m.end(), "tod", "ON")


def zone(m: re.Match[str], ctx: Context) -> Atom | None:
    name = zone_name(m.group(0))
    return Atom(m.start(), m.end(), "zone", name) if name else None
