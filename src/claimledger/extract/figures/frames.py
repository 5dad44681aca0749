"""Strike frames: who struck whom, and what was hit, read from the parse of each sentence.

A casualty count rarely says whose people it counts: "41 dead and 180 injured",
"9 people were killed". A careful reader takes it from the strike the article
reports: a Russian strike on a Ukrainian military institute kills Ukrainian
soldiers; a Ukrainian strike on the Russian fleet's headquarters kills Russian
servicemen; a missile on a railway station kills civilians. ``StrikeFrames``
finds, per sentence, the strikes it states and their roles:

1. attack verbs (``attack_verbs``: "hit", "struck", "shelled", "targeted") that report
   a strike (past tense or participle, or a headline's present; not a habit or a
   denial: "strikes only military targets", "did not strike"): the subject is the
   attacker ("Russian troops hit ...", "two Russian rockets struck ..."), the object
   and an "on/at/against/in/near" phrase the target; in the passive the subject is
   the target and the "by" phrase the attacker;
2. attack nouns (``attack_nouns``: "strike", "attack", "missile"): side words among
   their modifiers name the attacker ("a Russian missile strike", "Ukraine's
   attack"), a "by" phrase too; an "on/against/at/targeting/in/near" phrase the
   target, and for a nominalised attack ("the shelling of Kharkiv", "the sinking of
   the cruiser") its "of" phrase; an attack noun that kills or wounds takes that verb's
   "in/near/at" phrase as its target ("missiles kill seven in Lviv").

A role's side is the first side word in its words; a target with no side word
takes the attacker's opposite, else the party whose country holds a town or
region named in it ("occupied", "annexed", "-held" before it: the other party).
The target's class is ``military`` when its words hold a military target word
(``military_targets``: headquarters, base, barracks, fleet, training centre ...)
or the word "military", else ``civilian`` when they name a civilian place
(``civilian_places``) or a town with no military target, else unknown.

A figure reads the frame of its own sentence, else the nearest earlier one within
two sentences and one paragraph break, else the article's main strike: the frame
whose target side is surest (named in words, then the attacker's opposite, then a
town's country), in the headline and first three sentences first. A local frame
whose target side only a town's country gave yields to a surer main strike ("a
strike on Sevastopol" under "Ukraine struck the Russian fleet's headquarters"), and
one that names no side at all takes the main strike's sides. A frame that names a
target class but no side counts in its own sentence only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Token

from .index import SentenceIndex
from .vocabulary import normalise

NOMINALISED = re.compile(r"(?:ing|ment|tion)$")  # attack nouns whose "of" phrase is the target
OCCUPIED = re.compile(r"\b(?:occupied|annexed|[a-z]+-held|[a-z]+-controlled)\W+(?:\w+\W+)?$")
HYPOTHETICAL = frozenset({"only", "would", "could", "may", "might", "will", "should", "can"})
MILESTONES = frozenset({"mark", "milestone", "threshold", "level", "barrier", "landmark", "record"})
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "maim"})  # an attack noun as their subject: where they hit
TARGET_PREPOSITIONS = frozenset({"on", "at", "against", "targeting", "into", "in", "near", "outside"})
MILITARY_WORD = normalise("military")
LEDE_SENTENCES = 4


@dataclass(frozen=True, slots=True)
class StrikeFrame:
    """One strike a sentence states: the sides of its attacker and target, and the target's class."""

    sent: int
    attacker: str | None
    target: str | None
    target_class: str | None  # "military", "civilian" or None
    target_basis: str | None = None  # how the target side was found: "words", "attacker" or "place"

    @property
    def strength(self) -> int:
        """How sure the target side is: named in the target's words (3), the attacker's opposite (2),
        a town's country (1)."""
        return {"words": 3, "attacker": 2, "place": 1}.get(self.target_basis or "", 0)


class StrikeFrames:
    """The strike frames of one Doc, found once (see the module docstring)."""

    def __init__(self, index: SentenceIndex, party_countries: dict[str, str]) -> None:
        self.index = index
        self.party_countries = party_countries
        self.by_sent: dict[int, StrikeFrame] = {}
        for sent in range(len(index.sents)):
            frame = self._sentence_frame(sent)
            if frame is not None:
                self.by_sent[sent] = frame
        targeted = [f for _, f in sorted(self.by_sent.items()) if f.target is not None]
        self.main = max(targeted, key=lambda f: (f.strength, f.sent < LEDE_SENTENCES, -f.sent), default=None)

    def for_sentence(self, sent: int) -> tuple[StrikeFrame | None, bool]:
        """The frame a figure in ``sent`` reads (the module docstring's order), and whether it is
        local (its own sentence or the two before) rather than the article's main strike."""
        index = self.index
        for s in range(sent, max(-1, sent - 3), -1):
            if s < sent and index.paragraph_of(sent) - index.paragraph_of(s) > 1:
                break
            frame = self.by_sent.get(s)
            if frame is not None and (frame.target is not None or s == sent and frame.target_class is not None):
                main = self.main
                if main is not None and frame.target is None and frame.attacker is None:
                    return replace(frame, target=main.target, attacker=main.attacker,
                                   target_basis=main.target_basis), True  # "a drone hit the station"
                if main is not None and frame.target_basis == "place" and main.strength > frame.strength \
                        and main.target != frame.target:
                    # "a strike on Sevastopol" (a town's country) under "a strike on the Russian fleet's HQ"
                    return replace(frame, target=main.target, target_basis=main.target_basis,
                                   attacker=main.attacker if frame.attacker in (None, frame.target) else
                                   frame.attacker), True
                return frame, True
        return self.main, False

    # ------------------------------------------------------------ one sentence
    def _sentence_frame(self, sent: int) -> StrikeFrame | None:
        """The sentence's strikes merged into one frame: the surest target side, the first attacker
        named, the first target class found ("Russian missiles struck a training centre in Poltava":
        the missiles name the attacker, the verb's object the target's class)."""
        index = self.index
        a, b = index.bounds(sent)
        vocab = index.vocab
        if vocab.attack_words.isdisjoint(index.words[a:b]):
            return None  # no attack word at all: most sentences, skipped without touching their tokens
        frames: list[StrikeFrame] = []
        table = index.table
        for i in range(a, b):
            pos, dep = table.pos[i], table.dep[i]
            if pos in ("VERB", "AUX") and vocab.attack_verbs.match_at([table.lemma[i]], 0):
                tok = index.doc[i]
                if self._reports_a_strike(tok, sent):
                    frames.append(self._verb_frame(sent, tok))
            elif (pos in ("NOUN", "PROPN") or dep == "csubj") \
                    and vocab.attack_nouns.match_at(index.words, i) is not None \
                    and not (dep == "compound" and table.head[i] > i):  # a gerund subject: "Shelling kills"
                frames.append(self._noun_frame(sent, index.doc[i]))
        frames = [f for f in frames if f.attacker is not None or f.target is not None or f.target_class is not None]
        if not frames:
            return None
        surest = max(frames, key=lambda f: f.strength)
        attacker = next((f.attacker for f in frames if f.attacker is not None and f.target_basis != "attacker"),
                        surest.attacker)
        target_class = next((f.target_class for f in frames if f.target_class is not None), None)
        if surest.target is None and attacker is None and target_class is None:
            return None
        return StrikeFrame(sent, attacker, surest.target, target_class, surest.target_basis)

    @staticmethod
    def _reports_a_strike(verb: Token, sent: int) -> bool:
        """An attack verb that reports a strike: past tense or a participle, or a headline's present
        ("Russian forces strike ..."); not a habit or a denial ("strikes only military targets",
        "does not strike civilians")."""
        if any(c.dep_ == "neg" or c.lower_ in HYPOTHETICAL for c in verb.children) or any(
                t.lower_ == "only" or t.lemma_.lower() in MILESTONES
                for c in verb.children if c.dep_ in ("dobj", "obj") for t in c.subtree):
            return False  # "would hit", "may strike", "hit the mark of 1 million": no strike reported
        return verb.tag_ in ("VBD", "VBN", "VBG") or sent == 0

    def _verb_frame(self, sent: int, verb: Token) -> StrikeFrame:
        attacker: list[Token] = []
        target: list[Token] = []
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        for child in verb.children:
            if passive and child.dep_ == "nsubjpass":
                target.extend(child.subtree)
            elif passive and child.dep_ == "agent":
                attacker.extend(child.subtree)
            elif not passive and child.dep_ == "nsubj":
                attacker.extend(child.subtree)
            elif not passive and child.dep_ in ("dobj", "obj"):
                target.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
                target.extend(child.subtree)
        return self._frame(sent, attacker, target)

    def _noun_frame(self, sent: int, noun: Token) -> StrikeFrame:
        attacker: list[Token] = []
        target: list[Token] = []
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < noun.i:
                attacker.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "by":
                attacker.extend(child.subtree)
            elif child.dep_ in ("prep", "acl") and (child.lower_ in TARGET_PREPOSITIONS or (
                    child.lower_ == "of" and NOMINALISED.search(noun.lower_))):
                target.extend(child.subtree)  # "the shelling of Kharkiv", "the sinking of the cruiser"
        if noun.dep_ in ("nsubj", "csubj") and noun.head.lemma_.lower() in CASUALTY_VERBS:
            verb = noun.head  # "missiles kill seven in Lviv", "shelling kills seven in Donetsk" (on the count)
            holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]
            target.extend(t for holder in holders for child in holder.children
                          if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS for t in child.subtree)
        return self._frame(sent, attacker, target)

    def _frame(self, sent: int, attacker_tokens: list[Token], target_tokens: list[Token]) -> StrikeFrame:
        index = self.index
        opposites = index.vocab.opposites
        attacker = self._first_side(attacker_tokens)
        target = self._first_side(target_tokens)
        basis = "words" if target is not None else None
        if target is None and attacker is not None:
            target = opposites.get(attacker)
            basis = "attacker" if target is not None else None
        if target is None:
            target = self._place_side(target_tokens)
            basis = "place" if target is not None else None
        if attacker is None and target is not None:
            attacker = opposites.get(target)
        return StrikeFrame(sent, attacker, target, self._target_class(target_tokens), basis)

    def _first_side(self, tokens: list[Token]) -> str | None:
        for tok in sorted(tokens, key=lambda t: t.i):
            hit = self.index.side_at(tok.i)
            if hit is not None and hit[0] != "other_state":
                return hit[0]
        return None

    def _place_side(self, tokens: list[Token]) -> str | None:
        if not tokens:
            return None
        lo = min(t.idx for t in tokens)
        hi = max(t.idx + len(t.text) for t in tokens)
        index = self.index
        places = [p for p in index.doc._.cl_places or () if lo <= p.span.start and p.span.end <= hi
                  and p.place.kind != "country" and p.place.country in self.party_countries]
        for p in places:  # "occupied Sevastopol", "Sevastopol, occupied Crimea": the occupier's ground
            if OCCUPIED.search(index.text[max(lo, p.span.start - 30):p.span.start].lower()):
                return index.vocab.opposites.get(self.party_countries[p.place.country or ""])
        return self.party_countries[places[0].place.country or ""] if places else None

    def _target_class(self, tokens: list[Token]) -> str | None:
        index = self.index
        words = [index.words[t.i] for t in sorted(tokens, key=lambda t: t.i)]
        if MILITARY_WORD in words or index.vocab.military_targets.contains(words):
            return "military"
        if index.vocab.civilian_places.contains(words):
            return "civilian"
        if tokens:  # a town or city named as the target, with no military target in it
            lo = min(t.idx for t in tokens)
            hi = max(t.idx + len(t.text) for t in tokens)
            if any(lo <= p.span.start and p.span.end <= hi and p.place.kind == "city"
                   for p in index.doc._.cl_places or ()):
                return "civilian"
        return None


__all__ = ["StrikeFrame", "StrikeFrames"]
