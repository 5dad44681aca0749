"""Accuracy gate on our own golden sets: tests/golden/dev and tests/golden/holdout.

Each set is a directory of short excerpts written for claimledger in the style of
various outlets (first line = headline), a ``manifest.jsonl`` with their metadata
and a ``gold.yaml`` in the format of ``../shared/gold/seeds.yaml``. The set is
ingested once per module with the CLI into a temporary ledger, exported as JSON
Lines and scored with the reference scorer ``../shared/tools/score.py``.

``holdout`` measures generalisation: do not read its texts or gold when tuning
the extractors. Floors only rise: each is the value measured when it was last
set, rounded down to 0.05; raise it when the extractor gets better, never lower it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import score_corpus, shared_path

GOLDEN = Path(__file__).resolve().parent / "golden"
SETS = ("dev", "holdout")

# Floors only rise (measured value rounded down to 0.05).
FLOORS: dict[str, dict[tuple[str, str], float]] = {
    "dev": {
        ("figures", "f1"): 0.95,
        ("figures", "precision"): 0.95,
        ("figures", "recall"): 0.95,
        ("figures", "value_recall"): 0.95,
        ("figures", "as_of_accuracy"): 0.95,
        ("event_links", "f1"): 0.95,
        ("contradictions", "f1"): 0.65,
        ("claims", "recall"): 0.95,
        ("claims", "side_accuracy"): 0.95,
        ("events", "date_accuracy"): 0.95,
        ("events", "place_accuracy"): 0.95,
    },
    "holdout": {
        ("figures", "f1"): 0.75,
        ("figures", "precision"): 0.80,
        ("figures", "recall"): 0.75,
        ("figures", "value_recall"): 0.80,
        ("figures", "as_of_accuracy"): 0.90,
        ("event_links", "f1"): 0.80,
        ("contradictions", "f1"): 0.40,
        ("claims", "recall"): 0.95,
        ("claims", "side_accuracy"): 0.95,
        ("events", "date_accuracy"): 0.90,
        ("events", "place_accuracy"): 0.80,
    },
}


def run_set(name: str, tmp: Path) -> dict[str, Any]:
    """Ingest one golden set into a fresh ledger, export it, score it."""
    src = GOLDEN / name
    gold = yaml.safe_load((src / "gold.yaml").read_text(encoding="utf-8"))
    # the corpus is the texts and their manifest; gold.yaml beside them is not an article
    corpus = tmp / "corpus"
    corpus.mkdir()
    for path in sorted(src.iterdir()):
        if path.suffix == ".txt" or path.name == "manifest.jsonl":
            shutil.copy(path, corpus / path.name)
    result = score_corpus(corpus, gold, tmp, f"golden {name}")
    result["_n_texts"] = sum(1 for p in corpus.iterdir() if p.suffix == ".txt")
    return result


@pytest.fixture(scope="module")
def golden_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    shared_path("tools", "score.py")  # skips with a clear reason when ../shared is absent
    return {name: run_set(name, tmp_path_factory.mktemp(f"golden-{name}")) for name in SETS}


@pytest.mark.parametrize("name", SETS)
def test_gold_file_is_well_formed(name: str) -> None:
    gold = yaml.safe_load((GOLDEN / name / "gold.yaml").read_text(encoding="utf-8"))
    refs = {a["ref"] for a in gold["articles"]}
    texts = {p.name for p in (GOLDEN / name).glob("*.txt")}
    assert refs == texts
    keys = {e["key"] for e in gold["events"]}
    for f in gold["figures"]:
        assert f["article"] in refs
        assert f.get("event") is None or f["event"] in keys, f
        if f.get("best") is None:
            assert f.get("low") is not None or f.get("high") is not None, f
    for c in gold["claims"]:
        assert c["article"] in refs
    for e in gold["events"]:
        assert set(e["article_refs"]) <= refs
    for c in gold.get("contradictions", []):
        assert c["event"] in keys


@pytest.mark.parametrize("name", SETS)
def test_all_golden_articles_ingested(golden_scores: dict[str, dict[str, Any]], name: str) -> None:
    s = golden_scores[name]
    assert s["articles"]["ingested"] == s["articles"]["gold"] == s["_n_texts"]


@pytest.mark.parametrize(("name", "part", "metric"),
                         [(n, p, m) for n in SETS for (p, m) in sorted(FLOORS[n])])
def test_golden_score_floor(golden_scores: dict[str, dict[str, Any]], name: str, part: str, metric: str) -> None:
    value = golden_scores[name][part][metric] or 0.0
    assert value >= FLOORS[name][(part, metric)], f"{name}: {part} {metric} = {value} fell below its floor"
