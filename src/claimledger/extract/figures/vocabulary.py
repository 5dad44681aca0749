"""The measure vocabulary of a conflict profile (``measures.yaml``), compiled for lookup.

``MeasureVocabulary.from_section(profile.section("measures"))`` parses and
validates the section once (bad shapes raise ``ConfigError`` CL107); its
``PhraseTable``s map normalised word tuples to what they mean. ``normalise`` is
the light word normalisation both the vocabulary and the text go through: lower
case, a doubled final letter dropped ("warshipss" -> "warships"), then a final
"s" dropped ("tanks" -> "tank"); ``normalised`` applies it to a set of words.
The schema is documented at the top of the bundled ``measures.yaml``; the
per-Doc look-ups over it are ``SentenceIndex`` in ``index.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import ConfigError
from ..vocabulary.sides import Sides, case_fits

MEASURES = frozenset({
    "killed", "wounded", "killed_or_wounded", "captured", "missing", "troops", "civilians_killed",
    "civilians_wounded", "tanks", "armoured_vehicles", "artillery", "mlrs", "air_defence", "aircraft",
    "helicopters", "aircraft_and_helicopters", "drones", "warships", "missiles", "vehicles",
    "special_equipment", "explosions", "strikes", "ceasefire_violations",
})
OUTCOMES = frozenset({"killed", "wounded", "captured", "missing", "troops"})
PEOPLE_GROUPS = frozenset({"military", "civilians", "people", "generic"})

Phrase = tuple[str, ...]


def normalise(word: str) -> str:
    """Lower case; drop a doubled final letter, then a final "s" (applied to text and vocabulary alike)."""
    w = word.lower().replace("\u2019", "'")
    if len(w) > 3 and w[-1] == w[-2] and w[-1].isalpha():
        w = w[:-1]
    if len(w) > 3 and w.endswith("s") and not w.endswith("'s"):
        w = w[:-1]
    return w


def split_phrase(phrase: str) -> Phrase:
    """A phrase as normalised words; hyphens are words of their own (as spaCy tokenises them)."""
    words = phrase.replace("-", " - ").split()
    return tuple(normalise(w) for w in words)


@dataclass(frozen=True, slots=True)
class PhraseTable:
    """Normalised word tuples -> a label; ``longest`` is the longest phrase length, ``firsts`` the words
    a phrase can start with (most words start none: looking them up costs one set probe)."""

    entries: Mapping[Phrase, str] = field(default_factory=dict)
    longest: int = 0
    firsts: frozenset[str] = frozenset()

    @classmethod
    def build(cls, mapping: Mapping[str, Iterable[str]]) -> PhraseTable:
        entries: dict[Phrase, str] = {}
        for label, phrases in mapping.items():
            for phrase in phrases:
                key = split_phrase(str(phrase))
                if key:
                    entries.setdefault(key, str(label))
        return cls(entries, max((len(k) for k in entries), default=0), frozenset(k[0] for k in entries))

    def match_at(self, words: Sequence[str], i: int) -> tuple[str, int] | None:
        """The longest phrase starting at ``words[i]`` (already normalised): (label, length)."""
        if i >= len(words) or words[i] not in self.firsts:
            return None
        for n in range(min(self.longest, len(words) - i), 0, -1):
            label = self.entries.get(tuple(words[i:i + n]))
            if label is not None:
                return label, n
        return None

    def contains(self, words: Sequence[str]) -> bool:
        firsts = self.firsts
        if firsts.isdisjoint(words):
            return False  # most word runs: one set operation
        return any(w in firsts and self.match_at(words, i) for i, w in enumerate(words))


@dataclass(frozen=True, slots=True)
class SidePhrases:
    """The profile's side words (``sides.yaml``) for the normalised words of the figures index:
    normalised word tuples -> (side, the words as written), matched under the sides' case rule."""

    entries: Mapping[Phrase, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    longest: int = 0
    firsts: frozenset[str] = frozenset()

    @classmethod
    def build(cls, sides: Sides) -> SidePhrases:
        entries: dict[Phrase, tuple[str, tuple[str, ...]]] = {}
        for written, side in sides.words.items():
            key = split_phrase(written)
            if key:
                entries.setdefault(key, (side, tuple(written.replace("-", " - ").split())))
        return cls(entries, max((len(k) for k in entries), default=0), frozenset(k[0] for k in entries))

    def match_at(self, words: Sequence[str], i: int, texts: Sequence[str] | None = None) -> tuple[str, int] | None:
        """The longest side phrase at ``words[i]``: (side, length). With ``texts`` (the words as they
        stand in the text), capitalised side words must be capitalised there too ("US" is not "us")."""
        if i >= len(words) or words[i] not in self.firsts:
            return None
        for n in range(min(self.longest, len(words) - i), 0, -1):
            hit = self.entries.get(tuple(words[i:i + n]))
            if hit is None:
                continue
            if texts is not None and not all(case_fits(w, t) for w, t in zip(hit[1], texts[i:i + n], strict=True)):
                continue
            return hit[0], n
        return None


def _strings(section: Mapping[str, Any], key: str) -> list[str]:
    value = section.get(key) or []
    if not isinstance(value, list):
        raise ConfigError(f"measures.yaml: {key!r} must be a list of phrases", code="CL107")
    return [str(v) for v in value]


def _groups(section: Mapping[str, Any], key: str, allowed: frozenset[str] | None) -> dict[str, list[str]]:
    value = section.get(key) or {}
    if not isinstance(value, dict):
        raise ConfigError(f"measures.yaml: {key!r} must map names to lists of phrases", code="CL107")
    out: dict[str, list[str]] = {}
    for name, phrases in value.items():
        if allowed is not None and str(name) not in allowed:
            raise ConfigError(f"measures.yaml: {key}: {name!r} is not one of {sorted(allowed)}", code="CL107")
        if not isinstance(phrases, list):
            raise ConfigError(f"measures.yaml: {key}.{name} must be a list of phrases", code="CL107")
        out[str(name)] = [str(p) for p in phrases]
    return out


@dataclass(frozen=True, slots=True)
class MeasureVocabulary:
    """Everything the figures component needs from ``measures.yaml``, compiled once per component."""

    equipment: PhraseTable
    other: PhraseTable
    people: PhraseTable  # -> group
    people_measures: PhraseTable
    outcomes: PhraseTable
    sides: SidePhrases
    opposites: Mapping[str, str]
    presence_words: frozenset[str]
    enemy_words: frozenset[str]
    own_words: frozenset[str]
    loss_words: PhraseTable
    agent_verbs: PhraseTable
    retaliation_cues: PhraseTable
    own_loss_cues: frozenset[str]
    non_assertive_cues: frozenset[str]
    continuation_words: PhraseTable
    tally_words: PhraseTable
    supply_words: PhraseTable
    deployment_words: PhraseTable
    destruction_words: PhraseTable
    source_nouns: frozenset[str]
    official_words: PhraseTable
    attack_nouns: PhraseTable
    attack_verbs: PhraseTable
    attack_words: frozenset[str]  # the attack nouns' first words and the attack verbs' inflected forms (a pre-filter)
    return_words: PhraseTable
    military_targets: PhraseTable
    party_countries: Mapping[str, str]  # ISO country code -> the party whose towns they are (sides.yaml)
    target_nouns: PhraseTable
    civilian_places: PhraseTable
    launch_verbs: PhraseTable
    violation_verbs: PhraseTable
    truce_nouns: PhraseTable
    vague_equipment: bool
    equipment_measures: frozenset[str] = frozenset()  # measures counting equipment (the profile's event_types.yaml)

    @classmethod
    def from_section(cls, section: Mapping[str, Any], sides: Sides | None = None,
                     equipment_measures: frozenset[str] = frozenset()) -> MeasureVocabulary:
        """Compile ``measures.yaml``; side words and opposites come from the profile's ``sides``."""
        sides = sides or Sides()
        if not isinstance(section, Mapping):
            raise ConfigError("measures.yaml must be a mapping of the keys documented at its top", code="CL107")

        def table(key: str, label: str = "x") -> PhraseTable:
            return PhraseTable.build({label: _strings(section, key)})

        def words(key: str) -> frozenset[str]:
            return frozenset(normalise(w) for w in _strings(section, key))

        attack_nouns = table("attack_nouns")
        return cls(
            equipment=PhraseTable.build(_groups(section, "equipment", MEASURES)),
            other=PhraseTable.build(_groups(section, "other", MEASURES)),
            people=PhraseTable.build(_groups(section, "people", PEOPLE_GROUPS)),
            people_measures=PhraseTable.build(_groups(section, "people_measures", MEASURES)),
            outcomes=PhraseTable.build(_groups(section, "outcomes", OUTCOMES)),
            sides=SidePhrases.build(sides),
            opposites=sides.opposites,
            presence_words=words("presence_words"),
            enemy_words=words("enemy_words"),
            own_words=words("own_words"),
            loss_words=table("loss_words"),
            agent_verbs=table("agent_verbs"),
            retaliation_cues=table("retaliation_cues"),
            own_loss_cues=words("own_loss_cues"),
            non_assertive_cues=words("non_assertive_cues"),
            continuation_words=table("continuation_words"),
            tally_words=table("tally_words"),
            supply_words=table("supply_words"),
            deployment_words=table("deployment_words"),
            destruction_words=table("destruction_words"),
            source_nouns=words("source_nouns"),
            official_words=table("official_words"),
            attack_nouns=attack_nouns,
            attack_verbs=table("attack_verbs"),
            attack_words=attack_nouns.firsts | _inflections(_strings(section, "attack_verbs")),
            return_words=table("return_words"),
            military_targets=table("military_targets"),
            party_countries={c: spec.side for spec in sides.specs.values() for c in spec.countries},
            target_nouns=table("target_nouns"),
            civilian_places=table("civilian_places"),
            launch_verbs=table("launch_verbs"),
            violation_verbs=table("violation_verbs"),
            truce_nouns=table("truce_nouns"),
            vague_equipment=bool(section.get("vague_equipment", False)),
            equipment_measures=equipment_measures,
        )


def _inflections(lemmas: Iterable[str]) -> frozenset[str]:
    """Regular English inflections of verb lemmas, normalised ("shell" -> shelled, shelling; "strike" ->
    struck, striking; "hit" -> hitting), for a cheap check that a sentence may hold one."""
    irregular = {"strike": ("struck", "stricken"), "hit": ("hit",), "shoot": ("shot",), "bombard": ()}
    forms: set[str] = set()
    for lemma in lemmas:
        w = lemma.lower()
        stem = w[:-1] if w.endswith("e") else w
        forms.update({w, w + "s", w + "ed", w + "d", stem + "ing", w + w[-1] + "ing", w + w[-1] + "ed",
                      *irregular.get(w, ())})
    return frozenset(normalise(f) for f in forms)


def normalised(*words: str) -> frozenset[str]:
    """A set of words as the text's words are compared: normalised."""
    return frozenset(normalise(w) for w in words)


__all__ = [
    "MEASURES", "OUTCOMES", "PEOPLE_GROUPS", "MeasureVocabulary", "Phrase", "PhraseTable", "SidePhrases", "normalise",
    "normalised", "split_phrase",
]
