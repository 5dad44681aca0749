"""Official tallies: ``tally import``, ``tally show`` (a command group of its own)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...errors import ConfigError
from ...output import for_terminal
from ..errors import handle_errors
from ..filters import check_choice, is_date, open_ledger
from ..options import FLAG, CsvOption, DbOption, JsonOption, examples
from ..render import Listing, columns, emit, err, output_format
from ..runs import print_skip

ORDER = 60
PANEL = "Official tallies"
app = typer.Typer(name="tally", help="Official tallies: a party's daily count of the other side's losses.",
                  no_args_is_help=True, epilog=examples("claimledger tally show", "claimledger tally import DATASET",
                                                         "claimledger tally COMMAND -h"))


@app.command("import", epilog=examples(
    "claimledger tally import petroivaniuk/data",
    "claimledger tally import losses.csv --name ua-general-staff/mine"))
@handle_errors
def tally_import(
    path: Annotated[Path, typer.Argument(metavar="DATASET", show_default=False,
                                         help="A dataset the profile knows (a directory or JSON file named in "
                                         "tallies.yaml), or a CSV: date, then the tally's columns.")],
    name: Annotated[str | None, typer.Option(
        "--name", metavar="TALLY/SOURCE", show_default=False,
        help="Store it under this series name. (default: from the file names; a CSV: TALLY/FILENAME)")] = None,
    db: DbOption = None,
) -> None:
    """Import a tally series (or update one), and list where it disagrees with the tally's other transcriptions."""
    with open_ledger(db, create=True) as ledger:
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


@app.command("show", epilog=examples(
    "claimledger tally show",
    "claimledger tally show ua-general-staff/petroivaniuk --csv",
    "claimledger tally show --date 2023-01-02",
    "claimledger tally show --disagreements"))
@handle_errors
def tally_show(
    series: Annotated[str | None, typer.Argument(metavar="SERIES", show_default=False,
                                                 help="A series (TALLY/SOURCE): its days, in the import CSV "
                                                 "format with --csv.")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE", show_default=False,
                                             help="One day: every series' totals side by side.")] = None,
    disagreements: Annotated[bool, typer.Option("--disagreements", metavar=FLAG, help="Days and columns on "
                                                "which the transcriptions differ.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Show the tallies and their series, a series' days, one day, or where transcriptions disagree."""
    from ...tallies import disagreements as differing

    fmt = output_format(as_json, as_csv)
    if date is not None and not is_date(date):
        raise ConfigError(f"--date takes a date like 2022-12-31, not {date!r}")
    with open_ledger(db) as ledger:
        tallies = ledger.tallies()
    every = [(t, s) for t in tallies for s in t.series]
    if series is not None:
        check_choice("SERIES", series, [s.name for _, s in every], "tally series")
        tally, one = next((t, s) for t, s in every if s.name == series)
        rows = ({"date": d.day, **{c: d.values.get(c) for c in tally.measures}} for d in one.days
                if date is None or d.day == date)
        emit(rows, Listing("day", columns("date", *(f"{c}:number" for c in tally.measures))), fmt, raw_csv=True)
    elif disagreements:
        rows = ({"tally": d.tally, "date": d.day, "column": d.column,
                 "values": ", ".join(f"{source} {value}" for source, value in d.values)}
                for t in tallies for d in differing(t, [date] if date else None))
        emit(rows, Listing("disagreement", columns("tally", "date", "column", "values:text")), fmt)
    elif date is not None:
        names = [s.name for _, s in every]
        days = {s.name: next((d.values for d in s.days if d.day == date), {}) for _, s in every}
        rows = ({"tally": t.key, "column": c, **{n: days[n].get(c) for n in names if n.startswith(t.key + "/")},
                 "agree": len({days[n][c] for n in names if n.startswith(t.key + "/") and c in days[n]}) <= 1}
                for t in tallies for c in t.measures)
        emit(rows, Listing("column", columns("tally", "column", *(f"{n}:number" for n in names), "agree")), fmt,
             title=date)
    else:
        rows = ({"series": s.name, "tally": t.key, "role": s.role, "claimant": t.claimant,
                 "subject_side": t.subject_side, "days": len(s.days), "first": s.days[0].day if s.days else None,
                 "last": s.days[-1].day if s.days else None, "origin": s.origin}
                for t, s in every)
        emit(rows, Listing("series", columns("series", "tally", "role", "claimant", "subject_side", "days:number",
                                             "first", "last", "origin:text")), fmt)
