"""Stored extractions are keyed on what changes them: components, model, profile content."""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest

import claimledger
from claimledger import Ledger, Settings
from claimledger.extract import extractor_version, pipeline
from claimledger.extract.pipeline import profile_label
from claimledger.profiles import BUNDLED, load_profile

from .conftest import Run, full_pipeline

EXTRACT = Path(claimledger.__file__).parent / "extract"


def test_the_version_names_each_component_the_model_and_the_profile() -> None:
    version = extractor_version(Settings())
    parts = version.split()
    # every component package (a subpackage of extract/ with a component.py), each at its VERSION
    components = sorted(p.parent.name for p in EXTRACT.glob("*/component.py"))
    assert {"lines", "places", "times", "claims", "figures", "events"} <= set(components)
    named = parts[1:len(components) + 1]
    assert parts[0] == f"pipeline/{pipeline.VERSION}"
    assert sorted(named) == sorted(f"{name}/{importlib.import_module(f'claimledger.extract.{name}').VERSION}"
                                   for name in components)
    assert sorted(p for p, _ in full_pipeline().pipeline if p.startswith("claimledger_")) == sorted(
        f"claimledger_{name}" for name in components)
    rest = parts[len(components) + 1:]
    assert rest[0].startswith("model=en_core_web_sm") and rest[0].endswith("-3.8.0")
    assert rest[1].startswith("profile=russia-ukraine@") and len(rest[1].split("@")[1]) == 12
    assert extractor_version(Settings(default_timezone="Europe/Kyiv")).endswith(" tz=Europe/Kyiv")


def test_the_profile_digest_covers_every_file_extraction_reads(tmp_path: Path) -> None:
    read_after = {"acled.yaml"}  # read by an export only: editing it re-extracts nothing
    files = sorted(p.name for p in (BUNDLED / "russia-ukraine").glob("*.yaml") if p.name not in read_after)
    assert {"profile.yaml", "sides.yaml", "actors.yaml", "cues.yaml", "measures.yaml", "places.yaml",
            "events.yaml"} <= set(files)
    labels = {profile_label(load_profile(str(BUNDLED / "russia-ukraine")))}
    for name in files:
        copy = tmp_path / name.removesuffix(".yaml")
        shutil.copytree(BUNDLED / "russia-ukraine", copy)
        path = copy / name
        text = path.read_text(encoding="utf-8")
        edited = (text.replace('version: "1"', 'version: "1-edited"') if name == "profile.yaml"
                  else text + "\nzz_edited: 1\n")
        assert edited != text
        path.write_text(edited, encoding="utf-8")
        labels.add(profile_label(load_profile(str(copy))))
    assert len(labels) == len(files) + 1  # an edit to any one file gives another digest
    for name in read_after:
        copy = tmp_path / ("after-" + name.removesuffix(".yaml"))
        shutil.copytree(BUNDLED / "russia-ukraine", copy)
        (copy / name).write_text((copy / name).read_text(encoding="utf-8") + "\nzz_edited: 1\n", encoding="utf-8")
        assert profile_label(load_profile(str(copy))) == profile_label(load_profile(str(BUNDLED / "russia-ukraine")))


def test_editing_the_profile_re_extracts_and_a_release_alone_does_not(
        cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = tmp_path / "profile"
    shutil.copytree(BUNDLED / "russia-ukraine", profile)
    env = {"CLAIMLEDGER_PROFILE": str(profile)}
    (tmp_path / "a.txt").write_text("Officials said three shells hit a depot overnight.\n", encoding="utf-8")
    first = cli("ingest", str(tmp_path / "a.txt"), env=env)
    assert first.returncode == 0, first.stderr
    assert "extracted 1 article:" in first.stderr
    assert "extracted 0 articles" in cli("extract", env=env).stderr

    meta = profile / "profile.yaml"
    meta.write_text("# a comment and new spacing change nothing that is extracted\n\n"
                    + meta.read_text(encoding="utf-8"), encoding="utf-8")
    assert "extracted 0 articles" in cli("extract", env=env).stderr

    meta.write_text(meta.read_text(encoding="utf-8").replace("countries: [UA, RU, BY]", "countries: [UA, RU]"),
                    encoding="utf-8")
    edited = cli("extract", env=env)
    assert edited.returncode == 0, edited.stderr
    assert "extracted 1 article:" in edited.stderr
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
