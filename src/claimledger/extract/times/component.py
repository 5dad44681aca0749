"""The ``claimledger_times`` component (spaCy forbids "." in factory names): dates and times -> ``doc._.cl_times``.

Reads ``doc._.cl_published`` (the anchor; None leaves relative expressions
unresolved) and ``doc._.cl_places`` (optional: "local time" takes the zone of
the place named before it) and writes every time expression of the text, in text order, as
``records.TimeExpression`` (see ``dates.find_times`` for the rule cascade), except those in page
furniture (``doc._.cl_furniture``: a byline's publication stamp dates no event).
Config: ``profile`` (unused for now: date words are generic English) and
``default_timezone`` (an IANA zone applied to clock times that state no zone;
None keeps them without offset).

``date_near`` picks the expression that best dates a span of text (the events
component uses it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ...errors import ConfigError
from ...records import TimeExpression
from .. import extensions
from ..lines.furniture import in_spans
from ..words import words_of
from .dates import day_of, find_times
from .zones import zone_for_place, zone_info

VERSION = "1"
EXTRACTOR = f"claimledger.times/{VERSION}"
FACTORY = "claimledger_times"  # spaCy forbids "." in factory names
SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n")


class TimesComponent:
    """Finds and normalises the text's dates and times (one instance per pipeline)."""

    def __init__(self, nlp: Language, name: str, profile: str, default_timezone: str | None) -> None:
        if default_timezone is not None and zone_info(default_timezone) is None:
            raise ConfigError(
                f"default_timezone {default_timezone!r} is not an IANA time zone; use e.g. 'Europe/Kyiv' or None",
                code="CL107",
            )
        extensions.register()
        self.name = name
        self.profile = profile
        self.default_timezone = default_timezone
        zone_for_place(None, None)  # load the place -> zone tables now, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        place_zones = []
        for mention in doc._.cl_places or ():
            zone = zone_for_place(mention.place.geonameid, mention.place.country)
            if zone is not None:
                place_zones.append((mention.span.start, zone))
        found = find_times(words_of(doc).text, doc._.cl_published, default_timezone=self.default_timezone,
                           place_zones=place_zones)
        furniture = doc._.cl_furniture or ()
        doc._.cl_times = [t for t in found if not in_spans(furniture, t.span.start, t.span.end)]
        return doc


@Language.factory(
    FACTORY,
    default_config={"profile": "russia-ukraine", "default_timezone": None},
    requires=["doc._.cl_published"],
    assigns=["doc._.cl_times"],
)
def make_times(nlp: Language, name: str, profile: str, default_timezone: str | None) -> TimesComponent:
    return TimesComponent(nlp, name, profile, default_timezone)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in SENTENCE_END_RE.finditer(text, 0, start):
        left = match.end()
    after = SENTENCE_END_RE.search(text, end)
    return left, (after.start() + 1 if after else len(text))


def _rank(time: TimeExpression) -> int:
    """Lower is better: a day or date-time, then intervals, months/weeks/years, then the rest."""
    if time.value is None:
        return 9
    if time.kind == "interval" or day_of(time.value):
        return 0
    if time.kind == "date" and time.value[:1].isdigit():
        return 1
    if time.kind == "time":
        return 2
    return 8  # durations, sets, PRESENT_REF...


def date_near(times: Sequence[TimeExpression], start: int, end: int, text: str) -> TimeExpression | None:
    """The time expression most relevant to ``text[start:end]``.

    Same sentence first (one inside the range, then the nearest before or
    after it), then the previous sentences (nearest first); dates and
    date-times over months and years; durations, sets and references only
    when nothing else is there (never unresolved values).
    """
    left, right = _sentence_bounds(text, start, end)
    best: tuple[tuple[int, int, int], TimeExpression] | None = None
    for time in times:
        rank = _rank(time)
        if rank >= 8:
            continue
        s, e = time.span.start, time.span.end
        if left <= s and e <= right:
            scope = 0
            distance = 0 if (s < end and e > start) else (start - e if e <= start else s - end)
        elif e <= left and left - e < 600:
            scope, distance = 1, left - e
        else:
            continue
        key = (scope, rank, distance)
        if best is None or key < best[0]:
            best = (key, time)
    return best[1] if best else None
