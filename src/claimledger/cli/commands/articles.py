"""Reading the ledger's articles: ``articles``, ``show``, ``stats``, ``skips``."""

from __future__ import annotations

import dataclasses
import sys
from typing import Annotated, Any

import typer
from rich.text import Text

from ...errors import ConfigError
from ...output import for_terminal, json_line
from ...records import Article
from ..errors import handle_errors
from ..filters import article_filter, open_ledger
from ..ids import ShortIds
from ..options import (
    CsvOption,
    DbOption,
    JsonOption,
    LanguageOption,
    LimitOption,
    OutletOption,
    RawCsvOption,
    SinceOption,
    UntilOption,
    examples,
)
from ..render import Listing, cell, columns, emit, out, output_format, say

ORDER = 20
PANEL = "Read the ledger"
app = typer.Typer()

ARTICLES = Listing("article", columns("id:article_id", "published:date", "outlet:text", "language", "title:text",
                                      "ref", "url", "copy_group:article_id"))
SKIPS = Listing("skip", columns("source", "line:number", "reason", "message:text"))


def article_row(a: Article) -> dict[str, Any]:
    return {"id": a.id, "published": a.published, "outlet": a.outlet, "language": a.language, "title": a.title,
            "ref": a.ref, "url": a.url, "copy_group": a.copy_group}


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger articles --outlet reuters --since 2023-01-01",
    "claimledger articles --search Makiivka --limit 5",
    "claimledger articles --language ru --csv > russian.csv"))
@handle_errors
def articles(
    db: DbOption = None,
    outlet: OutletOption = None,
    language: LanguageOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: Annotated[str | None, typer.Option("--search", "-s", metavar="TEXT", show_default=False,
                                               help="Text or title contains this.")] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored articles, filtered by outlet, language, date range or text."""
    fmt = output_format(as_json, as_csv, raw_csv)
    where = article_filter(outlet, language, since, until, search, limit)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        emit((article_row(a) for a in ledger.articles(where)), ARTICLES, fmt, ids=ShortIds(ledger),
             raw_csv=raw_csv)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger show kyiv-makiivka-claim.txt",
    "claimledger show a66d84",
    "claimledger show a66d84:f124-133",
    "claimledger show https://example.org/story --json"))
@handle_errors
def show(
    key: Annotated[str, typer.Argument(
        metavar="ARTICLE", show_default=False,
        help="An article's id (or its first 6+ characters), ref or URL; or the id of one of its claims, "
        "figures or event mentions (as listings show it).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, text and what was extracted from it."""
    from ...store.codec import to_dict

    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        article, record = ledger.article(key), None
        if article is None and ":" in key:  # a record id, its article part maybe shortened
            prefix, _, rest = key.partition(":")
            article = ledger.article(prefix)
            record = f"{article.id}:{rest}" if article is not None else None
        if article is None:
            raise ConfigError(f"No article {key!r} in {ledger.settings.ledger_name}: "
                              "list them with `claimledger articles`")
        extraction = ledger.extraction(article.id)
        tally_checks = ledger.tally_checker()
        ids = ShortIds(ledger)
        ids.article(article.id)
    if as_json:
        payload = {"article": to_dict(article), "extraction": to_dict(extraction) if extraction else None}
        sys.stdout.write(json_line(payload) + "\n")
        return
    for k, v in {**article_row(article), "refs": list(article.refs), "flags": list(article.flags)}.items():
        out.print(Text.assemble((f"{k}:", "bold"), " ", cell(v)))
    out.print()
    say(for_terminal(article.text, one_line=False), to_stderr=False)
    if extraction is None:
        out.print("\n(not extracted yet: run `claimledger extract`)")
        return
    if extraction.error is not None:
        out.print("\n" + cell(f"extraction failed: {extraction.error.reason.value}: {extraction.error.message}"))

    def label(kind: str, record_id: str) -> Text:
        mark = "> " if record_id == record else ""
        return Text.assemble(mark, (kind, "bold"), " ", (ids.record(record_id), "dim"), " ")

    out.print()
    for claim in extraction.claims:
        c = claim.claimant
        say(label("claim", claim.id) + cell(
            f"{c.name or c.mention} ({c.side}, {c.kind}) {claim.cue or ''} [{claim.mode}]: {claim.content.text}"),
            to_stderr=False)
    checks = tally_checks(article, extraction.figures)
    for fig in extraction.figures:
        note = f"; as_of {checks[fig.id].day or fig.as_of}: {checks[fig.id].note}" if fig.id in checks else ""
        values = "-".join(dict.fromkeys(cell(v) for v in (fig.low, fig.best, fig.high) if v is not None))
        say(label("figure", fig.id) + cell(
            f"{fig.measure} of {fig.subject_side}: {values} ({fig.qualifier}) by {fig.claimant.name} "
            f"({fig.claimant.side}){note}"), to_stderr=False)
    for ev in extraction.events:
        say(label("event", ev.id) + cell(
            f"{ev.type}: {ev.title} {ev.date_start or ''}{' at ' + ev.place.name if ev.place else ''}"),
            to_stderr=False)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger stats",
    "claimledger stats --json"))
@handle_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts: articles, sources, copy groups, outlets, languages, skips, extraction."""
    with open_ledger(db) as ledger:
        st = ledger.stats()
    data = dataclasses.asdict(st)
    if as_json:
        sys.stdout.write(json_line(data) + "\n")
        return
    out.print(Text(for_terminal(f"ledger {ledger.settings.ledger_name}"), style="bold"))
    width = max(len(k) for k in data)
    for k, v in data.items():
        say(Text.assemble((k.ljust(width), "bold"), "  ", cell(v)), to_stderr=False)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger skips",
    "claimledger skips --run 3 --csv"))
@handle_errors
def skips(
    db: DbOption = None,
    run: Annotated[int | None, typer.Option("--run", metavar="N", show_default=False,
                                            help="The run's number. (default: the latest run)")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List the inputs a run skipped, with their reasons."""
    fmt = output_format(as_json, as_csv, raw_csv)
    with open_ledger(db) as ledger:
        rows = ({"source": s.source, "line": s.line, "reason": s.reason.value, "message": s.message}
                for s in ledger.skips(run))
        emit(rows, SKIPS, fmt, raw_csv=raw_csv)
