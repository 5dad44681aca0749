"""The sides of a conflict and the words that name them: one list, read by every component.

A profile's ``sides.yaml`` (schema at its top) declares each party: the label an
event gives it as an actor, the side it fights, the countries whose places stand
for it, and the words that name it ("Russian", "Kyiv's forces", "occupiers").
``Sides.from_profile(profile)`` parses and checks it (each component once); actors,
figures and events all match side words through it, so a word added there
counts everywhere.

Matching rule for a side word: a word written with a capital letter matches
only with that capital, or in all capitals as in a headline ("Russian",
"RUSSIAN", not "russian"), so an acronym never matches an ordinary word ("US"
is not "us", "Polish" is not "polish"); a word written in lower case matches in
any case ("occupiers", "Occupiers").

Besides the profile's parties, three sides always exist: ``other_state`` (any
state that is no party, and the side of every country the profile does not
list), ``independent`` and ``unknown``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import ConfigError
from ...profiles import Profile

FIXED_SIDES = ("other_state", "independent", "unknown")
OTHER_STATE = "other_state"


def _fold(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def _needs_capital(word: str) -> bool:
    return any(ch.isupper() for ch in word)


def case_fits(written: str, text: str) -> bool:
    """Whether ``text`` has the case the side word ``written`` asks for (the module's matching rule):
    an acronym ("US") only in capitals, a capitalised word with its capital (or in all capitals),
    a lower-case word in any case. Only the case is compared, not the letters."""
    if not _needs_capital(written):
        return True
    letters = [ch for ch in written if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return text.isupper()
    return text[:1].isupper()


def written_as(written: str, text: str) -> bool:
    """Whether ``text`` is the side word ``written`` under the matching rule."""
    return _fold(written) == _fold(text) and case_fits(written, text)


@dataclass(frozen=True, slots=True)
class SideSpec:
    """One party of the conflict, as ``sides.yaml`` declares it."""

    side: str
    label: str
    opposite: str | None = None
    countries: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sides:
    """The profile's sides; ``words`` maps each side word, as written, to its side."""

    specs: Mapping[str, SideSpec] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)
    folded: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # lower case -> (written, side)

    @classmethod
    def from_section(cls, section: Any, where: str = "sides.yaml") -> Sides:
        """Parse a ``sides`` section. Raises ConfigError (CL107) on a malformed one."""
        if section in (None, {}):
            return cls()
        if not isinstance(section, Mapping) or not isinstance(section.get("sides"), Mapping):
            raise ConfigError(f"{where} must hold a 'sides' mapping: side -> {{label, opposite, countries, words}}",
                              code="CL107")
        specs: dict[str, SideSpec] = {}
        words: dict[str, str] = {}
        for name, entry in section["sides"].items():
            side = str(name)
            entry = entry or {}
            if not isinstance(entry, Mapping):
                raise ConfigError(f"{where}: side {side!r} must be a mapping", code="CL107")
            listed = entry.get("words") or []
            countries = entry.get("countries") or []
            if not isinstance(listed, list) or not isinstance(countries, list):
                raise ConfigError(f"{where}: {side}.words and {side}.countries must be lists", code="CL107")
            opposite = entry.get("opposite")
            specs[side] = SideSpec(side=side, label=str(entry.get("label") or side),
                                   opposite=None if opposite is None else str(opposite),
                                   countries=tuple(str(c).upper() for c in countries),
                                   words=tuple(str(w) for w in listed))
            for word in listed:
                key = " ".join(str(word).split())
                if key in words and words[key] != side:
                    raise ConfigError(f"{where}: {key!r} is listed for both {words[key]} and {side}", code="CL107")
                words[key] = side
        known = set(specs) | set(FIXED_SIDES)
        for spec in specs.values():
            if spec.opposite is not None and spec.opposite not in known:
                raise ConfigError(f"{where}: {spec.side}.opposite {spec.opposite!r} is not a side "
                                  f"({', '.join(sorted(known))})", code="CL107")
        folded: dict[str, list[tuple[str, str]]] = {}
        for written, side in words.items():
            folded.setdefault(_fold(written), []).append((written, side))
        return cls(specs=specs, words=words, folded={k: tuple(v) for k, v in folded.items()})

    @classmethod
    def from_profile(cls, profile: Profile) -> Sides:
        """The profile's ``sides`` section, parsed (cheap: each component does it once)."""
        return cls.from_section(profile.section("sides"), where=f"profile {profile.name}: sides.yaml")

    # ------------------------------------------------------------ vocabulary
    @property
    def vocabulary(self) -> frozenset[str]:
        """Every side a claimant or an actor may have under this profile."""
        return frozenset(self.specs) | frozenset(FIXED_SIDES)

    @property
    def opposites(self) -> dict[str, str]:
        """Side -> the side it fights, for the parties that fight one."""
        return {s.side: s.opposite for s in self.specs.values() if s.opposite}

    def label(self, side: str) -> str:
        spec = self.specs.get(side)
        return spec.label if spec is not None else side

    def country_side(self, country: str | None) -> str | None:
        """The side an ISO 3166-1 country code stands for: a party's, else ``other_state``; None for no code."""
        if not country:
            return None
        code = country.upper()
        for spec in self.specs.values():
            if code in spec.countries:
                return spec.side
        return OTHER_STATE

    def party_of_country(self, country: str | None) -> str | None:
        """The party whose countries include ``country`` (no ``other_state`` fallback)."""
        code = (country or "").upper()
        return next((s.side for s in self.specs.values() if code and code in s.countries), None)

    def side_of_word(self, text: str) -> str | None:
        """The side a single word (a token, "'s" stripped) names under the matching rule, else None."""
        word = text.removesuffix("'s").removesuffix("\u2019s")
        side = self.words.get(word)
        if side is not None:
            return side
        for written, found in self.folded.get(_fold(word), ()):
            if written_as(written, word):
                return found
        return None


def phrase_patterns(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """Side words split for a regular expression under the matching rule: (the forms matched exactly,
    capitalised words and their all-capitals forms; the words matched in any case)."""
    exact = [form for w in words if _needs_capital(w) for form in dict.fromkeys((w, w.upper()))]
    loose = [w for w in words if not _needs_capital(w)]
    return exact, loose


__all__ = ["FIXED_SIDES", "OTHER_STATE", "SideSpec", "Sides", "case_fits", "phrase_patterns", "written_as"]
