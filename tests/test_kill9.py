"""A run killed with SIGKILL mid-ingest loses nothing committed; a re-run completes it exactly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from .synthetic import write_jsonl


def count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def test_kill_9_then_rerun_gives_exactly_2000(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", 2000)
    db = tmp_path / "ledger.db"
    env = {**os.environ, "CLAIMLEDGER_DB": str(db)}
    cmd = [sys.executable, "-m", "claimledger", "ingest", "--no-extract", "--batch-size", "50", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(db) < 200 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = count(db)
    assert killed_at < 2000, "the run finished before it could be killed: make the corpus larger"
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db) == 2000
    assert f"ingested {2000 - killed_at}," in rerun.stderr
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert "ingested 0, duplicates 2000" in again.stderr
    assert count(db) == 2000
