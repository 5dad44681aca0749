"""Texts that once failed extraction, how a failure is contained to its article, and long texts."""

from __future__ import annotations

import dataclasses
import random

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.demo import samples_dir
from claimledger.extract import extract, extract_many
from claimledger.extract.chunks import merge_parts, split_text
from claimledger.records import Article, Claim, Claimant, EventMention, Extraction, Figure, Span

from .conftest import full_pipeline, make_article

CALLS: list[str] = []


@Language.component("test_fails_on_boom")
def fails_on_boom(doc: Doc) -> Doc:
    CALLS.append(doc.text)
    if "BOOM" in doc.text:
        return {}["  "]  # type: ignore[no-any-return]  # a KeyError deep in a component, as actors.py once had
    return doc


class FailsBatches:
    """A component with its own ``pipe`` and no error handler: a failure there takes its whole batch."""

    def __call__(self, doc: Doc) -> Doc:
        if "CRASH" in doc.text:
            raise ValueError("batch-level failure")
        return doc

    def pipe(self, docs: list[Doc], batch_size: int = 8) -> object:
        batch = list(docs)
        for doc in batch:
            self(doc)
        yield from batch


@Language.factory("test_fails_batches")
def make_fails_batches(nlp: Language, name: str) -> FailsBatches:
    return FailsBatches()


def blank(component: str) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe(component)
    return nlp


def articles(texts: list[str]) -> list[Article]:
    return [dataclasses.replace(make_article(t), id=f"a{i:02d}", ref=f"a{i:02d}.txt") for i, t in enumerate(texts)]


def test_double_spaces_beside_names_extract() -> None:
    # a surname key of white space once made a KeyError in the actors' surname pass
    for text in ("Zed  Ukraine's  Ukraine's\n", "Zed  Ukraine's\n\nUkraine's  Zed  said  it.",
                 "Lt Gen Sergei O’Brien spoke. Later O'Brien said 5 soldiers were killed."):
        result = extract(make_article(text), full_pipeline())
        assert result.error is None, result.error


def test_a_failure_is_its_articles_alone_and_names_the_real_cause() -> None:
    texts = [f"Report number {n} about the front." for n in range(40)]
    texts[17] = "Report BOOM about the front."
    CALLS.clear()
    results = list(extract_many(articles(texts), blank("test_fails_on_boom"), batch_size=8))
    assert [r.article_id for r in results] == [f"a{i:02d}" for i in range(40)]
    failed = [r for r in results if r.error is not None]
    assert [r.article_id for r in failed] == ["a17"]
    error = failed[0].error
    assert error is not None and error.reason.value == "extract_failed" and error.source == "a17.txt"
    assert error.message.startswith("KeyError: '  ' in test_fails_on_boom")
    assert "E109" not in error.message and "initialize" not in error.message
    assert len(CALLS) == 40  # each text went through once: no batch was run again


def test_a_component_failing_its_whole_batch_costs_only_the_culprit() -> None:
    texts = [f"Report number {n}." for n in range(12)]
    texts[5] = "Report CRASH."
    results = list(extract_many(articles(texts), blank("test_fails_batches"), batch_size=4))
    assert [r.article_id for r in results] == [f"a{i:02d}" for i in range(12)]
    assert [r.article_id for r in results if r.error is not None] == ["a05"]
    assert results[5].error is not None and "ValueError: batch-level failure" in results[5].error.message


def test_texts_over_the_models_limit_are_extracted_in_pieces() -> None:
    nlp = blank("test_fails_on_boom")
    nlp.max_length = 1000  # spaCy's E088 limit, made small
    text = "\n\n".join(f"Paragraph {n}: " + "words and more words. " * 20 for n in range(30))
    assert len(text) > 10 * nlp.max_length
    [result] = extract_many(articles([text]), nlp)
    assert result.error is None


def test_split_text_cuts_between_paragraphs_then_lines_then_words() -> None:
    text = "\n\n".join("x" * 30 for _ in range(10))
    pieces = split_text(text, 100)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(end == nxt for (_, end), (nxt, _) in zip(pieces, pieces[1:], strict=False))
    assert all(0 < end - start <= 100 for start, end in pieces)
    assert all(text[end - 2:end] == "\n\n" for _start, end in pieces[:-1])
    assert split_text("one line\nanother line here", 12) == [(0, 9), (9, 17), (17, 26)]
    assert split_text("nospacesatall" * 3, 10) == [(0, 10), (10, 20), (20, 30), (30, 39)]
    assert split_text("", 10) == [(0, 0)]


def _part(article_id: str, text: str, start: int, end: int) -> Extraction:
    who = Claimant("Ministry", "the ministry", "russia", "official")
    span = Span(start, end, text[start:end])
    claim = Claim(f"{article_id}:c1", article_id, who, "said", "indirect", "asserts", False, None, span,
                  event_id=f"{article_id}:e1")
    figure = Figure(f"{article_id}:f2", article_id, "killed", "ukraine", 5, 5, 5, "exact", who, span, span,
                    claim_id=f"{article_id}:c1", event_id=f"{article_id}:e1")
    reading = dataclasses.replace(figure, id=f"{article_id}:f2.1", subject_side="russia")  # "each side lost 5"
    event = EventMention(f"{article_id}:e1", article_id, "strike", "Strike", span,
                         claim_ids=(f"{article_id}:c1",), figure_ids=(f"{article_id}:f2", f"{article_id}:f2.1"))
    return Extraction(article_id, "v", claims=(claim,), figures=(figure, reading), events=(event,))


def test_merged_pieces_point_into_the_whole_text_with_unique_linked_ids() -> None:
    text = "First piece says 5 died.\n\nSecond piece says 5 died.\n\nThird piece says 5 died."
    starts = [0, 26, 53]
    parts = [(s, _part("art", text[s:], 0, 10)) for s in starts]
    merged = merge_parts("art", "v", parts)
    assert [c.id for c in merged.claims] == ["art:c1", "art:c2", "art:c3"]
    assert [f.id for f in merged.figures] == ["art:f2", "art:f2.1", "art:f4", "art:f4.1", "art:f6", "art:f6.1"]
    assert [e.id for e in merged.events] == ["art:e1", "art:e2", "art:e3"]
    for claim, figure, reading, event in zip(merged.claims, merged.figures[::2], merged.figures[1::2],
                                             merged.events, strict=True):
        assert text[claim.content.start:claim.content.end] == claim.content.text
        assert text[figure.number.start:figure.number.end] == figure.number.text
        assert claim.event_id == figure.event_id == reading.event_id == event.id
        assert figure.claim_id == reading.claim_id == claim.id and event.claim_ids == (claim.id,)
        assert event.figure_ids == (figure.id, reading.id)


def test_real_records_from_later_pieces_slice_the_whole_text() -> None:
    paragraphs = [line for path in sorted(samples_dir().glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines()[1:]
                  if line.strip() and "sample" not in line.lower()]
    rng = random.Random(5)
    text = "\n\n".join(rng.choice(paragraphs) for _ in range(40))
    whole = extract(make_article(text), full_pipeline(), chunk_chars=len(text) + 1)
    pieces = extract(make_article(text), full_pipeline(), chunk_chars=1500)
    assert pieces.error is None and len(split_text(text, 1500)) >= 4
    late = [c for c in pieces.claims if c.content.start > 1500]
    assert late and pieces.figures and pieces.places and pieces.times
    spans = [s for c in pieces.claims for s in (c.content, c.claimant_span, c.cue_span) if s is not None]
    spans += [s for f in pieces.figures for s in (f.evidence, f.number)]
    spans += [e.trigger for e in pieces.events] + [p.span for p in pieces.places] + [t.span for t in pieces.times]
    assert all(text[s.start:s.end] == s.text for s in spans)
    for records in (pieces.claims, pieces.figures, pieces.events):
        assert len({r.id for r in records}) == len(records)
    claim_ids, event_ids = {c.id for c in pieces.claims}, {e.id for e in pieces.events}
    assert all(f.claim_id in claim_ids for f in pieces.figures if f.claim_id)
    assert all(f.event_id in event_ids for f in pieces.figures if f.event_id)
    # cutting between paragraphs keeps most of what the whole text gives
    assert len(pieces.figures) >= 0.8 * len(whole.figures)
