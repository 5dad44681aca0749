"""Tally lists and back-references for the figures component.

Two shapes of news text that spread one claim over several sentences:

1. One item per line ("tanks – 6,534 (+8);" then "armored combat vehicles – 12,425 (+15);"),
   as Ukrainian outlets print the General Staff's daily tally. ``TallyLists.find`` groups
   two or more consecutive list-item sentences into one list, with the sentence that
   introduces it (``head``: "the approximate combat losses of the enemy are as follows:")
   and the one after it (``after``: "The figures were published by the General Staff.").
   Every item shares the list's loss context, claimant, subject side and as_of date.
2. An attribution in the next sentence that points back ("This was reported by the
   General Staff of the Armed Forces of Ukraine on Facebook"): ``back_reference`` turns
   it into the claimant of the previous sentence's figures; ``named_before`` finds the full
   name ("the General Staff of the Armed Forces of Ukraine") of a short one ("the General Staff").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records import Claim, Claimant, Figure
from .index import SentenceIndex, normalise

# "tanks – 6,534 (+8);", "personnel: about 409,010", "• MLRS — 999": a short label, a dash or
# colon, then the number (a qualifier word may stand between)
_ITEM = re.compile(
    r"^[\W_]{0,3}[A-Za-z][A-Za-z0-9/ ,'()\-]{0,60}?\s*[–—−‒:-]\s*"
    r"(?:(?:about|approximately|around|over|more than|some|nearly|almost|up to|~)\s*)?\d",
    re.IGNORECASE,
)
_MAX_ITEM_CHARS = 160
_BACK_REFERENCE = re.compile(
    r"^(?:this|that|these|it|the (?:figures?|data|numbers?|information|report))\s+"
    r"(?:was|were|is|are|has been|have been)\s+(?:\w+ly\s+)?"
    r"(?:reported|announced|stated|said|published|posted|confirmed|released|disclosed|compiled|provided|issued)"
    r"\s+by\s+"
    r"(?P<who>.+?)(?=\s+(?:on|in|at|via|through|during|citing|an?)\b|\s*[,.;(]|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TallyList:
    """Consecutive list-item sentences ``first``..``last`` with their neighbours."""

    first: int
    last: int
    head: int | None  # the sentence introducing the list
    after: int | None  # the sentence right after it


class TallyLists:
    """The one-item-per-line lists of a Doc, found once per Doc."""

    def __init__(self, index: SentenceIndex) -> None:
        self.index = index
        self._of: dict[int, TallyList] = {}
        items = [self._is_item(s) for s in range(len(index.sents))]
        s = 0
        while s < len(items):
            if not items[s]:
                s += 1
                continue
            e = s
            while e + 1 < len(items) and items[e + 1]:
                e += 1
            if e > s:
                block = TallyList(s, e, s - 1 if s > 0 else None, e + 1 if e + 1 < len(items) else None)
                for k in range(s, e + 1):
                    self._of[k] = block
            s = e + 1

    def _is_item(self, sent: int) -> bool:
        a, b = self.index.sent_chars(sent)
        return b - a <= _MAX_ITEM_CHARS and _ITEM.match(self.index.text[a:b]) is not None

    def of(self, sent: int) -> TallyList | None:
        return self._of.get(sent)

    def loss_context(self, sent: int) -> bool:
        """The sentence's own loss context, or (for a list item) its list's or head's."""
        index = self.index
        if index.loss_context(sent):
            return True
        block = self._of.get(sent)
        if block is None:
            return False
        sents = [*range(block.first, block.last + 1), *([block.head] if block.head is not None else [])]
        return any(index.loss_context(s) for s in sents)

    def context_sentences(self, sent: int) -> list[int]:
        """Where a list item's claimant may be named: its head, then the sentence after the list."""
        block = self._of.get(sent)
        if block is None:
            return []
        return [s for s in (block.head, block.after) if s is not None]

    def head_side(self, sent: int, claimant_side: str) -> str | None:
        """The side whose losses a list counts, from its head ("losses of the enemy", "Russia's losses")."""
        block = self._of.get(sent)
        if block is None or block.head is None:
            return None
        index = self.index
        a, b = index.sents[block.head]
        for j in range(a, b):
            if index.words[j] in index.vocab.enemy_words:
                return index.vocab.opposites.get(claimant_side)
        loser = index.loser_side(block.head, b)
        if loser is not None:
            return loser
        return None

    def as_of(self, sent: int) -> str | None:
        """The list's date: "as of <date>" in its head, else the publication day (a list is a tally)."""
        block = self._of.get(sent)
        if block is None:
            return None
        index = self.index
        if block.head is not None:
            dated = index.as_of(block.head, 0)
            if dated is not None:
                return dated
        return index.as_of(sent, 2)


def back_reference(index: SentenceIndex, sent: int) -> Claimant | None:
    """"This was reported by the General Staff of ..." in sentence ``sent``: who reported the one before."""
    if sent < 0 or sent >= len(index.sents):
        return None
    a, b = index.sent_chars(sent)
    m = _BACK_REFERENCE.match(index.text[a:b])
    if m is None:
        return None
    who = re.sub(r"^(?:the|a|an)\s+", "", m.group("who").strip(), flags=re.IGNORECASE)
    texts = re.findall(r"[\w']+", who)
    words = [normalise(w) for w in texts]
    side = next((hit[0] for j in range(len(words)) if (hit := index.vocab.sides.match_at(words, j, texts))), None)
    if side is None:
        return None
    kind = "official" if index.vocab.official_words.contains(words) else "unofficial"
    return Claimant(name=who, mention=m.group("who").strip(), side=side, kind=kind)


def is_object_of(index: SentenceIndex, token: int, verb: int) -> bool:
    """True when the phrase holding ``token`` hangs from ``verb`` as its object (not its subject)."""
    tok = index.doc[token]
    for _ in range(6):
        if tok.head.i == verb:
            return tok.dep_ in ("dobj", "obj", "attr", "oprd")
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def named_before(claimant: Claimant, figures: list[Figure], claims: list[Claim]) -> Claimant | None:
    """A claimant of unknown side ("the General Staff") named in full earlier ("the General Staff of
    the Armed Forces of Ukraine"): that fuller claimant. Only names of two or more words."""
    key = " ".join((claimant.name or "").lower().removeprefix("the ").split())
    if len(key.split()) < 2:
        return None
    for other in [f.claimant for f in reversed(figures)] + [c.claimant for c in claims]:
        if other.side not in ("unknown", "independent") and other.kind != "outlet" \
                and key in (other.name or "").lower():
            return other
    return None


__all__ = ["TallyList", "TallyLists", "back_reference", "is_object_of", "named_before"]
