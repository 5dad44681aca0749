"""The ``claimledger_lines`` component: line breaks end sentences, page furniture is marked (before the parser).

    component.py  the spaCy component: sentence starts at line starts -> ``doc._.cl_furniture``
    furniture.py  ``find_furniture(text)``: bylines, captions, links, stamps, prompts, related headlines
"""

from .component import FACTORY, VERSION, mark_line_starts
from .furniture import find_furniture, in_spans

__all__ = ["FACTORY", "VERSION", "find_furniture", "in_spans", "mark_line_starts"]
