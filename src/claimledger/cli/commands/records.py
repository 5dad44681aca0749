"""Reading what was extracted: ``claims`` and ``figures``."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import handle_errors
from ..filters import article_filter, check_value, has_any, measures, open_ledger, sides, subjects
from ..ids import ShortIds
from ..options import (
    CsvOption,
    DbOption,
    JsonOption,
    LimitOption,
    OutletOption,
    RawCsvOption,
    SinceOption,
    UntilOption,
    examples,
)
from ..render import Listing, columns, emit, limited, output_format

ORDER = 30
PANEL = "Read the ledger"
app = typer.Typer()

CLAIMS = Listing("claim", columns("id:record_id", "claimant:text", "side", "kind", "cue:text", "mode", "stance",
                                  "hedged", "content:text", "evidence_note:text"))
FIGURES = Listing("figure", columns("id:record_id", "claimant:text", "side", "measure", "subject", "low:number",
                                    "best:number", "high:number", "qualifier", "as_of:date", "note:text",
                                    "evidence:text"))

SideOption = Annotated[str | None, typer.Option(
    "--side", metavar="SIDE", show_default=False,
    help="Only claimants of this side: russia, ukraine, ... (the profile's sides).")]


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger claims --side russia",
    'claimledger claims --claimant "General Staff" --since 2023-01-01',
    "claimledger claims --outlet TASS --csv > tass-claims.csv"))
@handle_errors
def claims(
    db: DbOption = None,
    claimant: Annotated[str | None, typer.Option("--claimant", metavar="NAME", show_default=False,
                                                 help="The claimant's name contains this.")] = None,
    side: SideOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List attributed claims: who said what, how, and the words."""
    fmt = output_format(as_json, as_csv, raw_csv)
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        check_value("--side", side, held=lambda v: has_any(ledger.claims(side=v)), declared=lambda: sides(ledger),
                    what="side")
        rows = ({"id": c.id, "claimant": c.claimant.name or c.claimant.mention, "side": c.claimant.side,
                 "kind": c.claimant.kind, "cue": c.cue, "mode": c.mode, "stance": c.stance, "hedged": c.hedged,
                 "content": c.content.text, "evidence_note": c.evidence_note}
                for c in limited(ledger.claims(where, claimant=claimant, side=side), limit))
        emit(rows, CLAIMS, fmt, ids=ShortIds(ledger), raw_csv=raw_csv)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger figures --measure killed --subject russia",
    "claimledger figures --side ukraine --measure tanks --since 2023-01-01",
    "claimledger figures --json | jq .best"))
@handle_errors
def figures(
    db: DbOption = None,
    measure: Annotated[str | None, typer.Option("--measure", metavar="MEASURE", show_default=False,
                                                help="What is counted: killed, wounded, tanks, ...")] = None,
    subject: Annotated[str | None, typer.Option("--subject", metavar="SIDE", show_default=False,
                                                help="Whose losses: russia, ukraine, civilians, ...")] = None,
    side: SideOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List claimed figures: who claims which number of what, with low/best/high values.

    A figure a party's official tally also counts gets the day it counts (as_of) and a note.
    """
    fmt = output_format(as_json, as_csv, raw_csv)
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        check_value("--measure", measure, held=lambda v: has_any(ledger.figures(measure=v)),
                    declared=lambda: measures(ledger), what="measure")
        check_value("--subject", subject, held=lambda v: has_any(ledger.figures(subject_side=v)),
                    declared=lambda: subjects(ledger), what="subject")
        check_value("--side", side, held=lambda v: has_any(ledger.figures(claimant_side=v)),
                    declared=lambda: sides(ledger), what="side")
        rows = ({"id": f.id, "claimant": f.claimant.name or f.claimant.mention, "side": f.claimant.side,
                 "measure": f.measure, "subject": f.subject_side, "low": f.low, "best": f.best, "high": f.high,
                 "qualifier": f.qualifier, "as_of": f.as_of, "note": check.note if check else None,
                 "evidence": f.evidence.text}
                for f, check in limited(ledger.checked_figures(where, measure=measure, subject_side=subject,
                                                               claimant_side=side), limit))
        emit(rows, FIGURES, fmt, ids=ShortIds(ledger), raw_csv=raw_csv)
