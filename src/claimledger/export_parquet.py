"""The analytics export: one Parquet dataset per table, partitioned by publication month.

``export_parquet(store, directory, ...)`` renders the export's record dicts (``export.record_dicts``:
the same records, corrections and tally checks as the JSON Lines export) into hive-style datasets::

    DIR/articles/month=2023-01/part-0.parquet
    DIR/figures/month=2023-01/part-0.parquet
    DIR/figures/month=unknown/part-0.parquet     (articles without a publication date)

that DuckDB (``read_parquet('DIR/figures/**/*.parquet', hive_partitioning = true)``), pandas
(``pd.read_parquet('DIR/figures')``) and Spark (``spark.read.parquet('DIR/figures')``) read as one
table with a ``month`` column. The month is the ``YYYY-MM`` of the article's ``published`` value as
written (its own offset); an article, claim or figure goes to its article's month; a linked event
(and its contradictions) to the month of the earliest article that reports it; ``unknown`` when
there is none.

Columns are ``export.TABLES``'s (the CSV export's names), typed: numbers as numbers (``best`` is a
double, ``sources`` an int64, ``hedged`` a bool); ``ingested_at`` a UTC timestamp; a column that
holds a date or a date-time (``published``, ``date_start``, ``date_end``, ``as_of``) stays text as
the record gives it and gains ``<column>_day``, its calendar day as a ``date``; lists of ids and
refs are ``list<string>``, ``actors`` a ``list<struct<name, side, role>>``; ``corrections`` and
``extracted``, whose nesting is deep and rare, are JSON text (null when absent). A table with no
rows is one empty file under ``month=unknown``, so readers still see its columns.

Rows stream in batches: each partition's rows wait in a small buffer (at most ``BATCH_ROWS`` per
table) and go out as row groups through a ``ParquetWriter`` per partition, at most
``MAX_OPEN_PARTITIONS`` open per table (a partition met again after its file was closed gets
``part-1.parquet``, ...), so memory does not grow with the ledger.

Writing into an existing directory replaces, table by table, the datasets a previous export wrote
there (and the single-file ``<table>.parquet`` of older versions), as the other exports replace their
files: everything is first written into a hidden staging directory beside them, so a failed export
leaves the previous one whole. A ``DIR/<table>`` that is not such a dataset is refused, untouched.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .corrections import Overlay
from .errors import ConfigError, StoreError
from .export import TABLE_OF_RECORD, TABLES, FigureChecks, record_dicts
from .records import Contradiction, Event
from .store.base import Store

PARTITION = "month"
UNKNOWN_MONTH = "unknown"
BATCH_ROWS = 2000
MAX_OPEN_PARTITIONS = 64
EVENT_LOOKUP_BATCH = 500  # linked events whose articles' months are read together
# Columns holding a date or a date-time: kept as text, with a ``<column>_day`` date beside them.
DAY_COLUMNS = frozenset({"published", "date_start", "date_end", "as_of"})
TIMESTAMP_COLUMNS = frozenset({"ingested_at"})
JSON_TEXT_COLUMNS = frozenset({"corrections", "extracted"})
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parquet_schema(table: str) -> Any:
    """The pyarrow schema of a table's files (the ``month`` partition is the directory, not a column)."""
    import pyarrow as pa

    scalar = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
              "object": pa.string()}
    actor = pa.struct([("name", pa.string()), ("side", pa.string()), ("role", pa.string())])
    fields = []
    for name, _path, kind in TABLES[table]:
        if name in TIMESTAMP_COLUMNS:
            fields.append(pa.field(name, pa.timestamp("us", tz="UTC")))
        elif name in JSON_TEXT_COLUMNS:
            fields.append(pa.field(name, pa.string()))
        elif name == "actors":
            fields.append(pa.field(name, pa.list_(actor)))
        elif kind == "json":
            fields.append(pa.field(name, pa.list_(pa.string())))
        else:
            fields.append(pa.field(name, scalar[kind]))
        if name in DAY_COLUMNS:
            fields.append(pa.field(f"{name}_day", pa.date32()))
    return pa.schema(fields)


def typed_row(table: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """One record as a row of ``parquet_schema(table)``."""
    row: dict[str, Any] = {}
    for name, path, kind in TABLES[table]:
        value: Any = record
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if name in TIMESTAMP_COLUMNS:
            value = _timestamp(value)
        elif name in JSON_TEXT_COLUMNS:
            value = json.dumps(value, ensure_ascii=False) if value else None
        elif kind == "json":
            value = list(value or [])
        elif kind == "float" and value is not None:
            value = float(value)
        row[name] = value
        if name in DAY_COLUMNS:
            row[f"{name}_day"] = _day(value)
    return row


def month_of(published: str | None) -> str:
    """The partition of a publication value: ``YYYY-MM`` as written, else ``unknown``."""
    found = _MONTH.match(published or "")
    return f"{found[1]}-{found[2]}" if found and 1 <= int(found[2]) <= 12 else UNKNOWN_MONTH


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not _DAY.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# ---------------------------------------------------------------- writing
class _TableWriter:
    """One table's partitions: buffered rows and open ``ParquetWriter``s, both bounded."""

    def __init__(self, root: Path, table: str) -> None:
        self.root, self.table = root / table, table
        self.schema = parquet_schema(table)
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.waiting = 0
        self.open: dict[str, Any] = {}  # month -> ParquetWriter, least recently used first
        self.parts: dict[str, int] = {}  # month -> files written so far
        self.rows = 0

    def add(self, month: str, row: dict[str, Any]) -> None:
        self.pending.setdefault(month, []).append(row)
        self.waiting += 1
        self.rows += 1
        while self.waiting >= BATCH_ROWS:  # flush the fullest partitions until half the budget is free
            self._flush(max(self.pending, key=lambda m: len(self.pending[m])))
            if self.waiting <= BATCH_ROWS // 2:
                break

    def close(self) -> None:
        for month in list(self.pending):
            self._flush(month)
        if self.rows == 0:  # an empty table is one empty file, so readers still see its columns
            self._writer(UNKNOWN_MONTH).write_table(self.schema.empty_table())
        for writer in self.open.values():
            writer.close()
        self.open.clear()

    def abort(self) -> None:
        for writer in self.open.values():
            writer.close()
        self.open.clear()

    def _flush(self, month: str) -> None:
        import pyarrow as pa

        rows = self.pending.pop(month, [])
        if rows:
            self._writer(month).write_table(pa.Table.from_pylist(rows, schema=self.schema))
            self.waiting -= len(rows)

    def _writer(self, month: str) -> Any:
        import pyarrow.parquet as pq

        writer = self.open.pop(month, None)
        if writer is None:
            if len(self.open) >= MAX_OPEN_PARTITIONS:
                self.open.pop(next(iter(self.open))).close()
            part = self.parts.get(month, 0)
            self.parts[month] = part + 1
            folder = self.root / f"{PARTITION}={month}"
            folder.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(str(folder / f"part-{part}.parquet"), self.schema)
        self.open[month] = writer  # (re)inserted last: the most recently used
        return writer


def _months(records: Iterator[dict[str, Any]], store: Store) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(table, month, record) for every table record: claims, figures and an article's own event
    mentions take their article's month; linked events the earliest of their articles'
    (``store.article_headers``, a batch at a time); contradictions their event's."""
    article_month = UNKNOWN_MONTH
    event_month: dict[str, str] = {}
    waiting: list[dict[str, Any]] = []

    def linked() -> Iterator[tuple[str, str, dict[str, Any]]]:
        ids = sorted({a for r in waiting for a in r.get("article_ids") or ()})
        published = {a.id: month_of(a.published) for a in store.article_headers(ids)}
        for event in waiting:
            known = [m for a in event.get("article_ids") or () if (m := published.get(a, UNKNOWN_MONTH))
                     != UNKNOWN_MONTH]
            event_month[event["id"]] = min(known, default=UNKNOWN_MONTH)
            yield "events", event_month[event["id"]], event
        waiting.clear()

    for record in records:
        kind = record["record"]
        if kind == "article":
            article_month = month_of(record.get("published"))
            yield "articles", article_month, record
        elif kind == "event" and "article_ids" in record:  # a linked event
            waiting.append(record)
            if len(waiting) >= EVENT_LOOKUP_BATCH:
                yield from linked()
        elif kind == "contradiction":
            yield from linked()
            yield "contradictions", event_month.get(record.get("event_id") or "", UNKNOWN_MONTH), record
        elif kind in TABLE_OF_RECORD:
            yield TABLE_OF_RECORD[kind], article_month, record
    yield from linked()


def export_parquet(store: Store, directory: Path, events: Sequence[Event] | None = None,
                   contradictions: Sequence[Contradiction] = (), *, figure_checks: FigureChecks | None = None,
                   figure_status: Mapping[str, str] | None = None, overlay: Overlay | None = None) -> list[Path]:
    """Write one month-partitioned dataset per table into ``directory`` (created if needed), replacing
    the datasets a previous export left there; returns the datasets' directories. Call it inside a
    snapshot of the store when others may write."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the export directory {directory}: {exc.strerror or exc}; "
                         "give --output a directory you can write") from exc
    targets = {table: directory / table for table in TABLES}
    for target in targets.values():
        if target.exists() and not _is_dataset(target):
            raise ConfigError(f"{target} exists and is not a Parquet dataset of a claimledger export "
                              f"({PARTITION}=... directories); move it away or export to another --output")
    try:
        staging = Path(tempfile.mkdtemp(prefix=".claimledger-export-", dir=directory))
    except OSError as exc:
        raise StoreError(f"cannot write the export into {directory}: {exc.strerror or exc}") from exc
    try:
        _write(store, staging, events, contradictions, figure_checks=figure_checks, figure_status=figure_status,
               overlay=overlay)
        for table, target in targets.items():
            if target.exists():
                target.rename(staging / f"previous-{table}")
            (staging / table).rename(target)
            (directory / f"{table}.parquet").unlink(missing_ok=True)  # the single file of older versions
    except OSError as exc:
        raise StoreError(f"cannot write the export to {directory}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return list(targets.values())


def _write(store: Store, root: Path, events: Sequence[Event] | None, contradictions: Sequence[Contradiction], *,
           figure_checks: FigureChecks | None, figure_status: Mapping[str, str] | None,
           overlay: Overlay | None) -> None:
    writers = {table: _TableWriter(root, table) for table in TABLES}
    records = record_dicts(store, events=events, contradictions=contradictions, figure_checks=figure_checks,
                           figure_status=figure_status, overlay=overlay)
    try:
        for table, month, record in _months(records, store):
            writers[table].add(month, typed_row(table, record))
        for writer in writers.values():
            writer.close()
    finally:
        for writer in writers.values():
            writer.abort()


def _is_dataset(path: Path) -> bool:
    """Whether ``path`` is a directory of ``month=...`` partitions (what this export writes)."""
    try:
        return path.is_dir() and all(p.is_dir() and p.name.startswith(f"{PARTITION}=") for p in path.iterdir())
    except OSError:
        return False
