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

from spacy.attrs import IS_SPACE
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
    doc._.cl_furniture = find_furniture(text_of(doc))
    line_start = True
    first_seen = False
    spaces = doc.to_array(IS_SPACE).tolist() if len(doc) else []  # no Token object per word
    for i, is_space in enumerate(spaces):
        if is_space:
            if "\n" in doc[i].text:
                line_start, first_seen = True, False
            continue
        if line_start:
            if i > 0:
                doc[i].is_sent_start = True
            line_start, first_seen = False, True
        elif first_seen:
            doc[i].is_sent_start = False
            first_seen = False
    return doc
