"""Where the claims component finds a reporting verb's speaker in the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token


def subject(verb: Token) -> Token | None:
    """The verb's subject, following coordinated verbs up to their shared subject."""
    node = verb
    for _ in range(3):
        subjs = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        if subjs:  # "Background: X claimed": the subject nearest the verb
            before = [c for c in subjs if c.i < node.i]
            return before[-1] if before else subjs[0]
        if node.dep_ != "conj" or node.head is node:
            return None
        node = node.head
    return None


def preferred_tokens(subject: Token) -> list[list[Token]]:
    """Where to look for the claimant inside a subject: head and compounds, appositions,
    possessors, then 'from/of/for' objects ("CNN's team", "figures from the ministry")."""
    head = [subject] + [c for c in subject.children if c.dep_ in ("compound", "flat")]
    appos = [t for c in subject.children if c.dep_ == "appos" for t in c.subtree]
    poss = [t for c in subject.children if c.dep_ == "poss" for t in c.subtree]
    preps = [t for c in subject.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "for", "at", "in")
             for t in c.subtree]
    return [head, appos, poss, preps]
