"""Cues of a passage the figures cascades read: admissions, homecomings, deployments, background
labels, people present (on board, "there were"), both sides counted alike, truces and violations, and
the side a party accuses. Plain functions over the per-Doc :class:`SentenceIndex`."""

from __future__ import annotations

import re

from .index import SentenceIndex
from .vocabulary import normalise, normalised

ADMISSION_NOUNS = normalised("admission", "acknowledgement", "acknowledgment")
BACKGROUND_LABEL = re.compile(r"(?:Background|Context|Reminder|Recall|For reference|Earlier)\s*:", re.IGNORECASE)


OWN_LOSSES = re.compile(r"\b(?:its|their|our|his|her|the country's|the country’s|own)\s+(?:own\s+)?"
                        r"(?:losses|casualties|dead|war dead|death toll|toll|fallen)\b", re.IGNORECASE)


def admits(index: SentenceIndex, sent: int) -> bool:
    """An admission word ("admitted", "conceded", "admission") or a party's own losses named ("its own
    losses", "the country's losses") in the sentence or the one before: a party reporting its own losses."""
    for s in (sent, sent - 1):
        if s < 0:
            continue
        a, b = index.sents[s]
        if any(w in index.vocab.own_loss_cues or w in ADMISSION_NOUNS for w in index.words[a:b]):
            return True
        start, end = index.sent_chars(s)
        if OWN_LOSSES.search(index.text, start, end):
            return True
    return False


CLAIM_NOUNS = normalised("claim", "claims", "figure", "figures", "estimate", "estimates", "tally", "count",
                         "assertion", "statement", "report", "version")


def possessed_claim(index: SentenceIndex, first: int) -> tuple[str, str] | None:
    """A party's claim holding the number: "Moscow's claim of 600 soldiers killed", "Kyiv's figure of
    40": (the party's words, its side), else None."""
    a, _ = index.sents[index.sent_of(first)]
    for j in range(first - 1, max(a, first - 4) - 1, -1):
        if index.words[j] not in CLAIM_NOUNS:
            continue
        k = j - 1
        while k > a and (index.words[k] in ("'s", "'") or index.doc[k].pos_ == "ADJ" or
                         index.doc[k].dep_ == "compound" and index.side_at(k) is None):
            k -= 1  # "Moscow's claim", "Russia's defence ministry figure"
        side = index.side_at(k)
        if side is not None and k + side[1] <= j:
            return index.doc[k:k + side[1]].text, side[0]
        return None
    return None


def homecoming(index: SentenceIndex, sent: int, last: int) -> tuple[bool, str | None]:
    """A release or homecoming word after the count ("were freed", "returned to Russia", "are home"),
    and the side the "to ..." phrase after it names, if any."""
    _, b = index.sents[sent]
    for j in range(last, min(b, last + 8)):
        m = index.vocab.return_words.match_at(index.words, j)
        if m is None:
            continue
        k = j + m[1]
        if k + 1 < b and index.words[k] in ("to", "into"):
            side = index.side_at(k + 1) or (index.side_at(k + 2) if index.words[k + 1] == "the" else None)
            return True, side[0] if side else None
        return True, None
    return False, None


def by_side(index: SentenceIndex, sent: int, start: int) -> str | None:
    """The side named in a "by ..." phrase within a few words after ``start`` ("violations by Ukraine")."""
    _, b = index.sents[sent]
    for j in range(start, min(b - 1, start + 6)):
        if index.words[j] == "by":
            for k in range(j + 1, min(b, j + 4)):
                m = index.side_at(k)
                if m is not None:
                    return m[0]
            return None
    return None


def deployment(index: SentenceIndex, sent: int) -> bool:
    """A word of stationing or moving forces in the sentence, and none of supplying them."""
    a, b = index.sents[sent]
    words = index.words[a:b]
    return index.vocab.deployment_words.contains(words) and not index.vocab.supply_words.contains(words)


def background(index: SentenceIndex, sent: int) -> bool:
    """The sentence opens a background paragraph ("Background: ...", "Context: ...", "Reminder: ...")."""
    start, end = index.sent_chars(sent)
    return BACKGROUND_LABEL.match(index.text, start, end) is not None


def aboard(index: SentenceIndex, k: int, end: int) -> bool:
    """"on board" or "aboard" right after the counted noun (a ship's crew)."""
    return k < end and (index.words[k] == "aboard" or k + 1 < end and index.words[k:k + 2] == ["on", "board"])


def existential(index: SentenceIndex, first: int, s_start: int) -> bool:
    """"there were" (or "there are", "there had been") right before the count ("an estimated" may stand
    between)."""
    j = first - 1
    while j >= s_start and index.words[j] in ("an", "estimated", "some", "about", "around"):
        j -= 1
    return j - 1 >= s_start and index.words[j] in ("were", "are", "wa", "is", "been") and \
        "there" in index.words[max(s_start, j - 2):j]


def both_sides(index: SentenceIndex, sent: int) -> bool:
    """The sentence counts each side alike: "1,000 prisoners each", "from both sides", "both sides
    exchanged 270 soldiers"."""
    a, b = index.sents[sent]
    words = index.words[a:b]
    return "each" in words or any(words[j] == "both" and words[j + 1] in ("side", "countrie", "partie")
                                  for j in range(len(words) - 1))


def truce_context(index: SentenceIndex, sent: int) -> bool:
    """A ceasefire or truce named in this sentence or the one before."""
    for s in (sent, sent - 1):
        if s >= 0:
            a, b = index.sents[s]
            if index.vocab.truce_nouns.contains(index.words[a:b]):
                return True
    return False


def violation_of_truce(index: SentenceIndex, sent: int) -> bool:
    """A verb of violating ("broke", "violating") and a ceasefire in the sentence."""
    a, b = index.sents[sent]
    words = index.words[a:b]
    return index.vocab.violation_verbs.contains(words) and index.vocab.truce_nouns.contains(words)


def accused_side(index: SentenceIndex, sent: int, first: int) -> str | None:
    """The side a party accuses in this sentence: the object of "accused" ("accused Russia of ..."), or
    the subject of a verb of violating ("Ukraine had broken the truce ...")."""
    a, _ = index.sents[sent]
    for j in range(a, first):
        tok = index.doc[j]
        lemma = tok.lemma_.lower()
        if lemma == "accuse":
            for child in tok.children:
                if child.dep_ in ("dobj", "obj", "nsubjpass"):
                    for t in child.subtree:
                        m = index.side_at(t.i)
                        if m is not None:
                            return m[0]
        elif tok.pos_ == "VERB" and index.vocab.violation_verbs.match_at([normalise(tok.text)], 0):
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            for t in (subjects[0].subtree if subjects else ()):
                m = index.side_at(t.i)
                if m is not None:
                    return m[0]
    return None


__all__ = [
    "aboard", "accused_side", "admits", "background", "both_sides", "by_side",
    "deployment", "existential", "homecoming", "truce_context", "violation_of_truce",
]
