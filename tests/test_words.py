"""The shared per-Doc token table (extract/words.py) says what spaCy's tokens say."""

from __future__ import annotations

from claimledger.extract.pipeline import make_doc
from claimledger.extract.words import forget_words, remember_text, words_of

from .conftest import full_pipeline as nlp_model
from .conftest import make_article

TEXT = ("Regional officials said on Tuesday that 12 people were killed in Dnipro.\n"
        "The governor, Serhiy Lysak, said rescuers were still at the site.")


def test_the_table_matches_the_tokens() -> None:
    nlp = nlp_model()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(TEXT)
    words = words_of(doc)
    assert words.text == doc.text
    assert len(words) == len(doc)
    for t in doc:
        assert (words.texts[t.i], words.lower[t.i], words.lemma[t.i]) == (t.text, t.lower_, t.lemma_.lower())
        assert (words.pos[t.i], words.dep[t.i]) == (t.pos_, t.dep_)
        assert (words.head[t.i], words.idx[t.i], words.ent_type[t.i]) == (t.head.i, t.idx, t.ent_type_)
        assert words.end(t.i) == t.idx + len(t.text)
    sents = list(doc.sents)
    assert words.sents == [(s.start, s.end) for s in sents]
    assert words.sent_starts == [s.start_char for s in sents]
    assert all(words.sent_of[t.i] == k for k, s in enumerate(sents) for t in s)
    assert words.sent_of_char(sents[-1].start_char + 3) == len(sents) - 1


def test_tokens_touching_is_spacys_expand_alignment() -> None:
    nlp = nlp_model()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(TEXT.replace(" said", "  said"))  # a run of spaces is a token of its own
    words = words_of(doc)
    for start in range(len(doc.text)):
        for end in range(start + 1, len(doc.text) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = range(span.start, span.end) if span is not None else range(0)
            assert words.tokens_touching(start, end) == expected, (start, end)
    assert words.tokens_touching(5, 5) == range(0)
    assert words.tokens_touching(-1, 4) == range(0)
    assert words.tokens_touching(0, len(doc.text) + 1) == range(0)


def test_one_table_per_doc_until_the_annotations_change() -> None:
    nlp = nlp_model()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(TEXT)
    first = words_of(doc)
    assert words_of(doc) is first
    doc.ents = []
    forget_words(doc)
    again = words_of(doc)
    assert again is not first
    assert set(again.ent_type) == {""}


def test_an_empty_or_unparsed_doc_has_a_table() -> None:
    nlp = nlp_model()
    assert len(words_of(nlp.make_doc(""))) == 0
    unparsed = words_of(nlp.make_doc("Two lines\nof text"))
    assert unparsed.sents == [(0, len(unparsed))]
    assert unparsed.pos == [""] * len(unparsed)


def test_the_text_comes_from_the_article_when_it_is_the_docs() -> None:
    nlp = nlp_model()
    article = make_article("Two  spaces, a tab\there and a line break\nat the end ")
    assert words_of(make_doc(nlp, article)).text == article.text
    doc = nlp.make_doc("The words of this Doc")
    remember_text(doc, "Some other, longer text that is not this Doc's")
    assert words_of(doc).text == "The words of this Doc"
