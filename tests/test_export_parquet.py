"""The analytics export: Parquet datasets partitioned by publication month, read back with pyarrow and
DuckDB (the queries of docs/scale-out.md, run verbatim, so the recipe cannot rot)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from claimledger import ConfigError, Ledger
from claimledger.export_parquet import month_of, parquet_schema

from .conftest import REPO, shared_path

TABLES = ("articles", "events", "claims", "figures", "contradictions")
RECIPE = REPO / "docs" / "scale-out.md"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    """The seeds ledger exported as Parquet, and as JSON Lines (the records to compare with)."""
    root = tmp_path_factory.mktemp("parquet")
    with Ledger(root / "ledger.db") as ledger:
        ledger.ingest([shared_path("corpus", "seeds")])
        ledger.export(root / "export", format="parquet")
        ledger.export(root / "ledger.jsonl")
    lines = [json.loads(line) for line in (root / "ledger.jsonl").read_text(encoding="utf-8").splitlines()]
    return root / "export", lines


def dataset(root: Path, table: str) -> pa.Table:
    return ds.dataset(root / table, format="parquet", partitioning="hive").to_table()


def test_each_table_is_a_month_partitioned_dataset_with_the_jsonl_rows(
        exported: tuple[Path, list[dict[str, object]]]) -> None:
    root, lines = exported
    kinds = {"articles": "article", "claims": "claim", "figures": "figure", "contradictions": "contradiction"}
    for table in TABLES:
        months = sorted(p.name for p in (root / table).iterdir())
        assert months and all(re.fullmatch(r"month=(\d{4}-\d{2}|unknown)", m) for m in months), months
        read = dataset(root, table)
        assert read.schema.names[:-1] == parquet_schema(table).names and read.schema.names[-1] == "month"
        if table == "events":
            expected = sum(1 for r in lines if r["record"] == "event" and "article_ids" in r)
        else:
            expected = sum(1 for r in lines if r["record"] == kinds[table])
        assert read.num_rows == expected, table
    articles = dataset(root, "articles").to_pylist()
    assert {a["month"] for a in articles} == {month_of(a["published"]) for a in articles}
    assert all(a["published_day"] is not None for a in articles if a["published"])


def test_the_makiivka_figures_keep_their_types(exported: tuple[Path, list[dict[str, object]]]) -> None:
    root, _ = exported
    figures = dataset(root, "figures")
    assert figures.schema.field("best").type == pa.float64()
    assert dataset(root, "articles").schema.field("ingested_at").type == pa.timestamp("us", tz="UTC")
    killed = {(f["claimant_side"], f["best"]) for f in figures.to_pylist() if f["measure"] == "killed"}
    assert ("russia", 89.0) in killed and ("ukraine", 400.0) in killed
    events = dataset(root, "events")
    assert events.schema.field("article_ids").type == pa.list_(pa.string())
    assert events.schema.field("sources").type == pa.int64()


def test_the_documented_duckdb_queries_run_verbatim(exported: tuple[Path, list[dict[str, object]]]) -> None:
    root, _ = exported
    queries = re.findall(r"```sql\n(.*?)```", RECIPE.read_text(encoding="utf-8"), flags=re.S)
    assert len(queries) >= 3
    results = []
    for query in queries:
        assert "'export/" in query  # the recipe reads the directory its export command writes
        results.append(duckdb.sql(query.replace("'export/", f"'{root.as_posix()}/")).fetchall())
    per_month = results[0]
    assert any(row[1] == "killed" and row[2] == "russia" and row[4] >= 89 for row in per_month)
    assert results[1] and all(row[2] >= 1 for row in results[1])
    assert any(row[5] == 400 for row in results[2])  # the seeds' contradiction sets the 400 against the 89


def test_exporting_again_replaces_the_datasets_and_refuses_a_foreign_directory(tmp_path: Path) -> None:
    seeds = shared_path("corpus", "seeds")
    with Ledger(tmp_path / "ledger.db") as ledger:
        ledger.ingest([seeds])
        out = tmp_path / "export"
        ledger.export(out, format="parquet")
        first = dataset(out, "figures").num_rows
        ledger.export(out, format="parquet")
        assert dataset(out, "figures").num_rows == first  # replaced, not appended
        assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind
        (tmp_path / "other" / "figures").mkdir(parents=True)
        (tmp_path / "other" / "figures" / "notes.txt").write_text("mine", encoding="utf-8")
        with pytest.raises(ConfigError, match="not a Parquet dataset"):
            ledger.export(tmp_path / "other", format="parquet")
        assert (tmp_path / "other" / "figures" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_months_come_from_the_publication_value_as_written() -> None:
    assert month_of("2023-01-31T23:30:00-05:00") == "2023-01"
    assert month_of("2023-13-01") == "unknown" and month_of(None) == "unknown" and month_of("") == "unknown"
