"""The whole product on a PostgreSQL ledger: the CLI, the Python API and the REST API read and write it
as they do a SQLite file, and give the same answers (the seeds, end to end, export for export)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
import yaml
from fastapi.testclient import TestClient

from claimledger import Ledger
from claimledger.api import create_app
from claimledger.api.settings import ApiSettings

from .conftest import load_scorer, shared_path

VOLATILE = {"ingested_at", "extracted_at", "imported_at", "at", "generated_at", "db"}


def claimledger(*args: str, db: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMLEDGER_DB": db, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "claimledger", *args], capture_output=True, text=True, env=env,
                          timeout=600, cwd=cwd)


def stable(value: Any) -> Any:
    """An export line without what differs between any two runs (clock times, the ledger's name)."""
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stable(v) for v in value]
    return value


def export_of(db: str, tmp: Path, name: str) -> list[Any]:
    out = tmp / f"{name}.jsonl"
    done = claimledger("export", "--format", "jsonl", "--output", str(out), db=db, cwd=tmp)
    assert done.returncode == 0, done.stderr
    return [stable(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]


def test_the_seeds_on_postgresql_export_exactly_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    seeds = shared_path("corpus", "seeds")
    sqlite_db = str(tmp_path / "ledger.db")
    for db in (pg_url, sqlite_db):
        done = claimledger("ingest", str(seeds), db=db, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    on_postgres, on_sqlite = export_of(pg_url, tmp_path, "pg"), export_of(sqlite_db, tmp_path, "sqlite")
    assert on_postgres == on_sqlite and len(on_postgres) > 20
    scorer = load_scorer()
    gold = yaml.safe_load(shared_path("gold", "seeds.yaml").read_text(encoding="utf-8"))
    scores = scorer.score(gold, scorer.load_export(str(tmp_path / "pg.jsonl")))
    assert scores["figures"]["f1"] == 1.0
    listing = claimledger("figures", "--measure", "killed", db=pg_url, cwd=tmp_path)
    assert listing.returncode == 0 and "89" in listing.stdout and "400" in listing.stdout


def test_corrections_and_the_rest_api_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    seeds = shared_path("corpus", "seeds")
    with Ledger(pg_url) as ledger:
        ledger.ingest([str(seeds)])
        figure = next(f for f in ledger.figures() if f.best == 400)
        correction = ledger.correct_figure(figure.id, by="tester", why="the seed's other count", value=89)
        assert all(f.best != 400 for f in ledger.figures() if f.id == figure.id)
        ledger.undo(correction.id, by="tester", why="restored")
        assert any(f.best == 400 for f in ledger.figures() if f.id == figure.id)
    app = create_app(ApiSettings.from_env({}), db=pg_url)
    with TestClient(app) as client:
        articles = client.get("/api/articles").json()
        assert len(articles["items"]) >= 3
        hits = client.get("/api/search", params={"q": "Makiivka"}).json()
        assert hits["items"] and all(item["highlights"] for item in hits["items"])
        assert len(client.get("/api/corrections").json()) == 2  # the correction and its undo


def test_bad_postgresql_targets_are_clear_one_line_errors(pg_url: str, pg_cluster: Any, tmp_path: Path) -> None:
    unreachable = claimledger("stats", db="postgresql://someone:hunter2@127.0.0.1:1/ledger", cwd=tmp_path)
    assert unreachable.returncode != 0 and "CL307" in unreachable.stderr and "Traceback" not in unreachable.stderr
    assert "hunter2" not in unreachable.stderr + unreachable.stdout
    missing = claimledger("stats", db=pg_cluster.url("no_such_database"), cwd=tmp_path)
    assert "CL307" in missing.stderr and "no_such_database" in missing.stderr
    empty = claimledger("figures", db=pg_url, cwd=tmp_path)  # a reader leaves an empty database empty
    assert "CL306" in empty.stderr and "claimledger ingest" in empty.stderr
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
                            ).fetchone() == (0,)
        conn.execute("CREATE TABLE inventory (item TEXT)")  # a database of something else
    foreign = claimledger("ingest", "-", db=pg_url, cwd=tmp_path)
    assert "CL303" in foreign.stderr and "inventory" in foreign.stderr


def test_a_lost_connection_is_a_store_error_and_loses_nothing(pg_url: str) -> None:
    from claimledger.errors import StoreError
    from claimledger.store import NewArticle

    from .test_store_sqlite import MARKET_TEXT, TRUCE_TEXT, make_article

    with Ledger(pg_url) as ledger:
        ledger.store.add_articles([NewArticle(make_article(MARKET_TEXT))])
        with psycopg.connect(pg_url, autocommit=True) as admin:  # the server ends the ledger's session
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          " WHERE application_name = 'claimledger' AND datname = current_database()")
        with pytest.raises(StoreError, match="reading the ledger"):
            with ledger.snapshot():
                ledger.stats()
        with pytest.raises(StoreError, match="writing to the ledger"):
            ledger.store.add_articles([NewArticle(make_article(TRUCE_TEXT))])
    with Ledger(pg_url) as reopened:
        assert reopened.stats().articles == 1
