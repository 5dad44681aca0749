"""The profile's tallies (``<profile>/tallies/tallies.yaml``) and the series shipped beside them.

A profile names each tally's publisher, sides, columns and transcriptions as
data (the schema is at the top of the YAML file); nothing here knows a conflict.
``load_tallies`` joins the definitions with their series: the shipped primary
first, replaced by a stored series of the same name (``claimledger tally
import`` of a newer transcription), then every other stored transcription.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..profiles import Profile
from ..records import Tally, TallyDay, TallySeries

TALLY_DIR = "tallies"
TALLY_FILE = "tallies.yaml"
DEFAULT_WINDOW_DAYS = 14
ROLES = ("primary", "cross_check")
CODE_BAD_TALLY = "CL110"


@dataclass(frozen=True, slots=True)
class SourceDefinition:
    """A known transcription of a tally: how `tally import` recognises and reads it."""

    name: str
    role: str
    files: tuple[str, ...]
    columns: dict[str, str]  # the dataset's key -> the tally's column
    shipped: str | None = None  # file name of the package's copy, in the tallies directory
    licence: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class TallyDefinition:
    tally: Tally  # without series
    sources: dict[str, SourceDefinition]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One day and column on which a tally's transcriptions give different totals."""

    tally: str
    day: str
    column: str
    values: tuple[tuple[str, int], ...]  # (source, value), primary first


def tally_definitions(profile: Profile) -> dict[str, TallyDefinition]:
    """The profile's tallies by key (none when the profile has no ``tallies/tallies.yaml``).

    Raises ``ConfigError`` (CL110) when the file is malformed."""
    return _definitions(profile.path / TALLY_DIR / TALLY_FILE)


@lru_cache(maxsize=8)
def _definitions(path: Path) -> dict[str, TallyDefinition]:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"Tally definitions {path} cannot be read: {exc}", code=CODE_BAD_TALLY) from exc
    found: dict[str, TallyDefinition] = {}
    for key, spec in (data.get("tallies") or {}).items():
        try:
            found[str(key)] = _definition(str(key), spec)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"Tally {key!r} in {path} is malformed ({type(exc).__name__}: {exc}); "
                              "see the schema at the top of the file", code=CODE_BAD_TALLY) from exc
    return found


def _definition(key: str, spec: dict[str, Any]) -> TallyDefinition:
    measures = tuple(str(m) for m in spec["measures"])
    figure_measures: dict[str, tuple[tuple[str, ...], ...]] = {m: ((m,),) for m in measures}
    for measure, sums in (spec.get("figure_measures") or {}).items():
        figure_measures[str(measure)] = tuple(tuple(part.strip() for part in str(s).split("+")) for s in sums)
    for sums in figure_measures.values():
        unknown = {c for s in sums for c in s} - set(measures)
        if unknown:
            raise ValueError(f"figure_measures names columns that are not among its measures: {sorted(unknown)}")
    tally = Tally(key=key, title=str(spec.get("title") or key), claimant=str(spec["claimant"]),
                  claimant_side=str(spec["claimant_side"]), subject_side=str(spec["subject_side"]),
                  since=str(spec.get("since") or ""), measures=measures, figure_measures=figure_measures,
                  window_days=int(spec.get("window_days") or DEFAULT_WINDOW_DAYS))
    sources: dict[str, SourceDefinition] = {}
    for name, source in (spec.get("sources") or {}).items():
        role = str(source.get("role") or "cross_check")
        if role not in ROLES:
            raise ValueError(f"source {name}: role must be one of {ROLES}, not {role!r}")
        columns = {str(k): str(v) for k, v in (source.get("columns") or {}).items()}
        if set(columns.values()) - set(measures):
            raise ValueError(f"source {name}: columns map to unknown measures "
                             f"{sorted(set(columns.values()) - set(measures))}")
        sources[str(name)] = SourceDefinition(
            name=str(name), role=role, files=tuple(str(f) for f in source.get("files") or ()), columns=columns,
            shipped=source.get("shipped"), licence=source.get("licence"), url=source.get("url"))
    return TallyDefinition(tally, sources)


def shipped_series(profile: Profile) -> list[TallySeries]:
    """The series the profile ships (each source with a ``shipped`` file), read once per process."""
    found: list[TallySeries] = []
    for key, definition in tally_definitions(profile).items():
        for source in definition.sources.values():
            if source.shipped:
                path = profile.path / TALLY_DIR / source.shipped
                found.append(_shipped(path, key, source.name, source.role, definition.tally.measures))
    return found


@lru_cache(maxsize=8)
def _shipped(path: Path, tally: str, source: str, role: str, measures: tuple[str, ...]) -> TallySeries:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        days = tuple(TallyDay(str(dt.date.fromisoformat(row["date"])),
                              {c: int(v) for c, v in row.items() if c in measures and v not in (None, "")})
                     for row in rows)
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"The shipped tally series {path} cannot be read ({exc}); reinstall claimledger",
                          code=CODE_BAD_TALLY) from exc
    return TallySeries(name=f"{tally}/{source}", tally=tally, source=source, role=role, days=days,
                       origin="shipped")


def load_tallies(profile: Profile, stored: Iterable[TallySeries] = ()) -> list[Tally]:
    """The profile's tallies, each with its series: shipped ones (unless a stored series has the same
    name) and stored ones, the primary first. A stored series of a tally the profile does not define
    is left out (its definition says whose claim it is)."""
    definitions = tally_definitions(profile)
    by_name = {s.name: s for s in shipped_series(profile)}
    for series in stored:
        by_name[series.name] = series
    tallies: list[Tally] = []
    for key, definition in definitions.items():
        ordered = sorted((s for s in by_name.values() if s.tally == key),
                         key=lambda s: (ROLES.index(s.role) if s.role in ROLES else len(ROLES), s.name))
        tallies.append(replace(definition.tally, series=tuple(ordered)))
    return tallies


def disagreements(tally: Tally, days: Sequence[str] | None = None) -> list[Disagreement]:
    """Days and columns on which the tally's transcriptions give different totals (only days two or
    more of them give), in date order; ``days`` limits it to those days."""
    wanted = set(days) if days is not None else None
    by_day: dict[str, list[tuple[str, dict[str, int]]]] = {}
    for series in tally.series:
        for tally_day in series.days:
            if wanted is None or tally_day.day in wanted:
                by_day.setdefault(tally_day.day, []).append((series.source, tally_day.values))
    found: list[Disagreement] = []
    for day in sorted(by_day):
        given = by_day[day]
        if len(given) < 2:
            continue
        for column in tally.measures:
            values = tuple((source, totals[column]) for source, totals in given if column in totals)
            if len({v for _, v in values}) > 1:
                found.append(Disagreement(tally.key, day, column, values))
    return found
