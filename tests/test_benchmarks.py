"""The benchmark scripts run end to end at a tiny size and print their figures (never judged here:
speed is measured by the benchmarks, not asserted by tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

BENCHMARKS = REPO / "benchmarks"

# script -> (tiny arguments, words its report prints, keys of its --json line: None when it has no --json
# or, for bench_extract.py, when its own test below checks them)
CASES: dict[str, tuple[list[str], list[str], set[str] | None]] = {
    "bench_api.py": (["--readers", "2", "--seconds", "1", "--ingest-articles", "1"],
                     ["readers", "requests", "errors", "p95", "load average", "ingest during the run"],
                     {"requests", "errors", "p50_ms", "p95_ms", "ingest_status", "endpoints"}),
    "bench_dask.py": (["--articles", "8", "--link-articles", "40"],
                      ["speed-up dask 2 workers / 1 worker", "Dask overhead", "link all", "same events on both",
                       "peak RSS"],
                      {"extract", "link"}),
    "bench_ingest.py": (["--articles", "4", "--words", "50"], ["ingest (no extraction)", "articles/s", "peak RSS"],
                        None),
    "bench_store.py": (["--articles", "4", "--batch", "2"], ["new", "re-run", "articles/s", "peak RSS"],
                       {"new_per_s", "known_per_s", "stored", "peak_rss_mb"}),
    "bench_extract.py": (["--articles", "4", "--repeat", "1"],
                         ["bare spaCy nlp.pipe", "claimledger pipeline", "articles/s", "ratio pipeline/bare",
                          "peak RSS per process"],
                         None),
    "bench_link.py": (["--articles", "40", "--new", "5"], ["link all", "link new", "events touched", "target"],
                      {"articles", "mentions", "link_all_s", "new_mentions", "link_new_s", "events_touched"}),
    "bench_components.py": (["--articles", "4", "--repeat", "1"],
                            ["ms/article", "ner", "claimledger_places", "claimledger_events", "whole pipeline",
                             "gazetteer load"],
                            {"ms_per_article", "total_ms_per_article", "gazetteer_load_s", "source"}),
}


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCHMARKS / script), *args], capture_output=True, text=True,
                          cwd=REPO, timeout=900, check=False)


def test_every_benchmark_has_a_smoke_case() -> None:
    assert {p.name for p in BENCHMARKS.glob("bench_*.py")} == set(CASES)


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(CASES))
def test_benchmark_runs_and_reports(script: str) -> None:
    args, words, _ = CASES[script]
    done = run(script, *args)
    assert done.returncode == 0, done.stderr
    for word in words:
        assert word in done.stdout, (word, done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(s for s, case in CASES.items() if case[2] is not None))
def test_benchmark_json_is_one_line(script: str) -> None:
    args, _, keys = CASES[script]
    done = run(script, *args, "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    assert keys is not None and keys <= json.loads(lines[0]).keys()


def test_benchmarks_import_without_side_effects() -> None:
    names = sorted(p.stem for p in BENCHMARKS.glob("*.py"))
    code = f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r}); " + "; ".join(f"import {n}" for n in names)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")  # nothing printed, nothing run


@pytest.mark.slow
def test_extract_benchmark_alternates_and_falls_back_to_the_samples_with_a_note(tmp_path: Path) -> None:
    done = run("bench_extract.py", "--articles", "2", "--repeat", "2", "--json", "--corpus", str(tmp_path / "none"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"bare_articles_per_s", "pipeline_articles_per_s", "ratio", "ratios", "cpu_ratio", "peak_rss_mb",
            "runs", "interleaved"} <= result.keys()
    assert result["fallback"] is True and "bundled sample" in result["source"]
    assert "note:" in done.stderr and "not found" in done.stderr
    assert [(r["repetition"], r["phase"]) for r in result["runs"]] == [(1, "bare"), (1, "pipeline"), (2, "pipeline"),
                                                                      (2, "bare")]  # alternating order
