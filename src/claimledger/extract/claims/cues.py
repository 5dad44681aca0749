"""The profile's reporting cues (cues.yaml), parsed and checked for the claims component."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...errors import ConfigError
from ...profiles import Profile


@dataclass(frozen=True, slots=True)
class VerbCue:
    stance: str = "asserts"
    hedged: bool = False
    strict: bool = False
    source_only: bool = False
    particles: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()  # the verb reports only with one of these as its object ("put the toll at")
    carrier: bool = False  # "X was quoted by Y as saying": X speaks, Y carries the words
    audience: bool = False  # "X told Reuters": an outlet told also reports the words


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The profile's ``cues`` section, parsed and checked."""

    verbs: Mapping[str, VerbCue]
    participles: frozenset[str]
    impersonal: frozenset[str]
    raising: frozenset[str]
    hedge_words: frozenset[str]
    outlet_hedges: frozenset[str]
    evidence_notes: tuple[str, ...]
    unverified_notes: frozenset[str]
    source_nouns: frozenset[str]
    claimant_nouns: Mapping[str, str]
    according_to: tuple[str, ...]
    anonymity_words: frozenset[str] = frozenset()

    @classmethod
    def from_profile(cls, profile: Profile) -> CueLexicon:
        section = profile.section("cues")
        if not isinstance(section, Mapping):
            raise ConfigError(f"Profile {profile.name}: cues.yaml must be a mapping", code="CL107")
        verbs: dict[str, VerbCue] = {}
        for lemma, flags in (section.get("verbs") or {}).items():
            flags = flags or {}
            if not isinstance(flags, Mapping):
                raise ConfigError(f"Profile {profile.name}: cues.yaml verb {lemma!r} needs a mapping of flags",
                                  code="CL107")
            verbs[str(lemma)] = VerbCue(stance=str(flags.get("stance", "asserts")), hedged=bool(flags.get("hedged")),
                                        strict=bool(flags.get("strict")), source_only=bool(flags.get("source_only")),
                                        particles=tuple(str(p) for p in flags.get("particles") or ()),
                                        kinds=tuple(str(k) for k in flags.get("kinds") or ()),
                                        objects=tuple(str(o).lower() for o in flags.get("objects") or ()),
                                        carrier=bool(flags.get("carrier")), audience=bool(flags.get("audience")))

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in section.get(key) or ())

        notes = tuple(sorted((str(n).lower() for n in section.get("evidence_notes") or ()), key=len, reverse=True))
        return cls(verbs=verbs, participles=words("participles"), impersonal=words("impersonal"),
                   raising=words("raising"), hedge_words=words("hedge_words"),
                   outlet_hedges=words("outlet_hedges"), evidence_notes=notes,
                   unverified_notes=words("unverified_notes"), source_nouns=words("source_nouns"),
                   claimant_nouns={str(k).lower(): str(v) for k, v in (section.get("claimant_nouns") or {}).items()},
                   according_to=tuple(str(a).lower() for a in section.get("according_to") or ()),
                   anonymity_words=words("anonymity_words"))
