"""Assessment: events and their figures -> contradictions, the status of events and figures
(``status.py``), each claimant's figures with their revisions (``revisions.py``), and checks of
quoted tallies against official series (``tallies.py``)."""

from __future__ import annotations

from .contradictions import RELATIVE_TOLERANCE, agree, find_contradictions, interval, relays
from .revisions import ClaimantFigures, side_by_side
from .status import STATUSES, event_status, figure_statuses

__all__ = ["RELATIVE_TOLERANCE", "STATUSES", "ClaimantFigures", "agree", "event_status", "figure_statuses",
           "find_contradictions", "interval", "relays", "side_by_side"]
