"""The public API: what `claimledger` exports, one version, and what ``Ledger.ingest`` takes."""

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


def test_ingest_takes_paths_and_one_input_alone(tmp_path: Path) -> None:
    from claimledger import Ledger, Settings

    story = tmp_path / "story.txt"
    story.write_text("Officials said two people were hurt when a drone hit a warehouse in the town.\n",
                     encoding="utf-8")
    with Ledger(tmp_path / "ledger.db", settings=Settings(extract=False)) as ledger:
        assert ledger.ingest([story]).article_ids and ledger.ingest(story).article_ids == ()
        assert ledger.ingest(str(story)).article_ids == ()
        assert [a.text for a in ledger.articles()] == [story.read_text(encoding="utf-8").strip()]
