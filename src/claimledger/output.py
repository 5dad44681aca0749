"""Rendering values from the ledger for people and programs: terminals, CSV, JSON lines.

Whatever comes from articles (titles, outlets, refs, URLs, file names,
extracted words, error messages that quote them) is data: it must not turn
into instructions to a terminal or a spreadsheet.

- Terminals: the consoles print with Rich markup, emoji codes and
  highlighting off (an outlet of ``[/bold]`` or ``[link=…]`` is shown as
  written; styles come only from ``rich.text.Text`` built in code), and
  ``for_terminal`` removes C0 and C1 control characters (ESC, CSI, BEL…),
  DEL and bidirectional overrides, so a title cannot retitle the window or
  rewrite the screen; in one-line fields line breaks become spaces.
- CSV (``csv_value``): a text cell starting with ``=``, ``+``, ``-``, ``@``, a
  tab, CR or LF (or the full-width ``＝＋－＠``) gets a leading ``'``, so a
  spreadsheet shows it as text instead of running it as a formula (OWASP's
  rule). Numbers are written as numbers: ``-5`` in a numeric column stays
  ``-5``. ``raw=True`` writes every cell as it is.
- JSON lines (``json_line``): JSON escapes C0 controls already; C1 controls
  and bidirectional overrides, which it allows raw, are written as ``\\u``
  escapes too. The values are unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console

__all__ = ["FORMULA_STARTS", "csv_value", "for_terminal", "json_line", "make_console"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# C0 controls but tab and line feed, DEL, C1 controls, bidirectional embeddings, overrides and isolates
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def make_console(*, stderr: bool = False) -> Console:
    """A console that never reads data as markup, emoji codes or things to highlight."""
    return Console(stderr=stderr, soft_wrap=True, markup=False, emoji=False, highlight=False)


def for_terminal(value: object, *, one_line: bool = True) -> str:
    """``value`` as text safe to show (see the module docstring); None is ""."""
    if value is None:
        return ""
    text = _UNSHOWABLE.sub("", value if isinstance(value, str) else str(value))
    if one_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def csv_value(value: Any, *, raw: bool = False) -> Any:
    """A CSV cell: None is empty, lists and dicts are JSON text, numbers stay numbers,
    text starting a formula gets a leading ``'`` unless ``raw``."""
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str) else str(value)
    if not raw and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def json_line(value: Any, *, sort_keys: bool = False) -> str:
    """One JSON object on one line, with the characters JSON leaves raw escaped."""
    text = json.dumps(value, ensure_ascii=False, default=str, sort_keys=sort_keys)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
