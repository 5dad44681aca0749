"""`ingest --no-extract` then `extract`; listings of claims, figures and events; table exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq

from .conftest import Run


def test_extract_later_only_stale_articles_unless_all(cli: Run, seeds: Path, tmp_path: Path) -> None:
    assert cli("ingest", "--no-extract", str(seeds)).returncode == 0
    assert cli("figures", "--json").stdout == ""
    first = cli("extract")
    assert first.returncode == 0, first.stderr
    assert "extracted 3 articles: " in first.stderr
    assert "extracted 0 articles" in cli("extract").stderr
    assert "extracted 3 articles" in cli("extract", "--all").stderr

    figures = [json.loads(line) for line in cli("figures", "--json").stdout.splitlines()]
    assert figures and all({"id", "measure", "subject", "low", "best", "high", "side", "evidence"} <= f.keys()
                           for f in figures)
    killed = [json.loads(line) for line in cli("figures", "--json", "--measure", "killed", "--subject",
                                                 "russia").stdout.splitlines()]
    assert killed and all(f["measure"] == "killed" and f["subject"] == "russia" for f in killed)
    claims = list(csv.DictReader(io.StringIO(cli("claims", "--csv", "--side", "russia").stdout)))
    assert claims and all(c["side"] == "russia" for c in claims)
    events = [json.loads(line) for line in cli("events", "--json").stdout.splitlines()]
    assert any(e["articles"] >= 2 for e in events), "expected an event reported by two articles"
    mentions = [json.loads(line) for line in cli("events", "--json", "--mentions").stdout.splitlines()]
    assert len(mentions) >= len(events)
    clashes = [json.loads(line) for line in cli("contradictions", "--json").stdout.splitlines()]
    assert any(c["measure"] == "killed" and c["sides"] == ["russia", "ukraine"] for c in clashes)
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["articles"] == 3 and stats["extracted"] == 3 and stats["figures"] == len(figures)


def test_table_exports(cli: Run, seeds: Path, tmp_path: Path) -> None:
    assert cli("ingest", str(seeds)).returncode == 0
    out_csv, out_parquet = tmp_path / "csv", tmp_path / "parquet"
    assert cli("export", "--format", "csv", "--output", str(out_csv)).returncode == 0
    assert cli("export", "--format", "parquet", "--output", str(out_parquet)).returncode == 0
    with (out_csv / "articles.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 3
    figures = pq.read_table(out_parquet / "figures")  # a dataset partitioned by month
    assert figures.num_rows > 0 and "best" in figures.column_names
    no_dir = cli("export", "--format", "csv")
    assert no_dir.returncode == 2 and "--output" in no_dir.stderr
