"""Several writers on one ledger at once lose nothing and double nothing, on each backend.

Three ``claimledger ingest`` processes start together on overlapping corpora (each article is in two of
them), against one SQLite file and one PostgreSQL database (conftest ``db_target``). Writers take turns
(SQLite's ``BEGIN IMMEDIATE``; PostgreSQL's advisory lock), and the content-hash dedup runs inside each
writer's transaction, so every article is stored once, with one source row per corpus that carried it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from claimledger.settings import Settings, ledger_target
from claimledger.store import open_store

from .conftest import count_rows
from .synthetic import write_jsonl

ARTICLES = 600


def test_three_ingest_processes_at_once_store_each_article_once(tmp_path: Path, db_target: str) -> None:
    whole = write_jsonl(tmp_path / "all.jsonl", ARTICLES, words=120).read_text(encoding="utf-8").splitlines()
    corpora = []
    for n in range(3):  # corpus n holds thirds n and n+1: every article is in exactly two corpora
        rows = [json.loads(line) for i, line in enumerate(whole) if (i * 3 // ARTICLES) in (n, (n + 1) % 3)]
        for row in rows:
            row["id"] = f"{row['id']}@corpus{n}"  # its own ref in each corpus: a second source, not a re-run
        path = tmp_path / f"corpus{n}.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        corpora.append(path)
    env = {**os.environ, "CLAIMLEDGER_DB": db_target}
    open_store(Settings(db=ledger_target(db_target))).close()  # created first: the writers race on rows here
    runs = [subprocess.Popen([sys.executable, "-m", "claimledger", "ingest", "--no-extract", "--batch-size", "25",
                              str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for path in corpora]
    results = [(run.wait(timeout=600), run.stderr.read() if run.stderr else "") for run in runs]
    assert all(code == 0 for code, _ in results), results
    assert count_rows(db_target) == ARTICLES
    assert count_rows(db_target, "article_sources") == 2 * ARTICLES
    ingested = sum(int(err.split("ingested ", 1)[1].split(",", 1)[0]) for _, err in results)
    assert ingested == ARTICLES  # each article new to exactly one writer; a duplicate to the other


def test_processes_opening_a_new_ledger_at_once_migrate_it_once(db_target: str) -> None:
    opener = ("import sys; from claimledger.settings import Settings, ledger_target;"
              " from claimledger.store import open_store;"
              " print(open_store(Settings(db=ledger_target(sys.argv[1]))).schema_version)")
    runs = [subprocess.Popen([sys.executable, "-c", opener, db_target], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    latest = open_store(Settings(db=ledger_target(db_target)))
    try:
        assert {out.strip() for out, _ in outputs} == {str(latest.schema_version)}
    finally:
        latest.close()
    assert count_rows(db_target, "schema_migrations") == latest.schema_version
