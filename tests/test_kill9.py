"""A run killed with SIGKILL mid-ingest loses nothing committed; a re-run completes it exactly.

On each backend (conftest ``db_target``): a SQLite file, and a PostgreSQL database, where the killed
client's open transaction is rolled back by the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import count_rows
from .synthetic import write_jsonl


def test_kill_9_then_rerun_gives_exactly_2000(tmp_path: Path, db_target: str) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", 2000)
    env = {**os.environ, "CLAIMLEDGER_DB": db_target}
    cmd = [sys.executable, "-m", "claimledger", "ingest", "--no-extract", "--batch-size", "50", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count_rows(db_target) < 200 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = count_rows(db_target)
    assert killed_at < 2000, "the run finished before it could be killed: make the corpus larger"
    assert killed_at % 50 == 0  # whole batches only: the one in flight left nothing behind
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert count_rows(db_target) == 2000
    assert f"ingested {2000 - killed_at}," in rerun.stderr
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert "ingested 0, duplicates 2000" in again.stderr
    assert count_rows(db_target) == 2000
    assert count_rows(db_target, "article_sources") == 2000
