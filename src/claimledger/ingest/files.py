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

Nothing in a directory is passed over in silence: a subdirectory that cannot
be listed, a file that cannot be read (``UNREADABLE``: permission denied, or
not a regular file: a FIFO would block the run, a device never ends) and a
symbolic link whose target lies outside the directory (``LINK_OUTSIDE``:
``passwd.txt -> /etc/passwd``; read with ``follow_links``) are skips with
their reason. Links inside the directory are read (a linked directory through
its real path); with ``follow_links`` every link is followed, each directory
walked once (no loops).
"""

from __future__ import annotations

import errno
import json
import os
import stat
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


def read_manifest(directory: Path, *, max_bytes: int) -> dict[str, SourceMeta] | Skip:
    """The metadata of ``directory/manifest.jsonl`` by ref; {} when there is none; a Skip
    when it cannot be read or is over ``max_bytes`` (its files are then read without it).

    Lines that are not JSON objects with a ``ref`` are ignored (the files they
    describe are still read, without that metadata).
    """
    path = directory / MANIFEST_NAME
    entries: dict[str, SourceMeta] = {}
    if path.exists() and not _is_regular(path):
        return Skip(str(path), SkipReason.UNREADABLE, "the manifest is not a regular file; its files are read "
                    "without its metadata")
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        return entries
    except OSError as exc:
        return Skip(str(path), SkipReason.UNREADABLE, f"cannot read the manifest: {_why(exc)}; its files are "
                    "read without its metadata")
    if len(data) > max_bytes:
        return Skip(str(path), SkipReason.TOO_LARGE, f"manifest over the {max_bytes}-byte limit; its files are "
                    "read without its metadata")
    for raw in data.splitlines():
        try:
            row = json.loads(raw)
        except ValueError:
            continue
        if isinstance(row, dict) and isinstance(row.get("ref"), str):
            entries[row["ref"]] = SourceMeta.from_mapping(row)
    return entries


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _why(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return exc.strerror or str(exc)


def _link_outside(path: Path, top: Path) -> Skip | None:
    """A skip for a symbolic link at ``path`` that leads out of ``top`` (or nowhere), else None."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return None  # a dangling link: reading it says not_found
    except (OSError, RuntimeError) as exc:  # RuntimeError: Python 3.11's symlink loop
        why = _why(exc) if isinstance(exc, OSError) else "a loop of symbolic links"
        return Skip(str(path), SkipReason.UNREADABLE, f"cannot follow the link: {why}")
    if target.is_relative_to(top):
        return None
    return Skip(str(path), SkipReason.LINK_OUTSIDE,
                f"a symbolic link to {target}, outside {top}; not read (--follow-links reads it)")


def walk_directory(directory: Path, *, max_bytes: int = 10 * 1024 * 1024,
                   follow_links: bool = False) -> Iterator[tuple[Path, SourceMeta | None] | Skip]:
    """Every file to read under ``directory``, sorted, with its manifest entry; and a Skip
    for each thing passed over with a reason (see the module docstring)."""
    top = directory.resolve()
    errors: list[OSError] = []
    walked: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(directory, onerror=errors.append, followlinks=follow_links):
        yield from _unlistable(errors)
        root_path = Path(root)
        if follow_links:
            try:
                info = root_path.stat()
            except OSError as exc:
                yield Skip(root, SkipReason.UNREADABLE, f"cannot read the directory: {_why(exc)}")
                dirs[:] = []
                continue
            if (info.st_dev, info.st_ino) in walked:  # reached again through a link: walked once
                dirs[:] = []
                continue
            walked.add((info.st_dev, info.st_ino))
        kept = []
        for name in sorted(dirs):
            if _hidden(name):
                continue
            if not follow_links:
                outside = _link_outside(root_path / name, top)
                if outside is not None:
                    yield outside
                    continue
            kept.append(name)
        dirs[:] = kept
        manifest = read_manifest(root_path, max_bytes=max_bytes) if MANIFEST_NAME in files else {}
        if isinstance(manifest, Skip):
            yield manifest
            manifest = {}
        for name in sorted(files):
            if _hidden(name) or name == MANIFEST_NAME or is_documentation(Path(name)):
                continue
            path = root_path / name
            outside = None if follow_links else _link_outside(path, top)
            if outside is not None:
                yield outside
                continue
            yield path, manifest.get(name)
    yield from _unlistable(errors)


def _unlistable(errors: list[OSError]) -> Iterator[Skip]:
    for exc in errors:
        where = str(exc.filename) if exc.filename is not None else "?"
        yield Skip(where, SkipReason.UNREADABLE, f"cannot list the directory: {_why(exc)}; its files are not read")
    errors.clear()


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
    try:
        info = path.stat()
    except FileNotFoundError:
        yield Skip(source, SkipReason.NOT_FOUND, "no such file")
        return
    except OSError as exc:
        yield Skip(source, SkipReason.UNREADABLE, f"cannot read: {_why(exc)}")
        return
    if not stat.S_ISREG(info.st_mode):
        yield Skip(source, SkipReason.UNREADABLE, "not a regular file (a directory, FIFO, socket or device); "
                   "give a file, or - for standard input")
        return
    if kind in (Kind.JSONL, Kind.CSV):
        yield from _read_rows(path, kind, settings)
        return
    if info.st_size > settings.max_bytes:
        yield Skip(source, SkipReason.TOO_LARGE, f"{info.st_size} bytes, over the {settings.max_bytes}-byte limit")
        return
    if info.st_size == 0:
        yield Skip(source, SkipReason.EMPTY, "empty file")
        return
    try:
        with path.open("rb") as stream:
            data = stream.read(settings.max_bytes + 1)  # the file may have grown since stat
    except FileNotFoundError:
        yield Skip(source, SkipReason.NOT_FOUND, "no such file")
        return
    except OSError as exc:
        yield Skip(source, SkipReason.UNREADABLE, f"cannot read: {_why(exc)}")
        return
    if len(data) > settings.max_bytes:
        yield Skip(source, SkipReason.TOO_LARGE, f"over the {settings.max_bytes}-byte limit")
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

    reader = read_jsonl if kind is Kind.JSONL else read_csv
    try:
        yield from reader(path, settings)
    except FileNotFoundError:
        yield Skip(str(path), SkipReason.NOT_FOUND, "no such file")
    except OSError as exc:
        yield Skip(str(path), SkipReason.UNREADABLE, f"cannot read: {_why(exc)}")
