"""A Doc's parse as the events component reads it: token indices over the shared token table.

spaCy builds a new ``Token`` or ``Span`` object on every ``doc[i]``, ``doc.char_span``, ``token.head``,
``token.children`` and ``span.root``; the events component asks these questions many times per trigger.
``Parse`` answers them with plain integers from ``words_of(doc)`` (heads, dependency labels, lemmas,
parts of speech) and gives the same answers as spaCy:

- ``span(start, end)``: the tokens ``doc.char_span(start, end, alignment_mode="expand")`` covers;
- ``root(first, end)``: the index of ``doc[first:end].root``;
- ``children(i)`` / ``ancestors(i)``: those of ``doc[i]``, in spaCy's order; ``tag(i)``: its ``tag_``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..words import Words, words_of


class Parse:
    """One Doc's parse (see the module docstring); built once per Doc by the events component."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.words: Words = words_of(doc)
        self._children: list[list[int]] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The tokens ``first:last`` that ``doc.char_span(start, end, alignment_mode="expand")`` covers
        (``Words.tokens_touching``); ``first >= last`` where it gives None or an empty span."""
        tokens = self.words.tokens_touching(start, end)
        return tokens.start, tokens.stop

    def root(self, first: int, end: int) -> int:
        """The index of ``doc[first:end].root``: a sentence root in the span, else the one token whose head
        lies outside it (spaCy's own rule decides between several)."""
        head = self.words.head
        outside = []
        for i in range(first, end):
            if head[i] == i:
                return i
            if not first <= head[i] < end:
                outside.append(i)
        if len(outside) == 1:
            return outside[0]
        return int(self.doc[first:end].root.i)

    def tag(self, i: int) -> str:
        """The fine-grained tag of token ``i`` (``Token.tag_``; few are read, so not kept in the table)."""
        return str(self.doc[i].tag_)

    def children(self, i: int) -> list[int]:
        """The tokens whose head is token ``i``, in text order (``Token.children``)."""
        if self._children is None:
            self._children = [[] for _ in self.words.head]
            for k, h in enumerate(self.words.head):
                if h != k:
                    self._children[h].append(k)
        return self._children[i]

    def ancestors(self, i: int) -> Iterator[int]:
        """The heads above token ``i``, nearest first (``Token.ancestors``)."""
        head = self.words.head
        for _ in range(len(head)):
            if head[i] == i:
                return
            i = head[i]
            yield i
