"""Stored extractions are keyed on what changes them: components, model, profile content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import claimledger
from claimledger import Ledger, Settings
from claimledger.extract import extractor_version
from claimledger.profiles import BUNDLED

from .conftest import Run


def test_the_version_names_each_component_the_model_and_the_profile() -> None:
    version = extractor_version(Settings())
    parts = version.split()
    assert parts[:7] == ["pipeline/1", "lines/1", "places/1", "times/1", "claims/1", "figures/1", "events/1"]
    assert parts[7].startswith("model=en_core_web_sm") and parts[7].endswith("-3.8.0")
    assert parts[8].startswith("profile=russia-ukraine@") and len(parts[8].split("@")[1]) == 12
    assert extractor_version(Settings(default_timezone="Europe/Kyiv")).endswith(" tz=Europe/Kyiv")


def test_editing_the_profile_re_extracts_and_a_release_alone_does_not(
        cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = tmp_path / "profile"
    shutil.copytree(BUNDLED / "russia-ukraine", profile)
    env = {"CLAIMLEDGER_PROFILE": str(profile)}
    (tmp_path / "a.txt").write_text("Officials said three shells hit a depot overnight.\n", encoding="utf-8")
    first = cli("ingest", str(tmp_path / "a.txt"), env=env)
    assert first.returncode == 0, first.stderr
    assert "extracted 1 articles" in first.stderr
    assert "extracted 0 articles" in cli("extract", env=env).stderr

    meta = profile / "profile.yaml"
    meta.write_text("# a comment and new spacing change nothing that is extracted\n\n"
                    + meta.read_text(encoding="utf-8"), encoding="utf-8")
    assert "extracted 0 articles" in cli("extract", env=env).stderr

    meta.write_text(meta.read_text(encoding="utf-8").replace("countries: [UA, RU, BY]", "countries: [UA, RU]"),
                    encoding="utf-8")
    edited = cli("extract", env=env)
    assert edited.returncode == 0, edited.stderr
    assert "extracted 1 articles" in edited.stderr
    assert "extracted 0 articles" in cli("extract", env=env).stderr

    monkeypatch.setattr(claimledger, "__version__", "99.0.0")  # a new release, nothing else changed
    settings = Settings.from_env({"CLAIMLEDGER_PROFILE": str(profile), "CLAIMLEDGER_CACHE_DIR": ""})
    with Ledger(tmp_path / "ledger.db", settings=settings) as ledger:
        assert ledger.pending_extraction() == 0
        stored = ledger.extraction(next(ledger.articles()).id)
    assert stored is not None and stored.extractor_version == extractor_version(settings)
    assert "99.0.0" not in stored.extractor_version
    runs = json.loads(cli("stats", "--json", env=env).stdout)
    assert runs["extracted"] == 1
