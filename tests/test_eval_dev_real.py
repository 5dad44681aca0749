"""Accuracy gate on real reporting: the reference scorer on ../shared/corpus/dev-real against
../shared/gold/dev-real-en.yaml (its 60 English excerpts; the 8 in Russian and Ukrainian are
stored, flagged and not extracted yet) and dev-real.yaml (all 68).

Floors only rise. Each is the value measured when it was last raised, rounded down to 0.01, or
the issue's bar where that is higher than what was measured when the bar was reached. The held-out
sets that count are hidden; tune on dev-real, never on a single text.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from .conftest import load_scorer, score_corpus, shared_path

FLOORS: dict[str, dict[tuple[str, str], float]] = {
    "dev-real-en": {
        ("figures", "f1"): 0.96,
        ("figures", "precision"): 0.96,
        ("figures", "recall"): 0.96,
        ("figures", "value_recall"): 0.98,
        ("figures", "as_of_accuracy"): 0.99,
        ("claims", "recall"): 0.99,
        ("claims", "side_accuracy"): 0.97,
        ("events", "date_accuracy"): 0.93,
        ("events", "place_accuracy"): 0.88,
        ("event_links", "f1"): 0.90,
        ("contradictions", "recall"): 0.99,
        ("contradictions", "precision"): 0.75,
    },
    "dev-real": {
        ("figures", "f1"): 0.89,
        ("figures", "value_recall"): 0.84,
        ("claims", "recall"): 0.92,
        ("claims", "side_accuracy"): 0.97,
        ("event_links", "f1"): 0.77,
    },
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Ingest dev-real once, export it, and score the export against both gold files."""
    corpus = shared_path("corpus", "dev-real", "articles.jsonl")
    tmp = tmp_path_factory.mktemp("dev-real")
    golds = {name: yaml.safe_load(shared_path("gold", f"{name}.yaml").read_text(encoding="utf-8")) for name in FLOORS}
    first, *rest = FLOORS
    out = {first: score_corpus(corpus, golds[first], tmp, first)}
    scorer = load_scorer()
    export = scorer.load_export(str(tmp / "out.jsonl"))
    for name in rest:
        out[name] = scorer.score(golds[name], export)
        print(f"{name} scores:", {k: {kk: vv for kk, vv in v.items() if kk not in ("missed", "spurious")}
                                  for k, v in out[name].items()})
    return out


def test_every_article_is_ingested(scores: dict[str, dict[str, Any]]) -> None:
    for name, result in scores.items():
        assert result["articles"]["ingested"] == result["articles"]["gold"], name


@pytest.mark.parametrize(("name", "part", "metric"), [(n, p, m) for n in FLOORS for (p, m) in sorted(FLOORS[n])])
def test_dev_real_floor(scores: dict[str, dict[str, Any]], name: str, part: str, metric: str) -> None:
    value = scores[name][part][metric] or 0.0
    assert value >= FLOORS[name][(part, metric)], f"{name}: {part} {metric} = {value} fell below its floor"
