"""The public API: what `claimledger` exports, and one version."""

from __future__ import annotations

import tomllib
from pathlib import Path

import claimledger


def test_all_names_exist_and_are_sorted() -> None:
    for name in claimledger.__all__:
        assert hasattr(claimledger, name), name
    assert claimledger.__all__ == sorted(claimledger.__all__)
    assert "Ledger" in claimledger.__all__


def test_one_version() -> None:
    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    assert "version" in pyproject["project"]["dynamic"]
    assert claimledger.__version__.count(".") == 2
