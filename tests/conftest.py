"""Shared fixtures. Tests that need ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (the shared test data beside the repo); not found")
    return path


@pytest.fixture
def seeds() -> Path:
    return shared_path("corpus", "seeds")


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """Run ``claimledger`` in a subprocess against a ledger in tmp_path; never raises on exit codes."""

    def run(*args: str, db: Path | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "CLAIMLEDGER_DB": str(db or tmp_path / "ledger.db"), "COLUMNS": "200"}
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "claimledger", *args], capture_output=True, text=True,
                              input=stdin, env=full_env, timeout=timeout, cwd=tmp_path)

    return run
