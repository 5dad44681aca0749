"""Files and directories: what to read, with which metadata.

A directory is walked recursively in sorted order; hidden files and folders
(``.name``) and documentation files (``README.md``, ``LICENSE``...) are
left out. The kind of a file comes from its extension
(``KIND_BY_SUFFIX``); ``.xml``/``.rss``/``.atom`` are sniffed (a feed, or an
HTML page); any other extension is ``UNSUPPORTED``, and a ``.txt`` that holds
binary data is ``BINARY`` (decided when it is read).

A ``manifest.jsonl`` in a directory gives metadata for its sibling files,
one JSON object per line keyed by ``ref`` = the file name (fields ``url``,
``outlet``, ``published``, ``language``, ``title``). The manifest itself is
not an article. Its values win over what a page says about itself.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx

from ..records import Article, Skip, SkipReason
from ..settings import Settings
from .articles import SourceMeta
from .dates import date_from_filename
from .payloads import Kind, read_payload

__all__ = [
    "KIND_BY_SUFFIX",
    "MANIFEST_NAME",
    "is_documentation",
    "kind_of",
    "read_file",
    "read_manifest",
    "walk_directory",
]

MANIFEST_NAME = "manifest.jsonl"
KIND_BY_SUFFIX: dict[str, Kind] = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".jsonl": Kind.JSONL,
    ".ndjson": Kind.JSONL,
    ".json-lines": Kind.JSONL,
    ".csv": Kind.CSV,
    ".xml": Kind.XML,
    ".rss": Kind.FEED,
    ".atom": Kind.FEED,
}


# documentation that travels with corpora: README.md, LICENSE.txt, CHANGELOG.md ...
DOCUMENTATION_STEMS = frozenset({"readme", "license", "licence", "changelog", "copying", "notice", "contributing"})


def is_documentation(path: Path) -> bool:
    """True for README/LICENSE-style files, which describe a corpus and are not articles."""
    return path.stem.casefold() in DOCUMENTATION_STEMS


def kind_of(path: Path) -> Kind:
    """A file's kind by its extension (case-insensitive)."""
    return KIND_BY_SUFFIX.get(path.suffix.lower(), Kind.UNSUPPORTED)


def read_manifest(directory: Path) -> dict[str, SourceMeta]:
    """The metadata of ``directory/manifest.jsonl`` by ref; {} when there is none.

    Lines that are not JSON objects with a ``ref`` are ignored (the files they
    describe are still read, without that metadata).
    """
    path = directory / MANIFEST_NAME
    entries: dict[str, SourceMeta] = {}
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return entries
    for raw in lines:
        try:
            row = json.loads(raw)
        except ValueError:
            continue
        if isinstance(row, dict) and isinstance(row.get("ref"), str):
            entries[row["ref"]] = SourceMeta.from_mapping(row)
    return entries


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk_directory(directory: Path) -> Iterator[tuple[Path, SourceMeta | None]]:
    """Every readable file under ``directory``, sorted, with its manifest entry."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        root_path = Path(root)
        manifest = read_manifest(root_path) if MANIFEST_NAME in files else {}
        for name in sorted(files):
            if _hidden(name) or name == MANIFEST_NAME or is_documentation(Path(name)):
                continue
            yield root_path / name, manifest.get(name)


def read_file(
    path: Path,
    settings: Settings,
    *,
    meta: SourceMeta | None = None,
    client: httpx.Client | None = None,
) -> Iterator[Article | Skip]:
    """Articles and skips from one file (one for text/HTML, many for corpora and feeds)."""
    source = str(path)
    kind = kind_of(path)
    if kind is Kind.UNSUPPORTED:
        yield Skip(source, SkipReason.UNSUPPORTED, f"unsupported file type {path.suffix or '(none)'!r}")
        return
    if kind in (Kind.JSONL, Kind.CSV):
        yield from _read_rows(path, kind, settings)
        return
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        yield Skip(source, SkipReason.NOT_FOUND, "no such file")
        return
    except OSError as exc:
        yield Skip(source, SkipReason.NOT_FOUND, f"cannot read: {exc.strerror or exc}")
        return
    if size > settings.max_bytes:
        yield Skip(source, SkipReason.TOO_LARGE, f"{size} bytes, over the {settings.max_bytes}-byte limit")
        return
    if size == 0:
        yield Skip(source, SkipReason.EMPTY, "empty file")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skip(source, SkipReason.NOT_FOUND, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_payload(
        data,
        kind,
        source=source,
        ref=path.name,
        meta=meta or SourceMeta(),
        settings=settings,
        client=client,
        file_date=date_from_filename(path.name),
        path=path,
    )


def _read_rows(path: Path, kind: Kind, settings: Settings) -> Iterator[Article | Skip]:
    from .tabular import read_csv, read_jsonl

    if not path.exists():
        yield Skip(str(path), SkipReason.NOT_FOUND, "no such file")
        return
    reader = read_jsonl if kind is Kind.JSONL else read_csv
    try:
        yield from reader(path, settings)
    except OSError as exc:
        yield Skip(str(path), SkipReason.NOT_FOUND, f"cannot read: {exc.strerror or exc}")
