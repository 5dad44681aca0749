"""Options several commands share, declared once (sqlite-utils' ``output_options``).

Every option names its value in help with a word (``FILE``, ``DATE``, ``SIDE``), never a
Python type, and says its default: a flag has none to show (``metavar=""``), and an option
whose default comes from the settings says it in its help.
"""

from __future__ import annotations

from typing import Annotated

import typer

FLAG = ""  # the metavar of a flag: nothing after the option's name in help

DbOption = Annotated[str | None, typer.Option(
    "--db", metavar="FILE|URL", show_default=False,
    help="The ledger: a SQLite file, or a PostgreSQL database as postgresql://user@host:port/name. "
         "(default: $CLAIMLEDGER_DB, else ./claimledger.db)")]
JsonOption = Annotated[bool, typer.Option("--json", metavar=FLAG, help="One JSON object per line, full ids.")]
CsvOption = Annotated[bool, typer.Option(
    "--csv", metavar=FLAG, help="CSV with a header row, the same columns as --json (text starting with "
    "= + - @ gets a leading ').")]
RawCsvOption = Annotated[bool, typer.Option(
    "--raw-csv", metavar=FLAG, help="With --csv: write cells as they are, formulas included.")]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", metavar="N", min=1, show_default=False,
                                                 help="At most N rows. (default: all)")]
OutletOption = Annotated[str | None, typer.Option("--outlet", metavar="NAME", show_default=False,
                                                  help="Only articles of this outlet (case-insensitive).")]
LanguageOption = Annotated[str | None, typer.Option("--language", metavar="CODE", show_default=False,
                                                    help="Only articles in this language, e.g. en.")]
SinceOption = Annotated[str | None, typer.Option("--since", metavar="DATE", show_default=False,
                                                 help="Only articles published on or after DATE (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", metavar="DATE", show_default=False,
                                                 help="Only articles published on or before DATE (YYYY-MM-DD).")]
ProcessesOption = Annotated[int | None, typer.Option(
    "--processes", metavar="N", min=1, show_default=False,
    help="Extraction processes, for runs of 64 articles or more. (default: 2)")]
DaskOption = Annotated[str | None, typer.Option(
    "--dask", metavar="SCHEDULER", show_default=False,
    help="Run on a Dask cluster: a scheduler address (tcp://HOST:PORT), or local / local:N to start N local "
    "worker processes (default N: the CPU count). (default: this machine, --processes)")]


def examples(*lines: str) -> str:
    """A command's help epilog: its example command lines, one a line (Markdown hard breaks)."""
    return "Examples:\n\n" + "\\\n".join(lines)
