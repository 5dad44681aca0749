"""The profile's assessment words (``<profile>/assess/cues.yaml``): rates and on-site findings.

``assessment_cues(profile)`` parses and validates the file into an ``AssessCues`` record
(``records.py``); the file's header documents each list. A profile without the file gets
empty lists (no figure is taken for a rate, no claim for a debunk). The file sits in a
subdirectory so that the extractor version, which digests the top-level YAML, does not
change with it; the linker version digests it instead (changing it recomputes contradictions).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from ..errors import ConfigError
from ..records import AssessCues
from . import Profile

CUES_FILE = "assess/cues.yaml"
KEYS = ("rate_before", "rate_after", "time_relations", "absence", "on_site")


def _bad(profile: Profile, what: str) -> ConfigError:
    return ConfigError(f"{CUES_FILE} of profile {profile.name!r}: {what}", code="CL107")


def assessment_cues(profile: Profile) -> AssessCues:
    """The validated ``AssessCues`` of ``profile`` (raises ``ConfigError`` CL107 on a bad file)."""
    path = profile.path / CUES_FILE
    if not path.is_file():
        return AssessCues()
    try:
        section: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise _bad(profile, f"cannot be read: {exc}") from exc
    if not isinstance(section, Mapping):
        raise _bad(profile, "must be a mapping of the keys " + ", ".join(KEYS))
    unknown = sorted(str(k) for k in section if k not in KEYS)
    if unknown:
        raise _bad(profile, f"unknown keys {unknown}; the keys are {list(KEYS)}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in KEYS:
        value = section.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _bad(profile, f"{key} must be a list of phrases, found {value!r}")
        lists[key] = tuple(dict.fromkeys(" ".join(v.casefold().split()) for v in value))
    return AssessCues(**lists)
