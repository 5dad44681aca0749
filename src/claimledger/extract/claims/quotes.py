"""Direct quotations in a text: where each quote opens and closes.

Straight (") and typographic (“ ” „ « ») double quotes are paired per paragraph with a small
stack, so nested scare quotes ("a "temporary truce" begins") stay inside the outer quote. A
straight quote is an opener when it follows white space or an opening bracket/colon and is
followed by a non-space, a closer in the mirror case, else it toggles. A quote still open at
the end of a paragraph runs to the paragraph's end; when the next paragraph opens a quote
again it continues the same quotation (the newspaper convention for multi-paragraph quotes).
Stray closers are ignored; nothing here raises on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
_MARKS = re.compile('["“„«”»]')  # STRAIGHT, OPENERS and CLOSERS: the characters worth a look
_OPEN_BEFORE = frozenset(" \t\n([{:—–-")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``start``/``end`` bound the words inside the marks (end exclusive).

    ``open_at`` is the index of the opening mark; ``close_at`` that of the closing mark, or
    None when the paragraph ended first. ``chain`` numbers multi-paragraph quotations: quotes
    that continue one another share it.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    chain: int


def _role(text: str, i: int) -> str:
    ch = text[i]
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before in _OPEN_BEFORE and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "toggle"


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order."""
    quotes: list[Quote] = []
    chain = 0
    previous_unclosed = False
    pos = 0
    for paragraph in text.split("\n"):
        p_start, p_end = pos, pos + len(paragraph)
        pos = p_end + 1
        depth = 0
        open_at = -1
        first_in_paragraph = True
        leading = len(paragraph) - len(paragraph.lstrip())
        for mark in _MARKS.finditer(text, p_start, p_end):
            i = mark.start()
            role = _role(text, i)
            if role == "toggle":
                role = "close" if depth else "open"
            if role == "open":
                if depth == 0:
                    open_at = i
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    continues = first_in_paragraph and previous_unclosed and open_at == p_start + leading
                    if not continues:
                        chain += 1
                    quotes.append(Quote(open_at + 1, i, open_at, i, chain))
                    first_in_paragraph = False
                    previous_unclosed = False
        if depth:
            continues = first_in_paragraph and previous_unclosed and open_at == p_start + leading
            if not continues:
                chain += 1
            end = p_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(open_at + 1, end, open_at, None, chain))
            previous_unclosed = True
        elif paragraph.strip() and not paragraph.strip().isupper():
            previous_unclosed = False  # an all-caps line ("READ MORE") does not end a quotation
    return quotes
