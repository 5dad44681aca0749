"""Where the claims component finds a reporting verb's speaker in the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

_RELATIVE = frozenset({"who", "which", "that"})
# "X refused to confirm", "X declined to comment": the subject does not make the claim
_NEGATIVE_CONTROL = frozenset({"refuse", "decline", "fail", "avoid", "hesitate", "deny"})


def subject(verb: Token) -> Token | None:
    """The verb's subject, following coordinated verbs up to their shared subject, a relative
    pronoun to what it stands for ("Trump, who called it ..."), and an infinitive up to the
    subject of the verb that governs it ("X is set to call for", "X was forced to issue",
    "X was able to verify"), and a finite verb the parser hung on a noun to that noun. A
    participle clause as subject ("Speaking about the attack, ...
    said") is no speaker: None."""
    node = verb
    controlled = False
    for _ in range(4):
        deps = ("nsubj", "csubj", "nsubjpass") if controlled else ("nsubj", "csubj")
        subjs = [c for c in node.children if c.dep_ in deps]
        if subjs:  # "Background: X claimed": the subject nearest the verb
            before = [c for c in subjs if c.i < node.i]
            found = before[-1] if before else subjs[0]
            if found.lower_ in _RELATIVE and node.dep_ == "relcl" and node.head.pos_ in ("PROPN", "NOUN"):
                return node.head
            if found.dep_ == "csubj" and found.tag_ == "VBG":
                return None
            return found
        if node.head.i == node.i:
            return None
        if (node.dep_ in ("acl", "relcl") and node.tag_ in ("VBD", "VBZ", "VBP")
                and node.head.pos_ in ("NOUN", "PROPN") and node.head.i < node.i):
            return node.head  # a finite verb parsed as a noun's modifier: "..., a military source reported."
        if node.dep_ == "conj":
            node = node.head
        elif node.dep_ == "xcomp" or (controlled and node.dep_ == "acomp"):
            if node.head.lemma_.lower() in _NEGATIVE_CONTROL:
                return None
            node, controlled = node.head, True
        else:
            return None
    return None


def conjuncts(token: Token) -> list[Token]:
    """Tokens coordinated with ``token`` ("A and B said": [B])."""
    found: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        found.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return found


def preferred_tokens(subject: Token) -> list[list[Token]]:
    """Where to look for the claimant inside a subject: head and compounds, appositions,
    possessors, then 'from/of/for' objects ("CNN's team", "figures from the ministry")."""
    head = [subject] + [c for c in subject.children if c.dep_ in ("compound", "flat")]
    appos = [t for c in subject.children if c.dep_ == "appos" for t in c.subtree]
    poss = [t for c in subject.children if c.dep_ == "poss" for t in c.subtree]
    preps = [t for c in subject.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "for", "at", "in")
             for t in c.subtree]
    return [head, appos, poss, preps]
