"""Linking: event mentions across articles -> events (contradictions and
corroboration across outlets build on these)."""

from __future__ import annotations

from .events import link_events, places_compatible

__all__ = ["link_events", "places_compatible"]
