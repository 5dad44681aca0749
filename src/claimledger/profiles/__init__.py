"""Conflict profiles: conflict knowledge as data, one directory of YAML files each.

A profile directory holds one file per section; every section is optional:

    sides.yaml      the parties, their opposites and countries, and the one list of words
                    that name each side (extract/vocabulary/sides.py; every component)
    actors.yaml     people, organisations, collectives: canonical name, aliases,
                    epithets, side, kind (owned by extract/claims/actors.py)
    cues.yaml       reporting verbs, hedges, denials, evidence notes (extract/claims/)
    measures.yaml   counted things -> measure, side words (extract/figures/)
    places.yaml     place supplements, transliterations, stoplist (extract/vocabulary/gazetteer.py)
    events.yaml     event triggers and their types (extract/events/)
    event_types.yaml  how event types behave: families, place-bound, speech, past, physical and
                    date-only types, equipment measures (policy.py; extract/ and link/)
    acled.yaml      our event types as ACLED's event and sub-event types (acled.py; the ACLED-style
                    export only, so editing it re-extracts nothing)

A new conflict is a new directory; no conflict names live in code. Each stage
module parses and validates its own section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

BUNDLED = Path(__file__).resolve().parent
SECTIONS = ("sides", "actors", "cues", "measures", "places", "events", "event_types")  # what extraction reads


@dataclass(frozen=True, slots=True)
class Profile:
    """A loaded profile. ``sections`` maps a section name to its parsed YAML."""

    name: str
    path: Path
    sections: Mapping[str, Any] = field(default_factory=dict)
    version: str = "0"
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes of the conflict's countries

    def section(self, name: str) -> Any:
        """The parsed section, or an empty mapping when the profile has none."""
        return self.sections.get(name) or {}


def available() -> list[str]:
    """Names of the bundled profiles."""
    return sorted(p.name for p in BUNDLED.iterdir() if p.is_dir() and (p / "profile.yaml").exists())


def resolve(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.is_dir():
        return path.resolve()
    bundled = BUNDLED / name_or_path
    if bundled.is_dir():
        return bundled
    raise ConfigError(
        f"No conflict profile {name_or_path!r}: give a bundled name ({', '.join(available()) or 'none'}) "
        "or the path of a profile directory",
        code="CL105",
    )


@lru_cache(maxsize=8)
def _load(path: Path) -> Profile:
    sections: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for file in sorted(path.glob("*.yaml")):
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"Profile file {file} cannot be read: {exc}", code="CL106") from exc
        if file.stem == "profile":
            meta = data or {}
        else:
            sections[file.stem] = data
    return Profile(name=str(meta.get("name", path.name)), path=path, sections=sections,
                   version=str(meta.get("version", "0")),
                   countries=tuple(str(c).upper() for c in meta.get("countries") or ()))


def load_profile(name_or_path: str) -> Profile:
    """Load a profile by bundled name or directory path (cached per process; read-only)."""
    return _load(resolve(name_or_path))
