"""The profile's event-type policy (``event_types.yaml``): one place for how event types behave.

``event_policy(profile)`` parses and validates the section into an ``EventPolicy``
record (``records.py``). Every type it names must be an event type of the profile's
``events.yaml`` (a key of ``types``, or one of its subtypes such as
``ceasefire_declared``); every list holds strings. A profile without the file gets
an empty policy (every type its own family, none place-bound, ...).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..errors import ConfigError
from ..records import EventPolicy, LinkScoring
from . import Profile

SETS = ("place_bound", "date_only", "speech", "past", "physical", "exact_day")
FAMILIES = ("merge_families", "link_families")
KNOWN = frozenset((*SETS, *FAMILIES, "equipment", "scoring"))
SCORING_FIELDS = {f.name: f for f in dataclasses.fields(LinkScoring)}


def _bad(profile: Profile, what: str) -> ConfigError:
    return ConfigError(f"event_types.yaml of profile {profile.name!r}: {what}", code="CL107")


def _names(profile: Profile, key: str, value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _bad(profile, f"{key} must be a list of names, found {value!r}")
    return frozenset(value)


def event_policy(profile: Profile) -> EventPolicy:
    """The validated ``EventPolicy`` of ``profile`` (raises ``ConfigError`` CL107 on a bad file)."""
    section = profile.section("event_types")
    if not isinstance(section, Mapping):
        raise _bad(profile, "must be a mapping of the keys " + ", ".join(sorted(KNOWN)))
    unknown = sorted(str(k) for k in section if k not in KNOWN)
    if unknown:
        raise _bad(profile, f"unknown keys {unknown}; the keys are {sorted(KNOWN)}")
    events = profile.section("events")
    declared = {str(t) for t in (events.get("types") or {})} if isinstance(events, Mapping) else set()

    def check(key: str, names: frozenset[str]) -> frozenset[str]:
        stray = sorted(n for n in names if declared and n not in declared
                       and not any(n.startswith(t + "_") for t in declared))
        if stray:
            raise _bad(profile, f"{key} names {stray}, which are no event types of events.yaml")
        return names

    families: dict[str, dict[str, str]] = {}
    for key in FAMILIES:
        value = section.get(key) or {}
        if not isinstance(value, Mapping):
            raise _bad(profile, f"{key} must map a family name to its types, found {value!r}")
        table: dict[str, str] = {}
        for name, members in value.items():
            for member in check(key, _names(profile, f"{key}.{name}", members)):
                if member in table:
                    raise _bad(profile, f"{key}: {member!r} is in two families ({table[member]!r}, {name!r})")
                table[member] = str(name)
        families[key] = table
    return EventPolicy(
        merge_families=families["merge_families"], link_families=families["link_families"],
        **{key: check(key, _names(profile, key, section.get(key))) for key in SETS},
        equipment=_names(profile, "equipment", section.get("equipment")),
        scoring=_scoring(profile, section.get("scoring")),
    )


def _scoring(profile: Profile, value: Any) -> LinkScoring:
    """The ``scoring`` section: weights and thresholds of ``LinkScoring``, each a number (``window_days``
    and ``names_full`` whole numbers), ``date_confidence`` a mapping of date bases to numbers in [0, 1]."""
    if value is None:
        return LinkScoring()
    if not isinstance(value, Mapping):
        raise _bad(profile, f"scoring must map weights to numbers, found {value!r}")
    unknown = sorted(str(k) for k in value if k not in SCORING_FIELDS)
    if unknown:
        raise _bad(profile, f"scoring: unknown keys {unknown}; the keys are {sorted(SCORING_FIELDS)}")
    parsed: dict[str, Any] = {}
    for key, number in value.items():
        if key == "date_confidence":
            if not isinstance(number, Mapping) or not all(
                    isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in number.values()):
                raise _bad(profile, "scoring.date_confidence must map date bases to numbers in [0, 1], "
                                    f"found {number!r}")
            parsed[key] = {str(k): float(v) for k, v in number.items()}
        elif key in ("window_days", "names_full"):
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise _bad(profile, f"scoring.{key} must be a whole number of at least 0, found {number!r}")
            parsed[key] = number
        else:
            if not isinstance(number, int | float) or isinstance(number, bool):
                raise _bad(profile, f"scoring.{key} must be a number, found {number!r}")
            parsed[key] = float(number)
    return LinkScoring(**parsed)
