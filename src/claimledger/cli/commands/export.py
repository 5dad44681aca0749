"""Getting data out and scoring it: ``export``, ``evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ...errors import ConfigError
from ...output import for_terminal, json_line
from ..errors import handle_errors
from ..filters import open_ledger
from ..options import FLAG, DbOption, JsonOption, examples
from ..render import cell, err, out

ORDER = 50
PANEL = "Export and score"
app = typer.Typer()


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger export > ledger.jsonl",
    "claimledger export --format csv --output tables/",
    "claimledger export --format parquet -o parquet/",
    "claimledger export --format acled -o events-acled.csv"))
@handle_errors
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="jsonl, csv, parquet, or acled (one row per event, ACLED's "
                                        "columns, fatalities coded the conservative way).")] = "jsonl",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="PATH", show_default=False,
        help="A file (jsonl, acled) or a directory (csv: one file per table; parquet: one dataset per "
        "table, partitioned by publication month). (default: stdout, for jsonl and acled)")] = None,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", metavar=FLAG, help="CSV: write text cells as they are, "
                                          "even those a spreadsheet would run as formulas (= + - @).")] = False,
) -> None:
    """Export the whole ledger: JSON Lines in the exchange format, CSV/Parquet tables, or ACLED-style events."""
    with open_ledger(db) as ledger:
        written = ledger.export(output, format=format, raw_csv=raw_csv)
    for path in written:
        err.print(cell(f"wrote {path}"))


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger report --output report.html",
    "claimledger report -o /tmp/makiivka.html --db desk.db"))
@handle_errors
def report(
    db: DbOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE",
                                         help="The HTML file to write (replaced whole).")] = Path("report.html"),
) -> None:
    """Write one self-contained HTML report: events, claimants side by side, contradictions, charts.

    The file holds its styles and script inline and fetches nothing: it opens offline, and can be mailed."""
    from ...web.report import write_report

    with open_ledger(db) as ledger:
        path = write_report(ledger, output)
    err.print(cell(f"wrote {path}"))


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger evaluate gold.yaml --errors",
    "claimledger evaluate gold.yaml --export ledger.jsonl --json"))
@handle_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", show_default=False,
                                         help="A gold file (YAML, shared/spec/gold-format.md).")],
    db: DbOption = None,
    export_file: Annotated[Path | None, typer.Option("--export", metavar="FILE", show_default=False,
                                                     help="Score this JSONL export instead of the "
                                                     "ledger.")] = None,
    errors_only: Annotated[bool, typer.Option("--errors", metavar=FLAG,
                                              help="Only articles and figures with errors.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Score the ledger (or an export) against a gold file, with an error report per article."""
    from ...evaluate import evaluate as score
    from ...evaluate import load_gold, report_lines

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
