"""A chart of one figure over time, drawn server-side as SVG geometry the templates lay out.

``figure_chart(ledger, measure, subject)`` reads every figure of one measure and subject side (a
tally-checked figure dated to its tally day, else to its ``as_of``, else to its article's
publication), and the official tallies that count that measure of that side; ``plot`` turns them
into coordinates: a point per figure, coloured by its claimant's side, and a line per tally over the
figures' date range (padded by ``PAD_DAYS``, or ``PAD_SHARE`` of it). The value axis is logarithmic
when the values span more than ``LOG_SPAN`` (a strike's 89 beside a war's running 100,000), else
linear from zero.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from ..ledger import Ledger
from ..records import ArticleFilter, Figure, Tally, TallyCheck
from .views import ArticleRef, article_ref

LOG_SPAN = 50  # max / min above this: a log scale
PAD_DAYS = 3  # days of margin either side of the figures' dates, at least
PAD_SHARE = 0.03  # and at least this share of their span
WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 16, 40  # margins inside the SVG, for the axes' labels


@dataclass(frozen=True, slots=True)
class ChartFigure:
    figure: Figure
    day: dt.date
    value: float
    article: ArticleRef | None
    check: TallyCheck | None


@dataclass(frozen=True, slots=True)
class TallyLine:
    title: str
    claimant: str
    days: tuple[tuple[dt.date, int], ...]  # the days in the chart's range, with the running total


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    side: str
    label: str  # shown on hover
    figure_id: str


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Plot:
    """SVG coordinates (``WIDTH`` x ``HEIGHT``) of a figure chart."""

    points: tuple[Point, ...]
    lines: tuple[tuple[str, str], ...]  # (tally title, SVG path data)
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    log: bool
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


@dataclass(frozen=True, slots=True)
class FigureChart:
    measure: str
    subject: str
    choices: tuple[tuple[str, str, int], ...]  # (measure, subject side, figures): what can be charted
    figures: tuple[ChartFigure, ...]  # by day
    tallies: tuple[TallyLine, ...]
    plot: Plot | None  # None when there is nothing to draw
    sides: tuple[str, ...]  # the claimants' sides, in the legend's order


def choices(ledger: Ledger) -> list[tuple[str, str, int]]:
    """Every (measure, subject side) the ledger has figures for, with how many; the most common first."""
    counts = Counter((f.measure, f.subject_side) for f in ledger.figures())
    return [(m, s, n) for (m, s), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def figure_chart(ledger: Ledger, measure: str | None, subject: str | None) -> FigureChart:
    """The chart of ``measure`` for subject side ``subject`` (the most common pair when not given)."""
    with ledger.snapshot():
        found = choices(ledger)
        if (measure is None or subject is None) and found:
            measure, subject = measure or found[0][0], subject or found[0][1]
        measure, subject = measure or "", subject or ""
        checked = list(ledger.checked_figures(measure=measure, subject_side=subject)) if measure else []
        ids = tuple(sorted({f.article_id for f, _ in checked}))
        articles = {a.id: a for a in ledger.articles(ArticleFilter(ids=ids))} if ids else {}
        tallies = [t for t in ledger.tallies() if t.subject_side == subject and measure in t.figure_measures]
    figures = []
    for f, check in checked:
        article = articles.get(f.article_id)
        day = _day(f.as_of) or _day(article.published if article else None)
        value = f.best if f.best is not None else f.low if f.low is not None else f.high
        if day is not None and value is not None and value > 0:
            figures.append(ChartFigure(f, day, value, article_ref(article) if article else None, check))
    figures.sort(key=lambda c: (c.day, c.figure.claimant.side))
    lines = tuple(line for t in tallies if (line := tally_line(t, measure, figures)) is not None)
    sides = tuple(sorted({c.figure.claimant.side for c in figures}, key=lambda s: (s == "unknown", s)))
    return FigureChart(measure, subject, tuple(found), tuple(figures), lines,
                       plot(figures, lines) if figures else None, sides)


def tally_line(tally: Tally, measure: str, figures: list[ChartFigure]) -> TallyLine | None:
    """The tally's primary series over the figures' date range (with ``PAD_DAYS`` either side), as the
    sum of the columns the measure maps to first; None when the series has no day in the range."""
    if not figures or not tally.series:
        return None
    first, last = _range(figures)
    columns = tally.figure_measures[measure][0]
    days = tuple((day, sum(d.values[c] for c in columns)) for d in tally.series[0].days
                 if (day := _day(d.day)) is not None and first <= day <= last
                 and all(c in d.values for c in columns))
    return TallyLine(tally.title, tally.claimant, days) if days else None


def plot(figures: list[ChartFigure], lines: tuple[TallyLine, ...]) -> Plot:
    first, last = _range(figures)
    values = [c.value for c in figures] + [v for line in lines for _, v in line.days if v > 0]
    low, high = min(values), max(values)
    log = high / low > LOG_SPAN
    span_days = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round(LEFT + (day - first).days / span_days * (WIDTH - LEFT - RIGHT), 1)

    if log:
        bottom, top = 10 ** math.floor(math.log10(low)), 10 ** math.ceil(math.log10(high))
        if bottom == top:
            top *= 10

        def y(v: float) -> float:
            share = (math.log10(v) - math.log10(bottom)) / (math.log10(top) - math.log10(bottom))
            return round(HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM), 1)

        y_ticks = [10 ** k for k in range(round(math.log10(bottom)), round(math.log10(top)) + 1)]
    else:
        step = _step(high)
        top = step * math.ceil(high / step) if high > 0 else 1

        def y(v: float) -> float:
            return round(HEIGHT - BOTTOM - v / top * (HEIGHT - TOP - BOTTOM), 1)

        y_ticks = [step * k for k in range(0, int(top / step) + 1)]
    points = tuple(Point(x(c.day), y(c.value), c.figure.claimant.side, _label(c), c.figure.id) for c in figures)
    paths = tuple((line.title, " ".join(f"{'M' if i == 0 else 'L'}{x(d)},{y(v)}" for i, (d, v) in
                                        enumerate((d, v) for d, v in line.days if v > 0)))
                  for line in lines)
    return Plot(points, paths, tuple(Tick(x(d), d.isoformat()) for d in _day_ticks(first, last)),
                tuple(Tick(y(v), number(v)) for v in y_ticks if (v > 0 or not log)), log)


def number(value: float) -> str:
    """A count as people read it: 105,960; 2.5 when it is not whole."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _label(c: ChartFigure) -> str:
    who = c.figure.claimant.name or c.figure.claimant.mention or "unknown"
    outlet = c.article.outlet if c.article and c.article.outlet else "outlet not known"
    note = f" ({c.check.note})" if c.check is not None else ""
    return f"{c.day.isoformat()}: {who} ({c.figure.claimant.side}): {c.figure.number.text} [{outlet}]{note}"


def _range(figures: list[ChartFigure]) -> tuple[dt.date, dt.date]:
    first, last = min(c.day for c in figures), max(c.day for c in figures)
    pad = dt.timedelta(days=max(PAD_DAYS, round((last - first).days * PAD_SHARE)))
    return first - pad, last + pad


def _day_ticks(first: dt.date, last: dt.date, most: int = 7) -> list[dt.date]:
    span = (last - first).days
    step = max(1, math.ceil(span / (most - 1)))
    return [first + dt.timedelta(days=k) for k in range(0, span + 1, step)]


def _step(high: float) -> float:
    """A round tick step giving about five ticks up to ``high``."""
    raw = max(high, 1) / 5
    power = 10.0 ** math.floor(math.log10(raw))
    return next(power * m for m in (1, 2, 5, 10) if power * m >= raw)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
