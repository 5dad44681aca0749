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

from spacy.tokens import Doc

from ...errors import ConfigError
from ..words import Words, words_of
from .parse import Parse

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


def negated_or_intended(parse: Parse, i: int) -> bool:
    """A trigger that is negated ("does not kill"), an intention ("plans to strike") or a possibility under a
    modal ("could strike", "will launch"); a trigger noun that an intention or warning verb governs
    ("planning attacks", "warns of missile strikes", "fears an offensive")."""
    w = parse.words
    if any(w.dep[c] == "neg" for c in parse.children(i)):
        return True
    if w.pos[i] == "NOUN":
        head = w.head[i]
        if w.dep[i] == "pobj" and w.lower[head] in ("of", "about"):
            head = w.head[head]
        if w.dep[i] in ("dobj", "pobj") and w.pos[head] in ("VERB", "AUX") and w.lemma[head] in INTENDING:
            return True
    before = [w.lower[k] for k in range(max(0, i - 3), i) if "\n" not in w.texts[k]]
    if any(b in ("not", "n't", "never", "no") for b in before[-2:]):
        return True
    if parse.tag(i) != "VB":
        return False
    if any(parse.tag(c) == "MD" for c in parse.children(i)):
        return True  # "Russia could launch more missiles", "troops will seize": no event (yet)
    return "to" in before


def unlike(parse: Parse, i: int, rule: TypeRule) -> bool:
    """The trigger's own modifiers make it another kind of thing or no event that happened ("a cyber attack",
    "information attacks", "possible strikes")."""
    w = parse.words
    return bool(rule.not_with) and any(w.dep[c] in ("amod", "compound", "nmod") and w.lower[c] in rule.not_with
                                       for c in parse.children(i))


def blocked(parse: Parse, i: int, rule: TypeRule) -> bool:
    """An adjective use ("occupied Donbas", "in Sevastopol, occupied Crimea") or, for ``not_of`` words, people as the
    object."""
    if not rule.not_of:
        return False
    w = parse.words
    before_noun = i + 1 < len(w) and w.pos[i + 1] in ("NOUN", "PROPN")
    if w.dep[i] == "amod" or before_noun and (parse.tag(i) in ("VBN", "JJ") or
                                              i > 0 and w.pos[i - 1] in ("ADP", "DET", "PUNCT")):
        return True  # "occupied Donbas"
    children = parse.children(i)
    has_object = any(w.dep[c] == "dobj" for c in children)
    if any(w.lower[k] in rule.not_of for k in range(max(0, i - 3), i)) and not has_object:
        return True  # "400 troops captured", but not "troops captured the town"
    related = [w.head[i], *children] if w.dep[i] in ("acl", "relcl") else children
    return any(w.lower[t] in rule.not_of and
               (w.dep[t] in ("dobj", "nsubjpass") or w.dep[t] == "nsubj" and not has_object) for t in related)


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


def marked_distinct(parse: Parse, first: int, last: int, always: frozenset[str], indefinite: frozenset[str]) -> bool:
    """The trigger's own modifiers make it another event: one of ``always`` ("another strike", "a second
    attack", "an earlier raid"), or one of ``indefinite`` without a definite determiner ("a new strike", not
    "the new strike"); never in a copula's predicate ("it was the third strike this month" is this one)."""
    w = parse.words
    head = w.head[first] if w.dep[first] == "compound" else last
    if w.dep[head] == "attr":
        return False
    modifiers = [t for t in (*parse.children(first), *parse.children(last), *parse.children(head)) if t < first]
    if any(w.lower[t] in always for t in modifiers):
        return True
    definite = any(w.dep[t] in ("det", "poss") and w.lower[t] not in ("a", "an", "another") for t in modifiers)
    return not definite and any(w.lower[t] in indefinite for t in modifiers)


def is_anaphoric(parse: Parse, first: int, anaphora: frozenset[str]) -> bool:
    w = parse.words
    for k in range(first - 1, max(0, first - 4) - 1, -1):
        if w.lower[k] in anaphora:
            return True
        if w.pos[k] not in ("ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "COMPOUND"):
            return False
    return False


def verb_object_at(parse: Parse, i: int, rule: TypeRule) -> bool:
    """Token ``i`` is a verb of ``rule.verb_objects`` whose object is one of the words listed for it ("fired two
    missiles", "launched dozens of drones"), or a verb of ``rule.verb_subjects`` without an object whose
    subject is ("the cruiser sank"; "it", when such a word comes earlier in the sentence); a noun form takes
    them after "of" or as a compound ("the sinking of the cruiser", "the cruiser sinking")."""
    w = parse.words
    objects, subjects = rule.verb_objects.get(w.lemma[i]), rule.verb_subjects.get(w.lemma[i])
    if not objects and not subjects:
        return False
    if w.pos[i] == "NOUN":
        wanted = (objects or frozenset()) | (subjects or frozenset())
        nominal = [*_after_of(parse, [i]), *(c for c in parse.children(i) if w.dep[c] in ("compound", "nmod"))]
        return any(_named(w, h, wanted) for h in _with_conjuncts(parse, nominal))
    if w.pos[i] not in ("VERB", "AUX"):
        return False
    has_object = any(w.dep[c] in OBJECT_DEPS for c in parse.children(i))
    for child in parse.children(i):
        if objects and w.dep[child] in OBJECT_DEPS:
            heads = _with_conjuncts(parse, [child])
            heads += _after_of(parse, heads)  # "dozens of drones"
            if any(_named(w, h, objects) for h in heads):
                return True
        if subjects and w.dep[child] == "nsubj" and not has_object and (
                any(_named(w, h, subjects) for h in _with_conjuncts(parse, [child]))
                or w.lower[child] == "it" and _named_before(w, i, subjects)):
            return True
    return False


def _after_of(parse: Parse, tokens: Sequence[int]) -> list[int]:
    """The objects of an "of" hanging on each of ``tokens`` ("dozens of drones", "the sinking of the cruiser")."""
    w = parse.words
    return [g for h in tokens for p in parse.children(h) if w.dep[p] == "prep" and w.lower[p] == "of"
            for g in parse.children(p) if w.dep[g] == "pobj"]


def _named_before(w: Words, i: int, words: frozenset[str]) -> bool:
    """One of ``words`` is a noun earlier in the sentence of token ``i``, which "it" stands for ("the cruiser
    was hit by missiles ... until it sank")."""
    start = w.sents[w.sent_of[i]][0]
    return any(w.pos[t] in ("NOUN", "PROPN") and _named(w, t, words) for t in range(start, i))


def _with_conjuncts(parse: Parse, tokens: Sequence[int]) -> list[int]:
    return [*tokens, *(c for t in tokens for c in parse.children(t) if parse.words.dep[c] == "conj")]


def _named(w: Words, i: int, words: frozenset[str]) -> bool:
    return w.lemma[i] in words or w.lower[i] in words
