"""Linking: event mentions across articles -> events (contradictions and
corroboration across outlets build on these)."""

from __future__ import annotations

from .events import (
    VERSION,
    LinkedGroup,
    Linker,
    blocks,
    build_event,
    link_events,
    name_groups,
    new_event_id,
    places_compatible,
)

__all__ = ["VERSION", "LinkedGroup", "Linker", "blocks", "build_event", "link_events", "name_groups",
           "new_event_id", "places_compatible"]
