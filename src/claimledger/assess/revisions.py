"""An event's figures side by side: per measure and subject, one row per claimant, latest value first.

``side_by_side(figures, published)`` groups the figures of one event by (measure, subject side), then
by claimant (``status.voice``: the profile's actor, else the name as written), and orders each
claimant's figures from the latest to the earliest. A figure's moment is its ``as_of`` when the text
dates it, else its article's publication (``published``: article id -> ISO date or date-time), then
its place in the article (a later sentence revises an earlier one: "first 63 ... now 89"). Equal
values in a row are one value repeated (many outlets quoting one ministry), kept in ``figures`` but
not in ``revisions``: a row's revisions are the distinct values it went through, latest first (89,
then 63: an update, not a contradiction). Rows are ordered by side, then claimant name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..records import Claimant, Figure
from .status import voice


@dataclass(frozen=True, slots=True)
class ClaimantFigures:
    """One claimant's figures for one measure and subject of an event, latest first."""

    measure: str
    subject_side: str
    claimant: Claimant
    figures: tuple[Figure, ...]  # every figure, latest first
    revisions: tuple[Figure, ...]  # one figure per distinct value, latest first

    @property
    def latest(self) -> Figure:
        return self.figures[0]


def side_by_side(figures: Iterable[Figure], published: Mapping[str, str | None]) -> list[ClaimantFigures]:
    """The rows of one event's figures (see the module docstring)."""
    rows: dict[tuple[str, str, str], list[Figure]] = {}
    for f in figures:
        rows.setdefault((f.measure, f.subject_side, voice(f.claimant)), []).append(f)
    out = []
    for (measure, subject, _), group in rows.items():
        ordered = sorted(group, key=lambda f: _moment(f, published), reverse=True)
        revisions: list[Figure] = []
        for f in ordered:
            if not revisions or _values(revisions[-1]) != _values(f):
                revisions.append(f)
        out.append(ClaimantFigures(measure, subject, ordered[0].claimant, tuple(ordered), tuple(revisions)))
    return sorted(out, key=lambda r: (r.measure, r.subject_side, r.claimant.side, r.claimant.name or ""))


def _moment(f: Figure, published: Mapping[str, str | None]) -> tuple[str, str, int]:
    day = (f.as_of or published.get(f.article_id) or "")[:10]  # the day it counts to, then the article's moment
    return day, published.get(f.article_id) or "", f.number.start


def _values(f: Figure) -> tuple[float | None, float | None, float | None, str]:
    return f.low, f.best, f.high, f.qualifier
