"""Article metadata is data: never Rich markup, terminal escapes or spreadsheet formulas.

A ledger holding hostile metadata (markup in outlets and titles, escape
sequences in refs and titles, formula-like text) is listed, shown and
exported by the real command; the output shows the values as written, minus
control characters, and CSV cells never start a formula.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claimledger import Ledger, Settings
from claimledger.ingest import article_id, content_hash
from claimledger.output import FORMULA_STARTS, csv_value, for_terminal, json_line
from claimledger.records import Article
from claimledger.store import NewArticle

from .conftest import Run

STORY = "Officials said three shells hit a grain depot overnight near the river crossing. "
ESC_TITLE = "\x1b]0;pwned\x07Depot \x1b[2J\x1b[31mhit\x9b31m \u202eevil"
ROWS = [
    {"id": "markup", "outlet": "[/bold]", "title": "[link=https://evil.example]click[/link] [bold red]x",
     "text": STORY + "one"},
    {"id": "\x1b]8;;https://evil.example\x1b\\ref\x1b]8;;\x1b\\", "outlet": ":thumbs_up: Wire",
     "title": "Plain", "text": STORY + "two"},
    {"id": "formula", "outlet": "+cmd|' /C calc'!A0", "title": '=HYPERLINK("https://evil.example","x")',
     "text": "=1+1 " + STORY + "three", "url": "@SUM(1+1)"},
    {"id": "-2+3", "outlet": "@Tabbed", "title": "-5", "text": STORY + "four"},
]


@pytest.fixture
def hostile(cli: Run, tmp_path: Path) -> Path:
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    result = cli("ingest", "--no-extract", str(corpus))
    assert result.returncode == 0, result.stderr
    # a ledger is a file other tools may write: one title keeps its escape sequences
    text = STORY + "five"
    digest = content_hash(text)
    article = Article(id=article_id(digest), ref="esc", url=None, outlet="[/bold]", title=ESC_TITLE,
                      published=None, language="en", text=text, content_hash=digest,
                      ingested_at="2024-01-01T00:00:00+00:00")
    with Ledger(tmp_path / "ledger.db", settings=Settings(cache_dir=None)) as ledger:
        ledger.store.add_articles([NewArticle(article)])
    return tmp_path / "ledger.db"


def assert_inert(output: str) -> None:
    assert "\x1b" not in output and "\x9b" not in output and "\x07" not in output and "\u202e" not in output
    assert "Traceback" not in output and "MarkupError" not in output


def test_listings_and_show_print_metadata_as_written(cli: Run, hostile: Path) -> None:
    listed = cli("articles")
    assert listed.returncode == 0, listed.stderr
    assert_inert(listed.stdout + listed.stderr)
    assert "[/bold]" in listed.stdout and "[link=https://evil.example]click[/link]" in listed.stdout
    assert ":thumbs_up: Wire" in listed.stdout and "]0;pwnedDepot [2J[31mhit31m evil" in listed.stdout
    for key in ("esc", "markup", "formula"):
        shown = cli("show", key)
        assert shown.returncode == 0, shown.stderr
        assert_inert(shown.stdout + shown.stderr)
    assert "outlet: [/bold]" in cli("show", "esc").stdout
    stats = cli("stats")
    assert stats.returncode == 0 and "[/bold]" in stats.stdout
    assert_inert(stats.stdout)


def test_json_lines_escape_what_json_leaves_raw(cli: Run, hostile: Path) -> None:
    listed = cli("articles", "--json")
    assert listed.returncode == 0
    assert_inert(listed.stdout)
    titles = {json.loads(line)["ref"]: json.loads(line)["title"] for line in listed.stdout.splitlines()}
    assert titles["esc"] == ESC_TITLE  # the values themselves are unchanged
    assert json.loads(json_line({"t": "\x9b\u202e\u2028"}))["t"] == "\x9b\u202e\u2028"


def test_csv_listings_and_exports_never_start_a_formula(cli: Run, hostile: Path, tmp_path: Path) -> None:
    listed = list(csv.DictReader(io.StringIO(cli("articles", "--csv").stdout)))
    by_id = {row["title"]: row for row in listed}
    assert "'=HYPERLINK(\"https://evil.example\",\"x\")" in by_id
    assert by_id["'=HYPERLINK(\"https://evil.example\",\"x\")"]["outlet"] == "'+cmd|' /C calc'!A0"
    assert "'-5" in by_id and by_id["'-5"]["ref"] == "'-2+3" and by_id["'-5"]["outlet"] == "'@Tabbed"
    for row in listed:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values())
    raw = list(csv.DictReader(io.StringIO(cli("articles", "--csv", "--raw-csv").stdout)))
    assert any(row["title"] == '=HYPERLINK("https://evil.example","x")' for row in raw)

    out = tmp_path / "tables"
    assert cli("export", "--format", "csv", "--output", str(out)).returncode == 0
    cells = 0
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    cells += 1
                    assert not cell.startswith(FORMULA_STARTS), (path.name, cell)
    assert cells > 50
    with (out / "articles.csv").open(encoding="utf-8", newline="") as fh:
        articles = {row["ref"]: row for row in csv.DictReader(fh)}
    assert articles["formula"]["text"].startswith("'=1+1 ") and articles["formula"]["url"] == "'@SUM(1+1)"
    raw_out = tmp_path / "raw"
    assert cli("export", "--format", "csv", "--raw-csv", "--output", str(raw_out)).returncode == 0
    with (raw_out / "articles.csv").open(encoding="utf-8", newline="") as fh:
        assert {row["ref"]: row for row in csv.DictReader(fh)}["formula"]["text"].startswith("=1+1 ")


def test_numbers_stay_numbers_and_text_is_neutralised() -> None:
    assert csv_value(-5) == -5 and csv_value(-2.5) == -2.5 and csv_value(True) is True
    assert csv_value("-5") == "'-5" and csv_value("=A1") == "'=A1" and csv_value("\rx") == "'\rx"
    assert csv_value("＝1+1") == "'＝1+1" and csv_value("a=b") == "a=b" and csv_value(None) == ""
    assert csv_value("=A1", raw=True) == "=A1" and csv_value(["=x"]) == '["=x"]'
    assert for_terminal("a\x1b[2Jb\nc\td\x9b") == "a[2Jb c d"
    assert for_terminal("line\none", one_line=False) == "line\none"


def test_errors_quoting_markup_or_escapes_are_one_plain_line(cli: Run, tmp_path: Path) -> None:
    odd = tmp_path / "[/bold]" / "[link=file:evil]x"
    odd.mkdir(parents=True)
    result = cli("stats", "--db", str(odd))  # a directory: not a ledger
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: [CL301]") and "[/bold]/[link=file:evil]x" in result.stderr
    assert_inert(result.stderr)
    escaped = tmp_path / "\x1b[2Jledger.db"
    escaped.write_text("not a database\n" * 10)
    result = cli("stats", "--db", str(escaped))
    assert result.returncode == 2 and result.stderr.startswith("error: ")
    assert_inert(result.stderr)
    assert cli("show", "[/bold]").returncode == 2


HOSTILE_REPORT = (
    "=HYPERLINK(\"https://evil.example\") [/bold] report\n\n"
    "Ukraine's defence ministry said \"=cmd|' /C calc'!A0 Russian forces lost 200 tanks near Bakhmut "
    "[link=https://evil.example]on Monday[/link]\x1b]0;pwned\x07\".\n"
    "The [bold red]Russian defence ministry[/bold red] claimed that @SUM(1) its troops killed 300 Ukrainian "
    "soldiers in a strike on Kramatorsk on 7 January 2023.\n"
)


def test_extracted_listings_print_and_write_data_inert(cli: Run, tmp_path: Path) -> None:
    """claims, figures, events (linked and mentions) and skips: tables show markup as written without
    control characters, their --csv never starts a formula, --raw-csv writes the words as they are."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "report.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    (inputs / "[red]\x1b[2J=x[link=y].txt").write_text("", encoding="utf-8")  # an empty file: a skip naming it
    ingested = cli("ingest", str(inputs))
    assert ingested.returncode == 1, ingested.stderr  # the empty file is a skip
    assert_inert(ingested.stderr)
    assert "[red][2J=x[link=y].txt" in ingested.stderr

    claims = cli("claims")
    assert claims.returncode == 0, claims.stderr
    assert_inert(claims.stdout + claims.stderr)
    assert "[link=https://evil.example]on" in claims.stdout and "]0;pwned" in claims.stdout
    for command in (["claims"], ["figures"], ["events"], ["events", "--mentions"], ["skips"], ["contradictions"]):
        table = cli(*command)
        assert table.returncode == 0, (command, table.stderr)
        assert_inert(table.stdout + table.stderr)
        written = cli(*command, "--csv")
        assert written.returncode == 0, (command, written.stderr)
        rows = list(csv.reader(io.StringIO(written.stdout)))
        for row in rows:
            assert not any(cell.startswith(FORMULA_STARTS) for cell in row), (command, row)
    contents = [row["content"] for row in csv.DictReader(io.StringIO(cli("claims", "--csv").stdout))]
    assert any(c.startswith("'=cmd|") for c in contents), contents
    raw = [row["content"] for row in csv.DictReader(io.StringIO(cli("claims", "--csv", "--raw-csv").stdout))]
    assert any(c.startswith("=cmd|") for c in raw), raw
    figures = list(csv.DictReader(io.StringIO(cli("figures", "--csv").stdout)))
    assert {row["best"] for row in figures} >= {"200", "300"}  # numbers stay numbers, whole ones without .0
    skips = cli("skips")
    assert "[red][2J=x[link=y].txt" in skips.stdout

    shown = cli("show", "report.txt")
    assert shown.returncode == 0, shown.stderr
    assert_inert(shown.stdout)
    assert "[bold red]Russian defence ministry[/bold red]" in shown.stdout


def test_demo_shows_hostile_ledger_data_inert(cli: Run, hostile: Path) -> None:
    result = cli("demo", "--db", str(hostile))
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout + result.stderr)
    assert "[/bold]" in result.stdout


def test_evaluate_report_shows_article_words_inert(cli: Run, tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(json.dumps({"articles": [{"ref": "a1"}], "figures": [], "claims": [], "events": []}),
                    encoding="utf-8")  # JSON is YAML
    words = "\x1b]0;pwned\x07Seven [/bold] strikes [link=https://evil.example]hit[/link] \x1b[2J"
    records = [{"record": "article", "id": "x1", "ref": "a1", "outlet": "[/bold]\x1b[31mWire"},
               {"record": "figure", "article_ref": "a1", "measure": "strikes", "subject_side": "russia", "low": 7,
                "best": 7, "high": 7, "claimant": {"name": "[/bold]", "side": "ukraine", "kind": "official"},
                "evidence": {"start": 0, "end": len(words), "text": words}}]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    shown = cli("evaluate", str(gold), "--export", str(export))
    assert shown.returncode == 0, shown.stderr
    assert_inert(shown.stdout + shown.stderr)
    assert "[/bold][31mWire" in shown.stdout and "[link=https://evil.example]hit[/link]" in shown.stdout
