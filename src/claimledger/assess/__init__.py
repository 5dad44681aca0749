"""Assessment: events and their figures -> contradictions (figures: ``contradictions.py``; denials and
on-site debunks: ``denials.py``), the status of events and figures
(``status.py``), each claimant's figures with their revisions (``revisions.py``), and checks of
quoted tallies against official series (``tallies.py``); a ceasefire's declaration, rejection and
alleged violations in order (``ceasefires.py``)."""

from __future__ import annotations

from .ceasefires import CeasefireChain, ceasefire_chains, timeline
from .contradictions import RELATIVE_TOLERANCE, agree, find_contradictions, interval, rate, relays
from .denials import find_debunks, find_denials
from .revisions import ClaimantFigures, side_by_side
from .status import STATUSES, event_status, figure_statuses

VERSION = "3"  # bump when a rule changes what is stored with linked events (contradictions)

__all__ = ["RELATIVE_TOLERANCE", "STATUSES", "VERSION", "CeasefireChain", "ClaimantFigures", "agree",
           "ceasefire_chains", "event_status", "figure_statuses", "find_contradictions", "find_debunks", "find_denials",
           "interval", "rate", "relays", "side_by_side", "timeline"]
