"""Incremental linking does as well as linking everything at once: dev-real ingested one article at
a time, in a shuffled order (each ingest extracts the article and links its mentions into the stored
events), scores at the floors of the batch gate (``test_eval_dev_real.py``) on event links and
contradictions. Floors only rise."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimledger import Ledger, Settings

from .conftest import load_scorer, shared_path

FLOORS: dict[str, dict[tuple[str, str], float]] = {
    "dev-real-en": {("event_links", "f1"): 0.87, ("contradictions", "recall"): 0.99},
    "dev-real": {("event_links", "f1"): 0.75},
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    lines = shared_path("corpus", "dev-real", "articles.jsonl").read_text(encoding="utf-8").splitlines()
    random.Random(3).shuffle(lines)
    tmp = tmp_path_factory.mktemp("incremental")
    one = tmp / "one.jsonl"
    with Ledger(tmp / "ledger.db", settings=Settings(cache_dir=None)) as ledger:
        for line in lines:
            one.write_text(line + "\n", encoding="utf-8")
            ledger.ingest([str(one)])
        ledger.export(tmp / "out.jsonl")
    scorer = load_scorer()
    export = scorer.load_export(str(tmp / "out.jsonl"))
    out = {}
    for name in FLOORS:
        gold = yaml.safe_load(Path(shared_path("gold", f"{name}.yaml")).read_text(encoding="utf-8"))
        out[name] = scorer.score(gold, export)
        print(f"{name} incremental:", {k: out[name][k] for k in ("event_links", "contradictions")})
    return out


@pytest.mark.parametrize(("name", "part", "metric"), [(n, p, m) for n in FLOORS for (p, m) in sorted(FLOORS[n])])
def test_incremental_linking_floor(scores: dict[str, dict[str, Any]], name: str, part: str, metric: str) -> None:
    value = scores[name][part][metric] or 0.0
    assert value >= FLOORS[name][(part, metric)], f"{name}: {part} {metric} = {value} fell below its floor"
