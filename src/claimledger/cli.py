"""The ``claimledger`` command: thin verbs over the ``Ledger`` API.

Exit codes: 0 all went in; 1 some inputs were skipped (or, with --strict, the
run stopped at one); 2 usage or configuration errors (bad options, no model,
a CSV with no text column, an unreadable ledger).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .assess import STATUSES
from .errors import ClaimledgerError, ConfigError, SourceError, StoreError
from .ledger import Ledger, StrictStop
from .output import csv_value, for_terminal, json_line, make_console
from .records import Article, ArticleFilter, IngestReport, Skip
from .settings import Settings

app = typer.Typer(
    name="claimledger",
    help="A ledger of who claims what in war reporting.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = make_console()  # markup, emoji codes and highlighting off: data is shown as written (output.py)
err = make_console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Ledger file (default: $CLAIMLEDGER_DB or ./claimledger.db).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV with a header row (text starting with = + - @ "
                                          "gets a leading ').")]
RawCsvOption = Annotated[bool, typer.Option("--raw-csv", help="With --csv: write cells as they are, formulas "
                                            "included.")]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", help="At most this many rows.")]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="Only this outlet (case-insensitive).")]
LanguageOption = Annotated[str | None, typer.Option("--language", help="Only this language code, e.g. en.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Published on or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Published on or before this date (YYYY-MM-DD).")]


def handle_errors(fn: F) -> F:
    """Turn library errors into one clear line and an exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (ConfigError, SourceError, StoreError) as exc:
            print_error(exc)
            raise typer.Exit(2) from None
        except ClaimledgerError as exc:
            print_error(exc)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err.print("interrupted: everything committed so far is kept; run the same command again to finish")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except typer.Exit:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug: one clear line, data already committed stays
            if os.environ.get("CLAIMLEDGER_DEBUG"):
                raise
            err.print(for_terminal(f"internal error: {type(exc).__name__}: {exc}. Everything committed before "
                                   "it is kept. This is a bug: please report it with the input "
                                   "(CLAIMLEDGER_DEBUG=1 shows the traceback)."))
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def print_error(exc: Exception) -> None:
    err.print(Text.assemble(("error:", "red"), " ", for_terminal(exc)))


def open_ledger(db: Path | None, **settings: object) -> Ledger:
    return Ledger(settings=Settings.from_env(db=db, **settings))


def progress_bar(label: str, total: int | None = None) -> Progress | None:
    """A progress bar on stderr, or None when stderr is not a terminal."""
    if not err.is_terminal:
        return None
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=err, transient=True)
    return bar


def emit(rows: Iterable[dict[str, Any]], columns: Sequence[str], *, as_json: bool, as_csv: bool,
         raw_csv: bool = False, title: str | None = None) -> int:
    """Print rows as JSON lines, CSV or a table (rendered safely: ``output.py``). Returns the row count."""
    n = 0
    if as_json:
        for row in rows:
            sys.stdout.write(json_line(row) + "\n")
            n += 1
        return n
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_value(row.get(k), raw=raw_csv) for k in columns})
            n += 1
        return n
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
        n += 1
    out.print(table)
    return n


def _cell(value: Any) -> str:
    """A value as one line of text for a table or a field."""
    if isinstance(value, (dict, list, tuple)):
        return for_terminal(json.dumps(value, ensure_ascii=False, default=str))
    return for_terminal(value)


def article_filter(outlet: str | None, language: str | None, since: str | None, until: str | None,
                   text: str | None = None, limit: int | None = None) -> ArticleFilter:
    check_dates(("--since", since), ("--until", until))
    return ArticleFilter(outlet=outlet, language=language, since=since, until=until, text=text, limit=limit)


def check_dates(*options: tuple[str, str | None]) -> None:
    """Refuse a date option that holds no date (``(label, value)`` pairs; None is not given)."""
    for label, value in options:
        if value is not None and not _is_date(value):
            raise ConfigError(f"{label} takes a date like 2023-01-31, not {value!r}")


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def print_report(report: IngestReport, *, pending_note: str | None = None) -> None:
    err.print(
        f"ingested {report.ingested}, duplicates {report.duplicates}, copies {report.copies}, "
        f"skipped {len(report.skipped)}",
        highlight=False,
    )
    for reason, count in sorted(report.skipped_by_reason().items()):
        err.print(f"  skipped ({reason}): {count}")
    for skip in report.skipped:
        print_skip("skip", skip)
    for skip in report.warnings:
        print_skip("warning", skip)
    if pending_note:
        err.print(pending_note)
    else:
        print_extraction(report.extracted, report.extract_failed, report.not_extracted)


def print_skip(label: str, skip: Skip) -> None:
    line = f":{skip.line}" if skip.line is not None and f":{skip.line}" not in skip.source else ""
    err.print(for_terminal(f"  {label} {skip.source}{line}: {skip.reason.value}: {skip.message}"))


def print_extraction(extracted: int, failed: Sequence[Skip], not_extracted: Sequence[Skip],
                     counts: str = "") -> None:
    """The extraction summary: failures (each with its cause) and languages not read."""
    languages: dict[str, int] = {}
    for skip in not_extracted:
        match = re.search(r"language '([^']*)'", skip.message)
        key = f"language {match.group(1)}" if match else skip.reason.value
        languages[key] = languages.get(key, 0) + 1
    not_read = "".join(f"; not extracted: {n} ({key})" for key, n in sorted(languages.items()))
    err.print(for_terminal(f"extracted {extracted} articles{counts}; failed {len(failed)}{not_read}"))
    for skip in failed:
        print_skip("extraction failed", skip)


# ---------------------------------------------------------------- commands
@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """claimledger: ingest war reporting, extract who claims what, export the ledger."""
    if version:
        out.print(f"claimledger {__version__}")
        raise typer.Exit(0)


@app.command()
@handle_errors
def ingest(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, directories, JSONL/CSV corpora, RSS/Atom feeds, URLs, or - for stdin.",
        show_default=False)],
    db: DbOption = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="For feeds, also fetch each entry's page.")] = False,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store articles only; run "
                                             "`claimledger extract` later.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first skipped input (exit 1).")] = False,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Skip inputs larger than this "
                                                  "(default 10 MB).")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds to fetch one URL, in all "
                                                  "(default 20).")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", help="Articles per transaction.")] = None,
    n_process: Annotated[int | None, typer.Option("--processes", help="Processes for extraction.")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private-addresses", help="Also fetch from loopback, private and link-local addresses "
        "(refused by default; $CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES=1).")] = False,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="In directories, read symbolic links that lead outside the directory.")] = False,
) -> None:
    """Read articles into the ledger, skipping bad inputs with a recorded reason."""
    if max_bytes is not None and max_bytes <= 0:
        raise ConfigError("--max-bytes must be a positive number of bytes")
    if timeout is not None and not timeout > 0:
        raise ConfigError("--timeout must be a positive number of seconds")
    ledger = open_ledger(db, max_bytes=max_bytes, http_timeout_s=timeout, fetch_entries=fetch or None,
                         batch_size=batch_size, n_process=n_process, allow_private_addresses=allow_private or None,
                         follow_links=follow_links or None)
    with ledger:
        bar = progress_bar("ingest")
        task_progress = None
        extract_progress = None
        if bar is not None:
            bar.start()
            ingest_task = bar.add_task("ingest", total=None)
            task_progress = functools.partial(_advance, bar, ingest_task)
            extract_task = bar.add_task("extract", total=None, visible=False)
            extract_progress = functools.partial(_advance, bar, extract_task)
        try:
            stdin = sys.stdin.buffer if "-" in inputs and sys.stdin is not None else None
            report = ledger.ingest(inputs, extract=not no_extract, strict=strict, stdin=stdin,
                                   command="ingest " + " ".join(inputs), progress=task_progress,
                                   extract_progress=extract_progress)
        except StrictStop as stop:
            if bar is not None:
                bar.stop()
            err.print(for_terminal(f"error: --strict: stopped at {stop.skip.source}: {stop.skip.reason.value}: "
                                   f"{stop.skip.message}"))
            raise typer.Exit(1) from None
        finally:
            if bar is not None:
                bar.stop()
        note = "extraction skipped (--no-extract): run `claimledger extract`" if no_extract else None
        print_report(report, pending_note=note)
    raise typer.Exit(1 if report.failed else 0)


def _advance(bar: Progress, task: Any, n: int) -> None:
    bar.update(task, advance=n, visible=True)


@app.command()
@handle_errors
def extract(
    db: DbOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Re-extract every article, not only stale ones.")] = False,
    n_process: Annotated[int | None, typer.Option("--processes", help="Processes for extraction.")] = None,
) -> None:
    """Extract claims, figures, dates, places and events from stored articles."""
    with open_ledger(db, n_process=n_process) as ledger:
        bar = progress_bar("extract")
        advance = None
        if bar is not None:
            bar.start()
            task = bar.add_task("extract", total=ledger.pending_extraction(everything=all_))
            advance = functools.partial(_advance, bar, task)
        try:
            report = ledger.extract(everything=all_, progress=advance)
        finally:
            if bar is not None:
                bar.stop()
    print_extraction(report.extracted, report.failed, report.not_extracted,
                     f": {report.claims} claims, {report.figures} figures, {report.events} events")
    raise typer.Exit(1 if report.failed else 0)


@app.command()
@handle_errors
def link(
    db: DbOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Drop the stored events and relink every mention.")] = False,
) -> None:
    """Link event mentions across articles into the stored events (extract does it after every pass)."""
    with open_ledger(db) as ledger:
        report = ledger.link(everything=all_)
    relinked = " (every mention relinked)" if report.relinked else ""
    err.print(for_terminal(f"linked {report.linked} mentions: {report.created} new events, "
                           f"{report.touched} events written{relinked}"))


def article_row(a: Article) -> dict[str, Any]:
    return {"id": a.id, "ref": a.ref, "outlet": a.outlet, "published": a.published, "language": a.language,
            "title": a.title, "url": a.url, "copy_group": a.copy_group, "refs": list(a.refs),
            "flags": list(a.flags)}


@app.command()
@handle_errors
def articles(
    db: DbOption = None,
    outlet: OutletOption = None,
    language: LanguageOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text or title contains this.")] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored articles, filtered by outlet, language, date range or text."""
    where = article_filter(outlet, language, since, until, search, limit)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        n = emit((article_row(a) for a in ledger.articles(where)),
                 ["id", "ref", "outlet", "published", "language", "title"], as_json=as_json, as_csv=as_csv,
                 raw_csv=raw_csv)
    if not (as_json or as_csv):
        err.print(f"{n} articles")


@app.command()
@handle_errors
def show(
    key: Annotated[str, typer.Argument(help="Article id (or a prefix of 6+ characters), ref or URL.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, text and what was extracted from it."""
    from .store.codec import to_dict

    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        article = ledger.article(key)
        if article is None:
            raise ConfigError(f"No article {key!r} in {ledger.settings.db}: list them with `claimledger articles`")
        extraction = ledger.extraction(article.id)
        tally_checks = ledger.tally_checker()
    if as_json:
        payload = {"article": to_dict(article), "extraction": to_dict(extraction) if extraction else None}
        sys.stdout.write(json_line(payload) + "\n")
        return
    for k, v in article_row(article).items():
        out.print(Text.assemble((f"{k}:", "bold"), " ", _cell(v)))
    out.print()
    out.print(for_terminal(article.text, one_line=False))
    if extraction is None:
        out.print("\n(not extracted yet: run `claimledger extract`)")
        return
    if extraction.error is not None:
        out.print("\n" + _cell(f"extraction failed: {extraction.error.reason.value}: {extraction.error.message}"))
    for claim in extraction.claims:
        c = claim.claimant
        out.print(Text.assemble("\n", ("claim", "bold"), " ", _cell(
            f"{c.name or c.mention} ({c.side}, {c.kind}) {claim.cue or ''} [{claim.mode}]: {claim.content.text}")))
    checks = tally_checks(article, extraction.figures)
    for fig in extraction.figures:
        note = f"; as_of {checks[fig.id].day or fig.as_of}: {checks[fig.id].note}" if fig.id in checks else ""
        out.print(Text.assemble(("figure", "bold"), " ", _cell(
            f"{fig.measure} {fig.subject_side} low={fig.low} best={fig.best} high={fig.high} ({fig.qualifier}) "
            f"by {fig.claimant.name} ({fig.claimant.side}){note}")))
    for ev in extraction.events:
        out.print(Text.assemble(("event", "bold"), " ", _cell(
            f"{ev.type}: {ev.title} {ev.date_start or ''}{' at ' + ev.place.name if ev.place else ''}")))


@app.command()
@handle_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts: articles, sources, copy groups, outlets, languages, skips, extraction."""
    with open_ledger(db) as ledger:
        st = ledger.stats()
    data = dataclasses.asdict(st)
    if as_json:
        sys.stdout.write(json_line(data) + "\n")
        return
    table = Table(title=_cell(f"ledger {ledger.settings.db}"), show_header=False)
    for k, v in data.items():
        table.add_row(k, _cell(v))
    out.print(table)


@app.command()
@handle_errors
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (jsonl; default stdout) or "
                                                "directory (csv, parquet).")] = None,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", help="CSV: write text cells as they are, even those a "
                                          "spreadsheet would run as formulas (= + - @).")] = False,
) -> None:
    """Export the ledger: JSON Lines per the exchange format, or CSV/Parquet tables."""
    with open_ledger(db) as ledger:
        written = ledger.export(output, format=format, raw_csv=raw_csv)
    for path in written:
        err.print(_cell(f"wrote {path}"))


@app.command()
@handle_errors
def claims(
    db: DbOption = None,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Claimant name contains this.")] = None,
    side: Annotated[str | None, typer.Option("--side", help="Claimant side, e.g. russia.")] = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List attributed claims."""
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        rows = ({"id": c.id, "article": c.article_id, "claimant": c.claimant.name or c.claimant.mention,
                 "side": c.claimant.side, "kind": c.claimant.kind, "cue": c.cue, "mode": c.mode,
                 "stance": c.stance, "hedged": c.hedged, "evidence_note": c.evidence_note,
                 "content": c.content.text}
                for c in _limited(ledger.claims(where, claimant=claimant, side=side), limit))
        emit(rows, ["article", "claimant", "side", "cue", "mode", "content"], as_json=as_json, as_csv=as_csv,
             raw_csv=raw_csv)


@app.command()
@handle_errors
def figures(
    db: DbOption = None,
    measure: Annotated[str | None, typer.Option("--measure", help="e.g. killed, tanks.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="Whose losses: russia, ukraine, ...")] = None,
    side: Annotated[str | None, typer.Option("--side", help="Claimant side.")] = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List claimed figures with their low/best/high values."""
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        rows = ({"id": f.id, "article": f.article_id, "measure": f.measure, "subject_side": f.subject_side,
                 "low": f.low, "best": f.best, "high": f.high, "qualifier": f.qualifier,
                 "claimant": f.claimant.name, "claimant_side": f.claimant.side, "as_of": f.as_of,
                 "note": check.note if check else None, "evidence": f.evidence.text}
                for f, check in _limited(ledger.checked_figures(where, measure=measure, subject_side=subject,
                                                                claimant_side=side), limit))
        emit(rows, ["article", "measure", "subject_side", "low", "best", "high", "qualifier", "claimant",
                    "claimant_side", "as_of", "note"], as_json=as_json, as_csv=as_csv, raw_csv=raw_csv)


@app.command()
@handle_errors
def events(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="e.g. strike, ceasefire_declared.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="corroborated, contested, single_source or "
                                               "unverified.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Events whose place name contains this "
                                              "(case-insensitive).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Events on or after this day (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events on or before this day (YYYY-MM-DD).")] = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="Per-article mentions instead of linked "
                                           "events.")] = False,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List events, linked across the articles that report them (or per-article mentions)."""
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        if mentions:
            rows = ({"id": e.id, "article": e.article_id, "type": e.type, "title": e.title,
                     "date_start": e.date_start, "date_end": e.date_end,
                     "place": e.place.name if e.place else None,
                     "actors": [f"{a.name} ({a.side}, {a.role})" for a in e.actors]}
                    for e in _limited(ledger.events(where, type=type), limit))
            emit(rows, ["article", "type", "title", "date_start", "place"], as_json=as_json, as_csv=as_csv,
                 raw_csv=raw_csv)
            return
        if status is not None and status not in STATUSES:
            raise ConfigError(f"Unknown status {status!r}: use one of {', '.join(STATUSES)}")
        check_dates(("--from", date_from), ("--to", date_to))
        chosen = (e for e in ledger.linked_events(where, type=type)
                  if (status is None or e.status == status)
                  and (place is None or (e.place is not None and place.casefold() in e.place.name.casefold()))
                  and (date_from is None or (e.date_start or "")[:10] >= date_from)
                  and (date_to is None or ("" < (e.date_start or "")[:10] <= date_to)))
        linked = ({"id": e.id, "type": e.type, "title": e.title, "date_start": e.date_start,
                   "date_end": e.date_end, "place": e.place.name if e.place else None,
                   "articles": len(e.article_refs), "sources": e.sources, "status": e.status,
                   "article_refs": list(e.article_refs),
                   "actors": [f"{a.name} ({a.side}, {a.role})" for a in e.actors]}
                  for e in _limited(chosen, limit))
        emit(linked, ["id", "type", "title", "date_start", "place", "articles", "status"], as_json=as_json,
             as_csv=as_csv, raw_csv=raw_csv)


@app.command()
@handle_errors
def event(
    key: Annotated[str, typer.Argument(help="The event's id, or its first characters (see `claimledger events`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One event: every claimant's figures side by side (latest first, with revisions), its
    contradictions and, for a ceasefire, the rejections and violations that followed."""
    with open_ledger(db) as ledger:
        report = ledger.event_report(key)
        if report is None:
            raise ConfigError(f"No single event with an id starting {key!r}: list them with `claimledger events`")
    e = report.event
    rows = [{"measure": r.measure, "subject": r.subject_side, "claimant": r.claimant.name or r.claimant.mention,
             "side": r.claimant.side, "latest": r.latest.number.text, "as_of": r.latest.as_of,
             "revisions": [f.number.text for f in r.revisions[1:]], "reports": len(r.figures),
             "evidence": r.latest.evidence.text} for r in report.rows]
    clashes = [{"kind": c.kind, "measure": c.measure, "subject_side": c.subject_side, "sides": list(c.sides),
                "explanation": c.explanation} for c in report.contradictions]
    chain = [{"id": x.id, "type": x.type, "date_start": x.date_start, "title": x.title}
             for x in (report.chain.events if report.chain is not None else ())]
    if as_json:
        sys.stdout.write(json_line({"id": e.id, "type": e.type, "title": e.title, "date_start": e.date_start,
                                    "date_end": e.date_end, "place": e.place.name if e.place else None,
                                    "status": e.status, "sources": e.sources, "article_refs": list(e.article_refs),
                                    "figures": rows, "contradictions": clashes, "ceasefire": chain}) + "\n")
        return
    place = e.place.name if e.place else "no place"
    out.print(for_terminal(f"{e.title} ({e.type}) - {e.date_start or 'undated'}, {place}; {e.status}, "
                           f"{e.sources} independent source(s), {len(e.article_refs)} article(s)"))
    emit(rows, ["measure", "subject", "claimant", "side", "latest", "as_of", "revisions", "reports", "evidence"],
         as_json=False, as_csv=False, title="Figures by claimant")
    if clashes:
        emit(clashes, ["kind", "measure", "subject_side", "sides", "explanation"], as_json=False, as_csv=False,
             title="Contradictions")
    if chain:
        emit(chain, ["date_start", "type", "title", "id"], as_json=False, as_csv=False, title="Ceasefire")


@app.command()
@handle_errors
def timeline(
    db: DbOption = None,
    ceasefires: Annotated[bool, typer.Option("--ceasefires", help="Only declared ceasefires, each with its "
                                             "rejections and alleged violations.")] = False,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """Events in date order (undated last); with --ceasefires, each truce's life in order."""
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():
        if ceasefires:
            rows = [{"ceasefire": c.declared.id, "id": x.id, "date_start": x.date_start, "type": x.type,
                     "title": x.title, "status": x.status} for c in ledger.ceasefires(where) for x in c.events]
        else:
            rows = [{"id": x.id, "date_start": x.date_start, "type": x.type, "title": x.title,
                     "place": x.place.name if x.place else None, "status": x.status}
                    for x in ledger.timeline(where)]
    columns = ["date_start", "type", "title", "status", "id"] + (["ceasefire"] if ceasefires else ["place"])
    emit(rows, columns, as_json=as_json, as_csv=as_csv, raw_csv=raw_csv)


@app.command()
@handle_errors
def contradictions(
    db: DbOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List figures for one event that cannot both be right, from claimants of different sides."""
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        events = {e.id: e for e in ledger.linked_events(where)}
        rows = ({"id": c.id, "event": events[c.event_id].title if c.event_id in events else c.event_id,
                 "measure": c.measure, "subject_side": c.subject_side, "sides": list(c.sides),
                 "figure_ids": list(c.figure_ids), "explanation": c.explanation}
                for c in ledger.contradictions(where, events=list(events.values())))
        emit(rows, ["event", "measure", "subject_side", "sides", "explanation"], as_json=as_json, as_csv=as_csv,
             raw_csv=raw_csv)


@app.command()
@handle_errors
def skips(
    db: DbOption = None,
    run: Annotated[int | None, typer.Option("--run", help="Run id (default: the latest run).")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List the inputs a run skipped, with their reasons."""
    with open_ledger(db) as ledger:
        rows = ({"source": s.source, "reason": s.reason.value, "line": s.line, "message": s.message}
                for s in ledger.skips(run))
        emit(rows, ["source", "reason", "line", "message"], as_json=as_json, as_csv=as_csv, raw_csv=raw_csv)


@app.command()
@handle_errors
def demo(
    db: Annotated[Path, typer.Option("--db", help="Ledger file for the demo.")] = Path("claimledger-demo.db"),
) -> None:
    """Ingest the bundled sample articles into a demo ledger and show what it holds."""
    from .demo import run_demo

    run_demo(db, out, err)


def _limited(items: Iterable[Any], limit: int | None) -> Iterable[Any]:
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            return
        yield item


@app.command()
@handle_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (YAML, shared/spec/gold-format.md).", show_default=False)],
    db: DbOption = None,
    export_file: Annotated[Path | None, typer.Option("--export", help="Score this JSONL export instead of "
                                                     "the ledger.")] = None,
    errors_only: Annotated[bool, typer.Option("--errors", help="Only articles and figures with errors.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Score the ledger (or an export) against a gold file, with an error report per article.

    Example: claimledger evaluate gold.yaml --errors
    """
    from .evaluate import evaluate as score
    from .evaluate import load_gold, report_lines

    gold_data = load_gold(gold)
    if export_file is not None:
        result = score(gold_data, _read_jsonl(export_file))
    else:
        with open_ledger(db) as ledger:
            result = score(gold_data, ledger.records())
    summary = result.summary()
    if as_json:
        sys.stdout.write(json_line(summary, sort_keys=True) + "\n")
        return
    for line in report_lines(result, only_errors=errors_only):  # refs, outlets and words from articles
        out.print(for_terminal(line), markup=False, highlight=False)
    f, c, e = summary["figures"], summary["claims"], summary["events"]
    out.print(f"figures  P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  (predicted {f['predicted']}, "
              f"gold {f['gold']}); value recall {f['value_recall']}; as_of accuracy {f['as_of_accuracy']}",
              markup=False, highlight=False)
    links = summary["event_links"]
    out.print(f"claims   recall {c['recall']}  side accuracy {c['side_accuracy']}", markup=False, highlight=False)
    out.print(f"events   matched {e['matched']}/{e['gold']}  date {e['date_accuracy']}  place {e['place_accuracy']}; "
              f"links P {links['precision']:.3f} R {links['recall']:.3f} F1 {links['f1']:.3f}",
              markup=False, highlight=False)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSONL export; a line that is not JSON is a configuration error naming the line."""
    records: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ConfigError(f"{path}:{number} is not JSON: {exc.msg}") from exc
    except OSError as exc:
        raise ConfigError(f"Cannot read export {path}: {exc.strerror or exc}") from exc
    return records


tally_app = typer.Typer(help="Official tallies: a party's daily count of the other side's losses.",
                        no_args_is_help=True)
app.add_typer(tally_app, name="tally")


@tally_app.command("import")
@handle_errors
def tally_import(
    path: Annotated[Path, typer.Argument(help="A dataset the profile knows (a directory or JSON file named in "
                                         "tallies.yaml), or a CSV: date, then the tally's columns.",
                                         show_default=False)],
    name: Annotated[str | None, typer.Option("--name", help="Store it as series TALLY/SOURCE (default: from "
                                             "the file names; a CSV: TALLY/<file name>).")] = None,
    db: DbOption = None,
) -> None:
    """Import a tally series (or update one), and list where it disagrees with the tally's other transcriptions."""
    with open_ledger(db) as ledger:
        report = ledger.import_tally(path, name=name)
    err.print(for_terminal(f"imported {report.series} ({report.role}): {report.days} days, {report.first} to "
                           f"{report.last}; skipped {len(report.skipped)}"))
    for skip in report.skipped:
        print_skip("skip", skip)
    if report.ignored_keys:
        err.print(for_terminal(f"  keys not read: {', '.join(report.ignored_keys)}"))
    days = sorted({d.day for d in report.disagreements})
    if days:
        err.print(f"  differs from the other transcriptions on {len(days)} days ({len(report.disagreements)} values; "
                  "both kept): `claimledger tally show --disagreements`")
    raise typer.Exit(1 if report.skipped else 0)


@tally_app.command("show")
@handle_errors
def tally_show(
    series: Annotated[str | None, typer.Argument(help="A series (TALLY/SOURCE): its days, in the import CSV "
                                                 "format with --csv.", show_default=False)] = None,
    date: Annotated[str | None, typer.Option("--date", help="One day: every series' totals side by side.")] = None,
    disagreements: Annotated[bool, typer.Option("--disagreements", help="Days and columns on which the "
                                                "transcriptions differ.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Show the tallies and their series, a series' days, one day, or where transcriptions disagree."""
    from .tallies import disagreements as differing

    if date is not None and not _is_date(date):
        raise ConfigError(f"--date takes a date like 2022-12-31, not {date!r}")
    with open_ledger(db) as ledger:
        tallies = ledger.tallies()
    every = [(t, s) for t in tallies for s in t.series]
    if series is not None:
        found = [(t, s) for t, s in every if s.name == series]
        if not found:
            raise ConfigError(f"No tally series {series!r}: list them with `claimledger tally show`")
        tally, one = found[0]
        rows = ({"date": d.day, **{c: d.values.get(c) for c in tally.measures}} for d in one.days
                if date is None or d.day == date)
        emit(rows, ["date", *tally.measures], as_json=as_json, as_csv=as_csv, raw_csv=True)
    elif disagreements:
        rows = ({"tally": d.tally, "date": d.day, "column": d.column,
                 "values": ", ".join(f"{source} {value}" for source, value in d.values)}
                for t in tallies for d in differing(t, [date] if date else None))
        emit(rows, ["tally", "date", "column", "values"], as_json=as_json, as_csv=as_csv)
    elif date is not None:
        names = [s.name for _, s in every]
        days = {s.name: next((d.values for d in s.days if d.day == date), {}) for _, s in every}
        rows = ({"tally": t.key, "column": c, **{n: days[n].get(c) for n in names if n.startswith(t.key + "/")},
                 "agree": len({days[n][c] for n in names if n.startswith(t.key + "/") and c in days[n]}) <= 1}
                for t in tallies for c in t.measures)
        emit(rows, ["tally", "column", *names, "agree"], as_json=as_json, as_csv=as_csv, title=date)
    else:
        rows = ({"series": s.name, "tally": t.key, "role": s.role, "claimant": t.claimant,
                 "subject_side": t.subject_side, "days": len(s.days), "first": s.days[0].day if s.days else None,
                 "last": s.days[-1].day if s.days else None, "origin": s.origin}
                for t, s in every)
        emit(rows, ["series", "role", "claimant", "subject_side", "days", "first", "last", "origin"],
             as_json=as_json, as_csv=as_csv)


def main() -> None:
    """Entry point of the ``claimledger`` command."""
    app()
