"""Corrections from the command line (issue 9, part 4): `confirm`, `correct`, `debunk`, `split`,
`merge`, `undo` and the audit log `corrections`, driven as an analyst would, in real subprocesses
on a real ledger of the seed articles.

The ledger is built once per module with `claimledger ingest`; every test that writes works on its
own copy of it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path

Run = Callable[..., subprocess.CompletedProcess[str]]
ANALYST_ENV = "CLAIMLEDGER_ANALYST"


def runner(db: Path) -> Run:
    def run(*args: str, columns: int = 400, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if k != ANALYST_ENV}
        full_env.update({"CLAIMLEDGER_DB": str(db), "COLUMNS": str(columns), **(env or {})})
        return subprocess.run([sys.executable, "-m", "claimledger", *args], capture_output=True, text=True,
                              env=full_env, timeout=300, cwd=db.parent)

    return run


@pytest.fixture(scope="module")
def seed_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles ingested (extracted and linked) with the real command."""
    seeds = shared_path("corpus", "seeds")
    db = tmp_path_factory.mktemp("seeds") / "ledger.db"
    built = runner(db)("ingest", str(seeds))
    assert built.returncode == 0, built.stderr
    return db


@pytest.fixture
def run(seed_ledger: Path, tmp_path: Path) -> Run:
    """The CLI on this test's own copy of the seed ledger."""
    copy = tmp_path / "ledger.db"
    shutil.copyfile(seed_ledger, copy)
    return runner(copy)


def rows(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def shown(run: Run, full_id: str, *listing: str) -> str:
    """``full_id`` as the table of ``listing`` shows it (its first column)."""
    article, _, rest = full_id.partition(":")
    for line in run(*listing).stdout.splitlines():
        first = line.split()[0] if line.split() else ""
        if first != full_id and (first.endswith(":" + rest) if rest and not full_id.startswith("ev:")
                                 else full_id.startswith(first) and len(first) > 3):
            return first
    raise AssertionError(f"{full_id} is not in the table of {listing}")


def the_400(run: Run) -> dict[str, Any]:
    """The seed's Ukrainian claim of 400 Russian soldiers killed at Makiivka."""
    return next(f for f in rows(run("figures", "--measure", "killed", "--json"))
                if f["best"] == 400 and f["side"] == "ukraine")


def figure_clashes(run: Run, figure_id: str) -> list[dict[str, Any]]:
    return [c for c in rows(run("contradictions", "--json")) if c["kind"] == "figures" and figure_id in c["figures"]]


def exported_figure(run: Run, figure_id: str) -> dict[str, Any]:
    exported = rows(run("export"))
    return next(r for r in exported if r.get("record") == "figure" and r["id"] == figure_id)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    return lines[0]


# ---------------------------------------------------------------- a figure corrected, then undone
def test_correcting_the_400_to_89_ends_the_makiivka_contradiction_and_undo_brings_it_back(run: Run) -> None:
    figure = the_400(run)
    makiivka = figure_clashes(run, figure["id"])
    assert [c["title"] for c in makiivka] == ["Strike on Makiivka"], makiivka
    short = shown(run, figure["id"], "figures", "--measure", "killed")
    assert short != figure["id"] and re.fullmatch(r"[0-9a-f]{6,15}:f\d+-\d+", short)

    line = one_line(run("correct", short, "--value", "89", "--as", "Ana", "--why", "Kyiv later said 89"))
    assert re.fullmatch(rf"recorded #1 correct_figure {re.escape(short)} by Ana: killed of russia: 400 \(exact\) "
                        r"by (.+) \(ukraine\) -> killed of russia: 89 \(exact\) by \1 \(ukraine\)", line), line
    assert figure_clashes(run, figure["id"]) == []
    assert not any(c["event"] == makiivka[0]["event"] and c["kind"] == "figures"
                   for c in rows(run("contradictions", "--json")))
    record = exported_figure(run, figure["id"])
    assert (record["best"], record["extracted"]["best"]) == (89, 400), record
    assert [(c["id"], c["kind"], c["by"], c["why"]) for c in record["corrections"]] == [
        (1, "correct_figure", "Ana", "Kyiv later said 89")]

    line = one_line(run("undo", "#1", "--why", "the 89 was Moscow's count", env={ANALYST_ENV: "Bo"}))
    before, after = line.removeprefix("recorded #2 undo #1 by Bo: ").split(" -> ")
    assert before.startswith("killed of russia: 89 (exact) by ") and after == before.replace(": 89 ", ": 400 "), line
    assert [c["title"] for c in figure_clashes(run, figure["id"])] == ["Strike on Makiivka"]
    assert exported_figure(run, figure["id"])["corrections"] == []

    log = rows(run("corrections", "--json"))
    assert [(c["id"], c["kind"], c["by"], c["why"], c["state"], c["undone_by"], c["undoes"]) for c in log] == [
        (1, "correct_figure", "Ana", "Kyiv later said 89", "undone", 2, None),
        (2, "undo", "Bo", "the 89 was Moscow's count", "active", None, 1)]
    assert log[0]["target"] == figure["id"] and log[0]["set"] == {"low": 89, "best": 89, "high": 89,
                                                                  "qualifier": "exact"}
    assert [c["id"] for c in rows(run("corrections", "--target", short, "--json"))] == [1]
    assert [c["id"] for c in rows(run("corrections", "--by", "ana", "--kind", "correct", "--json"))] == [1]
    assert [c["id"] for c in rows(run("corrections", "--state", "active", "--json"))] == [2]


def test_a_correction_survives_extract_all_and_link_all(run: Run) -> None:
    figure = the_400(run)
    confirmed = next(f for f in rows(run("figures", "--measure", "killed", "--json"))
                     if f["best"] == 89 and f["side"] == "russia")
    assert run("correct", figure["id"], "--value", "89", "--as", "Ana", "--why", "w").returncode == 0
    assert run("confirm", confirmed["id"], "--as", "Ana", "--why", "as broadcast").returncode == 0
    for command in (["extract", "--all"], ["link", "--all"]):
        again = run(*command)
        assert again.returncode == 0, again.stderr
        figures = {f["id"]: f for f in rows(run("figures", "--measure", "killed", "--json"))}
        assert figures[figure["id"]]["best"] == 89 and figures[confirmed["id"]]["best"] == 89, command
        assert figure_clashes(run, figure["id"]) == []
        assert [c["state"] for c in rows(run("corrections", "--json"))] == ["active", "active"]
        assert rows(run("corrections", "--state", "orphaned", "--json")) == []


# ---------------------------------------------------------------- every kind, by the ids tables show
def exported(run: Run, kind: str) -> list[dict[str, Any]]:
    return [r for r in rows(run("export")) if r["record"] == kind]


def test_every_kind_takes_ids_as_tables_show_them_and_lands_in_the_audit_log(run: Run) -> None:
    strikes = [e for e in exported(run, "event") if e["title"] == "Strike on Makiivka"]
    assert len(strikes) == 2 and len(strikes[0]["mention_ids"]) > 1, strikes
    kept, other = (shown(run, e["id"], "events") for e in strikes)
    claim = next(c for c in exported(run, "claim") if c["event_id"] and c["claimant"]["side"] == "ukraine")

    debunked = one_line(run("debunk", shown(run, claim["id"], "claims"), "--source", "https://example.org/check",
                            "--as", "Bo", "--why", "satellite images"))
    assert re.fullmatch(r"recorded #1 debunk_claim [0-9a-f]{6,15}:c\d+-\d+ by Bo: debunked by "
                        r"https://example.org/check", debunked), debunked
    assert [c["claim_ids"] for c in exported(run, "contradiction") if c["kind"] == "debunk"] == [[claim["id"]]]

    merged = one_line(run("merge", kept, other, "--as", "Bo", "--why", "one strike"))
    assert re.fullmatch(rf"recorded #2 merge_events {re.escape(other)} by Bo: its \d+ mentions? joined "
                        rf"{re.escape(kept)}(, now ev:[0-9a-f]+)?", merged), merged
    together = [e for e in exported(run, "event") if e["title"] == "Strike on Makiivka"]
    assert [sorted(e["mention_ids"]) for e in together] == [sorted(strikes[0]["mention_ids"]
                                                                   + strikes[1]["mention_ids"])]

    mention = strikes[0]["mention_ids"][-1]
    split = one_line(run("split", shown(run, mention, "events", "--mentions"), "--as", "Bo", "--why", "apart"))
    assert re.fullmatch(r"recorded #3 split_mention [0-9a-f]{6,15}:e\d+-\d+ by Bo: out of ev:[0-9a-f]+ into an "
                        r"event of its own \(ev:[0-9a-f]+\)", split), split
    assert [e["mention_ids"] for e in exported(run, "event") if mention in e["mention_ids"]] == [[mention]]

    log = rows(run("corrections", "--json"))
    assert [(c["id"], c["kind"], c["by"], c["state"]) for c in log] == [
        (1, "debunk_claim", "Bo", "active"), (2, "merge_events", "Bo", "active"), (3, "split_mention", "Bo", "active")]
    assert log[0]["source"] == "https://example.org/check" and log[0]["target"] == claim["id"]
    assert [c["id"] for c in rows(run("corrections", "--target", other, "--json"))] == [2]
    assert [c["id"] for c in rows(run("corrections", "--kind", "split", "--json"))] == [3]

    as_csv = list(csv.reader(io.StringIO(run("corrections", "--csv").stdout)))
    assert as_csv[0] == list(log[0]) and len(as_csv) == 4
    assert run("corrections", columns=400).stdout.splitlines()[0].split() == as_csv[0]
    narrow = run("corrections", columns=80)
    assert narrow.returncode == 0 and all(len(line) <= 80 for line in narrow.stdout.splitlines())
    tokens = set(narrow.stdout.split())
    assert {other, kept, shown(run, claim["id"], "claims"), "satellite", "images"} <= tokens, narrow.stdout


# ---------------------------------------------------------------- bad input: one line, exit 2, nothing written
@pytest.fixture(scope="module")
def untouched(seed_ledger: Path) -> tuple[Run, dict[str, str]]:
    """The module's ledger itself (these commands must write nothing to it) and ids it holds."""
    run = runner(seed_ledger)
    return run, {"{400}": the_400(run)["id"], "{claim}": rows(run("claims", "--json"))[0]["id"]}


def logged(db: Path) -> int:
    with sqlite3.connect(db) as raw:
        count = int(raw.execute("SELECT COUNT(*) FROM corrections").fetchone()[0])
    raw.close()
    return count


@pytest.mark.parametrize(("command", "message"), [
    (["correct", "c0ffee:f1-2", "--value", "89", "--as", "Ana", "--why", "w"], "[CL501] no figure 'c0ffee:f1-2'"),
    (["confirm", "{400}9", "--as", "Ana", "--why", "w"], "[CL501] no figure"),
    (["correct", "{400}", "--measure", "kiled", "--as", "Ana", "--why", "w"],
     "[CL502] unknown measure 'kiled': use one of "),
    (["correct", "{400}", "--subject", "rusia", "--as", "Ana", "--why", "w"], "did you mean 'russia'?"),
    (["correct", "{400}", "--value", "89", "--why", "w"], "[CL503] a correction needs the analyst's name: give --as"),
    (["correct", "{400}", "--value", "89", "--as", " ", "--why", "w"], "give --as NAME (or set CLAIMLEDGER_ANALYST)"),
    (["correct", "{400}", "--value", "89", "--as", "Ana"], "[CL503] a correction needs a reason: give --why"),
    (["correct", "{400}", "--as", "Ana", "--why", "w"], "[CL503] nothing to correct"),
    (["correct", "{400}", "--value", "89", "--low", "3", "--as", "Ana", "--why", "w"], "[CL503] give either value"),
    (["debunk", "c0ffee:c1-2", "--source", "x", "--as", "Ana", "--why", "w"], "[CL501] no claim"),
    (["debunk", "{claim}", "--as", "Ana", "--why", "w"], "give --source"),
    (["merge", "ev:0000", "ev:ffff", "--as", "Ana", "--why", "w"], "[CL501] no linked event 'ev:0000'"),
    (["split", "c0ffee:e1-2", "--as", "Ana", "--why", "w"], "[CL501] no linked event mention"),
    (["undo", "7", "--as", "Ana", "--why", "w"], "[CL501] no correction #7 in the ledger"),
    (["undo", "seven", "--as", "Ana", "--why", "w"], "is no correction number"),
    (["corrections", "--kind", "spilt"], "did you mean 'split'?"),
    (["corrections", "--state", "orphand"], "did you mean 'orphaned'?"),
    (["corrections", "--since", "yesterday"], "--since takes a date"),
    (["corrections", "--target", "c0ffee:f1-2"], "--target 'c0ffee:f1-2': no figure, claim"),
])
def test_bad_input_is_one_line_with_exit_2_and_writes_nothing(untouched: tuple[Run, dict[str, str]],
                                                              seed_ledger: Path, command: list[str],
                                                              message: str) -> None:
    run, ids = untouched
    for key, value in ids.items():
        command = [c.replace(key, value) for c in command]
    result = run(*command)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: [CL"), result.stderr
    assert message in result.stderr, result.stderr
    assert logged(seed_ledger) == 0


def test_a_correction_on_a_ledger_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    mistyped = tmp_path / "ledgr.db"
    result = runner(mistyped)("confirm", "c0ffee:f1-2", "--as", "Ana", "--why", "w")
    assert result.returncode == 2 and result.stderr.startswith(f"error: [CL306] No ledger at {mistyped}")
    assert not mistyped.exists()
