"""One Doc's token attributes as plain lists, read once and shared by the components.

spaCy builds a new ``Token`` object on every ``doc[i]`` and every pass over a
Doc, and each string attribute (``lower_``, ``lemma_``, ``pos_`` ...) is a
look-up in the vocabulary's string store. The claims, figures and events
components each read most tokens several times; ``words_of(doc)`` reads them
once, with one ``Doc.to_array`` call, and keeps the table on the Doc:

    words = words_of(doc)
    words.lemma[i], words.pos[i], words.head[i], words.sent_of[i], words.text

The table describes the Doc as the parser, tagger and entity recogniser left
it. The places component (the one component that changes annotations: it sets
the entities) reads it too and writes its entities into the table's entity
columns with ``set_entities``; the components after it share the same table. Strings
come from a cache per vocabulary, so a word seen in an earlier article costs a
dictionary look-up.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.tokens import Doc, Span

_KEY = "claimledger.words"
_TEXT_KEY = "claimledger.text"
_COLUMNS = [ORTH, LOWER, LEMMA, POS, DEP, HEAD, IDX, ENT_TYPE, SENT_START]
_STRINGS: dict[int, str] = {}  # hash -> string (spaCy's hashes are the same in every vocabulary)
_LOWERED: dict[int, str] = {}  # hash -> the string in lower case (for lemmas)
_STRINGS_MAX = 500_000  # emptied when it grows past this (a corpus of millions of articles)


@dataclass(frozen=True, slots=True)
class Words:
    """Per token ``i``: ``texts[i]`` as written, ``lower[i]``, ``lemma[i]`` (lower case), ``pos[i]``,
    ``dep[i]``, ``head[i]`` (the head's index), ``idx[i]`` (its first character),
    ``ent_type[i]`` ("" outside an entity) and ``sent_of[i]``; ``sents`` are the parser's sentences as
    token ranges ``(start, end)`` (the whole Doc when it has no sentence boundaries) and ``sent_starts``
    their first characters. ``text`` is the Doc's text (spaCy rebuilds ``Doc.text`` on every access).
    ``ents`` are ``doc.ents`` as ``(start, end, label)`` token ranges, in order (no ``Span`` objects)."""

    text: str
    texts: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    dep: list[str]
    head: list[int]
    idx: list[int]
    ent_type: list[str]
    sents: list[tuple[int, int]]
    sent_of: list[int]
    sent_starts: list[int]
    ents: list[tuple[int, int, str]]

    def __len__(self) -> int:
        return len(self.texts)

    def end(self, i: int) -> int:
        """The character after token ``i``."""
        return self.idx[i] + len(self.texts[i])

    def sent_of_char(self, char: int) -> int:
        """The sentence holding (or last starting before) character ``char``."""
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def tokens_touching(self, start: int, end: int) -> range:
        """The tokens that characters ``[start, end)`` touch, as ``doc.char_span(start, end,
        alignment_mode="expand")`` finds them, without making the Span; empty unless
        ``0 <= start < end <= len(text)``. A start in a token's trailing white space starts at the next token."""
        if not 0 <= start < end <= len(self.text):
            return range(0)
        first = bisect_right(self.idx, start) - 1  # the tokens tile the text: each ends where the next begins
        last = bisect_right(self.idx, end - 1) - 1
        if start == self.end(first):
            first += 1
        return range(first, last + 1)


def words_of(doc: Doc) -> Words:
    """The table of ``doc``, built on the first call and kept on the Doc (see the module docstring)."""
    words = doc.user_data.get(_KEY)
    if words is None:
        words = doc.user_data[_KEY] = _read(doc)
    return words


def remember_text(doc: Doc, text: str) -> None:
    """Keep the text ``doc`` was made from, so the table need not rebuild it from the tokens."""
    doc.user_data[_TEXT_KEY] = text


def text_of(doc: Doc) -> str:
    """The text ``doc`` was made from (``remember_text``), else ``doc.text``."""
    text = doc.user_data.get(_TEXT_KEY)
    if isinstance(text, str) and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text  # spaCy joins the tokens again


def forget_words(doc: Doc) -> None:
    """Drop the table of ``doc`` after its annotations changed (the next ``words_of`` reads them again)."""
    doc.user_data.pop(_KEY, None)


def set_entities(doc: Doc, spans: list[Span]) -> None:
    """Make ``spans`` (labelled, in text order, not overlapping) the entities of ``doc``, as ``doc.ents = spans``
    does, and write them into the entity columns of its table (``ent_type``, ``ents``) without reading the Doc
    again; the other columns stay. A Doc without a table is left so (``words_of`` reads it all later)."""
    doc.set_ents(spans)
    words = doc.user_data.get(_KEY)
    if words is not None:
        ents = [(span.start, span.end, span.label_) for span in spans]
        ent_type = [""] * len(doc)
        for start, end, label in ents:
            ent_type[start:end] = [label] * (end - start)
        doc.user_data[_KEY] = replace(words, ent_type=ent_type, ents=ents)


def _entities(doc: Doc) -> list[tuple[int, int, str]]:
    return [(ent.start, ent.end, ent.label_) for ent in doc.ents]


def _column(doc: Doc, keys: list[int], strings: dict[int, str] = _STRINGS, lower: bool = False) -> list[str]:
    """The strings of ``keys`` (hashes), read from the vocabulary only on a miss of the cache."""
    try:
        return list(map(strings.__getitem__, keys))
    except KeyError:  # words not seen before: read them from the vocabulary once
        store = doc.vocab.strings
        for key in keys:
            if key not in strings:
                strings[key] = store[key].lower() if lower else store[key]
        return list(map(strings.__getitem__, keys))


def _read(doc: Doc) -> Words:
    if len(_STRINGS) > _STRINGS_MAX:
        _STRINGS.clear()
        _LOWERED.clear()
    _STRINGS[0] = ""  # no value (no entity, no dependency)

    size = len(doc)
    if size:
        array = doc.to_array(_COLUMNS)
        orth, low, lem, pos, dep, _, idx, ent, _ = array.T.tolist()
        # to_array gives each head as an offset from its token (signed, stored unsigned)
        heads = (array[:, _COLUMNS.index(HEAD)].view("int64") + numpy.arange(size)).tolist()
        # a sentence starts at 1; the first token always does (unset boundaries are 0 everywhere)
        starts = (numpy.flatnonzero(array[1:, _COLUMNS.index(SENT_START)] == 1) + 1).tolist()
    else:
        orth = low = lem = pos = dep = heads = idx = ent = starts = []
    texts = _column(doc, orth)
    lemma = _column(doc, lem, _LOWERED, lower=True)
    bounds = [0, *starts, size]
    sents = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a] or [(0, size)]
    sent_of = [0] * size
    for number, (a, b) in enumerate(sents):
        sent_of[a:b] = [number] * (b - a)
    sent_starts = [idx[a] if a < size else 0 for a, _ in sents]
    return Words(text_of(doc), texts, _column(doc, low), lemma, _column(doc, pos), _column(doc, dep), heads, idx,
                 _column(doc, ent), sents, sent_of, sent_starts, _entities(doc))
