"""Listings: one row shape, three renderers (datasette's ``renderer.py``).

A listing declares its columns once (``Listing``); its rows are dicts of full values.
Whatever the format, the same columns come out:

- ``--json``: one object per line, full ids, numbers as numbers (89, not 89.0);
- ``--csv``: a header and the same cells, lists as JSON text, text that would start a
  spreadsheet formula neutralised (``output.py``);
- a table (the default): ids shortened to prefixes the commands take back (``ids.py``),
  integers without ``.0``, times to the minute, lists joined with commas, yes/no for flags; ids, sides,
  dates and numbers never wrap, text wraps between words. When the columns cannot fit
  the terminal that way, each row is printed as a block of ``column value`` lines
  instead (psql's expanded display), so no id or word is ever cut in two.

Everything is shown through ``output.for_terminal``: data never becomes markup or
terminal control sequences.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich import box
from rich.table import Table
from rich.text import Text

from ..errors import ConfigError
from ..output import csv_value, for_terminal, json_line, make_console
from .ids import ShortIds

out = make_console()  # markup, emoji codes and highlighting off: data is shown as written (output.py)
err = make_console(stderr=True)

Kind = Literal["text", "token", "number", "date", "article_id", "event_id", "record_id", "record_ids", "any_id"]
Format = Literal["table", "json", "csv"]
TEXT_MIN_WIDTH = 10  # a text column narrower than this reads as one word per line
GAP = 2  # columns are set apart by two spaces: one of padding, one of (blank) divider


@dataclass(frozen=True, slots=True)
class Column:
    """A listing's column: its key in every format, and how a table shows it."""

    name: str
    kind: Kind = "token"


@dataclass(frozen=True, slots=True)
class Listing:
    """The columns of one listing, and what one row is called in counts ("figure")."""

    noun: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def count(self, n: int) -> str:
        return f"{n} {self.noun}{'' if n == 1 or self.noun.endswith('s') else 's'}"


def columns(*spec: str) -> tuple[Column, ...]:
    """Columns from ``name`` or ``name:kind`` strings."""
    found: list[Column] = []
    for item in spec:
        name, _, kind = item.partition(":")
        found.append(Column(name, kind or "token"))  # type: ignore[arg-type]
    return tuple(found)


def say(text: str | Text, *, to_stderr: bool = True) -> None:
    """A line of prose: wrapped between words on a terminal, one line when piped (a log greps it whole)."""
    console = err if to_stderr else out
    console.print(text, soft_wrap=not console.is_terminal, highlight=False)


def output_format(as_json: bool, as_csv: bool, raw_csv: bool = False) -> Format:
    if as_json and as_csv:
        raise ConfigError("--json and --csv: choose one")
    if raw_csv and not as_csv:
        raise ConfigError("--raw-csv goes with --csv")
    return "json" if as_json else "csv" if as_csv else "table"


def number(value: Any) -> Any:
    """A float that holds a whole number as an int (89.0 -> 89); anything else as it is."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def emit(rows: Iterable[dict[str, Any]], listing: Listing, fmt: Format, *, ids: ShortIds | None = None,
         raw_csv: bool = False, title: str | None = None, count: bool = True) -> int:
    """Write ``rows`` in ``fmt`` with the listing's columns; returns how many there were.
    A table is followed on stderr by the count ("3 figures")."""
    names = listing.names
    n = 0
    if fmt == "json":
        for row in rows:
            sys.stdout.write(json_line({k: number(row.get(k)) for k in names}) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        for row in rows:
            writer.writerow([csv_value(number(row.get(k)), raw=raw_csv) for k in names])
            n += 1
        return n
    shown = [_cells(row, listing.columns, ids) for row in rows]
    print_table(shown, listing.columns, title=title)
    if count:
        err.print(listing.count(len(shown)))
    return len(shown)


def print_table(rows: Sequence[Sequence[str]], cols: Sequence[Column], *, title: str | None = None) -> None:
    """Cells as a table, or as blocks of lines when the table cannot fit without cutting a word."""
    widths = [_least_width(c, [r[i] for r in rows]) for i, c in enumerate(cols)]
    if rows and sum(widths) + GAP * (len(cols) - 1) > out.width:
        _print_records(rows, cols, title)
        return
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold", title_justify="left", title_style="bold")
    for column, width in zip(cols, widths, strict=True):
        if column.kind == "text" or column.kind == "record_ids":  # never narrower than its longest word
            table.add_column(column.name, overflow="fold", min_width=width)
        else:
            table.add_column(column.name, no_wrap=True, justify="right" if column.kind == "number" else "left")
    for row in rows:
        table.add_row(*row)
    out.print(table)


def _least_width(column: Column, cells: Sequence[str]) -> int:
    """The narrowest the column can be without cutting a word (text) or a value (the rest)."""
    if column.kind in ("text", "record_ids"):
        longest = max((len(w) for cell in cells for w in cell.split()), default=0)
        return max(longest, len(column.name), min(TEXT_MIN_WIDTH, max((len(c) for c in cells), default=0)))
    return max([len(column.name), *(len(c) for c in cells)])


def _print_records(rows: Sequence[Sequence[str]], cols: Sequence[Column], title: str | None) -> None:
    if title:
        out.print(Text(title, style="bold"))
    key_width = max(len(c.name) for c in cols)
    for n, row in enumerate(rows):
        if n:
            out.print()
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, width=key_width, style="bold")
        grid.add_column(overflow="fold")
        for column, cell in zip(cols, row, strict=True):
            if cell:
                grid.add_row(column.name, cell)
        out.print(grid)


def _cells(row: dict[str, Any], cols: Sequence[Column], ids: ShortIds | None) -> list[str]:
    return [cell(row.get(c.name), _shortener(c.kind, ids)) for c in cols]


def _shortener(kind: Kind, ids: ShortIds | None) -> Callable[[str], str] | None:
    if kind == "date":
        return to_minute
    if ids is None:
        return None
    return {"article_id": ids.article, "event_id": ids.event, "record_id": ids.record,
            "record_ids": ids.record, "any_id": ids.any_id}.get(kind)


def cell(value: Any, shorten: Callable[[str], str] | None = None) -> str:
    """A value as one line of text for a table or a field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v, shorten) for v in value)
    if isinstance(value, dict):
        return for_terminal(json.dumps(value, ensure_ascii=False, default=str))
    if shorten is not None and isinstance(value, str):
        return for_terminal(shorten(value))
    return for_terminal(number(value))


def to_minute(value: str) -> str:
    """An ISO date or time as a table shows it: the day, and the time to the minute when there is one
    (``2023-01-06T12:00:00+03:00`` -> ``2023-01-06 12:00``)."""
    return value[:10] + (" " + value[11:16] if len(value) > 10 and value[10] in "T " else "")


def limited(items: Iterable[Any], limit: int | None) -> Iterator[Any]:
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            return
        yield item
