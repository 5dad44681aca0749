"""The command line as a new user meets it (issue 9, part 1): real subprocesses, real SQLite files.

One ledger of our own short reports (written for this test) is built once with the real
command; each test then reads it the way a user would, at 80 columns where it matters.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimledger import __version__
from claimledger.cli import build
from claimledger.cli.ids import unique_length

Run = Callable[..., subprocess.CompletedProcess[str]]

REPORTS = [
    {"id": "wire-kharkiv", "outlet": "Test Wire", "published": "2024-03-04T09:30:00+02:00",
     "title": "Missile hits apartment block in Kharkiv, governor says",
     "text": "Missile hits apartment block in Kharkiv, governor says\n\n"
             "Regional governor Oleh Synehubov said on Monday that 12 civilians were killed when a Russian "
             "missile struck an apartment block in Kharkiv on 3 March 2024. He said 30 people were wounded."},
    {"id": "herald-kharkiv", "outlet": "Test Herald", "published": "2024-03-04",
     "title": "Moscow says it destroyed a command post in Kharkiv",
     "text": "Moscow says it destroyed a command post in Kharkiv\n\n"
             "Russia's defence ministry said its forces hit a Ukrainian command post in Kharkiv on 3 March 2024 "
             "and killed 40 Ukrainian soldiers. Ukraine's military denied that any soldiers were killed."},
    {"id": "ru-kharkiv", "outlet": "Test Vesti", "published": "2024-03-04", "language": "ru",
     "title": "Удар по Харькову",
     "text": "Министерство обороны России заявило, что ночью были сбиты два беспилотника над "
             "Белгородской областью. " * 3},
]


def runner(db: Path, cwd: Path) -> Run:
    def run(*args: str, columns: int = 200, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "CLAIMLEDGER_DB": str(db), "COLUMNS": str(columns), **(env or {})}
        return subprocess.run([sys.executable, "-m", "claimledger", *args], capture_output=True, text=True,
                              env=full_env, timeout=300, cwd=cwd)

    return run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, subprocess.CompletedProcess[str]]:
    """The ledger of REPORTS, and what `claimledger ingest` said building it."""
    tmp = tmp_path_factory.mktemp("polish")
    corpus = tmp / "reports.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS), encoding="utf-8")
    run = runner(tmp / "ledger.db", tmp)
    return run, run("ingest", str(corpus))


@pytest.fixture
def ledger(built: tuple[Run, subprocess.CompletedProcess[str]]) -> Run:
    return built[0]


def json_rows(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- ingest: stages and summary
def test_ingest_says_its_stages_and_counts_per_kind(built: tuple[Run, subprocess.CompletedProcess[str]]) -> None:
    _, result = built
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    loading = next(i for i, line in enumerate(lines) if line.startswith("loading the English model"))
    summary = next(i for i, line in enumerate(lines) if line.startswith("extracted "))
    assert loading < summary and "extracting 3 articles ..." in lines
    assert "ingested 3, duplicates 0, copies 0, skipped 0" in lines
    extracted = lines[summary]
    assert re.fullmatch(r"extracted 2 articles: \d+ claims?, \d+ figures?, \d+ event mentions?; failed 0; "
                        r"not extracted: 1 \(language ru\)", extracted), extracted
    assert "1 article stored but not extracted: the extractor reads English only (here: ru)" in result.stderr
    holds = next(line for line in lines if line.startswith("the ledger "))
    assert re.search(r"holds 3 articles, \d+ claims, \d+ figures and \d+ event mentions$", holds), holds


def test_an_empty_directory_is_a_skip_with_the_formats_read(tmp_path: Path) -> None:
    run = runner(tmp_path / "ledger.db", tmp_path)
    inbox = tmp_path / "inbox"
    (inbox / ".hidden").mkdir(parents=True)
    (inbox / "README.md").write_text("About this folder.\n", encoding="utf-8")
    result = run("ingest", str(inbox))
    assert result.returncode == 1, result.stderr
    assert "ingested 0, duplicates 0, copies 0, skipped 1" in result.stderr
    assert "empty: no files to read in this directory (read: " in result.stderr and ".jsonl" in result.stderr
    assert "nothing was ingested" in result.stderr and "loading the English model" not in result.stderr
    assert [(s["source"], s["reason"]) for s in json_rows(run("skips", "--json").stdout)] == [(str(inbox), "empty")]


# ---------------------------------------------------------------- readers never create a ledger
@pytest.mark.parametrize("command", [
    ["articles"], ["claims"], ["figures"], ["events"], ["event", "ev:0"], ["timeline"], ["contradictions"],
    ["show", "x"], ["stats"], ["skips"], ["export"], ["extract"], ["link"], ["tally", "show"],
])
def test_readers_refuse_a_ledger_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    mistyped = tmp_path / "ledgr.db"
    result = runner(mistyped, tmp_path)(*command)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: [CL306] No ledger at {mistyped}: the file does not exist")
    assert f"claimledger ingest ARTICLES... --db {mistyped}" in result.stderr
    assert result.stdout == "" and not mistyped.exists() and list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- filter values
@pytest.mark.parametrize(("command", "guess"), [
    (["claims", "--side", "rusia"], "did you mean 'russia'?"),
    (["figures", "--side", "Ukraine"], "did you mean 'ukraine'?"),
    (["figures", "--measure", "kiled"], "did you mean 'killed'?"),
    (["figures", "--subject", "civilans"], "did you mean 'civilians'?"),
    (["events", "--type", "strikes"], "did you mean 'strike'?"),
    (["events", "--mentions", "--type", "ceasfire_declared"], "did you mean 'ceasefire_declared'?"),
    (["events", "--status", "contestd"], "did you mean 'contested'?"),
])
def test_filter_values_outside_the_vocabulary_are_refused_with_a_guess(ledger: Run, command: list[str],
                                                                      guess: str) -> None:
    result = ledger(*command)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: [CL101] Unknown ") and guess in result.stderr, result.stderr
    assert "(known: " in result.stderr and "Traceback" not in result.stderr


def test_filter_values_the_profile_names_are_taken_even_when_nothing_matches(ledger: Run) -> None:
    for command in (["figures", "--measure", "tanks"], ["figures", "--subject", "civilians", "--side", "nato"],
                    ["events", "--type", "ceasefire_declared"], ["claims", "--side", "other_state"]):
        result = ledger(*command, "--json")
        assert result.returncode == 0, (command, result.stderr)


# ---------------------------------------------------------------- version and help
def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "claimledger", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stdout == f"claimledger {__version__}\n"


def test_the_console_script_is_the_package_entry_point() -> None:
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    target = re.search(r'^claimledger = "([\w.]+):(\w+)"$', text, re.M)
    assert target is not None
    assert getattr(importlib.import_module(target.group(1)), target.group(2)) is importlib.import_module(
        "claimledger.cli").main


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as done:
        build().main([*args, "-h"], prog_name="claimledger")
    assert done.value.code == 0
    return capsys.readouterr().out


def _commands() -> list[list[str]]:
    group = build()
    found = []
    for name, command in group.commands.items():
        found.append([name])
        found += [[name, sub] for sub in getattr(command, "commands", {})]
    return found


def test_help_names_values_with_words_shows_defaults_and_examples(capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for command in [[], *_commands()]:
        text = _help(capsys, *command)
        assert not re.search(r"<(bool|str|int|float|path|list\[[^\]]*\])>", text), (command, text)
        assert "Examples:" in text and re.search(r"^ claimledger ", text, re.M), command
        assert max(len(line) for line in text.splitlines()) <= 80

    def prose(*command: str) -> str:  # the help's words, without the box and line breaks
        return " ".join(re.sub(r"[│╭╮╰╯─]", " ", _help(capsys, *command)).split()).replace("[", "(").replace("]", ")")

    assert "(default: jsonl)" in prose("export")
    assert "(default: 10485760, 10 MB)" in prose("ingest") and "(default: 200)" in prose("ingest")
    assert "(default: claimledger-demo.db)" in prose("demo")


# ---------------------------------------------------------------- listings: one set of columns, short ids
LISTINGS = [["articles"], ["claims"], ["figures"], ["events"], ["events", "--mentions"], ["timeline"],
            ["contradictions"], ["skips"]]


@pytest.mark.parametrize("command", LISTINGS)
def test_table_csv_and_json_carry_the_same_columns(ledger: Run, command: list[str]) -> None:
    as_json = json_rows(ledger(*command, "--json").stdout)
    as_csv = list(csv.reader(io.StringIO(ledger(*command, "--csv").stdout)))
    table = ledger(*command, columns=400).stdout.splitlines()
    header = as_csv[0]
    assert len(as_csv) - 1 == len(as_json)
    assert all(list(row) == header for row in as_json)
    if as_json:
        assert table[0].split() == header  # the table's header row, wide enough for one line
    if command[0] in ("claims", "figures"):
        assert {"id", "evidence" if command[0] == "figures" else "content"} <= set(header)


def test_figures_are_integers_when_whole(ledger: Run) -> None:
    figures = json_rows(ledger("figures", "--json").stdout)
    assert figures and all(isinstance(f["best"], int) for f in figures if f["best"] is not None)
    assert not re.search(r"\b\d+\.0\b", ledger("figures").stdout + ledger("figures", "--csv").stdout)
    assert any(f["best"] == 12 and f["subject"] == "civilians" for f in figures), figures


def _shortens(short: str, full: str) -> bool:
    """``short`` is ``full`` whole, or shortened as tables show ids (a prefix; a record's article part)."""
    article, colon, rest = full.partition(":")
    if colon and rest[:1] in "cfe" and ":" in short:
        return short.endswith(colon + rest) and article.startswith(short.split(":")[0]) and len(short) > 6
    return len(short) >= 6 and full.startswith(short)


def _words(value: Any) -> list[str]:
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    return str(value).split() if value is not None else []


@pytest.mark.parametrize("command", LISTINGS)
def test_at_80_columns_no_id_or_word_is_cut(ledger: Run, command: list[str]) -> None:
    table = ledger(*command, columns=80)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    tokens = {word for line in lines for word in re.split(r"[\s,]+", line)}
    for row in json_rows(ledger(*command, "--json").stdout):
        for key, value in row.items():
            values = value if isinstance(value, list) else [value]
            for v in values:
                if key in ("id", "event", "copy_group", "ceasefire", "figures") and isinstance(v, str):
                    assert any(_shortens(t, v) for t in tokens), (key, v)
                elif key not in ("published", "date_start", "as_of"):
                    for word in _words(v):
                        assert word in tokens or word.rstrip(",") in tokens, (command, key, word, table.stdout)


def test_short_ids_are_taken_back(ledger: Run) -> None:
    events = ledger("events", columns=400).stdout.splitlines()
    short = events[2].split()[0]
    full = json_rows(ledger("events", "--json").stdout)[0]["id"]
    assert full.startswith(short) and len(short) < len(full)
    assert json.loads(ledger("event", short, "--json").stdout)["id"] == full

    figures = ledger("figures", columns=400).stdout.splitlines()
    record = figures[2].split()[0]
    assert re.fullmatch(r"[0-9a-f]{6,}:f\d+-\d+", record), record
    shown = ledger("show", record)
    assert shown.returncode == 0, shown.stderr
    assert any(line.startswith(f"> figure {record} ") for line in shown.stdout.splitlines()), shown.stdout


def test_unique_length_tells_every_id_apart() -> None:
    assert unique_length([], 6) == 6
    assert unique_length(["abcdef01", "abcdef02"], 6) == 8
    assert unique_length(["ev:123456aa", "ev:123457aa", "ev:99"], 9) == 9
    ids = ["0123456789abcdef", "0123456780000000", "fedcba9876543210"]
    length = unique_length(ids, 6)
    assert length == 10 and len({i[:length] for i in ids}) == 3


def test_json_and_csv_at_once_is_a_usage_error(ledger: Run) -> None:
    both = ledger("claims", "--json", "--csv")
    assert both.returncode == 2 and "choose one" in both.stderr
    assert ledger("claims", "--raw-csv").returncode == 2
