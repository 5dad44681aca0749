"""Triggers of the events component (``component.py``): the profile's type rules and how a trigger matches.

- ``TypeRule`` / ``type_rule``: one event type of ``events.yaml`` (triggers, excluded phrases, context
  needs, verb-object triggers);
- ``word_keys`` / ``phrase_at``: each token's words, read once per document; a trigger phrase at a
  token, each word matching its lower-case form, its lemma or the form without quotes;
- ``verb_object_at``: a verb trigger that needs its object ("fired two missiles", "launched dozens of
  drones", "released footage") or, without an object, its subject ("the cruiser sank"): the verb's lemma
  is listed with the words it takes, and its direct object (or the noun after "of" in "dozens of drones",
  or a conjunct) or subject is one of them; its noun form ("the sinking of the cruiser") takes them after
  "of" or as a compound;
- ``negated_or_intended`` / ``blocked``: a negated trigger, an intention, an adjective use or people as the
  object of a capture word;
- ``is_anaphoric`` / ``marked_distinct``: a trigger that refers back ("the strike") or that names another
  event ("another strike", "a second attack").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from ...errors import ConfigError
from ..words import words_of

QUOTES = "'\"‘’“”«»"
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})


@dataclass(frozen=True, slots=True)
class TypeRule:
    name: str
    label: str
    preposition: str
    triggers: tuple[tuple[str, ...], ...]
    exclude: tuple[tuple[str, ...], ...] = ()
    needs_any: frozenset[str] = frozenset()
    needs_place: bool = False
    needs_actor: bool = False
    needs_number: bool = False
    not_of: frozenset[str] = frozenset()
    verb_objects: Mapping[str, frozenset[str]] = field(default_factory=dict)
    verb_subjects: Mapping[str, frozenset[str]] = field(default_factory=dict)
    verbs_only: frozenset[str] = frozenset()  # trigger words that count only as verbs ("warned", not "a warning")
    not_with: frozenset[str] = frozenset()  # modifiers: another kind of thing or none that happened ("cyber attack")


def type_rule(name: Any, spec: Any) -> TypeRule:
    if not isinstance(spec, Mapping):
        raise ConfigError(f"events.yaml: type {name!r} must be a mapping", code="CL107")
    return TypeRule(name=str(name), label=str(spec.get("label") or name),
                    preposition=str(spec.get("preposition") or "in"),
                    triggers=tuple(words(p) for p in spec.get("triggers") or ()),
                    exclude=tuple(words(p) for p in spec.get("exclude") or ()),
                    needs_any=frozenset(str(w).lower() for w in spec.get("needs_any") or ()),
                    needs_place=bool(spec.get("needs_place")), needs_actor=bool(spec.get("needs_actor")),
                    needs_number=bool(spec.get("needs_number")),
                    not_of=frozenset(str(w).lower() for w in spec.get("not_of") or ()),
                    verb_objects=_word_lists(spec.get("verb_objects")),
                    verb_subjects=_word_lists(spec.get("verb_subjects")),
                    verbs_only=frozenset(str(w).lower() for w in spec.get("verbs_only") or ()),
                    not_with=frozenset(str(w).lower() for w in spec.get("not_with") or ()))


def _word_lists(section: Any) -> dict[str, frozenset[str]]:
    return {str(key).lower(): frozenset(str(w).lower() for w in values or ())
            for key, values in (section or {}).items()}


INTENDING = frozenset({"plan", "warn", "threaten", "prepare", "fear", "vow", "promise", "plot", "intend",
                       "consider", "predict", "rehearse", "simulate", "stage"})


def negated_or_intended(doc: Doc, i: int) -> bool:
    """A trigger that is negated ("does not kill"), an intention ("plans to strike") or a possibility under a
    modal ("could strike", "will launch"); a trigger noun that an intention or warning verb governs
    ("planning attacks", "warns of missile strikes", "fears an offensive")."""
    token = doc[i]
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.pos_ == "NOUN":
        head = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("of", "about") else token.head
        if token.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in INTENDING:
            return True
    before = [doc[k].lower_ for k in range(max(0, i - 3), i) if "\n" not in doc[k].text]
    if any(w in ("not", "n't", "never", "no") for w in before[-2:]):
        return True
    if token.tag_ == "VB" and any(c.tag_ == "MD" for c in token.children):
        return True  # "Russia could launch more missiles", "troops will seize": no event (yet)
    return token.tag_ == "VB" and "to" in before


def unlike(doc: Doc, i: int, rule: TypeRule) -> bool:
    """The trigger's own modifiers make it another kind of thing or no event that happened ("a cyber attack",
    "information attacks", "possible strikes")."""
    return bool(rule.not_with) and any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in rule.not_with
                                       for c in doc[i].children)


def blocked(doc: Doc, i: int, rule: TypeRule) -> bool:
    """An adjective use ("occupied Donbas", "in Sevastopol, occupied Crimea") or, for ``not_of`` words, people as the
    object."""
    if not rule.not_of:
        return False
    token = doc[i]
    before_noun = i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")
    if token.dep_ == "amod" or before_noun and (token.tag_ in ("VBN", "JJ") or
                                                i > 0 and doc[i - 1].pos_ in ("ADP", "DET", "PUNCT")):
        return True  # "occupied Donbas"
    has_object = any(c.dep_ == "dobj" for c in token.children)
    if any(doc[k].lower_ in rule.not_of for k in range(max(0, i - 3), i)) and not has_object:
        return True  # "400 troops captured", but not "troops captured the town"
    related = [token.head, *token.children] if token.dep_ in ("acl", "relcl") else list(token.children)
    return any(t.lower_ in rule.not_of and (t.dep_ in ("dobj", "nsubjpass") or t.dep_ == "nsubj" and not has_object)
               or (t is token.head and t.lower_ in rule.not_of) for t in related)


def words(phrase: Any) -> tuple[str, ...]:
    return tuple(w.lower() for w in str(phrase).split())


def word_keys(doc: Doc) -> list[tuple[str, str, str, str]]:
    """Per token: its lower-case form, its lower-case lemma, its lower-case form without quotes (the words
    ``phrase_at`` compares) and its text as written, from the Doc's shared table (``words_of``)."""
    words = words_of(doc)
    return list(zip(words.lower, words.lemma, [w.strip(QUOTES) for w in words.lower], words.texts, strict=True))


def phrase_at(keys: Sequence[tuple[str, str, str, str]], i: int, phrase: Sequence[str]) -> bool:
    """``phrase`` starts at token ``i`` of the document whose ``word_keys`` are ``keys``."""
    for k, word in enumerate(phrase):
        key = keys[i + k]
        if word != key[0] and word != key[1] and word != key[2]:
            return False
    return True


def phrase_positions(sent: Any, phrase: Sequence[str], keys: Sequence[tuple[str, str, str, str]]) -> list[int]:
    """Where ``phrase`` starts in the sentence (``keys``: its document's ``word_keys``)."""
    first = phrase[0]
    return [i for i in range(sent.start, sent.end - len(phrase) + 1)
            if first in keys[i][:3] and phrase_at(keys, i, phrase)]


def marked_distinct(first: Token, last: Token, always: frozenset[str], indefinite: frozenset[str]) -> bool:
    """The trigger's own modifiers make it another event: one of ``always`` ("another strike", "a second
    attack", "an earlier raid"), or one of ``indefinite`` without a definite determiner ("a new strike", not
    "the new strike"); never in a copula's predicate ("it was the third strike this month" is this one)."""
    head = first.head if first.dep_ == "compound" else last
    if head.dep_ == "attr":
        return False
    modifiers = [t for t in (*first.children, *last.children, *head.children) if t.i < first.i]
    if any(t.lower_ in always for t in modifiers):
        return True
    definite = any(t.dep_ in ("det", "poss") and t.lower_ not in ("a", "an", "another") for t in modifiers)
    return not definite and any(t.lower_ in indefinite for t in modifiers)


def is_anaphoric(first: Token, anaphora: frozenset[str]) -> bool:
    doc = first.doc
    for k in range(first.i - 1, max(0, first.i - 4) - 1, -1):
        word = doc[k].lower_
        if word in anaphora:
            return True
        if doc[k].pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "COMPOUND"):
            return False
    return False


def verb_object_at(token: Token, rule: TypeRule) -> bool:
    """``token`` is a verb of ``rule.verb_objects`` whose object is one of the words listed for it ("fired two
    missiles", "launched dozens of drones"), or a verb of ``rule.verb_subjects`` without an object whose
    subject is ("the cruiser sank"; "it", when such a word comes earlier in the sentence); a noun form takes
    them after "of" or as a compound ("the sinking of the cruiser", "the cruiser sinking")."""
    lemma = token.lemma_.lower()
    objects, subjects = rule.verb_objects.get(lemma), rule.verb_subjects.get(lemma)
    if not objects and not subjects:
        return False
    if token.pos_ == "NOUN":
        wanted = (objects or frozenset()) | (subjects or frozenset())
        nominal = [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                   if g.dep_ == "pobj"] + [c for c in token.children if c.dep_ in ("compound", "nmod")]
        return any(_named(h, wanted) for h in _with_conjuncts(nominal))
    if token.pos_ not in ("VERB", "AUX"):
        return False
    has_object = any(c.dep_ in OBJECT_DEPS for c in token.children)
    for child in token.children:
        if objects and child.dep_ in OBJECT_DEPS:
            heads = _with_conjuncts([child])
            heads += [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"]  # "dozens of drones"
            if any(_named(h, objects) for h in heads):
                return True
        if subjects and child.dep_ == "nsubj" and not has_object and (
                any(_named(h, subjects) for h in _with_conjuncts([child]))
                or child.lower_ == "it" and _named_before(token, subjects)):
            return True
    return False


def _named_before(token: Token, words: frozenset[str]) -> bool:
    """One of ``words`` is a noun earlier in the sentence, which "it" stands for ("the cruiser was hit by
    missiles ... until it sank")."""
    sent = token.sent
    return any(t.pos_ in ("NOUN", "PROPN") and _named(t, words) for t in sent if t.i < token.i)


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    return [*tokens, *(c for t in tokens for c in t.children if c.dep_ == "conj")]


def _named(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words
