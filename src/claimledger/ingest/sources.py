"""Planning what to read, then reading it: the ingest stage's entry points.

``plan_sources`` resolves every input up front (``-`` is stdin, ``http(s)://``
is a URL, anything else a path; directories are expanded; uploads (``Upload``)
are bodies sent rather than named, the REST API's, read by their file name's kind) and raises
``SourceError`` for inputs that cannot be read at all (a CSV/JSONL corpus with
no text/html column), before anything is written. A missing path is not an
error at this stage: it becomes a source that yields a ``NOT_FOUND`` skip, so
the run goes on and the report says what was missing; so do what a directory
walk passes over with a reason (``files.walk_directory``), a path that
cannot be looked at (``UNREADABLE``) and a directory with nothing to read in it
(``EMPTY``).

``read_source`` yields ``Article`` or ``Skip`` records for one source, never
raises on bad content, and never prints.
"""

from __future__ import annotations

import contextlib
import io
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

import httpx

from ..records import Article, Skip, SkipReason
from ..settings import Settings
from .articles import SourceMeta
from .dates import date_from_filename
from .files import KIND_BY_SUFFIX, kind_of, read_file, walk_directory
from .payloads import Kind, read_payload, sniff_kind
from .tabular import check_columns
from .web import fetch, make_client

__all__ = ["Source", "SourceKind", "Upload", "plan_sources", "read_source", "read_sources"]

STDIN = "stdin"


class SourceKind(StrEnum):
    FILE = "file"
    URL = "url"
    STDIN = "stdin"
    UPLOAD = "upload"
    MISSING = "missing"
    SKIPPED = "skipped"  # known while planning to be a skip: ``skip`` says why


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to read. ``data`` holds stdin's bytes, read while planning, or an upload's."""

    kind: SourceKind
    location: str  # a path, a URL, "stdin" or "upload:<name>"
    meta: SourceMeta | None = None  # from a manifest.jsonl next to the file
    data: bytes | None = None
    skip: Skip | None = None
    upload: Upload | None = None


@dataclass(frozen=True, slots=True)
class Upload:
    """A body sent to the ledger rather than named by a path (the REST API's uploads). Its kind comes
    from ``name``'s extension as for a file (``files.KIND_BY_SUFFIX``), else from ``content_type``
    and its first bytes; ``name`` becomes the article's ref, ``upload:<name>`` its source."""

    name: str
    data: bytes
    content_type: str | None = None

    @property
    def location(self) -> str:
        return f"upload:{self.name}"


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _check_corpus(path: Path, settings: Settings) -> None:
    kind = kind_of(path)
    if kind not in (Kind.JSONL, Kind.CSV):
        return
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return  # a FIFO would block here: reading it gives a skip
        with path.open("rb") as stream:
            check_columns(stream, name=path.name, kind=kind.value, max_line_bytes=settings.max_bytes)
    except OSError:
        return  # unreadable: reading it will give a skip


def _read_stdin(stream: BinaryIO | None, settings: Settings) -> bytes:
    if stream is None:
        stream = sys.stdin.buffer
    return stream.read(settings.max_bytes + 1)


def plan_sources(
    inputs: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None, uploads: Sequence[Upload] = ()
) -> list[Source]:
    """Resolve inputs to sources, and fail now (``SourceError``) on corpora that cannot be read.

    ``stdin`` is read here when ``-`` is among the inputs (default: the
    process's standard input), so its kind can be checked up front too;
    ``uploads`` come after the inputs, their corpora checked the same way.
    """
    sources: list[Source] = []
    for value in inputs:
        if value == "-":
            data = _read_stdin(stdin, settings)
            if len(data) <= settings.max_bytes and sniff_kind(data, allow_jsonl=True) is Kind.JSONL:
                check_columns(io.BytesIO(data), name=STDIN, kind="jsonl")
            sources.append(Source(SourceKind.STDIN, STDIN, data=data))
        elif _is_url(value):
            sources.append(Source(SourceKind.URL, value))
        else:
            sources.extend(_plan_path(value, settings))
    for upload in uploads:
        kind = _upload_kind(upload)
        if kind in (Kind.JSONL, Kind.CSV) and len(upload.data) <= settings.max_bytes:
            check_columns(io.BytesIO(upload.data), name=upload.name, kind=kind.value,
                          max_line_bytes=settings.max_bytes)
        sources.append(Source(SourceKind.UPLOAD, upload.location, upload=upload))
    return sources


def _upload_kind(upload: Upload) -> Kind:
    by_name = kind_of(Path(upload.name))
    if by_name is not Kind.UNSUPPORTED:
        return by_name
    return sniff_kind(upload.data, upload.content_type, allow_jsonl=True)


def _read_upload(upload: Upload, settings: Settings, client: httpx.Client | None) -> Iterator[Article | Skip]:
    if len(upload.data) > settings.max_bytes:
        yield Skip(upload.location, SkipReason.TOO_LARGE, f"over the {settings.max_bytes}-byte limit")
        return
    if not upload.data.strip():
        yield Skip(upload.location, SkipReason.EMPTY, "empty upload")
        return
    yield from read_payload(upload.data, _upload_kind(upload), source=upload.location, ref=upload.name,
                            meta=SourceMeta(), settings=settings, client=client,
                            file_date=date_from_filename(upload.name), path=Path(upload.name))


def _plan_path(value: str, settings: Settings) -> Iterator[Source]:
    path = Path(value).expanduser()
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        yield Source(SourceKind.MISSING, value)
        return
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        skip = Skip(value, SkipReason.UNREADABLE, f"cannot look at this path: {reason}")
        yield Source(SourceKind.SKIPPED, value, skip=skip)
        return
    if not is_dir:
        _check_corpus(path, settings)
        yield Source(SourceKind.FILE, str(path))
        return
    empty = True
    for found in walk_directory(path, max_bytes=settings.max_bytes, follow_links=settings.follow_links):
        empty = False
        if isinstance(found, Skip):
            yield Source(SourceKind.SKIPPED, found.source, skip=found)
            continue
        file_path, meta = found
        _check_corpus(file_path, settings)
        yield Source(SourceKind.FILE, str(file_path), meta=meta)
    if empty:  # nothing to read is no success: most often the wrong directory
        formats = ", ".join(sorted(KIND_BY_SUFFIX))
        skip = Skip(value, SkipReason.EMPTY, f"no files to read in this directory (read: {formats}; "
                    "hidden files, README/LICENSE files and manifest.jsonl are not articles)")
        yield Source(SourceKind.SKIPPED, value, skip=skip)


def _read_url(url: str, settings: Settings, client: httpx.Client) -> Iterator[Article | Skip]:
    fetched = fetch(url, settings, client)
    if isinstance(fetched, Skip):
        yield fetched
        return
    kind = sniff_kind(fetched.data, fetched.content_type)
    if kind is Kind.UNSUPPORTED:
        yield Skip(url, SkipReason.UNSUPPORTED, f"content type {fetched.content_type!r} is not text, HTML or a feed")
        return
    yield from read_payload(
        fetched.data,
        kind,
        source=url,
        ref=url,
        meta=SourceMeta(url=fetched.url),
        settings=settings,
        client=client,
    )


def read_source(
    source: Source,
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Skip]:
    """Articles and skips from one planned source.

    URLs (and feed entries with ``settings.fetch_entries``) use ``client``;
    without one, a client is made for this source and closed after it.
    """
    if source.kind is SourceKind.MISSING:
        yield Skip(source.location, SkipReason.NOT_FOUND, "no such file or directory; check the path")
    elif source.kind is SourceKind.SKIPPED:
        assert source.skip is not None
        yield source.skip
    elif source.kind is SourceKind.FILE:
        own_client = client is None and settings.fetch_entries and kind_of(Path(source.location)) in (
            Kind.FEED,
            Kind.XML,
        )
        with _client_for(settings, client, own_client) as active:
            yield from read_file(Path(source.location), settings, meta=source.meta, client=active)
    elif source.kind is SourceKind.UPLOAD:
        assert source.upload is not None
        with _client_for(settings, client, client is None and settings.fetch_entries) as active:
            yield from _read_upload(source.upload, settings, active)
    elif source.kind is SourceKind.URL:
        with _client_for(settings, client, client is None) as active:
            assert active is not None
            yield from _read_url(source.location, settings, active)
    else:
        data = source.data if source.data is not None else _read_stdin(stdin, settings)
        if len(data) > settings.max_bytes:
            yield Skip(STDIN, SkipReason.TOO_LARGE, f"standard input is over the {settings.max_bytes}-byte limit")
            return
        if not data.strip():
            yield Skip(STDIN, SkipReason.EMPTY, "standard input is empty")
            return
        with _client_for(settings, client, client is None and settings.fetch_entries) as active:
            yield from read_payload(
                data,
                sniff_kind(data, allow_jsonl=True),
                source=STDIN,
                ref=STDIN,
                meta=SourceMeta(),
                settings=settings,
                client=active,
                path=Path(STDIN),
            )


@contextlib.contextmanager
def _client_for(settings: Settings, given: httpx.Client | None, make_own: bool) -> Iterator[httpx.Client | None]:
    if given is not None or not make_own:
        yield given
        return
    with make_client(settings) as own:
        yield own


def read_sources(
    inputs: Sequence[str],
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Skip]:
    """Plan, then read every input, with one HTTP client for the whole run.

    Planning happens on the first ``next()``: a ``SourceError`` is raised
    then, before any record is yielded.
    """
    sources = plan_sources(inputs, settings, stdin=stdin)
    needs_client = client is None and any(
        source.kind is SourceKind.URL or settings.fetch_entries for source in sources
    )
    with _client_for(settings, client, needs_client) as active:
        for source in sources:
            yield from read_source(source, settings, client=active)
