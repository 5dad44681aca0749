"""Shared fixtures. Tests that need ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from claimledger import Settings
from claimledger.extract import load_nlp
from claimledger.records import Article, Claim
from claimledger.settings import ledger_target
from claimledger.store import Store, is_postgres_url, open_store

from .pgcluster import Cluster, server_bin

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BACKENDS = ("sqlite", "postgresql")  # every store test runs on each (the db_target fixture)


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (the shared test data beside the repo); not found")
    return path


@pytest.fixture
def seeds() -> Path:
    return shared_path("corpus", "seeds")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster of the test session's own (tests/pgcluster.py), stopped and removed at its end.

    Without PostgreSQL's server programs the tests that need it skip, except in CI (``CI`` set), where
    ``.ci/services`` installs them: there a missing server fails rather than passing unseen."""
    bindir = server_bin()
    if bindir is None:
        reason = ("needs PostgreSQL's server programs (initdb, pg_ctl; Debian: apt-get install postgresql) "
                  "for the PostgreSQL store tests")
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/services installs them in CI")
        pytest.skip(reason)
    cluster = Cluster(bindir)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return pg_cluster.create_database()


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new, empty ledger goes, once per backend: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger" / "test.db")
    url: str = request.getfixturevalue("pg_url")
    return url


def built_ledger_target(request: pytest.FixtureRequest, folder: Path) -> str:
    """Where a ledger built once for a module goes, by the backend ``request.param`` names: a file in
    ``folder``, or a new PostgreSQL database (copied per test by ``ledger_copy``)."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_cluster").create_database()
        return url
    return str(folder / "ledger.db")


def ledger_copy(built: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A copy of the ledger ``built`` for one test: the file copied, or a database made from it as a template."""
    if is_postgres_url(built):
        copy: str = request.getfixturevalue("pg_cluster").create_database(template=built)
        return copy
    shutil.copyfile(built, tmp_path / "ledger.db")
    return str(tmp_path / "ledger.db")


def store_at(target: str) -> Store:
    """The store ``target`` (a ``db_target``) names, opened (created and migrated when new)."""
    return open_store(Settings(db=ledger_target(target)))


def count_rows(target: str, table: str = "articles") -> int:
    """Rows of ``table`` in the ledger ``target`` (a ``db_target``), read with the driver alone and
    read-only (a missing ledger or one not migrated yet holds 0): for watching another process write."""
    if ledger_target(target) == target:  # a PostgreSQL URL
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            exists = conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()
            if exists is None or exists[0] is None:
                return 0
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # type: ignore[index]
    path = Path(target)
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """Run ``claimledger`` in a subprocess against a ledger in tmp_path; never raises on exit codes."""

    def run(*args: str, db: Path | str | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "CLAIMLEDGER_DB": str(db or tmp_path / "ledger.db"), "COLUMNS": "200"}
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "claimledger", *args], capture_output=True, text=True,
                              input=stdin, env=full_env, timeout=timeout, cwd=tmp_path)

    return run


def load_scorer() -> Any:
    """The reference scorer, ../shared/tools/score.py (skips when absent)."""
    path = shared_path("tools", "score.py")
    spec = importlib.util.spec_from_file_location("claimledger_reference_scorer", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_corpus(corpus: Path, gold: dict[str, Any], tmp: Path, label: str) -> dict[str, Any]:
    """Ingest a corpus into a fresh ledger with the CLI, export it, and score the
    export against ``gold`` with the reference scorer; prints the scores."""
    env = {**os.environ, "CLAIMLEDGER_DB": str(tmp / "ledger.db")}
    run = [sys.executable, "-m", "claimledger"]
    ingest = subprocess.run([*run, "ingest", str(corpus)], capture_output=True, text=True, env=env, timeout=600)
    assert ingest.returncode == 0, ingest.stderr or ingest.stdout
    out = tmp / "out.jsonl"
    export = subprocess.run([*run, "export", "--format", "jsonl", "--output", str(out)], capture_output=True,
                            text=True, env=env, timeout=600)
    assert export.returncode == 0, export.stderr or export.stdout
    scorer = load_scorer()
    result: dict[str, Any] = scorer.score(gold, scorer.load_export(str(out)))
    print(f"{label} scores:", {k: {kk: vv for kk, vv in v.items() if kk not in ("missed", "spurious")}
                               for k, v in result.items()})
    for m in result["figures"]["missed"]:
        print("  missed  ", m)
    for m in result["figures"]["spurious"]:
        print("  spurious", m)
    return result


@lru_cache(maxsize=1)
def full_pipeline() -> Language:
    """The whole extraction pipeline, loaded once per test process."""
    return load_nlp(Settings())


def make_article(text: str, *, published: str | None = "2024-01-01", article_id: str = "test0000",
                 outlet: str | None = "Test", language: str | None = "en") -> Article:
    """An article record for extraction tests (not stored anywhere)."""
    return Article(id=article_id, ref=f"{article_id}.txt", url=None, outlet=outlet, title=None, published=published,
                   language=language, text=text, content_hash="0", ingested_at="2024-01-01T00:00:00+00:00")


def claims_of(text: str, outlet: str = "Test Outlet", published: str = "2024-03-01") -> list[Claim]:
    """The claims the pipeline finds in ``text`` (figures and events not run)."""
    pipeline = full_pipeline()
    doc = pipeline.make_doc(text)
    doc._.cl_article_id, doc._.cl_published, doc._.cl_outlet = "t1", published, outlet
    later = ("claimledger_figures", "claimledger_events")
    with pipeline.select_pipes(disable=[n for n in later if n in pipeline.pipe_names]):
        doc = pipeline(doc)
    found: list[Claim] = doc._.cl_claims
    return found


def claims_by(found: list[Claim], word: str) -> list[Claim]:
    """The claims whose claimant's name or mention holds ``word``."""
    return [c for c in found if word.lower() in f"{c.claimant.name} {c.claimant.mention}".lower()]
