"""Analysts' corrections: ``confirm``, ``correct``, ``debunk``, ``split``, ``merge``, ``undo`` and the
audit log, ``corrections``.

Each verb wraps one ``Ledger`` method (``corrections/methods.py``), which checks the correction
against the ledger and the profile's vocabulary, stores it and relinks; the command takes ids as
tables show them (a record's article part shortened, an event's id cut to a unique prefix), says
who acts (``--as``, else ``$CLAIMLEDGER_ANALYST``) and why (``--why``), and prints one line of what
was recorded: the correction's number and, when a figure changes, the figure before -> after.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Annotated

import typer

from ...corrections.overlay import FIGURE_KINDS, STATES
from ...errors import ConfigError, CorrectionError
from ...export import correction_record
from ...ledger import Ledger
from ...output import for_terminal
from ...records import Correction, CorrectionKind, Figure
from ..errors import handle_errors
from ..filters import check_choice, check_dates, open_ledger
from ..ids import EVENT_PREFIX, ShortIds
from ..options import CsvOption, DbOption, JsonOption, RawCsvOption, examples
from ..render import Listing, columns, emit, number, output_format, say

ORDER = 45
PANEL = "Correct the ledger"
app = typer.Typer()

ANALYST_ENV = "CLAIMLEDGER_ANALYST"
RECORD = re.compile(r"[cfe]\d+-\d+(?:\.\d+)?")  # the part of a claim, figure or mention id after the article's
VERBS = {"confirm": CorrectionKind.CONFIRM_FIGURE, "correct": CorrectionKind.CORRECT_FIGURE,  # --kind takes the
         "debunk": CorrectionKind.DEBUNK_CLAIM, "split": CorrectionKind.SPLIT_MENTION,  # commands' names too
         "merge": CorrectionKind.MERGE_EVENTS, "undo": CorrectionKind.UNDO}

CORRECTIONS = Listing("correction", columns(
    "id:number", "at:date", "by:text", "kind", "state", "target:any_id", "set:text", "source:text",
    "event:event_id", "into:event_id", "undoes:number", "undone_by:number", "why:text"))

AsOption = Annotated[str | None, typer.Option(
    "--as", metavar="NAME", envvar=ANALYST_ENV, show_envvar=False, show_default=False,
    help=f"Who makes the correction, kept in the audit log. (default: ${ANALYST_ENV})")]
WhyOption = Annotated[str | None, typer.Option(
    "--why", metavar="TEXT", show_default=False, help="Why, kept in the audit log. (required)")]
EventArgument = Annotated[str, typer.Argument(
    metavar="EVENT", show_default=False,
    help="A linked event's id, or its first characters as `claimledger events` shows them.")]


def signed(analyst: str | None, why: str | None) -> tuple[str, str]:
    """Who acts and why: a correction without either is refused before anything is read."""
    if analyst is None or not analyst.strip():
        raise CorrectionError(f"a correction needs the analyst's name: give --as NAME (or set {ANALYST_ENV})",
                              code="CL503")
    if why is None or not why.strip():
        raise CorrectionError("a correction needs a reason: give --why TEXT", code="CL503")
    return analyst, why


def record_id(ledger: Ledger, key: str) -> str:
    """A claim, figure or mention id as tables show it (its article part shortened, or an article's
    ref) made whole; anything else as given, for the ledger to refuse."""
    key = key.strip()
    article_key, colon, rest = key.partition(":")
    if colon and RECORD.fullmatch(rest):
        article = ledger.article(article_key)
        if article is not None:
            return f"{article.id}:{rest}"
    return key


def figure_now(ledger: Ledger, figure_id: str) -> Figure | None:
    """The figure as the ledger reads it now (with the corrections in force)."""
    extraction = ledger.extraction(figure_id.partition(":")[0])
    return next((f for f in extraction.figures if f.id == figure_id), None) if extraction is not None else None


def describe(figure: Figure | None) -> str:
    """``killed of russia: 89 (exact) by Ukraine (ukraine)``."""
    if figure is None:
        return "(gone)"
    bounds = [(name, number(v)) for name, v in (("low", figure.low), ("best", figure.best), ("high", figure.high))
              if v is not None]
    same = {v for _, v in bounds}
    values = str(bounds[0][1]) if len(same) == 1 else ", ".join(f"{n} {v}" for n, v in bounds) or "no value"
    who = figure.claimant.name or figure.claimant.mention or "unknown"
    return (f"{figure.measure} of {figure.subject_side}: {values} ({figure.qualifier}) "
            f"by {who} ({figure.claimant.side})")


def recorded(ledger: Ledger, correction: Correction, what: str) -> None:
    """The one line a command prints: the correction's number, kind, target and who; then ``what``."""
    target = ShortIds(ledger).any_id(correction.target)
    say(for_terminal(f"recorded #{correction.id} {correction.kind.value} {target} by {correction.by}: {what}"),
        to_stderr=False)


def figure_change(ledger: Ledger, figure_id: str, change: Callable[[], Correction]) -> None:
    """Make a correction that changes figure ``figure_id`` and say it: before -> after."""
    before = figure_now(ledger, figure_id)
    correction = change()
    after = figure_now(ledger, figure_id)
    recorded(ledger, correction, f"{describe(before)} -> {describe(after)}")


def event_of_mention(ledger: Ledger, mention_id: str) -> str | None:
    """The linked event holding ``mention_id`` now (after the correction's relinking)."""
    return next((e.id for e in ledger.linked_events() if mention_id in e.mention_ids), None)


def now_in(ids: ShortIds, now: str | None, named: str | None) -> str:
    """``, now ev:…`` when relinking left the mention in an event other than the one named (or none)."""
    if now is None:
        return ", now in no linked event"
    return "" if now == named else f" ({ids.event(now)})" if named is None else f", now {ids.event(now)}"


# ---------------------------------------------------------------- figures and claims
@app.command(rich_help_panel=PANEL, epilog=examples(
    'claimledger confirm 9a75b1:f581-583 --as Ana --why "as broadcast"',
    'CLAIMLEDGER_ANALYST=Ana claimledger confirm 9a75b1:f581-583 --why "seen"'))
@handle_errors
def confirm(
    figure: Annotated[str, typer.Argument(metavar="FIGURE", show_default=False,
                                          help="A figure's id as `claimledger figures` shows it.")],
    analyst: AsOption = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Confirm a figure: its values, as the ledger gives them now, are pinned.

    Whatever a later extractor makes of its words, the figure keeps these values until the
    confirmation is undone.
    """
    by, because = signed(analyst, why)
    with open_ledger(db) as ledger:
        figure_id = record_id(ledger, figure)
        correction = ledger.confirm_figure(figure_id, by=by, why=because)
        recorded(ledger, correction, f"pinned as {describe(figure_now(ledger, figure_id))}")


@app.command(rich_help_panel=PANEL, epilog=examples(
    'claimledger correct c14926:f3094-3097 --value 89 --as Ana --why "Kyiv: 89"',
    'claimledger correct c14926:f3094-3097 --low 300 --high 400 --as Ana --why "?"',
    'claimledger correct 9a75b1:f29-42 --measure wounded --as Bo --why "misread"',
    'claimledger correct 9a75b1:f29-42 --claimant Wagner --claimant-side russia ...'))
@handle_errors
def correct(
    figure: Annotated[str, typer.Argument(metavar="FIGURE", show_default=False,
                                          help="A figure's id as `claimledger figures` shows it.")],
    value: Annotated[float | None, typer.Option("--value", metavar="N", show_default=False,
                                                help="An exact count (low = best = high).")] = None,
    low: Annotated[float | None, typer.Option("--low", metavar="N", show_default=False,
                                              help="The estimate's lower bound.")] = None,
    best: Annotated[float | None, typer.Option("--best", metavar="N", show_default=False,
                                               help="The estimate's best value.")] = None,
    high: Annotated[float | None, typer.Option("--high", metavar="N", show_default=False,
                                               help="The estimate's upper bound.")] = None,
    qualifier: Annotated[str | None, typer.Option(
        "--qualifier", metavar="Q", show_default=False,
        help="exact, at_least, more_than, about, nearly, up_to, range, ... (default: from the values given: "
        "exact, at_least for a floor, up_to for a ceiling, else range)")] = None,
    measure: Annotated[str | None, typer.Option("--measure", metavar="MEASURE", show_default=False,
                                                help="What is counted: killed, wounded, tanks, ... (the "
                                                "profile's measures).")] = None,
    subject: Annotated[str | None, typer.Option("--subject", metavar="SIDE", show_default=False,
                                                help="Whose losses: russia, ukraine, civilians, ...")] = None,
    claimant: Annotated[str | None, typer.Option(
        "--claimant", metavar="NAME", show_default=False,
        help="Who claims it: a profile actor's name or alias, or any name with --claimant-side.")] = None,
    claimant_side: Annotated[str | None, typer.Option("--claimant-side", metavar="SIDE", show_default=False,
                                                      help="The claimant's side.")] = None,
    claimant_kind: Annotated[str | None, typer.Option(
        "--claimant-kind", metavar="KIND", show_default=False,
        help="official, unofficial, media, expert or outlet.")] = None,
    analyst: AsOption = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Correct a figure: its value or low/best/high, measure, subject side or claimant.

    What is not given stays as extracted. The corrected figure is what listings, events,
    contradictions and the export read; the extractor's values stay in the ledger.
    """
    by, because = signed(analyst, why)
    with open_ledger(db) as ledger:
        figure_id = record_id(ledger, figure)
        figure_change(ledger, figure_id, lambda: ledger.correct_figure(
            figure_id, by=by, why=because, value=value, low=low, best=best, high=high, qualifier=qualifier,
            measure=measure, subject=subject, claimant=claimant, claimant_side=claimant_side,
            claimant_kind=claimant_kind))


@app.command(rich_help_panel=PANEL, epilog=examples(
    'claimledger debunk 9a75b1:c14-85 --source https://example.org/a --why "images"',
    'claimledger debunk 9a75b1:c14-85 --source "withdrawn on 9 January" --why "..."'))
@handle_errors
def debunk(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", show_default=False,
                                         help="A claim's id as `claimledger claims` shows it.")],
    source: Annotated[str | None, typer.Option(
        "--source", metavar="URL_OR_TEXT", show_default=False,
        help="What shows the claim false: a URL, or a text. (required)")] = None,
    analyst: AsOption = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Mark a claim debunked, citing a source: its event gets a `debunk` contradiction."""
    by, because = signed(analyst, why)
    if source is None:
        raise CorrectionError("a debunk needs its source: give --source URL_OR_TEXT", code="CL503")
    with open_ledger(db) as ledger:
        correction = ledger.debunk_claim(record_id(ledger, claim), source, by=by, why=because)
        recorded(ledger, correction, f"debunked by {correction.source}")


# ---------------------------------------------------------------- events
@app.command(rich_help_panel=PANEL, epilog=examples(
    'claimledger split 9a75b1:e450-458 --as Bo --why "another night"',
    'claimledger split 9a75b1:e450-458 --into ev:bbf757 --as Bo --why "that strike"'))
@handle_errors
def split(
    mention: Annotated[str, typer.Argument(
        metavar="MENTION", show_default=False,
        help="An event mention's id as `claimledger events --mentions` shows it.")],
    into: Annotated[str | None, typer.Option(
        "--into", metavar="EVENT", show_default=False,
        help="The linked event it belongs to. (default: an event of its own)")] = None,
    analyst: AsOption = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Move an event mention out of its linked event: to one of its own, or into another.

    Relinking keeps it there, whatever the linker would do.
    """
    by, because = signed(analyst, why)
    with open_ledger(db) as ledger:
        mention_id = record_id(ledger, mention)
        correction = ledger.split_mention(mention_id, by=by, why=because, into=into)
        ids, now = ShortIds(ledger), event_of_mention(ledger, mention_id)
        where = f"into {ids.event(correction.into)}" if correction.into else "into an event of its own"
        recorded(ledger, correction,
                 f"out of {ids.event(correction.event_id or '')} {where}{now_in(ids, now, correction.into)}")


@app.command(rich_help_panel=PANEL, epilog=examples(
    'claimledger merge ev:a4c8ce ev:bbf757 --as Bo --why "one strike, two names"'))
@handle_errors
def merge(
    event: EventArgument,
    other: Annotated[str, typer.Argument(metavar="OTHER", show_default=False,
                                         help="The linked event that joins EVENT (its id or first characters).")],
    analyst: AsOption = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Merge linked event OTHER into EVENT: one event from now on, relinking included."""
    by, because = signed(analyst, why)
    with open_ledger(db) as ledger:
        correction = ledger.merge_events(event, other, by=by, why=because)
        ids, now = ShortIds(ledger), event_of_mention(ledger, correction.mentions[0])
        count = len(correction.mentions)
        recorded(ledger, correction, f"its {count} mention{'s' if count != 1 else ''} joined "
                                     f"{ids.event(correction.into or '')}{now_in(ids, now, correction.into)}")


# ---------------------------------------------------------------- undo and the audit log
@app.command(rich_help_panel=PANEL, epilog=examples(
    'claimledger undo 3 --as Ana --why "the 89 was Moscow\'s count"',
    'claimledger undo "#3" --as Ana --why "wrong event"'))
@handle_errors
def undo(
    correction: Annotated[str, typer.Argument(metavar="CORRECTION", show_default=False,
                                              help="The correction's number (3 or #3), as "
                                              "`claimledger corrections` shows it.")],
    analyst: AsOption = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Undo a correction; the undo is an entry of the audit log itself.

    What the correction changed reads as before it: a figure as extracted (or as an earlier
    correction in force has it), links as the linker makes them.
    """
    by, because = signed(analyst, why)
    with open_ledger(db) as ledger:
        wanted = correction.strip().lstrip("#")
        undone = next((c for c in ledger.corrections() if str(c.id) == wanted), None)
        if undone is None and wanted.isdigit():
            raise CorrectionError(f"no correction #{wanted} in the ledger: list them with `claimledger corrections`",
                                  code="CL501")
        if undone is not None and undone.kind in FIGURE_KINDS and undone.undone_by is None:
            figure_change(ledger, undone.target, lambda: ledger.undo(correction, by=by, why=because))
            return
        entry = ledger.undo(correction, by=by, why=because)
        kind = undone.kind.value if undone is not None else "correction"
        recorded(ledger, entry, f"undid {kind} of {ShortIds(ledger).any_id(undone.target if undone else '')}")


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger corrections",
    "claimledger corrections --by Ana --state active --since 2024-05-01",
    "claimledger corrections --target c14926:f3094-3097 --json",
    "claimledger corrections --state orphaned --csv"))
@handle_errors
def corrections(
    db: DbOption = None,
    target: Annotated[str | None, typer.Option(
        "--target", metavar="ID", show_default=False,
        help="Only corrections of this figure, claim, event mention or linked event (as tables show ids).")] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", metavar="KIND", show_default=False,
        help="confirm, correct, debunk, split, merge or undo (or the stored names: correct_figure, ...).")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", show_default=False,
                                           help="Only this analyst's (any case).")] = None,
    state: Annotated[str | None, typer.Option(
        "--state", metavar="STATE", show_default=False,
        help="active, undone, or orphaned (its target no longer extracted: kept, not applied).")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", show_default=False,
                                              help="Only corrections made on or after DATE (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", show_default=False,
                                              help="Only corrections made on or before DATE (YYYY-MM-DD).")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    raw_csv: RawCsvOption = False,
) -> None:
    """List the audit log, oldest first: every correction and undo, who made it, when, why, its state."""
    fmt = output_format(as_json, as_csv, raw_csv)
    check_dates(("--since", since), ("--until", until))
    check_choice("--kind", kind, {*VERBS, *(k.value for k in CorrectionKind)}, "correction kind")
    check_choice("--state", state, STATES, "correction state")
    if kind is not None and kind in VERBS:
        kind = VERBS[kind].value
    with open_ledger(db) as ledger, ledger.snapshot():
        wanted = None if target is None else target_id(ledger, target, ledger.corrections())
        found = ledger.corrections(target=wanted, kind=kind, by=by, state=state, since=since, until=until)
        rows = [audit_row(c) for c in found]
        ids = ShortIds(ledger, [str(e) for r in rows for e in (r["event"], r["into"]) if e])
        emit(rows, CORRECTIONS, fmt, ids=ids, raw_csv=raw_csv)


def audit_row(c: Correction) -> dict[str, object]:
    """One entry as the listing shows it: the export's and the API's record of it (``correction_record``)."""
    record = correction_record(c)
    return {**record, "event": record.get("event_id")}


def target_id(ledger: Ledger, key: str, entries: Sequence[Correction]) -> str:
    """The id ``--target`` names: as tables show it (a record's article part shortened, a prefix of an
    event's id); refused when neither the audit log nor the ledger knows it."""
    key = record_id(ledger, key)
    named = {i for c in entries for i in (c.target, c.event_id, c.into, *c.mentions) if i}
    if key in named:
        return key
    starting = sorted(i for i in named if key.startswith(EVENT_PREFIX) and i.startswith(key))
    if len(starting) == 1:
        return starting[0]
    if len(starting) > 1:
        raise ConfigError(f"--target {key!r} names several events of the audit log: give more of the id")
    known = ledger.store.existing_records([key]) or (
        key.startswith(EVENT_PREFIX) and any(i.startswith(key) for i in ledger.store.ids("linked_events")))
    if not known:
        raise ConfigError(f"--target {key!r}: no figure, claim, event mention or linked event of the ledger or "
                          "its audit log has this id (list them with `claimledger figures`, `claims`, `events`)")
    return key
