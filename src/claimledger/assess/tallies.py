"""Official tallies: dating a quoted running total, and flagging a possible misquote.

``TallyIndex(tallies)`` is built once (each series' days by date);
``index.check(figures, published)`` looks at one article's figures against each
tally (``records.Tally``: a party's daily cumulative count, with
its transcriptions). A figure is a candidate quote of a tally when its subject
side is the tally's, its claimant is the tally's publisher's side or no party
(the outlet's own voice, ``independent``, ``unknown``: an outlet quoting the
tally), it gives a ``best`` value, and its measure maps to the tally's columns
(``figure_measures``: "planes and helicopters" is aircraft + helicopters).

The reference day is the article's publication day, or the day the text gives
for the figure when that differs (the extractor's ``as_of``); without either,
nothing is checked. The window is the ``window_days`` (14 by default) before
the reference day, and the day itself. Then, in this order:

1. total: the value equals a column's (or sum's) total on days of the window,
   in any transcription. Of those days the figure takes the one most of the
   article's candidate figures match (several measures agreeing on one day
   reinforce it), the latest on a tie: ``as_of`` is that day, and a day before
   publication is noted as a stale figure ("N days before publication").
2. increment: a figure the extractor dated no running count (a daily
   increment: "lost 330 personnel in one day"), stated exactly, equals the
   change of a column between two consecutive days of a transcription,
   reported on the reference day or up to ``INCREMENT_DAYS`` before it:
   ``as_of`` is the day of the report.
3. misquote: a figure of the publisher's own side (or no party's), stated with
   a precise number (not rounded: ``_rounded``; not vague), within
   ``MISQUOTE_SPREAD`` of the tally's total on the reference day, that matched
   neither: a possible misquote; ``as_of`` stays the extractor's. The note
   names the tally's last total, and the last day before the window that had
   the number, if one did (an old figure given as news).
Figures further from the tally than that are other counts (one strike's dead),
not quotes of it, and get no check. Where the transcriptions disagree on the
matched day, the note says which one holds the quoted value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..records import Figure, Tally, TallyCheck, TallySeries

INCREMENT_DAYS = 2
MISQUOTE_SPREAD = 0.10
NEAREST_DAYS = 31  # how far back a misquote note looks for the tally's last total
NO_PARTY = frozenset({"independent", "unknown"})
VAGUE = frozenset({"hundreds", "thousands", "dozens", "range"})
Sums = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class _Candidate:
    figure: Figure
    sums: Sums
    reference: dt.date
    stated: bool  # the text gives the figure's day (as_of differs from publication)


class TallyIndex:
    """The tallies, each series' days by date: build once, then check article after article."""

    def __init__(self, tallies: Sequence[Tally]) -> None:
        self.tallies = tuple(t for t in tallies if t.series)
        self._days = {s.name: {d.day: d.values for d in s.days} for t in self.tallies for s in t.series}

    def check(self, figures: Sequence[Figure], published: str | None) -> dict[str, TallyCheck]:
        """One article's figures checked against the tallies: figure id -> check (the module docstring)."""
        checks: dict[str, TallyCheck] = {}
        for tally in self.tallies:
            candidates = [c for f in figures if f.id not in checks and (c := _candidate(f, published, tally))]
            if candidates:
                checks.update(self._check(candidates, published, tally))
        return checks

    # ------------------------------------------------------------ the cascade
    def _check(self, candidates: list[_Candidate], published: str | None, tally: Tally) -> dict[str, TallyCheck]:
        matches: dict[str, dict[dt.date, tuple[str, ...]]] = {}
        for c in candidates:
            found: dict[dt.date, tuple[str, ...]] = {}
            for days_back in range(tally.window_days + 1):
                day = c.reference - dt.timedelta(days=days_back)
                sources = tuple(s.source for s in tally.series if c.figure.best in self.values(s, day, c.sums))
                if sources:
                    found[day] = sources
            if found:
                matches[c.figure.id] = found
        support: dict[dt.date, int] = {}
        for found in matches.values():
            for day in found:
                support[day] = support.get(day, 0) + 1
        checks: dict[str, TallyCheck] = {}
        base = _date(published)
        for c in candidates:
            f = c.figure
            if f.id in matches:
                day = max(matches[f.id], key=lambda d: (support[d], d))
                checks[f.id] = self._total(c, tally, day, base, matches[f.id][day])
                continue
            increment = self._increment(c, tally)
            if increment is not None:
                day, sources = increment
                note = f"daily increment: the change in the {tally.claimant} tally reported on {day.isoformat()}"
                checks[f.id] = TallyCheck(f.id, tally.key, "increment", day.isoformat(), _days(day, base),
                                          note + self._disagreeing(tally, day, c, sources, increment=True), sources)
                continue
            if self._misquote(c, tally):
                first = c.reference - dt.timedelta(days=tally.window_days)
                near = self.latest(tally.series[0], c.reference, c.sums)
                nearest = f" ({near[0]}: {near[1]:,})" if near else ""
                old = self.earlier(tally, first, c)
                older = f"; it had this number on {old.isoformat()}, {(c.reference - old).days} days before" \
                    if old is not None else ""
                checks[f.id] = TallyCheck(
                    f.id, tally.key, "misquote", None, None,
                    f"possible misquote: no day of the {tally.claimant} tally from {first.isoformat()} to "
                    f"{c.reference.isoformat()} has {_number(f.best)}{nearest}{older}")
        return checks

    def _total(self, c: _Candidate, tally: Tally, day: dt.date, published: dt.date | None,
               sources: tuple[str, ...]) -> TallyCheck:
        days = _days(day, published)
        if days:
            note = (f"stale figure: the {tally.claimant} tally of {day.isoformat()}, "
                    f"{days} day{'s' if days != 1 else ''} before publication")
        else:
            note = f"the {tally.claimant} tally of {day.isoformat()}"
        return TallyCheck(c.figure.id, tally.key, "total", day.isoformat(), days,
                          note + self._disagreeing(tally, day, c, sources), sources)

    def _increment(self, c: _Candidate, tally: Tally) -> tuple[dt.date, tuple[str, ...]] | None:
        if c.figure.as_of is not None or c.figure.qualifier != "exact":
            return None
        for days_back in range(INCREMENT_DAYS + 1):
            day = c.reference - dt.timedelta(days=days_back)
            sources = tuple(s.source for s in tally.series if c.figure.best in self.increments(s, day, c.sums))
            if sources:
                return day, sources
        return None

    def _misquote(self, c: _Candidate, tally: Tally) -> bool:
        f = c.figure
        if f.best is None or _rounded(f.best):
            return False
        near = self.latest(tally.series[0], c.reference, c.sums)
        return near is not None and abs(f.best - near[1]) <= MISQUOTE_SPREAD * near[1]

    def _disagreeing(self, tally: Tally, day: dt.date, c: _Candidate, sources: tuple[str, ...], *,
                     increment: bool = False) -> str:
        """"; transcriptions disagree: orc-losses has 351" when another transcription gives another value."""
        others = []
        best = c.figure.best or 0
        for series in tally.series:
            if series.source in sources:
                continue
            values = self.increments(series, day, c.sums) if increment else self.values(series, day, c.sums)
            if values:
                others.append(f"{series.source} has {_number(min(values, key=lambda v: abs(v - best)))}")
        return "; transcriptions disagree: " + ", ".join(others) if others else ""

    # ------------------------------------------------------------ values
    def values(self, series: TallySeries, day: dt.date, sums: Sums) -> list[int]:
        """The series' totals on ``day``, one per column sum the day gives."""
        values = self._days[series.name].get(day.isoformat())
        return [v for v in _sums(values, sums) if v >= 0] if values else []

    def increments(self, series: TallySeries, day: dt.date, sums: Sums) -> list[int]:
        """The change of each column sum from the day before to ``day``."""
        days = self._days[series.name]
        now, before = days.get(day.isoformat()), days.get((day - dt.timedelta(days=1)).isoformat())
        if not now or not before:
            return []
        return [a - b for a, b in zip(_sums(now, sums), _sums(before, sums), strict=True) if a >= 0 and b >= 0]

    def earlier(self, tally: Tally, before: dt.date, c: _Candidate) -> dt.date | None:
        """The last day before ``before`` on which a transcription had the figure's number (an old
        figure quoted as news), if any."""
        found = [day for series in tally.series for tally_day in series.days
                 if (day := dt.date.fromisoformat(tally_day.day)) < before
                 and c.figure.best in self.values(series, day, c.sums)]
        return max(found, default=None)

    def latest(self, series: TallySeries, day: dt.date, sums: Sums) -> tuple[str, int] | None:
        """The first column sum on ``day``, or on the last day before it that gives one."""
        for days_back in range(NEAREST_DAYS):
            d = day - dt.timedelta(days=days_back)
            values = self.values(series, d, sums[:1])
            if values:
                return d.isoformat(), values[0]
        return None


def _candidate(figure: Figure, published: str | None, tally: Tally) -> _Candidate | None:
    if figure.subject_side != tally.subject_side or figure.best is None or figure.qualifier in VAGUE:
        return None
    if figure.claimant.side != tally.claimant_side and figure.claimant.side not in NO_PARTY:
        return None
    sums = tally.figure_measures.get(figure.measure)
    day = _date(published) or _date(figure.as_of)
    if not sums or day is None:
        return None
    stated = _date(figure.as_of)
    reference = stated if stated is not None else day
    if not _EARLIEST <= reference <= _LATEST:
        return None  # a date no series can reach ("0001-01-01"): nothing to look back from
    return _Candidate(figure, sums, reference, stated is not None and stated != day)


_EARLIEST, _LATEST = dt.date(1900, 1, 1), dt.date(9000, 1, 1)  # dates a window of days can move around


def _sums(values: dict[str, int], sums: Sums) -> Iterator[int]:
    """Each column sum's total, -1 where the day lacks one of its columns (keeps positions aligned)."""
    for columns in sums:
        yield sum(values[c] for c in columns) if all(c in values for c in columns) else -1


def _rounded(value: float) -> bool:
    """A round number (100,000; 61,000; 4,500; 350): a rounded quote, not a misquote."""
    if not float(value).is_integer():
        return False
    n = int(value)
    step = 1000 if n >= 10_000 else 100 if n >= 1000 else 10
    return n % step == 0


def _days(day: dt.date, published: dt.date | None) -> int | None:
    return (published - day).days if published is not None else None


def _date(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def dated(figure: Figure, check: TallyCheck | None) -> Figure:
    """The figure with the check's day as its ``as_of`` (unchanged without a check or a day)."""
    if check is None or check.day is None:
        return figure
    return replace(figure, as_of=check.day)
