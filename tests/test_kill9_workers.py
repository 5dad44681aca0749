"""kill -9 of an ingest that has started its extraction workers leaves no claimledger process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.ledger import PARALLEL_MIN_ARTICLES

from .synthetic import write_jsonl

PROC = Path("/proc")
pytestmark = pytest.mark.skipif(not PROC.is_dir(), reason="needs /proc to find the worker processes")


def stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (state first), or None when gone."""
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return raw.rsplit(")", 1)[1].split()


def alive(pid: int) -> bool:
    fields = stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")  # a zombie has ended; only its entry is left


def children(pid: int) -> list[int]:
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = stat_fields(int(entry.name))
            if fields is not None and fields[1] == str(pid) and alive(int(entry.name)):
                found.append(int(entry.name))
    return found


def processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if marker in cmdline and alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def test_kill_9_during_extraction_leaves_no_worker_behind(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", PARALLEL_MIN_ARTICLES * 2, words=300)
    env = {**os.environ, "CLAIMLEDGER_DB": str(tmp_path / "ledger.db")}
    cmd = [sys.executable, "-m", "claimledger", "ingest", "--processes", "2", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers: list[int] = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
            time.sleep(0.1)
            workers = children(proc.pid)
        assert len(workers) >= 2, "the ingest finished or failed before its extraction workers started"
        time.sleep(1)  # let the workers take their first articles
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (any(alive(pid) for pid in workers) or processes_mentioning(str(corpus))):
        time.sleep(0.1)
    assert [pid for pid in workers if alive(pid)] == [], "extraction workers outlived the killed ingest"
    assert processes_mentioning(str(corpus)) == []
