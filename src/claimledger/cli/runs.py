"""What a long run shows on stderr: its stages as they start, progress, and a summary.

Stage lines ("loading the English model ...", "extracting 120 articles", "linking
events") always go to stderr; progress bars only when stderr is a terminal. The summary
counts per kind: articles stored, duplicates, copies, skips by reason; articles extracted,
failed and not extracted (stored, in a language the extractor does not read); the claims,
figures and event mentions that came out; and what the ledger holds afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import ClaimledgerError
from ..ledger import Extractor, ExtractReport, Ledger
from ..link.blocked import TaskMap
from ..output import for_terminal
from ..records import IngestReport, Skip
from .render import err, say


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class RunProgress:
    """The ``progress``/``extract_progress``/``stage`` callbacks of ``Ledger.ingest`` and
    ``Ledger.extract``, shown as named stages; use as a context manager."""

    def __init__(self, ledger: Ledger, *, reading: bool) -> None:
        self._ledger = ledger
        self._bar: Progress | None = None
        self._tasks: dict[str, Any] = {}
        self._extracting = False
        if err.is_terminal:
            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)
            if reading:
                self._tasks["read"] = self._bar.add_task("reading inputs: articles stored", total=None)

    def __enter__(self) -> RunProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def read(self, n: int) -> None:
        self._advance("read", n)

    def extracted(self, n: int) -> None:
        self._advance("extract", n)

    def stage(self, name: str, total: int) -> None:
        """A stage of the run begins (``ledger.Stage``); reading the inputs is then over."""
        if self._bar is not None and "read" in self._tasks:
            read = self._tasks.pop("read")
            self._bar.update(read, total=next(t.completed for t in self._bar.tasks if t.id == read))
        if name == "load_model":
            self._line(f"loading the English model{self._model()}: the first seconds of extraction ...")
        elif name == "extract":
            self._extracting = True
            if self._bar is not None:
                self._tasks["extract"] = self._bar.add_task(f"extracting {plural(total, 'article')}", total=total)
            else:
                self._line(f"extracting {plural(total, 'article')} ...")
        elif name == "link" and self._extracting:
            self._line("linking event mentions across articles ...")

    def _model(self) -> str:
        from ..extract import find_model

        try:
            return f" ({find_model(self._ledger.settings)})"
        except ClaimledgerError:
            return ""  # loading it raises the error that says what to install

    def _advance(self, task: str, n: int) -> None:
        if self._bar is not None and task in self._tasks:
            self._bar.update(self._tasks[task], advance=n)

    def _line(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(text, highlight=False)
        else:
            say(text)


@dataclass(frozen=True, slots=True)
class DaskRun:
    """What ``Ledger.ingest``/``extract``/``link`` take to run on Dask (None each: this machine)."""

    extractor: Extractor | None = None
    link_run: TaskMap | None = None


@contextmanager
def on_dask(value: str | None, ledger: Ledger) -> Iterator[DaskRun]:
    """The cluster ``--dask`` names for the block (``distributed/``), or nothing without the option.
    A local cluster's dashboard address is shown as it starts."""
    if value is None:
        yield DaskRun()
        return
    from ..distributed import DaskExtractor, DaskLinkMap, connect, parse_scheduler

    scheduler = parse_scheduler(value)
    if scheduler.address is None:
        processes = "1 worker process" if scheduler.workers == 1 else f"{scheduler.workers} worker processes"
        say(f"starting a local Dask cluster of {processes} ...")
    with connect(value) as cluster:
        if cluster.dashboard is not None:
            say(for_terminal(f"Dask dashboard: {cluster.dashboard}"))
        else:
            say(for_terminal(f"connected to the Dask scheduler at {scheduler.address} "
                             f"({plural(cluster.workers, 'worker')})"))
        yield DaskRun(DaskExtractor(cluster, ledger.settings), DaskLinkMap(cluster.client))


def print_ingest(report: IngestReport, ledger: Ledger, *, extracted: bool) -> None:
    """The ingest summary (module docstring); with ``extracted`` False, how to extract later."""
    err.print(f"ingested {report.ingested}, duplicates {report.duplicates}, copies {report.copies}, "
              f"skipped {len(report.skipped)}", highlight=False)
    for reason, count in sorted(report.skipped_by_reason().items()):
        err.print(f"  skipped ({reason}): {count}")
    for skip in report.skipped:
        print_skip("skip", skip)
    for skip in report.warnings:
        print_skip("warning", skip)
    if report.ingested == 0 and report.duplicates == 0:
        say("nothing was ingested: no input held an article claimledger reads (text, Markdown, HTML, "
            "JSONL or CSV corpora, RSS/Atom feeds, URLs, stdin); see the skips above")
    if not extracted:
        err.print("extraction skipped (--no-extract): run `claimledger extract`")
    else:
        print_extraction(ExtractReport(extracted=report.extracted, failed=report.extract_failed,
                                       not_extracted=report.not_extracted, claims=report.claims,
                                       figures=report.figures, events=report.events))
    print_holdings(ledger)


def print_extraction(report: ExtractReport) -> None:
    """Articles extracted, with the records that came out; failures with their cause;
    articles stored but not extracted, by language."""
    languages: dict[str, int] = {}
    for skip in report.not_extracted:
        match = re.search(r"language '([^']*)'", skip.message)
        key = f"language {match.group(1)}" if match else skip.reason.value
        languages[key] = languages.get(key, 0) + 1
    not_read = "".join(f"; not extracted: {n} ({key})" for key, n in sorted(languages.items()))
    say(for_terminal(
        f"extracted {plural(report.extracted, 'article')}: {plural(report.claims, 'claim')}, "
        f"{plural(report.figures, 'figure')}, {plural(report.events, 'event mention')}; "
        f"failed {len(report.failed)}{not_read}"))
    for skip in report.failed:
        print_skip("extraction failed", skip)
    if report.not_extracted:
        codes = ", ".join(sorted(k.removeprefix("language ") for k in languages))
        say(for_terminal(
            f"  {plural(len(report.not_extracted), 'article')} stored but not extracted: the extractor reads "
            f"English only (here: {codes}); `claimledger articles --language CODE` lists them"))


def print_holdings(ledger: Ledger) -> None:
    st = ledger.stats()
    say(for_terminal(
        f"the ledger {ledger.settings.ledger_name} holds {plural(st.articles, 'article')}, "
        f"{plural(st.claims, 'claim')}, "
        f"{plural(st.figures, 'figure')} and {plural(st.events, 'event mention')}"))


def print_skip(label: str, skip: Skip) -> None:
    line = f":{skip.line}" if skip.line is not None and f":{skip.line}" not in skip.source else ""
    say(for_terminal(f"  {label} {skip.source}{line}: {skip.reason.value}: {skip.message}"))
