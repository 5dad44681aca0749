"""Reading the linked events: ``events``, ``event``, ``timeline``, ``contradictions``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ...assess import STATUSES
from ...errors import ConfigError
from ...output import for_terminal, json_line
from ..errors import handle_errors
from ..filters import article_filter, check_choice, check_dates, check_value, event_types, has_any, open_ledger
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
from ..render import Listing, columns, emit, limited, out, output_format, say

ORDER = 40
PANEL = "Read the ledger"
app = typer.Typer()

EVENTS = Listing("event", columns("id:event_id", "date_start:date", "type", "title:text", "place:text", "status",
                                  "sources:number", "articles:number"))
MENTIONS = Listing("event mention", columns("id:record_id", "date_start:date", "type", "title:text", "place:text",
                                            "actors:text"))
TIMELINE = Listing("event", columns("id:event_id", "date_start:date", "type", "title:text", "place:text", "status"))
CEASEFIRES = Listing("event", columns("ceasefire:event_id", "id:event_id", "date_start:date", "type", "title:text",
                                      "status"))
CONTRADICTIONS = Listing("contradiction", columns("id", "event:event_id", "title:text", "kind", "measure",
                                                  "subject", "sides", "explanation:text", "figures:record_ids"))
FIGURES = Listing("claimant", columns("measure", "subject", "claimant:text", "side", "latest", "as_of:date",
                                      "revisions:text", "reports:number", "evidence:text"))
CLASHES = Listing("contradiction", columns("kind", "measure", "subject", "sides", "explanation:text"))
CHAIN = Listing("event", columns("id:event_id", "date_start:date", "type", "title:text"))


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger events --type strike --status contested",
    "claimledger events --place Makiivka --from 2023-01-01 --to 2023-01-02",
    "claimledger events --mentions --outlet TASS"))
@handle_errors
def events(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", metavar="TYPE", show_default=False,
                                             help="strike, capture, ceasefire_declared, ... (the profile's "
                                             "event types).")] = None,
    status: Annotated[str | None, typer.Option("--status", metavar="STATUS", show_default=False,
                                               help=f"{', '.join(STATUSES)}.")] = None,
    place: Annotated[str | None, typer.Option("--place", metavar="NAME", show_default=False,
                                              help="The place name contains this (case-insensitive).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", metavar="DATE", show_default=False,
                                                  help="Events on or after this day (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", metavar="DATE", show_default=False,
                                                help="Events on or before this day (YYYY-MM-DD).")] = None,
    mentions: Annotated[bool, typer.Option("--mentions", metavar="",
                                           help="Each article's mentions, not the linked events.")] = False,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List events, linked across the articles that report them, with their status.

    The status: corroborated (independent sources agree), contested (sides contradict each
    other), single_source or unverified. `claimledger event ID` shows one event in full.
    """
    fmt = output_format(as_json, as_csv, raw_csv)
    where = article_filter(outlet, None, since, until)
    check_choice("--status", status, STATUSES, "status")
    check_dates(("--from", date_from), ("--to", date_to))
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        check_value("--type", type, held=lambda v: has_any(ledger.events(type=v)),
                    declared=lambda: event_types(ledger), what="event type")
        if mentions:
            if status is not None or date_from is not None or date_to is not None or place is not None:
                raise ConfigError("--status, --place, --from and --to select linked events, not --mentions")
            rows = ({"id": e.id, "date_start": e.date_start, "type": e.type, "title": e.title,
                     "place": e.place.name if e.place else None,
                     "actors": [f"{a.name} ({a.side}, {a.role})" for a in e.actors]}
                    for e in limited(ledger.events(where, type=type), limit))
            emit(rows, MENTIONS, fmt, ids=ShortIds(ledger), raw_csv=raw_csv)
            return
        linked = ledger.linked_events(where, type=type)
        chosen = (e for e in linked
                  if (status is None or e.status == status)
                  and (place is None or (e.place is not None and place.casefold() in e.place.name.casefold()))
                  and (date_from is None or (e.date_start or "")[:10] >= date_from)
                  and (date_to is None or ("" < (e.date_start or "")[:10] <= date_to)))
        rows = ({"id": e.id, "date_start": e.date_start, "type": e.type, "title": e.title,
                 "place": e.place.name if e.place else None, "status": e.status, "sources": e.sources,
                 "articles": len(e.article_ids)} for e in limited(chosen, limit))
        emit(rows, EVENTS, fmt, ids=ShortIds(ledger, [e.id for e in linked]), raw_csv=raw_csv)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger event ev:6f03cc",
    "claimledger event ev:6f03cc --json"))
@handle_errors
def event(
    key: Annotated[str, typer.Argument(metavar="ID", show_default=False,
                                       help="The event's id, or its first characters as `claimledger events` "
                                       "shows them.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One event: every claimant's figures side by side, its contradictions, its ceasefire's course.

    Figures come one row per claimant and measure, the latest first with its revisions; a
    ceasefire comes with the rejections and alleged violations that followed it.
    """
    with open_ledger(db) as ledger, ledger.snapshot():
        report = ledger.event_report(key)
        if report is None:
            raise ConfigError(f"No single event with an id starting {key!r}: list them with `claimledger events`")
        ids = ShortIds(ledger, [report.event.id, *(x.id for x in (report.chain.events if report.chain else ()))])
        ids.event(report.event.id)
    e = report.event
    rows = [{"measure": r.measure, "subject": r.subject_side, "claimant": r.claimant.name or r.claimant.mention,
             "side": r.claimant.side, "latest": r.latest.number.text, "as_of": r.latest.as_of,
             "revisions": [f.number.text for f in r.revisions[1:]], "reports": len(r.figures),
             "evidence": r.latest.evidence.text} for r in report.rows]
    clashes = [{"kind": c.kind, "measure": c.measure, "subject": c.subject_side, "sides": list(c.sides),
                "explanation": c.explanation} for c in report.contradictions]
    chain = [{"id": x.id, "date_start": x.date_start, "type": x.type, "title": x.title}
             for x in (report.chain.events if report.chain is not None else ())]
    if as_json:
        sys.stdout.write(json_line({"id": e.id, "type": e.type, "title": e.title, "date_start": e.date_start,
                                    "date_end": e.date_end, "place": e.place.name if e.place else None,
                                    "status": e.status, "sources": e.sources, "article_refs": list(e.article_refs),
                                    "figures": rows, "contradictions": clashes, "ceasefire": chain}) + "\n")
        return
    place = e.place.name if e.place else "no place"
    say(for_terminal(f"{ids.event(e.id)}  {e.title} ({e.type}): {e.date_start or 'undated'}, {place}; {e.status}, "
                     f"{e.sources} independent source(s), {len(e.article_refs)} article(s)"), to_stderr=False)
    out.print()
    emit(rows, FIGURES, "table", title="Figures by claimant", count=False)
    if clashes:
        emit(clashes, CLASHES, "table", title="Contradictions", count=False)
    if chain:
        emit(chain, CHAIN, "table", ids=ids, title="Ceasefire", count=False)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger timeline --since 2023-01-01 --until 2023-01-31",
    "claimledger timeline --ceasefires"))
@handle_errors
def timeline(
    db: DbOption = None,
    ceasefires: Annotated[bool, typer.Option("--ceasefires", metavar="", help="Only declared ceasefires, each "
                                             "with its rejections and alleged violations.")] = False,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """Events in date order (undated last); with --ceasefires, each truce's life in order."""
    fmt = output_format(as_json, as_csv, raw_csv)
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():
        if ceasefires:
            chains = ledger.ceasefires(where)
            rows = [{"ceasefire": c.declared.id, "id": x.id, "date_start": x.date_start, "type": x.type,
                     "title": x.title, "status": x.status} for c in chains for x in c.events]
            emit(rows, CEASEFIRES, fmt, ids=ShortIds(ledger, [str(r["id"]) for r in rows]), raw_csv=raw_csv)
        else:
            rows = [{"id": x.id, "date_start": x.date_start, "type": x.type, "title": x.title,
                     "place": x.place.name if x.place else None, "status": x.status}
                    for x in ledger.timeline(where)]
            emit(rows, TIMELINE, fmt, ids=ShortIds(ledger, [str(r["id"]) for r in rows]), raw_csv=raw_csv)


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger contradictions",
    "claimledger contradictions --outlet TASS --since 2023-01-01 --csv"))
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
    """List what cannot all be true about one event: clashing figures, denials.

    Figures of claimants of different sides that do not overlap, and denials of what the
    other side claims.
    """
    fmt = output_format(as_json, as_csv, raw_csv)
    where = article_filter(outlet, None, since, until)
    with open_ledger(db) as ledger, ledger.snapshot():  # one moment, even while an ingest writes
        events = {e.id: e for e in ledger.linked_events(where)}
        rows = ({"id": c.id, "event": c.event_id, "title": events[c.event_id].title if c.event_id in events else None,
                 "kind": c.kind, "measure": c.measure or None, "subject": c.subject_side or None,
                 "sides": list(c.sides), "explanation": c.explanation, "figures": list(c.figure_ids)}
                for c in ledger.contradictions(where, events=list(events.values())))
        emit(rows, CONTRADICTIONS, fmt, ids=ShortIds(ledger, list(events)), raw_csv=raw_csv)
