"""Reading a tally dataset for ``claimledger tally import``: JSON arrays of daily rows, or CSV.

Recognition, in this order:
    1. ``--name TALLY/SOURCE`` (or ``SOURCE`` of the profile's first tally) names the series;
    2. else a file name listed under a source's ``files`` in ``tallies.yaml`` (a directory: the
       source all of whose files it holds) names it;
    3. else a ``.csv`` file is a series named after the file, of the profile's first tally.
A JSON dataset is one or more files of JSON arrays, one object per day with a ``date``; the
source's ``columns`` map its keys to the tally's columns (several keys of one column are summed
where present); other keys are reported as ignored. A CSV has a ``date`` column and the tally's
columns (``tallies/__init__.py``). Rows without a usable date or with a value that is no
whole number are skipped with a reason; a file that cannot be read at all raises
``SourceError`` (CL203) before anything is stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..records import Skip, SkipReason, TallyDay, TallySeries
from .definitions import SourceDefinition, TallyDefinition

CODE_BAD_DATASET = "CL203"
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportedSeries:
    """A series read from a dataset, with the rows it skipped and the keys it did not map."""

    series: TallySeries
    skipped: tuple[Skip, ...] = ()
    ignored_keys: tuple[str, ...] = ()


def read_dataset(path: Path, definitions: dict[str, TallyDefinition], name: str | None = None) -> ImportedSeries:
    """Read the dataset at ``path`` (file or directory) as one series of a profile tally."""
    if not definitions:
        raise SourceError("The conflict profile defines no tallies (tallies/tallies.yaml): nothing to import into",
                          code=CODE_BAD_DATASET)
    if not path.exists():
        raise SourceError(f"{path} does not exist", code=CODE_BAD_DATASET)
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    tally, source, chosen = _recognise(path, files, definitions, name)
    definition = definitions[tally]
    known = definition.sources.get(source)
    role = known.role if known is not None else "cross_check"
    if chosen and chosen[0].suffix.lower() == ".csv":
        days, skipped, ignored = _read_csv(chosen[0], definition)
    else:
        if known is None or not known.columns:
            raise SourceError(f"{path}: JSON needs a source with `columns` in tallies.yaml to map its keys; "
                              f"{tally}/{source} has none (use the CSV format, or add the source)",
                              code=CODE_BAD_DATASET)
        days, skipped, ignored = _read_json(chosen, known)
    if not days:
        raise SourceError(f"{path}: no usable daily rows ({len(skipped)} skipped); nothing was stored",
                          code=CODE_BAD_DATASET)
    series = TallySeries(name=f"{tally}/{source}", tally=tally, source=source, role=role, days=days,
                         origin=str(path))
    return ImportedSeries(series, tuple(skipped), tuple(sorted(ignored)))


def _recognise(path: Path, files: list[Path], definitions: dict[str, TallyDefinition],
               name: str | None) -> tuple[str, str, list[Path]]:
    first = next(iter(definitions))
    names = {f.name for f in files}
    if name:
        tally, _, source = name.rpartition("/")
        tally = tally or first
        if tally not in definitions or not source:
            raise SourceError(f"--name {name!r}: give TALLY/SOURCE with a tally of the profile "
                              f"({', '.join(definitions)})", code=CODE_BAD_DATASET)
        known = definitions[tally].sources.get(source)
        wanted = [f for f in files if known is not None and f.name in known.files] or \
            [f for f in files if f.suffix.lower() in (".json", ".csv")]
        return tally, source, _one_kind(path, wanted)
    for key, definition in definitions.items():
        for known in definition.sources.values():
            if path.is_dir() and known.files and set(known.files) <= names or \
                    not path.is_dir() and path.name in known.files:
                return key, known.name, [f for f in files if f.name in known.files]
    if not path.is_dir() and path.suffix.lower() == ".csv":
        return first, path.stem, [path]
    raise SourceError(f"{path} is no dataset the profile knows (tallies.yaml lists "
                      f"{', '.join(_known_files(definitions)) or 'none'}): give --name TALLY/SOURCE, or use "
                      "the CSV format", code=CODE_BAD_DATASET)


def _known_files(definitions: dict[str, TallyDefinition]) -> list[str]:
    return [f for d in definitions.values() for s in d.sources.values() for f in s.files]


def _one_kind(path: Path, files: list[Path]) -> list[Path]:
    kinds = {f.suffix.lower() for f in files}
    if not files or len(kinds) > 1 or (".csv" in kinds and len(files) > 1):
        raise SourceError(f"{path}: give one CSV file or JSON files of one dataset", code=CODE_BAD_DATASET)
    return files


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"{path} is larger than {MAX_BYTES // 2**20} MB", code=CODE_BAD_DATASET)
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path} cannot be read: {exc}", code=CODE_BAD_DATASET) from exc


def _read_json(files: list[Path], source: SourceDefinition) -> tuple[tuple[TallyDay, ...], list[Skip], set[str]]:
    merged: dict[str, dict[str, int]] = {}
    skipped: list[Skip] = []
    ignored: set[str] = set()
    for file in files:
        try:
            rows = json.loads(_read_text(file))
        except json.JSONDecodeError as exc:
            raise SourceError(f"{file} is not JSON: {exc.msg} (line {exc.lineno})", code=CODE_BAD_DATASET) from exc
        if not isinstance(rows, list):
            raise SourceError(f"{file}: expected a JSON array of daily objects", code=CODE_BAD_DATASET)
        for n, row in enumerate(rows, 1):
            day, problem = _day(row.get("date") if isinstance(row, dict) else None)
            if day is None:
                skipped.append(Skip(f"{file}[{n}]", SkipReason.MALFORMED_ROW, problem, line=n))
                continue
            values: dict[str, int] = {}
            bad = None
            for key, value in row.items():
                column = source.columns.get(key)
                if column is None:
                    if key != "date":
                        ignored.add(key)
                    continue
                if value is None:
                    continue
                if not _whole(value):
                    bad = f"{key} = {value!r} is no whole number of at least 0"
                    break
                values[column] = values.get(column, 0) + int(value)
            if bad is not None:
                skipped.append(Skip(f"{file}[{n}]", SkipReason.MALFORMED_ROW, f"{day}: {bad}; row skipped", line=n))
                continue
            merged.setdefault(day, {}).update(values)  # the files of one dataset give different columns
    return tuple(TallyDay(day, merged[day]) for day in sorted(merged)), skipped, ignored


def _read_csv(file: Path, definition: TallyDefinition) -> tuple[tuple[TallyDay, ...], list[Skip], set[str]]:
    measures = set(definition.tally.measures)
    reader = csv.reader(_read_text(file).splitlines())
    header = next(reader, None)
    if not header or header[0].strip().lower() != "date":
        raise SourceError(f"{file}: the first column must be `date`, then the tally's columns "
                          f"({', '.join(definition.tally.measures)})", code=CODE_BAD_DATASET)
    columns = [h.strip() for h in header[1:]]
    ignored = {c for c in columns if c not in measures}
    if len(ignored) == len(columns):
        raise SourceError(f"{file}: no column is one of the tally's ({', '.join(definition.tally.measures)})",
                          code=CODE_BAD_DATASET)
    days: dict[str, dict[str, int]] = {}
    skipped: list[Skip] = []
    for n, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        day, problem = _day(row[0].strip() if row else None)
        if day is None or day in days:
            reason = problem if day is None else f"{day} appears twice; the first row is kept"
            skipped.append(Skip(f"{file}:{n}", SkipReason.MALFORMED_ROW, reason, line=n))
            continue
        values: dict[str, int] = {}
        bad = None
        for column, cell in zip(columns, row[1:], strict=False):
            cell = cell.strip().replace(",", "")
            if column in ignored or not cell:
                continue
            if not cell.isdigit():
                bad = f"{column} = {cell!r} is no whole number of at least 0"
                break
            values[column] = int(cell)
        if bad is not None:
            skipped.append(Skip(f"{file}:{n}", SkipReason.MALFORMED_ROW, f"{day}: {bad}; row skipped", line=n))
            continue
        days[day] = values
    return tuple(TallyDay(day, days[day]) for day in sorted(days)), skipped, ignored


def _day(value: Any) -> tuple[str | None, str]:
    if not isinstance(value, str) or not value.strip():
        return None, "no date (an ISO date like 2022-12-31 is needed); row skipped"
    try:
        return str(dt.date.fromisoformat(value.strip()[:10])), ""
    except ValueError:
        return None, f"{value.strip()[:40]!r} is no ISO date; row skipped"


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def series_csv_rows(series: TallySeries, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """The series as rows of the CSV format: ``date`` and each column (None where the day has none)."""
    for day in series.days:
        yield {"date": day.day, **{c: day.values.get(c) for c in columns}}
