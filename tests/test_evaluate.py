"""The error report for annotators: `claimledger evaluate GOLD` (src/claimledger/evaluate.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimledger.evaluate import evaluate, report_lines

from .conftest import Run, load_scorer, shared_path

GOLD: dict[str, Any] = {
    "articles": [{"ref": "a1", "published": "2024-03-02"}, {"ref": "a2", "published": "2024-03-03"}],
    "events": [
        {"key": "depot", "type": "strike", "date_start": "2024-03-01", "date_also": ["2024-03-02"],
         "place": {"name": "Kharkiv", "lat": 49.99, "lon": 36.23}, "article_refs": ["a1", "a2"]},
    ],
    "figures": [
        {"article": "a1", "measure": "killed", "subject_side": "russia", "best": 12, "low": 12, "high": 12,
         "claimant": {"name": "Ukrainian General Staff", "side": "ukraine", "kind": "official"}},
        {"article": "a1", "measure": "wounded", "subject_side": "russia", "best": 30,
         "claimant": {"name": "Ukrainian General Staff", "side": "ukraine", "kind": "official"}},
        {"article": "a1", "measure": "tanks", "subject_side": "russia", "best": 4,
         "claimant": {"name": "Ukrainian General Staff", "side": "ukraine", "kind": "official"}},
        {"article": "a2", "measure": "civilians_killed", "subject_side": "civilians", "best": 3,
         "claimant": {"name": "Oleh Syniehubov", "side": "ukraine", "kind": "official"}},
        {"article": "a2", "measure": "drones", "subject_side": "russia", "best": 20,
         "claimant": {"name": "Ukrainian Air Force", "side": "ukraine", "kind": "official"},
         "claimant_also": [{"kind": "outlet"}]},
        {"article": "a2", "measure": "missiles", "subject_side": "russia", "best": 2, "optional": True,
         "claimant": {"name": "Ukrainian Air Force", "side": "ukraine", "kind": "official"}},
    ],
    "claims": [
        {"article": "a1", "claimant": {"name": "Ukrainian General Staff", "side": "ukraine"}, "mode": "indirect"},
        {"article": "a2", "claimant": {"name": "Oleh Syniehubov", "side": "ukraine"}, "mode": "indirect"},
        {"article": "a2", "claimant": {"name": "Russian Ministry of Defence", "side": "russia"}, "mode": "indirect"},
    ],
}


def figure(ref: str, measure: str, subject: str, best: float, side: str, kind: str = "official",
           text: str = "a sentence") -> dict[str, Any]:
    return {"record": "figure", "article_ref": ref, "measure": measure, "subject_side": subject, "low": best,
            "best": best, "high": best, "claimant": {"name": "someone", "side": side, "kind": kind},
            "evidence": {"start": 0, "end": len(text), "text": text}}


RECORDS: list[dict[str, Any]] = [
    {"record": "article", "id": "x1", "ref": "a1", "outlet": "Kyiv Wire"},
    {"record": "article", "id": "x2", "ref": "a2", "outlet": "Daily Desk"},
    figure("a1", "killed", "russia", 12, "ukraine"),  # found
    figure("a1", "wounded", "russia", 30, "independent", "outlet"),  # right count, wrong claimant side
    figure("a1", "tanks", "ukraine", 4, "ukraine"),  # right value and measure, wrong subject
    figure("a2", "killed", "civilians", 3, "ukraine"),  # right value, wrong measure
    figure("a2", "drones", "russia", 20, "independent", "outlet"),  # found through claimant_also
    figure("a2", "missiles", "russia", 2, "ukraine"),  # optional: neither rewarded nor penalised
    figure("a2", "strikes", "russia", 7, "ukraine", text="Seven strikes hit the region overnight."),  # spurious
    {"record": "claim", "article_ref": "a1", "claimant": {"name": "General Staff", "side": "ukraine"}},
    {"record": "claim", "article_ref": "a2", "claimant": {"name": "Oleh Syniehubov", "side": "russia"}},
    {"record": "event", "type": "casualty_report", "date_start": "2024-03-02", "article_refs": ["a1", "a2"],
     "place": {"name": "Kharkiv", "lat": 50.0, "lon": 36.25}},
]


def test_every_gold_figure_gets_one_verdict() -> None:
    result = evaluate(GOLD, RECORDS)
    verdicts = {(v.gold["article"], v.gold["measure"]): v.verdict for a in result.articles for v in a.figures}
    assert verdicts == {("a1", "killed"): "found", ("a1", "wounded"): "claimant", ("a1", "tanks"): "subject",
                        ("a2", "civilians_killed"): "measure", ("a2", "drones"): "found"}
    spurious = [p["measure"] for a in result.articles for p in a.spurious]
    assert sorted(spurious) == ["killed", "strikes", "tanks", "wounded"]


def test_summary_follows_the_gold_format_rules() -> None:
    summary = evaluate(GOLD, RECORDS).summary()
    # 7 predictions, the optional one left out -> 6 counted, 2 right; 5 required gold figures, 2 found
    assert summary["figures"]["predicted"] == 6 and summary["figures"]["gold"] == 5
    assert summary["figures"]["precision"] == 0.333 and summary["figures"]["recall"] == 0.4
    assert summary["figures"]["value_recall"] == 0.6  # killed, wounded, drones have their slot filled
    assert summary["claims"] == {"recall": 0.667, "side_accuracy": 0.5}
    assert summary["event_links"]["f1"] == 1.0  # casualty_report and strike are one family
    assert summary["events"] == {"gold": 1, "matched": 1, "date_accuracy": 1.0, "place_accuracy": 1.0}


def test_report_names_what_went_wrong() -> None:
    lines = report_lines(evaluate(GOLD, RECORDS), only_errors=True)
    text = "\n".join(lines)
    assert "claimant wounded 30 of russia" in text
    assert "got: wounded 30 of russia, claimed by someone (independent)" in text
    assert "spurious strikes 7 of russia" in text and "in: Seven strikes hit the region overnight." in text
    assert "claim missed: Russian Ministry of Defence (russia, indirect)" in text
    assert "claim side: Oleh Syniehubov is ukraine, got russia" in text
    assert "found    killed" not in text  # --errors leaves out what is right


def test_cli_scores_an_export_file(cli: Run, tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump(GOLD), encoding="utf-8")
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    shown = cli("evaluate", str(gold), "--export", str(export))
    assert shown.returncode == 0, shown.stderr
    assert "figures  P 0.333  R 0.400  F1 0.364" in shown.stdout
    assert "subject  tanks 4 of russia" in shown.stdout
    as_json = cli("evaluate", str(gold), "--export", str(export), "--json")
    assert json.loads(as_json.stdout)["figures"]["f1"] == 0.364


def test_cli_refuses_a_file_that_is_not_gold(cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "notes.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    shown = cli("evaluate", str(bad), "--export", str(tmp_path / "none.jsonl"))
    assert shown.returncode == 2
    assert "CL110" in shown.stderr and "Traceback" not in shown.stderr


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = shared_path("corpus", "seeds")
    tmp = tmp_path_factory.mktemp("evaluate")
    env = {**os.environ, "CLAIMLEDGER_DB": str(tmp / "ledger.db")}
    run = [sys.executable, "-m", "claimledger"]
    subprocess.run([*run, "ingest", str(seeds)], check=True, capture_output=True, env=env, timeout=600)
    out = tmp / "out.jsonl"
    subprocess.run([*run, "export", "--output", str(out)], check=True, capture_output=True, env=env, timeout=600)
    return out


def test_agrees_with_the_reference_scorer_on_the_seeds(seed_export: Path) -> None:
    gold = yaml.safe_load(shared_path("gold", "seeds.yaml").read_text(encoding="utf-8"))
    scorer = load_scorer()
    reference = scorer.score(gold, scorer.load_export(str(seed_export)))
    records = [json.loads(line) for line in seed_export.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours = evaluate(gold, records).summary()
    for part, metric in (("figures", "f1"), ("figures", "precision"), ("figures", "value_recall"),
                         ("figures", "as_of_accuracy"), ("claims", "recall"), ("claims", "side_accuracy"),
                         ("event_links", "f1"), ("events", "date_accuracy"), ("events", "place_accuracy"),
                         ("events", "matched")):
        assert ours[part][metric] == reference[part][metric], (part, metric)
