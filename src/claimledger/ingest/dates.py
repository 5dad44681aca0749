"""Publication dates as sources give them, normalised to ISO 8601.

``normalise_published`` tries, in order: an ISO date or date-time (Python's
``fromisoformat``, ``Z`` accepted), RFC 2822 as feeds write it
(``Thu, 05 Jan 2023 10:00:00 +0000``), a few written forms (``January 5,
2023``, ``5 January 2023``, ``2023/01/05``), and finally dateparser with
English settings and no relative dates. A value with a time keeps its offset
(``2023-01-05T10:00:00+00:00``); a time without an offset stays naive; a
bare date stays a date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["date_from_filename", "normalise_published"]

_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_WRITTEN_FORMATS = (
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%Y%m%d",
)
_MIN_YEAR = 1900
_MAX_YEAR = 2100


def date_from_filename(name: str) -> str | None:
    """The date written in a file name (``2023-01-05``, ``20230105``, ``2023_01_05``)."""
    for match in _FILENAME_DATE.finditer(name):
        year, _sep, month, day = match.groups()
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None


def _format(moment: datetime) -> str:
    if moment.hour == moment.minute == moment.second == 0 and moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat()


def _plausible(moment: datetime) -> bool:
    return _MIN_YEAR <= moment.year <= _MAX_YEAR


def _parse_iso(value: str) -> str | None:
    if len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(microsecond=0).isoformat() if _plausible(moment) else None


def _parse_rfc2822(value: str) -> str | None:
    if not re.search(r"\d{1,2}:\d{2}", value):
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.replace(microsecond=0).isoformat() if _plausible(moment) else None


def _parse_written(value: str) -> str | None:
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", value.strip().rstrip("."))
    for pattern in _WRITTEN_FORMATS:
        try:
            moment = datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
        return moment.date().isoformat() if _plausible(moment) else None
    return None


def _parse_fuzzy(value: str) -> str | None:
    if not re.search(r"\d{4}", value):  # a date without a year is not a publication date
        return None
    import dateparser  # imported lazily: slow to import, rarely needed

    moment = dateparser.parse(
        value,
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True},
    )
    if moment is None or not _plausible(moment):
        return None
    return _format(moment)


def normalise_published(value: object) -> str | None:
    """ISO date, or date-time with offset when the value has a time; None if unparseable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat() if _plausible(value) else None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    for parse in (_parse_iso, _parse_rfc2822, _parse_written, _parse_fuzzy):
        try:
            result = parse(text)
        except (ValueError, OverflowError, TypeError):
            result = None
        if result is not None:
            return result
    return None
