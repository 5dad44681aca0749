"""The scale-out topology of docs/scale-out.md (its docker-compose recipe), as local processes: a
PostgreSQL server, a Dask scheduler and two workers each in a process of its own (``dask scheduler``,
``dask worker``), and ``claimledger`` commands run against both. The ledger they build is the one
this machine builds alone, in a SQLite file, export for export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import shared_path

VOLATILE = {"generated_at", "ingested_at", "extracted_at", "imported_at", "at"}


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two one-thread workers, each its own process; the scheduler's address."""
    address_file = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    dask = [sys.executable, "-m", "dask"]
    processes = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(address_file)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert address_file.exists(), "the scheduler did not start"
        address: str = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        for _ in range(2):
            processes.append(subprocess.Popen([*dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                               "--host", "127.0.0.1", "--no-dashboard"],
                                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def claimledger(*args: str, db: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMLEDGER_DB": db, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "claimledger", *args], capture_output=True, text=True, env=env,
                          timeout=900, cwd=cwd)


def exported(db: str, tmp: Path, name: str) -> list[Any]:
    out = tmp / f"{name}.jsonl"
    done = claimledger("export", "--output", str(out), db=db, cwd=tmp)
    assert done.returncode == 0, done.stderr
    return [{k: v for k, v in json.loads(line).items() if k not in VOLATILE}
            for line in out.read_text(encoding="utf-8").splitlines()]


def test_postgresql_and_a_dask_scheduler_with_two_workers_build_the_ledger_one_machine_builds(
        scheduler: str, pg_url: str, tmp_path: Path) -> None:
    rows = shared_path("corpus", "dev-real", "articles.jsonl").read_text(encoding="utf-8").splitlines()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(rows[:12]) + "\n", encoding="utf-8")
    inputs = [str(shared_path("corpus", "seeds")), str(corpus)]
    shared = claimledger("ingest", *inputs, "--dask", scheduler, db=pg_url, cwd=tmp_path)
    assert shared.returncode == 0, shared.stderr
    assert "extracted" in shared.stderr
    alone = claimledger("ingest", *inputs, db=str(tmp_path / "alone.db"), cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr
    on_cluster, on_one_machine = exported(pg_url, tmp_path, "cluster"), exported(str(tmp_path / "alone.db"),
                                                                                 tmp_path, "alone")
    assert on_cluster == on_one_machine
    assert sum(r["record"] == "figure" for r in on_cluster) > 10
    relinked = claimledger("link", "--all", "--dask", scheduler, db=pg_url, cwd=tmp_path)
    assert relinked.returncode == 0, relinked.stderr
    assert exported(pg_url, tmp_path, "relinked") == on_one_machine
