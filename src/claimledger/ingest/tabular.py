"""Corpora as rows: JSON Lines and CSV, streamed.

Columns (any order, others ignored): ``id`` (becomes the ref), ``url``,
``outlet``, ``published``, ``language``, ``title``, and the body as ``text``
or ``html`` (``text`` wins when both are filled; ``html`` goes through
trafilatura). A row that cannot be read is a ``MALFORMED_ROW`` skip with its
line number and the run goes on; a row with no body is ``EMPTY``; a row whose
body is over ``settings.max_bytes`` is ``TOO_LARGE``, and so is a JSON line
over ``settings.max_bytes`` as written (escapes included), which is passed
over in pieces, never held whole. The whole file is not size-capped: it is
streamed, row by row.

``check_columns`` is run before anything is read for real: a CSV header, or
the first readable JSONL row, with neither ``text`` nor ``html`` is a
``SourceError`` (the input cannot be read at all; nothing is written).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import MissingColumnError
from ..records import Article, Skip, SkipReason
from ..settings import Settings
from .articles import SourceMeta, article_records, now_utc
from .html import article_from_html

__all__ = ["BODY_COLUMNS", "bounded_lines", "check_columns", "read_csv", "read_jsonl"]

BODY_COLUMNS = ("text", "html")
_SNIFF_BYTES = 64 * 1024
_MAX_JSONL_PROBE_LINES = 100


def _missing_columns(name: str, found: Iterable[str]) -> MissingColumnError:
    columns = ", ".join(sorted(found)) or "none"
    return MissingColumnError(
        f"{name} has no 'text' or 'html' column (columns: {columns}); "
        "add the article body as a 'text' (plain) or 'html' column",
    )


def _csv_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) unless the first 64 KB say otherwise."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    cut = head.rfind(b"\n")
    probe = head[: cut + 1] if cut > 0 and len(head) >= _SNIFF_BYTES else head
    try:
        probe.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(probe).best()
    return best.encoding if best is not None else "utf-8"


def _raise_csv_field_limit(settings: Settings) -> None:
    # the csv module's limit is per process; it is only ever raised, to fit a whole article
    wanted = min(max(settings.max_bytes, 1 << 20), sys.maxsize // 2, 2**31 - 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``stream``, newline kept; None for a line over ``max_bytes`` (newline not
    counted), read past in pieces so that memory stays bounded whatever the line's length."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield line
            continue
        while True:
            rest = stream.readline(_SNIFF_BYTES)
            if not rest or rest.endswith(b"\n"):
                break
        yield None


def check_columns(data: BinaryIO, *, name: str, kind: str, max_line_bytes: int = 10 * 1024 * 1024) -> None:
    """Raise ``SourceError`` (CL202) when a CSV/JSONL stream has no body column."""
    if kind == "csv":
        head = data.read(_SNIFF_BYTES)
        if not head.strip():
            return  # an empty file: reading it gives an EMPTY skip
        text = head.decode(_csv_encoding(head), errors="replace")
        try:
            header = next(csv.reader(io.StringIO(text)), [])
        except csv.Error:
            header = []
        columns = {column.strip().lstrip("\ufeff").casefold() for column in header}
        if not columns & set(BODY_COLUMNS):
            raise _missing_columns(name, columns - {""})
        return
    for number, line in enumerate(bounded_lines(data, max_line_bytes), start=1):
        if number > _MAX_JSONL_PROBE_LINES:
            return
        if line is None:
            continue
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict):
            if not {str(key).casefold() for key in row} & set(BODY_COLUMNS):
                raise _missing_columns(name, {str(key) for key in row})
            return


def _row_records(
    row: dict[str, Any], *, name: str, path: str, line: int, settings: Settings, ingested_at: str
) -> Iterator[Article | Skip]:
    row = {str(key).strip().casefold(): value for key, value in row.items()}
    where = f"{name}:{line}"
    meta = SourceMeta.from_mapping(row)
    raw_id = row.get("id")
    ref = str(raw_id).strip() if raw_id not in (None, "") and not isinstance(raw_id, dict | list) else where
    text = row.get("text")
    html = row.get("html")
    body = text if isinstance(text, str) and text.strip() else None
    if body is None and isinstance(html, str) and html.strip():
        if len(html.encode("utf-8", "surrogatepass")) > settings.max_bytes:
            yield Skip(where, SkipReason.TOO_LARGE, f"html over {settings.max_bytes} bytes", line)
            return
        page = article_from_html(html, url=meta.url)
        if isinstance(page, SkipReason):
            yield Skip(where, page, "the row's html has no article text", line)
            return
        body = page.text
        meta = SourceMeta(
            url=meta.url,
            outlet=meta.outlet or page.site_name,
            published=meta.published or page.date,
            language=meta.language,
            title=meta.title or page.title,
        )
    if body is None:
        yield Skip(where, SkipReason.EMPTY, "row without text", line)
        return
    if len(body) > settings.max_bytes:  # characters: a cheap lower bound of the bytes
        yield Skip(where, SkipReason.TOO_LARGE, f"text over {settings.max_bytes} bytes", line)
        return
    yield from article_records(body, meta=meta, ref=ref, source=f"{path}:{line}", ingested_at=ingested_at, line=line)


def read_jsonl(path: Path, settings: Settings, *, data: bytes | None = None) -> Iterator[Article | Skip]:
    """Articles and skips for each line of a JSON Lines file (or of ``data``)."""
    name = path.name
    ingested_at = now_utc()
    stream: BinaryIO = io.BytesIO(data) if data is not None else path.open("rb")
    with stream:
        seen = False
        for number, raw in enumerate(bounded_lines(stream, settings.max_bytes), start=1):
            where = f"{name}:{number}"
            if raw is None:
                seen = True
                yield Skip(where, SkipReason.TOO_LARGE, f"line over the {settings.max_bytes}-byte limit", number)
                continue
            if not raw.strip():
                continue
            seen = True
            try:
                row = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                yield Skip(where, SkipReason.MALFORMED_ROW, f"not a JSON line: {exc}", number)
                continue
            if not isinstance(row, dict):
                yield Skip(where, SkipReason.MALFORMED_ROW, "a JSON line must be an object", number)
                continue
            yield from _row_records(row, name=name, path=str(path), line=number, settings=settings,
                                    ingested_at=ingested_at)
        if not seen:
            yield Skip(str(path), SkipReason.EMPTY, "no rows (empty file)")


def read_csv(path: Path, settings: Settings, *, data: bytes | None = None) -> Iterator[Article | Skip]:
    """Articles and skips for each row of a CSV file with a header row (or of ``data``)."""
    _raise_csv_field_limit(settings)
    name = path.name
    ingested_at = now_utc()
    stream: BinaryIO = io.BytesIO(data) if data is not None else path.open("rb")
    with stream:
        encoding = _csv_encoding(stream.read(_SNIFF_BYTES))
        stream.seek(0)
        text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
        reader = csv.reader(text)
        try:
            header = [column.strip().lstrip("\ufeff").casefold() for column in next(reader)]
        except (StopIteration, csv.Error):
            yield Skip(str(path), SkipReason.EMPTY, "no header row (empty file)")
            return
        while True:
            start = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Skip(f"{name}:{start}", SkipReason.MALFORMED_ROW, f"bad CSV row: {exc}", start)
                continue
            if not values or not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                yield Skip(
                    f"{name}:{start}",
                    SkipReason.MALFORMED_ROW,
                    f"row has {len(values)} fields, the header has {len(header)}",
                    start,
                )
                continue
            if any(_has_surrogates(value) for value in values):
                yield Skip(f"{name}:{start}", SkipReason.MALFORMED_ROW, f"row is not valid {encoding}", start)
                continue
            yield from _row_records(dict(zip(header, values, strict=True)), name=name, path=str(path),
                                    line=start, settings=settings, ingested_at=ingested_at)


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
