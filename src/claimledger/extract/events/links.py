"""Step 6 of the events component (``component.py``): attach figures and claims to the article's events.

Each figure joins the event mentioned in its sentence (by measure: equipment to a tally; people to
strikes, tallies, deployments), else the last event of the two sentences before; each claim joins the
event of its content's sentence (else the sentence before). ``event_id`` is set on claims and figures
with ``dataclasses.replace`` and the ids are listed on the events.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...records import Claim, EventMention, EventPolicy, Figure

if TYPE_CHECKING:
    from .merging import DraftEvent, Mention


def link(records: list[EventMention], events: Sequence[DraftEvent], figures: list[Any], claims: list[Any],
         sent_starts: list[int], policy: EventPolicy) -> tuple[list[EventMention], list[Any], list[Any]]:
    """Attach figures and claims to events; returns the updated lists."""
    if not records:
        return records, figures, claims
    by_sent: dict[int, list[tuple[int, Mention]]] = {}
    for n, event in enumerate(events):
        for m in event.mentions:
            by_sent.setdefault(m.sent, []).append((n, m))
    figure_ids: dict[int, list[str]] = {}
    claim_ids: dict[int, list[str]] = {}
    new_figures: list[Any] = []
    for fig in figures:
        k = _event_for(fig, by_sent, sent_starts, events, policy) if isinstance(fig, Figure) else None
        if k is None:
            new_figures.append(fig)
            continue
        figure_ids.setdefault(k, []).append(fig.id)
        new_figures.append(dataclasses.replace(fig, event_id=records[k].id))
    new_claims: list[Any] = []
    for claim in claims:
        found: int | None = None
        if isinstance(claim, Claim):
            sent = bisect.bisect_right(sent_starts, claim.content.start) - 1
            for s in (sent, sent - 1):
                here = by_sent.get(s)
                if here:
                    found = min(here, key=lambda nm: abs(nm[1].trigger.start - claim.content.start))[0]
                    break
        if found is None:
            new_claims.append(claim)
            continue
        claim_ids.setdefault(found, []).append(claim.id)
        new_claims.append(dataclasses.replace(claim, event_id=records[found].id))
    records = [dataclasses.replace(r, figure_ids=tuple(figure_ids.get(n, ())), claim_ids=tuple(claim_ids.get(n, ())))
               if n in figure_ids or n in claim_ids or r.figure_ids or r.claim_ids else r
               for n, r in enumerate(records)]
    return records, new_figures, new_claims


def _event_for(fig: Figure, by_sent: Mapping[int, list[tuple[int, Mention]]], sent_starts: list[int],
               events: Sequence[DraftEvent], policy: EventPolicy) -> int | None:
    sent = bisect.bisect_right(sent_starts, fig.number.start) - 1
    for s in (sent, sent - 1, sent - 2):
        here = by_sent.get(s, [])
        if not here:
            continue
        ranked = sorted(here, key=lambda nm: (-_measure_fit(fig.measure, events[nm[0]].type, policy),
                                              abs(nm[1].trigger.start - fig.number.start)))
        if _measure_fit(fig.measure, events[ranked[0][0]].type, policy) > 0 or s == sent:
            return ranked[0][0]
    return None


def _measure_fit(measure: str, type_: str, policy: EventPolicy) -> int:
    if measure in policy.equipment:
        return {"losses_tally": 3, "strike": 1, "casualty_report": 1}.get(type_, 0)
    if measure == "troops":
        return {"deployment": 3, "strike": 2, "capture": 1}.get(type_, 0)
    if measure in ("explosions", "strikes"):
        return {"strike": 3}.get(type_, 0)
    return {"strike": 3, "casualty_report": 3, "losses_tally": 2, "capture": 1}.get(type_, 0)
