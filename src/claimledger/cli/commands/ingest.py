"""Building the ledger: ``ingest``, ``extract``, ``link``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ...errors import ConfigError
from ...ledger import StrictStop
from ...output import for_terminal
from ..errors import handle_errors
from ..filters import open_ledger
from ..options import FLAG, DaskOption, DbOption, ProcessesOption, examples
from ..render import err
from ..runs import RunProgress, on_dask, print_extraction, print_holdings, print_ingest

ORDER = 10
PANEL = "Build the ledger"
app = typer.Typer()


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger ingest articles/",
    "claimledger ingest corpus.jsonl https://example.org/feed.xml --fetch",
    "cat story.txt | claimledger ingest - --db war.db",
    "claimledger ingest inbox/ --no-extract && claimledger extract",
    "claimledger ingest corpus.jsonl --dask local:2"))
@handle_errors
def ingest(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT", show_default=False,
        help="Files, directories, JSONL/CSV corpora, RSS/Atom feeds, URLs, or - for stdin.")],
    db: DbOption = None,
    fetch: Annotated[bool, typer.Option("--fetch", metavar=FLAG,
                                        help="For feeds, also fetch each entry's page.")] = False,
    no_extract: Annotated[bool, typer.Option("--no-extract", metavar=FLAG, help="Store articles only; run "
                                             "`claimledger extract` later.")] = False,
    strict: Annotated[bool, typer.Option("--strict", metavar=FLAG,
                                         help="Stop at the first skipped input (exit 1).")] = False,
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", metavar="BYTES", min=1, show_default=False,
        help="Skip inputs larger than this. (default: 10485760, 10 MB)")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", metavar="SECONDS", show_default=False,
        help="Seconds to fetch one URL, in all. (default: 20)")] = None,
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", metavar="N", min=1, show_default=False,
        help="Articles per transaction. (default: 200)")] = None,
    n_process: ProcessesOption = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private-addresses", metavar=FLAG, help="Also fetch from loopback, private and link-local "
        "addresses (refused by default).")] = False,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", metavar=FLAG,
        help="In directories, read symbolic links that lead outside the directory.")] = False,
    dask: DaskOption = None,
) -> None:
    """Read articles into the ledger (created if need be), then extract and link them.

    Bad inputs are skipped with a recorded reason (`claimledger skips`). Exit 1 when an input
    was skipped, an article failed extraction or nothing was found to read.
    """
    if timeout is not None and not timeout > 0:
        raise ConfigError("--timeout must be a positive number of seconds")
    ledger = open_ledger(db, create=True, max_bytes=max_bytes, http_timeout_s=timeout,
                         fetch_entries=fetch or None, batch_size=batch_size, n_process=n_process,
                         allow_private_addresses=allow_private or None, follow_links=follow_links or None)
    with ledger, on_dask(None if no_extract else dask, ledger) as cluster:
        try:
            with RunProgress(ledger, reading=True) as shown:
                stdin = sys.stdin.buffer if "-" in inputs and sys.stdin is not None else None
                report = ledger.ingest(inputs, extract=not no_extract, strict=strict, stdin=stdin,
                                       command="ingest " + " ".join(inputs), progress=shown.read,
                                       extract_progress=shown.extracted, stage=shown.stage,
                                       extractor=cluster.extractor, link_run=cluster.link_run)
        except StrictStop as stop:
            err.print(for_terminal(f"error: --strict: stopped at {stop.skip.source}: {stop.skip.reason.value}: "
                                   f"{stop.skip.message}"))
            raise typer.Exit(1) from None
        print_ingest(report, ledger, extracted=not no_extract)
    nothing = report.ingested == 0 and report.duplicates == 0
    raise typer.Exit(1 if report.failed or nothing else 0)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger extract",
    "claimledger extract --all --processes 4",
    "claimledger extract --dask tcp://10.0.0.5:8786"))
@handle_errors
def extract(
    db: DbOption = None,
    all_: Annotated[bool, typer.Option("--all", metavar=FLAG,
                                       help="Re-extract every article, not only stale ones.")] = False,
    n_process: ProcessesOption = None,
    dask: DaskOption = None,
) -> None:
    """Extract claims, figures, dates, places and events from stored articles, then link them.

    Reads the articles not yet extracted by this version of the extractor, and those that
    failed; with --all, every article.
    """
    with open_ledger(db, n_process=n_process) as ledger, on_dask(dask, ledger) as cluster:
        with RunProgress(ledger, reading=False) as shown:
            report = ledger.extract(everything=all_, progress=shown.extracted, stage=shown.stage,
                                    extractor=cluster.extractor, link_run=cluster.link_run)
        print_extraction(report)
        print_holdings(ledger)
    raise typer.Exit(1 if report.failed else 0)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger link",
    "claimledger link --all",
    "claimledger link --all --dask local:2"))
@handle_errors
def link(
    db: DbOption = None,
    all_: Annotated[bool, typer.Option("--all", metavar=FLAG,
                                       help="Drop the stored events and relink every mention.")] = False,
    dask: DaskOption = None,
) -> None:
    """Link event mentions across articles into events (extract does it after every pass).

    With --dask, by type family and date segment on the cluster, to the same links."""
    with open_ledger(db) as ledger, on_dask(dask, ledger) as cluster:
        report = ledger.link(everything=all_, run=cluster.link_run)
    relinked = " (every mention relinked)" if report.relinked else ""
    err.print(for_terminal(f"linked {report.linked} mentions: {report.created} new events, "
                           f"{report.touched} events written{relinked}"))
