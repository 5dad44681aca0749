"""Assessment: events and their figures -> contradictions (status and official
tally checks build on these)."""

from __future__ import annotations

from .contradictions import RELATIVE_TOLERANCE, find_contradictions, interval

__all__ = ["RELATIVE_TOLERANCE", "find_contradictions", "interval"]
