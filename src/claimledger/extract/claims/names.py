"""People's names that the small English model does not tag as PERSON, found from the title
next to them (helpers for ``actors.py``).

A run of two or three capitalised proper nouns is a person's name when

1. a title word stands right before it ("Mayor Oleksandr Goncharenko", "lawmaker Ihor
   Mosiychuk", "Ambassador to Ukraine Bridget Brink": the title, then "to/of" and a place);
2. an office of the profile or an organisation whose words hold a title stands right before
   it ("the UN High Commissioner for Human Rights Volker Turk");
3. a title is set off by commas right after it ("Natalya Eismont, press secretary of ...",
   "Igor Mosiychuk, a former MP ...") or it is set off right after a title ("Mayor of Rivne,
   Oleksandr Tretyak,").

The words of the run must not be a place, an actor already found, a title or a stoplisted
name. Such runs are often tagged ORG or GPE ("Ukraine Bridget Brink"), or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from ..words import Words, words_of

_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LOC", "FAC",
                        "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_LINKS = frozenset({"to", "of", "for", "in"})


def _name_like(words: Words, i: int) -> bool:
    word = words.texts[i]
    return (words.pos[i] == "PROPN" and word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()
            and not word.isupper() and words.ent_type[i] not in _NOT_NAMES)


def titled_names(doc: Doc, is_title: Callable[[str], bool], is_stopword: Callable[[str], bool],
                 taken: Sequence[tuple[int, int]], titled_mention_end: Callable[[int], bool],
                 text: str) -> list[list[Token]]:
    """Runs of tokens that name a person by the rules of the module docstring, in text order.

    ``is_title(word)``: a title word; ``is_stopword(name)``: never a person; ``taken``: character
    ranges already claimed (places, actors); ``titled_mention_end(char)``: whether an office or
    titled organisation ends at ``char``; ``text`` is ``doc.text`` (spaCy rebuilds it on every access)."""
    found: list[list[Token]] = []
    i = 0
    n = len(doc)
    words = words_of(doc)
    claimed = [False] * n  # tokens overlapping a taken range
    for s, e in taken:
        for k in words.tokens_touching(s, e):
            claimed[k] = True
    free = [not claimed[k] and _name_like(words, k) and not is_title(words.texts[k]) for k in range(n)]

    while i < n:
        if not free[i]:
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and free[j]:
            j += 1
        run = list(doc[i:j])
        i = j
        if not 2 <= len(run) <= 3 or (j < n and _name_like(words, j) and not is_title(words.texts[j])):
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        if is_stopword(text[start:end]):
            continue
        if any(t.ent_type_ == "GPE" for t in run) and not _apposed_title(run, is_title):
            continue
        if _title_before(doc, run[0].i, is_title) or titled_mention_end(_end_before(doc, run[0].i)) \
                or _apposed_title(run, is_title):
            found.append(run)
    return found


def _end_before(doc: Doc, i: int) -> int:
    return doc[i - 1].idx + len(doc[i - 1].text) if i > 0 else -1


def _title_before(doc: Doc, i: int, is_title: Callable[[str], bool]) -> bool:
    """A title right before token ``i``, or a title, "to/of" and one or two proper nouns
    ("Ambassador to Ukraine", "Governor of Kharkiv")."""
    if i == 0:
        return False
    if is_title(doc[i - 1].text) and doc[i - 1].text[:1].isalpha():
        return True
    k = i - 1
    while k > 0 and i - k <= 2 and doc[k].pos_ == "PROPN":
        k -= 1
    return k < i - 1 and doc[k].lower_ in _LINKS and k > 0 and is_title(doc[k - 1].text)


def _apposed_title(run: list[Token], is_title: Callable[[str], bool]) -> bool:
    """", press secretary of ..." / ", a former MP ..." after the run, or the run set off by a
    comma right after a title ("Mayor of Rivne, Oleksandr Tretyak,")."""
    doc = run[0].doc
    after = run[-1].i + 1
    if after < len(doc) and doc[after].text == ",":
        words = [t for t in doc[after + 1:after + 5] if t.text not in (",", ";")][:4]
        skip = 0
        while skip < len(words) and words[skip].pos_ in ("DET", "ADJ"):
            skip += 1
        if skip < len(words) and words[skip].pos_ in ("NOUN", "PROPN") and any(is_title(t.text) for t in words):
            return True
    head = run[-1]
    return head.dep_ == "appos" and is_title(head.head.text) and run[0].i > 0 and doc[run[0].i - 1].text == ","
