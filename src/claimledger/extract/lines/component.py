"""Line breaks end sentences: the ``claimledger_lines`` component.

News text arrives as lines: a headline, a dateline, paragraphs. spaCy's parser
often runs a headline into the first paragraph, which lets a headline's verb
claim the lede's numbers. This component runs before the parser and marks the
first token after every line break as a sentence start (the parser keeps
preset boundaries). It also keeps the second token of a line in the first one's
sentence, since a preset start otherwise tempts the parser to cut a dateline
("MOSCOW, January 8 -") after its first word.

It then marks the page furniture (``furniture.find_furniture``: bylines,
captions, "Read more" links, stamps, prompts, related headlines) as
``doc._.cl_furniture``; later components take no date, place or event trigger
from it (``extensions.in_furniture``).
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions
from ..words import text_of
from .furniture import find_furniture

FACTORY = "claimledger_lines"
VERSION = "2"


@Language.component(FACTORY, assigns=["token.is_sent_start", "doc._.cl_furniture"])
def mark_line_starts(doc: Doc) -> Doc:
    """Set sentence starts at line starts and mark the furniture lines (see the module docstring)."""
    extensions.register()
    text = text_of(doc)
    doc._.cl_furniture = find_furniture(text)
    if not len(doc):
        return doc
    # one array read and one write, no Token object per word (as ``token.is_sent_start = True / False``)
    array = doc.to_array([IS_SPACE, IDX, SENT_START]).view("int64")  # a sentence start is 1, -1 or 0 (unset)
    spaces, idx, sent_start = array.T.tolist()
    marks: dict[int, int] = {}
    line_start = True
    first_seen = False
    for i, is_space in enumerate(spaces):
        if is_space:
            if "\n" in text[idx[i]:idx[i + 1] if i + 1 < len(idx) else len(text)]:  # the token and its space
                line_start, first_seen = True, False
            continue
        if line_start:
            if i > 0:
                marks[i] = 1
            line_start, first_seen = False, True
        elif first_seen:
            marks[i] = -1
            first_seen = False
    if marks:
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # what setting ``is_sent_start`` on a parsed Doc raises
        for i, value in marks.items():
            sent_start[i] = value
        column = numpy.array(sent_start, dtype="int64").view("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], column)  # type: ignore[arg-type]  # the stub wants thinc's Ints2d alias
    return doc
