"""``demo``: the bundled samples into a demo ledger, and what it then holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...demo import ingest_samples
from ...ledger import Ledger
from ...output import for_terminal
from ..errors import handle_errors
from ..filters import open_ledger
from ..ids import ShortIds
from ..options import FLAG, examples
from ..render import Listing, columns, emit, out
from ..runs import RunProgress, print_ingest

ORDER = 5
PANEL = "Try it"
app = typer.Typer()

ARTICLES = Listing("article", columns("id:article_id", "ref", "outlet:text", "published:date", "copies:text"))
FIGURES = Listing("figure", columns("outlet:text", "claimant:text", "side", "measure", "subject", "words:text",
                                    "best:number"))
CLAIMS = Listing("claim", columns("outlet:text", "claimant:text", "side", "cue:text", "mode",
                                  "evidence_note:text"))
EVENTS = Listing("event", columns("id:event_id", "title:text", "date_start:date", "place:text",
                                  "reported_by:text", "status"))


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger demo",
    "claimledger demo --db /tmp/demo.db && claimledger events --db /tmp/demo.db",
    "claimledger demo --report demo-report.html",
    "claimledger demo --serve"))
@handle_errors
def demo(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The demo's ledger file.")] = Path(
        "claimledger-demo.db"),
    report_file: Annotated[Path | None, typer.Option(
        "--report", metavar="FILE", show_default=False,
        help="Also write the self-contained HTML report of the demo ledger to FILE.")] = None,
    serve: Annotated[bool, typer.Option("--serve", metavar=FLAG, help="Then serve the web app and the REST "
                                        "API on the demo ledger (http://127.0.0.1:8470/) until Ctrl-C.")] = False,
) -> None:
    """Ingest the bundled sample articles into a demo ledger and show what it holds."""
    with open_ledger(str(db), create=True) as ledger:
        with RunProgress(ledger, reading=False) as shown:
            report = ingest_samples(ledger, stage=shown.stage)
        print_ingest(report, ledger, extracted=True)
        with ledger.snapshot():
            show_holdings(ledger, db)
        if report_file is not None:
            from ...web.report import write_report

            out.print()
            out.print(for_terminal(f"wrote the report {write_report(ledger, report_file)}: open it in a browser"))
    if serve:
        from .serve import serve_ledger

        serve_ledger(str(db), host="127.0.0.1", port=8470)


def show_holdings(ledger: Ledger, db: Path) -> None:
    """The articles with their copy groups, the figures and claims with who reported them, and the events
    linked across outlets; then the commands to look further."""
    articles = list(ledger.articles())
    by_id = {a.id: a for a in articles}
    linked = ledger.linked_events()
    ids = ShortIds(ledger, [e.id for e in linked])
    groups: dict[str | None, int] = {}
    for a in articles:
        groups[a.copy_group] = groups.get(a.copy_group, 0) + 1

    def outlet(article_id: str) -> str | None:
        return by_id[article_id].outlet if article_id in by_id else None

    out.print()
    emit(({"id": a.id, "ref": a.ref, "outlet": a.outlet, "published": a.published,
           "copies": f"copy group {ids.article(a.copy_group or '')}" if groups.get(a.copy_group, 0) > 1 else None}
          for a in articles), ARTICLES, "table", ids=ids, title="Articles", count=False)
    out.print()
    emit(({"outlet": outlet(f.article_id), "claimant": f.claimant.name or f.claimant.mention,
           "side": f.claimant.side, "measure": f.measure, "subject": f.subject_side, "words": f.number.text,
           "best": f.best} for f in ledger.figures()), FIGURES, "table", title="Figures: who claims which number",
         count=False)
    out.print()
    emit(({"outlet": outlet(c.article_id), "claimant": c.claimant.name or c.claimant.mention,
           "side": c.claimant.side, "cue": c.cue, "mode": c.mode, "evidence_note": c.evidence_note}
          for c in ledger.claims()), CLAIMS, "table", title="Claims", count=False)
    out.print()
    emit(({"id": e.id, "title": e.title, "date_start": e.date_start,
           "place": e.place.name if e.place else None,
           "reported_by": ", ".join(sorted({by_id[i].outlet or "?" for i in e.article_ids if i in by_id})),
           "status": e.status} for e in linked), EVENTS, "table", ids=ids,
         title="Events, linked across the outlets that report them", count=False)
    contested = next((e for e in linked if e.status == "contested"), None)
    out.print()
    out.print("Explore:")
    for command in (f"claimledger events --db {db}",
                    *([f"claimledger event {ids.event(contested.id)} --db {db}"] if contested else []),
                    f"claimledger figures --measure killed --db {db}", f"claimledger show ARTICLE --db {db}"):
        out.print("  " + for_terminal(command))
