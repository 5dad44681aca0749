"""The whole extraction pipeline: model choice, component order, never raising on any text."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger import ModelNotFoundError, Settings
from claimledger.extract import extract, extract_many, extractor_version, find_model, load_nlp
from claimledger.records import Article

from .conftest import full_pipeline, make_article

nlp = full_pipeline  # one pipeline per test process


def article(text: str, *, language: str | None = "en", published: str | None = "2023-01-05") -> Article:
    return make_article(text, published=published, language=language, outlet="Test Outlet")


def test_missing_model_is_a_coded_error_with_the_remedy() -> None:
    with pytest.raises(ModelNotFoundError) as info:
        find_model(Settings(spacy_model="no_such_model_pkg"))
    assert "[CL104]" in str(info.value) and "pip install" in str(info.value)


def test_components_run_in_order_after_ner() -> None:
    names = nlp().pipe_names
    ours = [n for n in names if n.startswith("claimledger_")]
    assert names.index("claimledger_lines") < names.index("parser")
    assert ours[1:] == ["claimledger_places", "claimledger_times", "claimledger_claims", "claimledger_figures",
                    "claimledger_events"]
    assert names.index("ner") < names.index("claimledger_places")


def test_offsets_point_at_the_words() -> None:
    text = ("Russia's Defence Ministry said on Monday that 63 Russian soldiers were killed in Makiivka. "
            "Ukraine's military said about 400 Russian soldiers died.")
    result = extract(article(text), nlp())
    assert result.error is None and result.extractor_version == extractor_version(Settings())
    assert result.figures, "expected figures"
    assert result.claims, "expected claims"
    for fig in result.figures:
        assert text[fig.evidence.start:fig.evidence.end] == fig.evidence.text
        assert text[fig.number.start:fig.number.end] == fig.number.text
    for claim in result.claims:
        assert text[claim.content.start:claim.content.end] == claim.content.text


def test_non_english_is_kept_as_unsupported() -> None:
    result = extract(article("Росія заявила про удар.", language="uk"), nlp())
    assert result.error is not None and result.error.reason.value == "unsupported"


def test_extract_many_keeps_order() -> None:
    arts = [dataclasses.replace(article(f"Officials said {n} soldiers were wounded."), id=f"id{i}")
            for i, n in enumerate((3, 5, 7))]
    ids = [e.article_id for e in extract_many(arts, nlp())]
    assert ids == ["id0", "id1", "id2"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from([None, "2023-01-05", "2025-03-13T10:00:00+00:00", "garbage"]))
def test_never_raises_on_any_text(text: str, published: str | None) -> None:
    result = extract(article(text, published=published), nlp())
    assert result.error is None or result.error.reason.value != "extract_failed", result.error


NEWSY = st.lists(st.sampled_from([
    "At least", "more than", "nearly", "hundreds of", "89", "1,300", "seven", "soldiers", "tanks", "killed",
    "wounded", "said", "\u201c", "\u201d", '"', ":", "Putin", "Zelensky", "the ministry", "Kyiv", "Kursk",
    "on January 7", "at 24:00", "Moscow time", "this week", "according to", ".", ",", "\n", "He said",
]), max_size=60).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_never_raises_on_news_like_text(text: str) -> None:
    result = extract(article(text), nlp())
    assert result.error is None, result.error


def test_worker_processes_give_the_same_records_in_order() -> None:
    texts = ["Officials said 3 soldiers were wounded.", "Kyiv said on Monday that 12 drones were shot down.",
             "Russia's Defence Ministry said 40 Ukrainian troops were killed near Bakhmut.",
             "Росія заявила про удар.", "The ministry said nothing.", ""]
    arts = [dataclasses.replace(article(t, language="uk" if "Росія" in t else "en"), id=f"id{i}")
            for i, t in enumerate(texts)]
    serial = list(extract_many(arts, nlp()))
    parallel = list(extract_many(arts, nlp(), n_process=2, batch_size=2))
    assert [e.article_id for e in parallel] == [f"id{i}" for i in range(len(texts))]
    assert parallel == serial


def test_loading_the_components_leaves_the_models_vocabulary_and_tokenizer_alone() -> None:
    # the gazetteer's names are tokenised on a vocabulary of their own: tens of thousands of lexemes
    # in the model's vocabulary made every article 7% slower, and in its tokenizer's cache 3-4 times
    import spacy

    bare = spacy.load(find_model(Settings()), exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                       "lemmatizer", "ner"])
    assert len(load_nlp(Settings()).vocab) - len(bare.vocab) < 10  # a fresh one: articles add lexemes


def test_the_pipeline_tokenises_like_the_bare_model() -> None:
    import spacy

    bare = spacy.load(find_model(Settings()), exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                       "lemmatizer", "ner"])
    text = ("Kyiv's mayor said 12 people, incl. 3 children, were hurt at 5:30 a.m. in the Dnipro-bound train; "
            "the U.S. envoy (Jan. 3) didn't comment: see https://example.org/a?b=1 #war")
    assert [t.text for t in full_pipeline().make_doc(text)] == [t.text for t in bare.make_doc(text)]
